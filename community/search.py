"""Search in the community's lists (materials, questions, who's who): every
word of the query must occur, cut to a crude Dutch stem (``tuinen`` finds
``tuin``), case-insensitive, on SQLite and PostgreSQL alike. The lists are
small (hundreds of rows), so no full-text index is needed."""

import re
from functools import reduce
from operator import and_, or_

from django.db.models import Q

from assignments.search import crude_stem

WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return [crude_stem(w) for w in WORD.findall((text or "").lower())][:8]


def normalise(text: str) -> str:
    """What a row's stored ``search_text`` holds: its words, lowercased and stemmed."""
    return " " + " ".join(crude_stem(w) for w in WORD.findall((text or "").lower())) + " "


def matching(queryset, text: str, fields: list[str]):
    """Rows where every word of ``text`` occurs in one of ``fields``."""
    terms = words(text)
    if not terms:
        return queryset
    conditions = [reduce(or_, (Q(**{f"{field}__icontains": term}) for field in fields)) for term in terms]
    return queryset.filter(reduce(and_, conditions)).distinct()
