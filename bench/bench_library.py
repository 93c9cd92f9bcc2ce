"""Server time of the assignment library with 10,000 assignments, search and
filters applied, beside a minimal Django view measured in the same run.

    .venv/bin/python bench/bench_library.py [--requests 300] [--assignments 10000]
    .venv/bin/python bench/bench_library.py --ab 6c14d8e [--rounds 10]   # before/after
    .venv/bin/python bench/bench_library.py --profile [PAGE]   # where the time goes

Builds its own PostgreSQL database (the one DATABASE_URL names, which must be
called tm_*; default tm_bench_library; dropped afterwards), creates 40 schools
in 7 networks and N published assignments with their levels, sectors, versions
and search vectors (bulk inserts; the search vector is computed by PostgreSQL
with the same 'dutch' configuration the services use), then times requests
through django.test.Client (server time: request handling, no network).
Prints one line per page and, last, one JSON object.

``--ab REF`` compares the code of git revision REF (A, exported with ``git
archive``) with the working tree (B) on the same database in one run: two
worker processes serve the pages, interleaved in ``--rounds`` rounds (the
order A/B flips every round) so that load on the machine hits both alike.

When a Redis server answers on 127.0.0.1:6379 the run is production-like:
Django's Redis cache (database 13, flushed before and after) with cached
sessions, as with REDIS_URL; otherwise the in-process cache.
Target: p95 < 50 ms for the library with search and filters.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]

parser = argparse.ArgumentParser()
parser.add_argument("--requests", type=int, default=300)
parser.add_argument("--assignments", type=int, default=10_000)
parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
parser.add_argument("--reuse", action="store_true", help="use the database a --keep run left (no rebuild)")
parser.add_argument(
    "--profile",
    metavar="PAGE",
    nargs="?",
    const="library_search_and_filters",
    help="instead of timing, cProfile --requests requests to one page (default: search and filters)",
)
parser.add_argument("--ab", metavar="REF", help="compare git revision REF (A) with the working tree (B), interleaved")
parser.add_argument("--rounds", type=int, default=10, help="A/B rounds (each side serves requests/rounds per round)")
parser.add_argument("--worker", metavar="TREE", help=argparse.SUPPRESS)  # serve pages from the code in TREE
args = parser.parse_args()

DATABASE_URL = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/tm_bench_library"
DB_NAME = urlparse(DATABASE_URL).path.lstrip("/")
if not DB_NAME.startswith("tm_"):
    sys.exit(f"bench_library drops and rebuilds its database: {DB_NAME!r} is not a tm_* benchmark database")
ADMIN_URL = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techmakers.settings_test")
sys.path.insert(0, str(Path(args.worker).resolve() if args.worker else ROOT))

PAGES = {
    "minimal_view": "/__bench_minimal__/",
    "library_search_and_filters": (
        "/opdrachten/?q=ontwerp+prototype&level=vmbo-tl&sector=techniek&competency=ontwerpen&duration=middel"
    ),
    "library_search_only": "/opdrachten/?q=tomaten",
    "library_filters_only": "/opdrachten/?level=havo&leerjaar=3&client_kind=bedrijf&sort=rating",
    "library_plain": "/opdrachten/",
}

import psycopg  # noqa: E402
from production_cache import use_production_cache  # noqa: E402

if not args.reuse and not args.worker:
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        conn.execute(f"CREATE DATABASE {DB_NAME}")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

# Production-like templates: settings_test turns template debugging on (error
# context for tests), which production never runs with. Set before setup, while
# no template engine exists yet.
settings.TEMPLATES[0]["OPTIONS"]["debug"] = False


CACHE = use_production_cache(settings, db=13)

django.setup()

from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment, teardown_test_environment  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402


def minimal_view(request):
    return HttpResponse("ok")


urlconf = __import__(settings.ROOT_URLCONF, fromlist=["urlpatterns"])
urlconf.urlpatterns.append(path("__bench_minimal__/", minimal_view, name="bench_minimal"))
clear_url_caches()


def build_data(n):
    from django.contrib.auth import get_user_model
    from django.contrib.postgres.search import SearchVector
    from django.core.management import call_command
    from django.db.models import OuterRef, Subquery
    from django.utils import timezone

    from assignments.models import Assignment, AssignmentVersion
    from assignments.seed_data import ASSIGNMENTS
    from organisation.models import Level, Network, PartnerOrganisation, RoleAssignment, School, Sector
    from organisation.roles import Role
    from organisation.taxonomy import NETWORKS

    call_command("migrate", verbosity=0)
    rng = random.Random(2026)
    networks = [Network.objects.create(slug=s, name=nm, region=r) for s, nm, r in NETWORKS]
    schools = School.objects.bulk_create(
        [
            School(
                name=f"School {i}", brin=f"{10 + i // 26:02d}{chr(65 + i % 26)}A", city="Stad", network=networks[i % 7]
            )
            for i in range(40)
        ]
    )
    partners = PartnerOrganisation.objects.bulk_create(
        [PartnerOrganisation(name=f"Partner {i}", kind=rng.choice(["bedrijf", "overheid", "mbo"])) for i in range(60)]
    )
    User = get_user_model()
    teacher = User.objects.create_user("bench_docent", password="x", first_name="Bench", last_name="Docent")
    RoleAssignment.objects.create(user=teacher, role=Role.TEACHER, school=schools[0])
    authors = User.objects.bulk_create([User(username=f"auteur{i}", password="!") for i in range(40)])
    levels = list(Level.objects.all())
    sectors = list(Sector.objects.all())
    now = timezone.now()
    rows = []
    for i in range(n):
        tpl = ASSIGNMENTS[i % len(ASSIGNMENTS)]
        (
            title,
            _client,
            kind,
            contact,
            problem,
            result,
            _slugs,
            _levels,
            (lo, hi),
            comps,
            weeks,
            (gmin, gmax),
            tt,
            _c,
        ) = tpl
        school = schools[rng.randrange(40)]
        partner = partners[rng.randrange(60)]
        rows.append(
            Assignment(
                owner_school=school,
                author=authors[schools.index(school)],
                client=partner,
                client_name=partner.name,
                client_kind=partner.kind,
                title=f"{title} {i}",
                summary=problem[:280],
                status="published" if rng.random() < 0.9 else rng.choice(["concept", "archived"]),
                sharing_scope=rng.choices(["national", "network", "school"], weights=[6, 3, 1])[0],
                leerjaar_min=lo,
                leerjaar_max=hi,
                competencies=comps,
                duration_weeks=max(1, weeks + rng.randint(-2, 2)),
                group_size_min=gmin,
                group_size_max=gmax,
                fits_tt=tt,
                search_document=f"{title}\n{partner.name}\n{problem}\n{result}",
                adoption_count=rng.randint(0, 6),
                rating_count=rng.randint(0, 8),
                rating_avg=round(rng.uniform(2.5, 5), 2),
                published_at=now,
            )
        )
    created = Assignment.objects.bulk_create(rows, batch_size=2000)
    LevelLink, SectorLink = Assignment.levels.through, Assignment.sectors.through
    LevelLink.objects.bulk_create(
        [
            LevelLink(assignment_id=a.pk, level_id=lv.pk)
            for a in created
            for lv in rng.sample(levels, rng.randint(1, 3))
        ],
        batch_size=5000,
    )
    SectorLink.objects.bulk_create(
        [
            SectorLink(assignment_id=a.pk, sector_id=s.pk)
            for a in created
            for s in rng.sample(sectors, rng.randint(1, 4))
        ],
        batch_size=5000,
    )
    AssignmentVersion.objects.bulk_create(
        [
            AssignmentVersion(
                assignment=a, number=1, title=a.title, problem_statement=a.summary, client_name=a.client_name
            )
            for a in created
        ],
        batch_size=2000,
    )
    # One UPDATE sets the current version and the search vector, so each row is
    # written twice in all (insert, publish), as publishing does in production;
    # more updates would bloat the indexes beyond what a real database shows.
    Assignment.objects.update(
        current_version=Subquery(AssignmentVersion.objects.filter(assignment=OuterRef("pk")).values("pk")[:1]),
        search_vector=SearchVector("title", weight="A", config="dutch")
        + SearchVector("client_name", weight="B", config="dutch")
        + SearchVector("search_document", weight="C", config="dutch"),
    )
    with connection.cursor() as cursor:
        # What autovacuum does within a minute of a bulk load in production: drop the
        # dead row versions of the updates above and mark pages all-visible.
        cursor.execute("VACUUM ANALYZE")
    return teacher


def timed(client, url, n) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def queries_and_results(client, url) -> dict:
    """One request with the queries captured (and the template instrumentation
    that gives ``response.context``), outside any timing."""
    setup_test_environment()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    teardown_test_environment()
    return {
        "queries": len(queries.captured_queries),
        "results": response.context["page_obj"].paginator.count if response.context else None,
    }


def figures_of(times) -> dict:
    times = sorted(times)
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        "max_ms": round(times[-1], 2),
    }


def measure(client, url, n):
    timed(client, url, 10)  # warm up
    return {**figures_of(timed(client, url, n)), **queries_and_results(client, url)}


def profile(client, url, n):
    """cProfile ``n`` requests (after a warm-up) and print the costliest functions,
    by own time and by cumulative time."""
    import cProfile
    import pstats

    for _ in range(10):
        client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(n):
        client.get(url)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs()
    print(f"Profile of {n} requests to {url}")
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(60)


def teacher_client():
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username="bench_docent"))
    return client


def flush_cache():
    from django.core.cache import cache

    cache.clear()


def serve():
    """Worker of an A/B run: answers one JSON command per line on stdin
    ({"url", "n"} → request times; {"url", "queries": true} → query count)."""
    client = teacher_client()
    for line in sys.stdin:
        command = json.loads(line)
        if command.get("queries"):
            answer = queries_and_results(client, command["url"])
        else:
            answer = {"times": timed(client, command["url"], command["n"])}
        print("@@" + json.dumps(answer), flush=True)


class Worker:
    def __init__(self, tree):
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker", str(tree)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=tree,
            env={**os.environ, "DATABASE_URL": DATABASE_URL},
        )

    def ask(self, **command):
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        for line in self.process.stdout:
            if line.startswith("@@"):
                return json.loads(line[2:])
        raise RuntimeError("worker ended")

    def close(self):
        self.process.stdin.close()
        self.process.wait()


def run_ab(ref, n, rounds):
    """Interleaved A/B: the code of ``ref`` (A) against the working tree (B)."""
    with tempfile.TemporaryDirectory(prefix="bench-library-a-") as tree_a:
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tree_a], input=archive, check=True)
        sides = {"A": Worker(tree_a), "B": Worker(ROOT)}
        try:
            times = {side: {name: [] for name in PAGES} for side in sides}
            per_round = max(n // rounds, 1)
            for side in sides.values():  # warm up
                for url in PAGES.values():
                    side.ask(url=url, n=10)
            for r in range(rounds):
                order = ["A", "B"] if r % 2 == 0 else ["B", "A"]
                for name, url in PAGES.items():
                    for side in order:
                        times[side][name] += sides[side].ask(url=url, n=per_round)["times"]
            result = {"ref": ref, "assignments": args.assignments, "requests": per_round * rounds, "cache": CACHE}
            for name, url in PAGES.items():
                a = {**figures_of(times["A"][name]), **sides["A"].ask(url=url, queries=True)}
                b = {**figures_of(times["B"][name]), **sides["B"].ask(url=url, queries=True)}
                result[name] = {"A": a, "B": b}
                print(
                    f"  {name:<28} p50 {a['p50_ms']:6.2f} -> {b['p50_ms']:6.2f} ms  "
                    f"p95 {a['p95_ms']:6.2f} -> {b['p95_ms']:6.2f} ms  "
                    f"queries {a['queries']} -> {b['queries']}  results {a['results']} / {b['results']}"
                )
        finally:
            for side in sides.values():
                side.close()
    target = result["library_search_and_filters"]["B"]["p95_ms"]
    result["target_p95_ms"] = 50
    result["meets_target"] = target < 50
    verdict = "OK" if target < 50 else "MISSED"
    print(f"Library with search and filters (B = working tree): p95 {target:.1f} ms (target < 50 ms): {verdict}")
    return result


def main():
    if args.worker:
        serve()
        return
    start = time.perf_counter()
    if not args.reuse:
        build_data(args.assignments)
        print(f"Built {args.assignments} assignments in {time.perf_counter() - start:.1f} s on PostgreSQL ({CACHE})")
    flush_cache()
    figures = None
    if args.ab:
        connection.close()
        figures = run_ab(args.ab, args.requests, args.rounds)
    elif args.profile:
        profile(teacher_client(), PAGES[args.profile], args.requests)
    else:
        client = teacher_client()
        figures = {"assignments": args.assignments, "requests": args.requests, "cache": CACHE}
        for name, url in PAGES.items():
            result = measure(client, url, args.requests)
            figures[name] = result
            extra = f", {result['results']} results" if result["results"] is not None else ""
            print(
                f"  {name:<28} p50 {result['p50_ms']:6.2f} ms  p95 {result['p95_ms']:6.2f} ms  "
                f"max {result['max_ms']:6.2f} ms  {result['queries']} queries{extra}"
            )
        target = figures["library_search_and_filters"]["p95_ms"]
        figures["target_p95_ms"] = 50
        figures["meets_target"] = target < 50
        verdict = "OK" if target < 50 else "MISSED"
        print(f"Library with search and filters: p95 {target:.1f} ms (target < 50 ms): {verdict}")
    flush_cache()
    connection.close()
    if not args.keep:
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
    if figures:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
