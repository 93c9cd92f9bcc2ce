"""Projects: one run of one or more pinned assignment versions at a school,
the participating students, their ranked choices and the teacher's pair
constraints."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models import ClassGroup, PartnerOrganisation, School, SchoolYear


class Phase(models.TextChoices):
    """The TechMakers work process (werkproces), after the work processes of
    the exam subject Technologie & Toepassing."""

    ORIENTEREN = "orienteren", _("Orienting")
    PLANNEN = "plannen", _("Planning")
    UITVOEREN = "uitvoeren", _("Carrying out")
    PRESENTEREN = "presenteren", _("Presenting")
    TERUGKIJKEN = "terugkijken", _("Looking back")
    AFGEROND = "afgerond", _("Finished")


WORK_PHASES = [
    Phase.ORIENTEREN,
    Phase.PLANNEN,
    Phase.UITVOEREN,
    Phase.PRESENTEREN,
    Phase.TERUGKIJKEN,
]
PHASE_ORDER = {p: i for i, p in enumerate([*WORK_PHASES, Phase.AFGEROND])}
# Phases that end with a go/no-go decision of the coach.
GATED_PHASES = {Phase.PLANNEN, Phase.UITVOEREN}

PHASE_HINTS = {
    Phase.ORIENTEREN: _("Understand the question with the client and agree a programma van eisen."),
    Phase.PLANNEN: _("Make a design and a plan of approach. Your coach decides go or no-go."),
    Phase.UITVOEREN: _("Research, design and make. Your coach decides go or no-go."),
    Phase.PRESENTEREN: _("Deliver and present to the client; the product is checked against the programma van eisen."),
    Phase.TERUGKIJKEN: _("Look back on the product, the process and your own actions."),
    Phase.AFGEROND: _("The project is finished."),
}


class Project(models.Model):
    class Status(models.TextChoices):
        SETUP = "inrichten", _("being set up")
        CHOOSING = "kiezen", _("students choose")
        RUNNING = "loopt", _("running")
        FINISHED = "afgerond", _("finished")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="projects", verbose_name=_("school"))
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.PROTECT, related_name="projects", verbose_name=_("school year")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    period = models.CharField(_("period"), max_length=60, blank=True, help_text=_("For example: period 3"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SETUP)
    classes = models.ManyToManyField(ClassGroup, related_name="projects", verbose_name=_("classes"))
    coaches = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coached_projects", blank=True, verbose_name=_("coaches")
    )
    team_size_min = models.PositiveSmallIntegerField(
        _("minimum team size"), default=3, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    team_size_max = models.PositiveSmallIntegerField(
        _("maximum team size"), default=5, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    min_choices = models.PositiveSmallIntegerField(
        _("choices to rank at least"), default=3, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    choice_deadline = models.DateTimeField(_("choice deadline"), null=True, blank=True)
    deadline_orienteren = models.DateField(_("deadline Orienting"), null=True, blank=True)
    deadline_plannen = models.DateField(_("deadline Planning"), null=True, blank=True)
    deadline_uitvoeren = models.DateField(_("deadline Carrying out"), null=True, blank=True)
    deadline_presenteren = models.DateField(_("deadline Presenting"), null=True, blank=True)
    deadline_terugkijken = models.DateField(_("deadline Looking back"), null=True, blank=True)
    # Outcome of the last allocation run: {"counts": {...}, "unranked": [...], "run_at": ..., "by": ...}
    allocation = models.JSONField(default=dict, blank=True, editable=False)
    allocated_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [models.Index(fields=["school", "status"], name="project_school_status")]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="project_end_after_start"),
            models.CheckConstraint(
                condition=Q(team_size_max__gte=models.F("team_size_min")), name="project_team_size_range"
            ),
        ]

    def __str__(self):
        return self.title

    def deadline_for(self, phase) -> datetime.date | None:
        return getattr(self, f"deadline_{phase}", None) if phase in WORK_PHASES else None

    def phase_deadlines(self) -> list[tuple[str, str, datetime.date | None]]:
        return [(p.value, p.label, self.deadline_for(p)) for p in WORK_PHASES]

    def is_choice_open(self, now: datetime.datetime | None = None) -> bool:
        """Students may rank the assignments: the round is open and its deadline has not passed."""
        now = now or timezone.now()
        return self.status == self.Status.CHOOSING and (self.choice_deadline is None or self.choice_deadline >= now)

    @property
    def choice_open(self) -> bool:
        return self.is_choice_open()

    def planned_phase(self, today: datetime.date | None = None) -> str:
        """The phase the calendar says the project is in (teams may differ)."""
        if self.status != self.Status.RUNNING:
            return ""
        today = today or timezone.localdate()
        for phase in WORK_PHASES:
            deadline = self.deadline_for(phase)
            if deadline is None or deadline >= today:
                return phase.value
        return Phase.TERUGKIJKEN.value

    def stage_label_on(self, today: datetime.date | None = None) -> str:
        if self.status == self.Status.RUNNING:
            return Phase(self.planned_phase(today)).label
        return self.get_status_display()

    @property
    def stage_label(self) -> str:
        return self.stage_label_on()


class ProjectAssignment(models.Model):
    """An assignment in a project: the pinned version, how many teams may
    work on it, and the client's moments (kick-off, presentation)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="project_assignments")
    assignment = models.ForeignKey(
        "assignments.Assignment", on_delete=models.PROTECT, related_name="project_uses", verbose_name=_("assignment")
    )
    version = models.ForeignKey(
        "assignments.AssignmentVersion",
        on_delete=models.PROTECT,
        related_name="project_uses",
        verbose_name=_("version"),
    )
    # The client when the project was set up (partners' access goes through it).
    client = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="project_assignments",
        verbose_name=_("client"),
    )
    num_teams = models.PositiveSmallIntegerField(
        _("number of teams"), default=2, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    order = models.PositiveSmallIntegerField(default=0)
    kickoff_at = models.DateTimeField(_("kick-off with the client"), null=True, blank=True)
    kickoff_location = models.CharField(_("kick-off location"), max_length=200, blank=True)
    presentation_at = models.DateTimeField(_("presentation to the client"), null=True, blank=True)
    presentation_location = models.CharField(_("presentation location"), max_length=200, blank=True)

    class Meta:
        ordering = ["project", "order", "id"]
        verbose_name = _("assignment in a project")
        verbose_name_plural = _("assignments in a project")
        constraints = [
            models.UniqueConstraint(fields=["project", "assignment"], name="projectassignment_unique"),
        ]

    def __str__(self):
        return self.version.title

    @property
    def title(self) -> str:
        return self.version.title

    @property
    def client_display(self) -> str:
        return self.client.name if self.client_id else (self.version.client_name or self.assignment.client_name)

    def capacity(self, team_size_max: int | None = None) -> int:
        return self.num_teams * (team_size_max or self.project.team_size_max)


class Participant(models.Model):
    """A student taking part in a project, with their strengths and the
    moment they handed in their choices."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participants")
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_participations"
    )
    class_group = models.ForeignKey(ClassGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    strengths = models.JSONField(_("my strengths"), default=list, blank=True)  # assignments.Competency codes
    choices_submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["student__last_name", "student__first_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [models.UniqueConstraint(fields=["project", "student"], name="participant_unique")]

    def __str__(self):
        return f"{self.student} in {self.project}"


class Preference(models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="preferences")
    project_assignment = models.ForeignKey(ProjectAssignment, on_delete=models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField(_("rank"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["participant", "rank"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.UniqueConstraint(fields=["participant", "rank"], name="preference_unique_rank"),
            models.UniqueConstraint(fields=["participant", "project_assignment"], name="preference_unique_assignment"),
        ]

    def __str__(self):
        return f"{self.participant}: {self.rank}. {self.project_assignment}"


class PairConstraint(models.Model):
    """A teacher's hard constraint on two students: together or apart."""

    class Kind(models.TextChoices):
        TOGETHER = "samen", _("together in one team")
        APART = "apart", _("not in the same team")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="pair_constraints")
    student_a = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    student_b = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("pair constraint")
        verbose_name_plural = _("pair constraints")
        constraints = [
            models.UniqueConstraint(fields=["project", "student_a", "student_b"], name="pairconstraint_unique"),
            models.CheckConstraint(condition=~Q(student_a=models.F("student_b")), name="pairconstraint_two_people"),
        ]

    def __str__(self):
        return f"{self.student_a} / {self.student_b}: {self.get_kind_display()}"


class SentNotice(models.Model):
    """A scheduled reminder that went out once (the choice deadline is near, a
    phase deadline is near): the record that makes ``send_project_reminders``
    idempotent, and what was sent to how many."""

    key = models.CharField(max_length=160, unique=True)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="sent_notices")
    kind = models.CharField(max_length=60)
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")

    def __str__(self):
        return self.key
