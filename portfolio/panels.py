"""Dashboard panels and menu entries of the portfolio."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.navigation import register_menu_item
from core.panels import register_panel
from organisation.access import visible_classes
from organisation.models import current_year_of_request
from organisation.roles import Role
from portfolio import access, charts, insights
from portfolio.choices import QUIET_AFTER_DAYS

register_menu_item(_("Portfolio"), "portfolio:home", {Role.STUDENT}, 30)
register_menu_item(_("LOB coach"), "portfolio:coach_home", {Role.TEACHER, Role.COORDINATOR}, 35)


@register_panel(roles={Role.STUDENT}, order=20)
def my_richtingsgevoel(request, scope, today=None):
    today = today or timezone.localdate()
    rg = insights.richtingsgevoel_for(request.user, today)
    scored = [a for a in rg.affinity if a.mean is not None][:3]
    latest, upcoming = insights.next_reflection_part(request.user, today)
    return {
        "template": "portfolio/panels/richtingsgevoel.html",
        "bars": charts.affinity_bars(scored),
        "num_experiences": rg.experience_count,
        "num_unexplored": len(rg.unexplored),
        "suggestion": rg.suggestions[0] if rg.suggestions else None,
        "latest": latest,
        "upcoming": upcoming,
    }


@register_panel(roles={Role.TEACHER}, order=30)
def mentor_class(request, scope):
    today = timezone.localdate()
    classes = list(
        visible_classes(request.user)
        .filter(school_year=current_year_of_request(request), mentor=request.user)
        .order_by("leerjaar", "name")
    )
    if not classes:
        return None
    rows = insights.reflection_status(access.coached_enrolments(request.user, classes), today)
    per_class = []
    for class_group in classes:  # a mentor of several classes reads each on its own
        students = [r for r in rows if r["class_group_id"] == class_group.pk]
        quiet = [r for r in students if r["quiet"]]
        per_class.append(
            {"class_group": class_group, "num_students": len(students), "num_quiet": len(quiet), "quiet": quiet[:5]}
        )
    return {
        "template": "portfolio/panels/mentor_class.html",
        "per_class": per_class,
        "quiet_days": QUIET_AFTER_DAYS,
    }
