"""E-mails of the assignment library: a new challenge to the coaches who can
see it, a challenge taken up to the partner, an adoption to the author."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assignments import services
from assignments.access import visible_challenges
from assignments.models import Challenge
from assignments.tests.factories import ChallengeFactory, make_assignment, make_content
from core import mail
from organisation import services as org_services
from organisation.models import PartnerContact
from organisation.roles import Role
from organisation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://techmakers.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE + "/"


def _coach(username, network, **fields):
    user = UserFactory(username=username, **fields)
    org_services.assign_role(user, Role.NETWORK_COACH, network=network)
    return user


def _submit(user, partner, **values):
    values = {
        "title": "Veilig de bouwplaats op",
        "question": "Hoe zorgen we dat bezoekers veilig over de bouwplaats lopen?",
        "partner_offers": ["kickoff", "jury"],
        "timing": "na de voorjaarsvakantie",
        **values,
    }
    return services.submit_challenge(user, partner, **values)


def _recipients(outbox):
    return sorted(address for message in outbox for address in message.to)


# --------------------------------------------------------------------------
# 1. A partner submits a challenge → the coaches of the partner's regions
# --------------------------------------------------------------------------


def test_new_challenge_mails_the_coaches_of_the_partners_regions(world, mailoutbox):
    other_coach = _coach("coach_b", world.network_b)
    challenge = _submit(world.partner, world.partner_org, available_from=datetime.date(2026, 3, 2))

    assert _recipients(mailoutbox) == ["netwerkcoach@example.nl"]
    assert other_coach.email not in _recipients(mailoutbox)
    assert world.partner.email not in _recipients(mailoutbox)
    message = mailoutbox[0]
    assert message.subject == "Nieuwe uitdaging van Bouwbedrijf Van Dijk: Veilig de bouwplaats op"
    link = SITE + reverse("assignments:challenge_detail", args=[challenge.pk])
    assert link in message.body
    assert "bezoekers veilig over de bouwplaats" in message.body
    assert "De partner biedt: kick-off bezoek, jury" in message.body
    assert "Wanneer: na de voorjaarsvakantie" in message.body
    assert "Beschikbaar vanaf 2 maart 2026" in message.body


def test_exactly_the_coaches_who_can_see_the_challenge_are_mailed(world, mailoutbox):
    """The recipients follow access.visible_challenges: a coach of any of
    the partner's regions, no coach of another region, no inactive coach."""
    world.partner_org.networks.add(world.network_b)
    coach_b = _coach("coach_b", world.network_b)
    _coach("coach_inactive", world.network_a, is_active=False)
    _coach("coach_elsewhere", world.network_b).role_assignments.update(network=None, role=Role.OFFICE)
    challenge = _submit(world.partner, world.partner_org)

    mailed = set(_recipients(mailoutbox))
    assert mailed == {"netwerkcoach@example.nl", coach_b.email}
    for user in type(world.partner).objects.all():
        visible = visible_challenges(user).filter(pk=challenge.pk).exists()
        is_coach = user.role_assignments.filter(role=Role.NETWORK_COACH).exists()
        if is_coach:
            assert (user.email in mailed) == visible, user.username


def test_each_coach_gets_one_mail_in_their_own_language(world, mailoutbox):
    english = _coach("coach_en", world.network_a, preferred_language="en")
    _coach("coach_no_mail", world.network_a, email="")
    _submit(world.partner, world.partner_org, title="Safe site")

    assert _recipients(mailoutbox) == sorted(["netwerkcoach@example.nl", english.email])
    assert all(len(m.to) == 1 for m in mailoutbox)
    by_address = {m.to[0]: m for m in mailoutbox}
    assert by_address[english.email].subject == "New challenge from Bouwbedrijf Van Dijk: Safe site"
    assert "The partner offers: kick-off visit, jury" in by_address[english.email].body
    assert by_address["netwerkcoach@example.nl"].subject.startswith("Nieuwe uitdaging van")


def test_the_coach_who_submits_gets_no_mail_about_it(world, mailoutbox):
    org_services.assign_role(world.netwerkcoach, Role.PARTNER, partner=world.partner_org)
    colleague = _coach("coach_a2", world.network_a)
    _submit(world.netwerkcoach, world.partner_org)

    assert _recipients(mailoutbox) == [colleague.email]


def test_no_mail_when_submitting_fails(world, mailoutbox):
    with pytest.raises(PermissionDenied):
        _submit(world.docent, world.partner_org)
    with pytest.raises(ValidationError):
        _submit(world.partner, world.partner_org, leerjaar_min=9)

    assert mailoutbox == []
    assert not Challenge.objects.exists()


# --------------------------------------------------------------------------
# 2. A teacher turns a challenge into an assignment → the partner's contacts
# --------------------------------------------------------------------------


@pytest.fixture
def challenge(world):
    PartnerContact.objects.filter(user=world.partner).update(email="karin@vandijk.nl")
    PartnerContact.objects.create(organisation=world.partner_org, name="Zonder adres")
    PartnerContact.objects.create(organisation=world.partner_org_b, name="Haven", email="info@haven.nl")
    return ChallengeFactory(partner=world.partner_org, created_by=world.partner, title="Veilig de bouwplaats op")


def test_taking_up_a_challenge_mails_the_partner_in_dutch(world, challenge, mailoutbox):
    world.docent.preferred_language = "en"  # the teacher's language does not matter
    world.docent.save(update_fields=["preferred_language"])
    assignment = make_assignment(world.docent, world.school_a, challenge=challenge, title="Bouwplaatsalarm")

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["karin@vandijk.nl"]
    assert message.subject == "Vakcollege De Brug gaat aan de slag met je uitdaging “Veilig de bouwplaats op”"
    assert "Bouwplaatsalarm" in message.body
    assert assignment.title == "Bouwplaatsalarm"
    assert SITE + reverse("assignments:challenge_detail", args=[challenge.pk]) in message.body
    # Never anything about students.
    for student in (world.leerling, world.classmate):
        assert student.first_name not in message.body
    assert "3A" not in message.body


def test_a_contact_without_an_own_address_is_mailed_at_their_login_address(world, mailoutbox):
    # The contact of world.partner has no address of its own; their account has one.
    assert not PartnerContact.objects.get(user=world.partner).email and world.partner.email
    taken = ChallengeFactory(partner=world.partner_org, created_by=world.partner, title="Zonder eigen adres")
    make_assignment(world.docent, world.school_a, challenge=taken)
    assert _recipients(mailoutbox) == [world.partner.email]
    mailoutbox.clear()
    world.partner.is_active = False  # a closed account is not mailed
    world.partner.save(update_fields=["is_active"])
    make_assignment(world.docent, world.school_a, challenge=taken)
    assert mailoutbox == []


def test_the_teacher_who_is_also_a_contact_gets_no_mail_about_their_own_step(world, challenge, mailoutbox):
    PartnerContact.objects.create(organisation=world.partner_org, user=world.docent, name="Docent", email="x@y.nl")
    make_assignment(world.docent, world.school_a, challenge=challenge)

    assert _recipients(mailoutbox) == ["karin@vandijk.nl"]


def test_no_partner_mail_without_a_challenge_or_when_creating_fails(world, challenge, mailoutbox):
    make_assignment(world.docent, world.school_a)
    with pytest.raises(PermissionDenied):
        services.create_assignment(world.docent2, world.school_a, make_content(), challenge=challenge)

    assert mailoutbox == []
    assert not challenge.assignments.exists()


# --------------------------------------------------------------------------
# 3. An assignment is adopted → its author
# --------------------------------------------------------------------------


@pytest.fixture
def original(world):
    return make_assignment(world.docent, world.school_a, title="Bijenhotel", status="published", scope="national")


def test_adoption_mails_the_author(world, original, mailoutbox):
    services.adopt_assignment(world.docent2, original, world.school_b)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["docent@example.nl"]
    assert message.subject == "Maascollege Het Baken heeft je opdracht “Bijenhotel” overgenomen"
    assert SITE + reverse("assignments:detail", args=[original.pk]) in message.body


def test_adoption_mail_follows_the_authors_language(world, original, mailoutbox):
    world.docent.preferred_language = "en"
    world.docent.save(update_fields=["preferred_language"])
    services.adopt_assignment(world.docent2, original, world.school_b)

    assert mailoutbox[0].subject == "Maascollege Het Baken adopted your assignment “Bijenhotel”"
    assert "thank you for sharing it" in mailoutbox[0].body


def test_no_adoption_mail_when_adopting_fails_or_the_author_has_no_address(world, original, mailoutbox):
    with pytest.raises(PermissionDenied):
        services.adopt_assignment(world.docent, original, world.school_a)
    concept = make_assignment(world.docent, world.school_a)
    with pytest.raises(PermissionDenied):
        services.adopt_assignment(world.docent2, concept, world.school_b)
    assert mailoutbox == []

    world.docent.email = ""
    world.docent.save(update_fields=["email"])
    services.adopt_assignment(world.docent2, original, world.school_b)
    assert mailoutbox == []


def test_the_author_adopting_for_another_school_gets_no_mail(world, original, mailoutbox):
    org_services.assign_role(world.docent, Role.TEACHER, school=world.school_b)
    services.adopt_assignment(world.docent, original, world.school_b)

    assert mailoutbox == []


# --------------------------------------------------------------------------
# Demo data: muted
# --------------------------------------------------------------------------


def test_muted_sends_nothing_and_only_inside_the_block(world, original, mailoutbox):
    PartnerContact.objects.filter(user=world.partner).update(email="karin@vandijk.nl")
    with mail.muted():
        challenge = _submit(world.partner, world.partner_org)
        make_assignment(world.docent, world.school_a, challenge=challenge)
        services.adopt_assignment(world.docent2, original, world.school_b)
    assert mailoutbox == []

    _submit(world.partner, world.partner_org)
    assert len(mailoutbox) == 1


def test_the_seeder_runs_muted(monkeypatch):
    """seed_demo is slow; the assignments seeder wraps its work in muted()."""
    from assignments import seed

    seen = []
    monkeypatch.setattr(seed, "_seed_assignments", lambda ctx: seen.append(mail.is_muted()))
    seed.seed_assignments(None)

    assert seen == [True]
    assert mail.is_muted() is False
