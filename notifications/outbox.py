"""The e-mail outbox: every mail the platform sends is written down first, then
sent. A mail that fails (SMTP down, a bad address, a header the mail library
refuses) is tried again later with growing pauses, and after the last attempt
it stays on the office's list of undelivered mail (``notifications:mail_failures``)
with the reason. ``core.mail.send_templated`` delivers through ``deliver``
(setting ``MAIL_DELIVERY``); ``manage.py send_queued_mail`` retries what is due."""

import datetime
import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from notifications.models import OutgoingMail

logger = logging.getLogger(__name__)

# The pause before each next attempt; after the last one the outbox gives up.
RETRY_AFTER = [
    datetime.timedelta(minutes=5),
    datetime.timedelta(minutes=30),
    datetime.timedelta(hours=2),
    datetime.timedelta(hours=12),
]


def single_line(text: str) -> str:
    """A subject is one line: line breaks and other control characters become spaces."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())


def deliver(subject, body, to, attachments=(), *, source="", now=None) -> int:
    """Write the mail to the outbox and send it; returns 1 when it went out now."""
    mail = OutgoingMail.objects.create(
        to=list(to),
        subject=single_line(subject)[:300],
        body=body,
        attachments=[
            [name, content if isinstance(content, str) else content.decode(), kind]
            for name, content, kind in attachments
        ],
        source=source[:120],
        created_at=now or timezone.now(),
    )
    return send(mail, now=now)


def send(mail: OutgoingMail, *, now=None) -> int:
    """One attempt; the outcome is recorded on the row."""
    now = now or timezone.now()
    message = EmailMessage(mail.subject, mail.body, to=mail.to)
    for name, content, kind in mail.attachments:
        message.attach(name, content, kind)
    mail.attempts += 1
    try:
        sent = message.send()
    except Exception as exc:  # the transport's errors vary (SMTP, headers, DNS): all are recorded
        mail.last_error = f"{type(exc).__name__}: {exc}"[:500]
        if mail.attempts > len(RETRY_AFTER):
            mail.status, mail.next_attempt_at = OutgoingMail.Status.GAVE_UP, None
            logger.error("gave up on mail %s to %s: %s", mail.pk, mail.to, mail.last_error)
        else:
            mail.status = OutgoingMail.Status.RETRYING
            mail.next_attempt_at = now + RETRY_AFTER[mail.attempts - 1]
            logger.warning(
                "mail %s to %s failed, retry at %s: %s", mail.pk, mail.to, mail.next_attempt_at, mail.last_error
            )
        sent = 0
    else:
        mail.status, mail.sent_at, mail.next_attempt_at, mail.last_error = OutgoingMail.Status.SENT, now, None, ""
    mail.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at", "last_error"])
    return sent


def retry_due(*, now=None, limit=500) -> tuple[int, int]:
    """Send the mails whose next attempt is due; returns (sent, still failing)."""
    now = now or timezone.now()
    sent = failed = 0
    due = OutgoingMail.objects.filter(status=OutgoingMail.Status.RETRYING, next_attempt_at__lte=now)
    for pk in list(due.order_by("next_attempt_at").values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            mail = OutgoingMail.objects.select_for_update().filter(pk=pk, status=OutgoingMail.Status.RETRYING).first()
            if mail is None:
                continue
            if send(mail, now=now):
                sent += 1
            else:
                failed += 1
    return sent, failed


def retry_now(user, mail: OutgoingMail, *, now=None) -> int:
    """The office asks for another attempt (e.g. after fixing an address)."""
    mail.status = OutgoingMail.Status.RETRYING
    return send(mail, now=now)
