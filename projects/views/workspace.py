"""The team workspace: overview with the work process, roles, phase
completion and go/no-go, the programma van eisen and messages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from projects import services
from projects.access import require_staff, require_work, team_access
from projects.forms import DecisionForm, MessageForm, RequirementCheckForm, RequirementForm, RolesForm
from projects.models import (
    GATED_PHASES,
    PHASE_HINTS,
    PHASE_ORDER,
    WORK_PHASES,
    GoDecision,
    Message,
    Phase,
    PresentationSlot,
    Requirement,
    Task,
)


def phase_steps(team) -> list[dict]:
    current = PHASE_ORDER[Phase(team.phase)]
    steps = []
    for phase in WORK_PHASES:
        index = PHASE_ORDER[phase]
        steps.append(
            {
                "value": phase.value,
                "label": phase.label,
                "deadline": team.project.deadline_for(phase),
                "state": "done" if index < current else ("current" if index == current else "todo"),
                "number": index + 1,
            }
        )
    return steps


def team_context(access, tab, **extra) -> dict:
    team = access.team
    phase = Phase(team.phase)
    return {
        "access": access,
        "team": team,
        "project": team.project,
        "pa": team.project_assignment,
        "version": team.project_assignment.version,
        "tab": tab,
        "steps": phase_steps(team),
        "phase_label": phase.label,
        "phase_hint": PHASE_HINTS[phase],
        "phase_deadline": team.phase_deadline,
        "today": timezone.localdate(),
        **extra,
    }


def back(request, team, name="projects:team_detail", anchor=""):
    from django.urls import reverse

    return redirect(reverse(name, args=[team.pk]) + anchor)


@login_required
@require_GET
def team_detail(request, pk):
    access = team_access(request.user, pk)
    team = access.team
    memberships = list(team.memberships.select_related("student").order_by("student__first_name"))
    task_counts = team.tasks.aggregate(
        todo=Count("id", filter=Q(status=Task.Status.TODO)),
        doing=Count("id", filter=Q(status=Task.Status.DOING)),
        done=Count("id", filter=Q(status=Task.Status.DONE)),
        overdue=Count("id", filter=~Q(status=Task.Status.DONE) & Q(due_date__lt=timezone.localdate())),
    )
    open_tasks = team.tasks.exclude(status=Task.Status.DONE)
    if access.is_member:
        open_tasks = open_tasks.filter(owner=request.user)
    next_tasks = list(open_tasks.select_related("owner").order_by("due_date", "id")[:3])
    decisions = list(team.decisions.select_related("decided_by")[:3])
    coach_messages = list(team.messages.filter(from_coach=True).select_related("author").order_by("-created_at")[:2])
    requirement_counts = team.requirements.aggregate(total=Count("id"), checked=Count("id", filter=~Q(result="")))
    slot = PresentationSlot.objects.filter(team=team).first()
    roles_form = RolesForm(
        initial={"name": team.name, **{f"role_{m.pk}": m.role for m in memberships}}, memberships=memberships
    )
    context = team_context(
        access,
        "overview",
        memberships=memberships,
        task_counts=task_counts,
        next_tasks=next_tasks,
        decisions=decisions,
        last_decision=decisions[0] if decisions else None,
        coach_messages=coach_messages,
        requirement_counts=requirement_counts,
        slot=slot,
        roles_form=roles_form,
        decision_form=DecisionForm(team=team) if access.is_staff and team.phase in GATED_PHASES else None,
    )
    return render(request, "projects/team_detail.html", context)


@login_required
@require_POST
def team_roles(request, pk):
    access = team_access(request.user, pk)
    require_work(access)
    memberships = list(access.team.memberships.select_related("student"))
    form = RolesForm(request.POST, memberships=memberships)
    if form.is_valid():
        services.set_roles(request.user, access.team, form.roles(), name=form.cleaned_data["name"])
        messages.success(request, _("The roles have been saved."))
    else:
        errors = [e for errs in form.errors.values() for e in errs]
        messages.error(request, " ".join(errors))
    return back(request, access.team, anchor="#team")


@login_required
@require_POST
def team_phase(request, pk):
    """Complete Oriënteren (programma van eisen agreed) or Presenteren
    (the coach confirms the presentation)."""
    access = team_access(request.user, pk)
    require_work(access)
    try:
        team = services.complete_phase(request.user, access.team, is_staff=access.is_staff)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("On to the next phase: %(phase)s.") % {"phase": Phase(team.phase).label})
    return back(request, access.team)


@login_required
@require_POST
def team_decision(request, pk):
    access = team_access(request.user, pk)
    require_staff(access)
    form = DecisionForm(request.POST, team=access.team)
    if form.is_valid():
        try:
            record = services.decide_go(
                request.user,
                access.team,
                decision=form.cleaned_data["decision"],
                motivation=form.cleaned_data["motivation"],
                back_to=form.cleaned_data.get("back_to") or "",
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if record.decision == GoDecision.Decision.GO:
                messages.success(request, _("Go: the team moves on."))
            else:
                messages.success(request, _("No-go: the team goes back with your feedback."))
    else:
        errors = [e for errs in form.errors.values() for e in errs]
        messages.error(request, " ".join(errors))
    return back(request, access.team)


@login_required
@require_http_methods(["GET", "POST"])
def team_requirements(request, pk):
    """The programma van eisen: agreed with the client in Oriënteren, the
    product is checked against it in Presenteren."""
    access = team_access(request.user, pk)
    team = access.team
    form = RequirementForm(request.POST or None)
    if request.method == "POST":
        require_work(access)
        if team.requirements_agreed_at:
            messages.error(
                request, _("The programma van eisen has been agreed with the client; it can no longer change.")
            )
            return back(request, team, "projects:team_requirements")
        if form.is_valid():
            services.add_requirement(request.user, team, text=form.cleaned_data["text"])
            return back(request, team, "projects:team_requirements", "#new")
    requirements = list(team.requirements.all())
    for r in requirements:
        r.check_form = RequirementCheckForm(
            initial={"result": r.result or Requirement.Result.MET, "result_note": r.result_note}, prefix=f"r{r.pk}"
        )
    can_check = team.phase in (Phase.PRESENTEREN, Phase.TERUGKIJKEN)
    return render(
        request,
        "projects/team_requirements.html",
        team_context(access, "requirements", requirements=requirements, form=form, can_check=can_check),
    )


@login_required
@require_POST
def requirement_check(request, pk, requirement_pk):
    access = team_access(request.user, pk)
    require_work(access)
    requirement = get_object_or_404(Requirement, pk=requirement_pk, team=access.team)
    form = RequirementCheckForm(request.POST, prefix=f"r{requirement.pk}")
    if form.is_valid():
        services.check_requirement(
            request.user, requirement, result=form.cleaned_data["result"], note=form.cleaned_data["result_note"]
        )
    else:
        messages.error(request, _("Choose whether the requirement is met."))
    return back(request, access.team, "projects:team_requirements", f"#req-{requirement.pk}")


@login_required
@require_POST
def requirement_delete(request, pk, requirement_pk):
    access = team_access(request.user, pk)
    require_work(access)
    requirement = get_object_or_404(Requirement, pk=requirement_pk, team=access.team)
    try:
        services.remove_requirement(request.user, requirement)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return back(request, access.team, "projects:team_requirements")


@login_required
@require_POST
def requirements_agree(request, pk):
    access = team_access(request.user, pk)
    require_work(access)
    try:
        services.agree_requirements(request.user, access.team)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The programma van eisen is agreed with the client."))
    return back(request, access.team, "projects:team_requirements")


@login_required
@require_http_methods(["GET", "POST"])
def team_messages(request, pk):
    """The team's thread with the coach: students ask, coaches answer."""
    access = team_access(request.user, pk)
    team = access.team
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        require_work(access)
        if form.is_valid():
            services.post_message(request.user, team, text=form.cleaned_data["text"], from_coach=access.is_staff)
            messages.success(request, _("Your message has been sent."))
            return back(request, team, "projects:team_messages", "#new")
    thread = list(Message.objects.filter(team=team).select_related("author").order_by("created_at"))
    return render(request, "projects/team_messages.html", team_context(access, "messages", thread=thread, form=form))
