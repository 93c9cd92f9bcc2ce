"""Dashboards answer with a bounded number of queries that does not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import PERSONAS
from organisation.models import Membership
from organisation.services import enrol_student
from organisation.tests.factories import (
    ClassGroupFactory,
    PartnerOrganisationFactory,
    SchoolFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# The coordinator also teaches: two dashboards (teacher and coordinator) on one page.
MAX_QUERIES = 22


def _count(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/dashboard/")
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _grow(world, n=6):
    """More schools, classes, students and partners in every scope."""
    for _i in range(n):
        for network in (world.network_a, world.network_b):
            school = SchoolFactory(network=network)
            Membership.objects.create(
                school=school, status="actief", phase="licentie", commitment_start=world.year.start_date
            )
        for school in (world.school_a, world.school_b):
            cg = ClassGroupFactory(
                school=school,
                school_year=world.year,
                mentor=world.docent if school == world.school_a else world.docent2,
            )
            for _ in range(3):
                enrol_student(UserFactory(), cg)
        PartnerOrganisationFactory(networks=[world.network_a, world.network_b])


@pytest.mark.parametrize("persona", PERSONAS)
def test_dashboard_queries_are_bounded_and_do_not_grow(client, world, persona):
    user = world.users[persona]
    before = _count(client, user)
    _grow(world)
    user.refresh_from_db()
    after = _count(client, user)
    assert after <= MAX_QUERIES, f"{persona}: {after} queries"
    assert after == before, f"{persona}: {before} queries before, {after} after adding rows"


def test_each_role_sees_its_own_panels(client, world):
    expectations = {
        "leerling": ["Mijn school", "3A"],
        "docent": ["Mijn klassen", "3A"],
        "coordinator": ["Vakcollege De Brug", "Klassen en docenten"],
        "netwerkcoach": ["Scholen in mijn netwerk", "Vakcollege De Brug"],
        "bureau": ["Het consortium", "Scholen per netwerk"],
        "partner": ["Bouwbedrijf Van Dijk"],
    }
    for persona, texts in expectations.items():
        client.force_login(world.users[persona])
        html = client.get("/dashboard/").content.decode()
        for text in texts:
            assert text in html, f"{persona} misses {text!r}"
    client.force_login(world.leerling)
    assert "Maascollege" not in client.get("/dashboard/").content.decode()


def test_user_without_role_gets_guidance(client, db):
    client.force_login(UserFactory(username="nieuw"))
    html = client.get("/dashboard/").content.decode()
    assert "Je hebt nog geen rol op het platform." in html
