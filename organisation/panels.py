"""Dashboard panels and menu entries of the organisation app."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.navigation import register_menu_item
from core.panels import register_panel
from organisation.access import (
    coached_schools,
    decidable_region_proposals,
    own_partner_organisations,
    staffed_schools,
    visible_classes,
    visible_enrolments,
    visible_memberships,
    visible_networks,
    visible_partner_organisations,
)
from organisation.models import ClassGroup, Enrolment, Membership, School, current_year_of_request
from organisation.people import staff_of_school
from organisation.querying import count_of
from organisation.roles import Role

register_menu_item(_("Schools"), "organisation:school_list", {Role.COORDINATOR, Role.NETWORK_COACH, Role.OFFICE}, 80)
register_menu_item(_("Networks"), "organisation:network_list", {Role.NETWORK_COACH, Role.OFFICE}, 81)
register_menu_item(
    _("Partners"), "organisation:partner_list", {Role.TEACHER, Role.COORDINATOR, Role.NETWORK_COACH, Role.OFFICE}, 82
)


@register_panel(roles={Role.STUDENT}, order=10)
def my_school(request, scope):
    enrolment = (
        visible_enrolments(request.user)
        .filter(student=request.user)
        .current()
        .select_related("school", "class_group__mentor", "level", "school_year")
        .first()
    )
    return {"template": "organisation/panels/my_school.html", "enrolment": enrolment}


@register_panel(roles={Role.TEACHER}, order=90)
def my_classes(request, scope):
    year = current_year_of_request(request)
    classes = (
        visible_classes(request.user)
        .filter(school_year=year)
        .select_related("school", "level")
        .annotate(num_students=Count("enrolments"))
        .order_by("-mentor_id", "leerjaar", "name")
    )
    mine = [c for c in classes if c.mentor_id == request.user.pk]
    return {
        "template": "organisation/panels/my_classes.html",
        "mentor_classes": mine,
        "num_classes": len(classes),
        "schools": staffed_schools(request.user, role=Role.TEACHER),
        "year": year,
    }


@register_panel(roles={Role.COORDINATOR}, order=10)
def school_overview(request, scope):
    year = current_year_of_request(request)
    schools = staffed_schools(
        request.user, School.objects.select_related("membership", "network"), role=Role.COORDINATOR
    ).annotate(
        num_students=count_of(Enrolment.objects.filter(school_year=year)),
        num_classes=count_of(ClassGroup.objects.filter(school_year=year)),
    )
    rows = [{"school": s, "staff": list(staff_of_school(s.pk))} for s in schools]
    return {"template": "organisation/panels/school_overview.html", "rows": rows, "year": year}


@register_panel(roles={Role.NETWORK_COACH}, order=10)
def network_overview(request, scope):
    year = current_year_of_request(request)
    schools = (
        coached_schools(request.user, School.objects.select_related("membership", "network"))
        .annotate(num_students=count_of(Enrolment.objects.filter(school_year=year)))
        .order_by("network__name", "name")
    )
    return {"template": "organisation/panels/network_overview.html", "schools": schools, "year": year}


@register_panel(roles={Role.NETWORK_COACH, Role.OFFICE}, order=11)
def region_proposals(request, scope):
    """Partners waiting for a decision on a region (hidden when none wait)."""
    pending = decidable_region_proposals(request.user).select_related("partner", "network").order_by("proposed_at")
    proposals = list(pending[:5])
    if not proposals:
        return None
    count = len(proposals) if len(proposals) < 5 else pending.count()
    return {"template": "organisation/panels/region_proposals.html", "proposals": proposals, "count": count}


@register_panel(roles={Role.OFFICE}, order=10)
def national_overview(request, scope):
    year = current_year_of_request(request)
    networks = list(
        visible_networks(request.user)
        .annotate(
            num_schools=Count("schools", distinct=True),
            num_active=Count("schools", filter=Q(schools__membership__status=Membership.Status.ACTIVE), distinct=True),
        )
        .order_by("name")
    )
    memberships = visible_memberships(request.user)
    status_counts = dict(memberships.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    max_schools = max([n.num_schools for n in networks] or [1]) or 1
    chart = [
        {
            "name": n.name,
            "value": n.num_schools,
            "active": n.num_active,
            "width": round(240 * n.num_schools / max_schools),
            "active_width": round(240 * n.num_active / max_schools),
            "y": i * 28,
        }
        for i, n in enumerate(networks)
    ]
    return {
        "template": "organisation/panels/national_overview.html",
        "networks": networks,
        "chart": chart,
        "chart_height": len(chart) * 28 + 4,
        "num_students": Enrolment.objects.filter(school_year=year).count(),
        "num_partners": visible_partner_organisations(request.user).count(),
        "status_counts": [(label, status_counts.get(value, 0)) for value, label in Membership.Status.choices],
        "year": year,
    }


@register_panel(roles={Role.PARTNER}, order=10)
def my_organisation(request, scope):
    partners = own_partner_organisations(request.user).prefetch_related("sectors", "networks", "contacts")
    return {"template": "organisation/panels/my_organisation.html", "partners": partners}
