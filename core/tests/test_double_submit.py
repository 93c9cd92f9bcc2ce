"""The creation forms the outside test double-submitted: the same form posted
twice (as a double click sends it) makes one thing, and the repeat gets the
first answer. Each case opens the real page, takes the form as rendered (its
one-time token included), fills it in and posts it twice."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assignments.models import Challenge
from community.models import Question, SchoolNote
from community.tests.factories import community
from core.testing.forms import form_data
from partners.models import Booking
from partners.tests.factories import offer_a
from portfolio.models import CareerConversation, CoachNote, Experience
from projects.models import Conversation, LogEntry, Message, Task
from projects.tests.factories import project_a


@dataclass
class Case:
    persona: str
    page: Callable  # world -> url of the page with the form
    action: Callable  # world -> url the form posts to
    fill: Callable  # world -> values typed
    made: Callable  # world -> queryset of what the form creates


def _day(days):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def _team(w):
    return project_a(w).teams.get(memberships__student=w.leerling)


CASES = {
    "experience": Case(
        "leerling", lambda w: reverse("portfolio:experience_add"), lambda w: reverse("portfolio:experience_add"),
        lambda w: {"kind": "open_dag", "title": "Open dag ROC", "date": _day(-2), "place": "Utrecht"},
        lambda w: Experience.objects.filter(title="Open dag ROC"),
    ),
    "team message": Case(
        "leerling", lambda w: reverse("projects:team_messages", args=[_team(w).pk]),
        lambda w: reverse("projects:team_messages", args=[_team(w).pk]),
        lambda w: {"text": "Wie belt de opdrachtgever?"},
        lambda w: Message.objects.filter(text="Wie belt de opdrachtgever?"),
    ),
    "log entry": Case(
        "leerling", lambda w: reverse("projects:team_log", args=[_team(w).pk]),
        lambda w: reverse("projects:team_log", args=[_team(w).pk]),
        lambda w: {"date": _day(0), "text": "Schetsen gemaakt."},
        lambda w: LogEntry.objects.filter(text="Schetsen gemaakt."),
    ),
    "task": Case(
        "leerling", lambda w: reverse("projects:team_board", args=[_team(w).pk]),
        lambda w: reverse("projects:team_board", args=[_team(w).pk]),
        lambda w: {"title": "Maquette bouwen", "phase": "uitvoeren"},
        lambda w: Task.objects.filter(title="Maquette bouwen"),
    ),
    "team conversation": Case(
        "docent", lambda w: reverse("projects:team_conversations", args=[_team(w).pk]),
        lambda w: reverse("projects:team_conversations", args=[_team(w).pk]),
        lambda w: {"student": str(w.leerling.pk), "date": _day(0), "notes": "Planning besproken."},
        lambda w: Conversation.objects.filter(notes="Planning besproken."),
    ),
    "coach note": Case(
        "docent", lambda w: reverse("portfolio:coach_student", args=[w.leerling.pk]),
        lambda w: reverse("portfolio:note_add", args=[w.leerling.pk]),
        lambda w: {"text": "Let op motivatie."}, lambda w: CoachNote.objects.filter(text="Let op motivatie."),
    ),
    "career conversation": Case(
        "docent", lambda w: reverse("portfolio:conversation_add", args=[w.leerling.pk]),
        lambda w: reverse("portfolio:conversation_add", args=[w.leerling.pk]),
        lambda w: {"date": _day(0), "shared": "Over de open dag.", "next_step": "Meeloopdag plannen."},
        lambda w: CareerConversation.objects.filter(shared="Over de open dag."),
    ),
    "challenge": Case(
        "partner", lambda w: reverse("assignments:challenge_create"), lambda w: reverse("assignments:challenge_create"),
        lambda w: {"title": "Veilige steiger", "question": "Hoe maken we de steiger veiliger?",
                   "why_it_matters": "Ongelukken.", "good_result": "Een prototype.", "timing": "voorjaar"},
        lambda w: Challenge.objects.filter(title="Veilige steiger"),
    ),
    "booking request": Case(
        "docent", lambda w: reverse("partners:booking_create", args=[w.offer.pk]),
        lambda w: reverse("partners:booking_create", args=[w.offer.pk]),
        lambda w: {"class_group": str(w.class_a.pk), "group_size": "20", "preferred_date": _day(20)},
        lambda w: Booking.objects.filter(offer=w.offer),
    ),
    "question": Case(
        "docent", lambda w: reverse("community:question_create"), lambda w: reverse("community:question_create"),
        lambda w: {"title": "Wie heeft een rubric voor presenteren?", "body": "Graag voor leerjaar 3."},
        lambda w: Question.objects.filter(title="Wie heeft een rubric voor presenteren?"),
    ),
    "school note": Case(
        "netwerkcoach", lambda w: reverse("community:school_notes", args=[w.school_a.pk]),
        lambda w: reverse("community:school_notes", args=[w.school_a.pk]),
        lambda w: {"body": "Bezoek gepland met de coördinator."},
        lambda w: SchoolNote.objects.filter(body="Bezoek gepland met de coördinator."),
    ),
}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(CASES))
def test_a_creation_form_posted_twice_makes_one(world, name):
    case = CASES[name]
    community(world)
    world.offer = offer_a(world)
    client = Client()
    client.force_login(world.users[case.persona])
    action = case.action(world)
    data = form_data(client.get(case.page(world)), action=action)
    assert "form_token" in data, f"{name}: the form has no one-time token"
    data.update(case.fill(world))
    before = case.made(world).count()
    first = client.post(action, data)
    assert first.status_code in (200, 302), (name, first.status_code)
    assert case.made(world).count() == before + 1, f"{name}: the first post made nothing ({first.status_code})"
    second = client.post(action, data)
    assert second.status_code == first.status_code
    assert second.get("Location") == first.get("Location")
    assert case.made(world).count() == before + 1, f"{name}: the repeat made a second one"
