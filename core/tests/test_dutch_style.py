"""Dates in one Dutch style: full month names ("19 november"), never the
capitalised abbreviations Django's "M"/"D"/"N" give ("19 Nov", "Di")."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATE_FILTER = re.compile(r"""\|date:["']([^"']*)["']""")
ABBREVIATED = re.compile(r"(?<!\\)[MDNb]")


def test_templates_write_dates_in_one_style():
    found = []
    for path in sorted(ROOT.glob("*/templates/**/*.*")):
        for match in DATE_FILTER.finditer(path.read_text()):
            if ABBREVIATED.search(match.group(1)):
                found.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert not found, "\n".join(found)
    assert ABBREVIATED.search("j M Y") and not ABBREVIATED.search("l j F Y, H:i")


def test_python_code_formats_dates_through_django(tmp_path):
    """strftime ignores the language ("Nov", "11-19"); date_format follows it."""
    found = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in {".venv", "bench"} or "tests" in parts or "migrations" in parts or "management" in parts:
            continue
        if ".strftime(" in path.read_text():
            found.append(str(path.relative_to(ROOT)))
    assert not found, found


def test_scrollable_tables_can_be_reached_by_keyboard():
    """A table that scrolls sideways on a phone must take focus (axe: scrollable-region-focusable)."""
    found = []
    for path in sorted(ROOT.glob("*/templates/**/*.html")):
        for match in re.finditer(r'<div class="table-wrap[^"]*"[^>]*>', path.read_text()):
            if 'tabindex="0"' not in match.group(0):
                found.append(str(path.relative_to(ROOT)))
    assert not found, found
