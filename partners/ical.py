"""iCalendar (.ics) output of confirmed bookings, for one booking (download,
e-mail attachment) and for the subscribable feeds of a school or a partner.

What the partner's calendar says is what the partner may see: school,
teacher, class and group size; never students' names."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from partners.models import Offer, OfferKind

TZ = ZoneInfo(settings.TIME_ZONE)


def _location(booking):
    offer = booking.offer
    if offer.mode == Offer.Mode.ONLINE:
        return _("Online")
    if offer.kind == OfferKind.GUEST_LESSON:
        return f"{booking.school.name}, {booking.school.city}"
    profile = getattr(offer.partner, "network_profile", None)
    address = ", ".join(p for p in [getattr(profile, "address", ""), getattr(profile, "postcode", "")] if p)
    return ", ".join(p for p in [offer.partner.name, address, offer.partner.city] if p)


def _event(booking, side, base_url):
    offer = booking.offer
    event = Event()
    event.add("uid", f"booking-{booking.pk}@techmakers")
    event.add("dtstamp", booking.updated_at or timezone.now())
    if booking.start_time:
        start = datetime.datetime.combine(booking.date, booking.start_time, tzinfo=TZ)
        event.add("dtstart", start)
        event.add("dtend", start + datetime.timedelta(minutes=offer.duration_minutes))
    else:
        event.add("dtstart", booking.date)
        event.add("dtend", booking.date + datetime.timedelta(days=1))
    kind = offer.get_kind_display().capitalize()
    if side == "partner":
        summary = f"{kind}: {booking.school.name} ({booking.class_group.name})"
        lines = [
            offer.title,
            _("School: %(school)s") % {"school": booking.school.name},
            _("Teacher: %(name)s") % {"name": booking.requested_by.display_name},
            _("Group size: %(count)s") % {"count": booking.group_size},
        ]
    else:
        summary = f"{kind} {offer.partner.name} ({booking.class_group.name})"
        lines = [offer.title, _("Group size: %(count)s") % {"count": booking.group_size}]
        if offer.practical_notes:
            lines.append(offer.practical_notes)
    if booking.teams_note:
        lines.append(booking.teams_note)
    lines.append(base_url + reverse("partners:booking_detail", args=[booking.pk]))
    event.add("summary", summary)
    event.add("description", "\n".join(lines))
    event.add("location", _location(booking))
    event.add("status", "CONFIRMED")
    return event


def _item_event(item, base_url):
    """A moment another app adds to the feed (``core.calendar``): project
    deadlines, presentations."""
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", item.start)
    if item.end is not None:
        event.add("dtend", item.end)
    elif isinstance(item.start, datetime.datetime):
        event.add("dtend", item.start + datetime.timedelta(minutes=30))
    else:
        event.add("dtend", item.start + datetime.timedelta(days=1))
    event.add("summary", item.summary)
    lines = [item.description] if item.description else []
    if item.url:
        lines.append(base_url + item.url)
    if lines:
        event.add("description", "\n".join(lines))
    if item.location:
        event.add("location", item.location)
    return event


def booking_calendar(bookings, side, name=None, items=()) -> bytes:
    """A VCALENDAR with one VEVENT per booking, and one per item of other
    apps (``core.calendar.CalendarItem``)."""
    cal = Calendar()
    cal.add("prodid", "-//TechMakers//Partnernetwerk//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    base_url = getattr(settings, "SITE_URL", "").rstrip("/")
    for booking in bookings:
        cal.add_component(_event(booking, side, base_url))
    for item in items:
        cal.add_component(_item_event(item, base_url))
    cal.add_missing_timezones()
    return cal.to_ical()
