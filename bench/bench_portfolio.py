"""Server time of the LOB coach's class view (30 students, two years of
history) and of a student's richtingsgevoel dashboard, beside a minimal Django
view measured in the same run.

    .venv/bin/python bench/bench_portfolio.py [--db postgres|sqlite] [--requests 300]

Builds its own database (PostgreSQL: tm_bench_portfolio, dropped afterwards;
SQLite: a temporary file) with the test world (two schools, the demo
personas), fills class 3A with 30 students who each have two years of
reflected experiences (12 per student, two or three sectors each, a career
conversation and a private note), then times requests through
django.test.Client (server time: request handling, no network). Prints one
line per page and, last, one JSON object with all figures.

When a Redis server answers on 127.0.0.1:6379 the run is production-like:
Django's Redis cache (database 14, flushed afterwards) with cached sessions,
as with REDIS_URL; otherwise the in-process cache.

The coach class view is timed twice: as a coach sees it again and again
(each student's glance read from the cache, which is keyed by the student's
data and the day), and with the cache emptied before every request (as the
first view of the day, or after every student changed something).

Target (issue 5): p95 under 25 ms for both pages; the coach view in at most
about 10 queries. For comparison on this machine: Kolibri 0.19 coach class
summary for 30 learners 48 ms p95 / 26 queries, learner home 54 ms p95 / 20.
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
parser.add_argument("--requests", type=int, default=300)
parser.add_argument("--students", type=int, default=30)
parser.add_argument("--per-student", type=int, default=12)
parser.add_argument("--breakdown", action="store_true", help="time the parts of the coach class view")
parser.add_argument("--profile", help="cProfile one page (coach_class, student_richtingsgevoel, ...)")
args = parser.parse_args()

DB_NAME = "tm_bench_portfolio"
if args.db == "postgres":
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
else:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techmakers.settings_test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

# Production-like template engine: no debug annotations (the test settings
# turn them on to catch template errors).
settings.TEMPLATES[0]["OPTIONS"]["debug"] = False


def _redis_up():
    try:
        import redis

        return redis.Redis(host="127.0.0.1", port=6379, db=14, socket_connect_timeout=0.2).ping()
    except Exception:
        return False


# Production-like cache: Redis (as with REDIS_URL) with cached sessions, when a
# Redis server answers on this machine; otherwise the in-process cache.
CACHE = "redis" if _redis_up() else "locmem"
if CACHE == "redis":
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/14"}
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import clear_url_caches, path, reverse  # noqa: E402


def minimal_view(request):
    return HttpResponse("ok")


import techmakers.urls as root_urls  # noqa: E402

root_urls.urlpatterns.append(path("__bench_minimal__/", minimal_view, name="bench_minimal"))
clear_url_caches()


def admin_connection():
    import psycopg

    return psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True)


def setup_database():
    from django.core.management import call_command

    if args.db == "postgres":
        with admin_connection() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
            conn.execute(f"CREATE DATABASE {DB_NAME}")
    call_command("migrate", verbosity=0)


def forget_glances():
    """Drop the cached glances (not the sessions)."""
    from django.core.cache import cache

    if CACHE == "redis":
        import redis

        client = redis.Redis(host="127.0.0.1", port=6379, db=14)
        keys = client.keys("*pf-glance*")
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


def teardown_database():
    if CACHE == "redis":
        from django.core.cache import cache

        cache.clear()
    connection.close()
    if args.db == "postgres":
        with admin_connection() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")


def build_data():
    from conftest import build_world
    from portfolio.tests.bulk import add_history, fill_class

    world = build_world()
    students = fill_class(world.class_a, args.students - 2)  # + leerling and classmate = 30
    everyone = [*students, world.leerling, world.classmate]
    add_history(everyone, per_student=args.per_student, coach=world.docent)
    if args.db == "postgres":
        # Fresh planner statistics after the bulk load, as autovacuum would
        # give a production database shortly after such an insert.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return world, len(everyone)


def measure(client, url, n, before=None):
    """``before`` runs ahead of every timed request, outside the timing."""
    client.get(url)  # warm up
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    queries = len(ctx.captured_queries)  # now: the log is reset by the next requests
    assert response.status_code == 200, (url, response.status_code)
    times, cpu = [], []
    for _ in range(n):
        if before:
            before()
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        cpu.append((time.process_time() - start_cpu) * 1000)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    cpu.sort()
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        # CPU time of this (Django) process: robust against other load on the machine.
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "cpu_p95_ms": round(cpu[int(len(cpu) * 0.95) - 1], 2),
        "queries": queries,
    }


def breakdown(world):
    """Where the coach class view spends its time: queries + Python vs template."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from organisation.models import Enrolment
    from portfolio import insights
    from portfolio.models import coached_student_ids
    from portfolio.views.coach import class_table_rows

    request = RequestFactory().get("/")
    request.user = world.docent

    def overview():
        return insights.class_overview(
            Enrolment.objects.filter(class_group=world.class_a, student__in=coached_student_ids(world.docent))
        )

    rows = overview()
    with CaptureQueriesContext(connection) as ctx:
        overview()
    for q in ctx.captured_queries:
        print(f"  query {float(q['time']) * 1000:.1f} ms: {q['sql'][:90]}")
    context = {"class_group": world.class_a, "rows": rows, "quiet": 0, "quiet_days": 42, "order": ""}

    def render():
        return render_to_string(
            "portfolio/coach_class.html", {**context, "table_rows": class_table_rows(rows)}, request
        )

    for label, fn in [
        ("class_overview (queries + glance)", overview),
        ("table rows + render coach_class.html", render),
        ("render with no rows", lambda: render_to_string("portfolio/coach_class.html", {**context, "rows": []})),
        ("glance x30 only", lambda: [insights.glance_rows([], [], world.year.start_date) for _ in range(30)]),
    ]:
        times = []
        for _ in range(50):
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        print(f"  {label}: p50 {statistics.median(times):.2f} ms")


def main():
    setup_test_environment()
    settings.DEBUG = False
    setup_database()
    try:
        world, class_size = build_data()
        from portfolio.models import Experience, SectorAffinity

        results = {
            "db": args.db,
            "requests": args.requests,
            "class_size": class_size,
            "experiences": Experience.objects.count(),
            "affinity_rows": SectorAffinity.objects.count(),
        }
        results["minimal_view"] = measure(Client(), "/__bench_minimal__/", args.requests)
        coach = Client()
        coach.force_login(world.docent)
        student = Client()
        student.force_login(world.leerling)
        pages = [
            ("coach_class", coach, reverse("portfolio:coach_class", args=[world.class_a.pk])),
            ("student_richtingsgevoel", student, reverse("portfolio:richtingsgevoel")),
            ("student_portfolio", student, reverse("portfolio:home")),
            ("coach_student", coach, reverse("portfolio:coach_student", args=[world.leerling.pk])),
        ]
        if args.breakdown:
            breakdown(world)
        for name, client, url in pages:
            if args.profile == name:
                import cProfile
                import pstats

                client.get(url)
                profiler = cProfile.Profile()
                for _ in range(20):
                    profiler.runcall(client.get, url)
                pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(40)
            results[name] = measure(client, url, args.requests)
        # The class view caches each student's glance (per day and data
        # version): time it also as the first view after every student changed.
        results["coach_class_uncached"] = measure(coach, pages[0][2], args.requests, before=forget_glances)
    finally:
        teardown_database()
    print(f"database: {results['db']}, {results['requests']} requests per page")
    print(f"setup: DEBUG=False, template debug off, {CACHE} cache, VACUUM ANALYZE after the bulk load (PostgreSQL)")
    print(f"data: class of {results['class_size']}, {results['experiences']} experiences, "
          f"{results['affinity_rows']} affinity rows")  # fmt: skip
    for key, value in results.items():
        if isinstance(value, dict):
            p50, p95, queries = value["p50_ms"], value["p95_ms"], value["queries"]
            cpu = value["cpu_p50_ms"]
            print(f"{key:24} p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  (cpu p50 {cpu:6.2f} ms)  {queries} queries")
    results["targets"] = {
        "coach_class_p95_under_25ms": results["coach_class"]["p95_ms"] < 25,
        "student_richtingsgevoel_p95_under_25ms": results["student_richtingsgevoel"]["p95_ms"] < 25,
        "coach_class_queries_at_most_10": results["coach_class"]["queries"] <= 10,
    }
    results["load_average_1min"] = os.getloadavg()[0]
    results["setup"] = {
        "debug": False,
        "template_debug": False,
        "vacuum_analyze": args.db == "postgres",
        "cache": CACHE,
    }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
