"""Signals that cross app boundaries without making apps depend on each other.

``experience_happened`` — a student had a career-orientation experience that
belongs in their LOB portfolio. Sent by the apps where experiences happen
(projects: a finished project with its final reflection; partners: a confirmed
attendance at a visit, guest lesson or interview), always through
``tell_experience_happened`` with one ``ExperienceHappened``. Received by the
portfolio, which records it idempotently by ``source_key``. Senders call it
inside their transaction; a failing receiver never fails the sender (its error
is logged).
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.dispatch import Signal

logger = logging.getLogger(__name__)

experience_happened = Signal()  # sent with one keyword argument: experience=ExperienceHappened(...)


@dataclass(frozen=True)
class ExperienceHappened:
    """What the portfolio needs to know about an experience."""

    student: object  # the User who had the experience
    # Stable, unique for the source row, e.g. "projects.teammembership:42" or
    # "partners.attendance:17": sending again with the same key updates the
    # experience instead of adding one.
    source_key: str
    # One of portfolio.choices.Kind: project, bedrijfsbezoek, gastles,
    # beroepsgesprek, evenement, open_dag, meeloopdag, stage, eigen_initiatief.
    kind: str
    title: str  # short Dutch title, e.g. "Bedrijfsbezoek Bouwbedrijf Van Dijk"
    date: datetime.date  # the day it happened
    sector_slugs: tuple = ()  # organisation.Sector slugs touched (domains or profiles)
    partner_id: int | None = None  # organisation.PartnerOrganisation (client or host), if any
    # Extra facts shown in the portfolio (role in the team, the team's reflection,
    # the client's name, ids that group classmates: team_id, booking_id).
    details: dict = field(default_factory=dict)
    # When the student already reflected on it where it happened (a project's
    # closing reflection in Terugkijken, sent in details as reflection_product,
    # reflection_process, reflection_own_actions): the portfolio counts it as
    # reflected and does not ask again.
    reflected_at: datetime.datetime | None = None


def tell_experience_happened(sender, experience: ExperienceHappened) -> None:
    """Send the signal; a receiver that fails is logged, never raised."""
    for receiver, result in experience_happened.send_robust(sender=sender, experience=experience):
        if isinstance(result, Exception):
            logger.error("experience receiver %s failed for %s: %s", receiver, experience.source_key, result)
