"""Collegial consultation: questions to colleagues, consultation visits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import access, search
from community.forms import (
    AnswerForm,
    DeclineForm,
    ProposeDateForm,
    QuestionForm,
    SearchForm,
    VisitReportForm,
    VisitRequestForm,
)
from community.models import ConsultationVisit
from community.services import consultation as services
from community.views.common import paginate, staff_school
from core import concurrency
from core.actions import attempt
from core.forms import add_errors
from core.params import flag_param


@login_required
@require_GET
def question_list(request):
    access.require_member(request.user)
    form = SearchForm(request.GET or None)
    questions = access.visible_questions(request.user).select_related("school", "author")
    q = form.cleaned_data.get("q") if form.is_valid() else ""
    if q:
        questions = search.matching(questions, q, ["title", "body", "answers__body"])
    if flag_param(request, "open"):
        questions = questions.filter(best_answer__isnull=True)
    context = {"form": form, "page_obj": paginate(request, questions), "q": q, "can_ask": access.can_ask(request.user)}
    return render(request, "community/consultation/question_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def question_create(request):
    access.require(access.can_ask(request.user))
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = services.ask_question(request.user, school=staff_school(request.user), **form.cleaned_data)
        messages.success(
            request, _("Your question has been posted. Colleagues at every TechMakers school can answer it.")
        )
        return redirect("community:question_detail", pk=question.pk)
    return render(request, "community/consultation/question_form.html", {"form": form})


def _question_page(request, acc, form, status=200):
    answers = acc.question.answers.select_related("author", "school")
    return render(
        request,
        "community/consultation/question_detail.html",
        {"acc": acc, "question": acc.question, "answers": answers, "form": form},
        status=status,
    )


@login_required
@require_GET
def question_detail(request, pk):
    return _question_page(request, access.load_question(request.user, pk), AnswerForm())


@login_required
@require_POST
def question_answer(request, pk):
    acc = access.load_question(request.user, pk)
    access.require(acc.can_answer)
    form = AnswerForm(request.POST)
    if form.is_valid():
        services.answer_question(request.user, acc.question, school=staff_school(request.user), **form.cleaned_data)
        messages.success(request, _("Your answer has been posted."))
        return redirect("community:question_detail", pk=pk)
    return _question_page(request, acc, form)


@login_required
@require_POST
def question_best(request, pk, answer_pk):
    acc = access.load_question(request.user, pk)
    access.require(acc.can_mark_best)
    answer = get_object_or_404(acc.question.answers, pk=answer_pk)
    return attempt(
        request,
        lambda: services.mark_best_answer(request.user, acc.question, answer),
        success=_("Marked as the best answer. The colleague who wrote it has been told."),
        then=("community:question_detail", pk),
    )


@login_required
@require_GET
def visit_list(request):
    access.require_member(request.user)
    visits = access.visible_visits(request.user).select_related("visitor_school", "host_school", "requested_by")
    context = {"page_obj": paginate(request, visits), "can_request": access.can_request_visit(request.user)}
    return render(request, "community/consultation/visit_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def visit_create(request):
    access.require(access.can_request_visit(request.user))
    form = VisitRequestForm(request.POST or None, schools=access.visit_host_choices(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.request_visit(request.user, visitor_school=staff_school(request.user), **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your request has been sent to the school."))
            return redirect("community:visit_detail", pk=visit.pk)
    return render(request, "community/consultation/visit_form.html", {"form": form})


def _visit_page(request, acc, *, propose=None, decline=None, report=None):
    v = acc.visit
    context = {
        "acc": acc,
        "visit": v,
        "propose_form": propose or ProposeDateForm(initial={"date": v.proposed_date}),
        "decline_form": decline or DeclineForm(prefix="decline"),
        "report_form": report or VisitReportForm(initial={"findings": v.findings, "agreements": v.agreements}),
    }
    return render(request, "community/consultation/visit_detail.html", context, status=concurrency.status(report))


@login_required
@require_GET
def visit_detail(request, pk):
    return _visit_page(request, access.load_visit(request.user, pk))


@login_required
@require_POST
def visit_propose(request, pk):
    acc = access.load_visit(request.user, pk)
    access.require(acc.can_respond)
    form = ProposeDateForm(request.POST)
    if form.is_valid():
        try:
            services.propose_date(request.user, acc.visit, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The date has been proposed to the visiting school."))
            return redirect("community:visit_detail", pk=pk)
    return _visit_page(request, acc, propose=form)


@login_required
@require_POST
def visit_decline(request, pk):
    acc = access.load_visit(request.user, pk)
    access.require(acc.can_respond)
    form = DeclineForm(request.POST, prefix="decline")
    form.is_valid()
    return attempt(
        request,
        lambda: services.decline_visit(request.user, acc.visit, message=form.cleaned_data.get("message", "")),
        success=_("The request has been declined."),
        then=("community:visit_detail", pk),
    )


@login_required
@require_POST
def visit_confirm(request, pk):
    acc = access.load_visit(request.user, pk)
    access.require(acc.can_confirm)
    return attempt(
        request,
        lambda: services.confirm_visit(request.user, acc.visit),
        success=_("The visit is scheduled."),
        then=("community:visit_detail", pk),
    )


@login_required
@require_POST
def visit_cancel(request, pk):
    acc = access.load_visit(request.user, pk)
    access.require(acc.can_cancel)
    return attempt(
        request,
        lambda: services.cancel_visit(request.user, acc.visit),
        success=_("The visit has been cancelled."),
        then=("community:visit_detail", pk),
    )


@login_required
@require_POST
def visit_report(request, pk):
    acc = access.load_visit(request.user, pk)
    access.require(acc.can_report)
    form = VisitReportForm(request.POST)
    if form.is_valid():

        def stored():
            visit = concurrency.locked(ConsultationVisit, pk)
            return VisitReportForm(initial={"findings": visit.findings, "agreements": visit.agreements})

        try:
            with concurrency.unchanged(form, stored):
                services.record_visit_report(request.user, acc.visit, **form.cleaned_data)
        except concurrency.EditConflict:
            pass
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The findings and agreements have been recorded."))
            return redirect("community:visit_detail", pk=pk)
    return _visit_page(request, acc, report=form)
