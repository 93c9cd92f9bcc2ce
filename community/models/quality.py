"""The quality cycle: each school runs a yearly appreciative-inquiry cycle,
Discover → Dream → Design → Deliver.

Discover collects short questionnaires from teachers, students and partners.
Responses are anonymous: a ``Response`` has no user; a separate ``Receipt``
remembers *that* a logged-in person answered (so nobody answers twice), never
*what*. Results are aggregated by ``community/aggregation.py``."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.models.meetings import Action
from organisation.models import School, SchoolYear


class QualityCycle(models.Model):
    class Step(models.TextChoices):
        DISCOVER = "discover", _("Discover")
        DREAM = "dream", _("Dream")
        DESIGN = "design", _("Design")
        DELIVER = "deliver", _("Deliver")
        DONE = "done", _("Completed")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.PROTECT, related_name="+")
    step = models.CharField(max_length=10, choices=Step.choices, default=Step.DISCOVER)
    strengths = models.TextField(_("what works well"), blank=True, max_length=8000)
    dream = models.TextField(_("what could be"), blank=True, max_length=8000)
    started_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-school_year__start_date", "school__name"]
        constraints = [models.UniqueConstraint(fields=["school", "school_year"], name="community_cycle_once")]

    def __str__(self):
        return f"{self.school} {self.school_year}"


def _token():
    return secrets.token_urlsafe(18)


class Questionnaire(models.Model):
    class Audience(models.TextChoices):
        TEACHERS = "teachers", _("teachers")
        STUDENTS = "students", _("students")
        PARTNERS = "partners", _("partners")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    cycle = models.ForeignKey(QualityCycle, on_delete=models.CASCADE, related_name="questionnaires")
    audience = models.CharField(_("for"), max_length=10, choices=Audience.choices)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)
    token = models.CharField(max_length=40, unique=True, default=_token)
    response_count = models.PositiveIntegerField(default=0)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["audience"]
        constraints = [models.UniqueConstraint(fields=["cycle", "audience"], name="community_questionnaire_once")]

    def __str__(self):
        return self.title


class QuestionnaireItem(models.Model):
    class Kind(models.TextChoices):
        LIKERT = "likert", _("agree or disagree (1-5)")
        OPEN = "open", _("open answer")

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    key = models.SlugField(max_length=40)  # the same question over years and schools
    kind = models.CharField(max_length=8, choices=Kind.choices)
    text = models.CharField(_("question"), max_length=300)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "key"], name="community_item_key_once")]

    def __str__(self):
        return self.text


class Response(models.Model):
    """One anonymous set of answers; dated by day only."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="responses")
    day = models.DateField()

    def __str__(self):
        return f"#{self.pk}"


class ResponseAnswer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(QuestionnaireItem, on_delete=models.CASCADE, related_name="answers")
    score = models.PositiveSmallIntegerField(null=True)
    text = models.TextField(blank=True, max_length=2000)

    def __str__(self):
        return f"#{self.pk}"


class Receipt(models.Model):
    """That a logged-in person answered, never what they answered."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["questionnaire", "user"], name="community_receipt_once")]

    def __str__(self):
        return f"{self.questionnaire_id}/{self.user_id}"


class Improvement(models.Model):
    """Design: an agreed improvement."""

    cycle = models.ForeignKey(QualityCycle, on_delete=models.CASCADE, related_name="improvements")
    title = models.CharField(_("improvement"), max_length=200)
    description = models.TextField(_("explanation"), blank=True, max_length=2000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title


class CycleAction(Action):
    """Deliver: an action with an owner, followed up."""

    cycle = models.ForeignKey(QualityCycle, on_delete=models.CASCADE, related_name="actions")
    improvement = models.ForeignKey(
        Improvement, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
