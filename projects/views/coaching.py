"""Coaching: the overview of all teams of a project (who needs attention)
and reflection conversations."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, IntegerField, Max, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from projects import services
from projects.access import require_staff, staff_project, team_access
from projects.forms import ConversationForm
from projects.models import Conversation, LogEntry, Message, Phase, Task, TeamMembership
from projects.views.workspace import back, team_context

QUIET_DAYS = 7


def _count(queryset):
    return Coalesce(
        Subquery(queryset.order_by().values("team_id").annotate(n=Count("id")).values("n")[:1]),
        0,
        output_field=IntegerField(),
    )


def teams_with_signals(teams, today=None):
    """Annotate teams with the signals a coach looks at: overdue tasks, the
    last logbook date, unanswered questions. One query, whatever the size."""
    today = today or timezone.localdate()
    return teams.annotate(
        overdue_tasks=_count(
            Task.objects.filter(team=OuterRef("pk"), due_date__lt=today).exclude(status=Task.Status.DONE)
        ),
        open_questions=_count(Message.objects.filter(team=OuterRef("pk"), from_coach=False, answered_at__isnull=True)),
        last_log=Subquery(
            LogEntry.objects.filter(team=OuterRef("pk"))
            .order_by()
            .values("team_id")
            .annotate(d=Max("date"))
            .values("d")[:1]
        ),
    )


def attention_reasons(team, today) -> list[str]:
    reasons = []
    if team.phase != Phase.AFGEROND and team.is_overdue:
        reasons.append(_("phase deadline passed"))
    if team.overdue_tasks:
        reasons.append(_("overdue tasks"))
    if team.open_questions:
        reasons.append(_("unanswered questions"))
    if team.phase != Phase.AFGEROND and (
        team.last_log is None or team.last_log < today - datetime.timedelta(days=QUIET_DAYS)
    ):
        reasons.append(_("no logbook activity for a week"))
    return reasons


@login_required
@require_GET
def coach_overview(request, pk):
    project = staff_project(request.user, pk)
    today = timezone.localdate()
    teams = list(
        teams_with_signals(
            project.teams.select_related("project_assignment__version", "project"), today
        ).prefetch_related(
            Prefetch(
                "memberships", queryset=TeamMembership.objects.select_related("student").order_by("student__first_name")
            )
        )
    )
    for team in teams:
        team.reasons = attention_reasons(team, today)
    only = request.GET.get("aandacht") == "1"
    rows = sorted(teams, key=lambda t: (not t.reasons, t.number))
    if only:
        rows = [t for t in rows if t.reasons]
    return render(
        request,
        "projects/coach_overview.html",
        {
            "project": project,
            "teams": rows,
            "only": only,
            "num_attention": sum(1 for t in teams if t.reasons),
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_conversations(request, pk):
    """Reflection conversations: the coach records notes, agreements and a
    follow-up date; the student sees their own (never the private note)."""
    access = team_access(request.user, pk)
    team = access.team
    form = ConversationForm(request.POST or None, team=team, initial={"date": timezone.localdate()})
    if request.method == "POST":
        require_staff(access)
        if form.is_valid():
            services.record_conversation(request.user, team, **form.cleaned_data)
            messages.success(request, _("The conversation has been recorded."))
            return back(request, team, "projects:team_conversations")
    conversations = Conversation.objects.filter(team=team).select_related("student", "coach")
    if not access.is_staff:
        conversations = conversations.filter(student=request.user)
    return render(
        request,
        "projects/team_conversations.html",
        team_context(access, "conversations", conversations=conversations, form=form if access.is_staff else None),
        status=422 if request.method == "POST" else 200,
    )
