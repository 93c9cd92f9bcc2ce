"""Booking requests and their life: request, answer (accept, decline, propose
another date), cancel, attendance and feedback. Every action is a POST that
loads the booking through ``access.load_booking`` (404 outside the scope) and
requires the acting side (403 for onlookers such as the coach); whether the
booking's state allows the step is the service's rule (a message)."""

from contextlib import nullcontext

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import concurrency
from core.actions import attempt
from core.concurrency import VersionedForm
from core.forms import add_errors
from core.params import paginate
from partners import access, search, services
from partners.forms import (
    AttendanceForm,
    BookingFilterForm,
    BookingForm,
    CancelForm,
    FeedbackForm,
    ProposeForm,
    ReasonForm,
)
from partners.models import Attendance, Booking, BookingStatus, Offer

PAGE_SIZE = 25


@login_required
@require_http_methods(["GET", "POST"])
def booking_create(request, pk):
    offer_access = access.load_offer(request.user, pk, qs=Offer.objects.prefetch_related("windows"))
    access.require(offer_access.can_book)
    offer = offer_access.offer
    form = BookingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.request_booking(request.user, offer, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your request has been sent to %(partner)s.") % {"partner": offer.partner.name})
            return redirect("partners:booking_detail", booking.pk)
    windows = offer.windows_after(timezone.localdate())
    return render(request, "partners/booking_form.html", {"offer": offer, "form": form, "windows": windows})


@login_required
@require_GET
def booking_list(request):
    filters = BookingFilterForm(request.GET).filters()
    bookings = search.find_bookings(request.user, **filters, today=timezone.localdate())
    page = paginate(request, bookings, PAGE_SIZE)
    return render(
        request,
        "partners/booking_list.html",
        {
            "page_obj": page,
            "bookings": page.object_list,
            **filters,
            "statuses": BookingStatus.choices,
            "is_partner": access.is_partner_contact(request.user),
            "is_student_only": access.sees_only_own_visits(request.user),
        },
    )


# The forms of the booking page, by their name in the template.
STEP_FORMS = {
    # Own ids (auto_id) for forms on one page that share a field name ("reason").
    "decline_form": lambda booking_access, data=None: ReasonForm(data, auto_id="decline_%s"),
    "propose_form": lambda booking_access, data=None: ProposeForm(data),
    "cancel_form": lambda booking_access, data=None: CancelForm(data, auto_id="cancel_%s"),
    "feedback_form": lambda booking_access, data=None: FeedbackForm(data, instance=booking_access.own_feedback),
}


def _render_detail(request, booking_access, **forms):
    """The booking page; ``forms`` are the step forms that came back with errors."""
    booking = booking_access.booking
    context = {"booking": booking, "offer": booking.offer, "access": booking_access}
    for name, make in STEP_FORMS.items():
        context[name] = forms.get(name) or make(booking_access)
    return render(request, "partners/booking_detail.html", context, status=concurrency.status(*forms.values()))


@login_required
@require_GET
def booking_detail(request, pk):
    return _render_detail(request, access.load_booking(request.user, pk))


def _step(request, pk, *, side, action, success, form_name=None):
    """One step in a booking's life: load it, require the user's ``side``
    (a flag of ``BookingAccess``), run ``action(user, booking, **values)``
    with the values of the step form ``form_name`` (``STEP_FORMS``).
    Without a form: a message and back to the booking. With a form: an
    invalid form or a refusal re-renders the booking page with the errors."""
    booking_access = access.load_booking(request.user, pk)
    access.require(getattr(booking_access, side))
    booking = booking_access.booking
    then = ("partners:booking_detail", booking.pk)
    if form_name is None:
        return attempt(request, lambda: action(request.user, booking), success=success, then=then)
    form = STEP_FORMS[form_name](booking_access, request.POST)
    if form.is_valid():
        # Editing existing feedback: refused when it changed since the page was loaded.
        editing = isinstance(form, VersionedForm) and form.instance.pk
        try:
            with concurrency.unchanged(form, concurrency.stored_instance(form)) if editing else nullcontext():
                action(request.user, booking, **form.cleaned_data)
        except concurrency.EditConflict:
            pass
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(*then)
    return _render_detail(request, booking_access, **{form_name: form})


def _step_view(side, action, success, form_name=None):
    """A POST view for one step (see ``_step``)."""

    @login_required
    @require_POST
    def view(request, pk):
        return _step(request, pk, side=side, action=action, success=success, form_name=form_name)

    return view


# The partner answers a new request.
booking_accept = _step_view(
    "is_partner_side", services.accept_booking, gettext_lazy("The booking is confirmed. The school has been told.")
)
booking_decline = _step_view(
    "is_partner_side",
    services.decline_booking,
    gettext_lazy("The request has been declined. The school has been told why."),
    form_name="decline_form",
)
booking_propose = _step_view(
    "is_partner_side",
    services.propose_date,
    gettext_lazy("Your proposal has been sent to the school."),
    form_name="propose_form",
)
# The school accepts the date the partner proposed.
booking_accept_proposal = _step_view(
    "is_school_side", services.accept_proposal, gettext_lazy("You accepted the new date. The booking is confirmed.")
)
# Either side cancels.
booking_cancel = _step_view(
    "is_party",
    services.cancel_booking,
    gettext_lazy("The booking has been cancelled. The other side has been told."),
    form_name="cancel_form",
)
# The teacher and the students who were there give feedback.
booking_feedback = _step_view(
    "may_give_feedback",
    services.leave_feedback,
    gettext_lazy("Thank you! The partner can read your feedback."),
    form_name="feedback_form",
)


@login_required
@require_http_methods(["GET", "POST"])
def booking_attendance(request, pk):
    booking_access = access.load_booking(request.user, pk)
    access.require(booking_access.is_school_side)
    booking = booking_access.booking
    candidates = list(services.attendance_candidates(booking))
    present = {a.student_id for a in booking_access.attendances}
    if request.method == "POST":
        form = AttendanceForm(request.POST, candidates=candidates)
        if form.is_valid():

            def stored():
                current = concurrency.locked(Booking, booking.pk)
                marked = set(Attendance.objects.filter(booking=current).values_list("student_id", flat=True))
                return _attendance_form(current, marked, candidates)

            try:
                with concurrency.unchanged(form, stored):
                    services.confirm_attendance(request.user, booking, **form.cleaned_data)
            except concurrency.EditConflict:
                present = set(Attendance.objects.filter(booking=booking).values_list("student_id", flat=True))
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Attendance saved. The students find this experience in their portfolio, ready to reflect on."),
                )
                return redirect("partners:booking_detail", booking.pk)
    else:
        form = _attendance_form(booking, present, candidates)
    return render(
        request,
        "partners/attendance_form.html",
        {"booking": booking, "form": form, "present": present, "today": booking_access.today},
        status=concurrency.status(form),
    )


def _attendance_form(booking, present, candidates):
    """As stored: who was marked present (before anything is: the whole class)."""
    students = [str(pk) for pk in present] or [str(e.student_id) for e in candidates]
    initial = {"students": students, "share_first_names": booking.share_first_names}
    return AttendanceForm(initial=initial, candidates=candidates)
