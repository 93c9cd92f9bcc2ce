"""Browser journeys of the partner network (Dutch UI):
1. a partner keeps its profile and publishes an offer;
2. a teacher finds it and requests a booking;
3. the partner proposes another date, the teacher accepts, both calendars
   have it (.ics parsed back), e-mails go out on every step;
4. after the visit the teacher confirms attendance (portfolio signal),
   leaves feedback, and the partner sees its reach on the dashboard."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from core.signals import experience_happened
from organisation.models import PartnerContact, Sector
from partners.models import Attendance, Booking, BookingStatus, Feedback, Offer, PartnerProfile
from partners.tests.factories import OfferFactory, booking_a

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def iso(day):
    return day.isoformat()


def next_weekday(days):
    day = timezone.localdate() + datetime.timedelta(days=days)
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def test_partner_keeps_profile_and_publishes_an_offer(world, live_server, login_in_browser):
    page = login_in_browser("partner")
    page.get_by_role("navigation").get_by_role("link", name="Mijn aanbod").click()
    page.get_by_role("link", name="Profiel bewerken").click()
    page.get_by_label("Voor leerlingen").fill("Wij bouwen huizen. Je ziet timmerlieden en uitvoerders aan het werk.")
    page.get_by_label("Straat en huisnummer").fill("Industrieweg 12")
    page.get_by_label("Postcode").fill("12345")
    page.get_by_role("button", name="Profiel opslaan").click()
    expect(page.get_by_text("Vul een Nederlandse postcode in, bijvoorbeeld 3811 AB.")).to_be_visible()
    assert page.get_by_label("Straat en huisnummer").input_value() == "Industrieweg 12"  # input kept
    page.get_by_label("Postcode").fill("3812ab")
    page.get_by_role("button", name="Profiel opslaan").click()
    expect(page.get_by_text("Je profiel is opgeslagen.")).to_be_visible()
    profile = PartnerProfile.objects.get(organisation=world.partner_org)
    assert profile.postcode == "3812 AB" and "timmerlieden" in profile.for_students

    page.get_by_role("link", name="Nieuw aanbod").click()
    page.get_by_label("Soort aanbod").select_option(label="beroepsgesprek")
    page.get_by_label("Titel").fill("Interview een uitvoerder")
    page.get_by_label("Beschrijving").fill("In kleine groepjes interview je een uitvoerder over zijn werk.")
    page.get_by_label("vmbo-TL").check()
    start, end = next_weekday(10), next_weekday(3)
    page.locator("#id_windows-0-start_date").fill(iso(start))
    page.locator("#id_windows-0-end_date").fill(iso(end))
    page.get_by_label("Praktische informatie").fill("Online via Teams of op de bouwplaats.")
    page.get_by_role("button", name="Aanbod opslaan").click()
    expect(page.get_by_text("De einddatum ligt vóór de begindatum.")).to_be_visible()
    assert page.get_by_label("Titel").input_value() == "Interview een uitvoerder"
    page.locator("#id_windows-0-end_date").fill(iso(start + datetime.timedelta(days=60)))
    page.get_by_role("button", name="Aanbod opslaan").click()
    expect(page.get_by_text("Het aanbod is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("heading", name="Interview een uitvoerder")).to_be_visible()
    offer = Offer.objects.get(title="Interview een uitvoerder")
    assert offer.partner == world.partner_org and offer.kind == "beroepsgesprek"
    assert set(offer.sectors.values_list("slug", flat=True)) == {"bouw", "techniek"}  # prefilled from the profile
    assert offer.windows.get().end_date == start + datetime.timedelta(days=60)


def test_teacher_finds_an_offer_and_requests_a_booking(world, live_server, login_in_browser):
    PartnerContact.objects.filter(user=world.partner).update(email="karin@vandijk.nl")
    bouw = Sector.objects.get(slug="bouw")
    offer = OfferFactory(partner=world.partner_org, title="Kijkje op de bouwplaats", sectors=[bouw], group_size_max=25)
    OfferFactory(partner=world.partner_org, title="Gastles zorg", sectors=[Sector.objects.get(slug="zorg-en-welzijn")])
    earlier = booking_a(world, offer=offer, status=BookingStatus.COMPLETED)
    Feedback.objects.create(booking=earlier, author=world.coordinator, author_role="docent", rating=5,
                            text="Echt een aanrader voor de bouwklas.")  # fmt: skip
    page = login_in_browser("docent")
    page.get_by_role("navigation").get_by_role("link", name="Partneraanbod").click()
    page.get_by_label("Sector").select_option(label="Bouw en infra")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("link", name="Kijkje op de bouwplaats")).to_be_visible()
    assert page.get_by_role("link", name="Gastles zorg").count() == 0
    expect(page.get_by_text("1 school ging je voor")).to_be_visible()
    page.get_by_role("link", name="Kijkje op de bouwplaats").click()
    expect(page.get_by_text("Echt een aanrader voor de bouwklas.")).to_be_visible()
    page.get_by_role("link", name="Boeking aanvragen").click()

    page.get_by_label("Klas").select_option(label="3A · vmbo-TL · Vakcollege De Brug")
    page.get_by_label("Aantal leerlingen").fill("28")
    page.get_by_label("Voorkeursdatum").fill(iso(timezone.localdate() - datetime.timedelta(days=2)))
    page.get_by_label("Bericht aan de partner").fill("Wij werken aan een tiny house.")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_text("Deze groep is te groot: er kunnen maximaal 25 leerlingen meedoen.")).to_be_visible()
    assert page.get_by_label("Bericht aan de partner").input_value() == "Wij werken aan een tiny house."
    page.get_by_label("Aantal leerlingen").fill("22")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_text("Deze datum is al voorbij of is vandaag. Kies een datum na vandaag.")).to_be_visible()
    day = next_weekday(14)
    page.get_by_label("Voorkeursdatum").fill(iso(day))
    page.get_by_label("Project of teams").fill("Teams 1 en 2")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_text("Je aanvraag is verstuurd naar Bouwbedrijf Van Dijk.")).to_be_visible()
    expect(page.get_by_text("Aangevraagd").first).to_be_visible()
    booking = Booking.objects.get(offer=offer, status=BookingStatus.REQUESTED)
    assert (booking.group_size, booking.date, booking.teams_note) == (22, day, "Teams 1 en 2")
    assert [m.to for m in mail.outbox] == [["karin@vandijk.nl"]]


def test_partner_proposes_a_date_teacher_accepts_and_both_calendars_have_it(world, live_server, login_in_browser,
                                                                            browser):  # fmt: skip
    PartnerContact.objects.filter(user=world.partner).update(email="karin@vandijk.nl")
    offer = OfferFactory(partner=world.partner_org, title="Kijkje op de bouwplaats")
    first, other = next_weekday(10), next_weekday(17)
    booking = booking_a(world, offer=offer, preferred_date=first, date=first, start_time=datetime.time(10, 0))
    declined = booking_a(world, offer=offer, preferred_date=first, date=first)

    page = login_in_browser("partner")
    page.goto(f"{live_server.url}/partnernetwerk/boekingen/{declined.pk}/")
    page.get_by_role("button", name="Afwijzen").click()
    expect(page.get_by_text("Dit veld is verplicht.")).to_be_visible()
    page.get_by_role("textbox", name="Reden", exact=True).fill("Die week staat de bouwplaats stil.")
    page.get_by_role("button", name="Afwijzen").click()
    expect(page.get_by_text("De aanvraag is afgewezen.")).to_be_visible()

    page.goto(f"{live_server.url}/partnernetwerk/boekingen/{booking.pk}/")
    page.get_by_label("Voorgestelde datum").fill(iso(other))
    page.get_by_label("Bericht aan de school").fill("Dan kunnen jullie de kraan zien.")
    page.get_by_role("button", name="Deze datum voorstellen").click()
    expect(page.get_by_text("Je voorstel is naar de school gestuurd.")).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()

    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    teacher = context.new_page()
    login_in_browser("docent", on=teacher)
    teacher.goto(f"{live_server.url}/partnernetwerk/boekingen/{booking.pk}/")
    expect(teacher.get_by_role("heading", name="De partner stelt een andere datum voor")).to_be_visible()
    teacher.get_by_role("button", name="Nieuwe datum accepteren").click()
    expect(teacher.get_by_text("Je hebt de nieuwe datum geaccepteerd. De boeking is bevestigd.")).to_be_visible()
    history = teacher.locator(".timeline").inner_text()
    for step in ("Andere datum voorgesteld", "Voorgestelde datum geaccepteerd", "Dan kunnen jullie de kraan zien."):
        assert step in history
    # The .ics download parses and carries the new date and time.
    response = teacher.request.get(f"{live_server.url}/partnernetwerk/boekingen/{booking.pk}/agenda.ics")
    [event] = Calendar.from_ical(response.body()).walk("VEVENT")
    assert event.decoded("dtstart").date() == other and event.decoded("dtstart").hour == 10
    # The school's calendar page lists it and its subscribe link works without a session.
    teacher.goto(f"{live_server.url}/partnernetwerk/agenda/")
    expect(teacher.get_by_role("link", name="Bedrijfsbezoek: Bouwbedrijf Van Dijk")).to_be_visible()
    feed_url = teacher.get_by_label("Agendalink (houd hem voor jezelf)").input_value()
    anonymous = browser.new_context()
    feed = anonymous.request.get(feed_url)
    assert feed.status == 200
    assert len(Calendar.from_ical(feed.body()).walk("VEVENT")) == 1
    anonymous.close()
    context.close()

    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED and booking.date == other
    subjects = [m.subject for m in mail.outbox]
    assert any(s.startswith("Afgewezen") for s in subjects)
    assert any(s.startswith("Andere datum voorgesteld") for s in subjects)
    assert sum(s.startswith("Bevestigd") for s in subjects) == 2  # school and partner


def test_after_the_visit_attendance_feeds_the_portfolio_and_the_partners_reach(world, live_server, login_in_browser,
                                                                                browser):  # fmt: skip
    day = timezone.localdate() - datetime.timedelta(days=1)
    offer = OfferFactory(partner=world.partner_org, title="Kijkje op de bouwplaats")
    booking = booking_a(world, offer=offer, status=BookingStatus.CONFIRMED, preferred_date=day, date=day)
    received = []

    def receiver(sender, **kwargs):
        experience = kwargs["experience"]
        received.append((experience.student.pk, experience.kind, experience.source_key))

    experience_happened.connect(receiver)
    try:
        page = login_in_browser("docent")
        expect(page.get_by_text("Bevestig wie er waren")).to_be_visible()  # dashboard panel
        page.get_by_role("link", name=f"Bouwbedrijf Van Dijk · {day.day}").first.click()
        expect(page.get_by_role("heading", name="Wie waren er?")).to_be_visible()
        page.get_by_label(world.classmate.display_name).uncheck()
        page.get_by_label("Deel de voornamen van deze leerlingen met de partner").check()
        page.get_by_role("button", name="Aanwezigheid bevestigen").click()
        expect(page.get_by_text("Aanwezigheid opgeslagen.")).to_be_visible()
        page.get_by_label("4 – goed").check()
        page.get_by_label("Jouw feedback").fill("Goed voorbereid, leerlingen mochten zelf meten.")
        page.get_by_role("button", name="Feedback versturen").click()
        expect(page.get_by_text("Bedankt! De partner kan je feedback lezen.")).to_be_visible()
    finally:
        experience_happened.disconnect(receiver)
    attendance = Attendance.objects.get(booking=booking)
    assert attendance.student == world.leerling
    assert received == [(world.leerling.pk, "bedrijfsbezoek", f"partners.attendance:{attendance.pk}")]

    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    partner = context.new_page()
    login_in_browser("partner", on=partner)
    reach = partner.locator("section", has=partner.get_by_role("heading", name="Jullie bereik"))
    assert "1\nbezoeken en lessen" in reach.inner_text()
    assert "1\nleerlingen bereikt" in reach.inner_text()
    assert "Goed voorbereid, leerlingen mochten zelf meten." in reach.inner_text()
    partner.goto(f"{live_server.url}/partnernetwerk/boekingen/{booking.pk}/")
    html = partner.content()
    assert world.leerling.first_name in html  # shared on purpose: first name only
    assert world.classmate.first_name not in html
    context.close()
