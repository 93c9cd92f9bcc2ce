"""The portfolio's access module: what each loader says a user may do, and
the single-object rules the services ask (the permission matrix and
test_privacy.py walk the pages)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from portfolio import access, services
from portfolio.models import QualityEndorsement, TransferDetails, TransferDossier
from portfolio.tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_student_may_change_what_they_added_and_reflect_on_everything(world):
    own = access.load_experience(world.leerling, f.experience_a(world).pk)
    assert own.is_own and own.can_edit and own.can_delete and own.can_reflect and own.sees_draft
    assert not own.can_record_conversation
    automatic = access.load_experience(world.leerling, f.team_project_a(world).pk)
    assert automatic.can_reflect and automatic.can_give_teammates_qualities
    assert not automatic.can_edit and not automatic.can_delete


@pytest.mark.parametrize("persona", ["docent", "coordinator"])
def test_a_coach_reads_and_records_conversations_but_does_not_write_the_portfolio(world, persona):
    seen = access.load_experience(getattr(world, persona), f.experience_a(world).pk)
    assert seen.is_coach and seen.can_record_conversation
    assert not (seen.is_own or seen.can_edit or seen.can_delete or seen.can_reflect or seen.sees_draft)


@pytest.mark.parametrize("persona", ["leerling2", "docent2", "netwerkcoach", "partner", "bureau", "classmate"])
def test_outsiders_load_nothing(world, persona):
    user = getattr(world, persona)
    with pytest.raises(Http404):
        access.load_experience(user, f.experience_a(world).pk)
    with pytest.raises(Http404):
        access.load_coached_student(user, world.leerling.pk)
    with pytest.raises(Http404):
        access.load_dossier(user, f.dossier_a(world).pk)
    with pytest.raises(Http404):
        access.load_dossier_student(user, world.leerling.pk)


def test_a_coach_opens_the_student_with_every_coach_action(world):
    loaded = access.load_coached_student(world.docent, world.leerling.pk)
    assert loaded.student == world.leerling
    assert all(
        [loaded.sees_private_notes, loaded.can_add_note, loaded.can_add_conversation, loaded.can_endorse,
         loaded.can_give_advice, loaded.can_make_dossier]
    )  # fmt: skip


def test_a_dossier_is_made_by_the_student_or_a_coach(world):
    own = access.load_dossier_student(world.leerling, world.leerling.pk)
    assert own.is_own and own.can_make_dossier and not own.sees_private_notes
    assert access.load_dossier_student(world.docent, world.leerling.pk).can_make_dossier
    with pytest.raises(Http404):  # a teacher has no portfolio of their own
        access.load_dossier_student(world.docent, world.docent.pk)
    assert not access.may_make_dossier(world.classmate, world.leerling)
    with pytest.raises(PermissionDenied):
        services.request_transfer_dossier(world.docent2, world.leerling)


def test_a_dossier_is_downloadable_once_its_file_is_there(world):
    pending = TransferDossier.objects.create(student=world.leerling, requested_by=world.leerling)
    assert access.load_dossier(world.docent, pending.pk) == pending
    with pytest.raises(Http404):
        access.load_dossier(world.docent, pending.pk, for_download=True)
    done = f.dossier_a(world)
    assert access.load_dossier(world.docent, done.pk, for_download=True) == done


def test_transfer_details_for_the_student_and_their_coaches(world):
    services.save_transfer_details(world.leerling, chosen_study="Mbo", motivation="", experience_ids=[], consent=True)
    for persona in ["leerling", "docent", "coordinator"]:
        assert access.visible_transfer_details(getattr(world, persona)).count() == 1, persona
    for persona in ["leerling2", "docent2", "netwerkcoach", "partner", "bureau", "classmate"]:
        assert not access.visible_transfer_details(getattr(world, persona)).exists(), persona


def test_the_mentor_advice_goes_along_only_with_consent():
    assert not access.mentor_advice_goes_along(None)
    assert not access.mentor_advice_goes_along(TransferDetails(mentor_advice="Doe techniek", consent=False))
    assert not access.mentor_advice_goes_along(TransferDetails(mentor_advice="", consent=True))
    assert access.mentor_advice_goes_along(TransferDetails(mentor_advice="Doe techniek", consent=True))


def test_who_gives_qualities_as_what(world):
    project = f.team_project_a(world)
    assert access.endorsement_role(world.docent, world.leerling) == QualityEndorsement.Role.COACH
    assert access.endorsement_role(world.leerling, world.classmate, project) == QualityEndorsement.Role.PEER
    assert access.endorsement_role(world.leerling, world.classmate) is None  # not without the shared project
    assert access.endorsement_role(world.leerling, world.leerling, project) is None  # never oneself
    assert access.endorsement_role(world.docent2, world.leerling) is None  # another school


def test_the_class_lists_only_students_the_coach_still_coaches(world):
    loaded = access.load_coached_class(world.docent, world.class_a.pk)
    assert set(loaded.enrolments.values_list("student__username", flat=True)) == {"leerling", "klasgenoot"}
    with pytest.raises(Http404):
        access.load_coached_class(world.docent2, world.class_a.pk)
    with pytest.raises(Http404):
        access.load_coached_class(world.leerling, world.class_a.pk)
