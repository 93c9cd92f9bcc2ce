"""Two sessions edit the same thing: the second save is refused with both
versions shown, and nothing the second person typed is lost."""

import pytest
from django.test import Client
from django.urls import reverse

from core.testing.forms import assert_edit_conflict
from portfolio.models import Experience, TransferDetails
from portfolio.tests.factories import ExperienceFactory

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_transfer_details_in_two_tabs(world):
    url = reverse("portfolio:transfer")
    tab_1, tab_2 = _client(world.leerling), _client(world.leerling)
    assert_edit_conflict(
        tab_1, tab_2, url,
        theirs={"motivation": "Ik wil graag installateur worden.", "chosen_study": "Installatietechniek"},
        mine={"motivation": "Bouwen trekt me het meest, dat merkte ik bij de open dag."},
    )  # fmt: skip
    details = TransferDetails.objects.get(student=world.leerling)
    assert details.motivation == "Bouwen trekt me het meest, dat merkte ik bij de open dag."
    assert details.chosen_study == ""  # saved again on purpose: the whole form as the student left it


def test_mentor_advice_by_two_teachers(world):
    url = reverse("portfolio:coach_student", args=[world.leerling.pk])
    action = reverse("portfolio:mentor_advice", args=[world.leerling.pk])
    response = assert_edit_conflict(
        _client(world.docent), _client(world.coordinator), url, action=action,
        theirs={"advice": "Kies voor niveau 3, dat past bij zijn tempo."},
        mine={"advice": "Een open dag bij het ROC zou helpen."},
    )  # fmt: skip
    assert "Docent Demo" in response.content.decode()  # who saved it first
    assert TransferDetails.objects.get(student=world.leerling).mentor_advice == "Een open dag bij het ROC zou helpen."


def test_an_experience_edited_in_two_tabs(world):
    experience = ExperienceFactory(student=world.leerling, title="Open dag")
    url = reverse("portfolio:experience_edit", args=[experience.pk])
    assert_edit_conflict(
        _client(world.leerling), _client(world.leerling), url,
        theirs={"title": "Open dag ROC Midden"}, mine={"title": "Meeloopdag bij de bakker"},
    )  # fmt: skip
    assert Experience.objects.get(pk=experience.pk).title == "Meeloopdag bij de bakker"
