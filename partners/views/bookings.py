"""Booking requests and their life: request, answer (accept, decline, propose
another date), cancel, attendance and feedback. Every action is a POST that
loads the booking through ``Booking.objects.visible_to`` (404 outside the
scope) and checks the acting side (403 for onlookers such as the coach)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisation.access import get_scope
from partners import services
from partners.forms import AttendanceForm, BookingForm, CancelForm, FeedbackForm, ProposeForm, ReasonForm
from partners.models import Attendance, Booking, BookingEvent, BookingStatus, Feedback, Offer
from partners.services import BookingError

PAGE_SIZE = 25


def _apply_error(form, error):
    form.add_error(error.field if error.field in form.fields else None, error.message)


@login_required
@require_http_methods(["GET", "POST"])
def booking_create(request, pk):
    offer = get_object_or_404(
        Offer.objects.visible_to(request.user).select_related("partner").prefetch_related("windows"), pk=pk
    )
    if not get_scope(request.user).staff_school_ids or not offer.is_published:
        raise PermissionDenied
    form = BookingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.request_booking(request.user, offer, **form.cleaned_data)
        except BookingError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Your request has been sent to %(partner)s.") % {"partner": offer.partner.name})
            return redirect("partners:booking_detail", booking.pk)
    today = timezone.localdate()
    windows = [w for w in offer.windows.all() if w.end_date > today]
    return render(request, "partners/booking_form.html", {"offer": offer, "form": form, "windows": windows})


@login_required
@require_GET
def booking_list(request):
    scope = get_scope(request.user)
    bookings = Booking.objects.visible_to(request.user).select_related(
        "offer__partner", "school", "class_group", "requested_by"
    )
    status = request.GET.get("status", "")
    if status in BookingStatus.values:
        bookings = bookings.filter(status=status)
    when = request.GET.get("wanneer", "")
    today = timezone.localdate()
    if when == "komend":
        bookings = bookings.filter(date__gte=today).order_by("date", "pk")
    elif when == "voorbij":
        bookings = bookings.filter(date__lt=today).order_by("-date", "-pk")
    else:
        bookings = bookings.order_by("-date", "-pk")
    page = Paginator(bookings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partners/booking_list.html",
        {
            "page_obj": page,
            "bookings": page.object_list,
            "status": status,
            "when": when,
            "statuses": BookingStatus.choices,
            "is_partner": bool(scope.partner_ids),
            "is_student_only": scope.student_school_ids and not (scope.staff_school_ids or scope.partner_ids),
        },
    )


def _sides(user, booking):
    scope = get_scope(user)
    school_side = booking.school_id in scope.staff_school_ids
    partner_side = booking.offer.partner_id in scope.partner_ids
    return scope, school_side, partner_side


def _load(request, pk):
    return get_object_or_404(
        Booking.objects.visible_to(request.user).select_related(
            "offer__partner__network_profile", "school", "class_group", "requested_by"
        ),
        pk=pk,
    )


def _render_detail(request, booking, status=200, **forms):
    scope, school_side, partner_side = _sides(request.user, booking)
    today = timezone.localdate()
    attendances = list(
        Attendance.objects.filter(booking=booking).select_related("student").order_by("student__first_name")
    )
    is_attendee = any(a.student_id == request.user.pk for a in attendances)
    own_feedback = Feedback.objects.filter(booking=booking, author=request.user).first()
    if school_side or partner_side or scope.national or scope.network_ids:
        feedback = list(Feedback.objects.filter(booking=booking).select_related("author"))
        events = list(BookingEvent.objects.filter(booking=booking).select_related("actor"))
    else:  # a student sees only what they wrote
        feedback = [own_feedback] if own_feedback else []
        events = []
    can_feedback = booking.status == BookingStatus.COMPLETED and (school_side or is_attendee)
    context = {
        "booking": booking,
        "offer": booking.offer,
        "school_side": school_side,
        "partner_side": partner_side,
        "is_attendee": is_attendee,
        "student_view": is_attendee and not (school_side or partner_side or scope.national or scope.network_ids),
        "attendances": attendances,
        "feedback": feedback,
        "events": events,
        "today": today,
        "can_cancel": (school_side or partner_side)
        and (booking.is_open or (booking.status == BookingStatus.CONFIRMED and booking.date >= today)),
        "can_attend": school_side
        and booking.offer.is_experience
        and booking.status in (BookingStatus.CONFIRMED, BookingStatus.COMPLETED)
        and booking.date <= today,
        "can_feedback": can_feedback,
        "decline_form": forms.get("decline_form") or ReasonForm(),
        "propose_form": forms.get("propose_form") or ProposeForm(),
        "cancel_form": forms.get("cancel_form") or CancelForm(),
        "feedback_form": forms.get("feedback_form") or FeedbackForm(instance=own_feedback),
        "has_ics": booking.status in (BookingStatus.CONFIRMED, BookingStatus.COMPLETED),
    }
    return render(request, "partners/booking_detail.html", context, status=status)


@login_required
@require_GET
def booking_detail(request, pk):
    return _render_detail(request, _load(request, pk))


def _partner_booking(request, pk):
    booking = _load(request, pk)
    if booking.offer.partner_id not in get_scope(request.user).partner_ids:
        raise PermissionDenied
    return booking


def _school_booking(request, pk):
    booking = _load(request, pk)
    if booking.school_id not in get_scope(request.user).staff_school_ids:
        raise PermissionDenied
    return booking


def _done(request, booking, message):
    messages.success(request, message)
    return redirect("partners:booking_detail", booking.pk)


def _failed(request, booking, error, form_name=None, form=None):
    if form is not None:
        _apply_error(form, error)
        return _render_detail(request, booking, **{form_name: form})
    messages.error(request, error.message)
    return redirect("partners:booking_detail", booking.pk)


@login_required
@require_POST
def booking_accept(request, pk):
    booking = _partner_booking(request, pk)
    try:
        services.accept_booking(request.user, booking)
    except BookingError as error:
        return _failed(request, booking, error)
    return _done(request, booking, _("The booking is confirmed. The school has been told."))


@login_required
@require_POST
def booking_decline(request, pk):
    booking = _partner_booking(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, booking, decline_form=form)
    try:
        services.decline_booking(request.user, booking, reason=form.cleaned_data["reason"])
    except BookingError as error:
        return _failed(request, booking, error, "decline_form", form)
    return _done(request, booking, _("The request has been declined. The school has been told why."))


@login_required
@require_POST
def booking_propose(request, pk):
    booking = _partner_booking(request, pk)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, booking, propose_form=form)
    try:
        services.propose_date(request.user, booking, **form.cleaned_data)
    except BookingError as error:
        return _failed(request, booking, error, "propose_form", form)
    return _done(request, booking, _("Your proposal has been sent to the school."))


@login_required
@require_POST
def booking_accept_proposal(request, pk):
    booking = _school_booking(request, pk)
    try:
        services.accept_proposal(request.user, booking)
    except BookingError as error:
        return _failed(request, booking, error)
    return _done(request, booking, _("You accepted the new date. The booking is confirmed."))


@login_required
@require_POST
def booking_cancel(request, pk):
    booking = _load(request, pk)
    _scope, school_side, partner_side = _sides(request.user, booking)
    if not (school_side or partner_side):
        raise PermissionDenied
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, booking, cancel_form=form)
    try:
        services.cancel_booking(request.user, booking, reason=form.cleaned_data["reason"])
    except BookingError as error:
        return _failed(request, booking, error, "cancel_form", form)
    return _done(request, booking, _("The booking has been cancelled. The other side has been told."))


@login_required
@require_http_methods(["GET", "POST"])
def booking_attendance(request, pk):
    booking = _school_booking(request, pk)
    candidates = list(services.attendance_candidates(booking))
    present = set(Attendance.objects.filter(booking=booking).values_list("student_id", flat=True))
    if request.method == "POST":
        form = AttendanceForm(request.POST, candidates=candidates)
        if form.is_valid():
            try:
                services.confirm_attendance(request.user, booking, **form.cleaned_data)
            except BookingError as error:
                _apply_error(form, error)
            else:
                return _done(
                    request,
                    booking,
                    _("Attendance saved. The students find this experience in their portfolio, ready to reflect on."),
                )
    else:
        initial = [str(pk) for pk in present] or [str(e.student_id) for e in candidates]
        form = AttendanceForm(
            initial={"students": initial, "share_first_names": booking.share_first_names}, candidates=candidates
        )
    return render(
        request,
        "partners/attendance_form.html",
        {"booking": booking, "form": form, "present": present, "today": timezone.localdate()},
    )


@login_required
@require_POST
def booking_feedback(request, pk):
    booking = _load(request, pk)
    _scope, school_side, _partner_side = _sides(request.user, booking)
    is_attendee = Attendance.objects.filter(booking=booking, student=request.user).exists()
    if not (school_side or is_attendee):
        raise PermissionDenied
    own = Feedback.objects.filter(booking=booking, author=request.user).first()
    form = FeedbackForm(request.POST, instance=own)
    if not form.is_valid():
        return _render_detail(request, booking, feedback_form=form)
    try:
        services.leave_feedback(request.user, booking, **form.cleaned_data)
    except BookingError as error:
        return _failed(request, booking, error, "feedback_form", form)
    return _done(request, booking, _("Thank you! The partner can read your feedback."))
