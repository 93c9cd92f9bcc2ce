"""Browser journeys for issue 11 (7, 9, 10) and issue 13 (1, 11): the
reflection in steps on a phone, drafts on a shared computer, the expired
session in the page's language, the coach view. Screenshots of each step and
of the coach view at 375 and 1280 px go to /tmp/shots-portfolio/."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.testing.quality import axe_violations
from portfolio.tests.factories import ExperienceFactory, reflected

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots-portfolio")
PHONE = {"width": 375, "height": 740}
LAPTOP = {"width": 1280, "height": 900}


def shoot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def no_sideways_scroll(page):
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(locale="nl-NL", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def test_reflection_steps_on_a_phone(world, live_server, login_in_browser, phone, page):
    past = ExperienceFactory(
        student=world.leerling,
        kind="bedrijfsbezoek",
        title="Bedrijfsbezoek Bouwbedrijf Van Dijk",
        date=timezone.localdate() - datetime.timedelta(days=2),
        sectors=["bouw", "techniek"],
    )
    past.reflection.goals = "Zien hoe een huis gebouwd wordt."
    past.reflection.save()
    future = ExperienceFactory(
        student=world.leerling,
        kind="meeloopdag",
        title="Meeloopdag MBO Utrecht",
        date=timezone.localdate() + datetime.timedelta(days=9),
        sectors=["techniek"],
    )
    login_in_browser("leerling", on=phone)
    phone.goto(f"{live_server.url}/portfolio/ervaringen/{future.pk}/reflectie/")
    # Still to come: only "before", one step.
    expect(phone.get_by_text("Stap 1 van 1: Vooraf: voorbereiden")).to_be_visible()
    assert phone.get_by_label("Wat heb je gedaan en wat gebeurde er?").count() == 0
    no_sideways_scroll(phone)
    shoot(phone, "reflect-vooraf-375")
    phone.get_by_role("button", name="Voorbereiding opslaan").click()
    expect(phone.get_by_text("Schrijf op wat je wilt ontdekken of leren")).to_be_visible()
    phone.get_by_label("Wat wil je te weten komen of leren?").fill("Hoe een dag in de werkplaats gaat")
    phone.get_by_role("button", name="Voorbereiding opslaan").click()
    expect(phone.get_by_text("Je voorbereiding is opgeslagen.")).to_be_visible()
    expect(phone.locator(".badge", has_text="Voorbereid").first).to_be_visible()
    assert phone.get_by_text("Gereflecteerd", exact=True).count() == 0

    # Happened: the look back in steps, progress shown, each step short.
    phone.goto(f"{live_server.url}/portfolio/ervaringen/{past.pk}/reflectie/")
    names = ["terugblik", "sectoren", "evaluatie", "loopbaan", "kwaliteiten", "motieven"]
    expect(phone.get_by_text("Stap 1 van 6: Wat er gebeurde")).to_be_visible()
    assert phone.locator("progress.pf-step-bar").get_attribute("value") == "1"
    for number, name in enumerate(names, start=1):
        expect(phone.get_by_text(f"Stap {number} van 6")).to_be_visible()
        no_sideways_scroll(phone)
        assert axe_violations(phone) == []
        shoot(phone, f"reflect-{number}-{name}-375")
        if name == "terugblik":
            phone.get_by_text("Wat je vooraf schreef").click()
            expect(phone.get_by_text("Zien hoe een huis gebouwd wordt.")).to_be_visible()
            phone.get_by_label("Wat heb je gedaan en wat gebeurde er?").fill("Een wand gesteld op de bouwplaats")
        if name in ("kwaliteiten", "motieven"):  # one question a step: about a screen on a phone
            assert phone.evaluate("document.documentElement.scrollHeight") < 2 * PHONE["height"]
        if name == "sectoren":
            phone.get_by_role("group", name="Hoe leuk vind je Bouw en infra?").get_by_label("5 – heel erg").check()
            phone.get_by_role("group", name="Hoe leuk vind je Techniek?").get_by_label("4 – best wel").check()
            # Going back keeps what is typed; so does coming forward again.
            phone.get_by_role("button", name="Vorige").click()
            expect(phone.get_by_text("Stap 1 van 6")).to_be_visible()
            assert phone.get_by_label("Wat heb je gedaan en wat gebeurde er?").input_value().startswith("Een wand")
            phone.get_by_role("button", name="Opslaan en verder").click()
            group = phone.get_by_role("group", name="Hoe leuk vind je Bouw en infra?")
            assert group.get_by_label("5 – heel erg").is_checked()
        button = "Opslaan en klaar" if name == names[-1] else "Opslaan en verder"
        phone.get_by_role("button", name=button).click()
    expect(phone.get_by_text("Je reflectie staat in je portfolio.")).to_be_visible()
    past.refresh_from_db()
    assert past.reflected_at is not None

    # The same steps on a laptop.
    page.context.add_cookies(phone.context.cookies())
    page.goto(f"{live_server.url}/portfolio/ervaringen/{past.pk}/reflectie/?stap=terugblik")
    shoot(page, "reflect-1-terugblik-1280")
    page.goto(f"{live_server.url}/portfolio/ervaringen/{past.pk}/reflectie/?stap=sectoren")
    shoot(page, "reflect-2-sectoren-1280")
    page.goto(f"{live_server.url}/portfolio/ervaringen/{future.pk}/reflectie/")
    shoot(page, "reflect-vooraf-1280")
    page.goto(f"{live_server.url}/portfolio/")
    shoot(page, "portfolio-home-1280")


def test_two_students_on_one_browser_never_see_each_others_text(world, live_server, login_in_browser, page):
    mine = ExperienceFactory(student=world.leerling, title="Open dag A", sectors=["techniek"])
    # Student 1 types in the transfer dossier and a reflection, saves neither, and logs out.
    login_in_browser("leerling")
    page.goto(f"{live_server.url}/portfolio/overstapdossier/")
    page.get_by_label("Waarom deze volgende stap?").fill("Geheim: mijn eigen motivatie")
    page.goto(f"{live_server.url}/portfolio/ervaringen/{mine.pk}/reflectie/")
    page.get_by_label("Wat zegt dit over jou?").fill("Geheim uit mijn reflectie")
    keys = page.evaluate("Object.keys(localStorage)")
    assert any(k.startswith(f"tm-keep:u{world.leerling.pk}:transfer") for k in keys), keys
    page.get_by_role("button", name="Uitloggen").click()  # the menu is open on a laptop
    page.wait_for_url("**/login/")
    assert not [k for k in page.evaluate("Object.keys(localStorage)") if k.startswith("tm-keep:")]

    # Student 2 (another school) on the same browser: an empty form.
    login_in_browser("leerling2")
    page.goto(f"{live_server.url}/portfolio/overstapdossier/")
    assert page.get_by_label("Waarom deze volgende stap?").input_value() == ""
    assert "Geheim" not in page.content()
    page.get_by_label("Waarom deze volgende stap?").fill("Tekst van leerling 2")

    # Without logging out (the session simply ends), the next user still never sees it.
    page.context.clear_cookies()
    login_in_browser("leerling")
    page.goto(f"{live_server.url}/portfolio/overstapdossier/")
    assert page.get_by_label("Waarom deze volgende stap?").input_value() == ""
    keys = page.evaluate("Object.keys(localStorage)")
    assert not [k for k in keys if k.startswith(f"tm-keep:u{world.leerling2.pk}:")], keys


def test_expired_session_says_so_in_dutch_in_an_english_browser(world, live_server, browser):
    context = browser.new_context(locale="en-US", viewport=LAPTOP)
    context.set_default_timeout(10_000)
    page = context.new_page()
    experience = ExperienceFactory(student=world.leerling, title="Open dag B", sectors=["techniek"])
    page.goto(f"{live_server.url}/login/")
    page.locator("#id_login").fill("leerling")
    page.locator("#id_password").fill("techmakers")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/dashboard/")
    page.goto(f"{live_server.url}/portfolio/ervaringen/{experience.pk}/reflectie/")
    expect(page.get_by_text("Stap 1 van 6")).to_be_visible()  # the student's language: Dutch
    page.context.clear_cookies(name="sessionid")
    page.locator("#id_about_me").fill("Ik werk graag met mijn handen")
    expired = "Je bent uitgelogd. Log opnieuw in; je tekst blijft bewaard op dit apparaat."
    expect(page.get_by_text(expired)).to_be_visible()
    assert "You are logged out" not in page.content()
    context.close()


def test_coach_view_speaks_about_the_student(world, live_server, login_in_browser, page, phone):
    reflected(world.leerling, title="Bedrijfsbezoek bouw", scores={"bouw": 5, "techniek": 4}, days_ago=60)
    reflected(world.leerling, title="Gastles zorg", kind="gastles", scores={"zorg-en-welzijn": 2}, days_ago=20)
    ExperienceFactory(
        student=world.leerling,
        kind="meeloopdag",
        title="Meeloopdag MBO Utrecht",
        date=timezone.localdate() + datetime.timedelta(days=9),
    )
    login_in_browser("docent")
    page.goto(f"{live_server.url}/portfolio/coach/leerlingen/{world.leerling.pk}/")
    name = world.leerling.first_name
    expect(page.get_by_role("heading", name=f"Welke sectoren vindt {name} leuk?")).to_be_visible()
    assert page.get_by_text("Welke sectoren vind je leuk?").count() == 0
    assert page.get_by_text("Nog geen berichten van je coach").count() == 0
    expect(page.get_by_text("Komt eraan, nog niet voorbereid")).to_be_visible()
    shoot(page, "coach-student-1280")
    login_in_browser("docent", on=phone)
    phone.goto(f"{live_server.url}/portfolio/coach/leerlingen/{world.leerling.pk}/")
    expect(phone.get_by_role("heading", name=f"Welke sectoren vindt {name} leuk?")).to_be_visible()
    no_sideways_scroll(phone)
    assert axe_violations(phone) == []
    shoot(phone, "coach-student-375")
