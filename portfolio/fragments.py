"""The one speed trick of the portfolio's pages besides the glance cache:
template fragments kept in Django's cache under a key of everything their
HTML depends on, so a cached fragment is never stale; after a change it is
simply not found.

The fragments are plain template markup wrapped in ``{% cache %}``:

* the coach's class table rows (``portfolio/coach_class.html#class-rows``),
  keyed by ``rows|fragment_key``: the rows as ``insights.class_overview``
  computes them on every request;
* the richtingsgevoel (``portfolio/_richtingsgevoel.html``, on the
  student's page and the coach's page of a student), keyed by
  ``rg|fragment_key prefix``: everything in it is drawn from the student's
  ``rg`` (computed on every request) by the portfolio's code.

``fragment_key(value)`` is a digest of the value's ``repr`` (values, never
object identities), the active language and time zone (translations, month
names, the day a date falls on) and ``deployed()``: what a deploy can change
in the HTML besides the data (the portfolio's code, templates and
translations, and Django's version), read once per process. As the key
changes with the content, the timeout in the templates (26 hours, as the
glances') only bounds the cache's memory.

Measured against the same pages without the cache (``bench/bench_portfolio.py
--ab``, PostgreSQL, Redis, a class of 30 with two years of history, 400
requests per side in alternating chunks, on a shared machine with a load of
5-7 on 2 cores; CPU time of the Django process, wall time in brackets):

* coach class view: p50 29.9 -> 19.2 ms (69 -> 50 ms), p95 36.0 -> 25.2 ms
  (105 -> 75 ms). Rendered alone, the 30 rows take 6.7 ms as template
  markup, 0.5 ms from the cache (key included; the f-string rows this
  replaces took 1.3 ms);
* student richtingsgevoel: p50 20.2 -> 16.3 ms (29 -> 24 ms), p95 24.9 ->
  20.6 ms (56 -> 48 ms).
"""

import hashlib
from functools import lru_cache
from pathlib import Path

import django
from django.utils import timezone, translation

APP = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def deployed() -> str:
    """A digest of the portfolio's code, templates and translations and of
    Django's version."""
    hasher = hashlib.md5(django.get_version().encode(), usedforsecurity=False)
    files = [*APP.rglob("*.py"), *(APP / "templates").rglob("*.html"), *(APP / "locale").rglob("*.mo")]
    for path in sorted(p for p in files if "tests" not in p.relative_to(APP).parts):
        hasher.update(str(path.relative_to(APP)).encode())
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


def fragment_key(value) -> str:
    """The ``{% cache %}`` key part for a fragment drawn from ``value``. A
    missing value (the template's empty string) is refused: it would give
    every page the same key."""
    if value is None or value == "":
        raise ValueError("a cached fragment needs the value it is drawn from")
    content = hashlib.md5(repr(value).encode(), usedforsecurity=False).hexdigest()
    return f"{deployed()}:{translation.get_language()}:{timezone.get_current_timezone_name()}:{content}"
