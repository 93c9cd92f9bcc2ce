"""The teacher's dashboard reads per mentor class, never one sum over all of them."""

import re

import pytest

from organisation.services import enrol_student
from organisation.tests.factories import ClassGroupFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_mentor_of_two_classes_sees_each_class_on_its_own(client, world):
    second = ClassGroupFactory(
        school=world.school_a, school_year=world.year, name="3B", leerjaar=3, mentor=world.docent
    )
    for _ in range(3):
        enrol_student(UserFactory(), second)
    client.force_login(world.docent)
    page = client.get("/dashboard/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Mijn mentorklassen: reflectie" in text
    assert "Klas 3A" in text and "Klas 3B" in text
    # 3A holds leerling and a classmate, 3B the three new students: no "5 van de 5".
    assert "2 van de 2 leerlingen hebben" in text and "3 van de 3 leerlingen hebben" in text
    assert "van de 5 leerlingen" not in text
