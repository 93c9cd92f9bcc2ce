"""Library search and filters.

PostgreSQL: full-text search with the ``dutch`` configuration (stemming,
stop words) over a stored, weighted ``search_vector`` (title A, client B,
content C) with a GIN index; results ranked by ``SearchRank``.
SQLite (development): every word must occur in ``search_document``
(case-insensitive); words are cut to a crude Dutch stem so that "tuinen"
finds "tuin"; titles that contain the whole phrase rank first.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, CharField, Count, F, FloatField, IntegerField, Q, Value, When, Window
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from organisation.models import Level, Network, School, Sector

SEARCH_CONFIG = "dutch"
DUTCH_SUFFIXES = ("heden", "heid", "ingen", "ing", "tjes", "tje", "jes", "je", "en", "er", "es", "e", "s")


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def crude_stem(word: str) -> str:
    """A very small Dutch suffix stripper for the SQLite fallback."""
    word = word.lower()
    for suffix in DUTCH_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def build_search_document(*, title, client, body_parts) -> str:
    return "\n".join(p for p in [title, client, *body_parts] if p)


def vector_expression(*, title, client, body):
    """The weighted tsvector of one assignment (PostgreSQL only)."""
    return (
        SearchVector(Value(title), weight="A", config=SEARCH_CONFIG)
        + SearchVector(Value(client or ""), weight="B", config=SEARCH_CONFIG)
        + SearchVector(Value(body or ""), weight="C", config=SEARCH_CONFIG)
    )


def search(queryset, text: str):
    """Filter ``queryset`` by the free text and annotate ``rank`` (higher is better)."""
    text = (text or "").strip()[:200]
    if not text:
        return queryset.annotate(rank=Value(0.0, output_field=FloatField()))
    if is_postgres():
        query = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
        return queryset.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
    words = [w for w in text.replace('"', " ").split() if len(w) > 1][:8]
    condition = Q()
    for word in words:
        condition &= Q(search_document__icontains=crude_stem(word))
    title_hits = [When(title__icontains=text, then=Value(3))]
    title_hits += [When(title__icontains=crude_stem(w), then=Value(2)) for w in words]
    return queryset.filter(condition).annotate(rank=Case(*title_hits, default=Value(1), output_field=IntegerField()))


DURATIONS = {
    # code: (label, min weeks, max weeks)
    "kort": (_("up to 4 weeks"), 0, 4),
    "middel": (_("5 to 8 weeks"), 5, 8),
    "lang": (_("9 weeks or more"), 9, 99),
}


@dataclass
class Taxonomy:
    """The option lists of the library filters, read in one query per request
    (levels, sectors and their profile links, networks)."""

    levels: list = field(default_factory=list)  # [(code, name)]
    sectors: list = field(default_factory=list)  # [(slug, name)]
    networks: list = field(default_factory=list)  # [(id, name)]
    sector_ids: dict = field(default_factory=dict)  # slug -> [id, *ids of the profiles that open it]


def _taxonomy_query():
    """Levels, sectors, networks and the profile→domain links as one UNION."""
    columns = ("k", "key", "label", "pos", "extra")

    def rows(queryset, k, key, label, pos, extra):
        annotated = queryset.order_by().annotate(k=Value(k), key=key, label=label, pos=pos, extra=extra)
        return annotated.values_list(*columns)

    blank = Value("", output_field=CharField())
    links = Sector.domains.through.objects
    return rows(Level.objects, 1, F("code"), F("name"), F("order"), Value(0)).union(
        rows(Sector.objects, 2, F("slug"), F("name"), F("order"), F("id")),
        rows(Network.objects, 3, Cast("id", CharField()), F("name"), Value(0), F("id")),
        rows(links, 4, blank, blank, F("from_sector_id"), F("to_sector_id")),
        all=True,
    )


def load_taxonomy() -> Taxonomy:
    """One query instead of a query per select (and per chosen value)."""
    rows = list(_taxonomy_query())
    levels, sectors, networks, profiles = [], [], [], {}
    for k, key, label, pos, extra in rows:
        if k == 1:
            levels.append((pos, key, label))
        elif k == 2:
            sectors.append((pos, extra, key, label))
        elif k == 3:
            networks.append((label.casefold(), extra, label))
        else:  # profile ``pos`` opens domain ``extra``
            profiles.setdefault(extra, []).append(pos)
    sectors.sort()
    return Taxonomy(
        levels=[(code, name) for _pos, code, name in sorted(levels)],
        sectors=[(slug, name) for _pos, _id, slug, name in sectors],
        networks=[(pk, name) for _key, pk, name in sorted(networks)],
        sector_ids={slug: [pk, *sorted(profiles.get(pk, []))] for _pos, pk, slug, _name in sectors},
    )


def apply_filters(queryset, data: dict):
    """Apply the cleaned filter values of ``LibraryFilterForm``. M2M filters go
    through subqueries on the link tables, so rows never repeat (no DISTINCT)."""
    model = queryset.model
    if data.get("level"):
        links = model.levels.through.objects.filter(level_id=data["level"])
        queryset = queryset.filter(pk__in=links.values("assignment_id"))
    if data.get("leerjaar"):
        lj = data["leerjaar"]
        queryset = queryset.filter(leerjaar_min__lte=lj, leerjaar_max__gte=lj)
    if data.get("sector_ids"):
        # A domain also finds assignments tagged with the profiles that open it.
        links = model.sectors.through.objects.filter(sector_id__in=data["sector_ids"])
        queryset = queryset.filter(pk__in=links.values("assignment_id"))
    if data.get("competency"):
        if is_postgres():
            # jsonb containment: exact code, no text scan of the JSON.
            queryset = queryset.filter(competencies__contains=[data["competency"]])
        else:
            # The JSON list is matched as text: '"plannen"' only matches the whole code.
            queryset = queryset.filter(competencies__icontains=f'"{data["competency"]}"')
    if data.get("duration") in DURATIONS:
        _label, low, high = DURATIONS[data["duration"]]
        queryset = queryset.filter(duration_weeks__gte=low, duration_weeks__lte=high)
    if data.get("region"):
        schools = School.objects.filter(network_id=data["region"]).values("id")
        queryset = queryset.filter(owner_school_id__in=schools)
    if data.get("client_kind"):
        queryset = queryset.filter(client_kind=data["client_kind"])
    if data.get("tt"):
        queryset = queryset.filter(fits_tt=True)
    return queryset


# --------------------------------------------------------------------------
# The library page: the page's ids with the total, then the cards' rows
# --------------------------------------------------------------------------

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


# The columns a library card shows (the partial "card" of library.html) and
# ``updated_at``, which moves with every new version and so with the levels
# (see library_cache). A column the partial reads that is missing here costs
# a query per card (test_queries notices).
CARD_FIELDS = (
    "title",
    "summary",
    "status",
    "client__name",
    "client_name",
    "owner_school__name",
    "owner_school__network__name",
    "leerjaar_min",
    "leerjaar_max",
    "duration_weeks",
    "fits_tt",
    "adoption_count",
    "rating_count",
    "rating_avg",
    "adopted_from",
    "updated_at",
)


def card_rows(model, ids) -> list:
    """The card rows of these assignments, in the order of ``ids`` (their
    levels are loaded only for cards that are rendered: library_cache)."""
    rows = model.objects.select_related("owner_school__network", "client").only(*CARD_FIELDS).order_by()
    found = rows.in_bulk(ids)
    return [found[pk] for pk in ids]


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


def library_page(assignments, data: dict, number) -> Page:
    """One page of the library: ``assignments`` (what the user may see in the
    library) filtered with the cleaned ``LibraryFilterForm`` values, searched
    and sorted. Two steps: a narrow query picks the page's ids and counts all
    matches, then the cards' rows are loaded for those ids only."""
    query = data.get("q", "")
    assignments = search(apply_filters(assignments, data), query)
    sort = data.get("sort") or ("relevant" if query else "new")
    page = paginate_ids(assignments.order_by(*ORDERINGS[sort]), number)
    page.object_list = card_rows(assignments.model, page.object_list)
    return page
