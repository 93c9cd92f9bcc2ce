"""The mentor panel's light query agrees with the full class overview."""

import pytest

from organisation.models import Enrolment
from portfolio import insights
from portfolio.tests.factories import reflected

pytestmark = pytest.mark.django_db


def test_reflection_status_matches_class_overview(world):
    reflected(world.leerling, days_ago=3)
    old = reflected(world.classmate, title="Gastles", kind="gastles", days_ago=80)
    enrolments = Enrolment.objects.filter(class_group=world.class_a)
    light = {r["student_id"]: r for r in insights.reflection_status(enrolments)}
    full = {r["student_id"]: r for r in insights.class_overview(enrolments)}
    assert set(light) == set(full) == {world.leerling.pk, world.classmate.pk}
    for student_id, row in full.items():
        for key in ("name", "url", "last_reflection", "quiet"):
            assert light[student_id][key] == row[key], (student_id, key)
    assert light[world.leerling.pk]["quiet"] is False
    assert light[world.classmate.pk]["last_reflection"] == old.reflected_at


def test_students_without_any_reflection_are_quiet(world):
    rows = insights.reflection_status(Enrolment.objects.filter(class_group=world.class_a))
    assert rows and all(r["quiet"] and r["last_reflection"] is None for r in rows)
