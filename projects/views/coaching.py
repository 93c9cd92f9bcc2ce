"""Coaching: the overview of all teams of a project (who needs attention)
and reflection conversations."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.params import flag_param
from projects import services
from projects.access import staff_project, team_access, visible_conversations
from projects.attention import teams_needing_attention
from projects.forms.coaching import ConversationForm
from projects.models import TeamMembership
from projects.views.common import back, saved, team_context


@login_required
@require_GET
def coach_overview(request, pk):
    project = staff_project(request.user, pk).project
    today = timezone.localdate()
    teams = teams_needing_attention(
        project.teams.select_related("project_assignment__version", "project").prefetch_related(
            Prefetch(
                "memberships", queryset=TeamMembership.objects.select_related("student").order_by("student__first_name")
            )
        ),
        today,
    )
    attention = [t for t in teams if t.reasons]
    only = flag_param(request, "aandacht")
    return render(
        request,
        "projects/coach_overview.html",
        {
            "project": project,
            "teams": attention if only else teams,
            "only": only,
            "num_attention": len(attention),
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
    record = partial(services.record_conversation, request.user, team)
    if saved(request, access, form, record, allowed=access.can_coach, success=_("The conversation has been recorded.")):
        return back(team, "projects:team_conversations")
    conversations = visible_conversations(request.user).filter(team=team).select_related("student", "coach")
    return render(
        request,
        "projects/team_conversations.html",
        team_context(access, "conversations", conversations=conversations, form=form if access.can_coach else None),
        status=422 if request.method == "POST" else 200,
    )
