"""Library search and filters.

PostgreSQL: full-text search with the ``dutch`` configuration (stemming,
stop words) over a stored, weighted ``search_vector`` (title A, client B,
content C) with a GIN index; results ranked by ``SearchRank``.
SQLite (development): every word must occur in ``search_document``
(case-insensitive); words are cut to a crude Dutch stem so that "tuinen"
finds "tuin"; titles that contain the whole phrase rank first.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

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


def apply_filters(queryset, data: dict):
    """Apply the cleaned filter values of ``LibraryFilterForm``. M2M filters go
    through subqueries on the link tables, so rows never repeat (no DISTINCT)."""
    model = queryset.model
    if data.get("level"):
        links = model.levels.through.objects.filter(level_id=data["level"].pk)
        queryset = queryset.filter(pk__in=links.values("assignment_id"))
    if data.get("leerjaar"):
        lj = data["leerjaar"]
        queryset = queryset.filter(leerjaar_min__lte=lj, leerjaar_max__gte=lj)
    if data.get("sector"):
        sector = data["sector"]
        # A domain also finds assignments tagged with the profiles that open it.
        sector_ids = [sector.pk, *sector.profiles.values_list("pk", flat=True)]
        links = model.sectors.through.objects.filter(sector_id__in=sector_ids)
        queryset = queryset.filter(pk__in=links.values("assignment_id"))
    if data.get("competency"):
        # The JSON list is matched as text: '"plannen"' only matches the whole code.
        queryset = queryset.filter(competencies__icontains=f'"{data["competency"]}"')
    if data.get("duration") in DURATIONS:
        _label, low, high = DURATIONS[data["duration"]]
        queryset = queryset.filter(duration_weeks__gte=low, duration_weeks__lte=high)
    if data.get("region"):
        queryset = queryset.filter(owner_school__network=data["region"])
    if data.get("client_kind"):
        queryset = queryset.filter(client_kind=data["client_kind"])
    if data.get("tt"):
        queryset = queryset.filter(fits_tt=True)
    return queryset
