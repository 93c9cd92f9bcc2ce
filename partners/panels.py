"""Dashboard panels and menu entries of the partner network."""

from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.navigation import register_menu_item
from core.panels import register_panel
from organisation.models import current_year_of_request
from organisation.roles import Role
from partners import access
from partners.coverage import network_coverage
from partners.models import EXPERIENCE_KINDS, Attendance, BookingStatus, Feedback

register_menu_item(
    _("Partner offers"), "partners:offer_list", {Role.TEACHER, Role.COORDINATOR, Role.NETWORK_COACH, Role.OFFICE}, 40
)
register_menu_item(_("My offers"), "partners:partner_home", {Role.PARTNER}, 40)
register_menu_item(_("Coverage"), "partners:coverage", {Role.NETWORK_COACH, Role.OFFICE}, 41)


def reach(bookings, year):
    """Visits, students, schools and feedback of a partner's ``bookings`` in a school year."""
    done = bookings.filter(
        status=BookingStatus.COMPLETED,
        date__gte=year.start_date,
        date__lte=year.end_date,
    )
    figures = done.aggregate(visits=Count("id"), schools=Count("school", distinct=True))
    figures["students"] = Attendance.objects.filter(booking__in=done).count()
    feedback = Feedback.objects.filter(booking__in=done).aggregate(n=Count("id"), avg=Avg("rating"))
    figures["feedback"] = feedback["n"]
    figures["rating"] = feedback["avg"]
    return figures


@register_panel(roles={Role.PARTNER}, order=20)
def partner_requests(request, scope):
    today = timezone.localdate()
    bookings = access.partner_side_bookings(request.user).select_related("offer", "school", "class_group")
    waiting = list(bookings.filter(status=BookingStatus.REQUESTED).order_by("date")[:5])
    num_waiting = bookings.filter(status=BookingStatus.REQUESTED).count()
    upcoming = list(bookings.filter(status=BookingStatus.CONFIRMED, date__gte=today).order_by("date")[:5])
    return {
        "template": "partners/panels/partner_requests.html",
        "waiting": waiting,
        "num_waiting": num_waiting,
        "upcoming": upcoming,
    }


@register_panel(roles={Role.PARTNER}, order=21)
def partner_reach(request, scope):
    year = current_year_of_request(request)
    if year is None:
        return None
    bookings = access.partner_side_bookings(request.user)
    feedback = list(
        Feedback.objects.filter(booking__in=bookings).select_related("booking__school").order_by("-created_at")[:3]
    )
    return {
        "template": "partners/panels/partner_reach.html",
        "figures": reach(bookings, year),
        "year": year,
        "latest_feedback": feedback,
    }


@register_panel(roles={Role.TEACHER}, order=30)
def teacher_bookings(request, scope):
    today = timezone.localdate()
    bookings = (
        access.school_side_bookings(request.user)
        .filter(Q(requested_by=request.user) | Q(class_group__mentor=request.user))
        .select_related("offer__partner", "class_group")
    )
    upcoming = list(bookings.filter(date__gte=today).exclude(status=BookingStatus.CANCELLED).order_by("date")[:6])
    to_close = list(
        bookings.filter(
            status=BookingStatus.CONFIRMED,
            date__lt=today,
            offer__kind__in=EXPERIENCE_KINDS,
        ).order_by("date")[:5]
    )
    return {"template": "partners/panels/teacher_bookings.html", "upcoming": upcoming, "to_close": to_close}


@register_panel(roles={Role.NETWORK_COACH}, order=30)
def coach_coverage(request, scope):
    year = current_year_of_request(request)
    if year is None:
        return None
    rows = []
    for network in access.coached_networks(request.user).order_by("name"):
        data = network_coverage(network, year)
        rows.append({"network": network, "coverage": data})
    return {"template": "partners/panels/coach_coverage.html", "rows": rows, "year": year}


@register_panel(roles={Role.STUDENT}, order=40)
def student_visits(request, scope):
    attended = list(
        Attendance.objects.filter(student=request.user)
        .select_related("booking__offer__partner")
        .order_by("-booking__date")[:5]
    )
    if not attended:
        return None
    given = set(
        Feedback.objects.filter(author=request.user, booking__in=[a.booking_id for a in attended]).values_list(
            "booking_id", flat=True
        )
    )
    for a in attended:
        a.has_feedback = a.booking_id in given
    return {"template": "partners/panels/student_visits.html", "attended": attended}
