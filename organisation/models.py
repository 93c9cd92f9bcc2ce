"""Organisation: networks, schools, school years, membership, classes,
enrolments, partner organisations, the sector taxonomy and role assignments.

This is the bottom of the domain: it imports nothing from other domain apps.
Who may see which rows is not decided here: the rules live in access.py, which
imports these models (never the other way round).
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.roles import Role

brin_validator = RegexValidator(
    regex=r"^[0-9]{2}[A-Z]{2}$",
    message=_("A BRIN code is two digits followed by two capital letters, for example 12AB."),
)


class Level(models.Model):
    """Education level: vmbo-GL, vmbo-TL or havo (shipped as data)."""

    code = models.CharField(_("code"), max_length=16, primary_key=True)
    name = models.CharField(_("name"), max_length=40)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")

    def __str__(self):
        return self.name


class Sector(models.Model):
    """One node of the sector taxonomy: a vmbo profile, a havo profile or a
    broad professional domain. Profiles point at the domains they open."""

    class Kind(models.TextChoices):
        DOMAIN = "domein", _("professional domain")
        VMBO_PROFILE = "vmbo_profiel", _("vmbo profile")
        HAVO_PROFILE = "havo_profiel", _("havo profile")

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(default=0)
    domains = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="profiles", verbose_name=_("domains")
    )

    class Meta:
        ordering = ["order"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.name


class Network(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100)
    region = models.CharField(_("region"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self):
        return self.name


class School(models.Model):
    name = models.CharField(_("name"), max_length=200)
    brin = models.CharField(_("BRIN code"), max_length=4, unique=True, validators=[brin_validator])
    city = models.CharField(_("city"), max_length=100)
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="schools", verbose_name=_("network"))
    levels = models.ManyToManyField(Level, related_name="schools", verbose_name=_("levels offered"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")

    def __str__(self):
        return f"{self.name} ({self.city})"


class SchoolYearQuerySet(models.QuerySet):
    def current(self, today: datetime.date | None = None):
        """The school year that contains today (or the most recent one that started)."""
        today = today or timezone.localdate()
        return (
            self.filter(start_date__lte=today, end_date__gte=today).first()
            or self.filter(start_date__lte=today).order_by("-start_date").first()
            or self.order_by("start_date").first()
        )


def current_year_of_request(request):
    """The current school year, looked up once per request (dashboard panels
    of several apps all need it)."""
    if not hasattr(request, "_tm_current_year"):
        request._tm_current_year = SchoolYear.objects.current(timezone.localdate())
    return request._tm_current_year


class SchoolYear(models.Model):
    name = models.CharField(_("name"), max_length=9, unique=True, help_text=_("For example 2025-2026"))
    start_date = models.DateField(_("start date"), unique=True)
    end_date = models.DateField(_("end date"))

    objects = SchoolYearQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("school year")
        verbose_name_plural = _("school years")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gt=models.F("start_date")), name="schoolyear_end_after_start")
        ]

    def __str__(self):
        return self.name

    @classmethod
    def name_for(cls, start_year: int) -> str:
        return f"{start_year}-{start_year + 1}"

    @classmethod
    def start_year_of(cls, day: datetime.date) -> int:
        """The calendar year in which the school year containing ``day`` began (it turns on 1 August)."""
        return day.year if day.month >= 8 else day.year - 1

    @classmethod
    def bounds_for(cls, start_year: int) -> tuple[datetime.date, datetime.date]:
        """Dutch school years run from 1 August to 31 July."""
        return datetime.date(start_year, 8, 1), datetime.date(start_year + 1, 7, 31)


class Membership(models.Model):
    """A school's membership of the TechMakers consortium."""

    class Status(models.TextChoices):
        ASPIRANT = "aspirant", _("aspiring")
        ACTIVE = "actief", _("active")
        STOPPED = "gestopt", _("stopped")

    class Phase(models.TextChoices):
        APPLICATION = "aanmelding", _("application")
        INTAKE = "deelnametoets", _("participation check")
        PREPARATION = "voorbereidingsjaar", _("preparation year")
        AUDIT = "audit", _("audit")
        LICENCE = "licentie", _("licence")

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="membership", verbose_name=_("school"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ASPIRANT)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.APPLICATION)
    commitment_start = models.DateField(_("commitment start"))
    commitment_end = models.DateField(_("commitment end"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(commitment_end__isnull=True) | Q(commitment_end__gt=models.F("commitment_start")),
                name="membership_end_after_start",
            )
        ]

    def __str__(self):
        return f"{self.school.name}: {self.get_status_display()}"


class EducationTeam(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="education_teams")
    name = models.CharField(_("name"), max_length=100)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="education_teams")

    class Meta:
        ordering = ["name"]
        verbose_name = _("education team")
        verbose_name_plural = _("education teams")
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="educationteam_unique_name")]

    def __str__(self):
        return self.name


class ClassGroup(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="class_groups", verbose_name=_("school"))
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="class_groups")
    name = models.CharField(_("name"), max_length=20)
    level = models.ForeignKey(Level, on_delete=models.PROTECT, verbose_name=_("level"))
    leerjaar = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1), MaxValueValidator(6)])
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor_of",
        verbose_name=_("mentor"),
    )

    class Meta:
        ordering = ["leerjaar", "name"]
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        constraints = [models.UniqueConstraint(fields=["school", "school_year", "name"], name="classgroup_unique_name")]

    def __str__(self):
        return self.name


class EnrolmentQuerySet(models.QuerySet):
    def current(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(school_year__start_date__lte=today, school_year__end_date__gte=today)


class Enrolment(models.Model):
    """A student at a school in a school year: level, leerjaar and class."""

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="enrolments")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="enrolments")
    class_group = models.ForeignKey(
        ClassGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="enrolments"
    )
    level = models.ForeignKey(Level, on_delete=models.PROTECT, verbose_name=_("level"))
    leerjaar = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1), MaxValueValidator(6)])

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["school_year__start_date"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["student", "school_year"], name="enrolment_one_per_year")]

    def __str__(self):
        return f"{self.student} – {self.school.name} {self.school_year}"


class PartnerOrganisation(models.Model):
    class Kind(models.TextChoices):
        COMPANY = "bedrijf", _("company")
        SOCIAL = "maatschappelijk", _("social organisation")
        MBO = "mbo", _("mbo institution")
        HBO = "hbo", _("hbo institution")
        GOVERNMENT = "overheid", _("government")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    sectors = models.ManyToManyField(Sector, related_name="partners", verbose_name=_("sectors"))
    networks = models.ManyToManyField(Network, related_name="partners", verbose_name=_("regions"))
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("what we do"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self):
        return self.name


class PartnerContact(models.Model):
    organisation = models.ForeignKey(PartnerOrganisation, on_delete=models.CASCADE, related_name="contacts")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="partner_contact"
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner contact")
        verbose_name_plural = _("partner contacts")

    def __str__(self):
        return self.name


class RegionProposal(models.Model):
    """A partner organisation asks to serve a region (a network). Only the
    network's coach or the programme office decides; only approved regions are
    in ``PartnerOrganisation.networks``, which is what the access rules read."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    partner = models.ForeignKey(
        PartnerOrganisation, on_delete=models.CASCADE, related_name="region_proposals", verbose_name=_("partner")
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="region_proposals", verbose_name=_("region")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["proposed_at", "pk"]
        verbose_name = _("region proposal")
        verbose_name_plural = _("region proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "network"],
                condition=Q(status="pending"),
                name="regionproposal_one_pending_per_region",
            )
        ]

    def __str__(self):
        return f"{self.partner} → {self.network} ({self.get_status_display()})"


class RoleAssignment(models.Model):
    """Ties a user to a role and its scope. A user may hold several."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True, related_name="role_assignments")
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, null=True, blank=True, related_name="role_assignments"
    )
    partner = models.ForeignKey(
        PartnerOrganisation, on_delete=models.CASCADE, null=True, blank=True, related_name="role_assignments"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                name="roleassignment_scope_matches_role",
                condition=(
                    Q(
                        role__in=[Role.STUDENT, Role.TEACHER, Role.COORDINATOR],
                        school__isnull=False,
                        network__isnull=True,
                        partner__isnull=True,
                    )
                    | Q(role=Role.NETWORK_COACH, school__isnull=True, network__isnull=False, partner__isnull=True)
                    | Q(role=Role.PARTNER, school__isnull=True, network__isnull=True, partner__isnull=False)
                    | Q(
                        role__in=[Role.OFFICE, Role.JUROR],
                        school__isnull=True,
                        network__isnull=True,
                        partner__isnull=True,
                    )
                ),
            ),
        ]

    def __str__(self):
        target = self.school or self.network or self.partner or _("national")
        return f"{self.user}: {self.get_role_display()} ({target})"
