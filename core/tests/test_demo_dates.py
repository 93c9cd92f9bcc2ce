"""Green on any day: the demo, seeded on the turning points of a school year,
is alive, and every role's main journeys work on it.

For each date the clock is fixed (time-machine), the demo is seeded for that
day, and every demo role walks its pages: the dashboard and every page it
links to, and the pages those link to (a crawl, so a new page is covered
without being listed here). No page may fail, and no link shown to a user may
lead to a page they cannot open. Then the things that make the demo alive on
that day are checked, and a few actions are done through the real views."""

import datetime
import re
from collections import deque
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from partners.models import Booking, BookingStatus
from portfolio.models import Experience
from projects.models import Participant, Phase, Project, Team

TZ = ZoneInfo(settings.TIME_ZONE)
ROLES = ["leerling", "leerling2", "docent", "docent2", "coordinator", "netwerkcoach", "partner", "partner2", "bureau"]
HREF = re.compile(r'href="(/[^"#?]*)(?:\?[^"#]*)?(?:#[^"]*)?"')
# Not pages: files, the admin, logging out, and following a notification (it marks it read and redirects).
SKIP = re.compile(r"^/(static/|beheer/|logout/|login/)|^/meldingen/\d+/$|/download/$|\.pdf$")


def _two_years_ahead():
    return timezone.localdate() + datetime.timedelta(days=730)


# name: (the day the demo is seeded, the day it is used)
SCENARIOS = {
    "last day of the school year (31 July)": (datetime.date(2027, 7, 31), 0),
    "first day of the school year (1 August)": (datetime.date(2027, 8, 1), 0),
    "seeded on 31 July, used on 1 August": (datetime.date(2027, 7, 31), 1),
    "an autumn day": (datetime.date(2026, 10, 14), 0),
    "New Year's Eve": (datetime.date(2026, 12, 31), 0),
    "New Year's Day": (datetime.date(2027, 1, 1), 0),
    "a Sunday": (datetime.date(2026, 11, 29), 0),
    "summer time begins": (datetime.date(2027, 3, 28), 0),
    "summer time ends": (datetime.date(2026, 10, 25), 0),
    "the day before the choice deadline": (datetime.date(2026, 11, 25), 11),
    "the day after the choice deadline": (datetime.date(2026, 11, 25), 13),
    "two years ahead": (None, 0),
}
# A full crawl on a few days, the dashboard and its links on the others (the suite stays fast).
DEEP = {"first day of the school year (1 August)", "an autumn day", "the day after the choice deadline"}


def _crawl(client, *, depth, limit=60):
    """Visit the dashboard and the pages it links to (``depth`` levels); return
    {path: status} and the links that failed, with the page that showed them."""
    seen, failures = {}, []
    queue = deque([("/dashboard/", 0, None)])
    while queue and len(seen) < limit:
        path, level, shown_on = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        seen[path] = response.status_code
        if response.status_code != 200:
            failures.append((path, response.status_code, shown_on))
            continue
        if level >= depth or "text/html" not in response.get("Content-Type", ""):
            continue
        for link in HREF.findall(response.content.decode()):
            if not SKIP.search(link) and link not in seen:
                queue.append((link, level + 1, path))
    return seen, failures


@pytest.fixture
def demo_on(db, time_machine):
    """demo_on(seed_day, offset): the demo seeded on seed_day, the clock then
    moved ``offset`` days on (10:00 in the Netherlands)."""

    def _demo(seed_day, offset):
        seed_day = seed_day or _two_years_ahead()
        time_machine.move_to(datetime.datetime.combine(seed_day, datetime.time(10), tzinfo=TZ))
        call_command("seed_demo", verbosity=0)
        used = seed_day + datetime.timedelta(days=offset)
        time_machine.move_to(datetime.datetime.combine(used, datetime.time(10), tzinfo=TZ))
        assert timezone.localdate() == used
        return seed_day, used

    return _demo


def _user(username):
    return get_user_model().objects.get(username=username)


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_demo_is_alive_and_every_role_walks_it(scenario, demo_on):
    seed_day, used = demo_on(*SCENARIOS[scenario])
    offset = (used - seed_day).days

    # Alive on the day it was seeded (and a day or two later).
    for school in ("Vakcollege De Brug", "Maascollege Het Baken"):
        projects = Project.objects.filter(school__name=school)
        stages = set(projects.values_list("status", flat=True))
        assert {Project.Status.CHOOSING, Project.Status.RUNNING, Project.Status.FINISHED} <= stages, school
        phases = set(Team.objects.filter(project__in=projects, project__status="loopt").values_list("phase", flat=True))
        assert {Phase.ORIENTEREN, Phase.PLANNEN, Phase.UITVOEREN} <= phases, school
        assert Booking.objects.filter(school__name=school, date__gt=used).exists(), f"{school}: nothing upcoming"
        assert Booking.objects.filter(school__name=school, date__lt=used, attendances__isnull=False).exists(), school
    choosing = Project.objects.filter(status=Project.Status.CHOOSING)
    assert all(p.is_choice_open() == (offset <= 12) for p in choosing), "the round is open until its deadline"
    for student in ("leerling", "leerling2"):
        mine = Experience.objects.filter(student__username=student)
        assert mine.filter(date__lt=seed_day, reflected_at__isnull=False).count() >= 2, student
        assert mine.filter(date__gt=seed_day).exists(), f"{student} has nothing coming up"
    # Reflections only on experiences that have happened, handed in after them.
    for experience in Experience.objects.filter(reflected_at__isnull=False):
        assert experience.date <= seed_day, experience
        assert timezone.localdate(experience.reflected_at) >= experience.date, experience

    # Every role walks its pages.
    client = Client()
    for role in ROLES:
        client.force_login(_user(role))
        seen, failures = _crawl(client, depth=2 if scenario in DEEP else 1)
        assert not failures, f"{role} on {used}: {failures}"
        assert len(seen) >= 3, f"{role} sees almost nothing on {used}: {seen}"
        client.logout()


@pytest.mark.parametrize("scenario", ["an autumn day", "the day before the choice deadline", "two years ahead"])
def test_students_choose_until_the_deadline(scenario, demo_on):
    seed_day, used = demo_on(*SCENARIOS[scenario])
    for username in ("leerling", "leerling2"):
        participant = Participant.objects.get(project__status=Project.Status.CHOOSING, student__username=username)
        project = participant.project
        client = Client()
        client.force_login(participant.student)
        page = client.get(f"/projecten/{project.pk}/kiezen/")
        assert page.status_code == 200
        ranked = list(project.project_assignments.order_by("order").values_list("pk", flat=True))
        response = client.post(
            f"/projecten/{project.pk}/kiezen/",
            {f"rank_{i}": pk for i, pk in enumerate(ranked, start=1)} | {"strengths": ["plannen", "maken"]},
        )
        assert response.status_code in (200, 302)
        participant.refresh_from_db()
        assert participant.choices_submitted_at is not None, f"{username}: choice not stored on {used}"
        assert timezone.localdate(participant.choices_submitted_at) == used


def test_after_the_deadline_the_round_is_closed(demo_on):
    demo_on(*SCENARIOS["the day after the choice deadline"])
    participant = Participant.objects.get(project__status=Project.Status.CHOOSING, student__username="leerling")
    assert not participant.project.is_choice_open()
    client = Client()
    client.force_login(participant.student)
    page = client.get(f"/projecten/{participant.project.pk}/kiezen/")
    assert page.status_code == 200
    assert "gesloten" in page.content.decode()


@pytest.mark.parametrize("scenario", ["an autumn day", "a Sunday", "New Year's Eve"])
def test_partner_answers_a_request_for_a_day_to_come(scenario, demo_on):
    _seed_day, used = demo_on(*SCENARIOS[scenario])
    for username in ("partner", "partner2"):
        request = (
            Booking.objects.filter(offer__partner__contacts__user__username=username, status=BookingStatus.REQUESTED)
            .order_by("date")
            .first()
        )
        assert request is not None and request.date > used, f"{username} has no open request on {used}"
        client = Client()
        client.force_login(_user(username))
        response = client.post(f"/partnernetwerk/boekingen/{request.pk}/accepteren/", {"note": "Tot dan!"})
        assert response.status_code in (200, 302)
        request.refresh_from_db()
        assert request.status == BookingStatus.CONFIRMED, f"{username} could not accept on {used}"
