"""Focused view tests: adding and reflecting (nothing typed is lost),
drafts, the richtingsgevoel page, the coach pages, the transfer dossier."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portfolio import services
from portfolio.models import CareerConversation, Experience, TransferDossier
from portfolio.tests.factories import ExperienceFactory, domain, reflected
from portfolio.tests.pdftext import pdf_text, pdf_title

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_student(world):
    client = Client()
    client.force_login(world.leerling)
    return client


@pytest.fixture
def as_docent(world):
    client = Client()
    client.force_login(world.docent)
    return client


def version_of(client, url, step=""):
    """The concurrency version of a reflection step as the page shows it (``core.concurrency``)."""
    page = client.get(f"{url}?stap={step}" if step else url).content.decode()
    return re.search(r'name="version" value="([0-9a-f]*)"', page).group(1)


def post_step(client, url, data):
    """Post one reflection step as the browser would: with the version of the page it was typed on."""
    return client.post(url, {**data, "version": version_of(client, url, data.get("step", ""))})


def test_add_experience_validates_in_dutch_and_keeps_input(world, as_student):
    url = reverse("portfolio:experience_add")
    far = (timezone.localdate() + datetime.timedelta(days=800)).isoformat()
    response = as_student.post(url, {"kind": "open_dag", "title": "Open dag ROC", "date": far, "place": "Utrecht"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Kies een datum binnen het komende jaar." in content
    assert 'value="Open dag ROC"' in content and 'value="Utrecht"' in content
    response = as_student.post(
        url, {"kind": "open_dag", "title": "Open dag ROC", "date": timezone.localdate().isoformat(),
              "sectors": [domain("techniek").pk]},
    )  # fmt: skip
    experience = Experience.objects.get(student=world.leerling)
    assert response.status_code == 302 and response.url == reverse("portfolio:reflect", args=[experience.pk])
    assert not experience.is_automatic and experience.reflection is not None


def test_reflect_with_errors_keeps_every_word_and_saves_a_draft(world, as_student):
    experience = ExperienceFactory(student=world.leerling, sectors=["techniek", "zorg-en-welzijn"])
    url = reverse("portfolio:reflect", args=[experience.pk])
    data = {"step": "terugblik", "about_me": "Ik hou van metaal"}
    response = as_student.post(url, data)
    content = response.content.decode()
    assert response.status_code == 422
    assert "Schrijf in een paar woorden wat je deed en wat er gebeurde" in content
    assert "Ik hou van metaal" in content
    response = as_student.post(url, {"step": "sectoren", f"affinity_{domain('techniek').pk}": "5"})
    assert "Geef Zorg en welzijn een score van 1 tot 5." in response.content.decode()
    experience.reflection.refresh_from_db()
    assert experience.reflection.draft["about_me"] == "Ik hou van metaal"
    assert experience.reflection.draft[f"affinity_{domain('techniek').pk}"] == "5"
    assert experience.reflected_at is None
    # Coming back later shows the draft.
    assert "Ik hou van metaal" in as_student.get(url + "?stap=terugblik").content.decode()


def test_valid_reflection_is_handed_in_step_by_step(world, as_student):
    experience = ExperienceFactory(student=world.leerling, sectors=["techniek"], kind="beroepsgesprek")
    experience.reflection.questions = "Wat doe je op een dag?"
    experience.reflection.save()
    url = reverse("portfolio:reflect", args=[experience.pk])
    response = post_step(as_student, url, {
        "step": "terugblik", "what_happened": "Gesprek met een monteur", "answer_0": "Installeren bij klanten",
    })  # fmt: skip
    assert response.status_code == 302 and response.url.endswith("?stap=sectoren")
    response = post_step(as_student, url, {"step": "sectoren", f"affinity_{domain('techniek').pk}": "4"})
    assert response.status_code == 302 and response.url.endswith("?stap=evaluatie")
    experience.refresh_from_db()
    assert experience.reflected_at is not None
    assert experience.reflection.interview == [("Wat doe je op een dag?", "Installeren bij klanten")]
    response = post_step(as_student, url, {"step": "motieven", "motives": ["maken"]})
    assert response.status_code == 302 and "opgeslagen=1" in response.url
    detail = as_student.get(response.url).content.decode()
    assert "Installeren bij klanten" in detail and "Techniek" in detail


def test_future_experience_needs_no_after_part(world, as_student):
    experience = ExperienceFactory(
        student=world.leerling, sectors=["techniek"], date=timezone.localdate() + datetime.timedelta(days=5)
    )
    response = post_step(as_student, reverse("portfolio:reflect", args=[experience.pk]), {"goals": "Voorbereiden"})
    assert response.status_code == 302
    experience.refresh_from_db()
    assert experience.prepared_at is not None and experience.reflected_at is None


def test_draft_autosave_answers_a_dutch_status_and_401_when_logged_out(world, as_student):
    experience = ExperienceFactory(student=world.leerling)
    url = reverse("portfolio:reflect_draft", args=[experience.pk])
    response = as_student.post(url, {"goals": "half af"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Concept opgeslagen om" in response.content.decode()
    experience.reflection.refresh_from_db()
    assert experience.reflection.draft == {"goals": "half af"} and experience.reflection.has_draft
    anonymous = Client().post(url, {"goals": "x"}, headers={"HX-Request": "true"})
    assert anonymous.status_code == 401
    assert "je tekst blijft bewaard op dit apparaat" in anonymous.content.decode()


def test_draft_autosave_drops_nul_which_postgresql_refuses(world, as_student):
    experience = ExperienceFactory(student=world.leerling)
    url = reverse("portfolio:reflect_draft", args=[experience.pk])
    response = as_student.post(url, {"goals": "half\x00 af", "during\x00": "x"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    experience.reflection.refresh_from_db()
    assert experience.reflection.draft == {"goals": "half af"}  # NUL dropped; "during\x00" is no field of the form


def test_automatic_experience_facts_are_read_only(world, as_student):
    experience = ExperienceFactory(student=world.leerling, source_key="projects.teammembership:3")
    assert as_student.get(reverse("portfolio:experience_edit", args=[experience.pk])).status_code == 403
    assert as_student.post(reverse("portfolio:experience_delete", args=[experience.pk])).status_code == 403
    assert as_student.get(reverse("portfolio:reflect", args=[experience.pk])).status_code == 200


def test_richtingsgevoel_page_shows_chart_table_and_explained_suggestions(world, as_student):
    reflected(world.leerling, title="Bouwplaats", scores={"bouw": 5, "techniek": 4}, days_ago=200)
    reflected(world.leerling, title="Zorg", kind="gastles", scores={"zorg-en-welzijn": 2}, days_ago=20)
    content = as_student.get(reverse("portfolio:richtingsgevoel")).content.decode()
    assert 'role="img"' in content and "<table>" in content
    assert "Bouw en infra" in content and "Hoe recenter een ervaring, hoe zwaarder hij telt" in content
    assert "Waarom deze tip?" in content
    assert "Nog niet ontdekt" in content and "Horeca en voeding" in content
    assert "vmbo-profiel" in content  # the student is vmbo-TL: vmbo profiles


def test_coach_records_a_conversation_that_the_student_reads(world, as_docent):
    experience = reflected(world.leerling)
    url = reverse("portfolio:conversation_add", args=[world.leerling.pk])
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    bad = as_docent.post(url, {"date": future, "shared": "Verhaal", "next_step": "Stap"})
    assert "Een gesprek kan niet in de toekomst plaatsvinden." in bad.content.decode()
    assert "Verhaal" in bad.content.decode()
    ok = as_docent.post(url, {"date": timezone.localdate().isoformat(), "experience": experience.pk,
                              "shared": "Verhaal", "feedback": "Goed", "next_step": "Meeloopdag"})  # fmt: skip
    assert ok.status_code == 302
    assert CareerConversation.objects.get().coach == world.docent
    student = Client()
    student.force_login(world.leerling)
    assert "Meeloopdag" in student.get(reverse("portfolio:experience_detail", args=[experience.pk])).content.decode()


def test_coach_class_view_flags_students_without_recent_reflection(world, as_docent):
    long_ago = timezone.now() - datetime.timedelta(days=60)
    reflected(world.leerling, at=long_ago)
    reflected(world.classmate, title="Recent")
    content = as_docent.get(reverse("portfolio:coach_class", args=[world.class_a.pk])).content.decode()
    rows = content.split("<tr")
    leerling_row = next(r for r in rows if world.leerling.get_full_name() in r)
    classmate_row = next(r for r in rows if world.classmate.get_full_name() in r)
    assert "even aansporen" in leerling_row and "pf-quiet" in leerling_row
    assert "even aansporen" not in classmate_row


def test_transfer_dossier_pdf_has_the_name_and_experiences(world, as_student, django_capture_on_commit_callbacks):
    reflected(world.leerling, title="Bedrijfsbezoek Bouwbedrijf Van Dijk", scores={"bouw": 5})
    services.save_transfer_details(world.leerling, chosen_study="Mbo Timmerman niveau 2", motivation="Ik bouw graag",
                                   experience_ids=[], consent=False)  # fmt: skip
    services.save_mentor_advice(world.docent, world.leerling, advice="GEHEIM ADVIES zonder toestemming")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = as_student.post(reverse("portfolio:dossier_generate", args=[world.leerling.pk]))
    assert response.status_code == 302
    assert len(callbacks) == 1  # the PDF is made once the request is committed
    dossier = TransferDossier.objects.get()
    assert dossier.status == "done" and dossier.progress == 100
    status = as_student.get(reverse("portfolio:dossier_status", args=[dossier.pk])).content.decode()
    assert "PDF downloaden" in status and "every 1s" not in status
    download = as_student.get(reverse("portfolio:dossier_download", args=[dossier.pk]))
    assert download["Content-Type"] == "application/pdf"
    data = b"".join(download.streaming_content)
    assert data.startswith(b"%PDF-")
    assert world.leerling.get_full_name() in pdf_title(data)
    text = pdf_text(data)
    assert world.leerling.get_full_name() in text
    assert "Bedrijfsbezoek Bouwbedrijf Van Dijk" in text and "Mbo Timmerman niveau 2" in text
    assert "GEHEIM ADVIES" not in text  # no consent, no mentor advice
    assert "geen toestemming" in text


def test_pending_dossier_polls_and_failed_dossier_says_so(world, as_student):
    pending = TransferDossier.objects.create(student=world.leerling, requested_by=world.leerling)
    status = as_student.get(reverse("portfolio:dossier_status", args=[pending.pk])).content.decode()
    assert 'data-hx-trigger="every 1s"' in status and "<progress" in status
    assert as_student.get(reverse("portfolio:dossier_download", args=[pending.pk])).status_code == 404
    failed = TransferDossier.objects.create(student=world.leerling, status="failed", progress=100)
    assert "Er ging iets mis" in as_student.get(reverse("portfolio:dossier_status", args=[failed.pk])).content.decode()


def test_dashboard_panels_for_student_and_mentor(world):
    reflected(world.leerling, scores={"techniek": 5})
    ExperienceFactory(student=world.leerling, title="Gastles ICT nog reflecteren")
    client = Client()
    client.force_login(world.leerling)
    content = client.get(reverse("dashboard:home")).content.decode()
    assert "Mijn richtingsgevoel" in content and "Gastles ICT nog reflecteren" in content
    client.force_login(world.docent)
    content = client.get(reverse("dashboard:home")).content.decode()
    assert "Mijn mentorklas: reflectie" in content and world.classmate.get_full_name() in content
