"""List pages and panels run a bounded number of queries."""

import pytest
from django.urls import reverse

from assignments import services
from assignments.tests.factories import ChallengeFactory, make_assignment

pytestmark = pytest.mark.django_db


def _grow(world, n):
    challenge = ChallengeFactory(partner=world.partner_org)
    for i in range(n):
        a = make_assignment(world.docent2, world.school_b, title=f"Bouw {i}", status="published", scope="national",
                            challenge=challenge)  # fmt: skip
        services.adopt_assignment(world.docent, a, world.school_a)


@pytest.mark.parametrize(
    ("user", "url"),
    [
        ("docent", reverse("assignments:library")),
        (
            "docent",
            reverse("assignments:library") + "?q=bouw&level=vmbo-tl&sector=bouw&competency=ontwerpen&sort=rating",
        ),
        ("docent", reverse("assignments:mine")),
        ("partner", reverse("assignments:challenge_list")),
        ("docent", reverse("dashboard:home")),
        ("partner", reverse("dashboard:home")),
        ("netwerkcoach", reverse("dashboard:home")),
    ],
)
def test_query_count_does_not_grow_with_rows(world, client, django_assert_max_num_queries, user, url):
    client.force_login(world.users[user])
    _grow(world, 2)
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    _grow(world, 8)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
