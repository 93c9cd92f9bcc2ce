"""E-mails on every change of a booking's state.

``booking_changed`` is called by the domain functions inside their
transaction and enqueues a django-tasks task (inline in development and
tests; with the database backend the task row commits with the change).
The task renders the Dutch templates in ``partners/templates/partners/email/``
(first line: subject) and sends with ``core.mail.send_templated``, so the backend comes
from settings (file/console in development, SMTP in production).
"""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from core.mail import is_muted, send_templated
from organisation.access import get_scope, partner_contact_addresses

logger = logging.getLogger(__name__)

# Who hears about which step: the other side; both sides for a confirmation;
# a cancellation goes to the side that did not cancel.
TO_PARTNER = {"requested", "attendance"}
CONFIRMATIONS = {"accepted", "proposal_accepted"}


def booking_changed(booking, event):
    if is_muted():
        return
    send_booking_mail.enqueue(event.pk)


@task()
def send_booking_mail(event_id: int) -> int:
    from partners.ical import booking_calendar
    from partners.models import BookingEvent

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
    teacher = booking.requested_by
    partner_id = booking.offer.partner_id
    actor_side = "partner" if event.actor and partner_id in get_scope(event.actor).partner_ids else "school"
    if event.kind in CONFIRMATIONS:
        sides = ["school", "partner"]
    elif event.kind == "cancelled":
        sides = ["school" if actor_side == "partner" else "partner"]
    elif event.kind in TO_PARTNER:
        sides = ["partner"]
    else:
        sides = ["school"]
    recipients = []
    for side in sides:
        if side == "partner":
            # Partner contacts have no language preference on record: Dutch.
            recipients.append(("partner", partner_contact_addresses(partner_id), "nl"))
        elif teacher.email:
            recipients.append(("school", [teacher.email], teacher.preferred_language or "nl"))
    sent = 0
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    link = base + reverse("partners:booking_detail", args=[booking.pk])
    for side, addresses, language in recipients:
        if not addresses:
            continue
        attachments = []
        if event.kind in CONFIRMATIONS:
            with translation.override(language):
                calendar = booking_calendar([booking], side)
            attachments.append((f"techmakers-{booking.pk}.ics", calendar, "text/calendar"))
        context = {"booking": booking, "event": event, "side": side, "link": link, "teacher": teacher}
        sent += send_templated(f"partners/email/{event.kind}.txt", context, addresses, language, attachments)
    return sent
