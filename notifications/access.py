"""Who may see what of notifications and the mail outbox (the access-module shape,
see ARCHITECTURE.md)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from notifications.models import Notification, OutgoingMail
from organisation.access import get_scope


def visible_notifications(user, qs=None):
    """A person sees only their own notifications; nobody else's, whatever their role."""
    qs = Notification.objects.all() if qs is None else qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(recipient_id=user.pk)


def can_follow_mail(user) -> bool:
    """The programme office follows up e-mail that could not be delivered."""
    return get_scope(user).national


def visible_mail(user, qs=None):
    """The outbox: the programme office only."""
    qs = OutgoingMail.objects.all() if qs is None else qs
    return qs if can_follow_mail(user) else qs.none()


@dataclass(frozen=True)
class MailAccess:
    mail: OutgoingMail
    can_retry: bool


def load_mail(user, pk) -> MailAccess:
    """404 outside the office; a sent mail cannot be sent again."""
    mail = get_object_or_404(visible_mail(user), pk=pk)
    return MailAccess(mail=mail, can_retry=mail.status != OutgoingMail.Status.SENT)


def require(flag: bool) -> None:
    if not flag:
        raise PermissionDenied
