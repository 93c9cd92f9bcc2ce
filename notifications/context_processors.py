from django.utils.functional import SimpleLazyObject

from notifications.services import unread_count


def bell(request):
    """The number of unread notifications, for the bell in the header (counted only when shown)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
