"""What the team pages share: the work-process steps, the context every
team tab gets, going back to a tab, and a rejected form as one message."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from projects.models import PHASE_HINTS, PHASE_ORDER, WORK_PHASES, Phase


def phase_steps(team) -> list[dict]:
    current = PHASE_ORDER[Phase(team.phase)]
    steps = []
    for phase in WORK_PHASES:
        index = PHASE_ORDER[phase]
        steps.append(
            {
                "value": phase.value,
                "label": phase.label,
                "deadline": team.project.deadline_for(phase),
                "state": "done" if index < current else ("current" if index == current else "todo"),
                "number": index + 1,
            }
        )
    return steps


def team_context(access, tab, **extra) -> dict:
    team = access.team
    phase = Phase(team.phase)
    return {
        "access": access,
        "team": team,
        "project": team.project,
        "pa": team.project_assignment,
        "version": team.project_assignment.version,
        "tab": tab,
        "steps": phase_steps(team),
        "phase_label": phase.label,
        "phase_hint": PHASE_HINTS[phase],
        "phase_deadline": team.phase_deadline,
        "today": timezone.localdate(),
        **extra,
    }


def team_url(team, name="projects:team_detail", anchor="") -> str:
    return reverse(name, args=[team.pk]) + anchor


def back(team, name="projects:team_detail", anchor=""):
    return redirect(team_url(team, name, anchor))


def form_errors_message(request, form) -> None:
    """A form posted from a page that does not re-render it: its errors as one message."""
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
