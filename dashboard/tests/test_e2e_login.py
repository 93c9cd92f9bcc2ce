"""Browser journeys: every demo role logs in and sees its dashboard; a teacher
cannot reach another school's student."""

import pytest
from playwright.sync_api import expect

from conftest import PERSONAS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# What each role's dashboard must show (a panel heading of its own).
DASHBOARD_MARKERS = {
    "leerling": "Mijn school",
    "leerling2": "Mijn school",
    "docent": "Mijn klassen",
    "docent2": "Mijn klassen",
    "coordinator": "Vakcollege De Brug",
    "netwerkcoach": "Scholen in mijn netwerk",
    "partner": "Bouwbedrijf Van Dijk",
    "bureau": "Het consortium",
}


@pytest.mark.parametrize("username", PERSONAS)
def test_every_role_logs_in_sees_dashboard_and_logs_out(world, live_server, login_in_browser, username):
    page = login_in_browser(username)
    assert page.locator("html").get_attribute("lang") == "nl"
    expect(page.get_by_role("heading", name=DASHBOARD_MARKERS[username]).first).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{live_server.url}/login/")
    page.goto(f"{live_server.url}/dashboard/")
    assert "/login/" in page.url


def test_wrong_password_gets_generic_dutch_message_and_keeps_username(world, live_server, page):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Gebruikersnaam").fill("docent")
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    alert = page.get_by_role("alert")
    assert "gebruikersnaam" in alert.inner_text().lower()
    assert page.get_by_label("Gebruikersnaam").input_value() == "docent"


def test_teacher_cannot_reach_another_schools_student(world, live_server, login_in_browser):
    page = login_in_browser("docent")
    page.goto(f"{live_server.url}/leerlingen/{world.leerling.pk}/")
    expect(page.get_by_role("heading", name=world.leerling.get_full_name())).to_be_visible()
    response = page.goto(f"{live_server.url}/leerlingen/{world.leerling2.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Deze pagina bestaat niet")).to_be_visible()
    assert world.leerling2.get_full_name() not in page.content()


def test_dashboard_works_on_a_phone(world, live_server, browser, login_in_browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    login_in_browser("leerling", on=page)
    # The menu is folded away on a phone and opens with a tap.
    page.get_by_text("Menu", exact=True).click()
    expect(page.get_by_role("link", name="Dashboard")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page scrolls sideways on a phone ({width}px)"
    context.close()
