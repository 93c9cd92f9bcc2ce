"""The library (search and filters) and the own school's assignments."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import render
from django.views.decorators.http import require_GET

from assignments import search
from assignments.forms import LibraryFilterForm
from assignments.models import Assignment
from organisation.access import get_scope

PAGE_SIZE = 25
LIST_DEFER = ("search_document", "search_vector")

ORDERINGS = {
    "relevant": ["-rank", "-published_at", "-pk"],
    "new": ["-published_at", "-pk"],
    "rating": [F("rating_avg").desc(nulls_last=True), "-rating_count", "-pk"],
    "used": ["-adoption_count", "-published_at", "-pk"],
}


def may_use_library(scope) -> bool:
    return bool(scope.national or scope.staff_school_ids or scope.network_ids or scope.partner_ids)


def list_queryset(queryset):
    """What list rows need, in a fixed number of queries."""
    return queryset.select_related("owner_school__network", "client").prefetch_related("levels").defer(*LIST_DEFER)


@login_required
@require_GET
def library(request):
    scope = get_scope(request.user)
    if not may_use_library(scope):
        raise PermissionDenied
    form = LibraryFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    query = data.get("q", "")
    assignments = search.apply_filters(Assignment.objects.visible_to(request.user).in_library(), data)
    assignments = search.search(assignments, query)
    sort = data.get("sort") or ("relevant" if query else "new")
    # Two steps: a narrow query picks the page's ids (search, filters, ranking),
    # then one query loads just those rows with what the cards show.
    ids = assignments.order_by(*ORDERINGS[sort]).values_list("pk", flat=True)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list_queryset(Assignment.objects.filter(pk__in=list(page.object_list))).in_bulk()
    page.object_list = [rows[pk] for pk in page.object_list]
    context = {
        "form": form,
        "page_obj": page,
        "assignments": page.object_list,
        "query": query,
        "filtered": any(v for k, v in data.items() if k != "sort"),
        "is_staff": bool(scope.staff_school_ids),
    }
    template = "assignments/library.html#results" if request.htmx else "assignments/library.html"
    return render(request, template, context)


@login_required
@require_GET
def mine(request):
    """The assignments of the own school(s): concepts, published, archived."""
    scope = get_scope(request.user)
    if not scope.staff_school_ids:
        raise PermissionDenied
    status = request.GET.get("status", "")
    assignments = Assignment.objects.editable_by(request.user)
    if status in Assignment.Status.values:
        assignments = assignments.filter(status=status)
    assignments = list_queryset(assignments.select_related("adopted_from__owner_school")).order_by("-updated_at")
    page = Paginator(assignments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "assignments/mine.html",
        {
            "page_obj": page,
            "assignments": page.object_list,
            "status": status,
            "statuses": Assignment.Status.choices,
        },
    )
