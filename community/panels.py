"""The menu entry and dashboard panels of the professional community."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community import access
from core.navigation import register_menu_item
from core.panels import register_panel
from organisation.roles import Role

register_menu_item(
    _("Community"), "community:home", {Role.TEACHER, Role.COORDINATOR, Role.NETWORK_COACH, Role.OFFICE}, 60
)


@register_panel(roles={Role.STUDENT, Role.TEACHER, Role.COORDINATOR}, order=15)
def open_questionnaires(request, scope):
    """A questionnaire of the school's quality cycle waiting for an answer."""
    questionnaires = list(access.open_questionnaires_for(request.user)[:3])
    if not questionnaires:
        return None
    return {"template": "community/panels/questionnaires.html", "questionnaires": questionnaires}


@register_panel(roles={Role.TEACHER, Role.COORDINATOR, Role.NETWORK_COACH, Role.OFFICE}, order=70)
def community_next(request, scope):
    """The next meetings and trainings of the user."""
    now = timezone.now()
    meetings = list(
        access.visible_meetings(request.user)
        .filter(ends_at__gte=now)
        .select_related("network", "working_group")
        .order_by("starts_at")[:3]
    )
    if not meetings:
        return None
    return {"template": "community/panels/next.html", "meetings": meetings}
