"""Telling people about a partner's regions.

* ``region_proposed``: a partner asks to serve a region → the bell of that
  network's coaches (the office when it has none), who decide.
* ``region_decided``: the coach or the office decided → the bell of the
  partner's contacts and an e-mail to the partner's addresses (in Dutch:
  contacts have no language preference), sent by a task once the decision
  commits.

Who is told comes from ``organisation.access`` (``region_proposal_reviewers``,
``partner_contact_users``, ``partner_contact_addresses``)."""

import functools

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from core.mail import is_muted, send_templated
from notifications.services import notify
from organisation import access
from organisation.models import RegionProposal


def region_proposed(proposal, *, actor, now=None) -> None:
    notify(
        access.region_proposal_reviewers(proposal.network_id),
        kind="region_proposed",
        title=lambda: (
            _("%(partner)s asks to serve the region %(network)s")
            % {"partner": proposal.partner.name, "network": proposal.network.name}
        ),
        url=reverse("organisation:region_proposals"),
        actor=actor,
        now=now,
    )


def region_decided(proposal, *, actor, now=None) -> None:
    approved = proposal.status == RegionProposal.Status.APPROVED
    values = {"network": proposal.network.name}
    notify(
        access.partner_contact_users(proposal.partner_id),
        kind="region_decided",
        title=(lambda: _("Approved: you now serve the region %(network)s") % values)
        if approved
        else (lambda: _("Not approved: the region %(network)s") % values),
        url=reverse("organisation:partner_detail", args=[proposal.partner_id]),
        actor=actor,
        now=now,
    )
    if not is_muted():
        transaction.on_commit(functools.partial(send_region_decided_mail.enqueue, proposal.pk, actor.pk))


@task()
def send_region_decided_mail(proposal_id: int, actor_id: int) -> int:
    proposal = RegionProposal.objects.select_related("partner", "network").filter(pk=proposal_id).first()
    if proposal is None or proposal.status == RegionProposal.Status.PENDING:
        return 0
    from django.contrib.auth import get_user_model

    actor = get_user_model().objects.filter(pk=actor_id).first()
    addresses = access.partner_contact_addresses(proposal.partner_id, actor=actor)
    if not addresses:
        return 0
    link = getattr(settings, "SITE_URL", "").rstrip("/") + reverse(
        "organisation:partner_detail", args=[proposal.partner_id]
    )
    context = {"proposal": proposal, "approved": proposal.status == RegionProposal.Status.APPROVED, "link": link}
    return send_templated("organisation/email/region_decided.txt", context, addresses, "nl")
