"""Partner network: partner profiles, offers (gastles, bedrijfsbezoek,
beroepsgesprek, challenge, jury), booking requests with their history,
capacity per period, attendance and feedback, calendar feeds.

Who may see and do what lives in ``partners/access.py``, not here.
"""

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from organisation.models import ClassGroup, Level, PartnerOrganisation, School, Sector


def new_token() -> str:
    return secrets.token_urlsafe(24)


class PartnerProfile(models.Model):
    """What a partner adds to its organisation record for the partner network."""

    organisation = models.OneToOneField(
        PartnerOrganisation, on_delete=models.CASCADE, related_name="network_profile", verbose_name=_("organisation")
    )
    for_students = models.TextField(
        _("for students"),
        blank=True,
        help_text=_("In plain language: what do your people do all day, and what will students see and try?"),
    )
    address = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("partner profile")
        verbose_name_plural = _("partner profiles")

    def __str__(self):
        return str(self.organisation)

    @property
    def located_near(self) -> str:
        """What the distance search places the partner by: its town, or its postcode area."""
        from partners.geo import place

        if place(self.organisation.city):
            return self.organisation.city
        if self.latitude is not None and self.postcode:
            return _("postcode area %(area)s") % {"area": self.postcode[:2]}
        return ""


class OfferKind(models.TextChoices):
    GUEST_LESSON = "gastles", _("guest lesson")
    COMPANY_VISIT = "bedrijfsbezoek", _("company visit")
    INTERVIEW = "beroepsgesprek", _("professional interview")
    CHALLENGE = "challenge", _("challenge")
    JURY = "jury", _("jury or assessor")


# Kinds that students take part in: confirmed attendance becomes a portfolio experience.
EXPERIENCE_KINDS = {OfferKind.GUEST_LESSON, OfferKind.COMPANY_VISIT, OfferKind.INTERVIEW}


class Offer(models.Model):
    class Mode(models.TextChoices):
        ON_SITE = "op_locatie", _("on site")
        ONLINE = "online", _("online")
        BOTH = "beide", _("on site or online")

    class Period(models.TextChoices):
        WEEK = "week", _("per week")
        MONTH = "maand", _("per month")
        SCHOOL_YEAR = "schooljaar", _("per school year")

    partner = models.ForeignKey(
        PartnerOrganisation, on_delete=models.CASCADE, related_name="offers", verbose_name=_("partner")
    )
    kind = models.CharField(_("kind of offer"), max_length=20, choices=OfferKind.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"))
    sectors = models.ManyToManyField(Sector, related_name="offers", blank=True, verbose_name=_("sectors"))
    levels = models.ManyToManyField(Level, related_name="offers", verbose_name=_("levels"))
    leerjaar_min = models.PositiveSmallIntegerField(
        _("from year"), default=1, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    leerjaar_max = models.PositiveSmallIntegerField(
        _("up to year"), default=4, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    group_size_min = models.PositiveSmallIntegerField(_("minimum group size"), default=1)
    group_size_max = models.PositiveSmallIntegerField(_("maximum group size"), default=30)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=90, validators=[MinValueValidator(10), MaxValueValidator(960)]
    )
    mode = models.CharField(_("where"), max_length=12, choices=Mode.choices, default=Mode.ON_SITE)
    capacity = models.PositiveSmallIntegerField(
        _("bookings per period"), default=2, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    capacity_period = models.CharField(_("period"), max_length=12, choices=Period.choices, default=Period.MONTH)
    practical_notes = models.TextField(
        _("practical notes"), blank=True, help_text=_("Address, what to bring, safety shoes, parking, …")
    )
    challenge = models.ForeignKey(
        "assignments.Challenge",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_offers",
        verbose_name=_("challenge"),
        help_text=_("Only for challenges: the challenge you placed in the assignment library."),
    )
    challenge_url = models.URLField(
        _("link to the assignment library"), blank=True, help_text=_("Only for challenges: where teachers find it.")
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["partner__name", "title"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [
            models.CheckConstraint(condition=Q(leerjaar_max__gte=F("leerjaar_min")), name="offer_years_in_order"),
            models.CheckConstraint(
                condition=Q(group_size_max__gte=F("group_size_min")), name="offer_group_sizes_in_order"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_experience(self) -> bool:
        return self.kind in EXPERIENCE_KINDS

    def period_start(self, day: datetime.date) -> datetime.date:
        """First day of the capacity period that contains ``day``."""
        if self.capacity_period == self.Period.WEEK:
            return day - datetime.timedelta(days=day.weekday())
        if self.capacity_period == self.Period.SCHOOL_YEAR:
            return datetime.date(day.year if day.month >= 8 else day.year - 1, 8, 1)
        return day.replace(day=1)

    def is_available_on(self, day: datetime.date, windows=None) -> bool:
        windows = self.windows.all() if windows is None else windows
        return any(w.start_date <= day <= w.end_date for w in windows)

    def windows_after(self, day: datetime.date, windows=None) -> list:
        """The available dates that end after ``day`` (what can still be booked)."""
        windows = self.windows.all() if windows is None else windows
        return [w for w in windows if w.end_date > day]


class AvailabilityWindow(models.Model):
    """A date or a date range in which an offer can be booked."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="windows")
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))

    class Meta:
        ordering = ["start_date"]
        verbose_name = _("available dates")
        verbose_name_plural = _("available dates")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="window_end_not_before_start")
        ]

    def __str__(self):
        return f"{self.start_date} – {self.end_date}"


class CapacityCounter(models.Model):
    """How many bookings of an offer hold a place in one period. Updated only
    under ``select_for_update``; the check constraint is the last line of
    defence against double booking."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="counters")
    period_start = models.DateField()
    capacity = models.PositiveSmallIntegerField()
    booked = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "period_start"], name="counter_one_per_offer_period"),
            models.CheckConstraint(condition=Q(booked__lte=F("capacity")), name="counter_booked_within_capacity"),
        ]

    def __str__(self):
        return f"{self.offer_id} {self.period_start}: {self.booked}/{self.capacity}"


class BookingStatus(models.TextChoices):
    REQUESTED = "aangevraagd", _("requested")
    PROPOSED = "voorstel", _("other date proposed")
    CONFIRMED = "bevestigd", _("confirmed")
    DECLINED = "afgewezen", _("declined")
    CANCELLED = "geannuleerd", _("cancelled")
    COMPLETED = "afgerond", _("took place")


# States that hold a place in the offer's capacity.
HOLDING_STATES = {BookingStatus.REQUESTED, BookingStatus.PROPOSED, BookingStatus.CONFIRMED, BookingStatus.COMPLETED}
OPEN_STATES = {BookingStatus.REQUESTED, BookingStatus.PROPOSED}
# A visit that is on the calendar (confirmed, or it took place): .ics and attendance belong to these.
CONFIRMED_STATES = {BookingStatus.CONFIRMED, BookingStatus.COMPLETED}


class Booking(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("offer"))
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="partner_bookings")
    class_group = models.ForeignKey(
        ClassGroup, on_delete=models.PROTECT, related_name="partner_bookings", verbose_name=_("class")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="partner_bookings", verbose_name=_("teacher")
    )
    group_size = models.PositiveSmallIntegerField(_("number of students"))
    teams_note = models.CharField(
        _("project or teams"),
        max_length=200,
        blank=True,
        help_text=_("Optional: which project or which teams come, for example “teams 2 and 5 of the bridge project”."),
    )
    preferred_date = models.DateField(_("preferred date"))
    alternative_date = models.DateField(_("alternative date"), null=True, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    message = models.TextField(_("message to the partner"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    date = models.DateField(_("date"), help_text=_("The date the booking holds: requested, proposed or confirmed."))
    proposed_date = models.DateField(_("proposed date"), null=True, blank=True)
    decline_reason = models.TextField(_("reason"), blank=True)
    counter = models.ForeignKey(CapacityCounter, on_delete=models.SET_NULL, null=True, blank=True, editable=False)
    share_first_names = models.BooleanField(
        _("share first names with the partner"),
        default=False,
        help_text=_("The partner then sees the first names of the students who came, nothing more."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        indexes = [models.Index(fields=["status", "date"]), models.Index(fields=["school", "date"])]
        constraints = [models.CheckConstraint(condition=Q(group_size__gte=1), name="booking_group_size_positive")]

    def __str__(self):
        return f"{self.offer} – {self.school.name} {self.date}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES

    @property
    def in_calendar(self) -> bool:
        """Confirmed, or it took place: in the calendars, with an .ics."""
        return self.status in CONFIRMED_STATES

    @property
    def status_badge(self) -> str:
        return {
            BookingStatus.REQUESTED: "badge-warn",
            BookingStatus.PROPOSED: "badge-warn",
            BookingStatus.CONFIRMED: "badge-ok",
            BookingStatus.COMPLETED: "badge-ok",
            BookingStatus.DECLINED: "badge-err",
            BookingStatus.CANCELLED: "badge-muted",
        }.get(self.status, "badge")

    def starts_at(self):
        if self.start_time is None:
            return None
        return datetime.datetime.combine(self.date, self.start_time)


class BookingEvent(models.Model):
    """One step in a booking's history, shown to both sides."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", _("requested")
        ACCEPTED = "accepted", _("accepted by the partner")
        DECLINED = "declined", _("declined by the partner")
        PROPOSED = "proposed", _("other date proposed")
        PROPOSAL_ACCEPTED = "proposal_accepted", _("proposed date accepted")
        CANCELLED = "cancelled", _("cancelled")
        ATTENDANCE = "attendance", _("attendance confirmed")

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.booking_id}: {self.kind}"


# Steps that confirm a visit: both sides hear of them, with the visit as .ics.
CONFIRMATIONS = {BookingEvent.Kind.ACCEPTED, BookingEvent.Kind.PROPOSAL_ACCEPTED}


class Attendance(models.Model):
    """A student who took part in a booking. The portfolio records it as an
    experience (core.signals.experience_happened, source key
    "partners.attendance:<id>"); this row keeps it even without a portfolio."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="attendances")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_attendances")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["student__first_name"]
        constraints = [models.UniqueConstraint(fields=["booking", "student"], name="attendance_once_per_booking")]

    def __str__(self):
        return f"{self.booking_id}: {self.student_id}"

    @property
    def source_key(self) -> str:
        return f"partners.attendance:{self.pk}"


class Feedback(models.Model):
    """Short feedback for the partner after a visit, by the teacher or a student."""

    class Role(models.TextChoices):
        TEACHER = "docent", _("teacher")
        STUDENT = "leerling", _("student")

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="partner_feedback")
    author_role = models.CharField(max_length=10, choices=Role.choices)
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    text = models.CharField(_("your feedback"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["booking", "author"], name="feedback_once_per_author"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.booking_id}: {self.rating}"


class CalendarFeed(models.Model):
    """A subscribable iCalendar feed for one school or one partner, reached
    with an unguessable token instead of a session."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    partner = models.OneToOneField(
        PartnerOrganisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(school__isnull=False, partner__isnull=True) | Q(school__isnull=True, partner__isnull=False),
                name="feed_for_school_or_partner",
            )
        ]

    def __str__(self):
        return f"feed {self.school_id or self.partner_id}"
