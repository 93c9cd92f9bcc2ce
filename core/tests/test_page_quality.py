"""Every role's main pages are valid HTML (the W3C Nu HTML Checker) and have no
serious or critical accessibility violation (axe-core in the browser), on the
living demo: the dashboard and every page its menu and panels link to."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from core.testing.quality import axe_violations, validate_html

TZ = ZoneInfo(settings.TIME_ZONE)
ROLES = ["leerling", "leerling2", "docent", "docent2", "coordinator", "netwerkcoach", "partner", "partner2", "bureau"]
HREF = re.compile(r'href="(/[^"#]*)"')
SKIP = re.compile(
    r"^/(static/|beheer/|logout/|login/|favicon)|^/meldingen/\d+/$|/download/|\.(pdf|ics|csv|xlsx|json)\b|export"
)
DAY = datetime.datetime(2026, 10, 14, 10, tzinfo=TZ)  # an autumn day: every phase of the year is in the demo


def _main_pages(client, limit=30):
    """The dashboard and the pages it links to (menu, panels): {path: html}."""
    pages = {}
    dashboard = client.get("/dashboard/")
    assert dashboard.status_code == 200
    pages["/dashboard/"] = dashboard.content.decode()
    for link in HREF.findall(pages["/dashboard/"]):
        link = link.replace("&amp;", "&")
        if SKIP.search(link) or link in pages or len(pages) >= limit:
            continue
        response = client.get(link)
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            pages[link] = response.content.decode()
    return pages


@pytest.fixture
def demo(db, time_machine):
    time_machine.move_to(DAY)
    call_command("seed_demo", verbosity=0)


def test_every_roles_main_pages_are_valid_html(demo):
    documents = {}
    client = Client()
    for role in ROLES:
        client.force_login(get_user_model().objects.get(username=role))
        for path, html in _main_pages(client).items():
            documents.setdefault(path, html)  # the same page for two roles is checked once
        client.logout()
    documents["/login/"] = Client().get("/login/").content.decode()
    assert len(documents) >= 40
    errors = validate_html(documents)
    report = "\n".join(f"{page}\n  " + "\n  ".join(lines[:5]) for page, lines in sorted(errors.items()))
    assert not errors, f"{len(errors)} pages with HTML errors:\n{report}"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_every_roles_main_pages_pass_axe_and_fit_phone_and_desktop(page, live_server, login_in_browser, time_machine):
    """axe at 1280 px; at 1280 px the menu stays on one line; at 375 px nothing
    scrolls sideways (wide tables scroll inside their own box)."""
    time_machine.move_to(DAY, tick=True)
    call_command("seed_demo", verbosity=0)
    found, layout = {}, []
    client = Client()
    for role in ROLES:
        client.force_login(get_user_model().objects.get(username=role))
        paths = list(_main_pages(client, limit=12))
        client.logout()
        page.context.clear_cookies()
        login_in_browser(role)
        for path in paths:
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(f"{live_server.url}{path}")
            violations = axe_violations(page)
            if violations:
                found[f"{role} {path}"] = violations
            lines = page.evaluate(MENU_LINES)
            if lines != 1:
                layout.append(f"{role} {path}: the menu takes {lines} lines at 1280 px")
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > 1280:
                layout.append(f"{role} {path}: {wide} px wide at 1280 px")
            page.set_viewport_size({"width": 375, "height": 800})
            page.goto(f"{live_server.url}{path}")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 375:
                layout.append(f"{role} {path}: {width} px wide at 375 px")
    assert not found, "\n".join(f"{where}: {v}" for where, v in found.items())
    assert not layout, "\n".join(layout)


# The number of distinct rows the menu's links sit on.
MENU_LINES = (
    "new Set([...document.querySelectorAll('.main-nav ul a')].map(a => Math.round(a.getBoundingClientRect().top))).size"
)
