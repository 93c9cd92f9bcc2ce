"""Calendars: the agenda page, the .ics download of one booking and the
subscribable feeds of a school and of a partner. Feeds are reached with an
unguessable token (calendar apps have no session); a wrong token is a 404."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from organisation.access import get_scope, visible_partner_organisations, visible_schools
from organisation.models import PartnerOrganisation, School
from partners import services
from partners.ical import booking_calendar
from partners.models import Booking, BookingStatus, CalendarFeed

CALENDAR_STATES = [BookingStatus.CONFIRMED, BookingStatus.COMPLETED]
FEED_HISTORY_DAYS = 120  # feeds show recent past visits too, then only what is ahead
FEED_LIMIT = 500


def _ics_response(content: bytes, filename: str, *, attachment: bool):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _calendar_bookings():
    return Booking.objects.filter(status__in=CALENDAR_STATES).select_related(
        "offer__partner__network_profile", "school", "class_group", "requested_by"
    )


@login_required
@require_GET
def booking_ics(request, pk):
    booking = get_object_or_404(Booking.objects.visible_to(request.user), pk=pk, status__in=CALENDAR_STATES)
    booking = _calendar_bookings().get(pk=booking.pk)
    side = "partner" if booking.offer.partner_id in get_scope(request.user).partner_ids else "school"
    return _ics_response(booking_calendar([booking], side), f"techmakers-{booking.pk}.ics", attachment=True)


def _feed_bookings(**filters):
    since = timezone.localdate() - datetime.timedelta(days=FEED_HISTORY_DAYS)
    return _calendar_bookings().filter(date__gte=since, **filters).order_by("date")[:FEED_LIMIT]


@never_cache
@require_GET
def school_feed(request, token):
    feed = get_object_or_404(CalendarFeed.objects.select_related("school"), token=token, school__isnull=False)
    bookings = _feed_bookings(school=feed.school)
    name = _("TechMakers visits %(school)s") % {"school": feed.school.name}
    return _ics_response(booking_calendar(bookings, "school", name), "techmakers-school.ics", attachment=False)


@never_cache
@require_GET
def partner_feed(request, token):
    feed = get_object_or_404(CalendarFeed.objects.select_related("partner"), token=token, partner__isnull=False)
    bookings = _feed_bookings(offer__partner=feed.partner)
    name = _("TechMakers visits %(partner)s") % {"partner": feed.partner.name}
    return _ics_response(booking_calendar(bookings, "partner", name), "techmakers-partner.ics", attachment=False)


@login_required
@require_GET
def calendar(request):
    """The agenda: confirmed visits ahead, and the links to subscribe."""
    scope = get_scope(request.user)
    if not (scope.staff_school_ids or scope.partner_ids):
        raise PermissionDenied
    today = timezone.localdate()
    feeds = []
    for school in School.objects.filter(pk__in=scope.staff_school_ids).order_by("name"):
        feed = services.feed_for(school=school)
        feeds.append(
            {
                "name": school.name,
                "feed": feed,
                "url": reverse("partners:school_feed", args=[feed.token]),
                "renew": reverse("partners:school_feed_renew", args=[school.pk]),
            }
        )
    for partner in PartnerOrganisation.objects.filter(pk__in=scope.partner_ids).order_by("name"):
        feed = services.feed_for(partner=partner)
        feeds.append(
            {
                "name": partner.name,
                "feed": feed,
                "url": reverse("partners:partner_feed", args=[feed.token]),
                "renew": reverse("partners:partner_feed_renew", args=[partner.pk]),
            }
        )
    for item in feeds:
        item["absolute"] = request.build_absolute_uri(item["url"])
        item["webcal"] = "webcal://" + item["absolute"].split("://", 1)[1]
    bookings = (
        _calendar_bookings()
        .filter(date__gte=today)
        .filter(Q(school_id__in=scope.staff_school_ids) | Q(offer__partner_id__in=scope.partner_ids))
        .order_by("date", "start_time")[:50]
    )
    return render(request, "partners/calendar.html", {"feeds": feeds, "bookings": bookings, "today": today})


@login_required
@require_POST
def school_feed_renew(request, pk):
    school = get_object_or_404(visible_schools(request.user), pk=pk)
    if school.pk not in get_scope(request.user).staff_school_ids:
        raise PermissionDenied
    services.renew_feed(request.user, services.feed_for(school=school))
    messages.success(request, _("A new calendar link has been made. The old link no longer works."))
    return redirect("partners:calendar")


@login_required
@require_POST
def partner_feed_renew(request, pk):
    partner = get_object_or_404(visible_partner_organisations(request.user), pk=pk)
    if partner.pk not in get_scope(request.user).partner_ids:
        raise PermissionDenied
    services.renew_feed(request.user, services.feed_for(partner=partner))
    messages.success(request, _("A new calendar link has been made. The old link no longer works."))
    return redirect("partners:calendar")
