"""core/concurrency.py: the version of an edit form, the refused save and the
conflict box."""

import threading

import pytest
from django import forms
from django.db import connection, connections
from django.template.loader import render_to_string
from django.utils import translation

from accounts.models import User
from core import concurrency
from core.concurrency import EditConflict, VersionedForm, locked, stamp, unchanged
from organisation.tests.factories import UserFactory


class NameForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "preferred_language"]


class PlainForm(VersionedForm, forms.Form):
    note = forms.CharField(label="Note", widget=forms.Textarea)
    happy = forms.BooleanField(label="Happy", required=False)


def _post(form: forms.BaseForm, **changes) -> dict:
    """What the browser posts for an unbound form, with the user's edits."""
    data = {bf.name: bf.value() if bf.value() is not None else "" for bf in form}
    data.update(changes)
    return data


def _save(form, user):
    with unchanged(form, lambda: NameForm(instance=locked(User, user.pk))):
        form.save()


@pytest.mark.django_db
def test_version_follows_the_stored_values_of_the_forms_fields():
    user = UserFactory(first_name="Ada", last_name="Lovelace")
    version = NameForm(instance=user).seen_version
    assert version == stamp(NameForm(instance=User.objects.get(pk=user.pk)))
    User.objects.filter(pk=user.pk).update(email="other@example.org")  # not on the form
    assert NameForm(instance=User.objects.get(pk=user.pk)).seen_version == version
    User.objects.filter(pk=user.pk).update(first_name="Grace")
    assert NameForm(instance=User.objects.get(pk=user.pk)).seen_version != version


@pytest.mark.django_db
def test_the_second_of_two_saves_from_the_same_version_is_refused_and_keeps_the_text():
    user = UserFactory(first_name="Ada", last_name="Lovelace")
    first_page, second_page = NameForm(instance=user), NameForm(instance=user)
    first = NameForm(_post(first_page, first_name="Augusta"), instance=User.objects.get(pk=user.pk))
    second = NameForm(_post(second_page, first_name="Grace"), instance=User.objects.get(pk=user.pk))
    assert first.is_valid() and second.is_valid()
    _save(first, user)
    with pytest.raises(EditConflict):
        _save(second, user)
    user.refresh_from_db()
    assert user.first_name == "Augusta"
    assert second.conflict.rows == [{"label": second.fields["first_name"].label, "stored": "Augusta", "yours": "Grace"}]
    # The typed text stays in the form; its version is now the stored one.
    assert second["first_name"].value() == "Grace"
    assert second["version"].value() == stamp(NameForm(instance=user))
    html = render_to_string("components/form_errors.html", {"form": second})
    assert "Augusta" in html and "Grace" in html and 'role="alert"' in html
    # Saving again (the user saw both) stores their version.
    again = NameForm(second.data, instance=User.objects.get(pk=user.pk))
    assert again.is_valid()
    _save(again, user)
    user.refresh_from_db()
    assert user.first_name == "Grace"


@pytest.mark.django_db
def test_a_form_without_version_is_a_conflict_not_a_blind_overwrite():
    user = UserFactory(first_name="Ada")
    data = _post(NameForm(instance=user), first_name="Grace")
    del data["version"]
    form = NameForm(data, instance=User.objects.get(pk=user.pk))
    assert form.is_valid()
    with pytest.raises(EditConflict):
        _save(form, user)
    user.refresh_from_db()
    assert user.first_name == "Ada"


@pytest.mark.django_db
def test_a_save_that_changes_nothing_else_passes():
    user = UserFactory(first_name="Ada")
    form = NameForm(_post(NameForm(instance=user), last_name="Byron"), instance=User.objects.get(pk=user.pk))
    assert form.is_valid()
    _save(form, user)
    user.refresh_from_db()
    assert user.last_name == "Byron"
    assert form.conflict is None


@translation.override("en")
def test_plain_forms_and_extra_parts():
    page = PlainForm(initial={"note": "first"})
    assert page.seen_version == stamp(PlainForm(initial={"note": "first"}))
    assert stamp(PlainForm(initial={"note": "first"})) != stamp(PlainForm(initial={"note": "second"}))
    assert PlainForm(version="abc").seen_version == "abc"
    assert stamp(page, [1, 2]) != stamp(page, [1, 3])
    typed = PlainForm(_post(page, note="mine\r\nline two", happy="on"))
    assert typed.is_valid()
    stored = PlainForm(initial={"note": "theirs", "happy": False})
    rows = typed.show_conflict(stored).rows
    assert [(r["stored"], r["yours"]) for r in rows] == [("theirs", "mine\nline two"), ("No", "Yes")]
    assert typed["version"].value() == stamp(stored)


def test_choice_values_are_shown_by_their_labels():
    class ChoiceForm(VersionedForm, forms.Form):
        colour = forms.ChoiceField(label="Colour", choices=[("r", "Red"), ("g", "Green")])
        many = forms.MultipleChoiceField(label="Many", choices=[("a", "Apple"), ("b", "Banana")])

    typed = ChoiceForm({"colour": "g", "many": ["b", "a"], "version": "x"})
    assert typed.is_valid()
    assert concurrency.differences(typed, ChoiceForm(initial={"colour": "r", "many": ["a", "b"]})) == [
        {"label": "Colour", "stored": "Red", "yours": "Green"}
    ]


@pytest.mark.django_db(transaction=True)
def test_two_parallel_saves_from_one_version_store_one(django_db_blocker):
    """Both requests checked the same version at the same moment: the row
    lock (PostgreSQL) or the IMMEDIATE transaction (SQLite) lets one through,
    the other sees the new version and is refused."""
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(("file:memorydb", ":memory:")):
        pytest.skip("in-memory SQLite shares one connection")
    user = UserFactory(first_name="Ada")
    page = NameForm(instance=user)
    barrier = threading.Barrier(2)
    outcome = []

    def save(name):
        try:
            form = NameForm(_post(page, first_name=name), instance=User.objects.get(pk=user.pk))
            assert form.is_valid()
            barrier.wait(timeout=10)
            try:
                _save(form, user)
                outcome.append(("saved", name))
            except EditConflict:
                outcome.append(("conflict", name))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(n,)) for n in ("Augusta", "Grace")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert sorted(kind for kind, _ in outcome) == ["conflict", "saved"]
    user.refresh_from_db()
    assert user.first_name == next(name for kind, name in outcome if kind == "saved")


# Edit forms of an existing object that need no version, with the reason.
UNVERSIONED = {
    "accounts.views.PreferencesForm": "one's own language choice: the last choice is the wanted one",
}


def test_every_form_bound_to_a_stored_object_in_a_view_is_versioned():
    """A view that builds ``SomeForm(..., instance=obj)`` edits a stored
    object: that form must carry a version (core/concurrency.py). Formsets are
    covered by the version of the form they belong to."""
    import ast
    import importlib
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    missing = []
    files = [*root.glob("*/views.py"), *root.glob("*/views/*.py")]
    assert len(files) > 10
    for path in files:
        module = importlib.import_module(".".join(path.relative_to(root).with_suffix("").parts))
        for node in ast.walk(ast.parse(path.read_text())):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if not any(k.arg == "instance" for k in node.keywords):
                continue
            form_class = getattr(module, node.func.id, None)
            if not isinstance(form_class, type) or issubclass(form_class, forms.BaseFormSet):
                continue
            name = f"{module.__name__}.{node.func.id}"
            if not issubclass(form_class, VersionedForm) and name not in UNVERSIONED:
                missing.append(f"{path.relative_to(root)}:{node.lineno} {node.func.id}")
    assert not missing, f"edit forms without a version (core.concurrency.VersionedForm): {missing}"
