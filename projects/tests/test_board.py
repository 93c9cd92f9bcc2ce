"""Concurrent edits of the planning board by two team members lose nothing:
per-field, conditional updates; a real conflict on the same field is shown
in Dutch with the other person's change, and the user's input is kept."""

import pytest
from django.test import Client
from django.urls import reverse

from projects.models import Task
from projects.tests.factories import project_a

pytestmark = pytest.mark.django_db


def edit_data(task, **changes):
    """What the edit form posts: the fields (prefix t<pk>) and the values the
    user saw when the page was rendered (prefix seen<pk>)."""
    seen = {
        "title": task.title,
        "description": task.description,
        "owner_id": task.owner_id or "",
        "due_date": task.due_date.isoformat() if task.due_date else "",
        "phase": task.phase,
    }
    data = {f"seen{task.pk}-{k}": v for k, v in seen.items()}
    data.update({f"t{task.pk}-{k}": v for k, v in {**seen, **changes}.items()})
    return data


def status_data(task, status):
    return {f"s{task.pk}-status": status, f"s{task.pk}-seen_status": task.status}


@pytest.fixture
def two_members(world):
    project_a(world)
    a, b = Client(), Client()
    a.force_login(world.leerling)
    b.force_login(world.classmate)
    return a, b


def url(world, task):
    return reverse("projects:task_update", args=[world.team_a.pk, task.pk])


def test_status_change_and_title_edit_at_the_same_time_both_survive(world, two_members):
    a, b = two_members
    task = Task.objects.get(pk=world.task_a.pk)  # both load the board: same snapshot
    assert a.post(url(world, task), status_data(task, "bezig")).status_code == 302
    response = b.post(url(world, task), edit_data(task, title="Interview met de uitvoerder en de kraanmachinist"))
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "bezig"
    assert task.title == "Interview met de uitvoerder en de kraanmachinist"
    assert task.version == 3
    assert task.updated_by == world.classmate


def test_owner_edit_does_not_overwrite_a_due_date_edit(world, two_members):
    a, b = two_members
    task = Task.objects.get(pk=world.task_a.pk)
    assert a.post(url(world, task), edit_data(task, due_date="2030-01-15")).status_code == 302
    assert b.post(url(world, task), edit_data(task, owner_id=world.classmate.pk)).status_code == 302
    task.refresh_from_db()
    assert task.due_date.isoformat() == "2030-01-15" and task.owner == world.classmate


def test_same_field_edited_twice_gives_a_dutch_conflict_and_keeps_input(world, two_members):
    a, b = two_members
    task = Task.objects.get(pk=world.task_a.pk)
    assert a.post(url(world, task), edit_data(task, title="Titel van Sanne")).status_code == 302
    response = b.post(url(world, task), edit_data(task, title="Titel van Klasgenoot"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "heeft deze taak gewijzigd terwijl jij hem aanpaste" in html
    assert world.leerling.get_full_name() in html and "Titel van Sanne" in html
    assert 'value="Titel van Klasgenoot"' in html  # what B typed is still in the form
    task.refresh_from_db()
    assert task.title == "Titel van Sanne"
    # B saves again from the conflict form (its seen values are now current): accepted.
    current = Task.objects.get(pk=task.pk)
    assert b.post(url(world, task), edit_data(current, title="Titel van Klasgenoot")).status_code == 302
    task.refresh_from_db()
    assert task.title == "Titel van Klasgenoot"


def test_two_status_changes_from_the_same_snapshot_conflict(world, two_members):
    a, b = two_members
    task = Task.objects.get(pk=world.task_a.pk)
    assert a.post(url(world, task), status_data(task, "klaar")).status_code == 302
    response = b.post(url(world, task), status_data(task, "bezig"))
    assert response.status_code == 409
    assert "status: “klaar”" in response.content.decode()
    task.refresh_from_db()
    assert task.status == "klaar"


def test_htmx_status_change_and_owner_must_be_in_team(world, two_members):
    a, _b = two_members
    task = Task.objects.get(pk=world.task_a.pk)
    response = a.post(url(world, task), status_data(task, "bezig"), headers={"HX-Request": "true"})
    assert response.status_code == 302
    task.refresh_from_db()
    response = a.post(url(world, task), edit_data(task, owner_id=world.docent.pk))
    assert response.status_code == 422
    task.refresh_from_db()
    assert task.owner == world.leerling
