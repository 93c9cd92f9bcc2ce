"""Browser journey: a partner proposes a region from its profile, and the
network coach of that region approves it from the dashboard (Dutch UI)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from organisation.models import RegionProposal

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_partner_proposes_a_region_and_the_coach_approves_it(world, live_server, page, login_in_browser):
    # Van Dijk (region Zuid-Holland only, for this journey) asks to serve Utrecht.
    world.partner_org.networks.set([world.network_b])
    login_in_browser("partner")
    page.goto(live_server.url + reverse("partners:profile_edit", args=[world.partner_org.pk]))
    page.get_by_label("Utrecht").check()
    page.get_by_role("button", name="Profiel opslaan").click()
    expect(page.get_by_text("Wacht op goedkeuring van de netwerkcoach: Utrecht.")).to_be_visible()
    assert list(world.partner_org.networks.all()) == [world.network_b]  # not yet
    page.context.clear_cookies()

    login_in_browser("netwerkcoach")
    page.get_by_role("link", name="Besluit over 1 aanvraag").click()
    row = page.get_by_role("listitem").filter(has_text="Bouwbedrijf Van Dijk")
    row.get_by_role("button", name="Goedkeuren").click()
    expect(page.get_by_text("Bouwbedrijf Van Dijk werkt nu in de regio Utrecht.")).to_be_visible()
    assert set(world.partner_org.networks.all()) == {world.network_a, world.network_b}
    assert RegionProposal.objects.get().status == RegionProposal.Status.APPROVED
