"""Coaching and assessment: reflection conversations, rubric assessments by
coach, partner and the student themself, peer evaluations, final results and
the final reflection (the bridge into the LOB portfolio)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.grades import round_grade, unrounded_grade
from projects.models.project import Project
from projects.models.team import Team, TeamMembership

GRADE_VALIDATORS = [MinValueValidator(Decimal("1.0")), MaxValueValidator(Decimal("10.0"))]


class Conversation(models.Model):
    """A reflection conversation (reflectiegesprek) of a coach with a student:
    notes and agreements the student sees; a private note only staff see."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="conversations")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    date = models.DateField(_("date"))
    notes = models.TextField(_("what we talked about"))
    agreements = models.TextField(_("agreements"), blank=True)
    follow_up_date = models.DateField(_("follow-up on"), null=True, blank=True)
    private_note = models.TextField(
        _("private note"), blank=True, help_text=_("Only teachers of the school see this, never the student.")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("reflection conversation")
        verbose_name_plural = _("reflection conversations")

    def __str__(self):
        return f"{self.student} {self.date}"


class Assessment(models.Model):
    """A rubric assessment. ``subject`` empty: the team's product (product
    criteria); ``subject`` a student: that student's process (coach) or their
    self-assessment on every criterion. ``scores`` maps the criterion's
    index in the pinned rubric (as a string) to the chosen level index."""

    class Role(models.TextChoices):
        COACH = "coach", _("coach")
        PARTNER = "partner", _("client")
        SELF = "zelf", _("self-assessment")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="assessments")
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(_("as"), max_length=8, choices=Role.choices)
    scores = models.JSONField(default=dict, blank=True)
    comment = models.TextField(_("explanation"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["team", "role", "id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "assessor", "role"], condition=Q(subject__isnull=True), name="assessment_product_once"
            ),
            models.UniqueConstraint(
                fields=["team", "subject", "assessor", "role"],
                condition=Q(subject__isnull=False),
                name="assessment_person_once",
            ),
        ]

    def __str__(self):
        return f"{self.team} {self.get_role_display()}"

    def grade(self, criteria_indexes, num_levels) -> Decimal | None:
        """The 1-10 grade over the given criteria (None when none scored),
        by the rule of ``projects.grades``. Pages show ``grades.assessment_grade``."""
        return round_grade(unrounded_grade(self.scores, criteria_indexes, num_levels))


class PeerEvaluation(models.Model):
    """A short peer evaluation (CATME spirit): how much a teammate contributed
    and how well they collaborated, 1-5. Only teachers see the ratings."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="peer_evaluations")
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    ratee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    contribution = models.PositiveSmallIntegerField(
        _("contribution"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    collaboration = models.PositiveSmallIntegerField(
        _("collaboration"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("peer evaluation")
        verbose_name_plural = _("peer evaluations")
        constraints = [
            models.UniqueConstraint(fields=["team", "rater", "ratee"], name="peerevaluation_unique"),
            models.CheckConstraint(condition=~Q(rater=models.F("ratee")), name="peerevaluation_not_self"),
            models.CheckConstraint(
                condition=Q(contribution__gte=1, contribution__lte=5, collaboration__gte=1, collaboration__lte=5),
                name="peerevaluation_1_5",
            ),
        ]

    def __str__(self):
        return f"{self.rater} → {self.ratee}"


class Result(models.Model):
    """The final result per student, set by the teacher (for the school's
    administration system)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="results")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_results")
    product_grade = models.DecimalField(
        _("product"), max_digits=3, decimal_places=1, null=True, blank=True, validators=GRADE_VALIDATORS
    )
    process_grade = models.DecimalField(
        _("process"), max_digits=3, decimal_places=1, null=True, blank=True, validators=GRADE_VALIDATORS
    )
    final_grade = models.DecimalField(
        _("final result"), max_digits=3, decimal_places=1, null=True, blank=True, validators=GRADE_VALIDATORS
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [models.UniqueConstraint(fields=["project", "student"], name="result_unique")]

    def __str__(self):
        return f"{self.student}: {self.final_grade}"


class FinalReflection(models.Model):
    """A student's reflection in Terugkijken on product, process and their own
    actions. Submitting it sends core.signals.experience_happened so the LOB
    portfolio records the project as an experience."""

    membership = models.OneToOneField(TeamMembership, on_delete=models.CASCADE, related_name="reflection")
    product = models.TextField(_("the product"))
    process = models.TextField(_("the process"))
    own_actions = models.TextField(_("my own actions"))
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("final reflection")
        verbose_name_plural = _("final reflections")

    def __str__(self):
        return f"{self.membership}"
