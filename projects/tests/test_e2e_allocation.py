"""Browser journey of issue 11.1: before the choice deadline the teacher is
warned, sees who has not chosen, reminds them and must confirm; after
publishing a student reads, on their own team page, why they got their
assignment. With SHOTS_DIR set, screenshots at 375 and 1280 px are saved."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from notifications.models import Notification
from projects.models import TeamMembership
from projects.tests.test_services import choosing_project

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SHOTS_DIR", "")


def shoot(page, name):
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_warn_confirm_and_the_students_explanation(world, live_server, page, login_in_browser):
    from projects import services

    project, students = choosing_project(world, size=12, num_teams=2, team_size_min=2, team_size_max=4)
    pas = list(project.project_assignments.order_by("order"))
    for student in students[:9]:  # three have not chosen; everybody wants the first assignment most
        services.submit_choices(student, project.participants.get(student=student), pas, ["maken"])

    page.on("dialog", lambda dialog: dialog.accept())  # "Publish the teams to the students?"
    login_in_browser("docent")
    page.goto(f"{live_server.url}/projecten/{project.pk}/indeling/")
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("De keuzeronde loopt nog")
    expect(warning).to_contain_text("3 van de 12 leerlingen hebben nog niet gekozen.")
    # Who are they? Remind them.
    warning.get_by_role("link", name="Bekijk wie nog niet koos en stuur een herinnering").click()
    missing = page.locator("section", has=page.get_by_role("heading", name="Nog niet gekozen"))
    for student in students[9:]:
        expect(missing).to_contain_text(student.get_full_name())
    page.get_by_role("button", name="Herinner 3 leerlingen (platform en e-mail)").click()
    expect(
        page.get_by_text("3 leerlingen hebben een herinnering gekregen, in het platform en per e-mail.")
    ).to_be_visible()
    assert Notification.objects.filter(kind="projects.choice_reminder").count() == 3

    # Allocate anyway: a confirmation step, then the allocation.
    page.get_by_role("link", name="Indeling", exact=True).first.click()
    page.get_by_role("button", name="Leerlingen indelen en teams maken").click()
    page.get_by_role("heading", name="Indelen voor de deadline?").wait_for()
    expect(page.get_by_role("alert")).to_contain_text("3 van de 12 leerlingen hebben nog niet gekozen.")
    assert not project.teams.exists()
    shoot(page, "allocation-warning")
    page.get_by_role("button", name="Toch indelen, 3 leerlingen zonder keuze").click()
    expect(page.get_by_text("De leerlingen zijn ingedeeld")).to_be_visible()
    expect(
        page.get_by_text("omdat de teams van de 1e keuze (‘Een veilige bouwplaats’) waren vol").first
    ).to_be_visible()
    expect(page.get_by_text("kost")).to_have_count(0)
    shoot(page, "allocation-teacher")
    page.get_by_role("button", name="Publiceren voor leerlingen").click()
    page.get_by_role("heading", name="Teamoverzicht").wait_for()
    page.get_by_role("button", name="Uitloggen").click()

    second = TeamMembership.objects.filter(project=project, choice_rank=2).select_related("student").first()
    assert second is not None
    login_in_browser(second.student.username)
    page.goto(f"{live_server.url}/projecten/teams/{second.team_id}/")
    why = page.locator("#why-this-assignment")
    expect(why.get_by_role("heading", name="Waarom deze opdracht?")).to_be_visible()
    expect(why).to_contain_text("Je kreeg je 2e keuze (‘Een groen schoolplein’), omdat de teams van je 1e keuze")
    expect(why).to_contain_text("eerlijk bepaald")
    shoot(page, "student-explanation")
