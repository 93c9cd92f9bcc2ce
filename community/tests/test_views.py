"""Every page of the community renders valid, CSP-friendly HTML for the
people who use it: no duplicate ids, no inline styles, scripts or handlers,
no block inside a paragraph."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from community.tests.factories import community

ID = re.compile(r'\sid="([^"]+)"')
FORBIDDEN = [
    re.compile(r'\sstyle="'),
    re.compile(r"<script>"),
    re.compile(r'\son[a-z]+="'),
    re.compile(r"\shx-[a-z]+="),
]
BLOCK_IN_P = re.compile(r"<p[ >](?:(?!</p>).)*?<(div|ul|ol|form|section|table|h[1-6])\b", re.S)


def pages(w):
    return [
        ("docent", "community:home", {}),
        ("docent", "community:material_list", {}),
        ("docent", "community:material_create", {}),
        ("docent", "community:material_detail", {"pk": w.material_a.pk}),
        ("docent", "community:material_edit", {"pk": w.material_a.pk}),
        ("docent", "community:question_list", {}),
        ("docent", "community:question_detail", {"pk": w.question.pk}),
        ("docent", "community:visit_list", {}),
        ("docent", "community:visit_create", {}),
        ("docent2", "community:visit_detail", {"pk": w.visit.pk}),
        ("docent", "community:visit_detail", {"pk": w.visit_scheduled.pk}),
        ("netwerkcoach", "community:meeting_list", {}),
        ("netwerkcoach", "community:meeting_detail", {"pk": w.meeting_a.pk}),
        ("coordinator", "community:meeting_detail", {"pk": w.meeting_a.pk}),
        ("netwerkcoach", "community:network_meeting_create", {"pk": w.network_a.pk}),
        ("netwerkcoach", "community:network_year", {"pk": w.network_a.pk}),
        ("bureau", "community:group_list", {}),
        ("docent", "community:group_detail", {"pk": w.group.pk}),
        ("netwerkcoach", "community:school_notes", {"pk": w.school_a.pk}),
        ("docent", "community:directory", {}),
        ("docent", "community:profile_edit", {}),
        ("bureau", "community:training_list", {}),
        ("bureau", "community:training_detail", {"pk": w.training.pk}),
        ("bureau", "community:training_create", {}),
        ("docent", "community:training_mine", {}),
        ("coordinator", "community:training_team", {}),
        ("coordinator", "community:cycle_list", {}),
        ("coordinator", "community:cycle_detail", {"pk": w.cycle_a.pk}),
        ("coordinator", "community:cycle_results", {"pk": w.cycle_a.pk}),
        ("coordinator", "community:questionnaire_detail", {"pk": w.q_teachers_a.pk}),
        ("netwerkcoach", "community:quality_overview", {}),
        ("docent", "community:answer", {"token": w.q_teachers_a.token}),
        ("leerling", "community:my_questionnaires", {}),
        ("docent", "dashboard:home", {}),
        ("leerling", "dashboard:home", {}),
    ]


@pytest.mark.django_db
def test_pages_are_valid_and_csp_friendly(world, login):
    community(world)
    for persona, name, kwargs in pages(world):
        response = login(world.users[persona]).get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, (persona, name)
        html = response.content.decode().split("<main", 1)[1]
        duplicates = [i for i, n in Counter(ID.findall(html)).items() if n > 1]
        assert not duplicates, (name, duplicates)
        for pattern in FORBIDDEN:
            assert not pattern.search(html), (name, pattern.pattern)
        assert not BLOCK_IN_P.search(html), (name, BLOCK_IN_P.search(html).group(0)[:200])


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["community:question_list", "community:directory", "community:meeting_list", "community:visit_list"]
)
def test_list_query_counts_do_not_grow_with_rows(world, login, name, django_assert_max_num_queries):
    from community.services import consultation, directory
    from community.tests.factories import plan
    from organisation import services as org_services
    from organisation.roles import Role
    from organisation.tests.factories import UserFactory

    def add(n):
        for i in range(n):
            colleague = UserFactory()
            org_services.assign_role(colleague, Role.TEACHER, school=world.school_a)
            consultation.ask_question(colleague, school=world.school_a, title=f"Vraag {i}")
            directory.save_profile(colleague, school=world.school_a, listed=True, experience="zorgopdracht")
            consultation.request_visit(
                colleague, visitor_school=world.school_a, host_school=world.school_b, focus_question="?"
            )
            plan(world.netwerkcoach, network=world.network_a, title=f"Bijeenkomst {i}", days=5 + i)

    client = login(world.docent)
    add(1)
    client.get(reverse(name))
    with django_assert_max_num_queries(30) as before:
        client.get(reverse(name))
    add(5)
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse(name))
