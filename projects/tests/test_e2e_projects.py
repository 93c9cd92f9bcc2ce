"""Browser journeys of projects (issue 4, journeys 1-6), in Dutch."""

import csv
import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from projects import services
from projects.models import Assessment, PeerEvaluation, Phase, Project, Result, Team, TeamMembership
from projects.tests.factories import PDF, assignments_a, project_a, set_phase

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def logout(page, live_server):
    page.goto(f"{live_server.url}/dashboard/")
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_server.url}/login/")


def test_setup_choice_allocation_and_publish(world, live_server, page, login_in_browser):
    """Journeys 1-3: the teacher sets up a project, the student ranks the
    assignments, the teacher adds a constraint, allocates, adjusts and publishes."""
    assignments_a(world)
    page.on("dialog", lambda dialog: dialog.accept())
    login_in_browser("docent")
    page.get_by_role("link", name="Projecten").first.click()
    page.get_by_role("link", name="Nieuw project").click()
    today = timezone.localdate()
    page.get_by_label("Titel").fill("Leerjaar 3 · Veilig bouwen")
    page.get_by_label("Periode", exact=True).fill("periode 3")
    page.get_by_label("Begindatum").fill(today.isoformat())
    page.get_by_label("Einddatum").fill((today - timezone.timedelta(days=1)).isoformat())
    # The picker searches by title, client or school.
    page.get_by_label("Opdracht zoeken").fill("groen")
    expect(page.get_by_text("1 van de 2 opdrachten zichtbaar.")).to_be_visible()
    expect(page.get_by_label("Een veilige bouwplaats")).to_be_hidden()
    page.get_by_label("Opdracht zoeken").fill("")
    page.get_by_label("Een veilige bouwplaats").check()
    page.get_by_label("Een groen schoolplein").check()
    page.get_by_label("3A (vmbo-TL)").check()
    page.get_by_label("Minimale teamgrootte").fill("2")
    page.get_by_label("Maximale teamgrootte").fill("4")
    page.get_by_label("Minimaal aantal keuzes").fill("2")
    page.get_by_label("Keuzedeadline").fill(f"{(today + timezone.timedelta(days=3)).isoformat()}T16:00")
    page.get_by_label("Deadline Plannen").fill((today + timezone.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Project aanmaken").click()
    # Bad input: a clear Dutch message, and what was typed is kept.
    expect(page.get_by_text("De einddatum ligt voor de startdatum.")).to_be_visible()
    assert page.get_by_label("Titel").input_value() == "Leerjaar 3 · Veilig bouwen"
    page.get_by_label("Einddatum").fill((today + timezone.timedelta(days=42)).isoformat())
    page.get_by_role("button", name="Project aanmaken").click()
    page.get_by_role("heading", name="Leerjaar 3 · Veilig bouwen").wait_for()
    project = Project.objects.get(title="Leerjaar 3 · Veilig bouwen")
    assert project.project_assignments.get(assignment=world.assignment_a).version_id == (
        world.assignment_a.current_version_id
    )

    # Kick-off and presentation with the client.
    page.get_by_role("link", name="Opdrachten en planning").first.click()
    pa = project.project_assignments.get(assignment=world.assignment_a)
    page.locator(f"#id_pa{pa.pk}-kickoff_at").fill(f"{(today + timezone.timedelta(days=8)).isoformat()}T13:30")
    page.locator(f"#id_pa{pa.pk}-kickoff_location").fill("Bouwkeet")
    page.get_by_role("button", name="Planning opslaan").click()
    expect(page.get_by_text("De planning is opgeslagen.")).to_be_visible()
    page.get_by_role("link", name="Overzicht", exact=True).first.click()
    page.get_by_role("button", name="Kiezen openen").click()
    expect(page.get_by_text("Kiezen is geopend")).to_be_visible()
    logout(page, live_server)

    # Journey 2: the student ranks the assignments.
    login_in_browser("leerling")
    page.get_by_role("link", name="Nu kiezen").click()
    page.get_by_label("Keuze 1").select_option(label="Een veilige bouwplaats")
    page.get_by_role("button", name="Mijn keuzes opslaan").click()
    expect(page.get_by_text("Dit veld is verplicht.").first).to_be_visible()
    page.get_by_label("Keuze 2").select_option(label="Een groen schoolplein")
    page.get_by_label("maken").check()
    page.get_by_role("button", name="Mijn keuzes opslaan").click()
    expect(page.get_by_text("Je keuzes zijn opgeslagen.")).to_be_visible()
    logout(page, live_server)

    # The teacher sees who has not chosen and adds a constraint.
    login_in_browser("docent")
    page.goto(f"{live_server.url}/projecten/{project.pk}/keuzes/")
    missing = page.locator("section", has=page.get_by_role("heading", name="Nog niet gekozen"))
    assert "Klasgenoot" in missing.inner_text() and "Leerling Demo" not in missing.inner_text()
    page.locator("#id_student_a").select_option(label="Leerling Demo")
    page.get_by_label("en leerling").select_option(label=world.classmate.get_full_name())
    page.get_by_label("moeten").select_option(label="samen in één team")
    page.get_by_role("button", name="Regel toevoegen").click()
    expect(page.get_by_text("De regel is toegevoegd.")).to_be_visible()

    # Journey 3: one button allocates and forms teams.
    page.get_by_role("link", name="Indeling", exact=True).first.click()
    expect(page.get_by_text("1 van de 2 leerlingen heeft nog niet gekozen.")).to_be_visible()
    page.get_by_role("button", name="Leerlingen indelen en teams maken").click()
    # Before the choice deadline: a confirmation that names who has not chosen.
    page.get_by_role("heading", name="Indelen voor de deadline?").wait_for()
    assert not project.teams.exists()
    page.get_by_role("button", name="Toch indelen, 1 leerling zonder keuze").click()
    expect(page.get_by_text("De leerlingen zijn ingedeeld")).to_be_visible()
    stats = page.locator(".stats").inner_text()
    assert re.search(r"1\s*1e keuze", stats) and re.search(r"1\s*geen eigen keuze", stats)
    # Why Klasgenoot got none of their choices, in plain words.
    expect(page.get_by_text("Had nog niet gekozen toen de indeling werd gemaakt").first).to_be_visible()
    team_of = dict(TeamMembership.objects.filter(project=project).values_list("student_id", "team_id"))
    assert team_of[world.leerling.pk] == team_of[world.classmate.pk]  # the constraint holds
    page.get_by_role("button", name="Publiceren voor leerlingen").click()
    page.get_by_role("heading", name="Teamoverzicht").wait_for()
    project.refresh_from_db()
    assert project.status == Project.Status.RUNNING
    logout(page, live_server)

    login_in_browser("leerling")
    page.get_by_role("link", name=re.compile(r"^Team \d+$")).first.click()
    expect(page.get_by_role("heading", name="Fase: Oriënteren")).to_be_visible()
    expect(page.get_by_text("Bouwkeet")).to_be_visible()


def test_team_workspace_and_coaching(world, live_server, page, login_in_browser):
    """Journeys 4-5: the team works through Oriënteren into Plannen; the coach
    answers, gives feedback, records a reflection conversation and a no-go/go."""
    project_a(world)
    team = world.team_a
    page.on("dialog", lambda dialog: dialog.accept())
    login_in_browser("leerling")
    page.get_by_role("link", name=team.name).first.click()
    expect(page.get_by_text("Een veilige bouwplaats").first).to_be_visible()
    expect(page.get_by_role("heading", name="Fase: Oriënteren")).to_be_visible()

    page.get_by_role("link", name="Programma van eisen").first.click()
    page.get_by_label("Nieuwe eis").fill("Het bord is waterdicht")
    page.get_by_role("button", name="Eis toevoegen").click()
    expect(page.get_by_text("Het bord is waterdicht")).to_be_visible()
    page.get_by_role("button", name="Indienen bij de opdrachtgever").click()
    expect(page.get_by_text("Wacht op beoordeling", exact=True)).to_be_visible()
    # The client approves (their side of it is the journey in test_e2e_requirements).
    services.review_requirements(world.partner, team, approve=True)
    page.reload()
    expect(page.locator(".badge-ok", has_text="Goedgekeurd")).to_be_visible()
    page.get_by_role("link", name="Overzicht", exact=True).click()
    page.get_by_role("button", name="Door naar Plannen").click()
    expect(page.get_by_role("heading", name="Fase: Plannen")).to_be_visible()

    page.get_by_role("link", name="Planbord", exact=True).click()
    page.get_by_text("Nieuwe taak").click()
    page.locator("#id_title").fill("Drie schetsen maken")
    page.locator("#id_owner_id").select_option(label=world.classmate.get_full_name())
    page.get_by_role("button", name="Taak toevoegen").click()
    card = page.locator(".task", has_text="Drie schetsen maken")
    card.get_by_label("Status van ‘Drie schetsen maken’").select_option(label="bezig")
    card.get_by_role("button", name="Verplaatsen").click()
    doing = page.locator(".board-column", has=page.get_by_role("heading", name=re.compile("Bezig")))
    assert "Drie schetsen maken" in doing.inner_text()

    page.get_by_role("link", name="Logboek", exact=True).click()
    page.get_by_label("wat hebben we gedaan, wat hebben we besloten?").fill("Schetsen gemaakt en de beste gekozen.")
    page.get_by_role("button", name="Toevoegen aan het logboek").click()
    expect(page.get_by_text("Schetsen gemaakt en de beste gekozen.")).to_be_visible()

    page.get_by_role("link", name="Producten", exact=True).click()
    page.get_by_label("Titel").fill("Plan van aanpak v1")
    page.get_by_label("Soort").select_option(label="plan van aanpak")
    page.get_by_label("Bestand").set_input_files({"name": "plan.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name="Toevoegen", exact=True).click()
    expect(page.get_by_text("‘Plan van aanpak v1’ is toegevoegd.")).to_be_visible()

    page.get_by_role("link", name="Berichten", exact=True).click()
    page.get_by_label("Bericht").fill("Mogen we de werkplaats gebruiken?")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_text("nog niet beantwoord")).to_be_visible()
    logout(page, live_server)

    # Journey 5: the coach sees who needs attention and acts.
    login_in_browser("docent")
    page.goto(f"{live_server.url}/projecten/{world.project_a.pk}/teams/")
    row = page.locator("tr", has_text=team.name)
    assert "onbeantwoorde vragen" in row.inner_text()
    row.get_by_role("link", name=team.name).click()
    page.get_by_role("link", name="Berichten", exact=True).click()
    page.get_by_label("Bericht").fill("Ja, donderdag het 3e uur.")
    page.get_by_role("button", name="Versturen").click()
    assert page.get_by_text("nog niet beantwoord").count() == 0
    page.get_by_role("link", name="Logboek", exact=True).click()
    entry = page.locator(".entry", has_text="Schetsen gemaakt")
    entry.get_by_text("Feedback geven").click()
    entry.get_by_label("Feedback").fill("Noteer ook waarom jullie deze schets kozen.")
    entry.get_by_role("button", name="Feedback versturen").click()
    expect(page.get_by_text("Noteer ook waarom jullie deze schets kozen.")).to_be_visible()
    page.get_by_role("link", name="Gesprekken", exact=True).click()
    page.locator("#id_student").select_option(label="Leerling Demo")
    page.get_by_label("Waar we het over hadden").fill("Je rol als planner.")
    page.get_by_label("Afspraken").fill("Elke maandag de taken op het planbord.")
    page.get_by_label("Eigen notitie").fill("Overbelast? Met mentor bespreken.")
    page.get_by_role("button", name="Gesprek opslaan").click()
    expect(page.get_by_text("Het gesprek is vastgelegd.")).to_be_visible()
    page.get_by_role("link", name="Overzicht", exact=True).click()
    page.get_by_role("radio", name="no-go").check()
    page.get_by_label("Motivering").fill("De taakverdeling ontbreekt nog.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("No-go: het team gaat terug")).to_be_visible()
    page.get_by_role("radio", name="go", exact=True).check()
    page.get_by_label("Motivering").fill("Nu is het plan compleet.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_role("heading", name="Fase: Uitvoeren")).to_be_visible()
    logout(page, live_server)

    login_in_browser("leerling")
    page.goto(f"{live_server.url}/projecten/teams/{team.pk}/gesprekken/")
    expect(page.get_by_text("Elke maandag de taken op het planbord.")).to_be_visible()
    assert page.get_by_text("Overbelast?").count() == 0
    page.get_by_role("link", name="Logboek", exact=True).click()
    expect(page.get_by_text("Feedback van Docent Demo")).to_be_visible()


def test_presenting_assessment_and_results(world, live_server, page, login_in_browser):
    """Journey 6: the client assesses the product, students evaluate their peers
    and themselves, the teacher sets the final result and exports CSV."""
    project = project_a(world)
    team = set_phase(world.team_a, Phase.PRESENTEREN)
    services.add_deliverable(
        world.leerling, team, title="Eindproduct: waarschuwingsbord", kind="eindproduct", url="https://example.nl/bord"
    )
    services.save_assessment(world.docent, team, role="coach", scores={"0": 2}, comment="Netjes")
    page.on("dialog", lambda dialog: dialog.accept())

    login_in_browser("partner")
    expect(page.get_by_role("heading", name="Teams aan mijn opdrachten")).to_be_visible()
    page.get_by_role("link", name="Mijn projectteams").last.click()
    page.get_by_role("link", name=team.name).click()
    expect(page.get_by_text("Eindproduct: waarschuwingsbord")).to_be_visible()
    assert "Demo" not in page.locator(".member-list").inner_text()  # first names only
    page.get_by_role("link", name="Het product beoordelen").click()
    assert page.get_by_text("Netjes").count() == 0  # never another assessor's work
    page.get_by_role("radio", name=re.compile("uitstekend")).check()
    page.get_by_label("Toelichting").fill("Hier kunnen we mee verder!")
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.get_by_text("Je beoordeling is opgeslagen.")).to_be_visible()
    assert Assessment.objects.get(team=team, role="partner").scores == {"0": 3}
    logout(page, live_server)

    login_in_browser("leerling")
    page.goto(f"{live_server.url}/projecten/teams/{team.pk}/peer-evaluatie/")
    page.locator(f"#id_contribution_{world.classmate.pk}_4").check()
    page.locator(f"#id_collaboration_{world.classmate.pk}_3").check()
    page.get_by_role("button", name="Peerbeoordeling opslaan").click()
    expect(page.get_by_text("Bedankt! Je peerbeoordeling is opgeslagen.")).to_be_visible()
    assert PeerEvaluation.objects.get(rater=world.leerling).contribution == 5
    page.get_by_role("link", name="Zelfbeoordeling", exact=True).click()
    page.get_by_role("radio", name=re.compile("goed")).first.check()
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.get_by_text("Je beoordeling is opgeslagen.")).to_be_visible()
    logout(page, live_server)

    login_in_browser("docent")
    page.goto(f"{live_server.url}/projecten/{project.pk}/resultaten/")
    row = page.locator("tr", has_text="Leerling Demo")
    assert "10.0" in row.inner_text() or "10,0" in row.inner_text()  # the client's grade, for the teacher
    row.get_by_label("Eindresultaat Leerling Demo").fill("8.1")
    page.get_by_role("button", name="Resultaten opslaan").click()
    expect(page.get_by_text("De resultaten zijn opgeslagen.")).to_be_visible()
    assert str(Result.objects.get(student=world.leerling).final_grade) == "8.1"
    with page.expect_download() as info:
        page.get_by_role("link", name="Resultaten exporteren (CSV)").click()
    content = open(info.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert rows[0][:3] == ["leerlingnummer", "naam", "klas"]
    mine = next(r for r in rows[1:] if r[0] == "leerling")  # rows in Dutch name order, whatever the database
    assert mine[:5] == ["leerling", "Leerling Demo", "3A", team.name, "Een veilige bouwplaats"]
    assert mine[rows[0].index("eindresultaat")] == "8,1"


def test_workspace_on_a_phone(world, live_server, browser, login_in_browser):
    project_a(world)
    team = Team.objects.get(pk=world.team_a.pk)
    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    login_in_browser("leerling", on=page)
    for path in ("", "planbord/", "logboek/", "producten/", "programma-van-eisen/", "berichten/", "terugkijken/"):
        page.goto(f"{live_server.url}/projecten/teams/{team.pk}/{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path or 'overview'} scrolls sideways on a phone ({width}px)"
    page.goto(f"{live_server.url}/projecten/teams/{team.pk}/planbord/")
    page.get_by_text("Nieuwe taak").click()
    page.locator("#id_title").fill("Op de telefoon gemaakt")
    page.get_by_role("button", name="Taak toevoegen").click()
    expect(page.get_by_text("Op de telefoon gemaakt", exact=True)).to_be_visible()
    context.close()
