"""Dutch is the default language: every app's catalogue must be complete and
compiled, and must contain every string the code marks for translation."""

import os
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[2]


def our_apps():
    return [Path(c.path) for c in apps.get_app_configs() if Path(c.path).parent == ROOT]


def catalogues():
    return sorted(ROOT.glob("*/locale/nl/LC_MESSAGES/django.po"))


def test_every_app_with_strings_has_a_dutch_catalogue():
    with_catalogue = {p.parents[3].name for p in catalogues()}
    assert {"accounts", "organisation", "core", "dashboard"} <= with_catalogue


@pytest.mark.parametrize("po_path", catalogues(), ids=lambda p: p.parents[3].name)
def test_catalogue_is_complete_and_compiled(po_path):
    po = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated in {po_path}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {po_path}: {fuzzy[:10]}"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} missing: run make compilemessages"
    mo = polib.mofile(str(mo_path))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr or dict(e.msgstr_plural)) for e in mo}
    for entry in po.translated_entries():
        expected = entry.msgstr or {int(k): v for k, v in entry.msgstr_plural.items()}
        got = compiled.get((entry.msgctxt, entry.msgid))
        if isinstance(got, dict):
            got = {int(k): v for k, v in got.items()}
        assert got == expected, f"{mo_path} is stale for {entry.msgid!r}: run make compilemessages"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext (xgettext) is not installed")
@pytest.mark.parametrize("app_path", our_apps(), ids=lambda p: p.name)
def test_catalogue_contains_every_marked_string(app_path, tmp_path):
    copy = tmp_path / app_path.name
    shutil.copytree(app_path, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "tests"))
    (copy / "locale").mkdir()
    django_admin = Path(ROOT / ".venv/bin/django-admin")
    cmd = [str(django_admin) if django_admin.exists() else "django-admin", "makemessages", "-l", "nl", "--no-location"]
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run(cmd, cwd=copy, check=True, capture_output=True, env=env)
    fresh = copy / "locale/nl/LC_MESSAGES/django.po"
    if not fresh.exists():
        return  # the app marks no strings
    wanted = {(e.msgctxt, e.msgid) for e in polib.pofile(str(fresh))}
    ours_path = app_path / "locale/nl/LC_MESSAGES/django.po"
    assert ours_path.exists(), f"{app_path.name} marks strings but has no Dutch catalogue: run make messages"
    have = {(e.msgctxt, e.msgid) for e in polib.pofile(str(ours_path)) if not e.obsolete}
    missing = sorted(m for _, m in wanted - have)
    assert not missing, f"{app_path.name}: strings not in the Dutch catalogue (run make messages): {missing[:10]}"
