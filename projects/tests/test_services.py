"""Domain rules of projects: pinning, choosing, allocation (with the Dutch
explanations of impossible constraints), the work process, assessment, the
CSV export and the portfolio bridge."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assignments import services as library
from assignments.tests.factories import make_assignment
from core.signals import experience_happened
from projects import services
from projects.access import visible_teams
from projects.models import GoDecision, Phase, Project, TeamMembership
from projects.tests.factories import assignments_a, big_class, make_project, project_a, set_phase

pytestmark = pytest.mark.django_db


def choosing_project(w, *, size=12, num_teams=2, **fields):
    class_group, students = big_class(w, w.school_a, "2X", size)
    project = make_project(
        w, school=w.school_a, teacher=w.docent, classes=[class_group], assignments=assignments_a(w), **fields
    )
    project.project_assignments.update(num_teams=num_teams)
    services.open_choice(w.docent, project)
    return project, students


def rank_all(project, order_of):
    pas = list(project.project_assignments.order_by("order"))
    for participant in project.participants.select_related("student"):
        services.submit_choices(participant.student, participant, order_of(participant, pas), ["maken"])


def test_project_pins_the_current_version(world):
    project = make_project(
        world, school=world.school_a, teacher=world.docent, classes=[world.class_a], assignments=assignments_a(world)
    )
    pa = project.project_assignments.get(assignment=world.assignment_a)
    pinned = pa.version_id
    assert pinned == world.assignment_a.current_version_id
    content = library.content_from_version(world.assignment_a.current_version)
    content.title = "Een nog veiligere bouwplaats"
    library.update_assignment(world.docent, world.assignment_a, content, change_note="nieuwe titel")
    pa.refresh_from_db()
    world.assignment_a.refresh_from_db()
    assert world.assignment_a.current_version_id != pinned
    assert pa.version_id == pinned and pa.title == "Een veilige bouwplaats"
    assert pa.client_id == world.partner_org.pk
    assert set(project.participants.values_list("student_id", flat=True)) == {world.leerling.pk, world.classmate.pk}


def test_choices_need_a_top_and_an_open_round(world):
    project, students = choosing_project(world, size=3, min_choices=2)
    participant = project.participants.get(student=students[0])
    pa1, pa2 = project.project_assignments.order_by("order")
    with pytest.raises(ValidationError) as exc:
        services.submit_choices(students[0], participant, [pa1])
    assert "minstens 2 opdrachten" in exc.value.messages[0]
    services.submit_choices(students[0], participant, [pa2, pa1], ["maken", "plannen"])
    assert list(participant.preferences.values_list("project_assignment_id", "rank")) == [(pa2.pk, 1), (pa1.pk, 2)]
    Project.objects.filter(pk=project.pk).update(choice_deadline=timezone.now() - datetime.timedelta(minutes=1))
    participant.project.refresh_from_db()
    with pytest.raises(ValidationError, match="gesloten"):
        services.submit_choices(students[0], participant, [pa1, pa2])


def test_allocation_respects_capacity_and_reports_ranks(world):
    # 12 students, everyone wants the first assignment; it has room for 2 teams of 4.
    project, _students = choosing_project(world, size=12, team_size_min=2, team_size_max=4)
    rank_all(project, lambda p, pas: pas)
    outcome = services.run_allocation(world.docent, project)
    pa1, pa2 = project.project_assignments.order_by("order")
    counts = {pa.pk: TeamMembership.objects.filter(team__project_assignment=pa).count() for pa in (pa1, pa2)}
    assert counts == {pa1.pk: 8, pa2.pk: 4}
    ranks = sorted(TeamMembership.objects.filter(project=project).values_list("choice_rank", flat=True))
    assert ranks == [1] * 8 + [2] * 4
    for team in project.teams.all():
        assert 2 <= team.memberships.count() <= 4
    assert outcome["unranked"] == [] and outcome["n_students"] == 12
    assert not project.published_at  # students do not see draft teams
    assert not visible_teams(project.participants.first().student).exists()


def test_capacity_below_students_explains_in_dutch(world):
    project, _students = choosing_project(world, size=12, num_teams=1, team_size_max=4)
    rank_all(project, lambda p, pas: pas)
    with pytest.raises(ValidationError) as exc:
        services.run_allocation(world.docent, project)
    message = exc.value.messages[0]
    assert "12 leerlingen" in message and "8 plaatsen" in message
    assert not project.teams.exists()  # nothing half-done


def test_contradictory_pairs_are_refused_with_the_chain(world):
    project, students = choosing_project(world, size=8)
    rank_all(project, lambda p, pas: pas)
    a, b, c = students[:3]
    services.add_pair_constraint(world.docent, project, a, b, "samen")
    services.add_pair_constraint(world.docent, project, b, c, "samen")
    services.add_pair_constraint(world.docent, project, a, c, "apart")
    with pytest.raises(ValidationError) as exc:
        services.run_allocation(world.docent, project)
    message = exc.value.messages[0]
    assert "samen én apart" in message and a.first_name in message and c.first_name in message
    # The same pair cannot get both rules directly.
    with pytest.raises(ValidationError, match="tegenovergestelde regel"):
        services.add_pair_constraint(world.docent, project, a, b, "apart")


def test_constraints_are_honoured_in_teams(world):
    project, students = choosing_project(world, size=12, team_size_min=3, team_size_max=4)
    rank_all(project, lambda p, pas: pas)
    services.add_pair_constraint(world.docent, project, students[0], students[1], "samen")
    services.add_pair_constraint(world.docent, project, students[2], students[3], "apart")
    services.run_allocation(world.docent, project)
    team_of = dict(TeamMembership.objects.filter(project=project).values_list("student_id", "team_id"))
    assert team_of[students[0].pk] == team_of[students[1].pk]
    assert team_of[students[2].pk] != team_of[students[3].pk]


def test_an_assignment_with_too_few_takers_is_left_out(world):
    project, _students = choosing_project(world, size=9, team_size_min=3, team_size_max=5)
    pa1, pa2 = project.project_assignments.order_by("order")
    project.project_assignments.filter(pk=pa1.pk).update(num_teams=2)
    # Two students want the second assignment most: fewer than the minimum of 3.
    rank_all(project, lambda p, pas: list(reversed(pas)) if p.student.username.endswith(("-0", "-1")) else pas)
    outcome = services.run_allocation(world.docent, project)
    assert not project.teams.filter(project_assignment=pa2).exists()
    assert "minder dan de minimale teamgrootte" in outcome["notes"][0]
    assert len(outcome["unranked"]) == 0  # they still got their second choice
    assert TeamMembership.objects.filter(project=project, choice_rank=2).count() == 2


def test_publish_and_move_by_hand(world):
    project, students = choosing_project(world, size=8, team_size_min=2, team_size_max=4)
    rank_all(project, lambda p, pas: pas)
    services.run_allocation(world.docent, project)
    pa2 = project.project_assignments.order_by("order").last()
    membership = services.move_student(world.docent, project, students[0], pa2)
    assert membership.team.project_assignment == pa2 and membership.choice_rank == 2
    services.publish_allocation(world.docent, project)
    project.refresh_from_db()
    assert project.status == Project.Status.RUNNING
    assert visible_teams(students[0]).get() == membership.team
    with pytest.raises(ValidationError, match="gepubliceerd"):
        services.run_allocation(world.docent, project)


def test_work_process_with_go_and_no_go(world):
    project_a(world)
    team = world.team_a
    with pytest.raises(ValidationError, match="programma van eisen"):
        services.complete_phase(world.leerling, team, is_staff=False)
    services.submit_requirements(world.leerling, team)
    services.review_requirements(world.partner, team, approve=True)
    team = services.complete_phase(world.leerling, team, is_staff=False)
    assert team.phase == Phase.PLANNEN
    with pytest.raises(ValidationError, match="coach"):
        services.complete_phase(world.leerling, team, is_staff=False)
    services.decide_go(world.docent, team, decision=GoDecision.Decision.NO_GO, motivation="De planning mist.")
    team.refresh_from_db()
    assert team.phase == Phase.PLANNEN
    services.decide_go(world.docent, team, decision="go", motivation="Goed plan.")
    team.refresh_from_db()
    assert team.phase == Phase.UITVOEREN
    services.decide_go(
        world.docent,
        team,
        decision=GoDecision.Decision.NO_GO,
        motivation="Terug naar de tekentafel.",
        back_to="plannen",
    )
    team.refresh_from_db()
    assert team.phase == Phase.PLANNEN
    with pytest.raises(ValidationError):
        services.decide_go(world.docent, team, decision="nogo", motivation="x", back_to="presenteren")
    with pytest.raises(ValidationError, match="motivering"):
        services.decide_go(world.docent, team, decision="go", motivation="  ")


def test_assessment_uses_the_right_criteria_and_grades(world):
    project_a(world)
    team = world.team_a
    # Rubric: criterion 0 is product, 1 is process; four levels.
    product = services.save_assessment(world.docent, team, role="coach", scores={"0": 3, "1": 0})
    assert product.scores == {"0": 3}
    assert product.grade([0], 4) == Decimal("10.0")
    process = services.save_assessment(world.docent, team, role="coach", subject=world.leerling, scores={0: 1, 1: 2})
    assert process.scores == {"1": 2} and process.grade([1], 4) == Decimal("8.0")
    with pytest.raises(ValidationError):
        services.save_assessment(world.partner, team, role="partner", subject=world.leerling, scores={"1": 2})
    again = services.save_assessment(world.docent, team, role="coach", scores={"0": 1})
    assert again.pk == product.pk and again.scores == {"0": 1}


def test_peer_factors_flag_outliers(world):
    project_a(world)
    team = world.team_a
    third = world.classmate.__class__.objects.create(username="derde", first_name="Derde")
    TeamMembership.objects.create(project=world.project_a, team=team, student=third)
    services.save_peer_evaluations(
        world.leerling, team, {world.classmate.pk: (5, 5, ""), third.pk: (2, 2, "deed weinig")}
    )
    services.save_peer_evaluations(world.classmate, team, {world.leerling.pk: (4, 4, ""), third.pk: (2, 1, "")})
    services.save_peer_evaluations(third, team, {world.leerling.pk: (4, 4, ""), world.classmate.pk: (4, 4, "")})
    factors = services.peer_factors(team.peer_evaluations.all())
    assert factors[(team.pk, third.pk)]["outlier"] and factors[(team.pk, third.pk)]["factor"] < Decimal("0.8")
    assert not factors[(team.pk, world.leerling.pk)]["outlier"]
    # Nobody rates themself.
    services.save_peer_evaluations(third, team, {third.pk: (5, 5, "")})
    assert not team.peer_evaluations.filter(rater=third, ratee=third).exists()


def test_results_csv_for_dutch_excel(world):
    project = project_a(world)
    services.set_result(
        world.docent,
        project,
        world.leerling,
        product_grade=Decimal("7.5"),
        process_grade=Decimal("6.8"),
        final_grade=Decimal("7.2"),
    )
    content = services.results_csv(services.result_rows(project))
    assert content.startswith("\ufeff")
    lines = content.lstrip("\ufeff").split("\r\n")
    assert lines[0].split(";") == [
        "leerlingnummer",
        "naam",
        "klas",
        "team",
        "opdracht",
        "coach: product (suggestie)",
        "opdrachtgever: product",
        "coach: proces (suggestie)",
        "zelfbeoordeling",
        "peerfactor",
        "eindresultaat (suggestie)",
        "cijfer product",
        "cijfer proces",
        "eindresultaat",
        "opmerking",
    ]
    row = next(line for line in lines if line.startswith("leerling;"))
    cells = row.split(";")
    assert cells[2:5] == ["3A", world.team_a.name, "Een veilige bouwplaats"]
    assert cells[11:] == ["7,5", "6,8", "7,2", ""]


def test_final_reflection_feeds_the_portfolio(world):
    project_a(world)
    team = set_phase(world.team_a, Phase.TERUGKIJKEN)
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs["experience"])

    experience_happened.connect(receiver)
    try:
        membership = TeamMembership.objects.get(team=team, student=world.leerling)
        services.set_roles(world.leerling, team, {membership.pk: "planner"})
        services.submit_reflection(
            world.leerling, membership, product="Het bord werkt.", process="Goed gepland.", own_actions="Ik plande."
        )
        services.finish_project(world.docent, world.project_a)
    finally:
        experience_happened.disconnect(receiver)
    first = received[0]
    assert first.student == world.leerling and first.kind == "project"
    assert first.source_key == f"projects.teammembership:{membership.pk}"
    assert first.title == "Project: Een veilige bouwplaats"
    assert first.partner_id == world.partner_org.pk
    assert set(first.sector_slugs) == {"bouw", "techniek"}
    assert first.details["reflection_own_actions"] == "Ik plande."
    assert first.details["role_in_team"] == "planner" and first.details["client"] == "Bouwbedrijf Van Dijk"
    assert first.details["team_id"] == membership.team_id
    assert {r.source_key for r in received} == {first.source_key}  # finishing re-sends, same key
    team.refresh_from_db()
    assert team.phase == Phase.AFGEROND


def test_reflection_only_in_looking_back(world):
    project_a(world)
    membership = TeamMembership.objects.get(team=world.team_a, student=world.leerling)
    with pytest.raises(ValidationError, match="Terugkijken"):
        services.submit_reflection(world.leerling, membership, product="a", process="b", own_actions="c")


def test_other_schools_assignment_cannot_be_picked_in_the_form(world):
    from projects.forms import ProjectForm

    other = make_assignment(world.docent2, world.school_b, status="published", scope="school", title="Alleen B")
    form = ProjectForm(user=world.docent, school=world.school_a, school_year=world.year)
    assert other not in form.fields["assignments"].queryset
