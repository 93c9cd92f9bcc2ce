"""Double submission against a real server on an SQLite file: two gunicorn
workers (own processes, own connections) get the same form at the same
moment; one experience results. (The in-memory SQLite test database cannot
show this; on PostgreSQL test_submissions.py runs the same race in threads.)"""

import http.client
import os
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.db import connection

from core.testing.forms import forms_in
from core.testing.servers import gunicorn

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
HOST = "techmakers.example.nl"

SETUP = """
import conftest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
w = conftest.build_world()
session = SessionStore()
session[SESSION_KEY] = str(w.leerling.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = w.leerling.get_session_auth_hash()
session.create()
print(session.session_key)
"""
COUNT = "from portfolio.models import Experience; print(Experience.objects.filter(title='Open dag ROC').count())"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if connection.vendor != "sqlite":
        pytest.skip("the server runs on an SQLite file; PostgreSQL: test_submissions.py")
    var = tmp_path_factory.mktemp("submissions")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SECURE_", "SESSION_", "CSRF_")) and key not in {"DATABASE_URL", "DEBUG"}
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "techmakers.settings",
        "SECRET_KEY": "submissions-test-" + "k" * 50,
        "ALLOWED_HOSTS": HOST,
        "BEHIND_PROXY": "1",
        "VAR_DIR": str(var),
    }

    def manage(*args):
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)
        return done.stdout.decode().strip().splitlines()[-1] if done.stdout.strip() else ""

    manage("migrate", "--noinput")
    manage("collectstatic", "--noinput")
    session = manage("shell", "-c", SETUP)
    with gunicorn(env, workers=2, wait_seconds=15) as port:
        yield port, session, lambda: int(manage("shell", "-c", COUNT))


def _request(port, method, path, cookies, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {
        "Host": HOST,
        "X-Forwarded-Proto": "https",
        "Referer": f"https://{HOST}{path}",
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
    }
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = urlencode(body, doseq=True)
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    return response, response.read()


def test_two_workers_get_the_same_form_at_once_and_one_experience_results(server):
    port, session, count = server
    path = "/portfolio/ervaringen/nieuw/"
    cookies = {"sessionid": session}
    page, content = _request(port, "GET", path, cookies)
    assert page.status == 200
    for line in page.headers.get_all("Set-Cookie") or []:
        cookies.update({name: morsel.value for name, morsel in SimpleCookie(line).items()})
    form = next(f for f in forms_in(content) if any(name == "form_token" for name, _ in f["fields"]))
    data = dict(form["fields"])
    data.update(kind="open_dag", title="Open dag ROC", date=time.strftime("%Y-%m-%d"), place="Utrecht")
    barrier = threading.Barrier(2)
    answers = []

    def post():
        barrier.wait(timeout=10)
        response, _ = _request(port, "POST", path, cookies, data)
        answers.append((response.status, response.headers.get("Location")))

    threads = [threading.Thread(target=post) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(answers) == 2 and answers[0] == answers[1] and answers[0][0] == 302, answers
    assert count() == 1
