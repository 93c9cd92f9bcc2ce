"""Coverage on a small hand-made network: gaps per sector and kind, schools
that booked nothing this year, partners asked far more than the median."""

import datetime

import pytest

from organisation.models import Sector
from organisation.tests.factories import (
    ClassGroupFactory,
    NetworkFactory,
    PartnerOrganisationFactory,
    SchoolFactory,
    SchoolYearFactory,
    UserFactory,
)
from partners.coverage import network_coverage, overasked
from partners.models import BookingStatus, OfferKind
from partners.tests.factories import BookingFactory, OfferFactory


def test_overasked_is_far_above_the_median():
    median, flagged = overasked({"a": 0, "b": 1, "c": 1, "d": 2, "e": 9})
    assert median == 1
    assert flagged == [("e", 9)]
    assert overasked({"a": 2, "b": 3})[1] == []  # nobody far above
    assert overasked({"a": 0, "b": 0, "c": 2})[1] == []  # below the minimum of 3
    assert overasked({}) == (0, [])


@pytest.mark.django_db
def test_coverage_of_a_small_network():
    year = SchoolYearFactory()
    network = NetworkFactory(name="Klein")
    elsewhere = NetworkFactory(name="Ver weg")
    sector = {s.slug: s for s in Sector.objects.filter(kind=Sector.Kind.DOMAIN)}
    builder = PartnerOrganisationFactory(name="Bouwer", networks=[network], sectors=[sector["bouw"]])
    care = PartnerOrganisationFactory(name="Zorg", networks=[network], sectors=[sector["zorg-en-welzijn"]])
    quiet = PartnerOrganisationFactory(name="Stil", networks=[network], sectors=[sector["groen"]])
    far = PartnerOrganisationFactory(name="Ver", networks=[elsewhere], sectors=[sector["sport"]])
    visit = OfferFactory(partner=builder, kind=OfferKind.COMPANY_VISIT, sectors=[sector["bouw"]], capacity=20)
    OfferFactory(partner=builder, kind=OfferKind.GUEST_LESSON, sectors=[sector["bouw"], sector["techniek"]])
    OfferFactory(partner=care, kind=OfferKind.COMPANY_VISIT, sectors=[sector["zorg-en-welzijn"]])
    care_lesson = OfferFactory(partner=care, kind=OfferKind.GUEST_LESSON, sectors=[sector["zorg-en-welzijn"]])
    OfferFactory(partner=quiet, kind=OfferKind.JURY, sectors=[sector["groen"]], is_published=False)
    OfferFactory(partner=far, kind=OfferKind.COMPANY_VISIT, sectors=[sector["sport"]])

    busy, idle, last_year_only = (SchoolFactory(network=network, name=n) for n in ("Druk", "Leeg", "Vorig jaar"))
    SchoolFactory(network=elsewhere, name="Buiten het netwerk")
    teacher = UserFactory()
    in_year = year.start_date + datetime.timedelta(days=30)
    busy_class = ClassGroupFactory(school=busy, school_year=year)
    for i in range(6):
        BookingFactory(offer=visit, class_group=busy_class, requested_by=teacher, date=in_year, preferred_date=in_year,
                       status=BookingStatus.CONFIRMED if i % 2 else BookingStatus.REQUESTED)  # fmt: skip
    BookingFactory(offer=care_lesson, class_group=busy_class, requested_by=teacher, date=in_year,
                   preferred_date=in_year)  # fmt: skip
    # Last year's booking and a cancelled one do not count as "booked this year".
    old_class = ClassGroupFactory(school=last_year_only, school_year=year)
    last_year = year.start_date - datetime.timedelta(days=60)
    BookingFactory(offer=visit, class_group=old_class, requested_by=teacher, date=last_year, preferred_date=last_year)
    BookingFactory(offer=visit, class_group=old_class, requested_by=teacher, date=in_year, preferred_date=in_year,
                   status=BookingStatus.CANCELLED)  # fmt: skip

    coverage = network_coverage(network, year)

    rows = {r["sector"].slug: r for r in coverage.rows}
    cell = {(slug, c["kind"]): c["count"] for slug, r in rows.items() for c in r["cells"]}
    assert cell[("bouw", "bedrijfsbezoek")] == 1
    assert cell[("bouw", "gastles")] == 1
    assert cell[("techniek", "gastles")] == 1
    assert cell[("zorg-en-welzijn", "bedrijfsbezoek")] == 1
    assert cell[("groen", "jury")] == 0  # unpublished offers are not coverage
    assert cell[("sport", "bedrijfsbezoek")] == 0  # that partner is in another network
    gap_slugs = {s.slug for s in coverage.gap_sectors}
    assert {"groen", "sport", "economie", "onderwijs"} <= gap_slugs
    assert not {"bouw", "techniek", "zorg-en-welzijn"} & gap_slugs
    assert rows["groen"]["partners"] == 1  # a partner in the sector, but no offer: a gap to work on
    assert [s.name for s in coverage.idle_schools] == ["Leeg", "Vorig jaar"]
    assert coverage.num_schools == 3 and coverage.num_partners == 3
    # Bouwer: 7 requests this year (6 + the cancelled one), Zorg 1, Stil 0 -> median 1.
    assert coverage.median_requests == 1
    assert [(p.name, n) for p, n in coverage.overasked] == [("Bouwer", 7)]


@pytest.mark.django_db
def test_coverage_page_shows_gaps_chart_and_table(world, login, django_assert_max_num_queries):
    OfferFactory(partner=world.partner_org)
    client = login(world.netwerkcoach)
    with django_assert_max_num_queries(20):
        response = client.get("/partnernetwerk/dekking/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Partnerdekking in Utrecht" in html
    assert 'role="img"' in html and "<svg" in html
    assert "Scholen die dit schooljaar niets boekten" in html
    assert "Vakcollege De Brug" in html  # booked nothing
    assert "gap-row" in html
