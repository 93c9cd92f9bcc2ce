"""Dashboard panels and the menu entry of projects."""

from collections import Counter

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.navigation import register_menu_item
from core.panels import register_panel
from organisation.roles import Role
from projects.access import client_project_assignments, coached_projects, coordinated_projects
from projects.attention import teams_needing_attention
from projects.models import Participant, PresentationSlot, Project, Task, Team, TeamMembership

register_menu_item(_("Projects"), "projects:project_list", {Role.STUDENT, Role.TEACHER, Role.COORDINATOR}, 20)


@register_panel(roles={Role.STUDENT}, order=20)
def my_teams(request, scope):
    memberships = list(
        TeamMembership.objects.filter(
            student=request.user, project__status=Project.Status.RUNNING, project__published_at__isnull=False
        ).select_related("team__project", "team__project_assignment__version", "team__project_assignment__client")
    )
    next_tasks = {}
    for task in (
        Task.objects.filter(team__in=[m.team_id for m in memberships], owner=request.user)
        .exclude(status=Task.Status.DONE)
        .order_by("team_id", "due_date", "id")
    ):
        next_tasks.setdefault(task.team_id, task)
    for m in memberships:
        m.next_task = next_tasks.get(m.team_id)
    choosing = list(
        Participant.objects.filter(student=request.user, project__status=Project.Status.CHOOSING)
        .select_related("project")
        .order_by("project__choice_deadline")
    )
    if not memberships and not choosing:
        return None
    return {"template": "projects/panels/my_teams.html", "memberships": memberships, "choosing": choosing}


@register_panel(roles={Role.TEACHER}, order=20)
def my_projects(request, scope):
    projects = list(coached_projects(request.user).exclude(status=Project.Status.FINISHED).order_by("start_date")[:10])
    teams = teams_needing_attention(
        Team.objects.filter(project__in=projects, project__status=Project.Status.RUNNING).select_related("project"),
        timezone.localdate(),
    )
    attention = Counter(team.project_id for team in teams if team.reasons)
    for p in projects:
        p.num_attention = attention[p.pk]
    return {"template": "projects/panels/my_projects.html", "projects": projects}


@register_panel(roles={Role.COORDINATOR}, order=30)
def school_projects(request, scope):
    projects = list(
        coordinated_projects(request.user)
        .exclude(status=Project.Status.FINISHED, end_date__lt=timezone.localdate().replace(day=1))
        .annotate(num_teams=Count("teams", distinct=True), num_students=Count("participants", distinct=True))
        .order_by("start_date")
    )
    finished = coordinated_projects(request.user).filter(status=Project.Status.FINISHED).count()
    stages = {}
    for p in projects:
        stages.setdefault(p.stage_label, []).append(p)
    return {
        "template": "projects/panels/school_projects.html",
        "stages": list(stages.items()),
        "num_finished": finished,
    }


@register_panel(roles={Role.PARTNER}, order=20)
def partner_project_teams(request, scope):
    pas = list(
        client_project_assignments(request.user)
        .filter(project__status=Project.Status.RUNNING)
        .select_related("project__school", "version")
        .prefetch_related(
            Prefetch("teams", queryset=Team.objects.order_by("number")),
            Prefetch(
                "slots", queryset=PresentationSlot.objects.filter(starts_at__gte=timezone.now()).select_related("team")
            ),
        )
        .order_by("presentation_at", "kickoff_at")
    )
    return {"template": "projects/panels/partner_teams.html", "project_assignments": pas}
