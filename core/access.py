"""Who may see what of core's own objects: background jobs belong to the person
who started them (the access-module shape, see ARCHITECTURE.md)."""

from core.models import Job


def visible_jobs(user, qs=None):
    qs = Job.objects.all() if qs is None else qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(owner_id=user.pk)
