"""Visibility of people (users are defined in accounts, which knows nothing of
roles; the rules that depend on roles live here, in the access layer's app)."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from organisation.access import get_scope
from organisation.roles import STAFF_ROLES, Role


def students_visible_to(user):
    """Students a user may see: staff see the students of their schools; a
    student sees only themselves. Everyone else: nobody."""
    User = get_user_model()
    scope = get_scope(user)
    if not scope:
        return User.objects.none()
    condition = Q(pk=scope.user_id, role_assignments__role=Role.STUDENT)
    if scope.staff_school_ids:
        condition |= Q(role_assignments__role=Role.STUDENT, role_assignments__school_id__in=scope.staff_school_ids)
    return User.objects.filter(condition).distinct()


def staff_of_school(school_id):
    """Teachers and coordinators of a school (names are not sensitive among staff)."""
    User = get_user_model()
    return (
        User.objects.filter(role_assignments__school_id=school_id, role_assignments__role__in=STAFF_ROLES)
        .distinct()
        .order_by("last_name", "first_name")
    )
