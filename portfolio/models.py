"""LOB portfolio: experiences, reflections (the loopbaandossier record and the
five career competencies), affinity per sector, qualities in others' eyes,
career conversations, private coach notes and the transfer dossier.

Who may see what: ``portfolio/access.py`` (the student and the coaches of
their current school; private coach notes for those coaches only).
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from organisation.models import PartnerOrganisation, Sector
from portfolio.choices import Kind

TEAM_REFLECTION_KEYS = ("reflection_product", "reflection_process", "reflection_own_actions")


class Experience(models.Model):
    """One career-orientation experience of a student. Automatic ones come
    from other apps (``source_key`` set, facts read-only); the student adds
    the others."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portfolio_experiences"
    )
    kind = models.CharField(_("kind of experience"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    place = models.CharField(
        _("where"), max_length=200, blank=True, help_text=_("The company, school or organisation, if any.")
    )
    partner = models.ForeignKey(PartnerOrganisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="portfolio_experiences", verbose_name=_("sectors")
    )
    source_key = models.CharField(max_length=100, blank=True, default="")
    group_key = models.CharField(max_length=120, blank=True, default="", db_index=True)
    details = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The two parts of a reflection that can make an experience complete, each saved on its own:
    # "before" (prepared_at) fits an experience still to come, "after" (reflected_at: looked back,
    # the loopbaandossier record) one that has happened. ``is_complete(today)`` has the rule.
    prepared_at = models.DateTimeField(null=True, blank=True)
    reflected_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")
        constraints = [
            models.UniqueConstraint(
                fields=["student", "source_key"], condition=~Q(source_key=""), name="experience_unique_source"
            )
        ]
        indexes = [models.Index(fields=["student", "date"], name="experience_student_date")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portfolio:experience_detail", kwargs={"pk": self.pk})

    @property
    def is_automatic(self) -> bool:
        return bool(self.source_key)

    def is_upcoming(self, today) -> bool:
        """Still to come on ``today``: the part that fits is "before" (until
        the day); from the day itself it is "after"."""
        return self.date > today

    def is_complete(self, today) -> bool:
        """Complete when the part that fits the date is done: looking back
        (after) for an experience that has happened, preparing (before) for
        one still to come. Looking back always completes it."""
        return self.reflected_at is not None or (self.is_upcoming(today) and self.prepared_at is not None)

    def reflection_state(self, today) -> str:
        """One word for badges and lists: ``reflected`` (looked back),
        ``prepared`` (still to come, before done), ``to_prepare`` (still to
        come, nothing yet), ``to_look_back`` (happened, only prepared) or
        ``open`` (happened, nothing yet)."""
        if self.reflected_at is not None:
            return "reflected"
        if self.is_upcoming(today):
            return "prepared" if self.prepared_at is not None else "to_prepare"
        return "to_look_back" if self.prepared_at is not None else "open"

    @property
    def team_reflection(self) -> dict | None:
        """The team's closing reflection (Terugkijken in the project), sent by
        projects with the experience: it IS this experience's look back."""
        d = self.details or {}
        if self.kind != "project" or not any(d.get(k) for k in TEAM_REFLECTION_KEYS):
            return None
        return {k: d.get(k, "") for k in TEAM_REFLECTION_KEYS}

    @property
    def school_year(self) -> str:
        start = self.date.year if self.date.month >= 8 else self.date.year - 1
        return f"{start}-{start + 1}"


class Reflection(models.Model):
    """The loopbaandossier record of one experience (intended goals, results,
    evaluation, follow-up) with before / during / after prompts, the five
    career competencies, qualities and motives. ``draft`` keeps what the
    student typed but did not hand in yet (saved without validation)."""

    experience = models.OneToOneField(Experience, on_delete=models.CASCADE, related_name="reflection")
    # Before
    goals = models.TextField(_("What do you want to find out or learn?"), blank=True)
    expectations = models.TextField(_("What do you expect?"), blank=True)
    questions = models.TextField(_("Which questions do you want to ask?"), blank=True)
    # During
    during = models.TextField(_("What do you notice?"), blank=True)
    # After
    what_happened = models.TextField(_("What did you do, and what happened?"), blank=True)
    about_me = models.TextField(_("What does this say about you?"), blank=True)
    evaluation = models.TextField(_("How did it go? Did you reach your goal?"), blank=True)
    follow_up = models.TextField(_("What is your next step?"), blank=True)
    # The five career competencies
    kwaliteiten = models.TextField(blank=True)
    motieven = models.TextField(blank=True)
    werkexploratie = models.TextField(blank=True)
    loopbaansturing = models.TextField(blank=True)
    netwerken = models.TextField(blank=True)
    qualities = models.JSONField(default=list, blank=True)  # slugs of choices.QUALITIES
    motives = models.JSONField(default=list, blank=True)  # slugs of choices.MOTIVES
    interview_answers = models.JSONField(default=dict, blank=True)  # question -> answer
    draft = models.JSONField(default=dict, blank=True)
    saved_steps = models.JSONField(default=list, blank=True)  # slugs of portfolio.steps saved at least once
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")

    def __str__(self):
        return str(self.experience)

    @property
    def question_list(self) -> list[str]:
        return [q.strip() for q in self.questions.splitlines() if q.strip()]

    @property
    def interview(self) -> list[tuple[str, str]]:
        return [(q, self.interview_answers.get(q, "")) for q in self.question_list]

    @property
    def has_draft(self) -> bool:
        """Typed but not saved in its step yet (a saved step leaves the draft)."""
        return bool(self.draft) and self.draft_saved_at is not None


class SectorAffinity(models.Model):
    """How much a sector appealed to the student after an experience (1-5).
    One row per experience and sector, with the student denormalised so the
    richtingsgevoel reads all of a student's scores in one query."""

    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="affinities")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sector = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])

    class Meta:
        verbose_name = _("affinity")
        verbose_name_plural = _("affinities")
        constraints = [
            models.UniqueConstraint(fields=["experience", "sector"], name="affinity_one_per_sector"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="affinity_score_1_5"),
        ]

    def __str__(self):
        return f"{self.sector_id}: {self.score}"


class QualityEndorsement(models.Model):
    """A quality that a teammate or coach sees in a student (from the shared list)."""

    class Role(models.TextChoices):
        PEER = "teamgenoot", _("teammate")
        COACH = "coach", _("coach")

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=12, choices=Role.choices)
    quality = models.CharField(max_length=40)
    experience = models.ForeignKey(
        Experience, on_delete=models.SET_NULL, null=True, blank=True, related_name="endorsements"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("quality given by someone else")
        verbose_name_plural = _("qualities given by others")
        indexes = [models.Index(fields=["student", "quality"], name="endorsement_student")]

    def __str__(self):
        return self.quality


class CareerConversation(models.Model):
    """A loopbaangesprek: the student shares an experience, the coach gives
    feedback, together they agree the next step. Shared with the student."""

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    experience = models.ForeignKey(
        Experience,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversations",
        verbose_name=_("about the experience"),
    )
    date = models.DateField(_("date of the conversation"))
    shared = models.TextField(_("What the student shared"))
    feedback = models.TextField(_("Feedback from the coach"), blank=True)
    next_step = models.TextField(_("Agreements and next step"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("career conversation")
        verbose_name_plural = _("career conversations")
        indexes = [models.Index(fields=["student", "date"], name="conversation_student_date")]

    def __str__(self):
        return f"{self.student} {self.date}"


class CoachNote(models.Model):
    """A private note of a coach about a student (not shared with the student)."""

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("private note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("private coach note")
        verbose_name_plural = _("private coach notes")

    def __str__(self):
        return f"{self.student} {self.created_at:%Y-%m-%d}"


class TransferDetails(models.Model):
    """The parts of the transfer dossier that are written for it: the
    student part (chosen study, own motivation, the selection of experiences)
    and the mentor part (advice), which goes along only with the student's
    recorded consent."""

    student = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    chosen_study = models.CharField(
        _("Which study do you choose (or consider)?"),
        max_length=200,
        blank=True,
        help_text=_("For example: mbo Installatietechniek niveau 3 at MBO Utrecht."),
    )
    motivation = models.TextField(_("Why this next step?"), blank=True)
    experience_ids = models.JSONField(default=list, blank=True)
    mentor_advice = models.TextField(_("Advice of the mentor"), blank=True)
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    advice_updated_at = models.DateTimeField(null=True, blank=True)
    consent = models.BooleanField(default=False)
    consent_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("transfer details")
        verbose_name_plural = _("transfer details")

    def __str__(self):
        return str(self.student)


def dossier_path(instance, filename):
    return f"portfolio/dossiers/{secrets.token_urlsafe(18)}.pdf"


class TransferDossier(models.Model):
    """One generated PDF of the transfer dossier, made in the background."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("being made")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=dossier_path, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("transfer dossier")
        verbose_name_plural = _("transfer dossiers")

    def __str__(self):
        return f"{self.student} {self.status}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
