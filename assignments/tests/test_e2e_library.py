"""Browser journeys: a partner posts a challenge, a teacher turns it into a
published assignment, a teacher of another school finds, rates and adopts it;
a school-B teacher is refused a school-A concept."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from assignments.models import Assignment, Challenge
from assignments.tests.factories import make_assignment

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def logout(page, live_server):
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_server.url}/login/")


def test_challenge_to_assignment_to_adoption(world, live_server, page, login_in_browser):
    # 1. The partner submits a challenge.
    login_in_browser("partner")
    page.get_by_role("link", name="Uitdagingen").first.click()
    page.get_by_role("link", name="Nieuwe uitdaging").click()
    page.get_by_label("Titel").fill("Veilig over de bouwplaats")
    page.get_by_label("De vraag").fill("Bezoekers weten niet waar ze mogen lopen. Hoe maken we looproutes duidelijk?")
    page.get_by_label("Waarom het ertoe doet").fill("Er waren drie bijna-ongelukken.")
    page.get_by_label("Hoe ziet een goed resultaat eruit?").fill("Een prototype van een bord dat we kunnen testen.")
    page.get_by_label("Bouw en infra").check()
    page.get_by_label("vmbo-TL").check()
    page.get_by_label("Vanaf leerjaar").select_option("2")
    page.get_by_label("Tot en met leerjaar").select_option("1")  # wrong on purpose
    page.get_by_label("kick-off bezoek").check()
    page.get_by_label("jury").check()
    page.get_by_label("Wanneer", exact=True).fill("projectweken maart")
    page.get_by_role("button", name="Uitdaging publiceren").click()
    expect(page.get_by_text("Het laatste leerjaar kan niet vóór het eerste leerjaar liggen.")).to_be_visible()
    assert page.get_by_label("Titel").input_value() == "Veilig over de bouwplaats"  # input kept
    page.get_by_label("Tot en met leerjaar").select_option("3")
    page.get_by_role("button", name="Uitdaging publiceren").click()
    expect(page.get_by_text("Je uitdaging is gepubliceerd")).to_be_visible()
    expect(page.get_by_role("heading", name="Veilig over de bouwplaats")).to_be_visible()
    expect(page.get_by_text("Kick-off bezoek")).to_be_visible()
    challenge = Challenge.objects.get(title="Veilig over de bouwplaats")
    assert challenge.partner_offers == ["kickoff", "jury"] and challenge.leerjaar_max == 3
    # The network coach of the partner's region hears about it.
    to_coach = [m for m in mail.outbox if world.netwerkcoach.email in m.to]
    assert len(to_coach) == 1 and "Veilig over de bouwplaats" in to_coach[0].subject
    logout(page, live_server)

    # 2. A teacher of the region turns it into an assignment and publishes it nationally.
    login_in_browser("docent")
    page.goto(f"{live_server.url}/opdrachten/uitdagingen/")
    page.get_by_role("link", name="Veilig over de bouwplaats").click()
    page.get_by_role("link", name="Maak er een opdracht van").click()
    assert page.get_by_label("Titel").input_value() == "Veilig over de bouwplaats"
    assert page.get_by_label("vmbo-TL").is_checked()
    page.get_by_label("Contactpersoon bij de opdrachtgever").fill("Karin van Dijk, HR-adviseur")
    page.get_by_label("samenwerken", exact=True).check()
    page.get_by_label("presenteren", exact=True).check()
    page.get_by_label("Duur in weken").fill("6")
    page.get_by_label("Past bij het examenvak Technologie & Toepassing").check()
    page.get_by_label("Criterium", exact=True).first.fill("Het prototype werkt")
    page.get_by_label("onvoldoende").first.fill("Werkt niet")
    page.get_by_label("uitstekend").first.fill("Werkt en is getest met bezoekers")
    page.get_by_role("button", name="Opslaan als concept").click()
    expect(page.get_by_text("Je opdracht is opgeslagen als concept.")).to_be_visible()
    expect(page.get_by_role("cell", name="Werkt en is getest met bezoekers")).to_be_visible()
    page.get_by_label("landelijk").check()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("De opdracht is gepubliceerd.")).to_be_visible()
    original = Assignment.objects.get(title="Veilig over de bouwplaats")
    assert original.status == "published" and original.sharing_scope == "national"
    assert original.challenge == challenge and original.client == world.partner_org
    assert original.current_version.rubric["criteria"][0]["descriptors"][0] == "Werkt niet"
    # The partner hears that a school picked up the challenge.
    assert any(world.partner.email in m.to and "Vakcollege De Brug" in m.body for m in mail.outbox)
    logout(page, live_server)

    # 3. A teacher of another school finds it, rates it and adopts it.
    login_in_browser("docent2")
    page.get_by_role("link", name="Opdrachtenbank", exact=True).click()
    page.get_by_label("Zoeken", exact=True).fill("bouwplaats")
    page.get_by_label("Niveau").select_option("vmbo-tl")
    page.get_by_label("Vaardigheid").select_option("presenteren")
    page.get_by_role("button", name="Zoeken").click()
    results = page.locator("#results")
    results.get_by_role("link", name="Veilig over de bouwplaats").wait_for()
    assert "1 opdracht gevonden" in results.inner_text()
    results.get_by_role("link", name="Veilig over de bouwplaats").click()
    page.get_by_label("4").check()
    page.get_by_label("Opmerking voor collega’s").fill("Leerlingen waren enthousiast.")
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.get_by_text("Bedankt voor je beoordeling.")).to_be_visible()
    assert (
        page.get_by_text("4.0 van de 5 (1 beoordeling)")
        .or_(page.get_by_text("4,0 van de 5 (1 beoordeling)"))
        .is_visible()
    )
    page.get_by_role("button", name="Overnemen voor mijn school").click()
    page.wait_for_url(re.compile(r"/opdrachten/\d+/bewerken/"))
    page.get_by_label("Titel").fill("Veilig over de bouwplaats (Rotterdam)")
    page.get_by_label("Wat heb je veranderd?").fill("Aangepast voor de haven")
    page.get_by_role("button", name="Opslaan als nieuwe versie").click()
    expect(page.get_by_text("Overgenomen van “Veilig over de bouwplaats” van Vakcollege De Brug.")).to_be_visible()
    copy = Assignment.objects.get(adopted_from=original)
    assert copy.owner_school == world.school_b and copy.title.endswith("(Rotterdam)")
    assert copy.versions.count() == 2
    # The original author gets an e-mail about the adoption.
    assert any(world.docent.email in m.to and "Maascollege Het Baken" in m.body for m in mail.outbox)
    logout(page, live_server)

    # The original author sees the adoption.
    login_in_browser("docent")
    expect(page.get_by_text("Maascollege Het Baken nam “Veilig over de bouwplaats” over")).to_be_visible()
    page.goto(f"{live_server.url}/opdrachten/{original.pk}/")
    expect(page.get_by_text("Gebruikt door 2 scholen.")).to_be_visible()


def test_school_b_teacher_is_refused_a_school_a_concept(world, live_server, page, login_in_browser):
    concept = make_assignment(world.docent, world.school_a, title="Geheim concept van De Brug")
    login_in_browser("docent2")
    response = page.goto(f"{live_server.url}/opdrachten/{concept.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Deze pagina bestaat niet")).to_be_visible()
    assert "Geheim concept" not in page.content()
    page.goto(f"{live_server.url}/opdrachten/?q=Geheim")
    expect(page.get_by_text("Geen opdrachten gevonden.")).to_be_visible()
