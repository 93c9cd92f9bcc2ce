"""Security headers and cookie flags as a browser sees them from a server started
with production settings (gunicorn, DEBUG off, behind a TLS proxy)."""

import http.client
import os
import re
import subprocess
import sys
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from core.testing.servers import gunicorn

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    var = tmp_path_factory.mktemp("production")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "SESSION_", "CSRF_")) and key not in {"DATABASE_URL", "DEBUG"}
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "techmakers.settings",
        "SECRET_KEY": "production-test-" + "k" * 50,
        "ALLOWED_HOSTS": "techmakers.example.nl",
        "BEHIND_PROXY": "1",
        "VAR_DIR": str(var),
    }

    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)

    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")
    manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.create_user('docent', password='techmakers-prod')",
    )
    with gunicorn(env, workers=1, wait_seconds=10) as port:
        yield port


def _request(port, method, path, *, https=True, body=None, cookies=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": "techmakers.example.nl"}
    if https:
        headers["X-Forwarded-Proto"] = "https"
        headers["Referer"] = "https://techmakers.example.nl/login/"
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urlencode(body)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    return response


def _cookies(response):
    """name -> (value, the Set-Cookie line) of every cookie the response sets."""
    found = {}
    for line in response.headers.get_all("Set-Cookie") or []:
        cookie = SimpleCookie(line)
        for name, morsel in cookie.items():
            found[name] = (morsel.value, line)
    return found


def test_pages_carry_the_security_headers(server):
    response = _request(server, "GET", "/login/")
    assert response.status == 200
    headers = response.headers
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_cookies_are_secure_httponly_and_same_site(server):
    page = _request(server, "GET", "/login/")
    cookies = _cookies(page)
    csrf_value, csrf_line = cookies["csrftoken"]
    assert re.search(r"; Secure", csrf_line) and "SameSite=Lax" in csrf_line
    client_value, client_line = cookies["tm_client"]
    assert "; Secure" in client_line and "HttpOnly" in client_line and "SameSite=Lax" in client_line
    login = _request(
        server,
        "POST",
        "/login/",
        body={"login": "docent", "password": "techmakers-prod", "csrfmiddlewaretoken": csrf_value},
        cookies={"csrftoken": csrf_value, "tm_client": client_value},
    )
    assert login.status == 302, login.headers
    session = _cookies(login)["sessionid"][1]
    assert "; Secure" in session and "HttpOnly" in session and "SameSite=Lax" in session


def test_plain_http_is_sent_to_https_but_the_health_check_answers(server):
    plain = _request(server, "GET", "/login/", https=False)
    assert plain.status == 301 and plain.headers["Location"] == "https://techmakers.example.nl/login/"
    health = _request(server, "GET", "/healthz", https=False)
    assert health.status == 200
