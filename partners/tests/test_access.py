"""The rules of partners/access.py, per persona: the querysets, what a loaded
booking lets each side do, who reads which feedback, and who is told of a step."""

import ast
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from partners import access
from partners.models import BookingEvent, BookingStatus, Feedback
from partners.tests.factories import booking_a, booking_b, done_booking_a, offer_a, offer_b

pytestmark = pytest.mark.django_db

SIDES = ("is_school_side", "is_partner_side", "is_onlooker", "is_attendee")


def test_offers_published_to_schools_and_coaches_own_to_partners(world):
    published, hidden, elsewhere = offer_a(world), offer_a(world, is_published=False), offer_b(world)

    def seen(persona):
        return set(access.visible_offers(world.users[persona]))

    assert seen("docent") == seen("netwerkcoach") == {published, elsewhere}
    assert seen("partner") == {published, hidden}
    assert seen("bureau") == {published, hidden, elsewhere}
    assert seen("leerling") == set()
    assert set(access.editable_offers(world.partner)) == {published, hidden}
    assert set(access.editable_offers(world.docent)) == set()


def test_bookings_by_side(world):
    mine, other = booking_a(world), booking_b(world)
    assert set(access.visible_bookings(world.docent)) == {mine}
    assert set(access.visible_bookings(world.netwerkcoach)) == {mine}
    assert set(access.visible_bookings(world.bureau)) == {mine, other}
    assert set(access.visible_bookings(world.leerling)) == set()  # did not attend
    assert set(access.school_side_bookings(world.docent)) == {mine}
    assert set(access.school_side_bookings(world.partner)) == set()
    assert set(access.partner_side_bookings(world.partner)) == {mine}
    assert set(access.partner_side_bookings(world.netwerkcoach)) == set()
    assert set(access.party_bookings(world.docent)) == set(access.party_bookings(world.partner)) == {mine}


def test_loaded_booking_says_who_may_do_what(world):
    booking = booking_a(world)

    def flags(persona):
        loaded = access.load_booking(world.users[persona], booking.pk)
        return {name for name in (*SIDES, "can_accept", "can_accept_proposal", "can_cancel") if getattr(loaded, name)}

    assert flags("partner") == {"is_partner_side", "can_accept", "can_cancel"}
    assert flags("docent") == {"is_school_side", "can_cancel"}
    assert flags("netwerkcoach") == flags("bureau") == {"is_onlooker"}
    with pytest.raises(Http404):
        access.load_booking(world.docent2, booking.pk)
    booking.status = BookingStatus.PROPOSED
    booking.save()
    assert access.load_booking(world.docent, booking.pk).can_accept_proposal


def test_feedback_rule(world):
    """Teacher and attending students give feedback; a student reads only their own."""
    booking = done_booking_a(world)
    assert access.feedback_role(world.docent, booking) == Feedback.Role.TEACHER
    assert access.feedback_role(world.leerling, booking) == Feedback.Role.STUDENT
    assert access.feedback_role(world.classmate, booking) is None
    assert access.feedback_role(world.partner, booking) is None
    own = Feedback.objects.create(booking=booking, author=world.leerling, author_role="leerling", rating=4, text="Ja")
    teacher = Feedback.objects.create(booking=booking, author=world.docent, author_role="docent", rating=5, text="Top")
    loaded = {name: access.load_booking(world.users[name], booking.pk) for name in ("leerling", "partner", "docent")}
    assert loaded["leerling"].feedback == [own]
    assert loaded["leerling"].is_student_view and loaded["leerling"].history == []
    assert set(loaded["partner"].feedback) == set(loaded["docent"].feedback) == {own, teacher}
    assert loaded["leerling"].can_give_feedback and loaded["docent"].can_give_feedback
    assert not loaded["partner"].may_give_feedback
    assert loaded["docent"].sees_student_names and not loaded["partner"].sees_student_names
    assert not loaded["partner"].sees_student_first_names  # the school did not share them
    assert set(access.visible_feedback(world.leerling2)) == set()


def test_page_level_questions(world):
    assert access.can_browse_offers(world.partner) and not access.can_browse_offers(world.leerling)
    assert access.can_request_bookings(world.coordinator) and not access.can_request_bookings(world.netwerkcoach)
    assert access.can_use_calendar(world.partner) and not access.can_use_calendar(world.bureau)
    assert access.sees_only_own_visits(world.leerling) and not access.sees_only_own_visits(world.docent)
    assert access.can_see_coverage(world.netwerkcoach) and not access.can_see_coverage(world.partner)
    assert set(access.coverage_networks(world.netwerkcoach)) == {world.network_a}
    assert set(access.coverage_networks(world.bureau)) >= {world.network_a, world.network_b}
    assert access.home_network_id(world.netwerkcoach) == world.network_a.pk
    assert access.home_network_id(world.docent, access.home_school(world.docent)) == world.school_a.network_id
    with pytest.raises(PermissionDenied):
        access.require(False)


def test_who_is_told_of_each_step():
    kinds = BookingEvent.Kind
    assert access.told_sides(kinds.REQUESTED, access.SCHOOL) == [access.PARTNER]
    assert access.told_sides(kinds.ACCEPTED, access.PARTNER) == [access.SCHOOL, access.PARTNER]
    assert access.told_sides(kinds.PROPOSED, access.PARTNER) == [access.SCHOOL]
    assert access.told_sides(kinds.CANCELLED, access.SCHOOL) == [access.PARTNER]
    assert access.told_sides(kinds.CANCELLED, access.PARTNER) == [access.SCHOOL]
    assert access.told_sides(kinds.ATTENDANCE, access.SCHOOL) == [access.PARTNER]


def test_a_teacher_who_left_the_school_is_not_mailed(world):
    from organisation.models import PartnerContact, RoleAssignment

    PartnerContact.objects.filter(user=world.partner).update(email="karin@vandijk.nl")
    booking = booking_a(world)
    event = BookingEvent.objects.create(booking=booking, kind=BookingEvent.Kind.ACCEPTED, actor=world.partner)

    def told():
        fresh = BookingEvent.objects.select_related("booking__requested_by").get(pk=event.pk)
        return [(r.side, r.addresses) for r in access.booking_step_recipients(fresh)]

    assert told() == [("school", [world.docent.email]), ("partner", ["karin@vandijk.nl"])]
    RoleAssignment.objects.filter(user=world.docent).delete()
    assert told() == [("partner", ["karin@vandijk.nl"])]


def test_notifications_never_import_the_services():
    """services -> notifications only: the mail task loads what it needs from models and access."""
    tree = ast.parse((Path(__file__).resolve().parents[1] / "notifications.py").read_text())
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    assert "partners.services" not in imported
    assert not any(
        alias.name == "services" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for alias in node.names
    )
