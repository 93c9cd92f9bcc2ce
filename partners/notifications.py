"""E-mails on every change of a booking's state.

``booking_changed`` is called by the domain functions (``partners.services``)
inside their transaction; once it commits, a django-tasks task is enqueued
(inline in development and tests), so a change that is rolled back mails
nobody. The task loads the step from the models, asks ``partners.access``
who is told (``booking_step_recipients``), renders the templates in
``partners/templates/partners/email/`` (first line: subject) in each
recipient's language and sends with ``core.mail.send_templated``. This module
never imports the services.
"""

import functools

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from core.mail import is_muted, send_templated
from partners.access import booking_step_recipients
from partners.ical import booking_calendar
from partners.models import CONFIRMATIONS, BookingEvent


def booking_changed(event):
    """Queue the mails of ``event`` for when the current transaction commits."""
    if is_muted():
        return
    transaction.on_commit(functools.partial(send_booking_mail.enqueue, event.pk))


@task()
def send_booking_mail(event_id: int) -> int:
    event = (
        BookingEvent.objects.select_related(
            "actor", "booking__offer__partner", "booking__school", "booking__class_group", "booking__requested_by"
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return 0
    booking = event.booking
    link = getattr(settings, "SITE_URL", "").rstrip("/") + reverse("partners:booking_detail", args=[booking.pk])
    sent = 0
    for recipients in booking_step_recipients(event):
        attachments = []
        if event.kind in CONFIRMATIONS:
            with translation.override(recipients.language):
                calendar = booking_calendar([booking], recipients.side)
            attachments.append((f"techmakers-{booking.pk}.ics", calendar, "text/calendar"))
        context = {
            "booking": booking,
            "event": event,
            "side": recipients.side,
            "link": link,
            "teacher": booking.requested_by,
        }
        sent += send_templated(
            f"partners/email/{event.kind}.txt", context, recipients.addresses, recipients.language, attachments
        )
    return sent
