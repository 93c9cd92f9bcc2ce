"""Signals that cross app boundaries without making apps depend on each other.

``experience_happened`` — a student had a career-orientation experience that
belongs in their LOB portfolio. Sent by the apps where experiences happen
(projects: a finished project with its final reflection; partners: a confirmed
attendance at a visit, guest lesson or interview). Received by the portfolio,
which records it idempotently. Senders call it inside their transaction; the
receiver must not fail the sender (it records or does nothing).

Keyword arguments (all required unless marked optional):
    student      -- the User who had the experience
    source_key   -- stable unique string for the source row, e.g.
                    "projects.teammembership:42" or "partners.attendance:17";
                    sending again with the same key updates instead of duplicating
    kind         -- one of: project, bedrijfsbezoek, gastles, beroepsgesprek,
                    evenement, open_dag, meeloopdag, stage, eigen_initiatief
    title        -- short Dutch title, e.g. "Bedrijfsbezoek Bouwbedrijf Van Dijk"
    date         -- datetime.date of the experience
    sector_slugs -- list of organisation.Sector slugs touched (domains/profiles)
    partner_id   -- optional organisation.PartnerOrganisation id (client/host)
    details      -- optional dict of extra facts (e.g. role_in_team, reflection
                    text on product/process, client name), shown in the portfolio
"""

from django.dispatch import Signal

experience_happened = Signal()
