"""assignments/access.py: the loaders' flags agree with the queryset rules and
the pages built on them."""

import pytest
from django.urls import reverse

from assignments import access, services
from assignments.tests.factories import ChallengeFactory, make_assignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def from_challenge(world):
    """A national assignment of school A made from a challenge of region A:
    school B reads the assignment but cannot see the challenge."""
    challenge = ChallengeFactory(partner=world.partner_org, title="Veilige bouwplaats")
    assignment = make_assignment(
        world.docent, world.school_a, title="Bouwplaatsalarm", status="published", scope="national", challenge=challenge
    )
    return challenge, assignment


def test_an_assignment_links_to_its_challenge_only_for_who_may_open_it(world, client, from_challenge):
    challenge, assignment = from_challenge
    link = reverse("assignments:challenge_detail", args=[challenge.pk])
    for user, sees in [(world.docent, True), (world.partner, True), (world.bureau, True), (world.docent2, False)]:
        client.force_login(user)
        page = client.get(reverse("assignments:detail", args=[assignment.pk]))
        assert page.status_code == 200
        assert (link in page.content.decode()) is sees, user.username
        assert access.load_assignment(user, assignment.pk).sees_challenge is sees
        # Whoever gets the link can follow it.
        assert client.get(link).status_code == (200 if sees else 404)


def test_a_challenges_count_of_assignments_is_the_same_on_the_list_and_its_page(world, client):
    challenge = ChallengeFactory(partner=world.partner_org)
    make_assignment(world.docent, world.school_a, challenge=challenge, title="Concept van A")
    make_assignment(world.docent2, world.school_b, challenge=challenge, title="Concept van B")
    make_assignment(world.docent2, world.school_b, challenge=challenge, status="published", scope="national")
    expected = {"docent": 2, "netwerkcoach": 1, "partner": 3, "bureau": 3}
    for name, count in expected.items():
        client.force_login(world.users[name])
        listed = client.get(reverse("assignments:challenge_list")).context["challenges"]
        on_list = next(c.num_assignments for c in listed if c.pk == challenge.pk)
        on_page = client.get(reverse("assignments:challenge_detail", args=[challenge.pk])).context["assignments"]
        assert on_list == len(on_page) == count, name


def test_network_panel_counts_like_the_challenge_page(world, client):
    challenge = ChallengeFactory(partner=world.partner_org)
    make_assignment(world.docent, world.school_a, challenge=challenge)  # a concept: not for the coach
    make_assignment(world.docent, world.school_a, challenge=challenge, status="published", scope="national")
    client.force_login(world.netwerkcoach)
    page = client.get(reverse("dashboard:home"))
    panels = [p for section in page.context["sections"] for p in section["panels"]]
    panel = next(p for p in panels if p["template"].endswith("network_challenges.html"))
    assert [c.num_assignments for c in panel["challenges"]] == [1]


def test_assignment_flags(world, from_challenge):
    _challenge, assignment = from_challenge
    owner = access.load_assignment(world.docent, assignment.pk)
    assert owner.can_edit and owner.can_publish and not owner.can_adopt and not owner.can_rate
    other = access.load_assignment(world.docent2, assignment.pk)
    assert not other.can_edit and other.can_adopt and list(other.adopt_schools) == [world.school_b]
    assert not other.can_rate  # not viewed yet
    services.record_view(world.docent2, assignment)
    assert access.load_assignment(world.docent2, assignment.pk).can_rate
    partner = access.load_assignment(world.partner, assignment.pk)
    assert not partner.sees_ratings and not partner.can_adopt and not partner.can_edit
    office = access.load_assignment(world.bureau, assignment.pk)
    assert office.sees_ratings and not office.can_edit and not office.can_adopt


def test_challenge_flags_and_responses(world, from_challenge):
    challenge, _assignment = from_challenge
    services.respond_to_challenge(world.docent, challenge, world.school_a, "Klas 3A doet mee.")
    services.respond_to_challenge(world.docent2, challenge, world.school_b, "Wij ook.")
    for user, can_edit, can_respond, responses in [
        (world.partner, True, False, 2),
        (world.bureau, True, False, 2),
        (world.netwerkcoach, False, False, 2),
        (world.docent, False, True, 1),
    ]:
        loaded = access.load_challenge(user, challenge.pk)
        assert (loaded.can_edit, loaded.can_respond, loaded.responses.count()) == (can_edit, can_respond, responses)
    assert access.load_challenge(world.docent, challenge.pk).responding_school == world.school_a
    services.set_challenge_status(world.partner, challenge, "closed")
    closed = access.load_challenge(world.docent, challenge.pk)
    assert not closed.can_respond and not closed.can_turn_into_assignment


def test_page_level_questions(world):
    assert [access.can_use_library(world.users[n]) for n in ("leerling", "docent", "netwerkcoach", "partner")] == [
        False,
        True,
        True,
        True,
    ]
    assert access.can_submit_challenges(world.partner) and not access.can_submit_challenges(world.docent)
    assert access.can_create_assignments(world.coordinator) and not access.can_create_assignments(world.bureau)
    assert access.school_for_new_assignment(world.docent) == world.school_a
    assert access.partner_for_new_challenge(world.partner) == world.partner_org


def test_adoption_is_told_to_the_author_only_while_they_can_open_the_original(world, from_challenge):
    _challenge, original = from_challenge
    assert access.assignment_adopted_recipients(original, actor_id=world.docent2.pk) == [world.docent]
    assert access.assignment_adopted_recipients(original, actor_id=world.docent.pk) == []
    world.docent.role_assignments.all().delete()  # left the school
    world.docent.__dict__.pop("_tm_scope", None)
    original.refresh_from_db()
    assert access.assignment_adopted_recipients(original, actor_id=world.docent2.pk) == []
