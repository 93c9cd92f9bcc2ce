import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured

from techmakers.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_healthz_answers_503_when_database_is_unreachable(client):
    from django.db import OperationalError

    with mock.patch("core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_security_headers_and_csp(client):
    response = client.get("/login/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_error_pages_are_dutch(client, world):
    client.force_login(world.docent)
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


def _import_settings(env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import techmakers.settings"],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _import_settings({"ALLOWED_HOSTS": "techmakers.nl"})
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_real_allowed_hosts():
    result = _import_settings({"SECRET_KEY": "x" * 60})
    assert result.returncode != 0 and "ALLOWED_HOSTS" in result.stderr
    result = _import_settings({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "*"})
    assert result.returncode != 0 and "ALLOWED_HOSTS" in result.stderr
    assert _import_settings({"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "techmakers.nl"}).returncode == 0


def test_production_settings_hash_passwords_with_argon2():
    result = subprocess.run(
        [sys.executable, "-c", "import techmakers.settings as s; print(s.PASSWORD_HASHERS[0])"],
        cwd=ROOT,
        env={**os.environ, "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "techmakers.nl"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_sessions_use_the_cache_only_when_it_is_shared():
    code = "import techmakers.settings as s; print(s.SESSION_ENGINE)"
    env = {**os.environ, "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "techmakers.nl"}
    env.pop("REDIS_URL", None)
    run = lambda extra: subprocess.run(  # noqa: E731
        [sys.executable, "-c", code], cwd=ROOT, env={**env, **extra}, capture_output=True, text=True
    ).stdout.strip()
    assert run({}) == "django.contrib.sessions.backends.db"
    assert run({"REDIS_URL": "redis://127.0.0.1:6379/0"}) == "django.contrib.sessions.backends.cached_db"


def test_env_helpers_fail_loudly(monkeypatch, tmp_path):
    monkeypatch.setenv("TM_FLAG", "misschien")
    with pytest.raises(ImproperlyConfigured):
        env_bool("TM_FLAG")
    monkeypatch.setenv("TM_FLAG", "yes")
    assert env_bool("TM_FLAG") is True
    monkeypatch.setenv("TM_NUM", "tien")
    with pytest.raises(ImproperlyConfigured):
        env_int("TM_NUM", 1)
    monkeypatch.setenv("TM_LIST", "a.nl, b.nl,,")
    assert env_list("TM_LIST") == ["a.nl", "b.nl"]
    secret = tmp_path / "secret"
    secret.write_text("from-file\n")
    monkeypatch.setenv("TM_SECRET_FILE", str(secret))
    assert env_str("TM_SECRET") == "from-file"


def test_only_makemigrations_runs_without_a_secret_key():
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "manage.py", *args], cwd=ROOT, env=base, capture_output=True, text=True
    )
    assert run("makemigrations", "--check", "--dry-run").returncode == 0
    refused = run("check")
    assert refused.returncode != 0 and "SECRET_KEY must be set" in refused.stderr


def test_the_favicon_is_there_for_browsers_that_ask_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("img/favicon.ico")
    page = client.get("/login/").content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page
