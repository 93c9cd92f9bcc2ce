"""Domain functions of the partner network: every write goes through here.

Each function takes the acting user and plain values (never a form), runs in
a transaction and raises ``BookingError`` (a ``ValidationError``: a Dutch
message for the user, tied to a form field where it names one) when the
request cannot be honoured. Who may act is asked of ``partners.access``; mail
goes out once the transaction commits (``partners.notifications``). Capacity is enforced in the
database: the offer row and its per-period counter are locked with
``select_for_update`` and the counter carries a check constraint
(booked <= capacity), so two simultaneous requests for the last place cannot
both succeed.
"""

import functools
import logging
import time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.signals import ExperienceHappened, tell_experience_happened
from organisation.models import Enrolment, PartnerContact, PartnerOrganisation
from organisation.services import propose_regions
from partners import access, geo, notifications
from partners.models import (
    CONFIRMED_STATES,
    HOLDING_STATES,
    OPEN_STATES,
    Attendance,
    AvailabilityWindow,
    Booking,
    BookingEvent,
    BookingStatus,
    CalendarFeed,
    CapacityCounter,
    Feedback,
    Offer,
    PartnerProfile,
    new_token,
)

logger = logging.getLogger(__name__)
LOCK_RETRIES = 40


class BookingError(ValidationError):
    """A booking rule said no: a message for the user, on ``field`` when given
    (``core.forms.add_errors`` puts it there), else above the form."""

    def __init__(self, message, field=None):
        super().__init__({field: [message]} if field else message)
        self.field = field


def retry_when_locked(func):
    """SQLite answers "database is locked" when another writer holds the lock
    longer than the busy timeout (and at once for shared in-memory test
    databases). Outside an enclosing transaction the whole unit of work is
    simply tried again; PostgreSQL waits on the row lock instead."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        for attempt in range(1, LOCK_RETRIES + 1):
            try:
                return func(*args, **kwargs)
            except OperationalError as exc:
                if (
                    connection.vendor != "sqlite"
                    or connection.in_atomic_block
                    or "locked" not in str(exc)
                    or attempt == LOCK_RETRIES
                ):
                    raise
                time.sleep(0.02 * attempt)

    return wrapper


def _today(today):
    return today or timezone.localdate()


def _nice(day):
    return date_format(day, "j F Y")


def _check_date(offer, day, field, today, windows=None):
    """A date must lie after today and inside one of the offer's windows."""
    if day <= today:
        raise BookingError(_("This date has passed or is today. Choose a date after today."), field)
    windows = list(offer.windows.all()) if windows is None else windows
    if not offer.is_available_on(day, windows):
        future = offer.windows_after(today, windows)
        if future:
            ranges = ", ".join(
                _nice(w.start_date) if w.start_date == w.end_date else f"{_nice(w.start_date)} – {_nice(w.end_date)}"
                for w in future[:4]
            )
            message = _("The partner does not offer this on %(date)s. Available: %(ranges)s.") % {
                "date": _nice(day),
                "ranges": ranges,
            }
        else:
            message = _("The partner has no available dates for this offer at the moment.")
        raise BookingError(message, field)


def _take_place(offer, day):
    """Hold one place in the period of ``day``; the offer row must be locked."""
    start = offer.period_start(day)
    counter, _created = CapacityCounter.objects.get_or_create(
        offer=offer, period_start=start, defaults={"capacity": offer.capacity}
    )
    counter = CapacityCounter.objects.select_for_update().get(pk=counter.pk)
    if counter.booked >= counter.capacity:
        raise BookingError(_full_message(offer, start), "preferred_date")
    try:
        with transaction.atomic():
            CapacityCounter.objects.filter(pk=counter.pk).update(booked=F("booked") + 1)
    except IntegrityError as exc:  # the check constraint: booked <= capacity
        raise BookingError(_full_message(offer, start), "preferred_date") from exc
    counter.booked += 1
    return counter


def _full_message(offer, start):
    if offer.capacity_period == Offer.Period.WEEK:
        period = _("the week of %(date)s") % {"date": _nice(start)}
    elif offer.capacity_period == Offer.Period.SCHOOL_YEAR:
        period = _("this school year")
    else:
        period = date_format(start, "F Y")
    return _("This offer is fully booked in %(period)s. Choose a date in another period.") % {"period": period}


def _release_place(booking):
    if booking.counter_id:
        CapacityCounter.objects.filter(pk=booking.counter_id, booked__gt=0).update(booked=F("booked") - 1)
        booking.counter = None


def _lock(booking):
    """Re-read and lock the booking (and its offer) before changing its state."""
    Offer.objects.select_for_update().filter(pk=booking.offer_id).first()
    return Booking.objects.select_for_update().select_related("offer", "school", "class_group").get(pk=booking.pk)


def _record(booking, kind, actor, note="", date=None):
    event = BookingEvent.objects.create(booking=booking, kind=kind, actor=actor, note=note, date=date)
    notifications.booking_changed(event)
    return event


def _require_school_side(user, booking):
    if not access.acts_for_school(user, booking):
        raise BookingError(_("Only teachers of the school can do this."))


def _require_partner_side(user, booking):
    if not access.acts_for_partner(user, booking):
        raise BookingError(_("Only the partner can do this."))


# --- Profile and offers --------------------------------------------------------


def _save(instance, values: dict):
    """Save ``instance`` with the field values given by name (many-to-many
    ones after the row exists); an unknown name is an error."""
    related = {}
    for name, value in values.items():
        if instance._meta.get_field(name).many_to_many:
            related[name] = value
        else:
            setattr(instance, name, value)
    instance.save()
    for name, value in related.items():
        getattr(instance, name).set(value)
    return instance


@transaction.atomic
def update_partner_profile(user, organisation, *, details: dict, profile: dict, contacts: list, now=None):
    """Save the organisation record (``details``: its field values), the
    network profile (``profile``) and the contacts: each a dict of contact
    field values with ``pk`` (None for a new contact) and ``remove``. Contacts
    with an account are managed by the programme office and never removed here.
    The regions (``details["networks"]``) are only proposed: the network's coach
    or the office approves them (``organisation.services.propose_regions``)."""
    details = dict(details)
    networks = details.pop("networks", None)
    organisation = _save(PartnerOrganisation.objects.select_for_update().get(pk=organisation.pk), details)
    if networks is not None:
        propose_regions(user, organisation, networks, now=now)
    position = geo.position_of(profile.get("postcode", ""), organisation.city)
    latitude, longitude = position if position else (None, None)
    saved = _save(profile_for(organisation), {**profile, "latitude": latitude, "longitude": longitude})
    existing = PartnerContact.objects.filter(organisation=organisation).in_bulk()
    for entry in contacts:
        values = {k: v for k, v in entry.items() if k not in ("pk", "remove")}
        contact = existing[entry["pk"]] if entry["pk"] else PartnerContact(organisation=organisation)
        if not entry.get("remove"):
            _save(contact, values)
        elif contact.user_id is None:
            contact.delete()
    return saved


def profile_for(organisation):
    profile, _created = PartnerProfile.objects.get_or_create(organisation=organisation)
    return profile


@transaction.atomic
def save_offer(user, partner, offer=None, *, windows, today=None, **fields):
    """Create (``offer`` None) or update an offer of ``partner`` from its
    field values (sectors and levels included) and its available dates:
    ``windows``, (first day, last day) pairs that replace the earlier ones.
    When capacity or its period changes, the counters of future bookings are
    rebuilt."""
    before = None
    if offer is None:
        offer = Offer(partner=partner)
    else:
        offer = Offer.objects.select_for_update().get(pk=offer.pk, partner=partner)
        before = (offer.capacity, offer.capacity_period)
    _save(offer, fields)
    offer.windows.all().delete()
    AvailabilityWindow.objects.bulk_create(
        AvailabilityWindow(offer=offer, start_date=start, end_date=end) for start, end in windows
    )
    if before is not None and before != (offer.capacity, offer.capacity_period):
        _rebuild_counters(offer, _today(today))
    return offer


def _rebuild_counters(offer, today):
    holding = list(
        Booking.objects.filter(
            offer=offer,
            date__gte=offer.period_start(today),
            status__in=HOLDING_STATES,
        )
    )
    Booking.objects.filter(pk__in=[b.pk for b in holding]).update(counter=None)
    CapacityCounter.objects.filter(offer=offer, period_start__gte=offer.period_start(today)).delete()
    per_period = {}
    for booking in holding:
        per_period.setdefault(offer.period_start(booking.date), []).append(booking.pk)
    for start, ids in per_period.items():
        counter = CapacityCounter.objects.create(
            offer=offer, period_start=start, capacity=max(offer.capacity, len(ids)), booked=len(ids)
        )
        Booking.objects.filter(pk__in=ids).update(counter=counter)
    CapacityCounter.objects.filter(offer=offer, booked__lte=offer.capacity).update(capacity=offer.capacity)


# --- Bookings ------------------------------------------------------------------


@retry_when_locked
@transaction.atomic
def request_booking(
    user,
    offer,
    *,
    class_group,
    group_size,
    preferred_date,
    alternative_date=None,
    start_time=None,
    teams_note="",
    message="",
    today=None,
):
    """A teacher asks a partner for a visit, guest lesson, interview, …"""
    today = _today(today)
    if not access.may_book_for(user, class_group):
        raise BookingError(_("You can only book for classes of your own school."), "class_group")
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if not offer.is_published:
        raise BookingError(_("This offer is no longer available."))
    if group_size > offer.group_size_max:
        raise BookingError(
            _("This group is too large: at most %(max)s students can take part.") % {"max": offer.group_size_max},
            "group_size",
        )
    if group_size < offer.group_size_min:
        raise BookingError(
            _("This group is too small: at least %(min)s students are needed.") % {"min": offer.group_size_min},
            "group_size",
        )
    windows = list(offer.windows.all())
    _check_date(offer, preferred_date, "preferred_date", today, windows)
    if alternative_date:
        _check_date(offer, alternative_date, "alternative_date", today, windows)
    counter = _take_place(offer, preferred_date)
    booking = Booking.objects.create(
        offer=offer,
        school=class_group.school,
        class_group=class_group,
        requested_by=user,
        group_size=group_size,
        teams_note=teams_note,
        preferred_date=preferred_date,
        alternative_date=alternative_date,
        start_time=start_time,
        message=message,
        date=preferred_date,
        counter=counter,
    )
    _record(booking, BookingEvent.Kind.REQUESTED, user, message, preferred_date)
    return booking


def _confirm(user, booking, kind, *, waiting, not_waiting, passed, note="", today=None):
    """Confirm a (locked) booking that waits in state ``waiting`` for the
    user's yes, on a date still ahead; ``not_waiting`` and ``passed`` say why not."""
    if booking.status != waiting:
        raise BookingError(not_waiting)
    if booking.date <= _today(today):
        raise BookingError(passed)
    booking.status = BookingStatus.CONFIRMED
    booking.save(update_fields=["status", "updated_at"])
    _record(booking, kind, user, note, booking.date)
    return booking


@retry_when_locked
@transaction.atomic
def accept_booking(user, booking, *, note="", today=None):
    """The partner accepts a new request."""
    booking = _lock(booking)
    _require_partner_side(user, booking)
    return _confirm(
        user,
        booking,
        BookingEvent.Kind.ACCEPTED,
        waiting=BookingStatus.REQUESTED,
        not_waiting=_("Only a new request can be accepted."),
        passed=_("The date of this request has passed. Propose another date instead."),
        note=note,
        today=today,
    )


@retry_when_locked
@transaction.atomic
def decline_booking(user, booking, *, reason):
    booking = _lock(booking)
    _require_partner_side(user, booking)
    if booking.status not in OPEN_STATES:
        raise BookingError(_("Only an open request can be declined."))
    if not reason.strip():
        raise BookingError(_("Tell the school why, so they can look for something else."), "reason")
    _release_place(booking)
    booking.status = BookingStatus.DECLINED
    booking.decline_reason = reason.strip()
    booking.save(update_fields=["status", "decline_reason", "counter", "updated_at"])
    _record(booking, BookingEvent.Kind.DECLINED, user, booking.decline_reason)
    return booking


@retry_when_locked
@transaction.atomic
def propose_date(user, booking, *, new_date, note="", today=None):
    """The partner proposes another date; the place moves to that date's period."""
    today = _today(today)
    booking = _lock(booking)
    _require_partner_side(user, booking)
    if booking.status not in OPEN_STATES:
        raise BookingError(_("You can only propose another date for an open request."))
    if new_date == booking.date:
        raise BookingError(_("This is already the date of the request. Accept it instead."), "new_date")
    offer = booking.offer
    _check_date(offer, new_date, "new_date", today)
    _release_place(booking)
    try:
        with transaction.atomic():
            counter = _take_place(offer, new_date)
    except BookingError as exc:
        raise BookingError(exc.messages[0], "new_date") from exc
    booking.counter = counter
    booking.status = BookingStatus.PROPOSED
    booking.proposed_date = new_date
    booking.date = new_date
    booking.save(update_fields=["counter", "status", "proposed_date", "date", "updated_at"])
    _record(booking, BookingEvent.Kind.PROPOSED, user, note, new_date)
    return booking


@transaction.atomic
def accept_proposal(user, booking, *, today=None):
    """The school accepts the date the partner proposed."""
    booking = _lock(booking)
    _require_school_side(user, booking)
    return _confirm(
        user,
        booking,
        BookingEvent.Kind.PROPOSAL_ACCEPTED,
        waiting=BookingStatus.PROPOSED,
        not_waiting=_("There is no proposed date to accept."),
        passed=_("The proposed date has passed. Cancel this request and make a new one."),
        today=today,
    )


@retry_when_locked
@transaction.atomic
def cancel_booking(user, booking, *, reason="", today=None):
    """Either side cancels an open or confirmed booking that has not taken place."""
    booking = _lock(booking)
    if not (access.acts_for_school(user, booking) or access.acts_for_partner(user, booking)):
        raise BookingError(_("Only the school or the partner can cancel this booking."))
    if booking.status not in OPEN_STATES | {BookingStatus.CONFIRMED}:
        raise BookingError(_("This booking can no longer be cancelled."))
    if booking.status == BookingStatus.CONFIRMED and booking.date < _today(today):
        raise BookingError(_("This visit has already taken place; confirm who attended instead."))
    _release_place(booking)
    booking.status = BookingStatus.CANCELLED
    booking.save(update_fields=["status", "counter", "updated_at"])
    _record(booking, BookingEvent.Kind.CANCELLED, user, reason.strip())
    return booking


def attendance_candidates(booking):
    """Students of the booked class (the school's enrolments in that class)."""
    return (
        Enrolment.objects.filter(class_group_id=booking.class_group_id)
        .select_related("student")
        .order_by("student__first_name", "student__last_name")
    )


@transaction.atomic
def confirm_attendance(user, booking, *, students, share_first_names=False, today=None):
    """The teacher confirms who came. Each attending student gets the
    experience in their LOB portfolio (core.signals.experience_happened)."""
    booking = _lock(booking)
    _require_school_side(user, booking)
    if not booking.offer.is_experience:
        raise BookingError(_("Attendance is only kept for guest lessons, company visits and interviews."))
    if booking.status not in CONFIRMED_STATES:
        raise BookingError(_("Only a confirmed booking can have attendance."))
    if booking.date > _today(today):
        raise BookingError(_("You can confirm attendance on or after the day of the visit."))
    allowed = {e.student_id for e in attendance_candidates(booking)}
    chosen = {s.pk for s in students}
    if not chosen:
        raise BookingError(_("Tick at least one student who was there."), "students")
    if chosen - allowed:
        raise BookingError(_("Only students of this class can be ticked."), "students")
    existing = set(Attendance.objects.filter(booking=booking).values_list("student_id", flat=True))
    new_rows = [Attendance(booking=booking, student_id=pk) for pk in sorted(chosen - existing)]
    Attendance.objects.bulk_create(new_rows)
    created = list(Attendance.objects.filter(booking=booking, student_id__in=chosen - existing))
    booking.status = BookingStatus.COMPLETED
    booking.share_first_names = share_first_names
    booking.save(update_fields=["status", "share_first_names", "updated_at"])
    _record(booking, BookingEvent.Kind.ATTENDANCE, user, "", booking.date)
    for attendance in created:
        send_experience(attendance, booking)
    return created


def send_experience(attendance, booking):
    """Tell the portfolio; a failing receiver must not undo the attendance."""
    offer = booking.offer
    partner = offer.partner
    sector_slugs = [s.slug for s in offer.sectors.all()] or [s.slug for s in partner.sectors.all()]
    tell_experience_happened(
        Attendance,
        ExperienceHappened(
            student=attendance.student,
            source_key=attendance.source_key,
            kind=offer.kind,
            title=f"{offer.get_kind_display().capitalize()} {partner.name}",
            date=booking.date,
            sector_slugs=tuple(sector_slugs),
            partner_id=partner.pk,
            details={"offer": offer.title, "offer_id": offer.pk, "booking_id": booking.pk, "partner": partner.name},
        ),
    )


@transaction.atomic
def leave_feedback(user, booking, *, rating, text):
    """The teacher or a student who was there rates the visit (see
    ``access.feedback_role``); giving it again changes it."""
    booking = Booking.objects.select_related("offer").get(pk=booking.pk)
    if booking.status != BookingStatus.COMPLETED:
        raise BookingError(_("Feedback can be given after the visit has taken place."))
    role = access.feedback_role(user, booking)
    if role is None:
        raise BookingError(_("Only the teacher and the students who were there can give feedback."))
    feedback, _created = Feedback.objects.update_or_create(
        booking=booking, author=user, defaults={"author_role": role, "rating": rating, "text": text.strip()}
    )
    return feedback


# --- Calendar feeds --------------------------------------------------------------


def feed_for(*, school=None, partner=None):
    if school is not None:
        feed, _created = CalendarFeed.objects.get_or_create(school=school)
    else:
        feed, _created = CalendarFeed.objects.get_or_create(partner=partner)
    return feed


@transaction.atomic
def renew_feed(user, feed):
    """A new secret link; the old one stops working (e.g. after it leaked)."""
    feed.token = new_token()
    feed.save(update_fields=["token"])
    return feed
