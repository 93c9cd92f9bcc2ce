"""Network meetings and national working groups: agenda, attendance per
school, minutes and action items that come back on the next meeting's
agenda; and the network coach's notes per school.

A meeting belongs to exactly one network or one working group. When the
``events`` app exists, ``Meeting`` gets a nullable one-to-one ``event`` to an
``events.Event`` of kind netwerkbijeenkomst (date, place and registration move
there); agenda, attendance per school, minutes and actions stay here."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisation.models import Network, School


class WorkingGroup(models.Model):
    """A national thematic working group (LOB, havo, assessment, …)."""

    name = models.CharField(_("name"), max_length=120)
    theme = models.CharField(_("theme"), max_length=60)
    description = models.TextField(_("what the group works on"), blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="community_groups")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Meeting(models.Model):
    class Kind(models.TextChoices):
        NETWORK = "netwerkbijeenkomst", _("network meeting")
        WORKING_GROUP = "werkgroep", _("working group meeting")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    network = models.ForeignKey(Network, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("location"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(network__isnull=False, working_group__isnull=True, kind="netwerkbijeenkomst"))
                | (Q(network__isnull=True, working_group__isnull=False, kind="werkgroep")),
                name="community_meeting_one_owner",
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="community_meeting_ends"),
        ]

    def __str__(self):
        return self.title

    @property
    def owner_name(self) -> str:
        return self.network.name if self.network_id else self.working_group.name


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    BUSY = "busy", _("in progress")
    DONE = "done", _("done")


class Action(models.Model):
    """An action with an owner and a due date, followed up until done (a
    meeting's action item, a quality cycle's action)."""

    title = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("owner")
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    follow_up = models.TextField(_("follow-up"), blank=True, max_length=2000)
    updated_at = models.DateTimeField()

    class Meta:
        abstract = True
        ordering = ["due_date", "pk"]

    def __str__(self):
        return self.title


class ActionItem(Action):
    """Agreed in a meeting; open ones come back on the group's next agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("agenda item"), max_length=200)
    description = models.TextField(_("explanation"), blank=True, max_length=2000)
    action = models.ForeignKey(ActionItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "action"], condition=Q(action__isnull=False), name="community_agenda_action_once"
            )
        ]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", _("we will be there")
        NO = "no", _("we cannot come")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(_("attendance"), max_length=4, choices=Answer.choices)
    people = models.PositiveSmallIntegerField(_("number of people"), default=1)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    confirmed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "school"], name="community_attendance_once")]

    def __str__(self):
        return f"{self.school_id}: {self.answer}"


class SchoolNote(models.Model):
    """The network coach's notes on a school: seen by the coaches of the
    school's network, the office and the school's coordinators; never by its
    teachers or by other networks."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("visit")
        AGREEMENT = "agreement", _("agreement")
        SUPPORT = "support", _("needs support")
        NOTE = "note", _("note")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NOTE)
    date = models.DateField(_("date"))
    body = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.school_id} {self.date}"
