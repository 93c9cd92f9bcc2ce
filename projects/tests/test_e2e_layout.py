"""The team's ten tabs are all in sight on a phone (they wrap, nothing hides
off-screen), and the results table fits a 1280 px screen without clipping."""

import pytest

from projects.tests.factories import project_a

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_team_tabs_on_a_phone_and_results_on_a_laptop(world, live_server, page, login_in_browser):
    project = project_a(world)
    login_in_browser("docent")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/projecten/teams/{world.team_a.pk}/")
    tabs = page.locator(".pj-tabs a")
    assert tabs.count() == 10
    for i in range(tabs.count()):
        box = tabs.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375, tabs.nth(i).inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/projecten/{project.pk}/resultaten/")
    scroll, client = page.evaluate(
        "(() => { const w = document.querySelector('.results-table').closest('.table-wrap');"
        " return [w.scrollWidth, w.clientWidth]; })()"
    )
    assert scroll <= client, f"the results table is {scroll - client} px wider than its box"
