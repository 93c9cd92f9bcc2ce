"""Recording experiences (the signal contract), reflections and affinities,
teammates and qualities."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.signals import ExperienceHappened, experience_happened
from portfolio import access, services
from portfolio.models import Experience, QualityEndorsement, SectorAffinity
from portfolio.tests.factories import ExperienceFactory, domain, reflected

pytestmark = pytest.mark.django_db


def send(world, **overrides):
    kwargs = dict(
        student=world.leerling,
        source_key="partners.attendance:17",
        kind="bedrijfsbezoek",
        title="Bedrijfsbezoek Bouwbedrijf Van Dijk",
        date=datetime.date(2026, 3, 12),
        sector_slugs=["bouw", "vmbo-pie"],
        partner_id=world.partner_org.pk,
        details={"partner": "Bouwbedrijf Van Dijk", "booking_id": 5},
    )
    kwargs.update(overrides)
    return experience_happened.send_robust(sender=object, experience=ExperienceHappened(**kwargs))


def test_signal_records_experience_idempotently_and_keeps_the_reflection(world):
    send(world)
    experience = Experience.objects.get(student=world.leerling)
    assert experience.is_automatic and experience.partner == world.partner_org
    # Profiles are expanded to the domains they open; domains stay as they are.
    assert sorted(experience.sectors.values_list("slug", flat=True)) == ["bouw", "techniek"]
    services.submit_reflection(
        world.leerling, experience, texts={"what_happened": "Gezien"}, qualities=[], motives=[],
        affinities={domain("bouw"): 5},
    )  # fmt: skip
    send(world, title="Bedrijfsbezoek Van Dijk (verplaatst)", date=datetime.date(2026, 3, 19))
    assert Experience.objects.filter(student=world.leerling).count() == 1
    experience.refresh_from_db()
    assert experience.title == "Bedrijfsbezoek Van Dijk (verplaatst)"
    assert experience.reflection.what_happened == "Gezien"
    assert SectorAffinity.objects.get(experience=experience).score == 5


def test_receiver_never_fails_the_sender(world):
    results = send(world, kind="unknown-kind")
    assert results and results[0][1] is None  # recorded nothing, raised nothing
    assert not Experience.objects.exists()
    # The sender's transaction is still usable afterwards.
    send(world)
    assert Experience.objects.count() == 1


def test_submit_replaces_affinities_and_sets_reflected_at(world):
    experience = ExperienceFactory(student=world.leerling, sectors=["techniek", "zorg-en-welzijn"])
    services.submit_reflection(
        world.leerling, experience, texts={"what_happened": "x"}, qualities=["creatief", "nonsense"],
        motives=["maken"], affinities={domain("techniek"): 4, domain("zorg-en-welzijn"): 2},
    )  # fmt: skip
    services.submit_reflection(
        world.leerling, experience, texts={"what_happened": "y"}, qualities=["creatief"], motives=[],
        affinities={domain("techniek"): 5},
    )  # fmt: skip
    experience.refresh_from_db()
    assert experience.reflected_at is not None
    assert list(experience.affinities.values_list("sector__slug", "score")) == [("techniek", 5)]
    assert experience.reflection.qualities == ["creatief"]
    assert experience.reflection.draft == {}


def test_only_the_student_writes_in_their_portfolio(world):
    experience = ExperienceFactory(student=world.leerling)
    with pytest.raises(PermissionDenied):
        services.save_reflection_draft(world.docent, experience, {"goals": "x"})
    with pytest.raises(PermissionDenied):
        services.delete_experience(world.leerling2, experience)


def test_editing_an_experience_drops_scores_for_sectors_no_longer_touched(world):
    experience = reflected(world.leerling, scores={"techniek": 4, "bouw": 3})
    services.update_experience(
        world.leerling, experience, kind="open_dag", title="Open dag", date=experience.date,
        sectors=[domain("techniek")],
    )  # fmt: skip
    assert list(experience.affinities.values_list("sector__slug", flat=True)) == ["techniek"]


def test_teammates_give_qualities_and_outsiders_cannot(world):
    details = {"team_id": 7}
    today = timezone.localdate()
    mine = services.record_experience(
        student=world.leerling, source_key="projects.teammembership:1", kind="project", title="Tiny house",
        date=today, details=details,
    )  # fmt: skip
    theirs = services.record_experience(
        student=world.classmate, source_key="projects.teammembership:2", kind="project", title="Tiny house",
        date=today, details=details,
    )  # fmt: skip
    assert access.teammates(mine) == [world.classmate]
    services.endorse_qualities(world.classmate, world.leerling, ["creatief", "leider", "doorzetter", "rustig"],
                               experience=theirs)  # fmt: skip
    given = QualityEndorsement.objects.filter(student=world.leerling)
    assert sorted(given.values_list("quality", flat=True)) == ["creatief", "doorzetter", "leider"]  # at most 3
    assert {e.experience_id for e in given} == {mine.pk}  # lands on the student's own experience
    assert {e.role for e in given} == {"teamgenoot"}
    # Giving again replaces the earlier choice.
    services.endorse_qualities(world.classmate, world.leerling, ["luisteraar"], experience=theirs)
    assert list(given.values_list("quality", flat=True)) == ["luisteraar"]
    with pytest.raises(PermissionDenied):  # not a teammate, not a coach
        services.endorse_qualities(world.leerling2, world.leerling, ["creatief"])
    services.endorse_qualities(world.docent, world.leerling, ["nauwkeurig"])
    assert QualityEndorsement.objects.get(given_by=world.docent).role == "coach"


def test_coach_services_require_the_students_current_school(world):
    with pytest.raises(PermissionDenied):
        services.add_coach_note(world.docent2, world.leerling, text="x")
    with pytest.raises(PermissionDenied):
        services.add_conversation(world.docent2, world.leerling, date=timezone.localdate(), shared="x", next_step="y")
    with pytest.raises(PermissionDenied):
        services.request_transfer_dossier(world.partner, world.leerling)


def test_consent_is_recorded_with_its_moment(world):
    details = services.save_transfer_details(
        world.leerling, chosen_study="mbo ICT", motivation="Omdat", experience_ids=[], consent=True
    )
    assert details.consent and details.consent_at is not None
    details = services.save_transfer_details(
        world.leerling, chosen_study="mbo ICT", motivation="Omdat", experience_ids=[], consent=False
    )
    assert not details.consent and details.consent_at is None
