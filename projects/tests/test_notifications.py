"""Where someone must act in a project, they are told: in the bell and by
e-mail (issue 11.6). Each trigger, the idempotent scheduled reminders, and
the project moments in the iCalendar feeds."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from icalendar import Calendar

from notifications.models import Notification, OutgoingMail
from partners import services as partner_services
from projects import services
from projects.models import Phase, Project, SentNotice
from projects.tests.factories import assignments_a, big_class, make_project, project_a, project_b, set_phase

pytestmark = pytest.mark.django_db


def told(kind):
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def subjects():
    return [subject for subject in OutgoingMail.objects.values_list("subject", flat=True)]


def test_choosing_opened_tells_every_student(world, django_capture_on_commit_callbacks):
    class_group, students = big_class(world, world.school_a, "2K", 3)
    project = make_project(
        world, school=world.school_a, teacher=world.docent, classes=[class_group], assignments=assignments_a(world)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.open_choice(world.docent, project)
    assert told("projects.choice_opened") == {s.username for s in students}
    note = Notification.objects.filter(kind="projects.choice_opened").first()
    assert note.url == reverse("projects:choose", args=[project.pk])
    assert note.title == "Kies je opdrachten voor ‘Project De Slimme Stad’"
    assert subjects().count("Kies je opdrachten voor Project De Slimme Stad") == 3


def test_the_choice_deadline_reminder_goes_out_once(world, time_machine, django_capture_on_commit_callbacks):
    class_group, students = big_class(world, world.school_a, "2L", 4)
    project = make_project(
        world, school=world.school_a, teacher=world.docent, classes=[class_group], assignments=assignments_a(world)
    )
    services.open_choice(world.docent, project)
    services.submit_choices(
        students[0], project.participants.get(student=students[0]), list(project.project_assignments.all())
    )
    deadline = project.choice_deadline
    time_machine.move_to(deadline - datetime.timedelta(hours=72))  # too early
    call_command("send_project_reminders", stdout=open("/dev/null", "w"))
    assert not told("projects.choice_deadline_near")
    time_machine.move_to(deadline - datetime.timedelta(hours=20))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_project_reminders", stdout=open("/dev/null", "w"))
    assert told("projects.choice_deadline_near") == {s.username for s in students[1:]}
    notice = SentNotice.objects.get(kind="projects.choice_deadline_near")
    assert notice.project == project and notice.recipients == 3
    assert len([s for s in subjects() if s.startswith("Herinnering: kies je opdrachten")]) == 3
    # Run again (cron every hour): nothing is sent twice.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_project_reminders", stdout=open("/dev/null", "w"))
    assert Notification.objects.filter(kind="projects.choice_deadline_near").count() == 3
    assert SentNotice.objects.count() == 1


def test_publishing_tells_each_member_their_team(world):
    project = project_a(world)
    notes = Notification.objects.filter(kind="projects.teams_published")
    assert {n.recipient.username for n in notes} == {"leerling", "klasgenoot"}
    note = notes.get(recipient=world.leerling)
    assert note.url.startswith(reverse("projects:team_detail", args=[world.team_a.pk]))
    assert "Je team is bekend" in note.title and project.published_at


def test_go_no_go_and_feedback_tell_the_team(world, django_capture_on_commit_callbacks):
    project_a(world)
    team = set_phase(world.team_a, Phase.PLANNEN)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_go(world.docent, team, decision="nogo", motivation="Het plan mist een planning.")
    mail = OutgoingMail.objects.get(subject=f"No-go voor {team.name} na Plannen", to__icontains=world.leerling.email)
    assert "Het plan mist een planning." in mail.body and "terug naar Plannen" in mail.body
    assert told("projects.go_decision") == {"leerling", "klasgenoot"}
    assert (
        Notification.objects.filter(kind="projects.go_decision").first().title
        == f"No-go voor {team.name} na Plannen: lees waarom"
    )
    services.give_feedback(world.docent, team, text="Goed begin!", deliverable=world.deliverable_a)
    note = Notification.objects.filter(kind="projects.feedback", recipient=world.leerling).get()
    assert note.url == reverse("projects:deliverable_detail", args=[team.pk, world.deliverable_a.pk])
    assert "Plan van aanpak" in note.title
    assert not Notification.objects.filter(kind="projects.feedback", recipient=world.docent).exists()


def test_a_phase_deadline_near_tells_the_team_once(world):
    project = project_a(world)  # the Planning deadline is in two days
    set_phase(world.team_a, Phase.PLANNEN)
    call_command("send_project_reminders", stdout=open("/dev/null", "w"))
    assert told("projects.phase_deadline") == {"leerling", "klasgenoot"}
    call_command("send_project_reminders", stdout=open("/dev/null", "w"))
    assert Notification.objects.filter(kind="projects.phase_deadline").count() == 2
    assert SentNotice.objects.get().key == f"phase_deadline:{world.team_a.pk}:plannen:{project.deadline_plannen}"


def test_the_client_is_asked_to_assess_after_the_presentation(world, django_capture_on_commit_callbacks):
    project_a(world)
    team = set_phase(world.team_a, Phase.PRESENTEREN)
    with django_capture_on_commit_callbacks(execute=True):
        services.complete_phase(world.docent, team, is_staff=True)
    note = Notification.objects.get(kind="projects.assessment_requested")
    assert note.recipient == world.partner and note.url == reverse("projects:team_assess", args=[team.pk])
    mail = OutgoingMail.objects.get(subject__startswith="Wilt u het product")
    assert world.partner.email in mail.to and "Leerling" not in mail.body  # no students' names


def test_project_moments_in_the_calendar_feeds(world, client):
    project_a(world)
    project_b(world)
    school_feed = partner_services.feed_for(school=world.school_a)
    cal = Calendar.from_ical(client.get(reverse("partners:school_feed", args=[school_feed.token])).content)
    summaries = {str(e["summary"]) for e in cal.walk("VEVENT")}
    assert "Deadline Plannen: Project De Slimme Stad" in summaries
    assert f"Presentatie {world.team_a.name}: Een veilige bouwplaats" in summaries
    assert not any("haven" in s.lower() for s in summaries)  # school B's project is not in school A's feed
    plannen = next(e for e in cal.walk("VEVENT") if str(e["summary"]).startswith("Deadline Plannen"))
    assert plannen.decoded("dtstart") == world.project_a.deadline_plannen
    partner_feed = partner_services.feed_for(partner=world.partner_org)
    cal = Calendar.from_ical(client.get(reverse("partners:partner_feed", args=[partner_feed.token])).content)
    summaries = {str(e["summary"]) for e in cal.walk("VEVENT")}
    assert f"Presentatie {world.team_a.name} (Vakcollege De Brug): Een veilige bouwplaats" in summaries
    assert not any("Deadline" in s for s in summaries)  # the school's own deadlines stay with the school
    assert not any("Leerling" in str(e.get("description", "")) for e in cal.walk("VEVENT"))
    # A finished project leaves the school's feed.
    Project.objects.filter(pk=world.project_a.pk).update(status=Project.Status.FINISHED)
    cal = Calendar.from_ical(client.get(reverse("partners:school_feed", args=[school_feed.token])).content)
    assert not any("Slimme Stad" in str(e["summary"]) for e in cal.walk("VEVENT"))


def test_the_coach_asks_the_client_to_assess(world, login, django_capture_on_commit_callbacks):
    project_a(world)
    project_b(world)
    client = login(world.docent)
    page = client.get(reverse("projects:team_assess", args=[world.team_a.pk])).content.decode()
    assert "Vraag Bouwbedrijf Van Dijk om het product te beoordelen" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("projects:team_ask_client", args=[world.team_a.pk]), follow=True)
    assert "De opdrachtgever is gevraagd het product te beoordelen (1 contactpersoon" in response.content.decode()
    assert told("projects.assessment_requested") == {"partner"}
    assert OutgoingMail.objects.filter(subject__startswith="Wilt u het product", to__icontains=world.partner.email)
    # A client without a contact: the coach is told, nobody is notified.
    response = login(world.docent2).post(reverse("projects:team_ask_client", args=[world.team_b.pk]), follow=True)
    assert "nog geen contactpersoon" in response.content.decode()
    assert Notification.objects.filter(kind="projects.assessment_requested").count() == 1
