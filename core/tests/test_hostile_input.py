"""Hostile input never makes a server error (issue 13, item 6): a property-based
test (hypothesis) throws arbitrary strings (unicode digits, huge numbers, NUL
and other control characters, very long text) at every query parameter of
every page and at every field of every form on it, for each role that sees the
page. Pages come from the permission matrix (every URL, every role; see
core/testing/matrix.py), so a new page is covered without being listed here.

What a page reads from its address is found three ways: the fields of its GET
forms, the parameters of the links it shows, and every name the project reads
through core/params.py. Forms are read from the rendered page (with their
current values) and submitted with some fields replaced; each request runs in
a transaction that is rolled back, so every example starts from the same data.

Every name first gets each of a few tricky values (a unicode digit, a number
past any column, NUL with a carriage return), then hypothesis draws a small
number of examples (``FUZZ_EXAMPLES``, default 2 per page and role and per
form), derandomized so CI is repeatable; run it deeper with e.g.
``FUZZ_EXAMPLES=50 FUZZ_RANDOM=1``. It runs on SQLite and PostgreSQL
(which refuses NUL in text: every form field must refuse it first)."""

import os
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from core.testing.matrix import ALL
from core.tests.test_permission_matrix import MATRIX

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or 2)
FUZZ = hsettings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=os.environ.get("FUZZ_RANDOM") != "1",
    suppress_health_check=list(HealthCheck),
)

NASTY = [
    "²",
    "١٢",
    "٣",
    "99999999999999999999",
    "922337203685477581",
    str(2**63),
    "-1",
    "0",
    "1e309",
    "NaN",
    "\x00",
    "1\x00",
    "a\rb",
    "\r\n",
    "\t",
    "\x1b[31m",
    "x" * 5000,
    "9" * 400,
    "2026-02-30",
    "31-12-99999",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%",
    "😀",
    " ",
    "",
]
# Sent to every parameter and field before the random examples, one request per
# value, rotated so each name gets each value: the classes of defect found so far.
TRICKY = ["²", "99999999999999999999", "a\x00\rb"]
HOSTILE = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.integers().map(str),
    st.text(st.characters(categories=["Nd", "No", "Cc", "Zs"]), min_size=1, max_size=12),
)

# Forms never fuzzed: they end the session the test is using.
SKIP_ACTIONS = {"account_logout"}
# Parameter names the project reads through core/params.py.
PARAM_CALL = re.compile(r"(?:int_param|text_param|choice_param|flag_param|page_number)\(\s*request,\s*\"(\w+)\"")


def _params_read_in_code() -> set[str]:
    names = {"page"}
    base = Path(settings.BASE_DIR)
    for top in base.iterdir():
        if not top.is_dir() or top.name.startswith(".") or top.name in ("var", "bench"):
            continue
        for path in top.rglob("*.py"):
            if "tests" not in path.parts:
                names.update(PARAM_CALL.findall(path.read_text()))
    return names


CODE_PARAMS = sorted(_params_read_in_code())


class _Page(HTMLParser):
    """The forms of a page (method, action, fields with their current values)
    and the query parameter names of its links."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms, self.link_params = [], set()
        self._form = self._select = self._textarea = self._select_first = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "?" in (a.get("href") or ""):
            self.link_params.update(k for k, _v in parse_qsl(urlsplit(a["href"]).query, keep_blank_values=True))
        if tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
            if a.get("data-hx-post"):  # the same fields, also sent by htmx elsewhere (an autosave)
                self.forms.append({"method": "post", "action": a["data-hx-post"], "fields": self._form["fields"]})
            return
        if self._form is None or not a.get("name"):
            return
        name, fields = a["name"], self._form["fields"]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("file", "image", "reset"):
                return
            if kind in ("checkbox", "radio"):
                fields.setdefault(name, [])
                if "checked" in a:
                    fields[name].append(a.get("value", "on"))
            elif kind in ("submit", "button"):
                fields.setdefault(name, [a.get("value", "")])
            else:
                fields[name] = [a.get("value", "")]
        elif tag == "button" and (a.get("type") or "submit") == "submit":
            fields.setdefault(name, [a.get("value", "")])
        elif tag == "select":
            self._select = fields.setdefault(name, [])
            self._select_first = None
        elif tag == "option" and self._select is not None:
            if self._select_first is None:
                self._select_first = a.get("value", "")
            if "selected" in a:
                self._select.append(a.get("value", ""))
        elif tag == "textarea":
            self._textarea = name
            fields[name] = [""]

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            if self._select is not None and not self._select and self._select_first is not None:
                self._select.append(self._select_first)  # what a browser sends when nothing is selected
            self._select = None
        elif tag == "textarea":
            self._textarea = None


ROLE_OF = {"leerling2": "leerling", "docent2": "docent"}


def _personas(case):
    """One persona per role among those that get the page (200)."""
    chosen = {}
    for persona in ALL:
        if case.expect[persona] == 200:
            chosen.setdefault(ROLE_OF.get(persona, persona), persona)
    return list(chosen.values())


def _first_get_case(cases):
    return next((c for c in cases if c.method == "get" and not c.htmx and _personas(c)), None)


PAGES = sorted((name, case) for name, cases in MATRIX.items() if (case := _first_get_case(cases)) is not None)
_FORMS_DONE = set()  # (persona's role, the view a form posts to, its field names): fuzzed once per run


def _request(client, method, url, data):
    """One request in a transaction that is rolled back; a server error (an
    exception in the view: the test client re-raises it) fails the test."""
    with transaction.atomic():
        response = getattr(client, method)(url, data)
        transaction.set_rollback(True)
    assert response.status_code < 500, f"{method.upper()} {url} {data!r}: {response.status_code}"
    return response


def _view_name(path):
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def _tricky(names, base=None):
    """Requests in which every name gets each TRICKY value once."""
    for turn in range(len(TRICKY)):
        values = {name: list(v) for name, v in (base or {}).items()}
        values.update({name: [TRICKY[(i + turn) % len(TRICKY)]] for i, name in enumerate(names)})
        yield values


def _fuzz_query(client, url, names):
    for query in _tricky(names):
        _request(client, "get", url, query)

    @FUZZ
    @given(st.data())
    def run(data):
        chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True), label="params")
        query = {name: data.draw(HOSTILE, label=name) for name in chosen}
        _request(client, "get", url, query)

    run()


def _fuzz_form(client, url, fields):
    names = sorted(fields)
    for values in _tricky(names, fields):
        _request(client, "post", url, values)

    @FUZZ
    @given(st.data())
    def run(data):
        chosen = data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True))
        values = {name: list(values) for name, values in fields.items()}
        for name in chosen:
            values[name] = [data.draw(HOSTILE, label=name)]
        _request(client, "post", url, values)

    run()


@pytest.mark.parametrize(("name", "case"), PAGES, ids=[f"{n}[{c.label}]" for n, c in PAGES])
def test_hostile_input_never_makes_a_server_error(world, name, case):
    url = reverse(name, kwargs=case.resolve_kwargs(world))
    for persona in _personas(case):
        client = Client()
        if persona != "anon":
            client.force_login(world.users[persona])
        response = _request(client, "get", url + (f"?{case.query}" if case.query else ""), {})
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode())
        params = set(CODE_PARAMS) | page.link_params
        for form in page.forms:
            if form["method"] == "get":
                params |= set(form["fields"])
        _fuzz_query(client, url, sorted(params))
        for form in page.forms:
            if form["method"] != "post":
                continue
            fields = {k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken"}
            action = urljoin(url, form["action"]) if form["action"] else url
            view = _view_name(action)
            key = (ROLE_OF.get(persona, persona), view, tuple(sorted(fields)))
            if not fields or view is None or view in SKIP_ACTIONS or key in _FORMS_DONE:
                continue
            _FORMS_DONE.add(key)
            _fuzz_form(client, action, fields)
