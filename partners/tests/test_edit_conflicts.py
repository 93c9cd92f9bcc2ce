"""Two sessions edit the same offer, partner profile or feedback: the second
save is refused with both versions, and what was typed stays in the form."""

import pytest
from django.test import Client
from django.urls import reverse

from core.testing.forms import assert_edit_conflict
from organisation.models import PartnerOrganisation
from partners.models import Attendance, Feedback, Offer, PartnerProfile
from partners.tests.factories import done_booking_a, offer_a

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_an_offer_edited_by_the_partner_and_the_office(world):
    offer = offer_a(world, title="Rondleiding bouwplaats")
    url = reverse("partners:offer_edit", args=[offer.pk])
    response = assert_edit_conflict(
        _client(world.partner), _client(world.bureau), url,
        theirs={"description": "Kom kijken hoe een huis gebouwd wordt."},
        mine={"description": "Een ochtend meedraaien met de uitvoerder."},
    )  # fmt: skip
    assert Offer.objects.get(pk=offer.pk).description == "Een ochtend meedraaien met de uitvoerder."
    assert b"Rondleiding bouwplaats" in response.content


def test_a_partner_profile_edited_in_two_tabs(world):
    url = reverse("partners:profile_edit", args=[world.partner_org.pk])
    assert_edit_conflict(
        _client(world.partner), _client(world.partner), url,
        theirs={"org-description": "Wij bouwen duurzame woningen.", "profile-for_students": "Kom eens kijken!"},
        mine={"org-description": "Familiebedrijf sinds 1920.", "profile-for_students": "Stage mogelijk."},
    )  # fmt: skip
    assert PartnerOrganisation.objects.get(pk=world.partner_org.pk).description == "Familiebedrijf sinds 1920."
    assert PartnerProfile.objects.get(organisation=world.partner_org).for_students == "Stage mogelijk."


def test_feedback_changed_in_two_tabs(world):
    booking = done_booking_a(world)
    Feedback.objects.create(booking=booking, author=world.docent, author_role="school", rating=4, text="Goed")
    url = reverse("partners:booking_detail", args=[booking.pk])
    action = reverse("partners:booking_feedback", args=[booking.pk])
    assert_edit_conflict(
        _client(world.docent), _client(world.docent), url, action=action,
        theirs={"text": "Heel leerzaam, de leerlingen waren enthousiast."}, mine={"text": "Te kort, graag langer."},
    )  # fmt: skip
    assert Feedback.objects.get(booking=booking, author=world.docent).text == "Te kort, graag langer."


def test_attendance_confirmed_by_two_teachers(world):
    booking = done_booking_a(world)  # leerling marked present
    url = reverse("partners:booking_attendance", args=[booking.pk])
    response = assert_edit_conflict(
        _client(world.docent), _client(world.coordinator), url,
        theirs={"students": [str(world.leerling.pk), str(world.classmate.pk)]},
        mine={"students": [str(world.leerling.pk)], "share_first_names": "on"},
    )  # fmt: skip
    assert world.classmate.first_name in response.content.decode()  # the stored list names the classmate
    booking.refresh_from_db()
    assert booking.share_first_names  # the second teacher's choice, saved once they saw both
    # Attendance only adds: the first teacher's classmate stays marked.
    marked = set(Attendance.objects.filter(booking=booking).values_list("student_id", flat=True))
    assert marked == {world.leerling.pk, world.classmate.pk}
