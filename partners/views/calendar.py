"""Calendars: the agenda page, the .ics download of one booking and the
subscribable feeds of a school and of a partner. Feeds are reached with an
unguessable token (calendar apps have no session); a wrong token is a 404."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.calendar import calendar_items
from partners import access, services
from partners.ical import booking_calendar
from partners.models import CONFIRMED_STATES, Booking

FEED_HISTORY_DAYS = 120  # feeds show recent past visits too, then only what is ahead
FEED_LIMIT = 500


def _ics_response(content: bytes, filename: str, *, attachment: bool):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _calendar_bookings():
    return Booking.objects.filter(status__in=CONFIRMED_STATES).select_related(
        "offer__partner__network_profile", "school", "class_group", "requested_by"
    )


@login_required
@require_GET
def booking_ics(request, pk):
    booking_access = access.load_booking(request.user, pk, qs=_calendar_bookings())
    side = access.PARTNER if booking_access.is_partner_side else access.SCHOOL
    booking = booking_access.booking
    return _ics_response(booking_calendar([booking], side), f"techmakers-{booking.pk}.ics", attachment=True)


# Whose bookings a feed shows, per side.
FEED_OWNER = {access.SCHOOL: "school", access.PARTNER: "offer__partner"}


def _feed(token, side):
    owner = getattr(access.feed_by_token(token, side=side), side)
    since = timezone.localdate() - datetime.timedelta(days=FEED_HISTORY_DAYS)
    bookings = _calendar_bookings().filter(date__gte=since, **{FEED_OWNER[side]: owner}).order_by("date")
    name = _("TechMakers visits %(name)s") % {"name": owner.name}
    items = calendar_items(**{side: owner}, since=since)[:FEED_LIMIT]
    return _ics_response(
        booking_calendar(bookings[:FEED_LIMIT], side, name, items), f"techmakers-{side}.ics", attachment=False
    )


@never_cache
@require_GET
def school_feed(request, token):
    return _feed(token, access.SCHOOL)


@never_cache
@require_GET
def partner_feed(request, token):
    return _feed(token, access.PARTNER)


@login_required
@require_GET
def calendar(request):
    """The agenda: confirmed visits ahead, and the links to subscribe."""
    access.require(access.can_use_calendar(request.user))
    today = timezone.localdate()
    feeds = []
    owners = [(access.SCHOOL, access.own_schools(request.user)), (access.PARTNER, access.own_partners(request.user))]
    for side, queryset in owners:
        for owner in queryset.order_by("name"):
            feed = services.feed_for(**{side: owner})
            url = reverse(f"partners:{side}_feed", args=[feed.token])
            absolute = request.build_absolute_uri(url)
            feeds.append(
                {
                    "name": owner.name,
                    "feed": feed,
                    "url": url,
                    "renew": reverse(f"partners:{side}_feed_renew", args=[owner.pk]),
                    "absolute": absolute,
                    "webcal": "webcal://" + absolute.split("://", 1)[1],
                }
            )
    bookings = access.party_bookings(request.user, _calendar_bookings()).filter(date__gte=today)
    bookings = bookings.order_by("date", "start_time")[:50]
    return render(request, "partners/calendar.html", {"feeds": feeds, "bookings": bookings, "today": today})


def _renew(request, pk, side):
    owner = access.load_feed_owner(request.user, pk, side=side)
    access.require(owner.can_renew)
    services.renew_feed(request.user, services.feed_for(**{side: owner.owner}))
    messages.success(request, _("A new calendar link has been made. The old link no longer works."))
    return redirect("partners:calendar")


@login_required
@require_POST
def school_feed_renew(request, pk):
    return _renew(request, pk, access.SCHOOL)


@login_required
@require_POST
def partner_feed_renew(request, pk):
    return _renew(request, pk, access.PARTNER)
