"""Benchmark: the quality cycle's results page read-model.

Ours (``community.results.cycle_results``): every score it needs (the
school's questionnaires, its earlier years, the whole network's) in one
query, aggregated in Python with the suppression rules. Baseline: the
straightforward per-question ORM aggregation (one ``Avg``/``Count`` query
per question for the school, per earlier year and per school of the network).

Run from the repository root: ``.venv/bin/python bench/bench_community.py``.
A SQLite database in /tmp; prints readable lines and one JSON object last.
"""

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
DB = Path("/tmp/bench_community.sqlite3")
if DB.exists():
    DB.unlink()
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techmakers.settings_test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Avg, Count  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from community import aggregation, results  # noqa: E402
from community.models import Questionnaire, QuestionnaireItem, ResponseAnswer  # noqa: E402
from community.services import quality  # noqa: E402
from organisation.models import Network, School, SchoolYear  # noqa: E402

SCHOOLS, YEARS, RESPONSES = 8, 3, 25


def build():
    call_command("migrate", verbosity=0)
    network = Network.objects.create(slug="bench", name="Bench")
    rng = random.Random(7)
    schools = [
        School.objects.create(name=f"School {i}", brin=f"{10 + i:02d}BN", city="Utrecht", network=network)
        for i in range(SCHOOLS)
    ]
    years = []
    for k in range(YEARS):
        start, end = SchoolYear.bounds_for(2023 + k)
        years.append(SchoolYear.objects.create(name=SchoolYear.name_for(2023 + k), start_date=start, end_date=end))
    target = None
    for year in years:
        for school in schools:
            cycle = quality.start_cycle(None, school=school, school_year=year)
            for q in cycle.questionnaires.all():
                quality.open_questionnaire(None, q)
                items = list(q.items.all())
                for _ in range(rng.randint(3, RESPONSES)):
                    scores = {i.pk: rng.randint(1, 5) for i in items if i.kind == "likert"}
                    quality.submit_response(
                        None, q, scores=scores, texts={i.pk: "goed" for i in items if i.kind == "open"}
                    )
                quality.close_questionnaire(None, q)
            if school == schools[0] and year == years[-1]:
                target = cycle
    return target


def baseline(cycle):
    """One aggregate query per question per group (the obvious ORM version)."""
    out = []
    for q in cycle.questionnaires.filter(status="closed"):
        for item in q.items.filter(kind=QuestionnaireItem.Kind.LIKERT):
            groups = [ResponseAnswer.objects.filter(item=item, score__isnull=False)]
            for past in Questionnaire.objects.filter(
                cycle__school=cycle.school,
                audience=q.audience,
                status="closed",
                cycle__school_year__start_date__lt=cycle.school_year.start_date,
            ):
                groups.append(
                    ResponseAnswer.objects.filter(item__questionnaire=past, item__key=item.key, score__isnull=False)
                )
            for other in Questionnaire.objects.filter(
                cycle__school__network=cycle.school.network,
                cycle__school_year=cycle.school_year,
                audience=q.audience,
                status="closed",
            ):
                groups.append(
                    ResponseAnswer.objects.filter(item__questionnaire=other, item__key=item.key, score__isnull=False)
                )
            row = []
            for g in groups:
                agg = g.aggregate(n=Count("pk"), mean=Avg("score"))
                row.append(None if agg["n"] < aggregation.MIN_RESPONDENTS else round(agg["mean"], 2))
            out.append(row)
    return out


def timed(func, cycle, runs=15):
    times, queries = [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            func(cycle)
            times.append((time.perf_counter() - start) * 1000)
        queries = len(ctx.captured_queries)
    return statistics.median(times), queries


def main():
    cycle = build()
    ours_ms, ours_q = timed(results.cycle_results, cycle)
    base_ms, base_q = timed(baseline, cycle)
    print(f"schools {SCHOOLS}, years {YEARS}, up to {RESPONSES} responses per questionnaire")
    print(f"ours:     {ours_ms:7.1f} ms median, {ours_q} queries")
    print(f"baseline: {base_ms:7.1f} ms median, {base_q} queries")
    print(
        json.dumps(
            {
                "schools": SCHOOLS,
                "years": YEARS,
                "ours_ms": round(ours_ms, 1),
                "ours_queries": ours_q,
                "baseline_ms": round(base_ms, 1),
                "baseline_queries": base_q,
            }
        )
    )


if __name__ == "__main__":
    main()
