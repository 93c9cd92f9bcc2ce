"""Server time of the assignment library with 10,000 assignments, search and
filters applied, beside a minimal Django view measured in the same run.

    .venv/bin/python bench/bench_library.py [--requests 300] [--assignments 10000]
    .venv/bin/python bench/bench_library.py --profile [PAGE]   # where the time goes

Builds its own PostgreSQL database (tm_bench_library, dropped afterwards),
creates 40 schools in 7 networks and N published assignments with their
levels, sectors, versions and search vectors (bulk inserts; the search vector is
computed by PostgreSQL with the same 'dutch' configuration the services use),
then times requests through django.test.Client (server time: request handling,
no network). Prints one line per page and, last, one JSON object.
Target: p95 < 50 ms for the library with search and filters.
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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
args = parser.parse_args()

DB_NAME = "tm_bench_library"
os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techmakers.settings_test")

import psycopg  # noqa: E402

if not args.reuse:
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        conn.execute(f"CREATE DATABASE {DB_NAME}")

import django  # noqa: E402
from django.conf import settings  # noqa: E402

# Production-like templates: settings_test turns template debugging on (error
# context for tests), which production never runs with. Set before setup, while
# no template engine exists yet.
settings.TEMPLATES[0]["OPTIONS"]["debug"] = False

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


def measure(client, url, n):
    for _ in range(10):  # warm up
        client.get(url)
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    # Template instrumentation (for response.context) only outside the timed loop.
    setup_test_environment()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    teardown_test_environment()
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
        "max_ms": round(times[-1], 2),
        "queries": len(queries.captured_queries),
        "results": response.context["page_obj"].paginator.count if response.context else None,
    }


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


def main():
    start = time.perf_counter()
    if args.reuse:
        from django.contrib.auth import get_user_model

        teacher = get_user_model().objects.get(username="bench_docent")
    else:
        teacher = build_data(args.assignments)
        print(f"Built {args.assignments} assignments in {time.perf_counter() - start:.1f} s on PostgreSQL")
    client = Client()
    client.force_login(teacher)
    pages = {
        "minimal_view": "/__bench_minimal__/",
        "library_search_and_filters": (
            "/opdrachten/?q=ontwerp+prototype&level=vmbo-tl&sector=techniek&competency=ontwerpen&duration=middel"
        ),
        "library_search_only": "/opdrachten/?q=tomaten",
        "library_filters_only": "/opdrachten/?level=havo&leerjaar=3&client_kind=bedrijf&sort=rating",
        "library_plain": "/opdrachten/",
    }
    figures = None
    if args.profile:
        profile(client, pages[args.profile], args.requests)
    else:
        figures = {"assignments": args.assignments, "requests": args.requests}
        for name, url in pages.items():
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
    connection.close()
    if not args.keep:
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
    if figures:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
