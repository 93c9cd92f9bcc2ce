"""Who may see and do what in the partner network: every access decision of
the app, in one file (ARCHITECTURE.md, "The access module").

1. Queryset rules: ``visible_offers``, ``editable_offers``,
   ``visible_bookings`` and the two sides of a booking
   (``school_side_bookings``, ``partner_side_bookings``), ``visible_feedback``.
2. Page-level questions (``can_browse_offers``, ``can_request_bookings``, …),
   the rules the services apply to one booking (``acts_for_school``,
   ``feedback_role``, …) and the loaders: ``load_offer``, ``load_booking``,
   ``load_partner_profile``, ``load_feed_owner`` return the object (404
   outside the visible rule) with what the user may do with it; a view calls
   ``require(flag)`` (403 when false).
3. Who is told: the recipients of each booking step's e-mail.

Everything builds on ``organisation.access.get_scope``; an empty scope sees
nothing (deny by default). Partners see their own offers and bookings with the
school, teacher and group size, never students' names beyond the first names a
school chooses to share.
"""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from organisation.access import (
    get_scope,
    load_partner_organisation,
    partner_contact_addresses,
    visible_partner_organisations,
    visible_schools,
)
from organisation.models import Network, PartnerOrganisation, School
from partners.models import (
    CONFIRMATIONS,
    OPEN_STATES,
    Attendance,
    Booking,
    BookingEvent,
    BookingStatus,
    CalendarFeed,
    Feedback,
    Offer,
)

SCHOOL, PARTNER = "school", "partner"  # the two sides of a booking

# --------------------------------------------------------------------------
# 1. Queryset rules
# --------------------------------------------------------------------------


def visible_offers(user, qs=None):
    """Published offers are a catalogue for school staff, network coaches and
    the programme office (the office also sees unpublished ones); a partner
    contact sees all of their organisation's offers. Students none."""
    qs = Offer.objects.all() if qs is None else qs
    scope = get_scope(user)
    if scope.national:
        return qs
    condition = Q(pk__in=[])
    if scope.staff_school_ids or scope.network_ids:
        condition |= Q(is_published=True)
    if scope.partner_ids:
        condition |= Q(partner_id__in=scope.partner_ids)
    return qs.filter(condition)


def editable_offers(user, qs=None):
    """A partner's contacts and the programme office edit its offers."""
    qs = Offer.objects.all() if qs is None else qs
    scope = get_scope(user)
    if scope.national:
        return qs
    return qs.filter(partner_id__in=scope.partner_ids)


def visible_bookings(user, qs=None):
    """School staff see their school's bookings; partner contacts their
    organisation's; network coaches those of their network's schools;
    students the bookings they attended; the programme office all."""
    qs = Booking.objects.all() if qs is None else qs
    scope = get_scope(user)
    if scope.national:
        return qs
    if not scope:
        return qs.none()
    condition = (
        Q(school_id__in=scope.staff_school_ids)
        | Q(offer__partner_id__in=scope.partner_ids)
        | Q(school__network_id__in=scope.network_ids)
    )
    if scope.student_school_ids:
        condition |= Q(attendances__student_id=scope.user_id)
    return qs.filter(condition).distinct()


def school_side_bookings(user, qs=None):
    """Bookings the user acts on for the school (request, accept a proposed
    date, cancel, attendance, feedback): their own school's, as staff."""
    qs = Booking.objects.all() if qs is None else qs
    return qs.filter(school_id__in=get_scope(user).staff_school_ids)


def partner_side_bookings(user, qs=None):
    """Bookings the user answers for the partner: their organisation's."""
    qs = Booking.objects.all() if qs is None else qs
    return qs.filter(offer__partner_id__in=get_scope(user).partner_ids)


def party_bookings(user, qs=None):
    """Bookings the user takes part in on either side (their calendar)."""
    qs = Booking.objects.all() if qs is None else qs
    scope = get_scope(user)
    return qs.filter(Q(school_id__in=scope.staff_school_ids) | Q(offer__partner_id__in=scope.partner_ids))


def visible_feedback(user, qs=None):
    """Feedback on a booking: both sides, the coach of the school's network
    and the office read all of it; a student reads only what they wrote
    themselves (never classmates' feedback)."""
    qs = Feedback.objects.all() if qs is None else qs
    scope = get_scope(user)
    if scope.national:
        return qs
    if not scope:
        return qs.none()
    return qs.filter(
        Q(booking__school_id__in=scope.staff_school_ids)
        | Q(booking__offer__partner_id__in=scope.partner_ids)
        | Q(booking__school__network_id__in=scope.network_ids)
        | Q(author_id=scope.user_id)
    )


def own_schools(user):
    """The schools where the user works (teacher or coordinator)."""
    return School.objects.filter(pk__in=get_scope(user).staff_school_ids)


def own_partners(user):
    """The partner organisations the user is a contact of."""
    return PartnerOrganisation.objects.filter(pk__in=get_scope(user).partner_ids)


def coached_networks(user):
    """The networks the user coaches."""
    return Network.objects.filter(pk__in=get_scope(user).network_ids)


def coverage_networks(user):
    """Whose coverage the user reads: the office every network, a coach their own."""
    return Network.objects.all() if get_scope(user).national else coached_networks(user)


# --------------------------------------------------------------------------
# 2. Page-level questions and the rules of one booking
# --------------------------------------------------------------------------


def require(allowed: bool) -> None:
    """403 unless ``allowed`` (a flag of a loader or a page-level question)."""
    if not allowed:
        raise PermissionDenied


def can_browse_offers(user) -> bool:
    """The catalogue: school staff, network coaches, partners and the office."""
    scope = get_scope(user)
    return bool(scope.national or scope.staff_school_ids or scope.network_ids or scope.partner_ids)


def can_request_bookings(user) -> bool:
    """School staff request bookings (and keep a calendar of them)."""
    return bool(get_scope(user).staff_school_ids)


def is_partner_contact(user) -> bool:
    """Partner contacts have "Mijn aanbod" and answer requests."""
    return bool(get_scope(user).partner_ids)


def can_use_calendar(user) -> bool:
    """The agenda with its feeds: school staff and partner contacts."""
    return can_request_bookings(user) or is_partner_contact(user)


def sees_only_own_visits(user) -> bool:
    """A student (without a staff or partner role) sees only the visits they attended."""
    scope = get_scope(user)
    return bool(scope.student_school_ids) and not (scope.staff_school_ids or scope.partner_ids)


def can_see_coverage(user) -> bool:
    """Coverage of a region: its network coach and the programme office."""
    scope = get_scope(user)
    return bool(scope.national or scope.network_ids)


def home_school(user):
    """The school a teacher searches from (the first of their schools by name)."""
    return own_schools(user).select_related("network").order_by("name").first()


def home_network_id(user, school=None):
    """The region a search starts in: the teacher's school's, else the
    network of a coach of exactly one network."""
    if school is not None:
        return school.network_id
    network_ids = get_scope(user).network_ids
    return next(iter(network_ids)) if len(network_ids) == 1 else None


def may_book_for(user, class_group) -> bool:
    """Teachers book for classes of their own school only."""
    return class_group.school_id in get_scope(user).staff_school_ids


def acts_for_school(user, booking) -> bool:
    """Staff of the booking's school act for the school."""
    return booking.school_id in get_scope(user).staff_school_ids


def acts_for_partner(user, booking) -> bool:
    """Contacts of the offer's partner act for the partner."""
    return booking.offer.partner_id in get_scope(user).partner_ids


def attended(user, booking) -> bool:
    return Attendance.objects.filter(booking=booking, student_id=user.pk).exists()


def feedback_role(user, booking):
    """Who may give feedback on a visit, and as what: the school's staff as
    teacher, a student who was there as student; nobody else (``None``)."""
    if acts_for_school(user, booking):
        return Feedback.Role.TEACHER
    if attended(user, booking):
        return Feedback.Role.STUDENT
    return None


@dataclass(frozen=True)
class OfferAccess:
    """An offer the user may see, with what they may do with it."""

    offer: Offer
    can_edit: bool  # editable_offers: the partner's contacts, the office
    can_book: bool  # school staff, while it is published
    is_own: bool  # an offer of the user's own organisation

    @cached_property
    def reviews(self):
        """Everyone who sees an offer reads its latest feedback, shown by
        school and role only (never a name)."""
        return list(
            Feedback.objects.filter(booking__offer=self.offer)
            .select_related("booking__school")
            .order_by("-created_at")[:6]
        )


def load_offer(user, pk, *, qs=None) -> OfferAccess:
    """The offer (from ``qs``, default all offers) with what the user may do
    with it; 404 outside ``visible_offers``."""
    qs = Offer.objects.all() if qs is None else qs
    offer = get_object_or_404(visible_offers(user, qs.select_related("partner")), pk=pk)
    return OfferAccess(
        offer=offer,
        can_edit=editable_offers(user).filter(pk=offer.pk).exists(),
        can_book=can_request_bookings(user) and offer.is_published,
        is_own=offer.partner_id in get_scope(user).partner_ids,
    )


@dataclass(frozen=True)
class PartnerProfileAccess:
    """A partner organisation as its profile and offer forms see it."""

    organisation: PartnerOrganisation
    can_edit: bool  # profile, contacts, new offers: its contacts and the office


def load_partner_profile(user, pk) -> PartnerProfileAccess:
    """404 outside the organisations the user sees."""
    partner = load_partner_organisation(user, pk)
    return PartnerProfileAccess(organisation=partner.partner, can_edit=partner.can_edit)


@dataclass(frozen=True)
class BookingAccess:
    """A booking the user may see, with their side of it and what they may do.

    The view's gate is the side (``is_partner_side`` for answers,
    ``is_school_side`` for a proposed date and attendance, ``is_party`` for
    cancelling, ``may_give_feedback``); whether the booking's state allows the
    step is the service's rule (a message, not a 403). The ``can_*`` flags
    combine both and decide what the page offers."""

    booking: Booking
    user: object
    is_school_side: bool
    is_partner_side: bool
    is_onlooker: bool  # the office or the coach of the school's network: reads, never acts
    today: datetime.date

    @property
    def is_party(self) -> bool:
        return self.is_school_side or self.is_partner_side

    @cached_property
    def attendances(self) -> list:
        return list(
            Attendance.objects.filter(booking=self.booking).select_related("student").order_by("student__first_name")
        )

    @cached_property
    def is_attendee(self) -> bool:
        return any(a.student_id == self.user.pk for a in self.attendances)

    @property
    def sees_history(self) -> bool:
        """The booking's history and the school's message: everyone but a
        student who only attended."""
        return self.is_party or self.is_onlooker

    @property
    def is_student_view(self) -> bool:
        """A student who attended sees the visit, their own feedback and nothing else."""
        return self.is_attendee and not self.sees_history

    @property
    def sees_student_names(self) -> bool:
        """Full names of the students who came (and of student feedback): the school."""
        return self.is_school_side

    @property
    def sees_student_first_names(self) -> bool:
        """The partner sees first names only when the school chose to share them."""
        return self.is_partner_side and self.booking.share_first_names

    @property
    def can_accept(self) -> bool:
        """The partner answers a new request: accept, decline or propose another date."""
        return self.is_partner_side and self.booking.status == BookingStatus.REQUESTED

    can_decline = can_accept
    can_propose = can_accept

    @property
    def can_accept_proposal(self) -> bool:
        return self.is_school_side and self.booking.status == BookingStatus.PROPOSED

    @property
    def can_cancel(self) -> bool:
        """Either side, while open or confirmed and not yet past."""
        booking = self.booking
        still_ahead = booking.status == BookingStatus.CONFIRMED and booking.date >= self.today
        return self.is_party and (booking.status in OPEN_STATES or still_ahead)

    @property
    def can_confirm_attendance(self) -> bool:
        """The school, for a visit, guest lesson or interview on or after its day."""
        booking = self.booking
        return (
            self.is_school_side and booking.offer.is_experience and booking.in_calendar and booking.date <= self.today
        )

    @property
    def may_give_feedback(self) -> bool:
        """See ``feedback_role``: the school's staff and the students who were there."""
        return self.is_school_side or self.is_attendee

    @property
    def can_give_feedback(self) -> bool:
        return self.may_give_feedback and self.booking.status == BookingStatus.COMPLETED

    @cached_property
    def feedback(self) -> list:
        """The feedback on this booking the user reads (``visible_feedback``)."""
        return list(visible_feedback(self.user).filter(booking=self.booking).select_related("author"))

    @property
    def own_feedback(self):
        """What the user wrote themselves (``visible_feedback`` always includes it)."""
        return next((f for f in self.feedback if f.author_id == self.user.pk), None)

    @cached_property
    def history(self) -> list:
        if not self.sees_history:
            return []
        return list(BookingEvent.objects.filter(booking=self.booking).select_related("actor"))


def load_booking(user, pk, *, qs=None, today=None) -> BookingAccess:
    """The booking (from ``qs``, default all bookings) with the user's side
    of it; 404 outside ``visible_bookings``."""
    qs = Booking.objects.all() if qs is None else qs
    booking = get_object_or_404(
        visible_bookings(user, qs).select_related(
            "offer__partner__network_profile", "school", "class_group", "requested_by"
        ),
        pk=pk,
    )
    scope = get_scope(user)
    return BookingAccess(
        booking=booking,
        user=user,
        is_school_side=acts_for_school(user, booking),
        is_partner_side=acts_for_partner(user, booking),
        is_onlooker=scope.national or booking.school.network_id in scope.network_ids,
        today=today or timezone.localdate(),
    )


@dataclass(frozen=True)
class FeedOwnerAccess:
    """A school or partner whose calendar feed the user may see."""

    owner: School | PartnerOrganisation
    side: str  # SCHOOL or PARTNER
    can_renew: bool  # the school's staff, the partner's contacts


def load_feed_owner(user, pk, *, side) -> FeedOwnerAccess:
    """404 outside the schools or organisations the user sees."""
    scope = get_scope(user)
    if side == SCHOOL:
        owner = get_object_or_404(visible_schools(user), pk=pk)
        return FeedOwnerAccess(owner=owner, side=side, can_renew=owner.pk in scope.staff_school_ids)
    owner = get_object_or_404(visible_partner_organisations(user), pk=pk)
    return FeedOwnerAccess(owner=owner, side=side, can_renew=owner.pk in scope.partner_ids)


def feed_by_token(token, *, side) -> CalendarFeed:
    """A subscribed calendar has no session: the unguessable token is the
    access; a wrong token (or another side's) is a 404."""
    return get_object_or_404(CalendarFeed.objects.select_related(side), token=token, **{f"{side}__isnull": False})


# --------------------------------------------------------------------------
# 3. Who is told
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipients:
    side: str  # SCHOOL or PARTNER: what the mail (and its .ics) may say
    addresses: list
    language: str


def told_sides(kind, actor_side) -> list:
    """Which side hears about a step: both of a confirmation; of a
    cancellation the side that did not cancel; the partner of a request and
    of attendance; the school of every answer."""
    if kind in CONFIRMATIONS:
        return [SCHOOL, PARTNER]
    if kind == BookingEvent.Kind.CANCELLED:
        return [SCHOOL if actor_side == PARTNER else PARTNER]
    if kind in (BookingEvent.Kind.REQUESTED, BookingEvent.Kind.ATTENDANCE):
        return [PARTNER]
    return [SCHOOL]


def booking_step_recipients(event) -> list:
    """The mails of one booking step: the partner's contacts
    (``partner_contact_addresses``, in Dutch: contacts have no language on
    record) and the teacher who asked, in their language, while they can
    still open the booking."""
    booking = event.booking
    actor_side = PARTNER if event.actor and acts_for_partner(event.actor, booking) else SCHOOL
    result = []
    for side in told_sides(event.kind, actor_side):
        if side == PARTNER:
            addresses, language = partner_contact_addresses(booking.offer.partner_id), "nl"
        else:
            teacher = booking.requested_by
            can_open = teacher.email and visible_bookings(teacher).filter(pk=booking.pk).exists()
            addresses, language = ([teacher.email] if can_open else []), teacher.preferred_language or "nl"
        if addresses:
            result.append(Recipients(side=side, addresses=addresses, language=language))
    return result
