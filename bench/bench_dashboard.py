"""Server time of every role's dashboard and the school pages on the demo data,
beside a minimal Django view measured in the same run.

    .venv/bin/python bench/bench_dashboard.py [--db postgres|sqlite] [--requests 200]

Builds its own database (PostgreSQL: tm_bench_dashboard, dropped afterwards;
SQLite: a temporary file), loads the demo data, then times requests through
django.test.Client (server time: request handling, no network). Prints one line
per page and, last, one JSON object with all figures. Query counts are bounded
by the test suite (dashboard/tests/test_dashboard.py), not measured here.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

parser = argparse.ArgumentParser()
parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
parser.add_argument("--requests", type=int, default=200)
parser.add_argument("--panels", action="store_true", help="also time every dashboard panel (build + render) per role")
args = parser.parse_args()

if args.db == "postgres":
    os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/tm_bench_dashboard"
else:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techmakers.settings_test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402


def minimal_view(request):
    return HttpResponse("ok")


# A baseline URL added beside the real ones for this run only.
import techmakers.urls as root_urls  # noqa: E402

root_urls.urlpatterns.append(path("__bench_minimal__/", minimal_view, name="bench_minimal"))
clear_url_caches()


def setup_database():
    from django.core.management import call_command

    if args.db == "postgres":
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS tm_bench_dashboard")
            conn.execute("CREATE DATABASE tm_bench_dashboard")
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)


def teardown_database():
    connection.close()
    if args.db == "postgres":
        import psycopg

        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS tm_bench_dashboard")


def measure(client, url, n):
    response = client.get(url)  # warm up
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(n):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
    }


def time_panels(user, n=50):
    """Median build and render time of each panel on ``user``'s dashboard."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from core.panels import panels_for
    from dashboard.views import ROLE_ORDER
    from organisation.access import get_scope

    request = RequestFactory().get("/dashboard/")
    request.user = user
    request.session = {}
    scope = get_scope(user)
    rows = {}
    for role in ROLE_ORDER:
        if not scope.has(role):
            continue
        for panel in panels_for(role):
            build, render = [], []
            for _ in range(n):
                start = time.perf_counter()
                context = panel.build(request, scope)
                build.append((time.perf_counter() - start) * 1000)
                if context:
                    start = time.perf_counter()
                    render_to_string(context["template"], context, request)
                    render.append((time.perf_counter() - start) * 1000)
            rows[panel.name] = {
                "build_ms": round(statistics.median(build), 2),
                "render_ms": round(statistics.median(render), 2) if render else None,
            }
    return rows


def main():
    setup_test_environment()
    settings.DEBUG = False
    setup_database()
    from django.contrib.auth import get_user_model

    from organisation.models import School

    User = get_user_model()
    school_a = School.objects.get(name="Vakcollege De Brug")
    results = {"db": args.db, "requests": args.requests}
    anon = Client()
    results["minimal_view"] = measure(anon, "/__bench_minimal__/", args.requests)
    pages = [(u, "/dashboard/") for u in ["leerling", "docent", "coordinator", "netwerkcoach", "partner", "bureau"]]
    pages += [("coordinator", f"/scholen/{school_a.pk}/"), ("bureau", "/scholen/"), ("docent", "/organisaties/")]
    for username, url in pages:
        client = Client()
        client.force_login(User.objects.get(username=username))
        results[f"{username} {url}"] = measure(client, url, args.requests)
    if args.panels:
        for username in ["leerling", "docent", "coordinator", "netwerkcoach", "partner", "bureau"]:
            panels = time_panels(User.objects.get(username=username))
            results[f"panels {username}"] = panels
            for name, value in panels.items():
                print(f"  {username:12s} {name:60s} build {value['build_ms']:6.2f} ms  render {value['render_ms']} ms")
    teardown_database()
    for key, value in results.items():
        if isinstance(value, dict) and "p50_ms" in value:
            print(f"{key:40s} p50 {value['p50_ms']:7.2f} ms  p95 {value['p95_ms']:7.2f} ms")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
