"""Collegial consultation: questions with answers and consultation visits."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from community import access
from community.models import Answer, ConsultationVisit, Question
from community.notifications import tell
from community.services import day_text

Status = ConsultationVisit.Status


@transaction.atomic
def ask_question(user, *, school, title, body="", now=None) -> Question:
    return Question.objects.create(author=user, school=school, title=title, body=body, created_at=now or timezone.now())


@transaction.atomic
def answer_question(user, question, *, body, school=None, now=None) -> Answer:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write an answer first.")})
    answer = Answer.objects.create(
        question=question, author=user, school=school, body=body, created_at=now or timezone.now()
    )
    Question.objects.filter(pk=question.pk).update(answer_count=F("answer_count") + 1)
    tell(
        access.answer_posted_recipients(question, answer),
        "answer_posted",
        {"title": question.title, "name": user.display_name},
        reverse("community:question_detail", args=[question.pk]),
        actor=user,
        now=now,
    )
    return answer


@transaction.atomic
def mark_best_answer(user, question, answer, *, now=None) -> None:
    if answer.question_id != question.pk:
        raise ValidationError(_("This answer belongs to another question."))
    if question.author_id != user.pk:
        raise ValidationError(_("Only the person who asked can mark the best answer."))
    question.best_answer = answer
    question.save(update_fields=["best_answer"])
    tell(
        access.best_answer_recipients(answer),
        "best_answer",
        {"title": question.title, "name": user.display_name},
        reverse("community:question_detail", args=[question.pk]),
        actor=user,
        now=now,
    )


def _visit_url(visit):
    return reverse("community:visit_detail", args=[visit.pk])


def _lock(visit):
    return ConsultationVisit.objects.select_for_update().get(pk=visit.pk)


@transaction.atomic
def request_visit(user, *, visitor_school, host_school, focus_question, preferred_period="", now=None):
    now = now or timezone.now()
    if visitor_school.pk == host_school.pk:
        raise ValidationError({"host_school": _("Choose another school than your own.")})
    visit = ConsultationVisit.objects.create(
        visitor_school=visitor_school,
        host_school=host_school,
        requested_by=user,
        focus_question=focus_question,
        preferred_period=preferred_period,
        created_at=now,
        updated_at=now,
    )
    tell(
        access.visit_requested_recipients(visit),
        "visit_requested",
        {"school": visitor_school.name, "focus": focus_question[:200]},
        _visit_url(visit),
        actor=user,
        now=now,
    )
    return visit


@transaction.atomic
def propose_date(user, visit, *, date: datetime.date, message="", now=None, today=None):
    """The host accepts and proposes a date (again, if the first did not suit)."""
    today = today or timezone.localdate()
    visit = _lock(visit)
    if visit.status not in (Status.REQUESTED, Status.PROPOSED):
        raise ValidationError(_("This visit can no longer be changed."))
    if date < today:
        raise ValidationError({"date": _("Choose a date in the future.")})
    visit.status, visit.proposed_date, visit.host_message = Status.PROPOSED, date, message
    visit.host_contact, visit.updated_at = user, now or timezone.now()
    visit.save(update_fields=["status", "proposed_date", "host_message", "host_contact", "updated_at"])
    tell(
        access.visit_changed_recipients(visit, user),
        "visit_proposed",
        {"school": visit.host_school.name, "date": day_text(date)},
        _visit_url(visit),
        actor=user,
        now=now,
    )
    return visit


@transaction.atomic
def decline_visit(user, visit, *, message="", now=None):
    visit = _lock(visit)
    if visit.status not in (Status.REQUESTED, Status.PROPOSED):
        raise ValidationError(_("This visit can no longer be changed."))
    visit.status, visit.host_message, visit.host_contact = Status.DECLINED, message, user
    visit.updated_at = now or timezone.now()
    visit.save(update_fields=["status", "host_message", "host_contact", "updated_at"])
    tell(
        access.visit_changed_recipients(visit, user),
        "visit_declined",
        {"school": visit.host_school.name},
        _visit_url(visit),
        actor=user,
        now=now,
    )
    return visit


@transaction.atomic
def confirm_visit(user, visit, *, now=None):
    visit = _lock(visit)
    if visit.status != Status.PROPOSED:
        raise ValidationError(_("There is no proposed date to confirm."))
    visit.status, visit.updated_at = Status.SCHEDULED, now or timezone.now()
    visit.save(update_fields=["status", "updated_at"])
    tell(
        access.visit_changed_recipients(visit, user),
        "visit_scheduled",
        {"school": visit.visitor_school.name, "date": day_text(visit.proposed_date)},
        _visit_url(visit),
        actor=user,
        now=now,
    )
    return visit


@transaction.atomic
def cancel_visit(user, visit, *, now=None):
    visit = _lock(visit)
    if not visit.is_open:
        raise ValidationError(_("This visit can no longer be changed."))
    visit.status, visit.updated_at = Status.CANCELLED, now or timezone.now()
    visit.save(update_fields=["status", "updated_at"])
    tell(
        access.visit_changed_recipients(visit, user),
        "visit_cancelled",
        {"school": visit.visitor_school.name},
        _visit_url(visit),
        actor=user,
        now=now,
    )
    return visit


@transaction.atomic
def record_visit_report(user, visit, *, findings, agreements, now=None, today=None):
    today = today or timezone.localdate()
    visit = _lock(visit)
    if visit.status not in (Status.SCHEDULED, Status.DONE):
        raise ValidationError(_("Findings can be recorded once the visit is scheduled."))
    if visit.proposed_date and visit.proposed_date > today:
        raise ValidationError(_("Findings can be recorded from the day of the visit."))
    first = visit.status != Status.DONE
    visit.status, visit.findings, visit.agreements = Status.DONE, findings, agreements
    visit.updated_at = now or timezone.now()
    visit.save(update_fields=["status", "findings", "agreements", "updated_at"])
    if first:
        other = visit.visitor_school if access.is_visitor(user, visit) else visit.host_school  # as the others see it
        tell(
            access.visit_changed_recipients(visit, user),
            "visit_reported",
            {"school": other.name},
            _visit_url(visit),
            actor=user,
            now=now,
        )
    return visit
