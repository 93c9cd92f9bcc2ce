"""Personas that mirror the demo accounts, with a second school in a second
network so every test can ask "and the outsider?".

    world.leerling   student, school A (class 3A)      world.leerling2  student, school B
    world.docent     teacher, school A (mentor of 3A)  world.docent2    teacher, school B
    world.coordinator coordinator + teacher, school A  world.netwerkcoach coach of network A
    world.partner    contact of partner_org (region A) world.bureau     programme office
"""

import datetime
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

# CI runs the suite a second time with the clock moved ahead (TEST_CLOCK_SHIFT_DAYS=365),
# so a test, or code, that only works on today's date fails the run.
CLOCK_SHIFT_DAYS = int(os.environ.get("TEST_CLOCK_SHIFT_DAYS") or 0)


@pytest.fixture(autouse=True)
def _shifted_clock():
    """With TEST_CLOCK_SHIFT_DAYS set, every test runs with the wall clock moved
    that many days ahead (time-machine; the clock keeps ticking). Tests that fix
    the clock themselves (the ``time_machine`` fixture) travel from there."""
    if not CLOCK_SHIFT_DAYS:
        yield
        return
    import time_machine

    moved = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(days=CLOCK_SHIFT_DAYS)
    with time_machine.travel(moved, tick=True):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache (the in-memory cache outlives a
    test's database rollback, and ids can be reused after it)."""
    from django.core.cache import cache

    cache.clear()
    yield


PERSONAS = ["leerling", "leerling2", "docent", "docent2", "coordinator", "netwerkcoach", "partner", "bureau"]


def build_world():
    from organisation import services
    from organisation.models import PartnerContact, Sector
    from organisation.roles import Role
    from organisation.taxonomy import sync_taxonomy
    from organisation.tests.factories import (
        ClassGroupFactory,
        MembershipFactory,
        NetworkFactory,
        PartnerOrganisationFactory,
        SchoolFactory,
        SchoolYearFactory,
        UserFactory,
    )

    sync_taxonomy()  # transactional (browser) tests flush the migration's data
    w = SimpleNamespace()
    w.year = SchoolYearFactory()
    w.network_a = NetworkFactory(name="Utrecht", slug="utrecht")
    w.network_b = NetworkFactory(name="Zuid-Holland", slug="zuid-holland")
    w.school_a = SchoolFactory(name="Vakcollege De Brug", brin="12AB", city="Amersfoort", network=w.network_a)
    w.school_b = SchoolFactory(name="Maascollege Het Baken", brin="34CD", city="Rotterdam", network=w.network_b)
    MembershipFactory(school=w.school_a)
    MembershipFactory(school=w.school_b)
    w.users = {}
    for name in PERSONAS:
        w.users[name] = UserFactory(username=name, first_name=name.capitalize(), last_name="Demo")
        setattr(w, name, w.users[name])
    w.class_a = ClassGroupFactory(school=w.school_a, school_year=w.year, name="3A", leerjaar=3, mentor=w.docent)
    w.class_b = ClassGroupFactory(school=w.school_b, school_year=w.year, name="2A", leerjaar=2, mentor=w.docent2)
    services.assign_role(w.docent, Role.TEACHER, school=w.school_a)
    services.assign_role(w.docent2, Role.TEACHER, school=w.school_b)
    services.assign_role(w.coordinator, Role.COORDINATOR, school=w.school_a)
    services.assign_role(w.coordinator, Role.TEACHER, school=w.school_a)
    services.assign_role(w.netwerkcoach, Role.NETWORK_COACH, network=w.network_a)
    services.assign_role(w.bureau, Role.OFFICE)
    w.bureau.is_staff = True
    w.bureau.is_superuser = True
    w.bureau.save()
    services.enrol_student(w.leerling, w.class_a)
    services.enrol_student(w.leerling2, w.class_b)
    w.classmate = UserFactory(username="klasgenoot", first_name="Klasgenoot")
    services.enrol_student(w.classmate, w.class_a)
    sectors = list(Sector.objects.filter(slug__in=["bouw", "techniek"]))
    w.partner_org = PartnerOrganisationFactory(name="Bouwbedrijf Van Dijk", networks=[w.network_a], sectors=sectors)
    w.partner_org_b = PartnerOrganisationFactory(name="Havenbedrijf", networks=[w.network_b], sectors=sectors)
    PartnerContact.objects.create(organisation=w.partner_org, user=w.partner, name="Partner Demo")
    services.assign_role(w.partner, Role.PARTNER, partner=w.partner_org)
    return w


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def login(client):
    """login(user) logs the test client in and returns it."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


# --- Browser journeys (Playwright driving the system's Chromium) -------------

CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
ARTIFACTS = Path(__file__).resolve().parent / "test-results"


def _chromium_path():
    import shutil

    explicit = os.environ.get("CHROMIUM_PATH")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = _chromium_path()
    if not path:
        message = "Chromium not found (apt-get install chromium); browser journeys need it"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " and REQUIRE_BROWSER=1", pytrace=False)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; Django's ORM
    # calls from the test body are still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    if CLOCK_SHIFT_DAYS:
        # The browser's clock moves with the server's (drafts compare their times).
        context.clock.install(time=datetime.datetime.now(tz=datetime.UTC))
    context.tracing.start(screenshots=True, snapshots=True)
    page = context.new_page()
    yield page
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        ARTIFACTS.mkdir(exist_ok=True)
        safe = request.node.nodeid.replace("/", "_").replace(":", "_")[:150]
        page.screenshot(path=str(ARTIFACTS / f"{safe}.png"), full_page=True)
        context.tracing.stop(path=str(ARTIFACTS / f"{safe}-trace.zip"))
    else:
        context.tracing.stop()
    context.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def login_in_browser(page, live_server):
    """login_in_browser("docent") logs in through the real login form (on the
    default page, or on another one: ``login_in_browser("docent", on=phone)``)."""

    def _login(username, password="techmakers", *, on=None):
        target = on or page
        target.goto(f"{live_server.url}/login/")
        target.get_by_label("Gebruikersnaam").fill(username)
        target.get_by_label("Wachtwoord").fill(password)
        target.get_by_role("button", name="Inloggen").click()
        target.wait_for_url(f"{live_server.url}/dashboard/")
        return target

    return _login
