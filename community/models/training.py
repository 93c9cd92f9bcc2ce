"""Professionalisation: a catalogue of trainings and workshops, enrolment
with capacity and a waiting list, attendance.

Capacity: ``Training.enrolled`` counts the places taken; enrolment locks the
training row (``select_for_update``) and a CHECK constraint refuses more
than ``capacity`` even without the lock."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Training(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "training", _("training")
        WORKSHOP = "workshop", _("workshop")
        INTERVISION = "intervision", _("intervision")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.WORKSHOP)
    description = models.TextField(_("description"))
    mandatory_for_new_teams = models.BooleanField(_("mandatory for new teams"), default=False)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("location"), max_length=200)
    capacity = models.PositiveSmallIntegerField(_("places"))
    enrolled = models.PositiveSmallIntegerField(default=0)
    cancelled = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(enrolled__lte=F("capacity")), name="community_training_capacity"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="community_training_ends"),
        ]

    def __str__(self):
        return self.title

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.enrolled, 0)


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("enrolled")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="enrolments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("organisation.School", on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices)
    attended = models.BooleanField(null=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "user"], condition=~Q(status="cancelled"), name="community_enrolment_once"
            )
        ]

    def __str__(self):
        return f"{self.user_id} / {self.training_id}: {self.status}"
