"""Attention flags count only while a team works: from the project's start,
in the work process phases (issue 11.2). The clock is fixed."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from projects import services
from projects.attention import teams_needing_attention
from projects.models import Phase, Project, Team
from projects.tests.factories import assignments_a, make_project, set_phase

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Amsterdam")


def _at(day: datetime.date, hour=10):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=TZ)


def january_project(w, time_machine):
    """Made, allocated and published on 1 December; it starts on 11 January."""
    made = datetime.date(w.year.start_date.year, 12, 1)
    time_machine.move_to(_at(made))
    start = datetime.date(made.year + 1, 1, 11)
    project = make_project(
        w,
        school=w.school_a,
        teacher=w.docent,
        classes=[w.class_a],
        assignments=assignments_a(w),
        min_choices=1,
        start_date=start,
        end_date=start + datetime.timedelta(days=60),
        choice_deadline=_at(made + datetime.timedelta(days=19), 16),
        deadline_orienteren=start + datetime.timedelta(days=10),
        deadline_plannen=start + datetime.timedelta(days=20),
        deadline_uitvoeren=start + datetime.timedelta(days=40),
        deadline_presenteren=start + datetime.timedelta(days=50),
        deadline_terugkijken=start + datetime.timedelta(days=60),
    )
    services.open_choice(w.docent, project, now=_at(made, 9))
    first = project.project_assignments.order_by("order").first()
    for participant in project.participants.select_related("student"):
        services.submit_choices(participant.student, participant, [first], now=_at(made, 10))
    services.run_allocation(w.docent, project, now=_at(made, 11))
    services.publish_allocation(w.docent, project, now=_at(made, 12))
    return project, made, start


def _reasons(project, today):
    return {t.pk: t.reasons for t in teams_needing_attention(project.teams.select_related("project"), today)}


def test_a_project_that_starts_in_january_is_not_flagged_in_december(world, time_machine):
    project, made, start = january_project(world, time_machine)
    assert project.teams.exists()
    # The day it is made, and the weeks until it starts: nothing to flag.
    for day in (made, made + datetime.timedelta(days=8), start - datetime.timedelta(days=1)):
        time_machine.move_to(_at(day))
        assert all(reasons == [] for reasons in _reasons(project, day).values()), day
    # The first week of work is not "a week without a logbook" either.
    assert all(r == [] for r in _reasons(project, start + datetime.timedelta(days=7)).values())
    # A week and a day after the start without a word in the logbook: now it is a signal.
    later = start + datetime.timedelta(days=8)
    assert all(r == ["een week niets in het logboek"] for r in _reasons(project, later).values())


def test_only_working_phases_and_a_running_project_give_signals(world, time_machine):
    project, _made, start = january_project(world, time_machine)
    team = project.teams.first()
    services.create_task(world.leerling, team, title="Oude taak", due_date=start - datetime.timedelta(days=2))
    much_later = start + datetime.timedelta(days=15)  # Orienting deadline passed, logbook quiet
    reasons = _reasons(project, much_later)[team.pk]
    assert "deadline van de fase verlopen" in reasons and "een week niets in het logboek" in reasons
    assert "taken te laat" not in reasons  # due before the project started: not the team's delay
    services.create_task(world.leerling, team, title="Interview", due_date=start + datetime.timedelta(days=3))
    assert "taken te laat" in _reasons(project, much_later)[team.pk]
    set_phase(team, Phase.AFGEROND)
    assert _reasons(project, much_later)[team.pk] == []
    set_phase(team, Phase.UITVOEREN)
    Project.objects.filter(pk=project.pk).update(status=Project.Status.FINISHED)
    assert _reasons(Project.objects.get(pk=project.pk), much_later)[team.pk] == []
    assert Team.objects.filter(project=project).count() >= 1
