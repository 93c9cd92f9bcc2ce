"""The quality cycle: step by step, questionnaires, results, the coach's overview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import access, aggregation, results
from community.forms import (
    ActionUpdateForm,
    CycleActionForm,
    CycleStartForm,
    ImprovementForm,
    QuestionnaireAnswerForm,
    ReflectionForm,
)
from community.models import ActionStatus, QualityCycle, Questionnaire
from community.services import quality as services
from community.views.common import update_action_unless_changed, with_versions
from core import concurrency
from core.actions import attempt
from core.forms import add_errors
from organisation.models import SchoolYear
from organisation.people import staff_of_school

STEPS = [(key, label) for key, label in QualityCycle.Step.choices if key != QualityCycle.Step.DONE]


@login_required
@require_GET
def cycle_list(request):
    access.require_member(request.user)
    cycles = access.visible_cycles(request.user).select_related("school", "school_year")
    startable = access.cycle_schools(request.user)
    year = SchoolYear.objects.current(timezone.localdate())
    running = set(
        QualityCycle.objects.filter(school__in=startable, school_year=year).values_list("school_id", flat=True)
    )
    form = CycleStartForm(schools=startable.exclude(pk__in=running))
    context = {
        "cycles": cycles[:50],
        "form": form,
        "can_start": bool(form.fields["school"].queryset),
        "year": year,
        "sees_overview": access.can_see_cycle_overview(request.user),
    }
    return render(request, "community/quality/list.html", context)


@login_required
@require_POST
def cycle_start(request):
    schools = access.cycle_schools(request.user)
    access.require(schools.exists())
    form = CycleStartForm(request.POST, schools=schools)
    if not form.is_valid():
        messages.error(request, _("Choose your school."))
        return redirect("community:cycle_list")
    year = SchoolYear.objects.current(timezone.localdate())
    try:
        cycle = services.start_cycle(request.user, school=form.cleaned_data["school"], school_year=year)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("community:cycle_list")
    messages.success(request, _("The quality cycle has started. Begin with Discover: open the questionnaires."))
    return redirect("community:cycle_detail", pk=cycle.pk)


def _cycle_page(request, acc, **forms):
    cycle = acc.cycle
    owners = staff_of_school(cycle.school_id)
    improvements = cycle.improvements.all()
    index = [s for s, _label in STEPS].index(cycle.step) if cycle.step != QualityCycle.Step.DONE else len(STEPS)
    context = {
        "acc": acc,
        "cycle": cycle,
        "steps": [{"key": s, "label": label, "state": _state(i, index)} for i, (s, label) in enumerate(STEPS)],
        "questionnaires": cycle.questionnaires.all(),
        "improvements": improvements,
        "actions": with_versions(cycle.actions.select_related("owner", "improvement")),
        "blockers": services.next_step_blockers(cycle),
        "reflection_form": forms.get("reflection_form")
        or ReflectionForm(initial={"strengths": cycle.strengths, "dream": cycle.dream}),
        "improvement_form": forms.get("improvement_form") or ImprovementForm(prefix="improvement"),
        "action_form": forms.get("action_form")
        or CycleActionForm(improvements=improvements, owners=owners, prefix="action"),
        "update_form": ActionUpdateForm(),
        "statuses": ActionStatus.choices,
        "user_id": request.user.pk,
    }
    return render(request, "community/quality/detail.html", context, status=concurrency.status(*forms.values()))


def _state(i, current):
    return "done" if i < current else ("current" if i == current else "todo")


@login_required
@require_GET
def cycle_detail(request, pk):
    return _cycle_page(request, access.load_cycle(request.user, pk))


@login_required
@require_POST
def cycle_reflection(request, pk):
    acc = access.load_cycle(request.user, pk)
    access.require(acc.can_manage)
    form = ReflectionForm(request.POST)
    if not form.is_valid():
        return _cycle_page(request, acc, reflection_form=form)

    def stored():
        cycle = concurrency.locked(QualityCycle, pk)
        return ReflectionForm(initial={"strengths": cycle.strengths, "dream": cycle.dream})

    try:
        with concurrency.unchanged(form, stored):
            services.save_reflection(request.user, acc.cycle, **form.cleaned_data)
    except concurrency.EditConflict:
        return _cycle_page(request, acc, reflection_form=form)
    messages.success(request, _("Saved."))
    return redirect("community:cycle_detail", pk=pk)


@login_required
@require_POST
def cycle_improvement_add(request, pk):
    acc = access.load_cycle(request.user, pk)
    access.require(acc.can_manage)
    form = ImprovementForm(request.POST, prefix="improvement")
    if not form.is_valid():
        return _cycle_page(request, acc, improvement_form=form)
    services.add_improvement(request.user, acc.cycle, **form.cleaned_data)
    messages.success(request, _("The improvement has been added."))
    return redirect("community:cycle_detail", pk=pk)


@login_required
@require_POST
def cycle_action_add(request, pk):
    acc = access.load_cycle(request.user, pk)
    access.require(acc.can_manage)
    form = CycleActionForm(
        request.POST,
        improvements=acc.cycle.improvements.all(),
        owners=staff_of_school(acc.cycle.school_id),
        prefix="action",
    )
    if form.is_valid():
        try:
            services.add_cycle_action(request.user, acc.cycle, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The action has been added."))
            return redirect("community:cycle_detail", pk=pk)
    return _cycle_page(request, acc, action_form=form)


@login_required
@require_POST
def cycle_action_update(request, pk):
    action, acc = access.load_cycle_action(request.user, pk)
    form = ActionUpdateForm(request.POST)
    if form.is_valid():
        if update_action_unless_changed(request, action, form, services.update_cycle_action):
            messages.success(request, _("The action has been updated."))
    else:
        messages.error(request, _("Choose a status."))
    return redirect("community:cycle_detail", pk=acc.cycle.pk)


@login_required
@require_POST
def cycle_advance(request, pk):
    acc = access.load_cycle(request.user, pk)
    access.require(acc.can_manage)
    return attempt(
        request,
        lambda: services.advance(request.user, acc.cycle),
        success=_("On to the next step."),
        then=("community:cycle_detail", pk),
    )


@login_required
@require_GET
def questionnaire_detail(request, pk):
    questionnaire, acc = access.load_questionnaire(request.user, pk)
    link = request.build_absolute_uri(reverse("community:answer", args=[questionnaire.token]))
    context = {
        "q": questionnaire,
        "acc": acc,
        "items": questionnaire.items.all(),
        "link": link,
        "minimum": aggregation.MIN_RESPONDENTS,
    }
    return render(request, "community/quality/questionnaire.html", context)


@login_required
@require_POST
def questionnaire_open(request, pk):
    questionnaire, acc = access.load_questionnaire(request.user, pk)
    access.require(acc.can_manage)
    return attempt(
        request,
        lambda: services.open_questionnaire(request.user, questionnaire),
        success=_("The questionnaire is open. Share the link or ask people to answer in the platform."),
        then=("community:questionnaire_detail", pk),
    )


@login_required
@require_POST
def questionnaire_close(request, pk):
    questionnaire, acc = access.load_questionnaire(request.user, pk)
    access.require(acc.can_manage)
    return attempt(
        request,
        lambda: services.close_questionnaire(request.user, questionnaire),
        success=_("The questionnaire is closed; the results are ready."),
        then=("community:cycle_results", acc.cycle.pk),
    )


@login_required
@require_GET
def cycle_results(request, pk):
    acc = access.load_cycle(request.user, pk)
    context = {
        "acc": acc,
        "cycle": acc.cycle,
        "results": results.cycle_results(acc.cycle),
        "minimum": aggregation.MIN_RESPONDENTS,
        "min_groups": aggregation.MIN_GROUPS,
    }
    return render(request, "community/quality/results.html", context)


@login_required
@require_GET
def quality_overview(request):
    """Where each school of the coach's network(s) stands in its cycle."""
    access.require(access.can_see_cycle_overview(request.user))
    year = SchoolYear.objects.current(timezone.localdate())
    cycles = {
        c.school_id: c
        for c in access.visible_cycles(request.user)
        .filter(school_year=year)
        .annotate(
            responses=Count("questionnaires__responses", distinct=True),
            open_actions=Count("actions", filter=~Q(actions__status=ActionStatus.DONE), distinct=True),
        )
    }
    schools = access.overview_schools(request.user).select_related("network").order_by("network__name", "name")
    rows = [{"school": s, "cycle": cycles.get(s.pk)} for s in schools]
    counts = {
        key: sum(1 for r in rows if r["cycle"] and r["cycle"].step == key) for key, _l in QualityCycle.Step.choices
    }
    context = {
        "rows": rows,
        "year": year,
        "not_started": sum(1 for r in rows if not r["cycle"]),
        "counts": [(label, counts[key]) for key, label in QualityCycle.Step.choices],
    }
    return render(request, "community/quality/overview.html", context)


@require_http_methods(["GET", "POST"])
def answer(request, token):
    """Answer a questionnaire: partners by link (no login), teachers and
    students of the school in the platform (log in first)."""
    questionnaire = get_object_or_404(Questionnaire.objects.select_related("cycle__school"), token=token)
    if questionnaire.audience != Questionnaire.Audience.PARTNERS and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    questionnaire = access.load_questionnaire_to_answer(request.user, token)
    items = list(questionnaire.items.all())
    errors = []
    form = QuestionnaireAnswerForm(request.POST if request.method == "POST" else None, items=items)
    if request.method == "POST" and not form.is_valid():
        errors = [message for messages_ in form.errors.values() for message in messages_]
    elif request.method == "POST":
        scores, texts = form.answers()
        try:
            services.submit_response(request.user, questionnaire, scores=scores, texts=texts)
        except ValidationError as exc:
            errors = exc.messages
        else:
            return render(request, "community/quality/thanks.html", {"q": questionnaire})
    for item in items:
        item.value = request.POST.get(f"item-{item.pk}", "") if request.method == "POST" else ""
    context = {"q": questionnaire, "items": items, "errors": errors, "scale": _scale()}
    return render(request, "community/quality/answer.html", context)


def _scale():
    return [
        ("1", _("strongly disagree")),
        ("2", _("disagree")),
        ("3", _("neutral")),
        ("4", _("agree")),
        ("5", _("strongly agree")),
    ]


@login_required
@require_GET
def my_questionnaires(request):
    """Open questionnaires a student or teacher may answer."""
    return render(
        request, "community/quality/mine.html", {"questionnaires": access.open_questionnaires_for(request.user)}
    )
