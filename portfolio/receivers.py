"""Experiences from elsewhere on the platform appear in the portfolio by themselves.

Projects (a finished project with its final reflection) and partners (confirmed
attendance at a visit, guest lesson or interview) send
``core.signals.experience_happened``; we record it idempotently by
(student, source_key). The receiver never fails the sender: it records the
experience in a savepoint or logs why it could not.
"""

import logging

from django.db import transaction
from django.dispatch import receiver

from core.signals import experience_happened
from portfolio.services import record_experience

logger = logging.getLogger(__name__)


@receiver(experience_happened, dispatch_uid="portfolio.record_experience")
def on_experience_happened(sender, **kwargs):
    try:
        with transaction.atomic():
            return record_experience(
                student=kwargs["student"],
                source_key=kwargs["source_key"],
                kind=kwargs["kind"],
                title=kwargs["title"],
                date=kwargs["date"],
                sector_slugs=kwargs.get("sector_slugs") or [],
                partner_id=kwargs.get("partner_id"),
                details=kwargs.get("details") or {},
            )
    except Exception:
        logger.exception("portfolio could not record experience %s", kwargs.get("source_key"))
        return None
