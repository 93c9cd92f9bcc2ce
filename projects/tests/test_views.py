"""Focused view tests: choosing, the allocation page, privacy of students
towards partners and each other, uploads, the CSV export and bounded
query counts on the team overview and the workspace."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.testing.forms import form_data
from projects import services
from projects.models import Deliverable, Phase, Team, TeamMembership
from projects.tests.factories import PDF, assignments_a, big_class, make_project, project_a, set_phase

pytestmark = pytest.mark.django_db


def test_student_chooses_and_a_duplicate_is_refused_in_dutch(world, login):
    project = make_project(
        world, school=world.school_a, teacher=world.docent, classes=[world.class_a], assignments=assignments_a(world)
    )
    services.open_choice(world.docent, project)
    pa1, pa2 = project.project_assignments.order_by("order")
    client = login(world.leerling)
    url = reverse("projects:choose", args=[project.pk])
    response = client.post(url, {"rank_1": pa1.pk, "rank_2": pa1.pk, "strengths": ["maken"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze opdracht heb je hierboven al gekozen." in html
    assert 'value="maken" checked' in html.replace('"maken"\n', '"maken" ') or "checked" in html
    response = client.post(url, {"rank_1": pa2.pk, "rank_2": pa1.pk, "strengths": ["maken", "plannen"]})
    assert response.status_code == 302
    participant = project.participants.get(student=world.leerling)
    assert list(participant.preferences.values_list("project_assignment_id", flat=True)) == [pa2.pk, pa1.pk]
    assert participant.strengths == ["maken", "plannen"]
    # The teacher sees who has not chosen yet.
    status = login(world.docent).get(reverse("projects:choice_status", args=[project.pk])).content.decode()
    assert world.classmate.get_full_name() in status.split("Nog niet gekozen")[1].split("</section>")[0]


def test_impossible_allocation_page_explains_in_dutch(world, login):
    class_group, _students = big_class(world, world.school_a, "2Y", 10)
    project = make_project(
        world, school=world.school_a, teacher=world.docent, classes=[class_group], assignments=assignments_a(world)
    )
    project.project_assignments.update(num_teams=1)
    services.open_choice(world.docent, project)
    response = login(world.docent).post(reverse("projects:allocate", args=[project.pk]), {"before_deadline": "yes"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "De indeling kan niet worden gemaakt." in html and "10 leerlingen" in html and "8 plaatsen" in html
    assert "Traceback" not in html and not project.teams.exists()


def test_partner_sees_first_names_and_work_never_grades_or_notes(world, login):
    project_a(world)
    team = world.team_a
    services.save_assessment(world.docent, team, role="coach", scores={"0": 0}, comment="Geheime docentnotitie")
    services.record_conversation(
        world.docent, team, student=world.leerling, date=timezone.localdate(), notes="Gesprek", private_note="Privé!"
    )
    client = login(world.partner)
    html = client.get(reverse("projects:partner_team", args=[team.pk])).content.decode()
    assert world.leerling.first_name in html and "Plan van aanpak" in html
    assert world.leerling.get_full_name() not in html
    assess = client.get(reverse("projects:team_assess", args=[team.pk])).content.decode()
    assert "Geheime docentnotitie" not in assess and "Alle beoordelingen" not in assess
    assert world.leerling.get_full_name() not in assess
    for name in ("team_conversations", "team_reflection", "team_log", "team_peer", "team_detail"):
        assert client.get(reverse(f"projects:{name}", args=[team.pk])).status_code == 403
    listing = client.get(reverse("projects:partner_teams")).content.decode()
    assert team.name in listing and world.leerling.get_full_name() not in listing
    # The partner assesses the product; the coach sees it next to their own.
    url = reverse("projects:team_assess", args=[team.pk])
    page = form_data(client.get(url), having="version")  # the version of the (still empty) assessment
    response = client.post(url, {**page, "c0": "3", "comment": "Top"})
    assert response.status_code == 302
    coach = login(world.docent).get(reverse("projects:team_assess", args=[team.pk])).content.decode()
    assert "Top" in coach and "Geheime docentnotitie" in coach


def test_student_sees_own_conversation_without_private_note(world, login):
    project_a(world)
    team = world.team_a
    services.record_conversation(
        world.docent,
        team,
        student=world.leerling,
        date=timezone.localdate(),
        notes="Over plannen",
        agreements="Elke maandag taken verdelen",
        follow_up_date=timezone.localdate() + datetime.timedelta(days=7),
        private_note="Alleen voor docenten",
    )
    services.record_conversation(world.docent, team, student=world.classmate, date=timezone.localdate(), notes="Ander")
    html = login(world.leerling).get(reverse("projects:team_conversations", args=[team.pk])).content.decode()
    assert "Elke maandag taken verdelen" in html and "Alleen voor docenten" not in html and "Ander" not in html
    staff = login(world.docent).get(reverse("projects:team_conversations", args=[team.pk])).content.decode()
    assert "Alleen voor docenten" in staff


def test_student_cannot_open_another_team_of_the_same_project(world, login):
    project = project_a(world)
    other_student = big_class(world, world.school_a, "3Z", 1)[1][0]
    other = Team.objects.create(
        project=project, project_assignment=world.team_a.project_assignment, number=99, name="X"
    )
    TeamMembership.objects.create(project=project, team=other, student=other_student)
    client = login(world.leerling)
    assert client.get(reverse("projects:team_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("projects:coach_overview", args=[project.pk])).status_code == 403


def test_uploads_are_validated_and_served_protected(world, login, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }
    project_a(world)
    client = login(world.leerling)
    url = reverse("projects:team_deliverables", args=[world.team_a.pk])
    bad = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    response = client.post(url, {"title": "Eindproduct", "kind": "eindproduct", "file": bad})
    assert response.status_code == 422
    assert (
        "komt niet overeen" in response.content.decode()
        or "past niet" in response.content.decode()
        or ("Eindproduct" in response.content.decode())
    )
    assert not Deliverable.objects.filter(title="Eindproduct").exists()
    good = SimpleUploadedFile("../../eind product.pdf", PDF, content_type="application/pdf")
    assert client.post(url, {"title": "Eindproduct", "kind": "eindproduct", "file": good}).status_code == 302
    version = Deliverable.objects.get(title="Eindproduct").versions.get()
    assert version.filename == "eind_product.pdf" and version.file.name.startswith("projects/")
    assert "eind" not in version.file.name  # unguessable storage name
    download = reverse("projects:deliverable_download", args=[world.team_a.pk, version.pk])
    response = client.get(download)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    assert login(world.leerling2).get(download).status_code == 404


def test_results_export_is_excel_friendly(world, login):
    project = project_a(world)
    response = login(world.docent).get(reverse("projects:results_export", args=[project.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="resultaten-')
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffleerlingnummer;naam;klas;team;opdracht")


def test_results_are_set_by_the_teacher(world, login):
    project = project_a(world)
    client = login(world.docent)
    url = reverse("projects:results", args=[project.pk])
    prefix = f"s{world.leerling.pk}"
    response = client.post(url, {f"{prefix}-product_grade": "7,5", f"{prefix}-final_grade": "11"})
    assert response.status_code == 422 and "Sommige cijfers kloppen niet" in response.content.decode()
    page = form_data(client.get(url), having="form_token")  # with each row's version
    response = client.post(
        url,
        {**page, f"{prefix}-product_grade": "7.5", f"{prefix}-process_grade": "6.5", f"{prefix}-final_grade": "7.0"},
    )
    assert response.status_code == 302
    assert str(project.results.get(student=world.leerling).final_grade) == "7.0"


def _grow(world, project, n_teams):
    pa = world.team_a.project_assignment
    for i in range(n_teams):
        team = Team.objects.create(project=project, project_assignment=pa, number=100 + i, name=f"Extra {i}")
        students = big_class(world, world.school_a, f"Q{project.teams.count()}", 3)[1]
        for s in students:
            TeamMembership.objects.create(project=project, team=team, student=s)
            services.create_task(s, team, title="Taak", owner_id=s.pk, due_date=timezone.localdate())
            services.add_log_entry(s, team, text="Log")
            services.post_message(s, team, text="Vraag?", from_coach=False)


def test_team_overview_query_count_is_bounded(world, login, django_assert_max_num_queries):
    project = project_a(world)
    client = login(world.docent)
    url = reverse("projects:coach_overview", args=[project.pk])
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
    _grow(world, project, 6)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.content.decode().count("Extra ") >= 6


@pytest.mark.parametrize("name", ["team_detail", "team_board", "team_log", "team_deliverables", "team_messages"])
def test_workspace_query_counts_are_bounded(world, login, django_assert_max_num_queries, name):
    project_a(world)
    team = world.team_a
    client = login(world.leerling)
    url = reverse(f"projects:{name}", args=[team.pk])
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200
    for i in range(15):
        services.create_task(world.leerling, team, title=f"Taak {i}", owner_id=world.classmate.pk)
        entry = services.add_log_entry(world.classmate, team, text=f"Regel {i}")
        services.give_feedback(world.docent, team, text="Goed", log_entry=entry)
        services.add_deliverable(world.leerling, team, title=f"Versie {i}", kind="werk", url="https://example.nl")
        services.post_message(world.leerling, team, text="Vraag", from_coach=False)
    with django_assert_max_num_queries(22):
        assert client.get(url).status_code == 200


def test_phase_buttons_walk_the_work_process(world, login):
    project_a(world)
    team = world.team_a
    student = login(world.leerling)
    assert student.post(reverse("projects:requirements_submit", args=[team.pk])).status_code == 302
    client = login(world.partner)
    assert (
        client.post(reverse("projects:requirements_review", args=[team.pk]), {"decision": "approve"}).status_code == 302
    )
    student = login(world.leerling)
    assert student.post(reverse("projects:team_phase", args=[team.pk])).status_code == 302
    team.refresh_from_db()
    assert team.phase == Phase.PLANNEN
    # Only the coach decides go/no-go.
    assert student.post(reverse("projects:team_decision", args=[team.pk]), {"decision": "go"}).status_code == 403
    coach = login(world.docent)
    response = coach.post(
        reverse("projects:team_decision", args=[team.pk]),
        {"decision": "nogo", "motivation": "Plan mist", "back_to": ""},
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.phase == Phase.PLANNEN
    html = login(world.leerling).get(reverse("projects:team_detail", args=[team.pk])).content.decode()
    assert "No-go na Plannen" in html and "Plan mist" in html


def test_finished_project_is_read_only_for_students(world, login):
    project = project_a(world)
    set_phase(world.team_a, Phase.TERUGKIJKEN)
    services.finish_project(world.docent, project)
    client = login(world.leerling)
    assert client.get(reverse("projects:team_detail", args=[world.team_a.pk])).status_code == 200
    response = client.post(reverse("projects:team_log", args=[world.team_a.pk]), {"date": "2030-01-01", "text": "x"})
    assert response.status_code == 403
