"""Query parameters, read one way. A view never parses ``request.GET`` by hand:
``str.isdigit()`` accepts "²" and "١٢", ``int()`` takes any length, and a
number past the database's range or a NUL byte in a text filter makes a
server error instead of an ignored filter. Filters with several fields go
through a form; single parameters through these helpers, which answer
``None`` (or the default) for anything that is not a plain, sensible value.
core/tests/test_params.py throws arbitrary strings at every page."""

from django.core.paginator import Page, Paginator
from django.utils.http import url_has_allowed_host_and_scheme

MAX_INT = 2**31 - 1  # the largest primary key / integer column on every database we run on
MAX_PAGE = 100_000  # a page number past any list: the paginator shows the last page
MAX_TEXT = 200  # a search box or filter text


def parse_int(raw, *, min: int = 1, max: int = MAX_INT) -> int | None:
    """``raw`` as a whole number when it is written in ASCII digits (an optional
    leading minus) and lies in ``min``..``max``; otherwise None."""
    if raw is None:
        return None
    text = str(raw).strip()
    digits = text[1:] if text.startswith("-") else text
    if not digits or len(digits) > 18 or not all("0" <= c <= "9" for c in digits):
        return None
    value = int(text)
    return value if min <= value <= max else None


def int_param(request, name: str, *, min: int = 1, max: int = MAX_INT, default=None):
    """The GET parameter ``name`` as a whole number in ``min``..``max`` (an id
    by default); ``default`` when it is missing or garbage."""
    value = parse_int(request.GET.get(name), min=min, max=max)
    return default if value is None else value


def text_param(request, name: str, *, max_length: int = MAX_TEXT) -> str:
    """The GET parameter ``name`` as one line of text: control characters (NUL,
    which PostgreSQL refuses, line breaks, tabs) become spaces, surrounding
    space is dropped, and it is cut at ``max_length``."""
    raw = request.GET.get(name, "")
    cleaned = "".join(" " if _is_control(c) else c for c in raw[: max_length * 2])
    return cleaned.strip()[:max_length]


def choice_param(request, name: str, choices, *, default: str = "") -> str:
    """The GET parameter ``name`` when it is one of ``choices``; else ``default``."""
    raw = request.GET.get(name, "")
    return raw if raw in choices else default


def page_number(request, name: str = "page") -> int:
    """The requested page: 1 for garbage, never past ``MAX_PAGE`` (the
    paginators show the last page for a number past the end)."""
    value = parse_int(request.GET.get(name), min=1, max=2**63 - 1)
    return 1 if value is None else min(value, MAX_PAGE)


def paginate(request, items, per_page: int, *, name: str = "page") -> Page:
    """One page of ``items`` (a queryset or list), by the request's page number."""
    return Paginator(items, per_page).get_page(page_number(request, name))


def _is_control(char: str) -> bool:
    code = ord(char)
    return code < 32 or 127 <= code < 160


def flag_param(request, name: str) -> bool:
    """A switch in the address (``?past=1``): on only for exactly "1"."""
    return request.GET.get(name) == "1"


def local_url(raw, default: str) -> str:
    """``raw`` when it is a path on this site ("/…", no scheme, no host, no
    control characters, which would break the Location header); else ``default``.
    For "back to where you were" values sent by a form (``next``)."""
    text = str(raw or "")
    if (
        text.startswith("/")
        and not text.startswith(("//", "/\\"))
        and len(text) <= 2000
        and not any(_is_control(c) for c in text)
        and url_has_allowed_host_and_scheme(text, allowed_hosts=None)
    ):
        return text
    return default
