"""What the project and team pages share: a staff button on a project, the
work-process steps, the context every team tab gets, loading a team's object
for a POST, saving a team page's form, going back to a tab, and a rejected
form as one message."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone

from core.actions import attempt
from projects.access import staff_project, team_access
from projects.models import PHASE_HINTS, PHASE_ORDER, WORK_PHASES, Phase


def project_step(request, pk, action, *, success, then, failed=None):
    """A staff button on a project: ``action(user, project)``, then the page
    named ``then`` (or ``failed`` when the action was refused)."""
    project = staff_project(request.user, pk).project
    return attempt(
        request,
        lambda: action(request.user, project),
        success=success,
        then=(then, project.pk),
        failed=(failed, project.pk) if failed else None,
    )


def remove_from_project(request, pk, queryset, obj_pk, *, remove, success, then, anchor="", within="project"):
    """A staff button removing one thing of a project (found through the
    lookup ``within``; 404 for another project's)."""
    project = staff_project(request.user, pk).project
    remove(request.user, get_object_or_404(queryset, pk=obj_pk, **{within: project}))
    messages.success(request, success)
    return redirect(reverse(then, args=[project.pk]) + anchor)


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


def team_object(request, pk, queryset, obj_pk, *, flag="can_work"):
    """For a POST on one object of a team: the TeamAccess and the object
    (404 outside the team), 403 unless the access has ``flag``."""
    access = team_access(request.user, pk)
    access.require(getattr(access, flag))
    return access, get_object_or_404(queryset, pk=obj_pk, team=access.team)


def saved(request, access, form, save, *, allowed, success="") -> bool:
    """The POST of a team page that also shows the list it adds to: 403
    unless ``allowed``; a valid form is saved with ``save(**cleaned_data)``
    (and ``success`` said). True when saved: the view then redirects."""
    if request.method != "POST":
        return False
    access.require(allowed)
    if not form.is_valid():
        return False
    save(**form.cleaned_data)
    if success:
        messages.success(request, success)
    return True


def team_url(team, name="projects:team_detail", anchor="") -> str:
    return reverse(name, args=[team.pk]) + anchor


def back(team, name="projects:team_detail", anchor=""):
    return redirect(team_url(team, name, anchor))


def form_errors_message(request, form) -> None:
    """A form posted from a page that does not re-render it: its errors as one message."""
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
