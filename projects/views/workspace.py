"""The team workspace: overview with the work process, roles, phase
completion and go/no-go, the programma van eisen and messages."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import concurrency
from core.actions import attempt
from core.forms import add_errors
from projects import services
from projects.access import team_access
from projects.allocation_explained import explain
from projects.forms.workspace import (
    DecisionForm,
    MessageForm,
    RequirementCheckForm,
    RequirementForm,
    RequirementsReopenForm,
    RequirementsReviewForm,
    RolesForm,
)
from projects.models import (
    GATED_PHASES,
    GoDecision,
    Message,
    Phase,
    PresentationSlot,
    Requirement,
    RequirementsReview,
    Task,
    Team,
)
from projects.views.common import back, form_errors_message, saved, team_context, team_object, team_url


@login_required
@require_GET
def team_detail(request, pk):
    return _team_detail(request, team_access(request.user, pk))


def _roles_initial(team, memberships) -> dict:
    return {"name": team.name, **{f"role_{m.pk}": m.role for m in memberships}}


def _team_detail(request, access, *, roles_form=None):
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
    explanation = None
    if access.is_member:
        titles = dict(team.project.project_assignments.values_list("pk", "version__title"))
        explanation = explain(
            team.project.allocation, request.user.pk, team.project_assignment_id, titles, audience="student"
        )
    roles_form = roles_form or RolesForm(initial=_roles_initial(team, memberships), memberships=memberships)
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
        explanation=explanation,
        roles_form=roles_form,
        decision_form=DecisionForm(team=team) if access.can_decide_go and team.phase in GATED_PHASES else None,
    )
    return render(request, "projects/team_detail.html", context, status=concurrency.status(roles_form))


@login_required
@require_POST
def team_roles(request, pk):
    access = team_access(request.user, pk)
    access.require(access.can_work)
    memberships = list(access.team.memberships.select_related("student"))
    form = RolesForm(request.POST, memberships=memberships)
    if form.is_valid():

        def stored():
            team = concurrency.locked(Team, access.team.pk)
            current = list(team.memberships.select_related("student"))
            return RolesForm(initial=_roles_initial(team, current), memberships=current)

        try:
            with concurrency.unchanged(form, stored):
                services.set_roles(request.user, access.team, form.roles(), name=form.cleaned_data["name"])
        except concurrency.EditConflict:
            # A teammate changed the roles meanwhile: both versions, the typed ones kept.
            return _team_detail(request, team_access(request.user, pk), roles_form=form)
        messages.success(request, _("The roles have been saved."))
    else:
        form_errors_message(request, form)
    return back(access.team, anchor="#team")


@login_required
@require_POST
def team_phase(request, pk):
    """Complete Oriënteren (programma van eisen agreed) or Presenteren
    (the coach confirms the presentation)."""
    access = team_access(request.user, pk)
    access.require(access.can_work)
    try:
        team = services.complete_phase(request.user, access.team, is_staff=access.can_coach)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("On to the next phase: %(phase)s.") % {"phase": Phase(team.phase).label})
    return back(access.team)


@login_required
@require_POST
def team_decision(request, pk):
    access = team_access(request.user, pk)
    access.require(access.can_decide_go)
    form = DecisionForm(request.POST, team=access.team)
    if not form.is_valid():
        form_errors_message(request, form)
        return back(access.team)
    go = form.cleaned_data["decision"] == GoDecision.Decision.GO
    return attempt(
        request,
        lambda: services.decide_go(request.user, access.team, **form.cleaned_data),
        success=_("Go: the team moves on.") if go else _("No-go: the team goes back with your feedback."),
        then=team_url(access.team),
    )


def render_requirements(request, access, form=None, review_form=None, status=200):
    team = access.team
    requirements = list(team.requirements.all())
    for r in requirements:
        r.check_form = _check_form(r)
    can_check = team.phase in (Phase.PRESENTEREN, Phase.TERUGKIJKEN)
    reviews = list(team.requirement_reviews.select_related("author"))
    context = team_context(
        access,
        "requirements",
        requirements=requirements,
        form=form or RequirementForm(),
        can_check=can_check,
        reviews=reviews,
        last_comment=next((r for r in reversed(reviews) if r.action == RequirementsReview.Action.COMMENTED), None),
        review_form=review_form or RequirementsReviewForm(),
        reopen_form=RequirementsReopenForm(),
        internal_client=team.project_assignment.client_id is None,
    )
    return render(request, "projects/team_requirements.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def team_requirements(request, pk):
    """The programma van eisen: written by the team in Oriënteren, reviewed
    and approved by the client (then frozen); in Presenteren the product is
    checked against it."""
    access = team_access(request.user, pk)
    team = access.team
    form = RequirementForm(request.POST or None)
    if request.method == "POST":
        access.require(access.can_work)
        if form.is_valid():
            try:
                services.add_requirement(request.user, team, **form.cleaned_data)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return back(team, "projects:team_requirements")
            return back(team, "projects:team_requirements", "#new")
    return render_requirements(request, access, form)


def _check_form(requirement):
    initial = {"result": requirement.result or Requirement.Result.MET, "result_note": requirement.result_note}
    return RequirementCheckForm(initial=initial, prefix=f"r{requirement.pk}")


@login_required
@require_POST
def requirement_check(request, pk, requirement_pk):
    access, requirement = team_object(request, pk, Requirement, requirement_pk)
    form = RequirementCheckForm(request.POST, prefix=f"r{requirement.pk}")
    if form.is_valid():
        try:
            stored = lambda: _check_form(concurrency.locked(Requirement, requirement.pk))  # noqa: E731
            with concurrency.unchanged(form, stored):
                services.check_requirement(request.user, requirement, **form.cleaned_data)
        except concurrency.EditConflict:
            messages.error(request, concurrency.conflict_message(form))  # a teammate checked it meanwhile
    else:
        messages.error(request, _("Choose whether the requirement is met."))
    return back(access.team, "projects:team_requirements", f"#req-{requirement.pk}")


@login_required
@require_POST
def requirement_delete(request, pk, requirement_pk):
    access, requirement = team_object(request, pk, Requirement, requirement_pk)
    try:
        services.remove_requirement(request.user, requirement)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return back(access.team, "projects:team_requirements")


@login_required
@require_POST
def requirements_submit(request, pk):
    """The team asks its client to review the programma van eisen."""
    access = team_access(request.user, pk)
    access.require(access.can_edit_requirements)
    return attempt(
        request,
        lambda: services.submit_requirements(request.user, access.team),
        success=_("Your programma van eisen has been sent to your client for review."),
        then=team_url(access.team, "projects:team_requirements", "#review"),
    )


@login_required
@require_POST
def requirements_review(request, pk):
    """The client approves the programma van eisen or comments on it: a
    contact of the partner (from their team page), or staff when the client
    is internal (from the requirements tab)."""
    access = team_access(request.user, pk, allow_partner=True)
    access.require(access.can_review_requirements)
    form = RequirementsReviewForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    if form.is_valid():
        try:
            services.review_requirements(request.user, access.team, approve=approve, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if approve:
                messages.success(request, _("You approved the programma van eisen. The team can move on."))
            else:
                messages.success(request, _("Your comments have been sent to the team."))
            if access.is_partner:
                return back(access.team, "projects:partner_team", "#requirements")
            return back(access.team, "projects:team_requirements", "#review")
    if access.is_partner:
        from projects.views.partner import render_partner_team  # noqa: PLC0415 - the partner's page

        return render_partner_team(request, access, review_form=form, status=400)
    return render_requirements(request, access, review_form=form, status=400)


@login_required
@require_POST
def requirements_reopen(request, pk):
    """A coach opens a new round: the team may change the list again."""
    access = team_access(request.user, pk)
    access.require(access.can_reopen_requirements)
    form = RequirementsReopenForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return attempt(
        request,
        lambda: services.reopen_requirements(request.user, access.team, comment=comment),
        success=_("The team can change its programma van eisen again and submit it to the client once more."),
        then=team_url(access.team, "projects:team_requirements", "#review"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_messages(request, pk):
    """The team's thread with the coach: students ask, coaches answer."""
    access = team_access(request.user, pk)
    team = access.team
    form = MessageForm(request.POST or None)
    post = partial(services.post_message, request.user, team, from_coach=access.can_coach)
    if saved(request, access, form, post, allowed=access.can_work, success=_("Your message has been sent.")):
        return back(team, "projects:team_messages", "#new")
    thread = list(Message.objects.filter(team=team).select_related("author").order_by("created_at"))
    return render(request, "projects/team_messages.html", team_context(access, "messages", thread=thread, form=form))
