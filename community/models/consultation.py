"""Collegial consultation across schools: questions to colleagues with
answers (the asker marks the best one) and consultation visits to another
school (bovenschoolse collegiale consultatie)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import School


class Question(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("question"), max_length=200)
    body = models.TextField(_("explanation"), blank=True, max_length=4000)
    best_answer = models.ForeignKey(
        "community.Answer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answer_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    school = models.ForeignKey(School, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("answer"), max_length=4000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]


class ConsultationVisit(models.Model):
    """requested → proposed (the host accepts and proposes a date) →
    scheduled (the visitor confirms) → done (findings and agreements
    recorded); declined or cancelled on the way."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        PROPOSED = "proposed", _("date proposed")
        SCHEDULED = "scheduled", _("scheduled")
        DONE = "done", _("report recorded")
        DECLINED = "declined", _("declined")
        CANCELLED = "cancelled", _("cancelled")

    visitor_school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name=_("from"))
    host_school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name=_("school"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    host_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    focus_question = models.TextField(_("focus question"), max_length=2000)
    preferred_period = models.CharField(_("preferred period"), max_length=200, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    proposed_date = models.DateField(_("proposed date"), null=True, blank=True)
    host_message = models.TextField(_("message"), blank=True, max_length=2000)
    findings = models.TextField(_("findings"), blank=True, max_length=8000)
    agreements = models.TextField(_("agreements"), blank=True, max_length=8000)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(visitor_school=models.F("host_school")), name="community_visit_other_school"
            )
        ]

    def __str__(self):
        return f"{self.visitor_school_id} → {self.host_school_id}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.REQUESTED, self.Status.PROPOSED, self.Status.SCHEDULED)
