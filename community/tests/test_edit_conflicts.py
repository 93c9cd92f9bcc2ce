"""Two sessions edit the same meeting, minutes, training, material, directory
profile, visit report or quality reflection: the second save is refused with
both versions, and what was typed stays in the form."""

import pytest
from django.test import Client
from django.urls import reverse

from community.models import ConsultationVisit, DirectoryProfile, Material, Meeting, QualityCycle, Training
from community.tests.factories import community
from core.testing.forms import assert_edit_conflict, form_data

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def w(world):
    community(world)
    return world


def test_a_meeting_edited_by_the_coach_and_the_office(w):
    url = reverse("community:meeting_edit", args=[w.meeting_a.pk])
    assert_edit_conflict(
        _client(w.netwerkcoach), _client(w.bureau), url,
        theirs={"location": "Stadhuis Utrecht"}, mine={"location": "Vakcollege De Brug, aula"},
    )  # fmt: skip
    assert Meeting.objects.get(pk=w.meeting_a.pk).location == "Vakcollege De Brug, aula"


def test_minutes_written_by_the_coach_and_the_office(w):
    url = reverse("community:meeting_detail", args=[w.meeting_a.pk])
    action = reverse("community:meeting_minutes", args=[w.meeting_a.pk])
    assert_edit_conflict(
        _client(w.netwerkcoach), _client(w.bureau), url, action=action,
        theirs={"minutes": "Besproken: de planning voor het voorjaar."},
        mine={"minutes": "Afgesproken: iedere school levert een opdracht."},
    )  # fmt: skip
    assert Meeting.objects.get(pk=w.meeting_a.pk).minutes == "Afgesproken: iedere school levert een opdracht."


def test_a_training_edited_in_two_tabs(w):
    url = reverse("community:training_edit", args=[w.training.pk])
    assert_edit_conflict(
        _client(w.bureau), _client(w.bureau), url,
        theirs={"location": "Utrecht, zaal 3"}, mine={"location": "Online via Teams"},
    )  # fmt: skip
    assert Training.objects.get(pk=w.training.pk).location == "Online via Teams"


def test_a_material_edited_in_two_tabs(w):
    url = reverse("community:material_edit", args=[w.material_a.pk])
    assert_edit_conflict(
        _client(w.docent), _client(w.docent), url,
        theirs={"description": "Rubric voor de eindpresentatie."}, mine={"description": "Ook bruikbaar voor pitches."},
    )  # fmt: skip
    assert Material.objects.get(pk=w.material_a.pk).description == "Ook bruikbaar voor pitches."


def test_a_directory_profile_edited_in_two_tabs(w):
    url = reverse("community:profile_edit")
    assert_edit_conflict(
        _client(w.docent), _client(w.docent), url,
        theirs={"subjects": "Techniek, natuurkunde"}, mine={"subjects": "Bouwen, wonen en interieur"},
    )  # fmt: skip
    assert DirectoryProfile.objects.get(user=w.docent).subjects == "Bouwen, wonen en interieur"


def test_a_visit_report_written_by_both_schools(w):
    url = reverse("community:visit_detail", args=[w.visit_scheduled.pk])
    action = reverse("community:visit_report", args=[w.visit_scheduled.pk])
    assert_edit_conflict(
        _client(w.docent), _client(w.docent2), url, action=action,
        theirs={"findings": "Sterke samenwerking met partners.", "agreements": "Terugbezoek in mei."},
        mine={"findings": "Goede begeleiding van teams.", "agreements": "Rubric delen."},
    )  # fmt: skip
    assert ConsultationVisit.objects.get(pk=w.visit_scheduled.pk).findings == "Goede begeleiding van teams."


def test_a_quality_reflection_edited_in_two_tabs(w):
    url = reverse("community:cycle_detail", args=[w.cycle_a.pk])
    action = reverse("community:cycle_reflection", args=[w.cycle_a.pk])
    assert_edit_conflict(
        _client(w.coordinator), _client(w.coordinator), url, action=action,
        theirs={"strengths": "Teams werken goed samen."}, mine={"strengths": "Partners zijn betrokken."},
    )  # fmt: skip
    assert QualityCycle.objects.get(pk=w.cycle_a.pk).strengths == "Partners zijn betrokken."


@pytest.mark.parametrize("kind", ["meeting", "cycle"])
def test_an_action_updated_by_two_people_keeps_both_versions_in_words(w, kind):
    """The inline row form is not shown again: the message names both versions."""
    if kind == "meeting":
        action, page = w.action_a, reverse("community:meeting_detail", args=[w.meeting_a.pk])
        post = reverse("community:action_update", args=[action.pk])
        first, second = _client(w.netwerkcoach), _client(w.bureau)
    else:
        action, page = w.cycle_action_a, reverse("community:cycle_detail", args=[w.cycle_a.pk])
        post = reverse("community:cycle_action_update", args=[action.pk])
        first, second = _client(w.coordinator), _client(w.coordinator)
    data_1 = form_data(first.get(page), action=post)
    data_2 = form_data(second.get(page), action=post)
    assert first.post(post, {**data_1, "follow_up": "Offerte aangevraagd."}).status_code == 302
    response = second.post(post, {**data_2, "follow_up": "Gebeld met de partner."}, follow=True)
    text = response.content.decode()
    assert "Offerte aangevraagd." in text and "Gebeld met de partner." in text  # both versions, nothing lost
    action.refresh_from_db()
    assert action.follow_up == "Offerte aangevraagd."
    again = form_data(second.get(page), action=post)  # the page now carries the stored version
    assert second.post(post, {**again, "follow_up": "Gebeld met de partner."}).status_code == 302
    action.refresh_from_db()
    assert action.follow_up == "Gebeld met de partner."
