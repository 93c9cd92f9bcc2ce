"""Personas that mirror the demo accounts, with a second school in a second
network so every test can ask "and the outsider?".

    world.leerling   student, school A (class 3A)      world.leerling2  student, school B
    world.docent     teacher, school A (mentor of 3A)  world.docent2    teacher, school B
    world.coordinator coordinator + teacher, school A  world.netwerkcoach coach of network A
    world.partner    contact of partner_org (region A) world.bureau     programme office
"""

from types import SimpleNamespace

import pytest

PERSONAS = ["leerling", "leerling2", "docent", "docent2", "coordinator", "netwerkcoach", "partner", "bureau"]


def build_world():
    from organisation import services
    from organisation.models import PartnerContact, Sector
    from organisation.roles import Role
    from organisation.tests.factories import (
        ClassGroupFactory,
        MembershipFactory,
        NetworkFactory,
        PartnerOrganisationFactory,
        SchoolFactory,
        SchoolYearFactory,
        UserFactory,
    )

    w = SimpleNamespace()
    w.year = SchoolYearFactory()
    w.network_a = NetworkFactory(name="Utrecht", slug="utrecht")
    w.network_b = NetworkFactory(name="Zuid-Holland", slug="zuid-holland")
    w.school_a = SchoolFactory(name="Vakcollege De Brug", brin="12AB", city="Amersfoort", network=w.network_a)
    w.school_b = SchoolFactory(name="Maascollege Het Baken", brin="34CD", city="Rotterdam", network=w.network_b)
    MembershipFactory(school=w.school_a)
    MembershipFactory(school=w.school_b)
    w.users = {}
    for name in PERSONAS:
        w.users[name] = UserFactory(username=name, first_name=name.capitalize(), last_name="Demo")
        setattr(w, name, w.users[name])
    w.class_a = ClassGroupFactory(school=w.school_a, school_year=w.year, name="3A", leerjaar=3, mentor=w.docent)
    w.class_b = ClassGroupFactory(school=w.school_b, school_year=w.year, name="2A", leerjaar=2, mentor=w.docent2)
    services.assign_role(w.docent, Role.TEACHER, school=w.school_a)
    services.assign_role(w.docent2, Role.TEACHER, school=w.school_b)
    services.assign_role(w.coordinator, Role.COORDINATOR, school=w.school_a)
    services.assign_role(w.coordinator, Role.TEACHER, school=w.school_a)
    services.assign_role(w.netwerkcoach, Role.NETWORK_COACH, network=w.network_a)
    services.assign_role(w.bureau, Role.OFFICE)
    w.bureau.is_staff = True
    w.bureau.is_superuser = True
    w.bureau.save()
    services.enrol_student(w.leerling, w.class_a)
    services.enrol_student(w.leerling2, w.class_b)
    w.classmate = UserFactory(username="klasgenoot", first_name="Klasgenoot")
    services.enrol_student(w.classmate, w.class_a)
    sectors = list(Sector.objects.filter(slug__in=["bouw", "techniek"]))
    w.partner_org = PartnerOrganisationFactory(name="Bouwbedrijf Van Dijk", networks=[w.network_a], sectors=sectors)
    w.partner_org_b = PartnerOrganisationFactory(name="Havenbedrijf", networks=[w.network_b], sectors=sectors)
    PartnerContact.objects.create(organisation=w.partner_org, user=w.partner, name="Partner Demo")
    services.assign_role(w.partner, Role.PARTNER, partner=w.partner_org)
    return w


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def login(client):
    """login(user) logs the test client in and returns it."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
