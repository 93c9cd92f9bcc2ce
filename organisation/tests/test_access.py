"""The access layer: every persona sees exactly its scope; no role sees nothing."""

import pytest

from organisation.access import get_scope
from organisation.models import ClassGroup, Enrolment, Membership, Network, PartnerOrganisation, School
from organisation.people import students_visible_to
from organisation.services import enrol_student
from organisation.tests.factories import ClassGroupFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_user_without_roles_sees_nothing(world):
    nobody = UserFactory(username="niemand")
    assert not get_scope(nobody)
    for qs in (
        School.objects,
        Network.objects,
        ClassGroup.objects,
        Enrolment.objects,
        PartnerOrganisation.objects,
        Membership.objects,
    ):
        assert not qs.visible_to(nobody).exists()
    assert not students_visible_to(nobody).exists()


def test_inactive_user_sees_nothing(world):
    world.docent.is_active = False
    assert not School.objects.visible_to(world.docent).exists()


def test_teacher_sees_own_school_students_only(world):
    visible = set(students_visible_to(world.docent))
    assert world.leerling in visible and world.classmate in visible
    assert world.leerling2 not in visible
    assert set(ClassGroup.objects.visible_to(world.docent)) == {world.class_a}
    assert set(Enrolment.objects.visible_to(world.docent).values_list("student_id", flat=True)) == {
        world.leerling.pk,
        world.classmate.pk,
    }


def test_student_sees_only_self(world):
    assert list(students_visible_to(world.leerling)) == [world.leerling]
    assert not ClassGroup.objects.visible_to(world.leerling).exists()
    assert set(Enrolment.objects.visible_to(world.leerling).values_list("student_id", flat=True)) == {world.leerling.pk}
    assert set(School.objects.visible_to(world.leerling)) == {world.school_a}


def test_network_coach_sees_network_schools_but_no_students(world):
    other_school_in_network = SchoolFactory(network=world.network_a)
    assert set(School.objects.visible_to(world.netwerkcoach)) == {world.school_a, other_school_in_network}
    assert not students_visible_to(world.netwerkcoach).exists()
    assert not ClassGroup.objects.visible_to(world.netwerkcoach).exists()
    assert set(Membership.objects.visible_to(world.netwerkcoach).values_list("school_id", flat=True)) == {
        world.school_a.pk
    }


def test_partner_sees_own_organisation_and_regional_schools_but_no_students(world):
    assert set(PartnerOrganisation.objects.visible_to(world.partner)) == {world.partner_org}
    assert set(School.objects.visible_to(world.partner)) == {world.school_a}
    assert not students_visible_to(world.partner).exists()
    assert not Enrolment.objects.visible_to(world.partner).exists()
    assert not Membership.objects.visible_to(world.partner).exists()


def test_office_sees_all_schools_but_not_student_rosters(world):
    assert set(School.objects.visible_to(world.bureau)) == {world.school_a, world.school_b}
    assert not students_visible_to(world.bureau).exists()


def test_student_who_moves_school_keeps_history_and_changes_scope(world):
    new_class = ClassGroupFactory(school=world.school_b, school_year=world.year)
    enrol_student(world.leerling, new_class)
    world.leerling.refresh_from_db()
    assert get_scope(world.leerling).student_school_ids == {world.school_b.pk}
    assert world.leerling not in set(students_visible_to(world.docent))
    assert world.leerling in set(students_visible_to(world.docent2))
    assert Enrolment.objects.filter(student=world.leerling).count() == 1  # one per school year: moved, not copied
