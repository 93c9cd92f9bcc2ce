"""The demo data is deterministic (same seed and date, same data), idempotent,
and independent of the wall clock: the seeder passes its date all the way down."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from core.models import DemoSeed
from organisation.models import ClassGroup, Enrolment, PartnerOrganisation, School
from partners.models import Booking
from portfolio.models import Experience
from projects.models import Project, Team

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = datetime.date(2026, 11, 25)
OUR_APPS = {"accounts", "organisation", "assignments", "projects", "partners", "portfolio"}


def fingerprint():
    User = get_user_model()
    counts = {m._meta.label: m.objects.count() for m in apps.get_models() if m._meta.app_label in OUR_APPS}
    return {
        "counts": counts,
        "users": list(User.objects.order_by("username").values_list("username", "first_name", "last_name")),
        "schools": list(School.objects.order_by("brin").values_list("brin", "name", "city", "network__slug")),
        "classes": list(
            ClassGroup.objects.order_by("school__brin", "school_year__name", "name").values_list(
                "school__brin", "school_year__name", "name", "level_id", "mentor__username"
            )
        ),
        "enrolments": list(
            Enrolment.objects.order_by("student__username", "school_year__name").values_list(
                "student__username", "class_group__name"
            )
        ),
        "partners": list(PartnerOrganisation.objects.order_by("name").values_list("name", "kind", "city")),
        # What depends on the date: stages, deadlines and moments of projects, teams, bookings, experiences.
        "projects": list(
            Project.objects.order_by("title").values_list(
                "title", "status", "start_date", "choice_deadline", "allocated_at", "published_at", "finished_at"
            )
        ),
        "teams": list(
            Team.objects.order_by("project__title", "number").values_list("name", "phase", "phase_changed_at")
        ),
        "bookings": list(Booking.objects.order_by("date", "pk").values_list("offer__title", "date", "status")),
        "experiences": list(
            Experience.objects.order_by("student__username", "date", "title").values_list(
                "student__username", "kind", "title", "date", "reflected_at"
            )
        ),
    }


def test_seed_demo_is_deterministic_idempotent_and_clock_free(time_machine):
    # Seeded for TODAY while the wall clock says something else entirely.
    time_machine.move_to(datetime.datetime(2029, 3, 3, 14, 0, tzinfo=datetime.UTC))
    call_command("seed_demo", today=TODAY, verbosity=0)
    first = fingerprint()
    assert len(first["schools"]) == 40
    assert 1300 <= first["counts"]["accounts.User"] <= 1800
    assert first["counts"]["organisation.PartnerOrganisation"] >= 30
    # Idempotent: a second run changes nothing.
    call_command("seed_demo", today=TODAY, verbosity=0)
    assert fingerprint() == first
    # Deterministic and independent of the clock: from an empty database, on
    # the seed's own day, the same seed gives the same data.
    call_command("flush", interactive=False, verbosity=0)
    time_machine.move_to(datetime.datetime(2026, 11, 25, 9, 0, tzinfo=datetime.UTC))
    call_command("seed_demo", verbosity=0)
    assert fingerprint() == first


def test_seed_demo_on_another_day_is_another_demo():
    """Dates follow the seed's today: a week later, this year's projects moved a
    week; last year's finished ones stay on their own dates."""
    call_command("seed_demo", today=TODAY, verbosity=0)
    first = {title: (status, start) for title, status, start, *_ in fingerprint()["projects"]}
    call_command("flush", interactive=False, verbosity=0)
    call_command("seed_demo", today=TODAY + datetime.timedelta(days=7), verbosity=0)
    later = {title: start for title, _status, start, *_ in fingerprint()["projects"]}
    assert set(later) == set(first)
    for title, (status, start) in first.items():
        expected = 0 if status == Project.Status.FINISHED else 7
        assert (later[title] - start).days == expected, title


def test_make_run_rebuilds_a_demo_that_has_grown_old():
    """``seed_demo --refresh-after 7`` (what ``make run`` does) keeps a recent demo
    and builds an old one anew for today."""
    call_command("seed_demo", today=TODAY, verbosity=0)
    first = fingerprint()
    call_command("seed_demo", today=TODAY + datetime.timedelta(days=7), refresh_after=7, verbosity=0)
    assert fingerprint() == first
    assert DemoSeed.objects.get().today == TODAY
    call_command("seed_demo", today=TODAY + datetime.timedelta(days=8), refresh_after=7, verbosity=0)
    assert DemoSeed.objects.get().today == TODAY + datetime.timedelta(days=8)
    later = fingerprint()
    assert later["users"] == first["users"]
    assert later["projects"] != first["projects"]
    choosing = Project.objects.get(title__startswith="Leerjaar 3 · Slimme")
    assert choosing.is_choice_open(timezone.make_aware(datetime.datetime(2026, 12, 4, 9)))
