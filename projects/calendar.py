"""Project moments in the iCalendar feeds of ``partners`` (through
``core.calendar``): for a school the choice deadline, the phase deadlines,
kick-offs and presentation slots of its projects; for a partner the
kick-offs and presentations of the teams working on their assignments (team
names and the school, never students' names)."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from core.calendar import CalendarItem, register_calendar_source
from projects.access import partner_calendar_assignments, school_calendar_projects
from projects.models import WORK_PHASES, PresentationSlot, Project


def _slot_item(slot, *, with_school):
    team = slot.team
    params = {
        "team": team.name if team else _("free slot"),
        "assignment": slot.project_assignment.version.title,
        "school": slot.project_assignment.project.school.name,
    }
    summary = (
        _("Presentation %(team)s (%(school)s): %(assignment)s")
        if with_school
        else _("Presentation %(team)s: %(assignment)s")
    ) % params
    return CalendarItem(
        uid=f"project-slot-{slot.pk}@techmakers",
        summary=summary,
        start=slot.starts_at,
        end=slot.starts_at + datetime.timedelta(minutes=slot.duration_minutes),
        location=slot.location,
    )


def _kickoff_item(pa, *, with_school):
    params = {"assignment": pa.version.title, "school": pa.project.school.name}
    summary = (_("Kick-off %(assignment)s (%(school)s)") if with_school else _("Kick-off %(assignment)s")) % params
    return CalendarItem(
        uid=f"project-kickoff-{pa.pk}@techmakers", summary=summary, start=pa.kickoff_at, location=pa.kickoff_location
    )


@register_calendar_source
def project_moments(*, school=None, partner=None, since):
    items = []
    if school is not None:
        projects = list(
            school_calendar_projects(school)
            .filter(end_date__gte=since)
            .prefetch_related("project_assignments__version")
        )
        for project in projects:
            url = reverse("projects:project_detail", args=[project.pk])
            if project.status == Project.Status.CHOOSING and project.choice_deadline:
                items.append(
                    CalendarItem(
                        uid=f"project-choice-{project.pk}@techmakers",
                        summary=_("Choice deadline: %(project)s") % {"project": project.title},
                        start=project.choice_deadline,
                        url=url,
                    )
                )
            for phase in WORK_PHASES:
                deadline = project.deadline_for(phase)
                if deadline and deadline >= since:
                    items.append(
                        CalendarItem(
                            uid=f"project-deadline-{project.pk}-{phase.value}@techmakers",
                            summary=_("Deadline %(phase)s: %(project)s")
                            % {"phase": phase.label, "project": project.title},
                            start=deadline,
                            url=url,
                        )
                    )
            for pa in project.project_assignments.all():
                if pa.kickoff_at and pa.kickoff_at.date() >= since:
                    items.append(_kickoff_item(pa, with_school=False))
        slots = PresentationSlot.objects.filter(
            project_assignment__project__in=projects, starts_at__date__gte=since
        ).select_related("team", "project_assignment__version", "project_assignment__project__school")
        items.extend(_slot_item(slot, with_school=False) for slot in slots)
    if partner is not None:
        pas = list(partner_calendar_assignments(partner).select_related("version", "project__school"))
        for pa in pas:
            if pa.kickoff_at and pa.kickoff_at.date() >= since:
                items.append(_kickoff_item(pa, with_school=True))
        slots = PresentationSlot.objects.filter(
            project_assignment__in=pas, team__isnull=False, starts_at__date__gte=since
        ).select_related("team", "project_assignment__version", "project_assignment__project__school")
        items.extend(_slot_item(slot, with_school=True) for slot in slots)
    return items
