"""iCalendar output, parsed back with the maintained ``icalendar`` library."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from partners import services
from partners.models import BookingStatus, CalendarFeed
from partners.tests.factories import booking_a, booking_b, offer_a


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def events(calendar):
    return [c for c in calendar.walk("VEVENT")]


@pytest.fixture
def confirmed(world):
    day = timezone.localdate() + datetime.timedelta(days=12)
    return booking_a(
        world,
        status=BookingStatus.CONFIRMED,
        preferred_date=day,
        date=day,
        start_time=datetime.time(9, 30),
        teams_note="Teams 1 t/m 4",
    )


def test_booking_download_is_a_valid_calendar(world, confirmed, login):
    response = login(world.docent).get(reverse("partners:booking_ics", args=[confirmed.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    cal = parse(response)
    [event] = events(cal)
    assert str(event["uid"]) == f"booking-{confirmed.pk}@techmakers"
    start = event.decoded("dtstart")
    assert start.date() == confirmed.date and (start.hour, start.minute) == (9, 30)
    assert str(start.tzinfo) == "Europe/Amsterdam"
    assert event.decoded("dtend") - start == datetime.timedelta(minutes=confirmed.offer.duration_minutes)
    assert "Bouwbedrijf Van Dijk" in str(event["summary"])
    assert str(event["status"]) == "CONFIRMED"
    assert cal.walk("VTIMEZONE"), "a timed event needs its VTIMEZONE"


def test_all_day_when_no_start_time(world, login):
    day = timezone.localdate() + datetime.timedelta(days=5)
    booking = booking_a(world, status=BookingStatus.CONFIRMED, preferred_date=day, date=day)
    [event] = events(parse(login(world.docent).get(reverse("partners:booking_ics", args=[booking.pk]))))
    assert event.decoded("dtstart") == day
    assert event.decoded("dtend") == day + datetime.timedelta(days=1)


def test_partner_feed_by_token_without_a_session_and_without_student_names(world, confirmed):
    from partners.models import Attendance

    Attendance.objects.create(booking=confirmed, student=world.leerling)
    booking_a(world)  # a request: not in any calendar
    booking_b(world, status=BookingStatus.CONFIRMED)  # another partner: not in this feed
    feed = services.feed_for(partner=world.partner_org)
    response = Client().get(reverse("partners:partner_feed", args=[feed.token]))
    assert response.status_code == 200
    cal = parse(response)
    assert str(cal["x-wr-calname"]) == "TechMakers-bezoeken Bouwbedrijf Van Dijk"
    [event] = events(cal)
    text = response.content.decode()
    assert "Vakcollege De Brug" in str(event["summary"])
    assert world.docent.display_name in str(event["description"])  # the teacher's name is fine
    # World users share the last name "Demo"; the student's first name must not appear.
    assert world.leerling.first_name not in text and world.leerling.username not in text


def test_school_feed_lists_the_schools_confirmed_visits(world, confirmed):
    other = offer_a(world)
    day = timezone.localdate() + datetime.timedelta(days=40)
    booking_a(world, offer=other, status=BookingStatus.CONFIRMED, preferred_date=day, date=day)
    booking_b(world, status=BookingStatus.CONFIRMED)
    feed = services.feed_for(school=world.school_a)
    cal = parse(Client().get(reverse("partners:school_feed", args=[feed.token])))
    assert len(events(cal)) == 2


def test_wrong_or_renewed_token_is_404(world, confirmed, login):
    feed = services.feed_for(school=world.school_a)
    old = feed.token
    assert Client().get(reverse("partners:school_feed", args=["x" + old])).status_code == 404
    response = login(world.docent).post(reverse("partners:school_feed_renew", args=[world.school_a.pk]))
    assert response.status_code == 302
    assert Client().get(reverse("partners:school_feed", args=[old])).status_code == 404
    new = CalendarFeed.objects.get(school=world.school_a).token
    assert new != old and len(new) >= 32
    assert Client().get(reverse("partners:school_feed", args=[new])).status_code == 200
    # A school token does not open the partner feed.
    assert Client().get(reverse("partners:partner_feed", args=[new])).status_code == 404


def test_confirmation_mail_attachment_parses(world, settings, django_capture_on_commit_callbacks):
    from django.core import mail

    from organisation.models import PartnerContact

    PartnerContact.objects.filter(user=world.partner).update(email="karin@vandijk.nl")
    day = timezone.localdate() + datetime.timedelta(days=9)
    booking = services.request_booking(
        world.docent, offer_a(world), class_group=world.class_a, group_size=12, preferred_date=day
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_booking(world.partner, booking)
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert mimetype == "text/calendar"
    [event] = events(Calendar.from_ical(content))
    assert event.decoded("dtstart") == day
