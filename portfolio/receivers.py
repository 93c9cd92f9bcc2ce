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

from core.signals import ExperienceHappened, experience_happened
from portfolio.services import record_experience

logger = logging.getLogger(__name__)


@receiver(experience_happened, dispatch_uid="portfolio.record_experience")
def on_experience_happened(sender, *, experience: ExperienceHappened, **kwargs):
    try:
        with transaction.atomic():
            return record_experience(
                student=experience.student,
                source_key=experience.source_key,
                kind=experience.kind,
                title=experience.title,
                date=experience.date,
                sector_slugs=list(experience.sector_slugs),
                partner_id=experience.partner_id,
                details=dict(experience.details),
                reflected_at=experience.reflected_at,
            )
    except Exception:
        logger.exception("portfolio could not record experience %s", experience.source_key)
        return None
