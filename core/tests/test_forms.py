"""Every form of the platform keeps one-line fields on one line (issue 13,
item 7): it derives from core.forms.Form/ModelForm, and each text field shown
as one line refuses line breaks, tabs and other control characters in Dutch."""

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.utils import translation

from core.forms import Form, SingleLineFields, is_single_line, single_line


def _project_modules():
    """Every module of the project's own apps, tests and migrations left out."""
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base not in path.parents or "site-packages" in path.parts:  # the venv may live inside the project
            continue
        yield importlib.import_module(config.name)
        for info in pkgutil.walk_packages([str(path)], prefix=f"{config.name}."):
            if ".tests" in info.name or ".migrations" in info.name or info.name.endswith((".seed", ".management")):
                continue
            yield importlib.import_module(info.name)


def _project_forms_and_formsets():
    form_classes, formsets = set(), {}
    for module in _project_modules():
        for name, value in vars(module).items():
            if not inspect.isclass(value):
                continue
            # Concrete forms only (a mixin such as core.concurrency.VersionedForm is combined with ours).
            concrete = issubclass(value, forms.Form | forms.ModelForm)
            if concrete and value.__module__.split(".")[0] == module.__name__.split(".")[0]:
                form_classes.add(value)
            elif issubclass(value, forms.BaseFormSet) and hasattr(value, "form"):
                formsets[f"{module.__name__}.{name}"] = value
    return form_classes, formsets


FORMS, FORMSETS = _project_forms_and_formsets()


def test_the_walk_finds_the_forms():
    names = {f"{cls.__module__}.{cls.__name__}" for cls in FORMS}
    assert {"partners.forms.OfferForm", "community.forms.MeetingForm", "accounts.forms.PreferencesForm"} <= names
    assert len(FORMS) > 50
    assert "partners.forms.ContactFormSet" in FORMSETS


def test_every_form_derives_from_the_core_base():
    plain = sorted(f"{cls.__module__}.{cls.__name__}" for cls in FORMS if not issubclass(cls, SingleLineFields))
    assert not plain, f"derive these from core.forms.Form / core.forms.ModelForm: {plain}"
    loose = sorted(name for name, formset in FORMSETS.items() if not issubclass(formset.form, SingleLineFields))
    assert not loose, f"give these formsets form=core.forms.ModelForm (or a form of ours): {loose}"


def _instances():
    """Each form that can be made without arguments, bound to a line break in
    every one-line text field (other forms: their fields are checked by class)."""
    for cls in sorted(FORMS, key=lambda c: f"{c.__module__}.{c.__name__}"):
        try:
            blank = cls()
        except Exception:  # noqa: BLE001 - forms that need their context (user, school, ...)
            continue
        data = {name: "een\rtwee" for name, field in blank.fields.items() if is_single_line(field)}
        if data:
            yield cls, data


@pytest.mark.django_db
def test_every_one_line_field_refuses_a_line_break():
    checked = 0
    for cls, data in _instances():
        form = cls(data=data)
        form.is_valid()
        for name in data:
            field = form.fields[name]
            assert single_line in field.validators, f"{cls.__name__}.{name} has no single_line validator"
            assert name in form.errors, f"{cls.__name__}.{name} accepted a carriage return"
        checked += 1
    assert checked > 10


def test_one_line_and_text_areas():
    class Example(Form):
        title = forms.CharField(label="Titel")
        website = forms.URLField(label="Website", required=False, assume_scheme="https")
        body = forms.CharField(label="Tekst", widget=forms.Textarea, required=False)

    with translation.override("nl"):
        form = Example(data={"title": "Rondleiding\rBcc: iemand@example.com", "body": "Regel een\r\nRegel\ttwee"})
        assert not form.is_valid()
        assert form.errors["title"] == ["Houd dit op één regel: geen regeleinden, tabs of andere besturingstekens."]
        assert "body" not in form.errors  # a text area keeps its lines
        assert form["title"].value() == "Rondleiding\rBcc: iemand@example.com"  # what was typed stays

        # A trailing line break is whitespace: stripped, not refused.
        assert Example(data={"title": "Rondleiding\r\n"}).is_valid()
        # Other control characters (a bell, an escape, DEL, C1) are refused too.
        for bad in ["a\tb", "a\x07b", "a\x1bb", "a\x7fb", "a\x85b"]:
            assert "title" in Example(data={"title": bad}).errors, repr(bad)
        # NUL, which PostgreSQL refuses, in any text field, text areas too, in Dutch.
        nul = Example(data={"title": "a\x00b", "body": "a\x00b"})
        assert not nul.is_valid()
        assert nul.errors["body"] == ["Null-tekens zijn niet toegestaan."]
        assert nul.errors["title"] == ["Null-tekens zijn niet toegestaan."]


@pytest.mark.django_db
def test_a_choice_of_rows_refuses_numbers_no_database_holds():
    """Django hands "99999999999999999999" to the database, which fails (a server
    error on SQLite and PostgreSQL); our forms refuse it like any wrong choice."""
    from organisation.models import Sector

    class Example(Form):
        sectors = forms.ModelMultipleChoiceField(label="Sectoren", queryset=Sector.objects.all())

    with translation.override("nl"):
        for bad in ["99999999999999999999", "²", "١٢", "1\x00"]:
            form = Example(data={"sectors": [bad]})
            assert not form.is_valid()
            assert "is geen geldige waarde" in form.errors["sectors"][0], bad
        some = Sector.objects.first()
        assert Example(data={"sectors": [str(some.pk)]}).is_valid()


def test_every_formset_caps_the_number_of_forms_it_builds():
    """A formset builds as many forms as the posted TOTAL_FORMS says, up to
    ``absolute_max`` (Django's default: 1,000 past ``max_num``): every page
    with a formset could be made to build and render two thousand forms."""
    loose = sorted(name for name, formset in FORMSETS.items() if formset.absolute_max > 100)
    assert not loose, f"give these formsets a small absolute_max: {loose}"
