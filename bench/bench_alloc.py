"""Benchmark: optimal allocation vs first-come-first-served, a stress run, and team formation.

Run from the repository root: ``.venv/bin/python bench/bench_alloc.py``.
Prints readable lines, then one JSON object with all figures as the last line.
"""

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from projects.allocation import AssignmentSlot, StudentPrefs, allocate  # noqa: E402
from projects.teams import COMPETENCIES, TeamMember, form_teams  # noqa: E402

TEAM_SIZE = 5


def make_instance(n_students, n_slots, *, spare=0.10, zipf=1.0, seed=2024):
    """Students rank a top 3 to 5; popularity follows a Zipf law over a shuffled order of assignments.

    Capacity is whole teams of TEAM_SIZE, spread evenly, about ``spare`` above the number of students.
    """
    rng = np.random.default_rng(seed)
    popularity = 1 / np.arange(1, n_slots + 1) ** zipf
    popularity = popularity[rng.permutation(n_slots)]
    popularity /= popularity.sum()
    teams_total = -(-int(n_students * (1 + spare)) // TEAM_SIZE)
    teams = [teams_total // n_slots + (1 if j < teams_total % n_slots else 0) for j in range(n_slots)]
    slots = [AssignmentSlot(j, t * TEAM_SIZE, teams=t) for j, t in enumerate(teams)]
    lengths = rng.integers(3, 6, size=n_students)
    draws = rng.choice(n_slots, size=(n_students, 40), p=popularity)
    students = []
    for i in range(n_students):
        ranking = list(dict.fromkeys(draws[i].tolist()))[: lengths[i]]
        while len(ranking) < lengths[i]:  # extremely skewed rows: top up with unseen assignments
            j = int(rng.integers(n_slots))
            if j not in ranking:
                ranking.append(j)
        students.append(StudentPrefs(i, tuple(ranking)))
    return students, slots


def first_come_first_served(students, slots):
    """Students in arrival order take their best choice with room left, else any assignment with room."""
    room = {s.id: s.capacity for s in slots}
    assignment = {}
    for student in students:
        choice = next((sid for sid in student.ranking if room[sid] > 0), None)
        if choice is None:
            choice = next(sid for sid, free in room.items() if free > 0)
        room[choice] -= 1
        assignment[student.id] = choice
    return assignment


def summary(students, assignment):
    ranks = [s.ranking.index(assignment[s.id]) + 1 if assignment[s.id] in s.ranking else None for s in students]
    ranked = [r for r in ranks if r is not None]
    n = len(students)
    return {
        "share_first": round(sum(r == 1 for r in ranked) / n, 4),
        "share_top3": round(sum(r <= 3 for r in ranked) / n, 4),
        "worst_rank": max(ranked, default=None),
        "unranked": n - len(ranked),
        "unassigned": n - len(assignment),
        "sum_rank_squared": sum(r * r for r in ranked),
    }


def timed(fn, runs):
    """Result of the last run, median wall time and median CPU time of this process."""
    walls, cpus, result = [], [], None
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return result, statistics.median(walls), statistics.median(cpus)


def line(label, figures):
    print(
        f"  {label:<24} 1st {figures['share_first']:6.1%}  top-3 {figures['share_top3']:6.1%}  "
        f"worst rank {figures['worst_rank']}  outside choices {figures['unranked']}  "
        f"unassigned {figures['unassigned']}  time {figures['time_ms']:.1f} ms"
    )


def bench_allocation():
    students, slots = make_instance(300, 15)
    ours, t_ours, _ = timed(lambda: allocate(students, slots), 9)
    fcfs, t_fcfs, _ = timed(lambda: first_come_first_served(students, slots), 9)
    result = {
        "ours": summary(students, ours.assignment) | {"time_ms": round(t_ours * 1000, 2)},
        "fcfs": summary(students, fcfs) | {"time_ms": round(t_fcfs * 1000, 2)},
        "students": len(students),
        "capacity": sum(s.capacity for s in slots),
    }
    print(f"Allocation: {len(students)} students, {len(slots)} assignments, capacity {result['capacity']}")
    line("optimal (min-cost flow)", result["ours"])
    line("first come first served", result["fcfs"])
    return result


def bench_stress():
    students, slots = make_instance(100_000, 4_000)
    res, seconds, cpu = timed(lambda: allocate(students, slots), 3)
    figures = summary(students, res.assignment) | {
        "time_s": round(seconds, 3),
        "cpu_s": round(cpu, 3),
        "within_5s": seconds < 5,
    }
    print(
        f"Stress: 100,000 students over 4,000 assignments in {seconds:.2f} s wall, {cpu:.2f} s CPU (median of 3); "
        f"1st {figures['share_first']:.1%}, outside choices {figures['unranked']}, unassigned {figures['unassigned']}"
    )
    return figures


def bench_teams():
    rng = random.Random(7)
    members = [
        TeamMember(i, rng.choice(["4A", "4B", "4C"]), frozenset(rng.sample(COMPETENCIES, rng.randint(1, 3))))
        for i in range(30)
    ]
    res, seconds, _ = timed(lambda: form_teams(members, min_size=4, max_size=5, together=[(0, 1)], apart=[(2, 3)]), 5)
    score = res.score
    figures = {
        "time_s": round(seconds, 3),
        "teams": len(res.teams),
        "sizes": score["sizes"],
        "worst_team_score": score["worst"],
        "spread": score["spread"],
        "proven_optimal": score["proven_optimal"],
        "bound": score["bound"],
        "mip_gap": score["mip_gap"],
    }
    print(
        f"Teams: 30 students into {len(res.teams)} teams of 4-5 in {seconds:.2f} s; worst team score "
        f"{score['worst']} (bound {score['bound']}), spread {score['spread']}, "
        f"proven optimal: {score['proven_optimal']}"
    )
    return figures


def main():
    load = os.getloadavg()[0]
    print(f"Load average before the run: {load:.1f} on {os.cpu_count()} cores (other work inflates wall times)")
    figures = {"allocation_300": bench_allocation(), "stress_100k": bench_stress(), "teams_30": bench_teams()}
    figures["load_average"] = round(load, 2)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
