"""Reflections are personal: the student and the coaches of their current
school. Private coach notes: coaches of that school only. A school move is an
enrolment change, the portfolio moves with the student."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from organisation import services as org_services
from organisation.tests.factories import ClassGroupFactory, UserFactory
from portfolio import access, services
from portfolio.export import SCHEMA_VERSION
from portfolio.models import Experience
from portfolio.tests.factories import reflected

pytestmark = pytest.mark.django_db

SECRET_REFLECTION = "Ik durf niet te zeggen dat ik de zorg eng vind"
SECRET_NOTE = "Thuissituatie: let op, vertrouwelijk"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def portfolio_a(world):
    experience = reflected(world.leerling, title="Gastles zorg", scores={"zorg-en-welzijn": 2})
    experience.reflection.about_me = SECRET_REFLECTION
    experience.reflection.save(update_fields=["about_me"])
    services.add_coach_note(world.docent, world.leerling, text=SECRET_NOTE)
    services.add_conversation(
        world.docent, world.leerling, date=timezone.localdate(), shared="Gastles besproken",
        next_step="Meeloopdag plannen", experience=experience,
    )  # fmt: skip
    return experience


@pytest.mark.parametrize("persona", ["leerling2", "docent2", "netwerkcoach", "partner", "bureau", "classmate"])
def test_outsiders_never_see_a_reflection(world, portfolio_a, persona):
    client = client_for(getattr(world, persona))
    detail = client.get(reverse("portfolio:experience_detail", args=[portfolio_a.pk]))
    assert detail.status_code == 404
    assert SECRET_REFLECTION not in detail.content.decode()
    assert client.get(reverse("portfolio:coach_student", args=[world.leerling.pk])).status_code == 404
    assert not access.visible_experiences(getattr(world, persona)).filter(pk=portfolio_a.pk).exists()


@pytest.mark.parametrize("persona", ["docent", "coordinator"])
def test_coaches_of_the_school_read_reflections_and_private_notes(world, portfolio_a, persona):
    client = client_for(getattr(world, persona))
    assert (
        SECRET_REFLECTION in client.get(reverse("portfolio:experience_detail", args=[portfolio_a.pk])).content.decode()
    )
    page = client.get(reverse("portfolio:coach_student", args=[world.leerling.pk])).content.decode()
    assert SECRET_NOTE in page
    assert "Niet gedeeld" in page and "Gedeeld met de leerling" in page


def test_the_student_never_sees_private_notes(world, portfolio_a):
    client = client_for(world.leerling)
    for url in [
        reverse("portfolio:home"),
        reverse("portfolio:experience_detail", args=[portfolio_a.pk]),
        reverse("portfolio:conversations"),
        reverse("portfolio:export"),
        reverse("portfolio:transfer"),
    ]:
        content = client.get(url).content.decode()
        assert SECRET_NOTE not in content, url
    # ... but does see the shared conversation and their own reflection.
    assert "Meeloopdag plannen" in client.get(reverse("portfolio:conversations")).content.decode()
    assert not access.visible_coach_notes(world.leerling).exists()
    assert access.visible_coach_notes(world.docent).count() == 1


def test_other_schools_coaches_do_not_see_private_notes(world, portfolio_a):
    assert not access.visible_coach_notes(world.docent2).exists()
    assert not access.visible_coach_notes(world.partner).exists()
    assert not access.visible_coach_notes(world.bureau).exists()


def test_school_move_moves_the_portfolio_not_a_copy(world, portfolio_a):
    new_class = ClassGroupFactory(school=world.school_b, school_year=world.year, name="3B", leerjaar=3)
    before = set(Experience.objects.filter(student=world.leerling).values_list("pk", flat=True))
    org_services.enrol_student(world.leerling, new_class)
    # The new school's coaches see the whole portfolio, the old school's no longer do.
    assert (
        client_for(world.docent2).get(reverse("portfolio:experience_detail", args=[portfolio_a.pk])).status_code == 200
    )
    assert (
        client_for(world.docent).get(reverse("portfolio:experience_detail", args=[portfolio_a.pk])).status_code == 404
    )
    assert client_for(world.docent).get(reverse("portfolio:coach_student", args=[world.leerling.pk])).status_code == 404
    assert set(Experience.objects.filter(student=world.leerling).values_list("pk", flat=True)) == before
    # The old school's private notes go with the enrolment: only the current school's coaches see them.
    assert access.visible_coach_notes(world.docent2).count() == 1
    assert not access.visible_coach_notes(world.docent).exists()
    # The student keeps everything.
    assert (
        SECRET_REFLECTION
        in client_for(world.leerling)
        .get(reverse("portfolio:experience_detail", args=[portfolio_a.pk]))
        .content.decode()
    )


def test_export_has_everything_of_the_student_and_no_private_notes(world, portfolio_a):
    services.endorse_qualities(world.docent, world.leerling, ["doorzetter"])
    response = client_for(world.leerling).get(reverse("portfolio:export"))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["student"]["username"] == "leerling"
    [experience] = data["experiences"]
    assert experience["reflection"]["about_me"] == SECRET_REFLECTION
    assert experience["affinity"] == [{"sector": "zorg-en-welzijn", "name": "Zorg en welzijn", "score": 2}]
    assert data["career_conversations"][0]["next_step"] == "Meeloopdag plannen"
    assert data["qualities_received"][0]["code"] == "doorzetter"
    assert SECRET_NOTE not in response.content.decode()


def test_another_student_is_not_a_coach(world):
    other = UserFactory(username="ander")
    org_services.enrol_student(other, world.class_a)
    assert not access.visible_experiences(other).filter(student=world.leerling).exists()
