"""Browser journeys of the professional community (issue 15, journeys 1-6), in Dutch."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from community.models import Enrolment, Material, Meeting, QualityCycle, Questionnaire, Training
from community.services import quality
from community.services import training as training_services

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = "test-results"


def logout(page, live_server):
    page.goto(f"{live_server.url}/dashboard/")
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_server.url}/login/")


def open_community(page):
    page.get_by_role("link", name="Gemeenschap").first.click()
    page.get_by_role("heading", name="Professionele gemeenschap").wait_for()


def test_materials_share_find_preview_download_comment(world, live_server, page, login_in_browser, tmp_path):
    """Journey 1: a teacher shares a reflection form; a colleague finds it by
    tag and word, sees the preview, downloads it and comments."""
    page.on("dialog", lambda dialog: dialog.accept())
    login_in_browser("docent")
    open_community(page)
    page.get_by_role("link", name="Materialen").first.click()
    expect(page.get_by_text("Er is nog niets met je gedeeld.")).to_be_visible()
    page.get_by_role("link", name="Materiaal delen").click()
    page.get_by_label("Titel").fill("Reflectieformulier bedrijfsbezoek")
    page.get_by_label("Soort").select_option("reflection")
    page.get_by_label("Tags").fill("reflectie, lob, leerjaar 1")
    page.get_by_label("Gedeeld met").select_option("national")
    bad = tmp_path / "formulier.pdf"
    bad.write_bytes(b"geen pdf")
    page.get_by_label("Bestand").set_input_files(str(bad))
    page.get_by_role("button", name="Delen").click()
    expect(page.get_by_text("past niet bij de extensie")).to_be_visible()
    assert page.get_by_label("Titel").input_value() == "Reflectieformulier bedrijfsbezoek"
    good = tmp_path / "formulier.txt"
    good.write_text("Wat zag ik?\nWat vond ik interessant?\n", encoding="utf-8")
    page.get_by_label("Bestand").set_input_files(str(good))
    page.get_by_role("button", name="Delen").click()
    page.get_by_role("heading", name="Reflectieformulier bedrijfsbezoek").wait_for()
    expect(page.locator("pre.cm-preview-text")).to_contain_text("Wat zag ik?")
    page.screenshot(path=f"{SHOTS}/community-material-1280.png", full_page=True)
    logout(page, live_server)

    login_in_browser("docent2")
    page.goto(f"{live_server.url}/gemeenschap/materialen/")
    page.get_by_role("link", name="lob (1)").click()
    expect(page.get_by_role("link", name="Reflectieformulier bedrijfsbezoek")).to_be_visible()
    page.get_by_label("Zoeken").fill("bedrijfsbezoeken")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_role("link", name="Reflectieformulier bedrijfsbezoek").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Downloaden").click()
    assert download.value.suggested_filename == "formulier.txt"
    page.get_by_label("Je reactie").fill("Gebruikt in 2A, werkt goed!")
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.get_by_text("Gebruikt in 2A, werkt goed!")).to_be_visible()
    page.goto(f"{live_server.url}/gemeenschap/materialen/?sort=used")
    expect(page.get_by_text("1 download")).to_be_visible()
    assert Material.objects.get().download_count == 1
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=f"{SHOTS}/community-materials-375.png", full_page=True)


def test_question_best_answer_and_consultation_visit(world, live_server, page, login_in_browser):
    """Journey 2: docent asks, docent2 answers, docent marks the best answer;
    docent asks to visit school B, docent2 proposes a date, docent confirms
    and records the findings."""
    page.on("dialog", lambda dialog: dialog.accept())
    login_in_browser("docent")
    page.goto(f"{live_server.url}/gemeenschap/vragen/")
    page.get_by_role("link", name="Stel een vraag").click()
    page.get_by_label("Je vraag").fill("Wie heeft ervaring met een zorgopdracht in leerjaar 1?")
    page.get_by_role("button", name="Vraag plaatsen").click()
    expect(page.get_by_text("Je vraag is geplaatst.")).to_be_visible()
    page.goto(f"{live_server.url}/gemeenschap/bezoeken/nieuw/")
    page.get_by_label("School die je wilt bezoeken").select_option(
        label=f"{world.school_b.name} ({world.school_b.city}, {world.network_b.name})"
    )
    page.get_by_label("Focusvraag").fill("Hoe organiseren jullie de presentaties?")
    page.get_by_role("button", name="Aanvraag versturen").click()
    expect(page.get_by_text("Je verzoek is naar de school gestuurd.")).to_be_visible()
    logout(page, live_server)

    login_in_browser("docent2")
    page.get_by_role("link", name="Meldingen").click()
    page.get_by_role("link", name="vraagt om een bezoek").first.click()
    page.get_by_label("Voorgestelde datum").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Datum voorstellen").click()
    expect(page.get_by_text("De datum is voorgesteld")).to_be_visible()
    page.goto(f"{live_server.url}/gemeenschap/vragen/")
    page.get_by_role("link", name="Wie heeft ervaring met een zorgopdracht in leerjaar 1?").click()
    page.get_by_label("Je antwoord").fill("Ja, met een verpleeghuis. Laat de zorgmedewerker de vraag zelf vertellen.")
    page.get_by_role("button", name="Antwoord plaatsen").click()
    expect(page.get_by_text("Je antwoord is geplaatst.")).to_be_visible()
    logout(page, live_server)

    login_in_browser("docent")
    page.goto(f"{live_server.url}/gemeenschap/vragen/")
    page.get_by_role("link", name="Wie heeft ervaring met een zorgopdracht in leerjaar 1?").click()
    page.get_by_role("button", name="Markeer als beste antwoord").click()
    expect(page.get_by_text("Beste antwoord", exact=True)).to_be_visible()
    page.goto(f"{live_server.url}/gemeenschap/bezoeken/")
    page.get_by_role("link", name="Hoe organiseren jullie de presentaties?").click()
    page.get_by_role("button", name="Bevestig de datum").click()
    expect(page.get_by_text("Het bezoek is ingepland.")).to_be_visible()
    page.get_by_label("Bevindingen").fill("Teams presenteren bij de opdrachtgever.")
    page.get_by_label("Afspraken").fill("Terugbezoek in periode 3.")
    page.get_by_role("button", name="Verslag opslaan").click()
    expect(page.get_by_text("De bevindingen en afspraken zijn vastgelegd.")).to_be_visible()
    expect(page.get_by_text("verslag vastgelegd")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/community-visit-1280.png", full_page=True)


def test_network_meeting_minutes_actions_and_working_group(world, live_server, page, login_in_browser):
    """Journey 3: the coach plans a meeting, a school confirms, minutes and
    an action are recorded, the next meeting's agenda carries the action;
    the year at a glance; notes per school; the office starts a working group."""
    page.on("dialog", lambda dialog: dialog.accept())
    login_in_browser("netwerkcoach")
    page.goto(f"{live_server.url}/gemeenschap/bijeenkomsten/")
    page.get_by_role("link", name="Bijeenkomst plannen voor Utrecht").click()
    start = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Titel").fill("Netwerkbijeenkomst najaar")
    page.get_by_label("Begint om").fill(f"{start.isoformat()}T15:00")
    page.get_by_label("Eindigt om").fill(f"{start.isoformat()}T14:00")
    page.get_by_label("Locatie").fill("Amersfoort")
    page.get_by_label("Agenda").fill("Opening\nErvaringen delen")
    page.get_by_role("button", name="Bijeenkomst plannen").click()
    expect(page.get_by_text("De bijeenkomst moet eindigen na de start.")).to_be_visible()
    page.get_by_label("Eindigt om").fill(f"{start.isoformat()}T17:00")
    page.get_by_role("button", name="Bijeenkomst plannen").click()
    page.get_by_role("heading", name="Netwerkbijeenkomst najaar").wait_for()
    logout(page, live_server)

    login_in_browser("coordinator")
    page.goto(f"{live_server.url}/gemeenschap/bijeenkomsten/")
    page.get_by_role("link", name="Netwerkbijeenkomst najaar").click()
    page.get_by_label("we komen").check()
    page.get_by_label("Aantal personen").fill("2")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("1 school komt")).to_be_visible()
    logout(page, live_server)

    login_in_browser("netwerkcoach")
    meeting = Meeting.objects.get(title="Netwerkbijeenkomst najaar")
    page.goto(f"{live_server.url}/gemeenschap/bijeenkomsten/{meeting.pk}/")
    page.get_by_label("Verslag").fill("Zes scholen aanwezig. Rubrics worden gedeeld.")
    page.get_by_role("button", name="Verslag opslaan").click()
    page.get_by_role("textbox", name="Actiepunt", exact=True).fill("Rubric delen in de materialenbank")
    page.get_by_label("Eigenaar").select_option(label="Docent Demo")
    page.get_by_label("Uiterlijk op").fill((start + datetime.timedelta(days=14)).isoformat())
    page.get_by_role("button", name="Actiepunt toevoegen").click()
    expect(page.get_by_text("Het actiepunt is toegevoegd")).to_be_visible()
    page.goto(f"{live_server.url}/gemeenschap/netwerken/{world.network_a.pk}/bijeenkomst/")
    later = start + datetime.timedelta(days=42)
    page.get_by_label("Titel").fill("Netwerkbijeenkomst winter")
    page.get_by_label("Begint om").fill(f"{later.isoformat()}T15:00")
    page.get_by_label("Eindigt om").fill(f"{later.isoformat()}T17:00")
    page.get_by_label("Locatie").fill("Utrecht")
    page.get_by_role("button", name="Bijeenkomst plannen").click()
    expect(page.get_by_text("Opvolging: Rubric delen in de materialenbank")).to_be_visible()
    page.goto(f"{live_server.url}/gemeenschap/netwerken/{world.network_a.pk}/jaar/")
    expect(page.get_by_role("heading", name="Netwerkbijeenkomst najaar")).to_be_visible()
    expect(page.get_by_text("1 open actiepunt")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/community-year-1280.png", full_page=True)
    page.goto(f"{live_server.url}/gemeenschap/kwaliteit/netwerk/")
    page.get_by_role("row", name=world.school_a.name).get_by_role("link", name="Notities").click()
    page.get_by_label("Soort").select_option("support")
    page.get_by_label("Opmerking").fill("Hulp nodig bij de jaarplanning.")
    page.get_by_role("button", name="Notitie opslaan").click()
    expect(page.get_by_text("Hulp nodig bij de jaarplanning.")).to_be_visible()
    logout(page, live_server)

    login_in_browser("docent2")  # another network: no access to network A's meeting
    response = page.goto(f"{live_server.url}/gemeenschap/bijeenkomsten/{meeting.pk}/")
    assert response.status == 404
    logout(page, live_server)

    login_in_browser("bureau")
    page.goto(f"{live_server.url}/gemeenschap/werkgroepen/")
    page.get_by_role("link", name="Nieuwe werkgroep").click()
    page.get_by_label("Naam").fill("Werkgroep havo")
    page.get_by_label("Thema").fill("havo")
    page.get_by_role("button", name="Aanmaken").click()
    page.get_by_role("link", name="Bijeenkomst plannen").click()
    page.get_by_label("Titel").fill("Werkgroep havo: start")
    page.get_by_label("Begint om").fill(f"{start.isoformat()}T10:00")
    page.get_by_label("Eindigt om").fill(f"{start.isoformat()}T12:00")
    page.get_by_label("Locatie").fill("Online")
    page.get_by_role("button", name="Bijeenkomst plannen").click()
    page.get_by_role("heading", name="Werkgroep havo: start").wait_for()


def test_whos_who_is_opt_in_and_searchable(world, live_server, page, login_in_browser):
    """Journey 4."""
    login_in_browser("docent")
    page.goto(f"{live_server.url}/gemeenschap/wie-is-wie/")
    page.get_by_role("link", name="Zet mij in Wie is wie").click()
    page.get_by_label("Vakken").fill("Techniek")
    page.get_by_label("Waar ik ervaring mee heb").fill("Een zorgopdracht in leerjaar 1 met een verpleeghuis.")
    page.get_by_label("Ervaringstags").fill("zorg, leerjaar 1")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het is niet zichtbaar")).to_be_visible()
    page.get_by_role("link", name="Mijn profiel bewerken").click()
    page.get_by_label("Toon mij in het overzicht van TechMakers-collega's").check()
    page.get_by_role("button", name="Opslaan").click()
    logout(page, live_server)
    login_in_browser("docent2")
    page.goto(f"{live_server.url}/gemeenschap/wie-is-wie/")
    page.get_by_label("Zoeken").fill("zorgopdracht leerjaar 1")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", name="Docent Demo")).to_be_visible()
    expect(page.get_by_text("1 collega gevonden")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/community-directory-1280.png", full_page=True)
    logout(page, live_server)
    login_in_browser("leerling")
    assert page.goto(f"{live_server.url}/gemeenschap/wie-is-wie/").status == 403


def test_training_capacity_waiting_list_and_record(world, live_server, page, login_in_browser):
    """Journey 5: the office publishes a workshop with one place; docent gets
    it, the coordinator waits; docent cancels and the coordinator moves up;
    attendance builds the team record."""
    page.on("dialog", lambda dialog: dialog.accept())
    login_in_browser("bureau")
    page.goto(f"{live_server.url}/gemeenschap/scholing/")
    page.get_by_role("link", name="Nieuwe scholing").click()
    day = timezone.localdate() + datetime.timedelta(days=10)
    page.get_by_label("Titel").fill("Workshop beoordelen met rubrics")
    page.get_by_label("Beschrijving").fill("Product en proces apart beoordelen.")
    page.get_by_label("Verplicht voor nieuwe teams").check()
    page.get_by_label("Begint om").fill(f"{day.isoformat()}T13:00")
    page.get_by_label("Eindigt om").fill(f"{day.isoformat()}T16:00")
    page.get_by_label("Locatie").fill("Utrecht")
    page.get_by_label("Plaatsen").fill("1")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De scholing staat in het aanbod.")).to_be_visible()
    logout(page, live_server)
    login_in_browser("docent")
    page.goto(f"{live_server.url}/gemeenschap/scholing/")
    page.get_by_role("link", name="Workshop beoordelen met rubrics").click()
    page.get_by_role("button", name="Inschrijven").click()
    expect(page.get_by_text("Je bent ingeschreven.").first).to_be_visible()
    logout(page, live_server)
    login_in_browser("coordinator")
    page.goto(f"{live_server.url}/gemeenschap/scholing/")
    page.get_by_role("link", name="Workshop beoordelen met rubrics").click()
    page.get_by_role("button", name="Op de wachtlijst").click()
    expect(page.get_by_text("Je bent nummer 1 op de wachtlijst.")).to_be_visible()
    logout(page, live_server)
    login_in_browser("docent")
    page.goto(f"{live_server.url}/gemeenschap/scholing/")
    page.get_by_role("link", name="Workshop beoordelen met rubrics").click()
    page.get_by_role("button", name="Uitschrijven").click()
    expect(page.get_by_text("Je bent uitgeschreven.")).to_be_visible()
    logout(page, live_server)
    training = Training.objects.get()
    assert Enrolment.objects.get(training=training, user=world.coordinator).status == "enrolled"
    training_services.record_attendance(
        world.bureau,
        training,
        present_ids=[e.pk for e in training.enrolments.filter(status="enrolled")],
        now=timezone.make_aware(datetime.datetime.combine(day, datetime.time(17))),
    )
    login_in_browser("coordinator")
    page.get_by_role("link", name="Meldingen").click()
    expect(page.get_by_text("Er is een plaats vrijgekomen")).to_be_visible()
    page.goto(f"{live_server.url}/gemeenschap/scholing/team/")
    expect(page.get_by_role("row", name="Coordinator Demo")).to_contain_text("Workshop beoordelen met rubrics")
    expect(page.get_by_role("row", name="Docent Demo")).to_contain_text("Workshop beoordelen met rubrics")
    page.screenshot(path=f"{SHOTS}/community-team-1280.png", full_page=True)


def test_quality_cycle_step_by_step_with_results(world, live_server, page, login_in_browser):
    """Journey 6: the coordinator starts the cycle and opens the teachers'
    questionnaire; a teacher answers from the dashboard; after closing, the
    results show as a chart with a table; Dream and Design; the coach sees
    where the school stands."""
    page.on("dialog", lambda dialog: dialog.accept())
    login_in_browser("coordinator")
    page.goto(f"{live_server.url}/gemeenschap/kwaliteit/")
    page.get_by_role("button", name="Kwaliteitscyclus starten").click()
    expect(page.get_by_text("De kwaliteitscyclus is gestart.")).to_be_visible()
    page.get_by_role("link", name="Wat werkt goed: docenten").click()
    page.get_by_role("button", name="Vragenlijst openen").click()
    expect(page.get_by_text("De vragenlijst is open.")).to_be_visible()
    logout(page, live_server)

    login_in_browser("docent")
    page.get_by_role("link", name="Wat werkt goed: docenten").click()
    page.get_by_label("helemaal eens").first.check()
    page.get_by_label("Wat werkt het best in TechMakers op onze school?").fill("Echte opdrachtgevers.")
    page.get_by_role("button", name="Antwoorden versturen").click()
    expect(page.get_by_role("heading", name="Bedankt!")).to_be_visible()
    logout(page, live_server)
    cycle = QualityCycle.objects.get(school=world.school_a)
    teachers = cycle.questionnaires.get(audience=Questionnaire.Audience.TEACHERS)
    items = list(teachers.items.all())
    for score in (4, 4, 5, 3):
        quality.submit_response(None, teachers, scores={i.pk: score for i in items if i.kind == "likert"}, texts={})

    login_in_browser("coordinator")
    page.goto(f"{live_server.url}/gemeenschap/kwaliteit/{cycle.pk}/")
    page.get_by_role("link", name="Wat werkt goed: docenten").click()
    page.get_by_role("button", name="Sluiten en resultaten tonen").click()
    expect(page.get_by_role("heading", name="Wat werkt goed: docenten")).to_be_visible()
    expect(page.locator("svg.cm-chart")).to_be_visible()
    expect(page.get_by_role("row", name="De TechMakers-projecten werken goed in mijn lessen.")).to_contain_text("n=5")
    page.screenshot(path=f"{SHOTS}/community-results-1280.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    page.screenshot(path=f"{SHOTS}/community-results-375.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/gemeenschap/kwaliteit/{cycle.pk}/")
    page.get_by_role("button", name="Door naar de volgende stap").click()
    page.get_by_label("Wat zou kunnen").fill("Elke leerling werkt voor een echte opdrachtgever.")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.get_by_role("button", name="Door naar de volgende stap").click()
    page.get_by_role("textbox", name="Verbetering", exact=True).fill("Meer partners in leerjaar 1")
    page.get_by_role("button", name="Verbetering toevoegen").click()
    page.get_by_role("button", name="Door naar de volgende stap").click()
    expect(page.locator(".step-current")).to_contain_text("Doen")
    page.screenshot(path=f"{SHOTS}/community-cycle-1280.png", full_page=True)
    logout(page, live_server)

    login_in_browser("netwerkcoach")
    page.goto(f"{live_server.url}/gemeenschap/kwaliteit/")
    page.get_by_role("link", name="Waar de scholen staan").click()
    expect(page.get_by_role("row", name=world.school_a.name)).to_contain_text("Doen")
    page.screenshot(path=f"{SHOTS}/community-overview-1280.png", full_page=True)
