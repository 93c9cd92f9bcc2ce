"""Dashboard panels and the menu entry of projects."""

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.navigation import register_menu_item
from core.panels import register_panel
from organisation.roles import Role
from projects.models import Participant, PresentationSlot, Project, ProjectAssignment, Task, Team, TeamMembership

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
    from projects.views.coaching import attention_reasons, teams_with_signals

    projects = list(
        Project.objects.filter(school_id__in=scope.teacher_school_ids, coaches=request.user)
        .exclude(status=Project.Status.FINISHED)
        .order_by("start_date")[:10]
    )
    today = timezone.localdate()
    attention = {}
    teams = teams_with_signals(
        Team.objects.filter(project__in=projects, project__status=Project.Status.RUNNING).select_related("project"),
        today,
    )
    for team in teams:
        if attention_reasons(team, today):
            attention[team.project_id] = attention.get(team.project_id, 0) + 1
    for p in projects:
        p.num_attention = attention.get(p.pk, 0)
    return {"template": "projects/panels/my_projects.html", "projects": projects}


@register_panel(roles={Role.COORDINATOR}, order=30)
def school_projects(request, scope):
    projects = list(
        Project.objects.filter(school_id__in=scope.coordinator_school_ids)
        .exclude(status=Project.Status.FINISHED, end_date__lt=timezone.localdate().replace(day=1))
        .annotate(num_teams=Count("teams", distinct=True), num_students=Count("participants", distinct=True))
        .order_by("start_date")
    )
    finished = Project.objects.filter(
        school_id__in=scope.coordinator_school_ids, status=Project.Status.FINISHED
    ).count()
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
        ProjectAssignment.objects.filter(
            client_id__in=scope.partner_ids,
            project__published_at__isnull=False,
            project__status=Project.Status.RUNNING,
        )
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
