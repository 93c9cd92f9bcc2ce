"""Read a form out of a rendered page and post it like a browser would, so
tests use exactly what the template renders (hidden version and form token
included)."""

from html import unescape
from html.parser import HTMLParser

from django.utils.html import escape


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"attrs": a, "fields": []}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self._form["fields"].append([name, a.get("value", "on" if kind in ("checkbox", "radio") else "")])
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
            self._form["fields"].append(self._textarea)
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in a, "options": [], "selected": []}
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select["options"].append(value)
            if "selected" in a:
                self._select["selected"].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            if self._textarea is not None and self._textarea[1].startswith("\n"):
                self._textarea[1] = self._textarea[1][1:]
            self._textarea = None
        elif tag == "select" and self._select is not None:
            s = self._select
            chosen = s["selected"] or ([] if s["multiple"] else s["options"][:1])
            for value in chosen:
                self._form["fields"].append([s["name"], value])
            self._select = None
        elif tag == "form":
            self._form = None


def forms_in(content) -> list[dict]:
    parser = _Forms()
    parser.feed(content.decode() if isinstance(content, bytes) else content)
    return parser.forms


def form_data(response, *, action: str | None = None, having: str | None = None) -> dict:
    """The fields of the (first) form on the page posting to ``action`` and/or
    containing a field named ``having``, as a dict for ``client.post``
    (several values of one name as a list)."""
    page = getattr(response, "request", {}).get("PATH_INFO", "")
    for form in forms_in(response.content):
        # A form without an action posts to the page itself.
        if action is not None and (unescape(form["attrs"].get("action") or "") or page) != action:
            continue
        if having is not None and not any(name == having or name.endswith(f"-{having}") for name, _ in form["fields"]):
            continue
        data: dict = {}
        for name, value in form["fields"]:
            if name in data:
                data[name] = data[name] if isinstance(data[name], list) else [data[name]]
                data[name].append(value)
            else:
                data[name] = value
        return data
    raise AssertionError(f"no form with action={action!r} having={having!r} on the page")


def shows_text(response, text: str) -> bool:
    """The text appears in the page, escaped as the template escapes it."""
    return escape(text) in response.content.decode()


def assert_edit_conflict(first, second, url, *, theirs: dict, mine: dict, action=None, saved=(302,), post_url=None):
    """Two sessions (test clients) open ``url``; ``first`` saves ``theirs``,
    then ``second`` saves ``mine`` from the page it had loaded. The second
    save is refused with 409: the conflict box shows the stored text, the form
    still holds what ``second`` typed, and saving that form again stores it.
    Returns the 409 response."""
    post_url = post_url or action or url
    page_1, page_2 = first.get(url), second.get(url)
    assert page_1.status_code == page_2.status_code == 200
    data_1 = form_data(page_1, action=action, having="version")
    data_2 = form_data(page_2, action=action, having="version")
    response = first.post(post_url, {**data_1, **theirs})
    assert response.status_code in saved, (response.status_code, response.content[:2000])
    response = second.post(post_url, {**data_2, **mine})
    assert response.status_code == 409, (response.status_code, response.content[:3000])
    assert b'class="edit-conflict"' in response.content
    kept = form_data(response, action=action, having="version")
    for name, value in mine.items():
        if isinstance(value, str) and value:
            assert kept.get(name) == value, f"{name}: typed {value!r}, form shows {kept.get(name)!r}"
    for value in theirs.values():
        if isinstance(value, str) and len(value) > 3:
            assert shows_text(response, value), f"the stored {value!r} is not shown"
    again = second.post(post_url, kept)
    assert again.status_code in saved, (again.status_code, again.content[:2000])
    return response
