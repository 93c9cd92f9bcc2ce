"""Telling people where they must act in a project: in the platform (the
bell, ``notifications.services.notify``) and by e-mail (a django-tasks task
sending ``core.mail.send_templated`` through the outbox, queued when the
transaction commits, so a change that is rolled back tells nobody).

Events: choosing opened, a reminder to choose (the teacher's click), the
choice deadline near, teams published, a go/no-go, feedback, a phase
deadline near, the client's assessment asked, the programma van eisen
waiting for the client's review (bell and e-mail) and the client's answer
(the team's bell). Recipients come from
``projects.access`` (who is told). The scheduled reminders
(``send_due_reminders``, run by ``manage.py send_project_reminders``) record
what went out in ``SentNotice``, so running it again sends nothing twice.
The domain functions call this module; it never imports the services."""

import datetime
import functools

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django_tasks import task

from core.mail import is_muted, send_templated
from notifications.services import notify
from projects import access
from projects.models import WORK_PHASES, Phase, Project, SentNotice, Team

CHOICE_DEADLINE_NOTICE = datetime.timedelta(hours=48)
PHASE_DEADLINE_NOTICE_DAYS = 2


def _tell(users, *, kind, title, url, template, params, actor=None, now=None, addresses=None) -> int:
    """Notify ``users`` in the bell and mail them (or ``addresses`` when
    given: partner contacts have their own). Returns how many were told."""
    users = [u for u in users if actor is None or u.pk != actor.pk]
    notify(users, kind=kind, title=title, url=url, actor=actor, now=now)
    if addresses is None:
        recipients = [(u.email, getattr(u, "preferred_language", "") or "nl") for u in users if u.email]
    else:
        recipients = [(address, "nl") for address in addresses]
    if recipients and not is_muted():
        transaction.on_commit(functools.partial(send_project_mail.enqueue, template, recipients, url, _plain(params)))
    return len(users) if addresses is None else max(len(users), len(recipients))


def _plain(params: dict) -> dict:
    """Task arguments are JSON: moments travel as ISO text, lazy texts as text."""
    out = {}
    for key, value in params.items():
        if isinstance(value, datetime.date | datetime.datetime):
            value = value.isoformat()
        elif isinstance(value, Promise):
            value = str(value)
        out[key] = value
    return out


@task()
def send_project_mail(template: str, recipients: list, url: str, params: dict) -> int:
    context = dict(params)
    for key, value in params.items():
        if key.endswith("_at") and isinstance(value, str):
            context[key] = parse_datetime(value)
        elif key.endswith("_on") and isinstance(value, str):
            context[key] = datetime.date.fromisoformat(value)
    context["link"] = getattr(settings, "SITE_URL", "").rstrip("/") + url
    sent = 0
    for address, language in recipients:
        sent += send_templated(f"projects/email/{template}.txt", context, [address], language)
    return sent


def _project_params(project: Project) -> dict:
    return {"project": project.title, "deadline_at": project.choice_deadline}


def choice_opened(project: Project, *, actor=None, now=None) -> int:
    """Choosing opened: every student of the project may rank the assignments."""
    params = _project_params(project)
    return _tell(
        access.choice_recipients(project),
        kind="projects.choice_opened",
        title=lambda: _("Choose your assignments for “%(project)s”") % params,
        url=reverse("projects:choose", args=[project.pk]),
        template="choice_opened",
        params=params,
        actor=actor,
        now=now,
    )


def remind_to_choose(project: Project, *, actor=None, now=None, kind="projects.choice_reminder") -> int:
    """Those who have not chosen yet: a reminder (the teacher's button, or
    the deadline drawing near). Returns how many were reminded."""
    params = _project_params(project)
    return _tell(
        access.choice_recipients(project, only_not_chosen=True),
        kind=kind,
        title=lambda: _("You have not chosen your assignments for “%(project)s” yet") % params,
        url=reverse("projects:choose", args=[project.pk]),
        template="choice_reminder",
        params=params,
        actor=actor,
        now=now,
    )


def teams_published(project: Project, *, actor=None, now=None) -> int:
    """Each member learns their team and assignment."""
    told = 0
    for team in project.teams.select_related("project_assignment__version"):
        params = {"project": project.title, "team": team.name, "assignment": team.project_assignment.version.title}
        told += _tell(
            access.team_recipients(team),
            kind="projects.teams_published",
            title=lambda params=params: _("Your team is known: %(team)s, “%(assignment)s”") % params,
            url=reverse("projects:team_detail", args=[team.pk]) + "#why-this-assignment",
            template="teams_published",
            params=params,
            actor=actor,
            now=now,
        )
    return told


def go_decided(decision, *, actor=None, now=None) -> int:
    team = decision.team
    params = {
        "team": team.name,
        "phase": Phase(decision.phase).label,
        "go": decision.decision == "go",
        "motivation": decision.motivation,
        "back_to": Phase(decision.back_to).label if decision.back_to else "",
    }
    return _tell(
        access.team_recipients(team),
        kind="projects.go_decision",
        title=lambda: (
            (
                _("Go for %(team)s after %(phase)s")
                if params["go"]
                else _("No-go for %(team)s after %(phase)s: read why")
            )
            % {"team": team.name, "phase": Phase(decision.phase).label}
        ),
        url=reverse("projects:team_detail", args=[team.pk]),
        template="go_decision",
        params=params,
        actor=actor,
        now=now,
    )


def feedback_given(feedback, *, actor=None, now=None) -> int:
    team = feedback.team
    if feedback.deliverable_id:
        url = reverse("projects:deliverable_detail", args=[team.pk, feedback.deliverable_id])
        about = feedback.deliverable.title
    else:
        url = reverse("projects:team_log", args=[team.pk])
        about = ""
    params = {"team": team.name, "about": about, "text": feedback.text}
    return _tell(
        access.team_recipients(team),
        kind="projects.feedback",
        title=lambda: (
            (_("Feedback from your coach on “%(about)s”") if about else _("Feedback from your coach")) % params
        ),
        url=url,
        template="feedback",
        params=params,
        actor=actor,
        now=now,
    )


def assessment_requested(team: Team, *, actor=None, now=None) -> int:
    """The team has presented: the client's contacts are asked to assess the product."""
    users, addresses = access.client_recipients(team, actor=actor)
    params = {
        "team": team.name,
        "assignment": team.project_assignment.version.title,
        "school": team.project.school.name,
    }
    return _tell(
        users,
        kind="projects.assessment_requested",
        title=lambda: _("Please assess the product of %(team)s (“%(assignment)s”)") % params,
        url=reverse("projects:team_assess", args=[team.pk]),
        template="assessment_requested",
        params=params,
        actor=actor,
        now=now,
        addresses=addresses,
    )


def requirements_submitted(team: Team, *, actor=None, now=None) -> int:
    """The team asks its client to review the programma van eisen: the
    partner's contacts (on their team page) or, for an internal client, the
    project's coaches (on the team's requirements tab)."""
    users, addresses = access.requirements_reviewers(team, actor=actor)
    params = {
        "team": team.name,
        "assignment": team.project_assignment.version.title,
        "school": team.project.school.name,
    }
    if team.project_assignment.client_id:
        url = reverse("projects:partner_team", args=[team.pk]) + "#requirements"
    else:
        url = reverse("projects:team_requirements", args=[team.pk])
    return _tell(
        users,
        kind="projects.requirements_submitted",
        title=lambda: _("%(team)s asks you to review their programma van eisen (“%(assignment)s”)") % params,
        url=url,
        template="requirements_submitted",
        params=params,
        actor=actor,
        now=now,
        addresses=addresses,
    )


def requirements_reviewed(review, *, actor=None, now=None) -> int:
    """The client approved or commented on the programma van eisen (or a
    coach opened a new round): the team's bell."""
    team = review.team
    approved = review.action == "akkoord"
    reopened = review.action == "heropend"

    def title():
        if approved:
            return _("Your client approved your programma van eisen")
        if reopened:
            return _("Your coach opened your programma van eisen again")
        return _("Your client commented on your programma van eisen: adjust it and submit it again")

    users = [u for u in access.team_recipients(team) if actor is None or u.pk != actor.pk]
    notify(
        users,
        kind="projects.requirements_reviewed",
        title=title,
        url=reverse("projects:team_requirements", args=[team.pk]) + "#review",
        actor=actor,
        now=now,
    )
    return len(users)


def phase_deadline_near(team: Team, deadline: datetime.date, *, now=None) -> int:
    params = {"team": team.name, "phase": Phase(team.phase).label, "deadline_on": deadline}
    return _tell(
        access.team_recipients(team),
        kind="projects.phase_deadline",
        title=lambda: (
            _("Deadline %(phase)s on %(date)s: hand in your work")
            % {"phase": Phase(team.phase).label, "date": date_format(deadline, "j F")}
        ),
        url=reverse("projects:team_deliverables", args=[team.pk]),
        template="phase_deadline",
        params=params,
        now=now,
    )


def _once(key: str, project: Project, kind: str, send, now) -> int | None:
    """Run ``send`` unless a notice with ``key`` went out before; record it."""
    if SentNotice.objects.filter(key=key).exists():
        return None
    try:
        with transaction.atomic():
            notice = SentNotice.objects.create(key=key, project=project, kind=kind, sent_at=now)
            notice.recipients = send()
            notice.save(update_fields=["recipients"])
    except IntegrityError:  # another run recorded it at the same moment
        return None
    return notice.recipients


def send_due_reminders(*, now=None) -> list[SentNotice]:
    """The scheduled reminders due at ``now``, each sent once: the choice
    deadline within 48 hours (to those who have not chosen) and a phase
    deadline within two days (to the teams in that phase)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    keys = []
    choosing = Project.objects.filter(
        status=Project.Status.CHOOSING, choice_deadline__gt=now, choice_deadline__lte=now + CHOICE_DEADLINE_NOTICE
    )
    for project in choosing:
        key = f"choice_deadline:{project.pk}:{project.choice_deadline.isoformat()}"
        kind = "projects.choice_deadline_near"
        send = functools.partial(remind_to_choose, project, now=now, kind=kind)
        if _once(key, project, kind, send, now) is not None:
            keys.append(key)
    horizon = today + datetime.timedelta(days=PHASE_DEADLINE_NOTICE_DAYS)
    teams = Team.objects.filter(
        project__status=Project.Status.RUNNING, project__start_date__lte=horizon, phase__in=WORK_PHASES
    ).select_related("project")
    for team in teams:
        deadline = team.phase_deadline
        if deadline is None or not today <= deadline <= horizon:
            continue
        key = f"phase_deadline:{team.pk}:{team.phase}:{deadline.isoformat()}"
        sent = _once(
            key,
            team.project,
            "projects.phase_deadline",
            lambda t=team, d=deadline: phase_deadline_near(t, d, now=now),
            now,
        )
        if sent is not None:
            keys.append(key)
    return list(SentNotice.objects.filter(key__in=keys))
