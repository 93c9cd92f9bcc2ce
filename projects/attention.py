"""Which teams need their coach's attention: the signals a coach looks at
(overdue tasks, unanswered questions, a quiet logbook, a passed phase
deadline), read in one query whatever the number of teams. Used by the team
overview and the teacher's dashboard panel."""

import datetime

from django.db.models import Count, IntegerField, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import WORK_PHASES, LogEntry, Message, Project, Task

QUIET_DAYS = 7


def _count(queryset):
    return Coalesce(
        Subquery(queryset.order_by().values("team_id").annotate(n=Count("id")).values("n")[:1]),
        0,
        output_field=IntegerField(),
    )


def teams_with_signals(teams, today: datetime.date | None = None):
    """Annotate teams with the signals a coach looks at: overdue tasks, the
    last logbook date, unanswered questions. One query, whatever the size."""
    today = today or timezone.localdate()
    return teams.annotate(
        overdue_tasks=_count(
            Task.objects.filter(
                team=OuterRef("pk"), due_date__lt=today, due_date__gte=OuterRef("project__start_date")
            ).exclude(status=Task.Status.DONE)
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


def work_started_on(project) -> datetime.date | None:
    """The first day the teams work: the project's start date, or the day the
    teams were published when that came later. None while they are not published."""
    if project.published_at is None:
        return None
    return max(project.start_date, timezone.localdate(project.published_at))


def attention_reasons(team, today: datetime.date) -> list[str]:
    """Why a team (annotated by ``teams_with_signals``) needs attention on
    ``today``. Signals count only while the team works: the project runs, it
    has started (``work_started_on``), and the team is in one of the work
    process phases. A quiet logbook counts from that first day, never from
    before it (a project made in December that starts in January is quiet,
    not neglected)."""
    project = team.project
    started = work_started_on(project)
    if project.status != Project.Status.RUNNING or started is None or today < started:
        return []
    if team.phase not in WORK_PHASES:
        return []
    reasons = []
    if team.overdue_on(today):
        reasons.append(_("phase deadline passed"))
    if team.overdue_tasks:
        reasons.append(_("overdue tasks"))
    if team.open_questions:
        reasons.append(_("unanswered questions"))
    last_activity = max(team.last_log, started) if team.last_log else started
    if last_activity < today - datetime.timedelta(days=QUIET_DAYS):
        reasons.append(_("no logbook activity for a week"))
    return reasons


def teams_needing_attention(teams, today: datetime.date | None = None) -> list:
    """The teams with their ``reasons``, those needing attention first (then by number)."""
    today = today or timezone.localdate()
    rows = list(teams_with_signals(teams, today))
    for team in rows:
        team.reasons = attention_reasons(team, today)
    return sorted(rows, key=lambda t: (not t.reasons, t.number))
