"""The demo data is deterministic (same seed, same data) and idempotent."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from organisation.models import ClassGroup, Enrolment, PartnerOrganisation, School

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
    }


def test_seed_demo_is_deterministic_and_idempotent():
    call_command("seed_demo", today=TODAY, verbosity=0)
    first = fingerprint()
    assert len(first["schools"]) == 40
    assert 1300 <= first["counts"]["accounts.User"] <= 1800
    assert first["counts"]["organisation.PartnerOrganisation"] >= 30
    # Idempotent: a second run changes nothing.
    call_command("seed_demo", today=TODAY, verbosity=0)
    assert fingerprint() == first
    # Deterministic: from an empty database the same seed gives the same data.
    call_command("flush", interactive=False, verbosity=0)
    call_command("seed_demo", today=TODAY, verbosity=0)
    assert fingerprint() == first
