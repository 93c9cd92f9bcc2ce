"""The regions a partner serves are proposed by the partner and approved by the
network's coach or the programme office (issue 13, item 8). Only approved
regions count in the access rules."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.testing.forms import form_data
from notifications.models import Notification
from organisation import services
from organisation.access import visible_schools
from organisation.models import PartnerContact, RegionProposal
from organisation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _management(prefix, total, initial):
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def _profile_data(world, networks):
    own = PartnerContact.objects.get(user=world.partner)
    return {
        "org-name": world.partner_org.name, "org-kind": "bedrijf", "org-city": "Utrecht",
        "org-sectors": [s.pk for s in world.partner_org.sectors.all()], "org-networks": [n.pk for n in networks],
        **_management("contacts", 1, 1), "contacts-0-id": own.pk, "contacts-0-name": own.name,
    }  # fmt: skip


@pytest.fixture
def contact_b(world):
    """A contact with a login at the partner of network B, with a mail address."""
    user = UserFactory(username="havenpartner", email="login@haven.nl")
    PartnerContact.objects.create(organisation=world.partner_org_b, user=user, name="Haven", email="info@haven.nl")
    services.assign_role(user, "partner", partner=world.partner_org_b)
    return user


def test_a_partner_cannot_place_itself_in_another_network_from_its_profile(world, login, client):
    client = login(world.partner)
    url = reverse("partners:profile_edit", args=[world.partner_org.pk])
    rendered = form_data(client.get(url), having="org-name")  # the versions the page was filled with
    response = client.post(url, {**rendered, **_profile_data(world, [world.network_a, world.network_b])})
    assert response.status_code == 302
    assert list(world.partner_org.networks.all()) == [world.network_a]
    proposal = RegionProposal.objects.get(partner=world.partner_org)
    assert (proposal.network, proposal.status) == (world.network_b, RegionProposal.Status.PENDING)
    # Still no school of network B, and its pupil counts stay hidden.
    assert world.school_b not in visible_schools(world.partner)
    assert client.get(reverse("organisation:school_detail", args=[world.school_b.pk])).status_code == 404
    assert world.school_b.name not in client.get(reverse("organisation:school_list")).content.decode()
    # The form shows what waits for approval, still ticked.
    page = client.get(reverse("partners:profile_edit", args=[world.partner_org.pk])).content.decode()
    assert "Wacht op goedkeuring van de netwerkcoach:" in page
    assert f'value="{world.network_b.pk}" id="id_org-networks_1" checked' in page


def test_the_networks_coach_is_told_and_approves(world, login, contact_b, django_capture_on_commit_callbacks):
    services.propose_regions(contact_b, world.partner_org_b, [world.network_b, world.network_a])
    proposal = RegionProposal.objects.get(partner=world.partner_org_b, network=world.network_a)
    told = Notification.objects.get(recipient=world.netwerkcoach, kind="region_proposed")
    assert "Havenbedrijf" in told.title and told.url == reverse("organisation:region_proposals")

    client = login(world.netwerkcoach)
    dashboard = client.get(reverse("dashboard:home")).content.decode()
    assert "Havenbedrijf wil in Utrecht werken" in dashboard
    page = client.get(reverse("organisation:region_proposals")).content.decode()
    assert "Havenbedrijf" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("organisation:region_proposal_decide", args=[proposal.pk]), {"decision": "approve"}, follow=True
        )
    assert "Havenbedrijf werkt nu in de regio Utrecht." in response.content.decode()
    assert set(world.partner_org_b.networks.all()) == {world.network_a, world.network_b}
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (RegionProposal.Status.APPROVED, world.netwerkcoach)
    # The partner is told: the bell and an e-mail.
    assert Notification.objects.filter(recipient=contact_b, kind="region_decided", title__contains="Utrecht").exists()
    assert [m.to for m in mail.outbox] == [["info@haven.nl"]]
    assert mail.outbox[0].subject == "Goedgekeurd: je werkt nu in de regio Utrecht"
    # Now the region's schools count for the partner.
    assert world.school_a in visible_schools(contact_b)


def test_a_rejected_region_stays_closed_and_the_partner_is_told(
    world, login, contact_b, django_capture_on_commit_callbacks
):
    (proposal,) = services.propose_regions(contact_b, world.partner_org_b, [world.network_b, world.network_a])
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.netwerkcoach).post(
            reverse("organisation:region_proposal_decide", args=[proposal.pk]), {"decision": "reject"}
        )
    assert response.status_code == 302
    assert list(world.partner_org_b.networks.all()) == [world.network_b]
    assert world.school_a not in visible_schools(contact_b)
    assert mail.outbox[0].subject == "Niet goedgekeurd: de regio Utrecht"
    with pytest.raises(ValidationError, match="al besloten"):
        services.decide_region_proposal(world.bureau, proposal, approve=True)


def test_only_that_networks_coach_or_the_office_decides(world, login):
    (proposal,) = services.propose_regions(world.partner, world.partner_org, [world.network_a, world.network_b])
    # Network B has no coach: the office is told.
    assert Notification.objects.filter(recipient=world.bureau, kind="region_proposed").exists()
    assert not Notification.objects.filter(recipient=world.netwerkcoach).exists()
    with pytest.raises(ValidationError):
        services.decide_region_proposal(world.netwerkcoach, proposal, approve=True)
    with pytest.raises(ValidationError):
        services.decide_region_proposal(world.partner, proposal, approve=True)
    url = reverse("organisation:region_proposal_decide", args=[proposal.pk])
    assert login(world.partner).post(url, {"decision": "approve"}).status_code == 403
    assert list(world.partner_org.networks.all()) == [world.network_a]
    services.decide_region_proposal(world.bureau, proposal, approve=True)
    assert set(world.partner_org.networks.all()) == {world.network_a, world.network_b}


def test_leaving_a_region_is_immediate_and_unticking_withdraws_a_proposal(world):
    services.propose_regions(world.partner, world.partner_org, [world.network_a, world.network_b])
    services.propose_regions(world.partner, world.partner_org, [])
    assert not world.partner_org.networks.exists()
    assert not RegionProposal.objects.exists()


def test_the_office_sets_regions_directly(world):
    waiting = services.propose_regions(world.bureau, world.partner_org, [world.network_a, world.network_b])
    assert waiting == []
    assert set(world.partner_org.networks.all()) == {world.network_a, world.network_b}
    assert RegionProposal.objects.get(network=world.network_b).status == RegionProposal.Status.APPROVED
