"""The access layer: every persona sees exactly its scope; no role sees nothing."""

import pytest
from django.http import Http404

from organisation.access import (
    coached_schools,
    editable_partner_organisations,
    get_scope,
    load_class,
    load_network,
    load_partner_organisation,
    load_school,
    load_student,
    own_partner_organisations,
    staffed_schools,
    visible_classes,
    visible_enrolments,
    visible_memberships,
    visible_networks,
    visible_partner_organisations,
    visible_schools,
    visible_students,
)
from organisation.models import Enrolment, School
from organisation.roles import Role
from organisation.services import enrol_student
from organisation.tests.factories import ClassGroupFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_user_without_roles_sees_nothing(world):
    nobody = UserFactory(username="niemand")
    assert not get_scope(nobody)
    for rule in (
        visible_schools,
        visible_networks,
        visible_classes,
        visible_enrolments,
        visible_partner_organisations,
        visible_memberships,
        visible_students,
    ):
        assert not rule(nobody).exists()


def test_inactive_user_sees_nothing(world):
    world.docent.is_active = False
    assert not visible_schools(world.docent).exists()


def test_teacher_sees_own_school_students_only(world):
    visible = set(visible_students(world.docent))
    assert world.leerling in visible and world.classmate in visible
    assert world.leerling2 not in visible
    assert set(visible_classes(world.docent)) == {world.class_a}
    assert set(visible_enrolments(world.docent).values_list("student_id", flat=True)) == {
        world.leerling.pk,
        world.classmate.pk,
    }


def test_student_sees_only_self(world):
    assert list(visible_students(world.leerling)) == [world.leerling]
    assert not visible_classes(world.leerling).exists()
    assert set(visible_enrolments(world.leerling).values_list("student_id", flat=True)) == {world.leerling.pk}
    assert set(visible_schools(world.leerling)) == {world.school_a}


def test_network_coach_sees_network_schools_but_no_students(world):
    other_school_in_network = SchoolFactory(network=world.network_a)
    assert set(visible_schools(world.netwerkcoach)) == {world.school_a, other_school_in_network}
    assert not visible_students(world.netwerkcoach).exists()
    assert not visible_classes(world.netwerkcoach).exists()
    assert set(visible_memberships(world.netwerkcoach).values_list("school_id", flat=True)) == {world.school_a.pk}


def test_partner_sees_own_organisation_and_regional_schools_but_no_students(world):
    assert set(visible_partner_organisations(world.partner)) == {world.partner_org}
    assert set(visible_schools(world.partner)) == {world.school_a}
    assert not visible_students(world.partner).exists()
    assert not visible_enrolments(world.partner).exists()
    assert not visible_memberships(world.partner).exists()


def test_office_sees_all_schools_but_not_student_rosters(world):
    assert set(visible_schools(world.bureau)) == {world.school_a, world.school_b}
    assert not visible_students(world.bureau).exists()


def test_student_who_moves_school_keeps_history_and_changes_scope(world):
    new_class = ClassGroupFactory(school=world.school_b, school_year=world.year)
    enrol_student(world.leerling, new_class)
    world.leerling.refresh_from_db()
    assert get_scope(world.leerling).student_school_ids == {world.school_b.pk}
    assert world.leerling not in set(visible_students(world.docent))
    assert world.leerling in set(visible_students(world.docent2))
    assert Enrolment.objects.filter(student=world.leerling).count() == 1  # one per school year: moved, not copied


def test_staffed_schools_per_role(world):
    assert set(staffed_schools(world.coordinator)) == {world.school_a}
    assert set(staffed_schools(world.coordinator, role=Role.COORDINATOR)) == {world.school_a}
    assert set(staffed_schools(world.docent, role=Role.TEACHER)) == {world.school_a}
    assert not staffed_schools(world.docent, role=Role.COORDINATOR).exists()
    for persona in ("leerling", "netwerkcoach", "partner", "bureau"):
        assert not staffed_schools(world.users[persona]).exists(), persona


def test_coached_schools_are_the_coachs_networks_only(world):
    other_school_in_network = SchoolFactory(network=world.network_a)
    assert set(coached_schools(world.netwerkcoach)) == {world.school_a, other_school_in_network}
    for persona in ("docent", "partner", "bureau"):
        assert not coached_schools(world.users[persona]).exists(), persona


def test_partner_organisations_own_and_editable(world):
    assert set(own_partner_organisations(world.partner)) == {world.partner_org}
    assert set(editable_partner_organisations(world.partner)) == {world.partner_org}
    assert set(editable_partner_organisations(world.bureau)) == {world.partner_org, world.partner_org_b}
    assert not own_partner_organisations(world.bureau).exists()
    assert not editable_partner_organisations(world.docent).exists()
    assert not visible_partner_organisations(world.leerling).exists()


def test_rules_narrow_the_callers_queryset(world):
    mine = visible_schools(world.bureau, School.objects.filter(pk=world.school_b.pk))
    assert list(mine) == [world.school_b]
    assert not visible_schools(world.docent, School.objects.filter(pk=world.school_b.pk)).exists()


@pytest.mark.parametrize(
    ("persona", "is_staff", "sees_membership"),
    [
        ("docent", True, True),
        ("coordinator", True, True),
        ("netwerkcoach", False, True),
        ("bureau", False, True),
        ("leerling", False, False),
        ("partner", False, False),
    ],
)
def test_load_school_says_what_the_user_sees_of_it(world, persona, is_staff, sees_membership):
    access = load_school(world.users[persona], world.school_a.pk)
    assert access.school == world.school_a
    assert access.sees_classes is is_staff and access.sees_staff is is_staff
    assert access.sees_membership is sees_membership
    assert access.membership == (world.school_a.membership if sees_membership else None)


@pytest.mark.parametrize(
    ("loader", "pk", "persona"),
    [
        (load_school, lambda w: w.school_b.pk, "docent"),
        (load_class, lambda w: w.class_a.pk, "leerling"),
        (load_class, lambda w: w.class_a.pk, "netwerkcoach"),
        (load_student, lambda w: w.leerling2.pk, "docent"),
        (load_student, lambda w: w.leerling.pk, "bureau"),
        (load_network, lambda w: w.network_b.pk, "partner"),
        (load_partner_organisation, lambda w: w.partner_org_b.pk, "partner"),
        (load_partner_organisation, lambda w: w.partner_org.pk, "leerling"),
    ],
)
def test_loaders_answer_404_outside_the_rule(world, loader, pk, persona):
    with pytest.raises(Http404):
        loader(world.users[persona], pk(world))


def test_load_student_tells_a_student_from_staff(world):
    own = load_student(world.leerling, world.leerling.pk)
    assert own.is_self and not own.sees_classes
    staff = load_student(world.docent, world.leerling.pk)
    assert staff.student == world.leerling and not staff.is_self and staff.sees_classes


def test_load_class_and_network(world):
    assert load_class(world.docent, world.class_a.pk).class_group == world.class_a
    assert load_network(world.leerling, world.network_a.pk).network == world.network_a


@pytest.mark.parametrize(
    ("persona", "can_edit"), [("partner", True), ("bureau", True), ("docent", False), ("netwerkcoach", False)]
)
def test_load_partner_organisation_says_who_edits_it(world, persona, can_edit):
    access = load_partner_organisation(world.users[persona], world.partner_org.pk)
    assert access.partner == world.partner_org
    assert access.can_edit is can_edit
    assert (world.partner_org in editable_partner_organisations(world.users[persona])) is can_edit


def test_school_page_shows_classes_and_staff_only_to_the_schools_staff(world, login):
    url = f"/scholen/{world.school_a.pk}/"
    html = login(world.docent).get(url).content.decode()
    assert "3A" in html and "Docenten en coördinatoren" in html
    html = login(world.netwerkcoach).get(url).content.decode()
    assert "3A" not in html and "Docenten en coördinatoren" not in html


def test_a_student_sees_their_classes_by_name_without_a_link_they_cannot_open(world, login):
    html = login(world.leerling).get(f"/leerlingen/{world.leerling.pk}/").content.decode()
    assert "3A" in html
    assert f"/klassen/{world.class_a.pk}/" not in html
    html = login(world.docent).get(f"/leerlingen/{world.leerling.pk}/").content.decode()
    assert f"/klassen/{world.class_a.pk}/" in html
