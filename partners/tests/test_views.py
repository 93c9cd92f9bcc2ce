"""Focused view tests: search, bounded queries, forms that keep input,
privacy of students towards partners, panels."""

import datetime

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from core.testing.forms import form_data
from organisation.access import get_scope
from organisation.models import Sector
from organisation.tests.factories import PartnerOrganisationFactory
from partners import panels
from partners.models import Attendance, Booking, BookingStatus, Feedback, OfferKind, PartnerProfile
from partners.tests.factories import BookingFactory, OfferFactory, booking_a, done_booking_a, offer_a, offer_b

pytestmark = pytest.mark.django_db


def test_search_filters_by_sector_kind_region_level_year_and_date(world, login):
    techniek = Sector.objects.get(slug="techniek")
    zorg = Sector.objects.get(slug="zorg-en-welzijn")
    visit = offer_a(world, title="Bouwplaats bezoeken", sectors=[techniek], leerjaar_min=3, leerjaar_max=4)
    lesson = offer_a(world, title="Gastles zorg", kind=OfferKind.GUEST_LESSON, sectors=[zorg], leerjaar_min=1,
                     leerjaar_max=2)  # fmt: skip
    far = offer_b(world, title="Haven bezoeken", sectors=[techniek])
    soon = timezone.localdate() + datetime.timedelta(days=5)
    dated = offer_a(world, title="Open dag", windows=[(soon, soon)], sectors=[techniek], leerjaar_min=3)
    client = login(world.docent)

    def titles(**params):
        response = client.get(reverse("partners:offer_list"), params)
        return {o.title for o in response.context["offers"]}

    # First visit: the teacher's own region.
    assert titles() == {visit.title, lesson.title, dated.title}
    assert titles(q="") >= {far.title}
    assert titles(q="", sector=techniek.pk) == {visit.title, far.title, dated.title}
    assert titles(q="", kind="gastles") == {lesson.title}
    assert titles(q="", network=world.network_b.pk) == {far.title}
    assert titles(q="", leerjaar=1) == {lesson.title, far.title}
    assert titles(q="", date=soon.isoformat()) >= {dated.title, visit.title}
    assert dated.title not in titles(q="", date=(soon + datetime.timedelta(days=1)).isoformat())
    assert titles(q="haven") == {far.title}


def test_distance_search_from_the_teachers_school(world, login):
    near = PartnerOrganisationFactory(name="Dichtbij", city="Amersfoort", networks=[world.network_b])
    far = PartnerOrganisationFactory(name="Ver weg", city="Maastricht", networks=[world.network_b])
    exact = PartnerOrganisationFactory(name="Exact", city="Onbekend dorp", networks=[world.network_b])
    PartnerProfile.objects.create(organisation=exact, latitude="52.2", longitude="5.4")
    for partner in (near, far, exact):
        OfferFactory(partner=partner, title=f"Bij {partner.name}")
    response = login(world.docent).get(reverse("partners:offer_list"), {"q": "Bij", "distance": 25})
    assert {o.partner.name for o in response.context["offers"]} == {"Dichtbij", "Exact"}
    assert "km van je school" in response.content.decode()


def test_offer_list_answers_htmx_with_the_results_fragment(world, login):
    offer_a(world, title="Bouwplaats bezoeken")
    response = login(world.docent).get(reverse("partners:offer_list"), {"q": "Bouw"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Bouwplaats bezoeken" in html and "<html" not in html


def test_offer_list_queries_are_bounded(world, login, django_assert_max_num_queries):
    client = login(world.docent)
    for _ in range(3):
        offer_a(world)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("partners:offer_list"))
    for _ in range(20):
        BookingFactory(offer=offer_a(world), class_group=world.class_a, requested_by=world.docent)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("partners:offer_list"))
    assert len(response.context["offers"]) == 23


def test_booking_list_queries_are_bounded(world, login, django_assert_max_num_queries):
    client = login(world.partner)
    booking_a(world)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("partners:booking_list"))
    for _ in range(15):
        booking_a(world)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("partners:booking_list"))
    assert len(response.context["bookings"]) == 16


def test_booking_form_keeps_input_and_explains_in_dutch(world, login):
    offer = offer_a(world, group_size_max=12)
    past = (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
    response = login(world.docent).post(
        reverse("partners:booking_create", args=[offer.pk]),
        {"class_group": world.class_a.pk, "group_size": 25, "preferred_date": past, "message": "Graag!"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze groep is te groot: er kunnen maximaal 12 leerlingen meedoen." in html
    assert 'value="25"' in html and "Graag!" in html
    response = login(world.docent).post(
        reverse("partners:booking_create", args=[offer.pk]),
        {"class_group": world.class_a.pk, "group_size": 10, "preferred_date": past},
    )
    assert "Deze datum is al voorbij of is vandaag." in response.content.decode()
    assert not Booking.objects.exists()


def test_partner_sees_school_teacher_and_size_but_no_student_names(world, login):
    booking = done_booking_a(world)
    Attendance.objects.create(booking=booking, student=world.classmate)
    Feedback.objects.create(booking=booking, author=world.leerling, author_role="leerling", rating=4, text="Leuk!")
    client = login(world.partner)
    html = client.get(reverse("partners:booking_detail", args=[booking.pk])).content.decode()
    assert "Vakcollege De Brug" in html and world.docent.display_name in html
    assert world.leerling.last_name not in html.replace(world.docent.last_name, "")  # both are "Demo" in the world
    assert world.leerling.first_name not in html and world.classmate.first_name not in html
    assert "2 leerlingen deden mee." in html and "een leerling" in html and "Leuk!" in html
    Booking.objects.filter(pk=booking.pk).update(share_first_names=True)
    html = client.get(reverse("partners:booking_detail", args=[booking.pk])).content.decode()
    assert world.leerling.first_name in html and world.classmate.first_name in html


def test_student_sees_own_visit_but_not_classmates_or_messages(world, login):
    booking = done_booking_a(world)
    Attendance.objects.create(booking=booking, student=world.classmate)
    Booking.objects.filter(pk=booking.pk).update(message="Interne notitie van de docent")
    html = login(world.leerling).get(reverse("partners:booking_detail", args=[booking.pk])).content.decode()
    assert world.classmate.first_name not in html
    assert "Interne notitie" not in html
    assert "Jouw feedback" in html


def _request(world):
    rf = RequestFactory().get("/dashboard/")
    return rf


@pytest.mark.parametrize("persona", ["partner", "docent", "netwerkcoach", "leerling"])
def test_panels_render_for_their_roles(world, persona, django_assert_max_num_queries):
    from django.template.loader import render_to_string

    day = timezone.localdate() - datetime.timedelta(days=2)
    done = done_booking_a(world)
    Booking.objects.filter(pk=done.pk).update(date=day)
    booking_a(world)
    booking_a(world, status=BookingStatus.CONFIRMED, date=day, preferred_date=day)
    user = world.users[persona]
    request = _request(world)
    request.user = user
    scope = get_scope(user)
    builders = {
        "partner": [panels.partner_requests, panels.partner_reach],
        "docent": [panels.teacher_bookings],
        "netwerkcoach": [panels.coach_coverage],
        "leerling": [panels.student_visits],
    }[persona]
    for build in builders:
        with django_assert_max_num_queries(12):
            context = build(request, scope)
        html = render_to_string(context["template"], context, request=request)
        assert "<section" in html
    if persona == "partner":
        figures = panels.partner_reach(request, scope)["figures"]
        assert figures["visits"] == 1 and figures["students"] == 1 and figures["schools"] == 1
    if persona == "docent":
        assert len(panels.teacher_bookings(request, scope)["to_close"]) == 1


def _management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def _offer_data(world, **extra):
    from organisation.models import Level

    return {
        "kind": OfferKind.GUEST_LESSON, "title": "Gastles bouw", "description": "Over bouwen.",
        "sectors": [Sector.objects.get(slug="techniek").pk], "levels": [Level.objects.order_by("order").first().pk],
        "leerjaar_min": 1, "leerjaar_max": 4, "group_size_min": 1, "group_size_max": 30, "duration_minutes": 60,
        "mode": "op_locatie", "capacity": 2, "capacity_period": "maand", "is_published": "on",
        **_management("windows", 2, 0), **extra,
    }  # fmt: skip


def test_offer_form_saves_the_offer_with_its_dates(world, login):
    from partners.models import Offer

    day = timezone.localdate() + datetime.timedelta(days=10)
    data = _offer_data(world, **{"windows-0-start_date": day.isoformat()})
    response = login(world.partner).post(reverse("partners:offer_create", args=[world.partner_org.pk]), data)
    offer = Offer.objects.get(title="Gastles bouw")
    assert response.status_code == 302 and response.url == reverse("partners:offer_detail", args=[offer.pk])
    assert offer.partner == world.partner_org and [s.slug for s in offer.sectors.all()] == ["techniek"]
    assert list(offer.windows.values_list("start_date", "end_date")) == [(day, day)]  # a single date


def test_offer_form_keeps_input_when_a_period_ends_before_it_starts(world, login):
    offer = offer_a(world, title="Oude titel")
    day = timezone.localdate() + datetime.timedelta(days=10)
    data = _offer_data(
        world,
        title="Nieuwe titel",
        **{
            "windows-0-start_date": day.isoformat(),
            "windows-0-end_date": (day - datetime.timedelta(days=2)).isoformat(),
        },
    )
    response = login(world.partner).post(reverse("partners:offer_edit", args=[offer.pk]), data)
    assert response.status_code == 200
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    offer.refresh_from_db()
    assert offer.title == "Oude titel"


def test_profile_form_saves_organisation_profile_and_contacts(world, login):
    from organisation.models import PartnerContact

    own = PartnerContact.objects.get(user=world.partner)
    spare = PartnerContact.objects.create(organisation=world.partner_org, name="Oud contact")
    contacts = [own, spare]
    data = {
        "org-name": "Bouwbedrijf Van Dijk BV", "org-kind": "bedrijf", "org-city": "Utrecht",
        "org-sectors": [s.pk for s in world.partner_org.sectors.all()], "org-networks": [world.network_a.pk],
        "profile-for_students": "Wij bouwen.", "profile-postcode": "3812ab",
        **_management("contacts", 3, 2),
        "contacts-2-name": "Nieuw contact", "contacts-2-email": "nieuw@vandijk.nl",
    }  # fmt: skip
    for i, contact in enumerate(contacts):
        data.update({f"contacts-{i}-id": contact.pk, f"contacts-{i}-name": contact.name, f"contacts-{i}-DELETE": "on"})
    url = reverse("partners:profile_edit", args=[world.partner_org.pk])
    page = form_data(login(world.partner).get(url), having="org-version")
    data.update({name: page[name] for name in ("org-version", "profile-version")})
    response = login(world.partner).post(url, data)
    assert response.status_code == 302
    world.partner_org.refresh_from_db()
    assert world.partner_org.name == "Bouwbedrijf Van Dijk BV"
    assert PartnerProfile.objects.get(organisation=world.partner_org).postcode == "3812 AB"
    # A contact with an account stays (the programme office manages those); the other goes.
    names = set(PartnerContact.objects.filter(organisation=world.partner_org).values_list("name", flat=True))
    assert names == {own.name, "Nieuw contact"}


def test_an_offer_title_with_a_bare_carriage_return_is_refused_in_dutch(world, login):
    """Issue 13, item 7: such a title made every booking e-mail of the offer fail."""
    from partners.models import Offer

    day = timezone.localdate() + datetime.timedelta(days=10)
    data = _offer_data(world, title="Gastles\rBcc: iemand@example.com", **{"windows-0-start_date": day.isoformat()})
    response = login(world.partner).post(reverse("partners:offer_create", args=[world.partner_org.pk]), data)
    assert response.status_code == 200
    assert "Houd dit op één regel" in response.content.decode()
    assert not Offer.objects.filter(partner=world.partner_org).exists()
