"""Dashboard panels and menu entries of the assignment library."""

from django.db.models import Count, Prefetch, Sum
from django.utils.translation import gettext_lazy as _

from assignments import access
from assignments.models import Assignment, Challenge
from core.navigation import register_menu_item
from core.panels import register_panel
from organisation.roles import Role

register_menu_item(
    _("Assignment library"),
    "assignments:library",
    {Role.TEACHER, Role.COORDINATOR, Role.NETWORK_COACH, Role.OFFICE},
    20,
)
register_menu_item(_("Challenges"), "assignments:challenge_list", {Role.PARTNER, Role.NETWORK_COACH}, 21)


@register_panel(roles={Role.TEACHER}, order=20)
def teacher_library(request, scope):
    own = Assignment.objects.filter(owner_school_id__in=scope.teacher_school_ids)
    mine = list(
        own.select_related("owner_school").defer("search_document", "search_vector").order_by("-updated_at")[:5]
    )
    adoptions = list(
        Assignment.objects.filter(adopted_from__owner_school_id__in=scope.teacher_school_ids)
        .exclude(owner_school_id__in=scope.teacher_school_ids)
        .select_related("owner_school", "adopted_from")
        .only("id", "created_at", "owner_school__name", "adopted_from__title", "adopted_from__id")
        .order_by("-created_at")[:5]
    )
    return {
        "template": "assignments/panels/teacher_library.html",
        "num_library": access.visible_assignments(request.user).in_library().count(),
        "mine": mine,
        "adoptions": adoptions,
    }


@register_panel(roles={Role.PARTNER}, order=20)
def partner_challenges(request, scope):
    challenges = list(
        Challenge.objects.filter(partner_id__in=scope.partner_ids)
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("owner_school")
                .only("id", "title", "status", "challenge_id", "owner_school__name")
                .order_by("-created_at"),
            )
        )
        .annotate(num_responses=Count("responses"))
        .order_by("-created_at")[:6]
    )
    return {"template": "assignments/panels/partner_challenges.html", "challenges": challenges}


@register_panel(roles={Role.NETWORK_COACH}, order=30)
def network_challenges(request, scope):
    open_challenges = access.visible_challenges(request.user).filter(status=Challenge.Status.OPEN)
    challenges = list(
        access.with_assignment_counts(request.user, Challenge.objects.filter(pk__in=open_challenges.values("pk")))
        .select_related("partner")
        .order_by("-created_at")[:8]
    )
    return {
        "template": "assignments/panels/network_challenges.html",
        "challenges": challenges,
        "num_open": open_challenges.count(),
    }


@register_panel(roles={Role.OFFICE}, order=30)
def national_library(request, scope):
    figures = Assignment.objects.filter(status=Assignment.Status.PUBLISHED).aggregate(
        n=Count("id"), adoptions=Sum("adoption_count"), ratings=Sum("rating_count")
    )
    return {
        "template": "assignments/panels/national_library.html",
        "num_published": figures["n"],
        "num_adoptions": figures["adoptions"] or 0,
        "num_ratings": figures["ratings"] or 0,
        "num_open_challenges": Challenge.objects.filter(status=Challenge.Status.OPEN).count(),
    }
