"""The library (search and filters) and the own school's assignments."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Window
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext, ngettext
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


CARD_COLUMNS = (
    "pk",
    "title",
    "summary",
    "client_id",
    "client__name",
    "client_name",
    "owner_school__name",
    "owner_school__network__name",
    "leerjaar_min",
    "leerjaar_max",
    "duration_weeks",
    "fits_tt",
    "status",
    "adoption_count",
    "rating_count",
    "rating_avg",
    "adopted_from_id",
)


@dataclass(slots=True)
class Card:
    """What one result card shows, with its sentences already translated (a
    ``{% blocktranslate %}`` per card and line is the costliest part of the page)."""

    pk: int
    url: str
    title: str
    summary: str
    client_line: str
    school: str
    network: str
    years: str
    weeks: str
    fits_tt: bool
    status: str
    used_by: str
    rating: str
    adopted: bool
    levels: list = field(default_factory=list)


def one_decimal(value) -> str:
    """``value|floatformat:1`` (half up, localised decimal separator) without
    the filter's general machinery."""
    rounded = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return str(rounded).replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def library_cards(ids) -> list[Card]:
    """The cards of these assignments, in the order of ``ids``: two queries
    (the rows with school, network and client; their levels)."""
    rows = {row[0]: row for row in Assignment.objects.filter(pk__in=ids).values_list(*CARD_COLUMNS)}
    levels = {}
    links = Assignment.levels.through.objects.filter(assignment_id__in=ids).order_by("level__order", "level_id")
    for assignment_id, name in links.values_list("assignment_id", "level__name"):
        levels.setdefault(assignment_id, []).append(name)
    detail = reverse("assignments:detail", kwargs={"pk": 0}).removesuffix("0/")
    cards = []
    for pk in ids:
        (_pk, title, summary, client_id, client, client_name, school, network, lo, hi, weeks, tt, status, adoptions,
         rating_count, rating_avg, adopted_from_id) = rows[pk]  # fmt: skip
        client = client if client_id else client_name
        rating = ""
        if rating_count:
            rating = ngettext("rated %(avg)s / 5 (%(n)s rating)", "rated %(avg)s / 5 (%(n)s ratings)", rating_count) % {
                "avg": one_decimal(rating_avg),
                "n": rating_count,
            }
        cards.append(
            Card(
                pk=pk,
                url=f"{detail}{pk}/",
                title=title,
                summary=summary,
                client_line=gettext("Client: %(client)s") % {"client": client} if client else "",
                school=school,
                network=network or "",
                years=gettext("year %(lo)s–%(hi)s") % {"lo": lo, "hi": hi},
                weeks=ngettext("%(weeks)s week", "%(weeks)s weeks", weeks) % {"weeks": weeks},
                fits_tt=tt,
                status=status,
                used_by=ngettext("Used by %(n)s school", "Used by %(n)s schools", 1 + adoptions) % {"n": 1 + adoptions},
                rating=rating,
                adopted=adopted_from_id is not None,
                levels=levels.get(pk, []),
            )
        )
    return cards


def paginate_ids(queryset, number) -> Page:
    """The page's primary keys, with the total count from the same query
    (``COUNT(*) OVER ()``) instead of a separate ``COUNT``. Behaves like
    ``Paginator.get_page``: a bad number gives page 1, a number past the end
    the last page."""
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    ids = queryset.annotate(total=Window(Count("*"))).values_list("pk", "total")
    offset = (number - 1) * PAGE_SIZE
    found = list(ids[offset : offset + PAGE_SIZE])
    if found:
        total = found[0][1]
    else:
        total = queryset.count() if number > 1 else 0
        last = max((total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
        if total and number > last:
            number = last
            found = list(ids[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])
        else:
            number = 1
    paginator = Paginator(queryset, PAGE_SIZE)
    paginator.count = total  # cached_property: the paginator never counts again
    return Page([pk for pk, _total in found], number, paginator)


@login_required
@require_GET
def library(request):
    scope = get_scope(request.user)
    if not may_use_library(scope):
        raise PermissionDenied
    form = LibraryFilterForm(request.GET or None, taxonomy=search.load_taxonomy())
    data = form.cleaned_data if form.is_valid() else {}
    query = data.get("q", "")
    assignments = search.apply_filters(Assignment.objects.visible_to(request.user).in_library(), data)
    assignments = search.search(assignments, query)
    sort = data.get("sort") or ("relevant" if query else "new")
    # Two steps: a narrow query picks the page's ids and counts all matches
    # (search, filters, ranking), then one query loads just those rows with
    # what the cards show.
    page = paginate_ids(assignments.order_by(*ORDERINGS[sort]), request.GET.get("page"))
    page.object_list = library_cards(page.object_list)
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
