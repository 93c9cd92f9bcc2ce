import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organisation.models import Level, RoleAssignment, School, SchoolYear, Sector
from organisation.roles import Role
from organisation.taxonomy import sync_taxonomy
from organisation.tests.factories import NetworkFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("brin", ["12AB", "00ZZ"])
def test_valid_brin_codes_pass(brin):
    school = School(name="X", brin=brin, city="Y", network=NetworkFactory())
    school.full_clean()


@pytest.mark.parametrize("brin", ["1AB2", "12ab", "ABCD", "123A", "12A"])
def test_invalid_brin_codes_get_a_dutch_message(brin, settings):
    from django.utils import translation

    school = School(name="X", brin=brin, city="Y", network=NetworkFactory())
    with translation.override("nl"), pytest.raises(ValidationError) as exc:
        school.full_clean()
    assert "twee cijfers gevolgd door twee hoofdletters" in str(exc.value.message_dict["brin"])


def test_taxonomy_is_shipped_as_data():
    assert Sector.objects.filter(kind=Sector.Kind.VMBO_PROFILE).count() == 10
    assert Sector.objects.filter(kind=Sector.Kind.HAVO_PROFILE).count() == 4
    domains = set(Sector.objects.filter(kind=Sector.Kind.DOMAIN).values_list("slug", flat=True))
    assert {
        "techniek",
        "zorg-en-welzijn",
        "economie",
        "groen",
        "creatief-ontwerp",
        "sport",
        "horeca-voeding",
        "dienstverlening",
        "ict-media",
        "bouw",
        "logistiek",
    } <= domains
    assert list(Level.objects.values_list("code", flat=True)) == ["vmbo-gl", "vmbo-tl", "havo"]
    zw = Sector.objects.get(slug="vmbo-zorg-welzijn")
    assert "zorg-en-welzijn" in set(zw.domains.values_list("slug", flat=True))


def test_taxonomy_sync_is_idempotent():
    before = Sector.objects.count()
    sync_taxonomy()
    sync_taxonomy()
    assert Sector.objects.count() == before


def test_current_school_year_is_derived_from_dates():
    y1 = SchoolYear.objects.create(
        name="2025-2026", start_date=datetime.date(2025, 8, 1), end_date=datetime.date(2026, 7, 31)
    )
    y2 = SchoolYear.objects.create(
        name="2026-2027", start_date=datetime.date(2026, 8, 1), end_date=datetime.date(2027, 7, 31)
    )
    assert SchoolYear.objects.current(datetime.date(2026, 3, 1)) == y1
    assert SchoolYear.objects.current(datetime.date(2026, 11, 25)) == y2
    # In the summer gap between years the most recent started year counts.
    assert SchoolYear.objects.current(datetime.date(2030, 1, 1)) == y2


def test_role_scope_must_match_role():
    user = UserFactory()
    school = SchoolFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, role=Role.TEACHER)  # teacher without a school
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=user, role=Role.NETWORK_COACH, school=school)
    RoleAssignment.objects.create(user=user, role=Role.TEACHER, school=school)
