"""Telling people something in the platform (the bell), in their own language."""

from django.db import transaction
from django.utils import timezone, translation

from notifications.models import Notification


def notify(users, *, kind: str, title, url: str = "", actor=None, now=None) -> list[Notification]:
    """Put a notification in the list of each active user (never the actor).
    ``title`` is a callable returning the text, called in each recipient's language."""
    now = now or timezone.now()
    rows = []
    for user in {u.pk: u for u in users if u is not None and u.is_active}.values():
        if actor is not None and user.pk == actor.pk:
            continue
        with translation.override(getattr(user, "preferred_language", "") or "nl"):
            text = str(title())
        rows.append(Notification(recipient=user, kind=kind, title=text[:300], url=url, created_at=now))
    return Notification.objects.bulk_create(rows)


@transaction.atomic
def mark_read(user, *, ids=None, now=None) -> int:
    """Mark the user's own notifications read: the given ones, or all."""
    unread = Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=now or timezone.now())


def unread_count(user) -> int:
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()
