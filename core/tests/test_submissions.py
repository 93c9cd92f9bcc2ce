"""core/submissions.py: a form posted twice creates once."""

import re
import threading
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from core.models import FormSubmission
from core.testing.forms import form_data
from portfolio import services as portfolio_services
from portfolio.models import Experience

ROOT = Path(settings.BASE_DIR)

# POST forms without a token, with the reason.
EXEMPT = {
    "accounts/templates/account/login.html": "anonymous: the login limiter handles repeats",
    "accounts/templates/account/logout.html": "logging out twice is harmless",
    "accounts/templates/account/password_change.html": "changes, creates nothing",
    "core/templates/base.html": "the logout button",
    "portfolio/templates/portfolio/reflect.html": "saves the one reflection of an experience (versioned edit)",
    "accounts/templates/account/password_reset.html": "anonymous, rate limited; sends a link, creates nothing",
    "accounts/templates/account/password_reset_from_key.html": "anonymous; the link works once",
    # A stored answer would keep the temporary password readable for an hour; a repeat
    # only sets another one, and the page shows the one that counts.
    "organisation/templates/organisation/student_password_reset.html": "the answer holds a password: never stored",
}
POST_FORM = re.compile(r"<form\b[^>]*\bmethod=[\"']?post[\"']?[^>]*>", re.I)


def _templates():
    for path in sorted(ROOT.glob("*/templates/**/*.html")):
        rel = path.relative_to(ROOT).as_posix()
        if not rel.startswith((".venv", "var/")):
            yield rel, path.read_text()


def test_every_post_form_in_a_template_carries_the_form_token():
    missing = []
    for rel, text in _templates():
        if rel in EXEMPT:
            continue
        for match in POST_FORM.finditer(text):
            end = text.find("</form>", match.end())
            inside = text[match.end() : end if end != -1 else len(text)]
            if "{% form_token %}" not in inside:
                line = text.count("\n", 0, match.start()) + 1
                missing.append(f"{rel}:{line}")
    assert not missing, f"POST forms without {{% form_token %}} (core/submissions.py): {missing}"
    assert all((ROOT / rel).exists() for rel in EXEMPT), "an exempt template no longer exists"


def test_no_form_token_in_a_cached_fragment():
    """A cached fragment would hand one token to every page it is shown on."""
    for rel, text in _templates():
        for block in re.findall(r"{% cache .*?{% endcache %}", text, re.S):
            assert "form_token" not in block, rel


def test_htmx_posts_outside_a_form_are_exempt_or_carry_the_token():
    """An element posting with data-hx-post that is not a form sends no form fields."""
    for rel, text in _templates():
        for match in re.finditer(r"<(\w+)\b[^>]*data-hx-post=", text):
            assert match.group(1).lower() == "form" or rel in EXEMPT, f"{rel}: data-hx-post on <{match.group(1)}>"


def _student(world):
    client = Client()
    client.force_login(world.leerling)
    return client


def _experience_form(client):
    data = form_data(client.get(reverse("portfolio:experience_add")), having="form_token")
    data.update(kind="open_dag", title="Open dag ROC", date="2026-11-20", place="Utrecht")
    return data


@pytest.mark.django_db
def test_the_same_post_twice_creates_once_and_answers_the_same(world, time_machine):
    time_machine.move_to("2026-12-01 12:00 +01:00")
    client = _student(world)
    data = _experience_form(client)
    first = client.post(reverse("portfolio:experience_add"), data)
    second = client.post(reverse("portfolio:experience_add"), data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Experience.objects.filter(student=world.leerling, title="Open dag ROC").count() == 1
    assert FormSubmission.objects.get().status == 302


@pytest.mark.django_db
def test_the_same_token_with_other_content_is_a_new_submission(world, time_machine):
    """The back button and other text: nothing typed is dropped."""
    time_machine.move_to("2026-12-01 12:00 +01:00")
    client = _student(world)
    data = _experience_form(client)
    client.post(reverse("portfolio:experience_add"), data)
    client.post(reverse("portfolio:experience_add"), {**data, "title": "Meeloopdag bakker"})
    assert set(Experience.objects.filter(student=world.leerling).values_list("title", flat=True)) == {
        "Open dag ROC",
        "Meeloopdag bakker",
    }


@pytest.mark.django_db
def test_a_refused_post_releases_the_token(world, time_machine):
    """Nothing was made (403): the same form may be sent again and then counts."""
    time_machine.move_to("2026-12-01 12:00 +01:00")
    client = _student(world)
    data = _experience_form(client)
    with mock.patch.object(portfolio_services, "add_experience", side_effect=PermissionDenied):
        assert client.post(reverse("portfolio:experience_add"), data).status_code == 403
    assert not FormSubmission.objects.exists()
    assert client.post(reverse("portfolio:experience_add"), data).status_code == 302
    assert Experience.objects.filter(student=world.leerling).count() == 1


@pytest.mark.django_db
def test_a_form_shown_again_with_errors_is_shown_again_for_the_repeat(world):
    client = _student(world)
    data = {**_experience_form(client), "title": ""}
    first = client.post(reverse("portfolio:experience_add"), data)
    second = client.post(reverse("portfolio:experience_add"), data)
    assert first.status_code == second.status_code == 200
    assert b'name="place" value="Utrecht"' in second.content  # what was typed is still there
    assert not Experience.objects.filter(student=world.leerling).exists()


@pytest.mark.django_db
def test_an_htmx_repeat_gets_no_content(world, time_machine):
    time_machine.move_to("2026-12-01 12:00 +01:00")
    client = _student(world)
    data = _experience_form(client)
    client.post(reverse("portfolio:experience_add"), data)
    headers = {"HX-Request": "true"}
    # The first answer was a redirect: a repeat is redirected the same way.
    assert client.post(reverse("portfolio:experience_add"), data, headers=headers).status_code == 302
    submission = FormSubmission.objects.get()
    submission.status, submission.headers, submission.body_kept = 200, {}, True
    submission.save()
    assert client.post(reverse("portfolio:experience_add"), data, headers=headers).status_code == 204
    submission.headers = {"HX-Redirect": "/portfolio/"}  # a navigation the first answer asked for is repeated
    submission.save()
    repeat = client.post(reverse("portfolio:experience_add"), data, headers=headers)
    assert repeat.status_code == 200 and repeat["HX-Redirect"] == "/portfolio/" and repeat.content == b""
    assert Experience.objects.filter(student=world.leerling).count() == 1


@pytest.mark.django_db
def test_a_repeat_while_the_first_is_still_busy_creates_nothing(world, settings, time_machine):
    """The repeat arrives while the first request is inside its view."""
    time_machine.move_to("2026-12-01 12:00 +01:00")
    settings.FORM_TOKEN_WAIT_SECONDS = 0.2
    client = _student(world)
    data = _experience_form(client)
    repeat = {}
    add = portfolio_services.add_experience

    def add_and_meanwhile_repeat(*args, **kwargs):
        if not repeat:
            repeat["response"] = _student(world).post(reverse("portfolio:experience_add"), data)
        return add(*args, **kwargs)

    with mock.patch.object(portfolio_services, "add_experience", add_and_meanwhile_repeat):
        first = client.post(reverse("portfolio:experience_add"), data)
    assert first.status_code == 302
    assert repeat["response"].status_code == 409
    assert "al verstuurd" in repeat["response"].content.decode()
    assert Experience.objects.filter(student=world.leerling).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_parallel_posts_create_one(world, time_machine):
    """Two threads post the same form at the same moment (own connections).
    The test database of SQLite lives in memory, where a second connection
    fails on a table lock instead of waiting; on SQLite the repeat during the
    first request is proven above (the server's SQLite file runs IMMEDIATE
    transactions, one writer at a time)."""
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith(("file:memorydb", ":memory:")):
        pytest.skip("in-memory SQLite test database: table locks instead of waiting")
    time_machine.move_to("2026-12-01 12:00 +01:00")
    data = _experience_form(_student(world))
    barrier = threading.Barrier(2)
    codes = []

    def post():
        try:
            client = _student(world)
            barrier.wait(timeout=10)
            codes.append(client.post(reverse("portfolio:experience_add"), data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert codes == [302, 302]
    assert Experience.objects.filter(student=world.leerling).count() == 1
