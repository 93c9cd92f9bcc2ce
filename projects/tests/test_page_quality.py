"""The pages changed for issue 11 (allocation warning and confirmation, the
explanations, the reminder, the assignment picker, the results) are valid
HTML for the W3C Nu HTML Checker."""

import datetime

import pytest
from django.urls import reverse

from core.testing.quality import validate_html
from projects import services
from projects.models import TeamMembership
from projects.tests.factories import assignments_a, make_project
from projects.tests.test_services import choosing_project, rank_all

pytestmark = pytest.mark.django_db


def test_changed_project_pages_are_valid_html(world, login):
    running, _students = choosing_project(world, size=12, num_teams=2, team_size_min=2, team_size_max=4)
    choosing = make_project(
        world, school=world.school_a, teacher=world.docent, classes=[world.class_a], assignments=assignments_a(world)
    )
    services.open_choice(world.docent, choosing)
    rank_all(running, lambda p, pas: pas)
    services.run_allocation(world.docent, running, now=running.choice_deadline + datetime.timedelta(hours=1))
    services.publish_allocation(world.docent, running)
    second = TeamMembership.objects.filter(project=running, choice_rank=2).select_related("student").first()
    teacher = login(world.docent)
    pages = {
        "project form": teacher.get(reverse("projects:project_create")),
        "allocation with warning": teacher.get(reverse("projects:allocation", args=[choosing.pk])),
        "allocation confirmation": teacher.post(reverse("projects:allocate", args=[choosing.pk])),
        "choices and reminder": teacher.get(reverse("projects:choice_status", args=[choosing.pk])),
        "allocation explained": teacher.get(reverse("projects:allocation", args=[running.pk])),
        "results": teacher.get(reverse("projects:results", args=[running.pk])),
        "assessment": teacher.get(reverse("projects:team_assess", args=[second.team_id])),
    }
    pages["student's explanation"] = login(second.student).get(reverse("projects:team_detail", args=[second.team_id]))
    assert all(r.status_code == 200 for r in pages.values()), {k: r.status_code for k, r in pages.items()}
    errors = validate_html({name: r.content.decode() for name, r in pages.items()})
    assert errors == {}
