"""Bounded queries: the coach's class view, the student's richtingsgevoel and
portfolio pages cost the same number of queries for 5 or 40 students and for
2 or 12 experiences each; and the at-a-glance summary of the class view gives
exactly the numbers of the full computation."""

import datetime
import random

import pytest
from django.test import Client
from django.urls import reverse

from portfolio import insights, profile
from portfolio.tests.bulk import add_history, fill_class

pytestmark = pytest.mark.django_db

COACH_CLASS_MAX = 10
STUDENT_PAGE_MAX = 12


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("students", "per_student"), [(5, 2), (30, 12), (40, 12)])
def test_coach_class_view_queries_do_not_grow(world, django_assert_max_num_queries, students, per_student):
    members = fill_class(world.class_a, students)
    add_history(members + [world.leerling], per_student=per_student, coach=world.docent)
    client = client_for(world.docent)
    url = reverse("portfolio:coach_class", args=[world.class_a.pk])
    with django_assert_max_num_queries(COACH_CLASS_MAX):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('scope="row"') == students + 2  # + leerling and classmate


@pytest.mark.parametrize("per_student", [2, 24])
def test_student_pages_queries_do_not_grow(world, django_assert_max_num_queries, per_student):
    add_history([world.leerling], per_student=per_student, coach=world.docent)
    client = client_for(world.leerling)
    for name in ["portfolio:richtingsgevoel", "portfolio:home", "portfolio:qualities"]:
        with django_assert_max_num_queries(STUDENT_PAGE_MAX):
            assert client.get(reverse(name)).status_code == 200
    coach = client_for(world.docent)
    # The coach's page of one student reads more (notes, conversations, advice); +1 for the header's bell.
    with django_assert_max_num_queries(STUDENT_PAGE_MAX + 5):
        assert coach.get(reverse("portfolio:coach_student", args=[world.leerling.pk])).status_code == 200


def test_glance_equals_the_full_computation():
    rng = random.Random(3)
    tax = insights.taxonomy()
    domains = list(tax.domains)
    today = datetime.date(2026, 11, 25)
    for _ in range(200):
        inputs = [
            profile.ExperienceInput(
                date=today - datetime.timedelta(days=rng.randint(0, 800)),
                kind=rng.choice(profile.KINDS),
                sectors=tuple(rng.sample(domains, rng.randint(0, 3))),
                affinity={d: rng.randint(1, 5) for d in rng.sample(domains, rng.randint(0, 3))},
            )
            for _ in range(rng.randint(0, 14))
        ]
        kind = rng.choice([None, profile.VMBO_PROFILE, profile.HAVO_PROFILE])
        full = profile.compute_richtingsgevoel(inputs, tax, today, profile_kind=kind)
        quick = insights.glance(inputs, today, profile_kind=kind)
        scored = [a for a in full.affinity if a.mean is not None][:3]
        assert [t["domain"] for t in quick["top"]] == [a.domain for a in scored]
        assert [round(t["mean"], 9) for t in quick["top"]] == [round(a.mean, 9) for a in scored]
        best = full.profiles[0] if full.profiles and full.profiles[0].score is not None else None
        assert (quick["top_profile"].slug if quick["top_profile"] else None) == (best.profile if best else None)
        assert quick["num_unexplored"] == len(full.unexplored)
