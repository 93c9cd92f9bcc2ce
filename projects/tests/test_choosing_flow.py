"""Choosing and allocation as teachers and students meet it (issue 11.1):
a confirm step before the choice deadline naming how many have not chosen,
reminders to the non-choosers (bell and e-mail, once per click), and the
allocation explained per student in plain Dutch, not in costs."""

import datetime

import pytest
from django.urls import reverse

from notifications.models import Notification, OutgoingMail
from projects import services
from projects.models import TeamMembership
from projects.tests.test_services import choosing_project, rank_all

pytestmark = pytest.mark.django_db


def test_allocating_before_the_deadline_asks_for_confirmation(world, login):
    project, students = choosing_project(world, size=9, team_size_min=2, team_size_max=4)
    first = project.participants.get(student=students[0])
    services.submit_choices(students[0], first, list(project.project_assignments.order_by("order")))
    client = login(world.docent)
    url = reverse("projects:allocate", args=[project.pk])
    # The allocation page warns before anyone clicks.
    page = client.get(reverse("projects:allocation", args=[project.pk])).content.decode()
    assert "De keuzeronde loopt nog" in page and "8 van de 9 leerlingen hebben nog niet gekozen." in page
    # The button leads to a confirmation, not to an allocation.
    response = client.post(url)
    html = response.content.decode()
    assert response.status_code == 200 and "Indelen voor de deadline?" in html
    assert "8 van de 9 leerlingen hebben nog niet gekozen." in html
    assert "Toch indelen, 8 leerlingen zonder keuze" in html
    assert not project.teams.exists()
    # Confirmed: the allocation is made.
    response = client.post(url, {"before_deadline": "yes"})
    assert response.status_code == 302 and project.teams.exists()
    project.refresh_from_db()
    assert project.allocation["before_deadline"] is True


def test_after_the_deadline_no_confirmation_is_needed(world, login, time_machine):
    project, _students = choosing_project(world, size=8, team_size_min=2, team_size_max=4)
    rank_all(project, lambda p, pas: pas)
    assert services.allocation_warning(project, now=project.choice_deadline - datetime.timedelta(minutes=1))
    assert services.allocation_warning(project, now=project.choice_deadline) is None
    time_machine.move_to(project.choice_deadline + datetime.timedelta(hours=1))
    response = login(world.docent).post(reverse("projects:allocate", args=[project.pk]))
    assert response.status_code == 302 and project.teams.exists()


def test_the_teacher_reminds_who_has_not_chosen(world, login, django_capture_on_commit_callbacks):
    project, students = choosing_project(world, size=5)
    chooser = students[0]
    services.submit_choices(
        chooser, project.participants.get(student=chooser), list(project.project_assignments.order_by("order"))
    )
    Notification.objects.all().delete()
    OutgoingMail.objects.all().delete()
    client = login(world.docent)
    status = client.get(reverse("projects:choice_status", args=[project.pk])).content.decode()
    assert "Herinner 4 leerlingen (platform en e-mail)" in status
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("projects:choice_remind", args=[project.pk]), follow=True)
    assert "4 leerlingen hebben een herinnering gekregen, in het platform en per e-mail." in response.content.decode()
    reminded = set(Notification.objects.filter(kind="projects.choice_reminder").values_list("recipient_id", flat=True))
    assert reminded == {s.pk for s in students[1:]}  # never the student who chose, never the teacher
    mails = list(OutgoingMail.objects.values_list("subject", "to"))
    assert len(mails) == 4 and all("Herinnering: kies je opdrachten" in subject for subject, _to in mails)
    assert not any(chooser.email in to for _subject, to in mails)
    # Once per click: a second click is a second reminder, one each.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("projects:choice_remind", args=[project.pk]))
    assert Notification.objects.filter(kind="projects.choice_reminder").count() == 8
    assert "Laatste herinnering" in client.get(reverse("projects:choice_status", args=[project.pk])).content.decode()


def _full_first_choice(world):
    """12 students all want the first assignment most; it has room for 8."""
    project, students = choosing_project(world, size=12, num_teams=2, team_size_min=2, team_size_max=4)
    rank_all(project, lambda p, pas: pas)
    services.run_allocation(world.docent, project, now=project.choice_deadline + datetime.timedelta(hours=1))
    services.publish_allocation(world.docent, project)
    return project, students


def test_the_allocation_explains_itself_to_the_teacher(world, login):
    project, _students = _full_first_choice(world)
    page = login(world.docent).get(reverse("projects:allocation", args=[project.pk])).content.decode()
    assert "kost" not in page  # no costs
    assert page.count("2e keuze, omdat de teams van de 1e keuze (‘Een veilige bouwplaats’) waren vol") == 4
    assert "8 plekken, 12 leerlingen met deze opdracht als 1e keuze" in page
    assert "zoveel mogelijk leerlingen krijgen een van hun eigen keuzes" in page


def test_each_student_reads_why_they_got_their_assignment(world, login):
    project, students = _full_first_choice(world)
    second = TeamMembership.objects.filter(project=project, choice_rank=2).select_related("student", "team").first()
    first = TeamMembership.objects.filter(project=project, choice_rank=1).select_related("student", "team").first()
    page = login(second.student).get(reverse("projects:team_detail", args=[second.team_id])).content.decode()
    assert "Waarom deze opdracht?" in page
    assert (
        "Je kreeg je 2e keuze (‘Een groen schoolplein’), omdat de teams van je 1e keuze (‘Een veilige bouwplaats’) "
        "vol waren: er was plek voor 8 leerlingen en 12 leerlingen hadden deze opdracht als 1e keuze." in page
    )
    assert "eerlijk bepaald" in page
    page = login(first.student).get(reverse("projects:team_detail", args=[first.team_id])).content.decode()
    assert "Je kreeg je 1e keuze: ‘Een veilige bouwplaats’." in page
    # Moved by hand: the explanation says so, not the allocation's reason.
    moved = services.move_student(world.docent, project, first.student, second.team.project_assignment)
    page = login(first.student).get(reverse("projects:team_detail", args=[moved.team_id])).content.decode()
    assert "Je docent heeft je na de indeling in dit team geplaatst" in page
    # The coach sees no "Why this assignment?" meant for students.
    staff = login(world.docent).get(reverse("projects:team_detail", args=[second.team_id])).content.decode()
    assert "Waarom deze opdracht?" not in staff
