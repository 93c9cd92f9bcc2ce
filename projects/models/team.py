"""Teams and their workspace: memberships and roles, the planning board,
the logbook, deliverables with versions, the programma van eisen, messages,
feedback, go/no-go decisions and presentation slots."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models.project import PHASE_ORDER, Phase, Project, ProjectAssignment


class Team(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="teams")
    project_assignment = models.ForeignKey(
        ProjectAssignment, on_delete=models.PROTECT, related_name="teams", verbose_name=_("assignment")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("team name"), max_length=80)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices, default=Phase.ORIENTEREN)
    phase_changed_at = models.DateTimeField(default=timezone.now)
    requirements_submitted_at = models.DateTimeField(null=True, blank=True)  # waiting for the client's review
    requirements_agreed_at = models.DateTimeField(null=True, blank=True)  # approved by the client: frozen
    requirements_agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    presented_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="team_unique_number")]

    def __str__(self):
        return self.name

    @property
    def phase_index(self) -> int:
        return PHASE_ORDER[Phase(self.phase)]

    @property
    def phase_deadline(self):
        return self.project.deadline_for(self.phase)

    def overdue_on(self, today: datetime.date | None = None) -> bool:
        """The deadline of the team's phase has passed."""
        deadline = self.phase_deadline
        return bool(deadline and deadline < (today or timezone.localdate()))

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on()


class TeamRole(models.TextChoices):
    CHAIR = "voorzitter", _("chair")
    PLANNER = "planner", _("planner")
    CONTACT = "contactpersoon", _("contact person")
    SECRETARY = "notulist", _("secretary")
    DESIGNER = "vormgever", _("designer")
    MATERIALS = "materiaal", _("materials manager")


class TeamMembership(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships")
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices, blank=True)
    # Which choice this assignment was for the student (1 = first), None if not ranked.
    choice_rank = models.PositiveSmallIntegerField(null=True, blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["team", "student__first_name", "student__last_name"]
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [models.UniqueConstraint(fields=["project", "student"], name="membership_one_team_per_project")]

    def __str__(self):
        return f"{self.student} in {self.team}"


class Task(models.Model):
    """A card on the planning board. ``version`` grows with every change;
    updates are conditional on the values the editor saw, so two members
    editing at once never silently overwrite each other."""

    class Status(models.TextChoices):
        TODO = "todo", _("to do")
        DOING = "bezig", _("doing")
        DONE = "klaar", _("done")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.TODO)
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices, default=Phase.PLANNEN)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [models.Index(fields=["team", "status", "due_date"], name="task_team_status_due")]

    def __str__(self):
        return self.title

    def overdue_on(self, today: datetime.date | None = None) -> bool:
        return bool(
            self.due_date and self.status != self.Status.DONE and self.due_date < (today or timezone.localdate())
        )

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on()


class LogEntry(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="log_entries")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("what did we do, what did we decide?"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("logbook entry")
        verbose_name_plural = _("logbook entries")
        indexes = [models.Index(fields=["team", "-date"], name="logentry_team_date")]

    def __str__(self):
        return f"{self.team} {self.date}"


class Deliverable(models.Model):
    class Kind(models.TextChoices):
        WORK = "werk", _("work in progress")
        PLAN = "plan", _("plan of approach")
        PRODUCT = "eindproduct", _("final product")
        PRESENTATION = "presentatie", _("presentation")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="deliverables")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.WORK)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "id"]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")

    def __str__(self):
        return self.title

    @property
    def is_final(self) -> bool:
        return self.kind in (self.Kind.PRODUCT, self.Kind.PRESENTATION)


def _deliverable_name(instance, filename):
    """Unguessable storage name; the sanitised original name is kept on the row."""
    ext = ""
    if "." in filename:
        ext = "." + filename.rsplit(".", 1)[1].lower()[:10]
    return f"projects/{uuid.uuid4().hex}{ext}"


class DeliverableVersion(models.Model):
    deliverable = models.ForeignKey(Deliverable, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_deliverable_name, blank=True, max_length=200)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField(_("link"), blank=True, max_length=500)
    note = models.CharField(_("what is new?"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deliverable", "-number"]
        verbose_name = _("version of a deliverable")
        verbose_name_plural = _("versions of deliverables")
        constraints = [models.UniqueConstraint(fields=["deliverable", "number"], name="deliverableversion_unique")]

    def __str__(self):
        return f"{self.deliverable} v{self.number}"


class Feedback(models.Model):
    """A coach's feedback on a deliverable or a logbook entry."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback"
    )
    log_entry = models.ForeignKey(LogEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback")
    text = models.TextField(_("feedback"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(deliverable__isnull=False, log_entry__isnull=True)
                | Q(deliverable__isnull=True, log_entry__isnull=False),
                name="feedback_one_target",
            )
        ]

    def __str__(self):
        return self.text[:40]


class Message(models.Model):
    """The team's thread with its coach. A student's message is a question
    until a staff member answers in the thread."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    from_coach = models.BooleanField(default=False)
    text = models.TextField(_("message"))
    answered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [models.Index(fields=["team", "from_coach", "answered_at"], name="message_open_questions")]

    def __str__(self):
        return self.text[:40]


class Requirement(models.Model):
    """One line of the programma van eisen (requirements list)."""

    class Result(models.TextChoices):
        OPEN = "", _("not checked yet")
        MET = "ja", _("met")
        PARTLY = "deels", _("partly met")
        NOT_MET = "nee", _("not met")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="requirements")
    text = models.CharField(_("requirement"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    result = models.CharField(_("result"), max_length=6, choices=Result.choices, blank=True, default="")
    result_note = models.CharField(_("explanation"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("requirement")
        verbose_name_plural = _("programma van eisen")

    def __str__(self):
        return self.text


class RequirementsReview(models.Model):
    """One step in agreeing the programma van eisen with the client: the team
    submits it, the client comments (the team adjusts and submits again) or
    approves it (then it is frozen), or a coach opens a new round."""

    class Action(models.TextChoices):
        SUBMITTED = "ingediend", _("submitted for review")
        COMMENTED = "opmerkingen", _("comments")
        APPROVED = "akkoord", _("approved")
        REOPENED = "heropend", _("opened again")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="requirement_reviews")
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("review of the programma van eisen")
        verbose_name_plural = _("reviews of the programma van eisen")

    def __str__(self):
        return f"{self.team} · {self.get_action_display()}"


class GoDecision(models.Model):
    class Decision(models.TextChoices):
        GO = "go", _("go")
        NO_GO = "nogo", _("no-go")

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="decisions")
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    decision = models.CharField(_("decision"), max_length=4, choices=Decision.choices)
    motivation = models.TextField(_("motivation"))
    back_to = models.CharField(_("back to phase"), max_length=12, choices=Phase.choices, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("go/no-go decision")
        verbose_name_plural = _("go/no-go decisions")

    def __str__(self):
        return f"{self.team}: {self.get_decision_display()} ({self.get_phase_display()})"


class PresentationSlot(models.Model):
    project_assignment = models.ForeignKey(ProjectAssignment, on_delete=models.CASCADE, related_name="slots")
    team = models.OneToOneField(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="slot", verbose_name=_("team")
    )
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("minutes"), default=15)
    location = models.CharField(_("location"), max_length=200, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("presentation slot")
        verbose_name_plural = _("presentation slots")

    def __str__(self):
        return f"{self.project_assignment}: {self.starts_at:%d-%m %H:%M}"
