"""The library page's costly fragments, rendered by their template partials
and kept in Django's cache: the result cards (``library.html#card``) and the
filter controls (``library.html#controls``). The one speed trick of the
library (ARCHITECTURE.md, "Caching").

Rendering 25 cards (a dozen variables, five translated sentences, a URL and
a number format each) and some 70 filter options was most of the page's
time; the rows still come from the ORM on every request
(``search.library_page``), so visibility and search are never cached.

A fragment's key cannot go stale: it is a hash of everything the fragment
can show, the language, and what its markup is made of besides the data
(the page's template source, the app's translations, the Django version;
read once per process). For a card that is every column ``search.card_rows``
loads (the assignment's, its school's, network's and client's) and the
names of the levels; an assignment's own levels change only with a new
version, which moves its ``updated_at`` (one of those columns), so they are
read only for the cards that must be rendered. For the controls it is every
value the partial reads. Whatever changes (a new version, a rating, an
adoption, a renamed school or level, a deploy with other markup), the key
changes and the fragment is rendered afresh; unused keys expire after a
day. A page reads all its fragments in one ``get_many``.

Measured gain (bench/bench_library.py --ab, 10,000 assignments, Redis,
300 requests interleaved in 10 rounds on a shared 2-core machine at load
4-6, so absolute times are several times those of an idle server), against
the same page rendering every card and the controls on each request:
search+filters p50 101 -> 68 ms, p95 310 -> 222 ms; search only p50 89 ->
51 ms; filters only p50 116 -> 67 ms; plain p50 96 -> 53 ms; 6 -> 5 queries
(levels read only for cards that are rendered). Against the former
hand-built HTML (6c14d8e), in a run at load 6: search+filters p50 49 -> 68
ms, p95 84 -> 103 ms; the ORM rows, the ORM taxonomy and the cache round
trip are the difference.
"""

import functools
import hashlib
import json
from pathlib import Path

import django
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

PAGE = "assignments/library.html"
CARD = f"{PAGE}#card"
CONTROLS = f"{PAGE}#controls"
TIMEOUT = 24 * 60 * 60


@functools.cache
def _markup_version() -> str:
    """What the markup is made of besides the data: the template source, the
    app's compiled translations and Django (number formats, escaping)."""
    digest = hashlib.sha256(django.get_version().encode())
    digest.update(Path(get_template(PAGE).origin.name).read_bytes())
    for catalog in sorted((Path(__file__).parent / "locale").glob("*/LC_MESSAGES/django.mo")):
        digest.update(catalog.read_bytes())
    return digest.hexdigest()


def _key(partial: str, shown) -> str:
    data = json.dumps([_markup_version(), partial, get_language(), shown], default=str, sort_keys=True)
    return "assignments:fragment:" + hashlib.sha256(data.encode()).hexdigest()


def _columns(obj) -> list:
    """The loaded column values of a row (deferred columns are never shown)."""
    if obj is None:
        return []
    return [getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.attname in obj.__dict__]


def card_shows(assignment, levels) -> list:
    """Everything a card can show: the columns ``search.card_rows`` loads and
    the names of the levels. An assignment's levels change only with a new
    version, which moves its ``updated_at`` (a loaded column); their names
    are ``levels``, the taxonomy's (code, name) pairs."""
    school = assignment.owner_school
    return [_columns(assignment), _columns(school), _columns(school.network), _columns(assignment.client), levels]


def library_fragments(assignments, levels, form=None) -> tuple[list[str], str | None]:
    """The HTML of each assignment's card (in order) and, when ``form`` is
    given (a whole page, not an HTMX update of the results), of its filter
    controls: one cache round trip, and one query for the levels of the
    cards that must be rendered. ``levels``: the taxonomy's (code, name)."""
    parts = [(CARD, {"a": a}, card_shows(a, levels)) for a in assignments]
    if form is not None:
        described = form.controls()
        parts.append((CONTROLS, {"controls": described}, described))
    keys = [_key(partial, shown) for partial, _context, shown in parts]
    found = cache.get_many(keys)
    prefetch_related_objects([a for key, a in zip(keys, assignments, strict=False) if key not in found], "levels")
    rendered = {}
    for key, (partial, context, _shown) in zip(keys, parts, strict=True):
        if key not in found:
            found[key] = rendered[key] = render_to_string(partial, context)
    if rendered:
        cache.set_many(rendered, TIMEOUT)
    html = [mark_safe(found[key]) for key in keys]  # the template's output, escaped there
    return html[: len(assignments)], (html[-1] if form is not None else None)
