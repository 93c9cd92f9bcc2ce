"""Browser journeys of the LOB portfolio (issue 5): experiences appear and are
added (1), reflection before/after with autosaved drafts that survive an
error and an expired session (2), the richtingsgevoel dashboard (3), the coach
view with shared conversations and private notes (5), the transfer dossier
PDF (6)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.signals import ExperienceHappened, tell_experience_happened
from portfolio.models import Experience
from portfolio.tests.factories import reflected
from portfolio.tests.pdftext import pdf_text

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def project_finished(world, key="projects.teammembership:41", title="Project: tiny house voor de gemeente"):
    """What the projects app sends when a project is finished."""
    tell_experience_happened(
        object,
        ExperienceHappened(
            student=world.leerling,
            source_key=key,
            kind="project",
            title=title,
            date=timezone.localdate() - datetime.timedelta(days=3),
            sector_slugs=("bouw", "techniek"),
            partner_id=world.partner_org.pk,
            details={"client": "Bouwbedrijf Van Dijk", "role_in_team": "Bouwer", "team_id": 41},
        ),
    )


def test_journey_1_and_2_experiences_appear_are_added_and_reflected_on(world, live_server, login_in_browser, page):
    project_finished(world)
    login_in_browser("leerling")
    page.get_by_role("link", name="Portfolio").first.click()
    expect(page.get_by_role("heading", name="Mijn portfolio")).to_be_visible()
    item = page.locator(".pf-item", has_text="Project: tiny house voor de gemeente")
    expect(item.get_by_text("vanzelf toegevoegd")).to_be_visible()
    expect(item.get_by_text("Nog niet gereflecteerd")).to_be_visible()

    # The student adds an open day of their own.
    page.get_by_role("link", name="Ervaring toevoegen").click()
    page.get_by_label("Soort ervaring").select_option(label="Open dag")
    page.get_by_label("Wat was het?").fill("Open dag MBO Utrecht")
    page.get_by_label("Datum").fill((timezone.localdate() - datetime.timedelta(days=1)).isoformat())
    page.get_by_label("Techniek").check()
    page.get_by_label("ICT en media").check()
    page.get_by_role("button", name="Toevoegen en reflecteren").click()
    expect(page.get_by_role("heading", name="Reflecteren: Open dag MBO Utrecht")).to_be_visible()

    # One step at a time, with the progress shown; only "after" for a day that has passed.
    expect(page.get_by_text("Stap 1 van 6: Wat er gebeurde")).to_be_visible()
    assert page.get_by_label("Wat wil je te weten komen of leren?").count() == 0

    # Typing saves a draft by itself.
    page.get_by_label("Wat zegt dit over jou?").fill("Ik werk graag met mijn handen")
    page.get_by_text(re.compile(r"Concept opgeslagen om \d\d:\d\d")).wait_for()
    page.reload()
    assert page.get_by_label("Wat zegt dit over jou?").input_value() == "Ik werk graag met mijn handen"

    # Saving the step without the heart of it: a Dutch error, nothing typed is lost.
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_text("Schrijf in een paar woorden wat je deed en wat er gebeurde")).to_be_visible()
    assert page.get_by_label("Wat zegt dit over jou?").input_value() == "Ik werk graag met mijn handen"

    # An expired session while typing: the text stays on the device and comes back after logging in.
    page.context.clear_cookies(name="sessionid")
    page.get_by_label("Wat heb je gedaan en wat gebeurde er?").fill("De werkplaats gezien en met studenten gepraat")
    page.get_by_text("Je bent uitgelogd").wait_for()
    login_in_browser("leerling")
    experience = Experience.objects.get(title="Open dag MBO Utrecht")
    page.goto(f"{live_server.url}/portfolio/ervaringen/{experience.pk}/reflectie/")
    expect(page.get_by_text("We hebben de tekst teruggezet")).to_be_visible()
    what = page.get_by_label("Wat heb je gedaan en wat gebeurde er?")
    assert what.input_value() == "De werkplaats gezien en met studenten gepraat"
    page.get_by_role("button", name="Opslaan en verder").click()

    expect(page.get_by_text("Stap 2 van 6: Sectoren")).to_be_visible()
    page.get_by_role("group", name="Hoe leuk vind je Techniek?").get_by_label("4 – best wel").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_text("Geef ICT en media een score van 1 tot 5.")).to_be_visible()
    assert page.get_by_role("group", name="Hoe leuk vind je Techniek?").get_by_label("4 – best wel").is_checked()
    page.get_by_role("group", name="Hoe leuk vind je ICT en media?").get_by_label("2 – niet echt").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_text("Stap 3 van 6: Hoe het ging")).to_be_visible()
    experience.refresh_from_db()
    assert experience.reflected_at is not None  # the look back is complete; the rest is extra
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_text("Stap 5 van 6: Kwaliteiten")).to_be_visible()
    page.get_by_label("nieuwsgierig").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(page.get_by_text("Stap 6 van 6: Wat je belangrijk vindt")).to_be_visible()
    page.get_by_role("button", name="Opslaan en klaar").click()
    expect(page.get_by_text("Je reflectie staat in je portfolio.")).to_be_visible()
    expect(page.get_by_text("De werkplaats gezien en met studenten gepraat")).to_be_visible()
    assert page.locator(".pf-chip", has_text="Techniek").first.inner_text().replace("\n", " ").endswith("4/5")
    assert sorted(experience.affinities.values_list("sector__slug", "score")) == [("ict-media", 2), ("techniek", 4)]


def test_journey_3_richtingsgevoel_dashboard(world, live_server, login_in_browser, page, browser):
    reflected(world.leerling, title="Bedrijfsbezoek bouw", scores={"bouw": 5, "techniek": 4}, days_ago=300)
    reflected(world.leerling, title="Gastles zorg", kind="gastles", scores={"zorg-en-welzijn": 2}, days_ago=30)
    reflected(world.leerling, title="Project techniek", kind="project", scores={"techniek": 5, "bouw": 2}, days_ago=5)
    login_in_browser("leerling")
    page.goto(f"{live_server.url}/portfolio/richtingsgevoel/")
    chart = page.get_by_role("img", name="Hoe leuk je elke sector vindt (1 tot 5)")
    expect(chart).to_be_visible()
    assert chart.locator("rect.bar-high").count() == 1  # only Techniek is high (>= 3,5)
    assert chart.locator("rect.bar-low").count() == 1  # Zorg en welzijn 2
    # The same data as a table for screen readers, the recent experience weighing more.
    rows = page.locator("table:has(caption:text('Hoe leuk je elke sector vindt')) tbody tr")
    assert rows.first.locator("th").inner_text() == "Techniek"
    # Bouw: 5 long ago, 2 last week -> 2,7 (not the plain average 3,5).
    assert rows.filter(has_text="Bouw en infra").locator("td").first.inner_text() == "2,7"
    assert page.get_by_text("Hoe recenter een ervaring, hoe zwaarder hij telt", exact=False).count() == 1
    expect(page.get_by_role("img", name="Hoe je richtingsgevoel groeide")).to_be_visible()
    profiles = page.locator("section", has=page.get_by_role("heading", name="Profielen die bij je passen"))
    assert "vmbo-profiel" in profiles.locator("li").first.inner_text()
    assert "Techniek 4,8" in profiles.locator("li").first.inner_text()  # explained with the numbers
    suggestions = page.locator(".rg-suggestion li")
    assert suggestions.count() >= 3
    suggestions.first.get_by_text("Waarom deze tip?").click()
    expect(suggestions.first.locator("details p")).to_be_visible()
    expect(page.get_by_text("Horeca en voeding").first).to_be_visible()  # not explored yet

    # On a phone: no sideways scrolling.
    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 740}, is_mobile=True)
    context.add_cookies(page.context.cookies())
    phone = context.new_page()
    phone.goto(f"{live_server.url}/portfolio/richtingsgevoel/")
    expect(phone.get_by_role("img", name="Hoe leuk je elke sector vindt (1 tot 5)")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()


def test_journey_5_coach_view(world, live_server, login_in_browser, page):
    reflected(world.leerling, title="Bedrijfsbezoek bouw", scores={"bouw": 5})
    reflected(world.classmate, title="Oude gastles", scores={"zorg-en-welzijn": 3},
              at=timezone.now() - datetime.timedelta(days=60))  # fmt: skip
    login_in_browser("docent")
    page.get_by_role("link", name="LOB-coach").click()
    page.get_by_role("link", name="3A").click()
    classmate_row = page.locator("tr", has_text=world.classmate.get_full_name())
    expect(classmate_row.get_by_text("even aansporen")).to_be_visible()
    leerling_row = page.locator("tr", has_text=world.leerling.get_full_name())
    assert leerling_row.get_by_text("even aansporen").count() == 0
    expect(leerling_row.get_by_text("Bouw en infra")).to_be_visible()

    leerling_row.get_by_role("link", name=world.leerling.get_full_name()).click()
    expect(page.get_by_role("heading", name=f"Portfolio van {world.leerling.get_full_name()}")).to_be_visible()
    name = world.leerling.first_name
    expect(page.get_by_role("img", name=f"Hoe leuk {name} elke sector vindt (1 tot 5)").first).to_be_visible()

    notes = page.locator("#notities")
    expect(notes.get_by_text("Niet gedeeld")).to_be_visible()
    notes.get_by_role("textbox", name="Privénotitie").fill("Moeder belt over stage; vertrouwelijk")
    notes.get_by_role("button", name="Privénotitie opslaan").click()
    expect(page.locator("#notities").get_by_text("Moeder belt over stage; vertrouwelijk")).to_be_visible()

    page.get_by_role("link", name="Loopbaangesprek vastleggen").first.click()
    page.get_by_label("Wat de leerling vertelde").fill("De bouwplaats was geweldig")
    page.get_by_label("Feedback van de coach").fill("Mooi dat je doorvroeg")
    page.get_by_label("Afspraken en volgende stap").fill("Beroepsgesprek met een installateur regelen")
    page.get_by_role("button", name="Gesprek opslaan").click()
    expect(page.get_by_text("Beroepsgesprek met een installateur regelen")).to_be_visible()

    # The student sees the agreement, never the private note.
    page.context.clear_cookies()
    login_in_browser("leerling")
    page.goto(f"{live_server.url}/portfolio/")
    expect(page.get_by_text("Beroepsgesprek met een installateur regelen")).to_be_visible()
    assert "vertrouwelijk" not in page.content()


def test_journey_6_transfer_dossier_pdf(world, live_server, login_in_browser, page):
    reflected(world.leerling, title="Bedrijfsbezoek Bouwbedrijf Van Dijk", scores={"bouw": 5, "techniek": 4})
    login_in_browser("leerling")
    page.goto(f"{live_server.url}/portfolio/")
    page.get_by_role("link", name="Overstapdossier").click()
    page.get_by_label("Welke opleiding kies je (of overweeg je)?").fill("Mbo Installatietechniek niveau 3")
    page.get_by_label("Waarom deze volgende stap?").fill("Bij het bedrijfsbezoek merkte ik dat bouwen bij me past.")
    page.get_by_label("Het advies van mijn mentor mag mee in mijn overstapdossier.").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Je overstapdossier is opgeslagen.")).to_be_visible()

    page.get_by_role("button", name="Mijn overstapdossier maken (PDF)").click()
    download_link = page.get_by_role("link", name="PDF downloaden").first
    download_link.wait_for()
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    data = open(download.path(), "rb").read()
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert world.leerling.get_full_name() in text
    assert "Bedrijfsbezoek Bouwbedrijf Van Dijk" in text
    assert "Mbo Installatietechniek niveau 3" in text
