"""The library (search and filters) and the own school's assignments."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from django.contrib.auth.decorators import login_required
from django.contrib.postgres.expressions import ArraySubquery
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Count, F, OuterRef, Window
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_GET

from assignments import access, search
from assignments.forms import LibraryFilterForm
from assignments.models import Assignment

PAGE_SIZE = 25
LIST_DEFER = ("search_document", "search_vector")

ORDERINGS = {
    "relevant": ["-rank", "-published_at", "-pk"],
    "new": ["-published_at", "-pk"],
    "rating": [F("rating_avg").desc(nulls_last=True), "-rating_count", "-pk"],
    "used": ["-adoption_count", "-published_at", "-pk"],
}


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

# The markup of one result card (what the template's loop produced, byte for
# byte), filled with ``str.format`` from escaped values: a template loop with a
# dozen variable nodes, ifs and an inner loop per card cost ten times as much.
CARD_HTML = """
  <article class="card assignment-card">
    <h3><a href="{url}">{title}</a></h3>
    <p class="muted small">{client}{school}{network}</p>
    {summary}
    <p class="tags">
      {levels}
      <span class="badge badge-muted">{years}</span>
      <span class="badge badge-muted">{weeks}</span>
      {tt}
      {status}
    </p>
    <p class="small muted">
      {used_by}
      {rating}
      {adopted}
    </p>
  </article>
  """


@dataclass(slots=True)
class Card:
    """One result card: its title (for tests and logs) and its ready HTML."""

    pk: int
    title: str
    html: str


def one_decimal(value) -> str:
    """``value|floatformat:1`` (half up, localised decimal separator) without
    the filter's general machinery."""
    rounded = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return str(rounded).replace(".", formats.get_format("DECIMAL_SEPARATOR"))


_card_sql = {}  # database alias -> SQL of the PostgreSQL card query for PAGE_SIZE ids


def postgres_card_sql(using: str) -> str:
    """The card query (the row with school, network and client names, and the
    level codes as an array), compiled once per process like the taxonomy
    query: only the ids change. It takes exactly PAGE_SIZE ids; a shorter page
    pads its list with its last id (IN does not mind repeats)."""
    if using not in _card_sql:
        links = Assignment.levels.through.objects.filter(assignment_id=OuterRef("pk")).order_by().values("level_id")
        placeholder = list(range(1, PAGE_SIZE + 1))
        query = Assignment.objects.filter(pk__in=placeholder).order_by().annotate(level_codes=ArraySubquery(links))
        sql, params = query.values_list(*CARD_COLUMNS, "level_codes").query.get_compiler(using).as_sql()
        if list(params) != placeholder:
            raise RuntimeError("The card query must take the page's ids as its only parameters.")
        _card_sql[using] = sql
    return _card_sql[using]


def card_rows(ids):
    """``{pk: (*CARD_COLUMNS, [level code, ...])}``: on PostgreSQL one query
    compiled once, elsewhere two ORM queries."""
    if not ids:
        return {}
    using = Assignment.objects.db
    if connections[using].vendor == "postgresql":
        with connections[using].cursor() as cursor:
            cursor.execute(postgres_card_sql(using), [*ids, *[ids[-1]] * (PAGE_SIZE - len(ids))])
            return {row[0]: row for row in cursor.fetchall()}
    codes = {}
    links = Assignment.levels.through.objects.filter(assignment_id__in=ids)
    for assignment_id, code in links.values_list("assignment_id", "level_id"):
        codes.setdefault(assignment_id, []).append(code)
    rows = Assignment.objects.filter(pk__in=ids).order_by().values_list(*CARD_COLUMNS)
    return {row[0]: (*row, codes.get(row[0], [])) for row in rows}


def library_cards(ids, levels) -> list[Card]:
    """The cards of these assignments, in the order of ``ids``. ``levels`` is
    ``Taxonomy.levels`` (code, name in display order): it names and orders the
    level badges, so the level table is not read again.

    Every value goes through ``escape`` (the standard library's, which
    ``django.utils.html.escape`` wraps: same output, without the lazy-string
    check per call), as the template's autoescaping did."""
    rows = card_rows(ids)
    badge = {code: (i, f'<span class="badge">{escape(name)}</span> ') for i, (code, name) in enumerate(levels)}
    detail = reverse("assignments:detail", kwargs={"pk": 0}).removesuffix("0/")
    status_badges = {
        Assignment.Status.CONCEPT: f'<span class="badge badge-warn">{escape(gettext("concept"))}</span>',
        Assignment.Status.ARCHIVED: f'<span class="badge badge-muted">{escape(gettext("archived"))}</span>',
    }
    adopted = " · " + escape(gettext("adopted copy"))
    years, weeks_label = {}, {}  # the same few sentences recur on a page: translate each once
    cards = []
    for pk in ids:
        (_pk, title, summary, client_id, client, client_name, school, network, lo, hi, weeks, tt, status, adoptions,
         rating_count, rating_avg, adopted_from_id, codes) = rows[pk]  # fmt: skip
        client = client if client_id else client_name
        rating = ""
        if rating_count:
            rating = ngettext("rated %(avg)s / 5 (%(n)s rating)", "rated %(avg)s / 5 (%(n)s ratings)", rating_count) % {
                "avg": one_decimal(rating_avg),
                "n": rating_count,
            }
        if (lo, hi) not in years:
            years[lo, hi] = escape(gettext("year %(lo)s–%(hi)s") % {"lo": lo, "hi": hi})
        if weeks not in weeks_label:
            weeks_label[weeks] = escape(ngettext("%(weeks)s week", "%(weeks)s weeks", weeks) % {"weeks": weeks})
        used_by = ngettext("Used by %(n)s school", "Used by %(n)s schools", 1 + adoptions) % {"n": 1 + adoptions}
        html = CARD_HTML.format(
            url=f"{detail}{pk}/",
            title=escape(title),
            client=escape(gettext("Client: %(client)s") % {"client": client}) + " · " if client else "",
            school=escape(school),
            network=" · " + escape(network) if network else "",
            summary=f"<p>{escape(summary)}</p>" if summary else "",
            levels="".join(span for _i, span in sorted(badge[code] for code in codes if code in badge)),
            years=years[lo, hi],
            weeks=weeks_label[weeks],
            tt='<span class="badge badge-ok">T&amp;T</span>' if tt else "",
            status=status_badges.get(status, ""),
            used_by=escape(used_by),
            rating=" · " + escape(rating) if rating else "",
            adopted=adopted if adopted_from_id is not None else "",
        )
        cards.append(Card(pk=pk, title=title, html=mark_safe(html)))  # every value escaped above
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
    access.require(access.can_use_library(request.user))
    taxonomy = search.load_taxonomy()
    form = LibraryFilterForm(request.GET or None, taxonomy=taxonomy)
    data = form.cleaned_data if form.is_valid() else {}
    query = data.get("q", "")
    assignments = search.apply_filters(access.visible_assignments(request.user).in_library(), data)
    assignments = search.search(assignments, query)
    sort = data.get("sort") or ("relevant" if query else "new")
    # Two steps: a narrow query picks the page's ids and counts all matches
    # (search, filters, ranking), then one query loads just those rows with
    # what the cards show.
    page = paginate_ids(assignments.order_by(*ORDERINGS[sort]), request.GET.get("page"))
    page.object_list = library_cards(page.object_list, taxonomy.levels)
    context = {
        "form": form,
        "page_obj": page,
        "assignments": page.object_list,
        "query": query,
        "filtered": any(v for k, v in data.items() if k != "sort"),
        "is_staff": access.can_create_assignments(request.user),
    }
    template = "assignments/library.html#results" if request.htmx else "assignments/library.html"
    return render(request, template, context)


@login_required
@require_GET
def mine(request):
    """The assignments of the own school(s): concepts, published, archived."""
    access.require(access.can_create_assignments(request.user))
    status = request.GET.get("status", "")
    assignments = access.editable_assignments(request.user)
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
