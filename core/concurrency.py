"""Optimistic concurrency for every form that edits an existing object.

An edit form carries the *version* of what the user was shown: a digest of
the values the form was filled with (for a ModelForm: the instance's values of
the form's fields; for other forms: their ``initial``; plus anything else the
page edits, such as a formset). Saving first locks the stored row, builds the
version of what is stored *now*, and refuses when it moved on since the page
was loaded (someone else saved in between). Nothing is written then; the view
answers 409 with the same form, bound to what the user typed, plus a conflict
box listing both versions (``components/conflict.html``, shown by
``components/form_errors.html``). The form's version is moved on to the stored
one, so saving again deliberately stores the user's text.

The version needs no column: it is computed from the stored values, so a save
that changes anything the form shows is the "bump", made atomically by the
save's own transaction under the row lock (``select_for_update``; SQLite runs
every transaction IMMEDIATE, which serialises writers). A form posted without
a version counts as a conflict: nothing is overwritten blindly.

Usage in a view::

    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            with concurrency.unchanged(form, lambda: ProjectForm(instance=locked(Project, project.pk))):
                services.update_project(request.user, project, **form.cleaned_data)
        except concurrency.EditConflict as conflict:
            return render(request, "…", {"form": form}, status=409)   # form.conflict is set

The planning board (``projects/views/board.py``) uses a finer variant of the
same idea: each task edit carries the values it saw per field and conflicts
only when the same field changed; it answers 409 the same way.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django import forms
from django.db import models, transaction
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

VERSION_FIELD = "version"


# -- the version ---------------------------------------------------------------


def _plain(value):
    """A JSON-able, order-stable form of a value (model instances by pk)."""
    if isinstance(value, models.Model):
        return ["pk", value.pk]
    if isinstance(value, forms.BaseForm):
        return form_state(value)
    if isinstance(value, forms.BaseFormSet):
        return [form_state(f) for f in value.initial_forms]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, models.QuerySet):
        return [_plain(v) for v in value]
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_plain(v) for v in value), key=repr)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or ""
    return str(value)


def form_state(form: forms.BaseForm) -> dict:
    """The values an unbound form shows (its initial, as the widgets get it);
    choices of several values compare as a set."""
    state = {}
    for name, field in form.fields.items():
        if name == VERSION_FIELD:
            continue
        value = field.prepare_value(form.get_initial_for_field(field, name))
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField) and value:
            value = sorted(str(v) for v in value)
        state[name] = _plain(value)
    return state


def stamp(*parts) -> str:
    """The version of what a page edits: a digest of forms (their initial
    values), formsets (their existing rows), model instances (by pk) and plain
    values."""
    data = json.dumps([_plain(p) for p in parts], sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()[:32]


def locked(model_or_qs, pk):
    """The stored row, locked until the end of the transaction."""
    qs = model_or_qs if isinstance(model_or_qs, models.QuerySet) else model_or_qs._default_manager.all()
    return qs.select_for_update(of=("self",)).get(pk=pk)


# -- the form ------------------------------------------------------------------


class VersionInput(forms.HiddenInput):
    """The hidden version, without an id (a page may hold several edit forms)."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("id", None)
        return context


class VersionedForm(forms.BaseForm):
    """Mix into an edit form (before ``forms.Form``/``forms.ModelForm``).

    Renders a hidden ``version`` (put ``{{ form.version }}`` in the template;
    htmx forms post it like any field). Unbound, the version is that of the
    form itself (its initial values) unless ``version=`` is given (a string
    or a callable), e.g. ``lambda: stamp(form, formset)`` when the page edits
    a formset too.
    """

    conflict = None  # a Conflict once a save was refused

    def __init__(self, *args, version: str | Callable[[], str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial = dict(self.initial)  # never write into a dict the caller shares
        self.fields[VERSION_FIELD] = forms.CharField(widget=VersionInput, required=False, max_length=64)
        if not self.is_bound:
            # Computed when rendered, after subclasses finished setting up.
            self.initial[VERSION_FIELD] = version if version is not None else (lambda: stamp(self))

    def full_clean(self):
        super().full_clean()
        # The version is not data for the service: kept aside, out of cleaned_data.
        if hasattr(self, "cleaned_data"):
            self._seen_version = self.cleaned_data.pop(VERSION_FIELD, "") or ""

    @property
    def seen_version(self) -> str:
        """The version the user's page was built from ('' when missing)."""
        if hasattr(self, "_seen_version"):
            return self._seen_version
        if self.is_bound:
            return self.data.get(self.add_prefix(VERSION_FIELD), "")
        return self.get_initial_for_field(self.fields[VERSION_FIELD], VERSION_FIELD)

    def show_conflict(self, current: forms.BaseForm, *, version: str | None = None, who: str = "") -> Conflict:
        """Refuse this save: list the stored values next to the typed ones and
        move the form's version on to the stored one (a second save stores
        the user's text on purpose)."""
        self.conflict = Conflict(rows=differences(self, current), who=who)
        data = self.data.copy()
        data[self.add_prefix(VERSION_FIELD)] = version if version is not None else stamp(current)
        self.data = data
        return self.conflict


# -- the conflict --------------------------------------------------------------


@dataclass(frozen=True)
class Conflict:
    rows: list[dict]  # {"label", "stored", "yours"} for every field that differs
    who: str = ""


class EditConflict(Exception):
    """Raised inside :func:`unchanged`; the form's ``conflict`` is set."""

    def __init__(self, form):
        super().__init__("edit conflict")
        self.form = form


@dataclass(frozen=True)
class Stored:
    """What is stored now, as :func:`unchanged` compares it: an unbound form
    filled from the locked row(s); ``version`` when the page's version covers
    more than that form (a formset, a related row); ``who`` saved it, if known."""

    form: forms.BaseForm
    version: str | None = None
    who: str = ""


def stored_instance(form: forms.BaseModelForm, **form_kwargs) -> Callable[[], forms.BaseForm]:
    """For :func:`unchanged` with a ModelForm: the same form class, filled
    from its instance's row as stored now (locked)."""
    model, pk = type(form.instance), form.instance.pk
    return lambda: type(form)(instance=locked(model, pk), prefix=form.prefix, **form_kwargs)


def _still(form: VersionedForm, current: Callable[[], forms.BaseForm | Stored]) -> bool:
    fresh = current()
    if not isinstance(fresh, Stored):
        fresh = Stored(fresh)
    version = fresh.version if fresh.version is not None else stamp(fresh.form)
    if form.seen_version == version:
        return True
    form.show_conflict(fresh.form, version=version, who=fresh.who)
    return False


@contextmanager
def unchanged(form: VersionedForm, current: Callable[[], forms.BaseForm | Stored]) -> Iterator[None]:
    """Run the save inside a transaction only if what is stored is still the
    version the form was built from.

    ``current()`` is called inside the transaction; it locks the stored
    row(s) (``locked(...)``) and returns an unbound form filled from them (or a
    :class:`Stored`). On a difference nothing is saved: ``form.conflict`` is
    set and :class:`EditConflict` is raised.
    """
    with all_unchanged([(form, current)]):
        yield


@contextmanager
def all_unchanged(pairs) -> Iterator[None]:
    """:func:`unchanged` for a page with several edit forms (``(form,
    current)`` pairs): every form is checked, each conflict shown on its form."""
    with transaction.atomic():
        conflicts = [form for form, current in pairs if not _still(form, current)]
        if conflicts:
            raise EditConflict(conflicts[0])
        yield


# -- showing both versions -----------------------------------------------------

_YES, _NO = gettext_lazy("Yes"), gettext_lazy("No")


def _labels(field) -> dict[str, str]:
    labels = {}
    for key, label in getattr(field, "choices", ()):
        if isinstance(label, list | tuple):  # an optgroup
            for sub_key, sub_label in label:
                labels[str(sub_key)] = str(sub_label)
        else:
            labels[str(getattr(key, "value", key))] = str(label)
    return labels


def _display(field, value) -> str:
    if value in (None, "", [], ()):
        return "–"
    if isinstance(field, forms.BooleanField):
        return str(_YES if value else _NO)
    if getattr(field, "choices", None) is not None and not isinstance(field, forms.FileField):
        labels = _labels(field)
        values = value if isinstance(value, list | tuple) else [value]
        return ", ".join(labels.get(str(v), str(v)) for v in values) or "–"
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return formats.localize(value)
    if hasattr(value, "name") and hasattr(value, "storage"):
        return value.name.rsplit("/", 1)[-1] if value.name else "–"
    return str(value).replace("\r\n", "\n")


def _compare(field, value):
    if isinstance(value, list | tuple) and isinstance(field, forms.MultipleChoiceField):
        return sorted(str(v) for v in value)
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return "" if value is None else str(value) if not isinstance(value, bool) else value


def differences(typed: forms.BaseForm, stored: forms.BaseForm) -> list[dict]:
    """Per visible field whose stored value differs from what was typed: its
    label, the stored value and the typed one, as text."""
    rows = []
    for name, field in stored.fields.items():
        if name == VERSION_FIELD or isinstance(field.widget, forms.HiddenInput) or name not in typed.fields:
            continue
        mine = typed.cleaned_data.get(name) if name in getattr(typed, "cleaned_data", {}) else typed[name].value()
        mine = typed.fields[name].prepare_value(mine)
        theirs = field.prepare_value(stored.get_initial_for_field(field, name))
        if _compare(field, _plain_or_value(mine)) == _compare(field, _plain_or_value(theirs)):
            continue
        rows.append({"label": field.label or name, "stored": _display(field, theirs), "yours": _display(field, mine)})
    return rows


def _plain_or_value(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | models.QuerySet):
        return [v.pk if isinstance(v, models.Model) else v for v in value]
    return value


def status(*forms_shown, ok: int = 200) -> int:
    """The status of a page showing these forms: 409 after a refused save."""
    return 409 if any(getattr(form, "conflict", None) for form in forms_shown) else ok


def conflict_message(form: VersionedForm) -> str:
    """The conflict as one message, for a small form on a page that is not
    shown again (a row's inline form): both versions in words, so what was
    typed is still there to copy."""
    conflict = form.conflict
    text = (
        _("%(who)s saved this while you were editing it.") % {"who": conflict.who}
        if conflict.who
        else _("Someone else saved this while you were editing it.")
    )
    if not conflict.rows:
        not_saved = _("Your changes have not been saved yet.")
        return f"{text} {not_saved}"
    stored = "; ".join(f"{row['label']}: “{row['stored']}”" for row in conflict.rows)
    yours = "; ".join(f"{row['label']}: “{row['yours']}”" for row in conflict.rows)
    return _("%(text)s Your changes have not been saved. Stored now: %(stored)s. Yours: %(yours)s.") % {
        "text": text,
        "stored": stored,
        "yours": yours,
    }
