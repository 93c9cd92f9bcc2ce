"""Which teams need their coach's attention: the signals a coach looks at
(overdue tasks, unanswered questions, a quiet logbook, a passed phase
deadline), read in one query whatever the number of teams. Used by the team
overview and the teacher's dashboard panel."""

import datetime

from django.db.models import Count, IntegerField, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import LogEntry, Message, Phase, Task

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


def attention_reasons(team, today: datetime.date) -> list[str]:
    """Why a team (annotated by ``teams_with_signals``) needs attention on ``today``."""
    reasons = []
    finished = team.phase == Phase.AFGEROND
    if not finished and team.overdue_on(today):
        reasons.append(_("phase deadline passed"))
    if team.overdue_tasks:
        reasons.append(_("overdue tasks"))
    if team.open_questions:
        reasons.append(_("unanswered questions"))
    if not finished and (team.last_log is None or team.last_log < today - datetime.timedelta(days=QUIET_DAYS)):
        reasons.append(_("no logbook activity for a week"))
    return reasons


def teams_needing_attention(teams, today: datetime.date | None = None) -> list:
    """The teams with their ``reasons``, those needing attention first (then by number)."""
    today = today or timezone.localdate()
    rows = list(teams_with_signals(teams, today))
    for team in rows:
        team.reasons = attention_reasons(team, today)
    return sorted(rows, key=lambda t: (not t.reasons, t.number))
