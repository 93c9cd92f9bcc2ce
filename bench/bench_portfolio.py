"""Server time of the LOB coach's class view (30 students, two years of
history) and of a student's richtingsgevoel dashboard, beside a minimal Django
view measured in the same run.

    .venv/bin/python bench/bench_portfolio.py [--db postgres|sqlite] [--requests 300]
    .venv/bin/python bench/bench_portfolio.py --ab /tmp/portfolio-before [--requests 300]

Builds its own database (PostgreSQL: the database of DATABASE_URL when that
names one, else tm_bench_portfolio; dropped afterwards. SQLite: a temporary
file) with the test world (two schools, the demo personas), fills class 3A
with 30 students who each have two years of reflected experiences (12 per
student, two or three sectors each, a career conversation and a private
note), then times requests through django.test.Client (server time: request
handling, no network). Prints one line per page and, last, one JSON object
with all figures.

``--ab DIR`` compares two versions of the code in one run: DIR is another
checkout of the project (for example ``git archive <commit> | tar -x -C DIR``)
and is "before", this checkout "after". Each runs in its own process on the
same database and data; the pages are timed in alternating chunks (before,
after, after, before, ...) so both see the same load on the machine.

When a Redis server answers on 127.0.0.1:6379 the run is production-like:
Django's Redis cache (database 14, flushed afterwards) with cached sessions,
as with REDIS_URL; otherwise the in-process cache.

The coach class view is timed twice: as a coach sees it again and again
(each student's glance read from the cache, which is keyed by the student's
data and the day), and with the cache emptied before every request (as the
first view of the day, or after every student changed something).

Target (issue 5, issue 12): p95 under 25 ms for both pages; the coach view in
at most about 10 queries. For comparison on this machine: Kolibri 0.19 coach
class summary for 30 learners 48 ms p95 / 26 queries, learner home 54 ms p95 / 20.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve()
ROOT = HERE.parents[1]

parser = argparse.ArgumentParser()
parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
parser.add_argument("--db-name", help="PostgreSQL database (default: from DATABASE_URL, else tm_bench_portfolio)")
parser.add_argument("--requests", type=int, default=300)
parser.add_argument("--students", type=int, default=30)
parser.add_argument("--per-student", type=int, default=12)
parser.add_argument("--breakdown", action="store_true", help="time the parts of the coach class view")
parser.add_argument("--profile", help="cProfile one page (coach_class, student_richtingsgevoel, ...)")
parser.add_argument("--ab", metavar="DIR", help="compare another checkout (before) with this one (after), interleaved")
parser.add_argument("--chunk", type=int, default=20, help="with --ab: requests per turn")
parser.add_argument("--pages", help="with --ab: only these pages (comma-separated names)")
# Internal: one side of an --ab run.
parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
parser.add_argument("--tree", default=str(ROOT), help=argparse.SUPPRESS)
parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
parser.add_argument("--cache-prefix", default="", help=argparse.SUPPRESS)
parser.add_argument("--sqlite-file", help=argparse.SUPPRESS)
args = parser.parse_args()


def database_name():
    if args.db_name:
        return args.db_name
    url = urlparse(os.environ.get("DATABASE_URL", ""))
    if url.scheme.startswith("postgres") and url.path.strip("/"):
        return url.path.strip("/")
    return "tm_bench_portfolio"


DB_NAME = database_name()
PAGES = ["minimal_view", "coach_class", "student_richtingsgevoel", "student_portfolio", "coach_student"]
UNCACHED = "coach_class_uncached"


def summary(times, cpu, queries):
    times, cpu = sorted(times), sorted(cpu)
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        # CPU time of the (Django) process: robust against other load on the machine.
        "cpu_p50_ms": round(statistics.median(cpu), 2),
        "cpu_p95_ms": round(cpu[int(len(cpu) * 0.95) - 1], 2),
        "queries": queries,
    }


def print_line(key, value, label=""):
    p50, p95, queries, cpu = value["p50_ms"], value["p95_ms"], value["queries"], value["cpu_p50_ms"]
    print(f"{key:24} {label}p50 {p50:7.2f} ms  p95 {p95:7.2f} ms  (cpu p50 {cpu:6.2f} ms)  {queries} queries")


def targets(results):
    return {
        "coach_class_p95_under_25ms": results["coach_class"]["p95_ms"] < 25,
        "student_richtingsgevoel_p95_under_25ms": results["student_richtingsgevoel"]["p95_ms"] < 25,
        "coach_class_queries_at_most_10": results["coach_class"]["queries"] <= 10,
    }


# ----------------------------------------------------------------- A/B driver


class Side:
    """One checkout's Django process, answering measure commands on stdin."""

    def __init__(self, name, tree, *, build, sqlite_file):
        command = [sys.executable, str(HERE), "--worker", "--tree", str(tree), "--db", args.db,
                   "--db-name", DB_NAME, "--cache-prefix", name,
                   "--students", str(args.students), "--per-student", str(args.per_student)]  # fmt: skip
        if build:
            command.append("--build")
        if sqlite_file:
            command += ["--sqlite-file", sqlite_file]
        self.name = name
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def ask(self, **command):
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the {self.name} side stopped")
        return json.loads(line)

    def close(self):
        try:
            self.ask(cmd="quit")
        finally:
            self.process.wait(timeout=120)


def run_ab():
    before_tree = Path(args.ab).resolve()
    pages = args.pages.split(",") if args.pages else [*PAGES, UNCACHED]
    sqlite_file = f"{tempfile.mkdtemp()}/bench.sqlite3" if args.db == "sqlite" else None
    after = Side("after", ROOT, build=True, sqlite_file=sqlite_file)
    before = None
    try:
        world = after.ask(cmd="ready")
        before = Side("before", before_tree, build=False, sqlite_file=sqlite_file)
        before.ask(cmd="ready")
        for side in (before, after):
            side.ask(cmd="init", world=world)
        sides = {"before": before, "after": after}
        collected = {name: {} for name in sides}
        rounds = max(1, args.requests // args.chunk)
        for page in pages:
            queries = {name: side.ask(cmd="queries", page=page)["queries"] for name, side in sides.items()}
            times = {name: ([], []) for name in sides}
            for turn in range(rounds):
                order = ["before", "after"] if turn % 2 == 0 else ["after", "before"]
                for name in order:
                    answer = sides[name].ask(cmd="measure", page=page, n=args.chunk)
                    times[name][0].extend(answer["times"])
                    times[name][1].extend(answer["cpu"])
            for name in sides:
                collected[name][page] = summary(*times[name], queries[name])
    finally:
        if before is not None:
            before.close()
        after.close()
    print(f"database: {args.db} ({DB_NAME}), {rounds * args.chunk} requests per page and side, "
          f"alternating chunks of {args.chunk}")  # fmt: skip
    print(f"setup: DEBUG=False, template debug off, {world['cache']} cache, VACUUM ANALYZE after the bulk load")
    print(f"data: class of {world['class_size']}, {world['experiences']} experiences, "
          f"{world['affinity_rows']} affinity rows")  # fmt: skip
    print(f"before: {before_tree}\nafter:  {ROOT}")
    for page in pages:
        print_line(page, collected["before"][page], "before ")
        print_line("", collected["after"][page], "after  ")
    results = {
        "db": args.db,
        "requests_per_side": rounds * args.chunk,
        "chunk": args.chunk,
        "world": world,
        **collected,
        **({} if args.pages else {"targets_after": targets(collected["after"])}),
        **({} if args.pages else {"targets_before": targets(collected["before"])}),
        "load_average_1min": os.getloadavg()[0],
    }
    print(json.dumps(results))


if args.ab and not args.worker:
    run_ab()
    sys.exit(0)


# ---------------------------------------------------------- Django (one side)

sys.path.insert(0, args.tree)
if args.db == "postgres":
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
else:
    os.environ["DATABASE_URL"] = f"sqlite:///{args.sqlite_file or tempfile.mkdtemp() + '/bench.sqlite3'}"
os.environ["DJANGO_SETTINGS_MODULE"] = "techmakers.settings_test"

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
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
            "KEY_PREFIX": args.cache_prefix,
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

from django.contrib.auth import get_user_model  # noqa: E402
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
    """Drop the cached glances (not the sessions) of this side."""
    from django.core.cache import cache

    if CACHE == "redis":
        import redis

        client = redis.Redis(host="127.0.0.1", port=6379, db=14)
        keys = client.keys(f"{args.cache_prefix}:*pf-glance*")
        if keys:
            client.delete(*keys)
    else:
        cache.clear()


def forget_cache():
    """Drop everything this side put in Redis (its key prefix)."""
    if CACHE == "redis":
        import redis

        client = redis.Redis(host="127.0.0.1", port=6379, db=14)
        keys = client.keys(f"{args.cache_prefix}:*")
        if keys:
            client.delete(*keys)


def teardown_database():
    forget_cache()
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


def timed(client, url, n, before=None):
    """``before`` runs ahead of every timed request, outside the timing."""
    times, cpu = [], []
    for _ in range(n):
        if before:
            before()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        cpu.append((time.process_time() - start_cpu) * 1000)
        times.append((time.perf_counter() - start) * 1000)
    assert response.status_code == 200, (url, response.status_code)
    return times, cpu


def count_queries(client, url):
    client.get(url)  # warm up
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def measure(client, url, n, before=None):
    queries = count_queries(client, url)
    return summary(*timed(client, url, n, before), queries)


def pages_for(class_id, docent_id, leerling_id):
    """page name -> (client, url, before)"""
    users = get_user_model().objects.in_bulk([docent_id, leerling_id])
    coach, student, anonymous = Client(), Client(), Client()
    coach.force_login(users[docent_id])
    student.force_login(users[leerling_id])
    coach_class = reverse("portfolio:coach_class", args=[class_id])
    return {
        "minimal_view": (anonymous, "/__bench_minimal__/", None),
        "coach_class": (coach, coach_class, None),
        "student_richtingsgevoel": (student, reverse("portfolio:richtingsgevoel"), None),
        "student_portfolio": (student, reverse("portfolio:home"), None),
        "coach_student": (coach, reverse("portfolio:coach_student", args=[leerling_id]), None),
        # The class view caches each student's glance (per day and data
        # version): time it also as the first view after every student changed.
        UNCACHED: (coach, coach_class, forget_glances),
    }


def breakdown(world):
    """Where the coach class view spends its time: queries + Python vs template."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from portfolio import access, fragments, insights

    request = RequestFactory().get("/")
    request.user = world.docent

    def overview():
        return insights.class_overview(access.load_coached_class(world.docent, world.class_a.pk).enrolments)

    rows = overview()
    with CaptureQueriesContext(connection) as ctx:
        overview()
    for q in ctx.captured_queries:
        print(f"  query {float(q['time']) * 1000:.1f} ms: {q['sql'][:90]}")
    context = {"class_group": world.class_a, "rows": rows, "quiet": 0, "quiet_days": 42, "order": ""}

    for label, fn in [
        ("class_overview (queries + glance)", overview),
        ("render coach_class.html", lambda: render_to_string("portfolio/coach_class.html", context, request)),
        ("render the rows partial", lambda: render_to_string("portfolio/coach_class.html#class-rows", context)),
        ("the rows' fragment key", lambda: fragments.fragment_key(rows)),
        ("render with no rows", lambda: render_to_string("portfolio/coach_class.html", {**context, "rows": []})),
        ("glance x30 only", lambda: [insights.glance_rows([], [], world.year.start_date) for _ in range(30)]),
    ]:
        times = []
        for _ in range(50):
            start = time.perf_counter()
            fn()
            times.append((time.perf_counter() - start) * 1000)
        print(f"  {label}: p50 {statistics.median(times):.2f} ms")


def world_facts(world, class_size):
    from portfolio.models import Experience, SectorAffinity

    return {
        "class_a": world.class_a.pk,
        "docent": world.docent.pk,
        "leerling": world.leerling.pk,
        "class_size": class_size,
        "experiences": Experience.objects.count(),
        "affinity_rows": SectorAffinity.objects.count(),
        "cache": CACHE,
    }


def serve():
    """One side of an --ab run: answer one JSON command per line on stdout
    (anything else printed goes to stderr)."""
    protocol, sys.stdout = sys.stdout, sys.stderr
    setup_test_environment()
    settings.DEBUG = False
    facts = pages = None
    if args.build:
        setup_database()
        facts = world_facts(*build_data())
    try:
        for line in sys.stdin:
            command = json.loads(line)
            cmd = command["cmd"]
            if cmd == "ready":
                answer = facts or {}
            elif cmd == "init":
                w = command["world"]
                pages = pages_for(w["class_a"], w["docent"], w["leerling"])
                answer = {}
            elif cmd == "queries":
                client, url, _before = pages[command["page"]]
                answer = {"queries": count_queries(client, url)}
            elif cmd == "measure":
                client, url, before = pages[command["page"]]
                times, cpu = timed(client, url, command["n"], before)
                answer = {"times": times, "cpu": cpu}
            else:
                answer = {}
            print(json.dumps(answer), file=protocol, flush=True)
            if cmd == "quit":
                break
    finally:
        if args.build:
            teardown_database()
        else:
            forget_cache()


def main():
    setup_test_environment()
    settings.DEBUG = False
    setup_database()
    try:
        world, class_size = build_data()
        facts = world_facts(world, class_size)
        results = {"db": args.db, "requests": args.requests, **facts}
        pages = pages_for(world.class_a.pk, world.docent.pk, world.leerling.pk)
        if args.breakdown:
            breakdown(world)
        for name, (client, url, before) in pages.items():
            if args.profile == name:
                import cProfile
                import pstats

                client.get(url)
                profiler = cProfile.Profile()
                for _ in range(20):
                    profiler.runcall(client.get, url)
                pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(40)
            results[name] = measure(client, url, args.requests, before)
    finally:
        teardown_database()
    print(f"database: {results['db']} ({DB_NAME}), {results['requests']} requests per page")
    print(f"setup: DEBUG=False, template debug off, {CACHE} cache, VACUUM ANALYZE after the bulk load (PostgreSQL)")
    print(f"data: class of {results['class_size']}, {results['experiences']} experiences, "
          f"{results['affinity_rows']} affinity rows")  # fmt: skip
    for key, value in results.items():
        if isinstance(value, dict):
            print_line(key, value)
    results["targets"] = targets(results)
    results["load_average_1min"] = os.getloadavg()[0]
    results["setup"] = {
        "debug": False,
        "template_debug": False,
        "vacuum_analyze": args.db == "postgres",
        "cache": CACHE,
    }
    print(json.dumps(results))


if __name__ == "__main__":
    serve() if args.worker else main()
