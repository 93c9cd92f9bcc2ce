"""Journeys through the services: consultation, materials, meetings."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from community.models import ConsultationVisit, Material
from community.services import consultation, materials
from community.tests.factories import community, pdf_upload, share
from notifications.models import Notification, OutgoingMail


def test_an_answer_tells_the_asker_and_the_best_answer_the_answerer(world):
    q = consultation.ask_question(world.docent, school=world.school_a, title="Zorgopdracht leerjaar 1?")
    a = consultation.answer_question(world.docent2, q, school=world.school_b, body="Ja, met het ziekenhuis")
    assert Notification.objects.filter(recipient=world.docent, kind="community.answer_posted").exists()
    with pytest.raises(ValidationError):
        consultation.mark_best_answer(world.docent2, q, a)
    consultation.mark_best_answer(world.docent, q, a)
    q.refresh_from_db()
    assert q.best_answer == a and q.answer_count == 1
    assert Notification.objects.filter(recipient=world.docent2, kind="community.best_answer").exists()


def test_the_visit_from_request_to_report(world):
    today = timezone.localdate()
    v = consultation.request_visit(
        world.docent, visitor_school=world.school_a, host_school=world.school_b, focus_question="Presentaties?"
    )
    assert Notification.objects.filter(recipient=world.docent2, kind="community.visit_requested").exists()
    assert OutgoingMail.objects.filter(to__icontains=world.docent2.email).exists() if world.docent2.email else True
    with pytest.raises(ValidationError):
        consultation.propose_date(world.docent2, v, date=today - datetime.timedelta(days=1))
    consultation.propose_date(world.docent2, v, date=today + datetime.timedelta(days=3), message="Graag op dinsdag")
    with pytest.raises(ValidationError):
        consultation.record_visit_report(world.docent, v, findings="x", agreements="y")
    consultation.confirm_visit(world.docent, v)
    with pytest.raises(ValidationError):  # not yet the day
        consultation.record_visit_report(world.docent, v, findings="x", agreements="y")
    consultation.record_visit_report(
        world.docent2, v, findings="Goed", agreements="Terugbezoek", today=today + datetime.timedelta(days=3)
    )
    v.refresh_from_db()
    assert v.status == ConsultationVisit.Status.DONE
    assert Notification.objects.filter(recipient=world.docent, kind="community.visit_reported").exists()


def test_no_visit_to_the_own_school(world):
    with pytest.raises(ValidationError):
        consultation.request_visit(
            world.docent, visitor_school=world.school_a, host_school=world.school_a, focus_question="?"
        )


def test_material_needs_a_file_or_a_link(world):
    with pytest.raises(ValidationError):
        share(world, user=world.docent, school=world.school_a)
    upload = pdf_upload()
    with pytest.raises(ValidationError):
        materials.share_material(
            world.docent,
            school=world.school_a,
            title="x",
            description="",
            kind="rubric",
            sharing_scope="school",
            upload=upload,
            filename=upload.name,
            content_type="application/pdf",
            url="https://e.org",
        )


def test_upload_is_checked_and_the_form_keeps_the_input(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(world.docent)
    bad = SimpleUploadedFile("rubric.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(
        reverse("community:material_create"),
        {"title": "Mijn rubric", "kind": "rubric", "sharing_scope": "network", "upload": bad},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mijn rubric" in page and "past niet bij de extensie" in page


def test_download_is_counted_and_most_used_sorts_first(world, login):
    community(world)
    popular = share(world, user=world.docent, school=world.school_a, title="Populair", upload=pdf_upload())
    client = login(world.docent)
    for _ in range(3):
        assert client.get(reverse("community:material_download", args=[popular.pk])).status_code == 200
    popular.refresh_from_db()
    assert popular.download_count == 3
    page = client.get(reverse("community:material_list"), {"sort": "used"}).content.decode()
    assert page.index("Populair") < page.index("Rubric presenteren")


def test_text_files_preview_as_text(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("reflectie.txt", b"Wat ging goed?\n<b>Wat kan beter?</b>", content_type="text/plain")
    material = share(world, user=world.docent, school=world.school_a, title="Reflectieformulier", upload=upload)
    page = login(world.docent).get(reverse("community:material_detail", args=[material.pk])).content.decode()
    assert "Wat ging goed?" in page and "&lt;b&gt;Wat kan beter?" in page
    assert login(world.docent).get(reverse("community:material_preview", args=[material.pk])).status_code == 404


def test_search_and_tag_filter(world, login):
    share(
        world,
        user=world.docent,
        school=world.school_a,
        title="Planbord leerjaar 1",
        url="https://e.org/p",
        tags="planning",
    )
    share(world, user=world.docent, school=world.school_a, title="Rubric", url="https://e.org/r", tags="presenteren")
    client = login(world.docent)
    assert "Planbord" in client.get(reverse("community:material_list"), {"q": "planborden"}).content.decode()
    page = client.get(reverse("community:material_list"), {"tag": "presenteren"}).content.decode()
    assert "Rubric" in page and "Planbord leerjaar 1" not in page


def test_material_list_query_count_is_bounded(world, login, django_assert_max_num_queries):
    client = login(world.docent)
    share(world, user=world.docent, school=world.school_a, title="M0", url="https://e.org/0", tags="a, b")
    client.get(reverse("community:material_list"))
    with django_assert_max_num_queries(20) as before:
        client.get(reverse("community:material_list"))
    for i in range(6):
        share(
            world,
            user=world.docent,
            school=world.school_a,
            title=f"M{i + 1}",
            url=f"https://e.org/{i + 1}",
            tags=f"t{i}, a",
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("community:material_list"))


def test_removing_material_asks_first(world, login):
    community(world)
    page = login(world.docent).get(reverse("community:material_detail", args=[world.material_a.pk])).content.decode()
    assert "data-confirm" in page
    materials.remove_material(world.docent, world.material_a)
    assert not Material.objects.filter(pk=world.material_a.pk).exists()
