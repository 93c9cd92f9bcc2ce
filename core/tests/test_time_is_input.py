"""Time is an input: the clock is read one way only, and never by the seeders.

Decisions take ``now``/``today`` (defaulting to ``timezone.now()`` /
``timezone.localdate()``, aware and in the project's time zone). Reading the
clock another way (``date.today()`` is the server's zone, ``datetime.now()``
is naive, ``timezone.now().date()`` is the UTC date) gives another day around
midnight, so those spellings are refused in product code."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {
    r"\bdate\.today\(": "date.today() uses the server's time zone: use timezone.localdate()",
    r"\bdatetime\.now\(": "datetime.now() is naive or UTC: use timezone.now()",
    r"\bdatetime\.today\(": "datetime.today() is naive: use timezone.now()",
    r"\butcnow\(": "utcnow() is naive: use timezone.now()",
    r"\btime\.time\(": "time.time() is not the domain's clock: use timezone.now()",
    r"now\(\)\.date\(\)": "the UTC date of now: use timezone.localdate()",
}
CLOCK = re.compile(r"timezone\.now\(|localdate\(")


def product_files():
    for path in sorted(ROOT.glob("*/**/*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in {".venv", "var", "bench", "docs"} or "tests" in parts or "migrations" in parts:
            continue
        yield path


def test_product_code_reads_the_clock_one_way():
    found = []
    for path in product_files():
        text = path.read_text()
        for pattern, why in FORBIDDEN.items():
            for match in re.finditer(pattern, text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {why}")
    assert not found, "\n".join(found)


def test_seeders_never_read_the_clock():
    """The demo is built for ``ctx.today``; every moment comes from the context."""
    seeders = [p for p in product_files() if p.name in ("seed.py", "seeding.py")]
    assert len(seeders) >= 5
    found = [
        f"{path.relative_to(ROOT)}:{path.read_text().count(chr(10), 0, m.start()) + 1}"
        for path in seeders
        for m in CLOCK.finditer(path.read_text())
    ]
    assert not found, f"seeders read the clock: {found}"


def test_the_guard_sees_what_it_forbids(tmp_path):
    """The patterns match the spellings they are meant to refuse (so the guard cannot rot)."""
    samples = ["datetime.date.today()", "datetime.datetime.now(tz=UTC)", "timezone.now().date()", "time.time()"]
    for sample in samples:
        assert any(re.search(p, sample) for p in FORBIDDEN), sample
    assert not any(re.search(p, "timezone.localdate()") for p in FORBIDDEN)


MODULE_LEVEL_CLOCK = re.compile(
    r"^[A-Za-z_][\w, ]*=.*(timezone\.now\(|localdate\(|date\.today\(|datetime\.now\()", re.M
)


def test_tests_read_the_clock_when_they_run_not_at_import():
    """A date taken at import is fixed before a test fixes or shifts the clock,
    so the test silently runs on the wall clock: a time bomb (the suite runs
    again a year ahead in CI)."""
    found = []
    for path in sorted(ROOT.glob("*/**/tests/**/*.py")) + [ROOT / "conftest.py"]:
        if path.relative_to(ROOT).parts[0] == ".venv":
            continue
        text = path.read_text()
        for match in MODULE_LEVEL_CLOCK.finditer(text):
            found.append(f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}")
    assert not found, f"clock read at import: {found}"
    assert MODULE_LEVEL_CLOCK.search("TODAY = timezone.localdate()\n")
    assert not MODULE_LEVEL_CLOCK.search("    today = timezone.localdate()\n")
