"""Who works where (users are defined in accounts, which knows nothing of
roles). Which students a user may see is an access rule:
``organisation.access.visible_students``."""

from django.contrib.auth import get_user_model

from organisation.roles import STAFF_ROLES


def staff_of_school(school_id):
    """Teachers and coordinators of a school (names are not sensitive among staff)."""
    User = get_user_model()
    return (
        User.objects.filter(role_assignments__school_id=school_id, role_assignments__role__in=STAFF_ROLES)
        .distinct()
        .order_by("sort_name")
    )
