"""Two people edit the same assignment or challenge: the second save is
refused with both versions, and what they typed stays in the form."""

import pytest
from django.test import Client
from django.urls import reverse

from assignments.models import Assignment, Challenge
from assignments.tests.factories import ChallengeFactory, make_assignment
from core.testing.forms import assert_edit_conflict
from organisation.models import Level, Sector

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_an_assignment_edited_by_two_teachers_makes_no_silent_version(world):
    assignment = make_assignment(world.docent, world.school_a)
    url = reverse("assignments:edit", args=[assignment.pk])
    response = assert_edit_conflict(
        _client(world.docent), _client(world.coordinator), url,
        theirs={"problem_statement": "Hoe houden we bezoekers buiten de gevarenzone?"},
        mine={"problem_statement": "Ontwerp bebording die ook in het donker werkt."},
    )  # fmt: skip
    assert "Docent Demo" in response.content.decode()
    assignment = Assignment.objects.get(pk=assignment.pk)
    assert assignment.versions.count() == 3  # the first, the docent's and the coordinator's second save
    assert assignment.current_version.problem_statement == "Ontwerp bebording die ook in het donker werkt."


def test_a_challenge_edited_in_two_tabs(world):
    challenge = ChallengeFactory(partner=world.partner_org, created_by=world.partner)
    challenge.sectors.set(Sector.objects.filter(slug="bouw"))
    challenge.levels.set(Level.objects.all()[:1])
    url = reverse("assignments:challenge_edit", args=[challenge.pk])
    assert_edit_conflict(
        _client(world.partner), _client(world.partner), url,
        theirs={"question": "Hoe maken we de steiger veiliger?"}, mine={"question": "Hoe voorkomen we valpartijen?"},
    )  # fmt: skip
    assert Challenge.objects.get(pk=challenge.pk).question == "Hoe voorkomen we valpartijen?"
