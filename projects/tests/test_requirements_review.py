"""The programma van eisen is reviewed by the client in the platform (issue
11.4): the team submits it, the client (the partner's contact, or the
teacher when the client is internal) comments or approves; approved, it is
frozen until a coach opens a new round. Students never approve it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from notifications.models import Notification, OutgoingMail
from projects import services
from projects.access import team_access
from projects.models import Phase, RequirementsReview, Team
from projects.tests.factories import assignments_a, make_project, project_a, project_b

pytestmark = pytest.mark.django_db


def review_url(team):
    return reverse("projects:requirements_review", args=[team.pk])


def internal_team(world):
    """A team at school A on an assignment without a partner organisation (client: the school itself)."""
    internal = assignments_a(world)[1]
    assert internal.client_id is None
    project = make_project(
        world, school=world.school_a, teacher=world.docent, classes=[world.class_a], assignments=[internal],
        min_choices=1, title="Intern project",
    )  # fmt: skip
    services.open_choice(world.docent, project)
    services.run_allocation(world.docent, project)
    services.publish_allocation(world.docent, project)
    team = Team.objects.get(project=project, memberships__student=world.leerling)
    services.add_requirement(world.leerling, team, text="Er is schaduw")
    return team


def test_a_student_cannot_approve_the_requirements(world, login):
    project_a(world)
    team = world.team_a
    assert not team_access(world.leerling, team.pk).can_review_requirements
    student = login(world.leerling)
    assert student.post(reverse("projects:requirements_submit", args=[team.pk])).status_code == 302
    assert student.post(review_url(team), {"decision": "approve"}).status_code == 403
    team.refresh_from_db()
    assert team.requirements_submitted_at is not None and team.requirements_agreed_at is None
    # Nor can they move on to Planning on their own.
    with pytest.raises(ValidationError):
        services.complete_phase(world.leerling, team, is_staff=False)
    # The page has no approve button for them any more.
    html = student.get(reverse("projects:team_requirements", args=[team.pk])).content.decode()
    assert "Programma van eisen goedkeuren" not in html and review_url(team) not in html


def test_the_partner_of_another_organisation_gets_404(world, login):
    project_b(world)  # team B's client is Havenbedrijf, not the world's partner (Bouwbedrijf Van Dijk)
    services.submit_requirements(world.leerling2, world.team_b)
    partner = login(world.partner)
    assert partner.post(review_url(world.team_b), {"decision": "approve"}).status_code == 404
    assert partner.get(reverse("projects:partner_team", args=[world.team_b.pk])).status_code == 404
    world.team_b.refresh_from_db()
    assert world.team_b.requirements_agreed_at is None
    # Team B's own teacher is not its client either (a partner is): visible, not allowed.
    assert login(world.docent2).post(review_url(world.team_b), {"decision": "approve"}).status_code == 403


def test_the_partner_is_told_by_mail_and_bell_when_the_list_waits(world, login, django_capture_on_commit_callbacks):
    project_a(world)
    partner = login(world.partner)
    assert "wacht op jouw beoordeling" not in partner.get(reverse("projects:partner_teams")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_requirements(world.leerling, world.team_a)
    note = Notification.objects.get(kind="projects.requirements_submitted")
    assert note.recipient == world.partner
    assert note.url == reverse("projects:partner_team", args=[world.team_a.pk]) + "#requirements"
    mail = OutgoingMail.objects.get(source="projects/email/requirements_submitted.txt")
    assert "programma van eisen" in mail.subject
    assert world.partner.email in mail.to
    assert "wacht op jouw beoordeling" in partner.get(reverse("projects:partner_teams")).content.decode()
    assert "programma van eisen wacht op jouw beoordeling" in partner.get(reverse("dashboard:home")).content.decode()


def test_internal_client_the_teacher_reviews(world, login, django_capture_on_commit_callbacks):
    team = internal_team(world)
    assert team_access(world.docent, team.pk).can_review_requirements
    assert not team_access(world.leerling, team.pk).can_review_requirements
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_requirements(world.leerling, team)
    assert Notification.objects.get(kind="projects.requirements_submitted").recipient == world.docent
    teacher = login(world.docent)
    page = teacher.get(reverse("projects:team_requirements", args=[team.pk])).content.decode()
    assert review_url(team) in page
    assert teacher.post(review_url(team), {"decision": "approve"}).status_code == 302
    team.refresh_from_db()
    assert team.requirements_agreed_by == world.docent
    # Where the client is a partner, the teacher does not approve in their place.
    project_a(world)
    assert not team_access(world.docent, world.team_a.pk).can_review_requirements


def test_approved_requirements_are_frozen_until_a_coach_reopens(world, login):
    project_a(world)
    team = world.team_a
    services.submit_requirements(world.leerling, team)
    services.review_requirements(world.partner, team, approve=True)
    team.refresh_from_db()
    with pytest.raises(ValidationError, match="goedgekeurd"):
        services.add_requirement(world.leerling, team, text="Nog een eis")
    with pytest.raises(ValidationError, match="goedgekeurd"):
        services.remove_requirement(world.leerling, world.requirement_a)
    with pytest.raises(ValidationError):
        services.review_requirements(world.partner, team, approve=False, comment="Toch nog iets")
    student = login(world.leerling)
    url = reverse("projects:team_requirements", args=[team.pk])
    student.post(url, {"text": "Stiekem erbij"})
    assert list(team.requirements.values_list("text", flat=True)) == ["Het bord is van 10 meter te lezen"]
    assert student.post(reverse("projects:requirements_reopen", args=[team.pk])).status_code == 403
    assert not team_access(world.leerling, team.pk).can_edit_requirements
    # The team can move on now.
    assert services.complete_phase(world.leerling, team, is_staff=False).phase == Phase.PLANNEN
    # A coach opens a new round: the team may change the list and must submit it again.
    login(world.docent).post(reverse("projects:requirements_reopen", args=[team.pk]), {"comment": "Nieuwe wens"})
    team.refresh_from_db()
    assert team.requirements_agreed_at is None and team.requirements_submitted_at is None
    services.add_requirement(world.leerling, team, text="Nog een eis")
    assert team.requirements.count() == 2


def test_a_comment_goes_back_to_the_team(world, login):
    project_a(world)
    team = world.team_a
    services.submit_requirements(world.leerling, team)
    # While it waits for review the team cannot change it.
    with pytest.raises(ValidationError, match="wacht"):
        services.add_requirement(world.leerling, team, text="Tussendoor")
    partner = login(world.partner)
    # Comments without text: the page again, with a Dutch reason.
    response = partner.post(review_url(team), {"decision": "comment", "comment": " "})
    assert response.status_code == 400
    assert "Schrijf op wat het team moet veranderen" in response.content.decode()
    response = partner.post(review_url(team), {"decision": "comment", "comment": "Graag ook iets over de veiligheid."})
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.requirements_submitted_at is None and team.requirements_agreed_at is None
    review = team.requirement_reviews.last()
    assert review.action == RequirementsReview.Action.COMMENTED and review.author == world.partner
    told = Notification.objects.filter(kind="projects.requirements_reviewed")
    assert set(told.values_list("recipient", flat=True)) == {world.leerling.pk, world.classmate.pk}
    # The team reads the comment and can change the list again.
    html = login(world.leerling).get(reverse("projects:team_requirements", args=[team.pk])).content.decode()
    assert "Graag ook iets over de veiligheid." in html
    services.add_requirement(world.leerling, team, text="Veiligheidshesjes voor bezoekers")
    assert team.requirements.count() == 2


def test_the_review_pages_are_valid_html(world, login):
    from core.testing.quality import validate_html

    project_a(world)
    team = world.team_a
    services.submit_requirements(world.leerling, team)
    partner = login(world.partner)
    pages = {
        "partner's review": partner.get(reverse("projects:partner_team", args=[team.pk])),
        "partner's review, rejected": partner.post(review_url(team), {"decision": "comment", "comment": ""}),
        "partner's teams": partner.get(reverse("projects:partner_teams")),
    }
    services.review_requirements(world.partner, team, approve=False, comment="Iets over veiligheid graag.")
    pages["team reads the comment"] = login(world.leerling).get(reverse("projects:team_requirements", args=[team.pk]))
    internal = internal_team(world)
    services.submit_requirements(world.leerling, internal)
    pages["teacher reviews"] = login(world.docent).get(reverse("projects:team_requirements", args=[internal.pk]))
    assert {k: r.status_code for k, r in pages.items()} == {
        "partner's review": 200,
        "partner's review, rejected": 400,
        "partner's teams": 200,
        "team reads the comment": 200,
        "teacher reviews": 200,
    }
    assert validate_html({name: r.content.decode() for name, r in pages.items()}) == {}
