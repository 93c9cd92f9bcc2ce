"""One button allocates students and forms teams; the page shows the
outcome, lets the teacher adjust by hand and publish."""

from collections import Counter

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assignments.models import Competency
from core.actions import attempt
from projects import services
from projects.access import staff_project
from projects.forms import MoveForm
from projects.models import Project, Team, TeamMembership


def _allocation_context(project: Project, error: str = "") -> dict:
    pas = list(project.project_assignments.select_related("version", "client"))
    teams = list(
        project.teams.select_related("project_assignment__version").prefetch_related(
            Prefetch(
                "memberships", queryset=TeamMembership.objects.select_related("student").order_by("student__first_name")
            )
        )
    )
    participants = {p.student_id: p for p in project.participants.select_related("student", "class_group")}
    labels = dict(Competency.choices)
    placed = set()
    rank_counts = Counter()
    for team in teams:
        for m in team.memberships.all():
            placed.add(m.student_id)
            m.participant = participants.get(m.student_id)
            m.current_target = f"team:{team.pk}"
            m.strength_labels = [labels[c] for c in (m.participant.strengths if m.participant else []) if c in labels]
            rank_counts[
                m.choice_rank if m.choice_rank and m.choice_rank <= 3 else ("later" if m.choice_rank else None)
            ] += 1
    unplaced = [p for sid, p in participants.items() if sid not in placed]
    stored = project.allocation or {}
    team_of = {m.student_id: team.project_assignment_id for team in teams for m in team.memberships.all()}
    unranked = []
    for row in stored.get("unranked", []):
        if team_of.get(row["student_id"]) == row["assignment_id"]:
            unranked.append(row)
    hand_placed_unranked = [
        m
        for team in teams
        for m in team.memberships.all()
        if m.choice_rank is None and m.student_id not in {r["student_id"] for r in unranked}
    ]
    by_pa = []
    for pa in pas:
        pa_teams = [t for t in teams if t.project_assignment_id == pa.pk]
        size = sum(len(t.memberships.all()) for t in pa_teams)
        by_pa.append({"pa": pa, "teams": pa_teams, "size": size, "capacity": pa.num_teams * project.team_size_max})
    move_form = MoveForm(teams=teams, project_assignments=pas)
    n = len(participants)
    stats = [
        {"label": _("1st choice"), "value": rank_counts[1]},
        {"label": _("2nd choice"), "value": rank_counts[2]},
        {"label": _("3rd choice"), "value": rank_counts[3]},
        {"label": _("a later choice"), "value": rank_counts["later"]},
        {"label": _("none of their choices"), "value": rank_counts[None]},
    ]
    return {
        "project": project,
        "by_pa": by_pa,
        "teams": teams,
        "stats": stats,
        "n_students": n,
        "num_placed": len(placed),
        "unplaced": unplaced,
        "unranked": unranked,
        "hand_placed_unranked": hand_placed_unranked,
        "notes": stored.get("notes", []),
        "not_chosen": stored.get("not_chosen", 0),
        "solver": stored.get("solver", ""),
        "move_form": move_form,
        "move_choices": move_form.fields["target"].choices,
        "error": error,
    }


@login_required
@require_GET
def allocation(request, pk):
    project = staff_project(request.user, pk)
    return render(request, "projects/allocation.html", _allocation_context(project))


@login_required
@require_POST
def allocate(request, pk):
    project = staff_project(request.user, pk)
    try:
        services.run_allocation(request.user, project)
    except ValidationError as exc:
        context = _allocation_context(project, error=" ".join(exc.messages))
        return render(request, "projects/allocation.html", context, status=422)
    messages.success(request, _("Students have been allocated and teams formed. Check and publish."))
    return redirect("projects:allocation", pk=project.pk)


@login_required
@require_POST
def allocation_move(request, pk):
    project = staff_project(request.user, pk)
    teams = project.teams.select_related("project_assignment__version")
    form = MoveForm(
        request.POST, teams=teams, project_assignments=project.project_assignments.select_related("version")
    )
    if form.is_valid():
        student = get_object_or_404(get_user_model(), pk=form.cleaned_data["student"])
        kind, _sep, target_pk = form.cleaned_data["target"].partition(":")
        target = (
            get_object_or_404(Team, pk=target_pk, project=project)
            if kind == "team"
            else get_object_or_404(project.project_assignments, pk=target_pk)
        )
        try:
            services.move_student(request.user, project, student, target)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("%(name)s has been moved.") % {"name": student.get_full_name() or student.username}
            )
    else:
        messages.error(request, _("Choose a team to move the student to."))
    return redirect("projects:allocation", pk=project.pk)


@login_required
@require_POST
def allocation_publish(request, pk):
    project = staff_project(request.user, pk)
    return attempt(
        request,
        lambda: services.publish_allocation(request.user, project),
        success=_("The teams have been published. Students now see their team."),
        then=("projects:coach_overview", project.pk),
        failed=("projects:allocation", project.pk),
    )
