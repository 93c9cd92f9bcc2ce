"""The rules in projects/access.py, asked directly: who sees which projects,
teams and final reflections, what each relation to a team may do, and the
coaching signals on a given day."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from projects import access, services
from projects.attention import attention_reasons, teams_needing_attention
from projects.models import Assessment, Phase, Team, TeamMembership
from projects.tests.factories import project_a, project_b, set_phase

pytestmark = pytest.mark.django_db


def test_projects_and_teams_by_persona(world):
    a, b = project_a(world), project_b(world)
    seen = {name: set(access.visible_projects(user)) for name, user in world.users.items()}
    assert seen["docent"] == seen["coordinator"] == {a}
    assert seen["docent2"] == {b} and seen["leerling"] == {a} and seen["leerling2"] == {b}
    assert seen["partner"] == seen["netwerkcoach"] == seen["bureau"] == set()
    assert set(access.editable_projects(world.leerling)) == set()
    assert set(access.coordinated_projects(world.coordinator)) == {a}
    assert set(access.coached_projects(world.docent)) == {a}
    assert set(access.coached_projects(world.coordinator)) == set()  # not a coach of the project
    teams = {name: set(access.visible_teams(user)) for name, user in world.users.items()}
    assert teams["partner"] == {world.team_a} == set(access.client_teams(world.partner))
    assert teams["leerling"] == {world.team_a} and teams["netwerkcoach"] == teams["bureau"] == set()
    assert world.team_b in teams["docent2"] and not teams["docent2"] & teams["docent"]
    assert {pa.project for pa in access.client_project_assignments(world.partner)} == {a}


def test_final_reflection_is_read_by_its_author_and_the_schools_staff_only(world):
    project_a(world)
    team = set_phase(world.team_a, Phase.TERUGKIJKEN)
    membership = TeamMembership.objects.get(team=team, student=world.leerling)
    reflection = services.submit_reflection(world.leerling, membership, product="a", process="b", own_actions="c")
    readers = {name for name, user in world.users.items() if reflection in access.visible_final_reflections(user)}
    assert readers == {"leerling", "docent", "coordinator"}
    assert not access.visible_final_reflections(world.classmate).exists()  # a teammate never
    student = access.team_access(world.leerling, team.pk)
    assert student.writes_final_reflection and student.can_write_final_reflection
    assert not student.sees_final_reflections
    coach = access.team_access(world.docent, team.pk)
    assert coach.sees_final_reflections and not coach.writes_final_reflection
    with pytest.raises(PermissionDenied):
        access.team_access(world.partner, team.pk)  # the reflection page is not a client page


def test_team_flags_per_relation(world):
    project_a(world)
    team = world.team_a
    coach = access.team_access(world.docent, team.pk)
    member = access.team_access(world.leerling, team.pk)
    client = access.client_team(world.partner, team.pk)
    assert (coach.assesses_as, member.assesses_as, client.assesses_as) == (
        Assessment.Role.COACH,
        Assessment.Role.SELF,
        Assessment.Role.PARTNER,
    )
    for flag in ("can_coach", "can_decide_go", "sees_grades", "sees_private_notes", "sees_full_names"):
        assert getattr(coach, flag) and not getattr(member, flag) and not getattr(client, flag), flag
    assert member.can_work and member.can_rate_peers and client.can_assess and not client.can_work
    with pytest.raises(PermissionDenied):
        access.client_team(world.docent, team.pk)
    with pytest.raises(Http404):
        access.team_access(world.leerling2, team.pk)
    services.finish_project(world.docent, team.project)
    member = access.team_access(world.leerling, team.pk)
    assert not member.can_work and not member.can_rate_peers and not member.can_write_final_reflection
    assert access.team_access(world.docent, team.pk).can_work  # staff may always


def test_project_loaders(world):
    project = project_a(world)
    with pytest.raises(PermissionDenied):
        access.staff_project(world.leerling, project.pk)
    with pytest.raises(Http404):
        access.staff_project(world.docent2, project.pk)
    student = access.load_project(world.leerling, project.pk)
    assert student.is_participant and not student.can_choose  # running: the choice round is over
    staff = access.staff_project(world.docent, project.pk)
    assert staff.can_edit and staff.can_finish and not staff.can_allocate and not staff.can_open_choice
    with pytest.raises(PermissionDenied):
        access.project_schools(world.leerling)
    assert access.project_schools(world.coordinator) == [world.school_a]


def test_attention_is_decided_on_the_day_given(world):
    project_a(world)
    team = world.team_a  # the Orienting deadline passed ten days ago; a task and a log entry today
    today = timezone.localdate()
    annotated = teams_needing_attention(Team.objects.filter(pk=team.pk), today)[0]
    assert attention_reasons(annotated, today) == ["deadline van de fase verlopen"] == annotated.reasons
    earlier = today - datetime.timedelta(days=11)
    later = today + datetime.timedelta(days=8)
    assert attention_reasons(annotated, earlier) == []
    assert "een week niets in het logboek" in attention_reasons(annotated, later)


def test_conversations_are_read_by_the_student_and_the_schools_staff(world):
    project_a(world)
    talk = services.record_conversation(
        world.docent, world.team_a, student=world.leerling, date=timezone.localdate(), notes="Gesprek"
    )
    readers = {name for name, user in world.users.items() if talk in access.visible_conversations(user)}
    assert readers == {"leerling", "docent", "coordinator"}
    assert not access.visible_conversations(world.classmate).exists()
