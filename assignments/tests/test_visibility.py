"""Scope visibility: who sees which assignment and challenge."""

import pytest

from assignments.access import editable_assignments, editable_challenges, visible_assignments, visible_challenges
from assignments.models import Assignment
from assignments.tests.factories import ChallengeFactory, make_assignment

pytestmark = pytest.mark.django_db


def visible(user):
    return set(visible_assignments(user).values_list("title", flat=True))


@pytest.fixture
def library(world):
    d, d2, a, b = world.docent, world.docent2, world.school_a, world.school_b
    return {
        "concept_a": make_assignment(d, a, title="concept A"),
        "school_a": make_assignment(d, a, title="school A", status="published", scope="school"),
        "network_a": make_assignment(d, a, title="network A", status="published", scope="network"),
        "national_b": make_assignment(d2, b, title="national B", status="published", scope="national"),
        "archived_b": make_assignment(d2, b, title="archived B", status="archived", scope="national"),
        "concept_b_national": make_assignment(d2, b, title="concept B"),
    }


def test_teacher_sees_own_school_everything_and_shared_of_others(world, library):
    assert visible(world.docent) == {"concept A", "school A", "network A", "national B", "archived B"}
    assert visible(world.docent2) == {"national B", "archived B", "concept B"}


def test_concept_of_school_a_is_invisible_to_school_b_even_if_scope_would_allow(world, library):
    concept = library["concept_a"]
    Assignment.objects.filter(pk=concept.pk).update(sharing_scope="national")
    assert "concept A" not in visible(world.docent2)
    assert "concept A" not in visible(world.netwerkcoach)


def test_network_scope_reaches_other_schools_of_the_network_only(world, library):
    from organisation.models import RoleAssignment
    from organisation.roles import Role
    from organisation.tests.factories import SchoolFactory, UserFactory

    neighbour = SchoolFactory(network=world.network_a)
    teacher = UserFactory()
    RoleAssignment.objects.create(user=teacher, role=Role.TEACHER, school=neighbour)
    assert visible(teacher) == {"network A", "national B", "archived B"}


def test_coach_office_students_and_partners(world, library):
    assert visible(world.netwerkcoach) == {"network A", "national B", "archived B"}
    assert visible(world.bureau) == {a.title for a in library.values()}
    assert visible(world.leerling) == set()
    assert visible(world.partner) == set()


def test_partner_sees_assignments_made_from_own_challenges(world, library):
    challenge = ChallengeFactory(partner=world.partner_org)
    make_assignment(world.docent2, world.school_b, title="from challenge", challenge=challenge)
    make_assignment(world.docent2, world.school_b, title="for client", client=world.partner_org)
    assert visible(world.partner) == {"from challenge", "for client"}


def test_library_lists_published_only(world, library):
    titles = set(visible_assignments(world.docent).in_library().values_list("title", flat=True))
    assert titles == {"school A", "network A", "national B"}


def test_editable_by_owner_school_staff_only(world, library):
    editable = set(editable_assignments(world.coordinator).values_list("title", flat=True))
    assert editable == {"concept A", "school A", "network A"}
    assert not editable_assignments(world.bureau).exists()
    assert not editable_assignments(world.netwerkcoach).exists()


def test_challenge_visibility_follows_partner_regions(world):
    a = ChallengeFactory(partner=world.partner_org, title="A")
    b = ChallengeFactory(partner=world.partner_org_b, title="B")

    def seen(user):
        return set(visible_challenges(user).values_list("title", flat=True))

    assert seen(world.partner) == {"A"}
    assert seen(world.docent) == {"A"}
    assert seen(world.docent2) == {"B"}
    assert seen(world.netwerkcoach) == {"A"}
    assert seen(world.bureau) == {"A", "B"}
    assert seen(world.leerling) == set()
    assert set(editable_challenges(world.partner)) == {a}
    assert b not in editable_challenges(world.docent2)
