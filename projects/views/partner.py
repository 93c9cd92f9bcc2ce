"""What a client (partner contact) sees: the teams working on their own
assignments, with first names and work only, the kick-off and presentation
moments; never grades of others, reflections, logbooks or private notes."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import render
from django.views.decorators.http import require_GET

from projects.access import client_team, client_teams, meets_teams_as_client
from projects.forms.workspace import RequirementsReviewForm
from projects.models import Assessment, Deliverable, DeliverableVersion, PresentationSlot, TeamMembership
from projects.views.common import phase_steps


def _client_teams(user):
    return (
        client_teams(user)
        .select_related("project__school", "project_assignment__version", "project_assignment__client", "slot")
        .prefetch_related(
            Prefetch(
                "memberships", queryset=TeamMembership.objects.select_related("student").order_by("student__first_name")
            )
        )
        .order_by("-project__start_date", "project_assignment_id", "number")
    )


@login_required
@require_GET
def partner_teams(request):
    if not meets_teams_as_client(request.user):
        raise PermissionDenied
    groups = {}
    for team in _client_teams(request.user):
        pa = team.project_assignment
        groups.setdefault(pa.pk, {"pa": pa, "project": team.project, "teams": []})["teams"].append(team)
    return render(request, "projects/partner_teams.html", {"groups": list(groups.values())})


@login_required
@require_GET
def partner_team(request, pk):
    return render_partner_team(request, client_team(request.user, pk))


def render_partner_team(request, access, *, review_form=None, status=200):
    """The client's page of one team; with the review of the programma van
    eisen when it waits for them (``review_form`` keeps a rejected answer)."""
    team = access.team
    first_names = [
        m.student.first_name for m in team.memberships.select_related("student").order_by("student__first_name")
    ]
    deliverables = team.deliverables.prefetch_related(
        Prefetch("versions", queryset=DeliverableVersion.objects.order_by("-number"))
    ).order_by("kind", "-updated_at")
    mine = Assessment.objects.filter(
        team=team, assessor=request.user, role=Assessment.Role.PARTNER, subject=None
    ).first()
    return render(
        request,
        "projects/partner_team.html",
        {
            "team": team,
            "access": access,
            "pa": team.project_assignment,
            "project": team.project,
            "first_names": first_names,
            "steps": phase_steps(team),
            "requirements": team.requirements.all(),
            "reviews": list(team.requirement_reviews.select_related("author")),
            "review_form": review_form or RequirementsReviewForm(),
            "deliverables": deliverables,
            "final_kinds": [Deliverable.Kind.PRODUCT, Deliverable.Kind.PRESENTATION],
            "slot": PresentationSlot.objects.filter(team=team).first(),
            "assessed": mine is not None,
        },
        status=status,
    )
