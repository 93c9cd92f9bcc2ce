"""Two teachers edit the same project or schedule: the second save is refused
with both versions, and what they typed stays in the form."""

import pytest
from django.test import Client
from django.urls import reverse

from core.testing.forms import assert_edit_conflict, form_data
from projects.models import FinalReflection, Phase, Project, ProjectAssignment, Result
from projects.tests.factories import assignments_a, make_project, project_a, set_phase

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def project(world):
    return make_project(world, school=world.school_a, teacher=world.docent, classes=[world.class_a],
                        assignments=assignments_a(world))  # fmt: skip


def test_project_settings_edited_by_two_teachers(world, project):
    url = reverse("projects:project_edit", args=[project.pk])
    assert_edit_conflict(
        _client(world.docent), _client(world.coordinator), url,
        theirs={"description": "Ontwerp een slimme lantaarnpaal voor de wijk."},
        mine={"description": "Maak de stad veiliger met sensoren."},
    )  # fmt: skip
    assert Project.objects.get(pk=project.pk).description == "Maak de stad veiliger met sensoren."


def test_project_schedule_edited_by_two_teachers(world, project):
    pa = project.project_assignments.order_by("order").first()
    url = reverse("projects:project_schedule", args=[project.pk])
    response = assert_edit_conflict(
        _client(world.docent), _client(world.coordinator), url,
        theirs={f"pa{pa.pk}-kickoff_location": "Aula van de school"},
        mine={f"pa{pa.pk}-kickoff_location": "Bouwplaats Noord"},
    )  # fmt: skip
    assert response.content.decode().count('class="edit-conflict"') == 1  # only the assignment that changed
    assert ProjectAssignment.objects.get(pk=pa.pk).kickoff_location == "Bouwplaats Noord"


def test_results_graded_by_two_teachers(world):
    project = project_a(world)
    url = reverse("projects:results", args=[project.pk])
    note, grade = f"s{world.leerling.pk}-note", f"s{world.leerling.pk}-final_grade"
    response = assert_edit_conflict(
        _client(world.docent), _client(world.coordinator), url,
        theirs={note: "Sterk eindproduct, presentatie kan beter.", grade: "7,5"},
        mine={note: "Goed samengewerkt.", grade: "8,0"},
    )  # fmt: skip
    assert response.content.decode().count('class="edit-conflict"') == 1  # only the student whose result changed
    assert Result.objects.get(project=project, student=world.leerling).note == "Goed samengewerkt."


def test_a_final_reflection_written_in_two_tabs(world):
    team = set_phase(project_a(world).teams.get(memberships__student=world.leerling), Phase.TERUGKIJKEN)
    url = reverse("projects:team_reflection", args=[team.pk])
    assert_edit_conflict(
        _client(world.leerling), _client(world.leerling), url,
        theirs={"product": "Het bord is goed leesbaar geworden.", "process": "Planning liep uit.",
                "own_actions": "Ik heb de opdrachtgever gebeld."},
        mine={"product": "Ons ontwerp was te groot.", "process": "We werkten goed samen.",
              "own_actions": "Ik maakte de maquette."},
    )  # fmt: skip
    reflection = FinalReflection.objects.get(membership__team=team, membership__student=world.leerling)
    assert reflection.product == "Ons ontwerp was te groot."


def test_team_roles_divided_by_two_teammates(world):
    team = project_a(world).teams.get(memberships__student=world.leerling)
    url = reverse("projects:team_detail", args=[team.pk])
    action = reverse("projects:team_roles", args=[team.pk])
    assert_edit_conflict(
        _client(world.leerling), _client(world.classmate), url, action=action,
        theirs={"name": "De Bouwers"}, mine={"name": "Team Steiger"},
    )  # fmt: skip
    team.refresh_from_db()
    assert team.name == "Team Steiger"


def test_a_requirement_checked_by_two_teammates(world):
    team = set_phase(project_a(world).teams.get(memberships__student=world.leerling), Phase.PRESENTEREN)
    requirement = world.requirement_a
    page = reverse("projects:team_requirements", args=[team.pk])
    post = reverse("projects:requirement_check", args=[team.pk, requirement.pk])
    first, second = _client(world.leerling), _client(world.classmate)
    data_1, data_2 = form_data(first.get(page), action=post), form_data(second.get(page), action=post)
    note = f"r{requirement.pk}-result_note"
    assert first.post(post, {**data_1, note: "Getest op 10 meter."}).status_code == 302
    response = second.post(post, {**data_2, note: "Alleen binnen getest."}, follow=True)
    text = response.content.decode()
    assert "Getest op 10 meter." in text and "Alleen binnen getest." in text
    requirement.refresh_from_db()
    assert requirement.result_note == "Getest op 10 meter."


def test_an_assessment_saved_in_two_tabs(world):
    from projects.models import Assessment
    from projects.services import rubric_parts

    team = project_a(world).teams.get(memberships__student=world.leerling)
    criterion = f"c{rubric_parts(team.project_assignment.version)['product'][0]}"
    url = reverse("projects:team_assess", args=[team.pk])
    assert_edit_conflict(
        _client(world.docent), _client(world.docent), url,
        theirs={criterion: "2", "comment": "Het bord is goed leesbaar."},
        mine={criterion: "1", "comment": "De maquette is nog niet af."},
    )  # fmt: skip
    mine = Assessment.objects.get(team=team, assessor=world.docent, subject=None)
    assert mine.comment == "De maquette is nog niet af."
