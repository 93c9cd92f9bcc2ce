"""Form balanced teams within one assignment (pure Python, no database).

Balance objective
-----------------
A team's score is ``2 x (number of distinct classes) + (number of competencies from
COMPETENCIES that at least one member rated as a strength)``. Classes weigh double
because mixing classes is the first wish of the programme; a team of 4-5 can still
reach 7 competencies. The teams are chosen lexicographically:

1. maximise the worst team score (no team is left without a mix or skills);
2. then minimise the spread (best team score minus worst), so teams are even.

Hard rules: every team size lies in ``[min_size, max_size]``; "together" pairs share a
team; "apart" pairs do not.

Solver: an integer programme for ``scipy.optimize.milp`` (HiGHS). Together groups are
single variables per team; ``x[g, t]`` places group ``g`` in team ``t``; coverage
indicators ``y[t, c] = OR(x[g, t] for groups with c)`` are pinned from both sides so
a team's score cannot be under-reported; ``m <= score_t <= M`` for all teams; we
minimise ``-(BIG * m) + M`` with ``BIG`` above any score, which is exactly the
lexicographic order above. Teams are interchangeable, so group ``j`` may only use
teams ``0..j`` (breaks the symmetry without losing any solution). With a time limit
HiGHS reports whether the optimum is proven; ``score["bound"]`` is a proven upper
bound on the worst team score (a solution reaching it with spread 0 is optimal too).

Determinism: same input, same output (when the optimum is proven within the time
limit). ``seed`` shuffles the order in which groups are handed to the solver, which
chooses between equally good teams.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from projects.allocation import contradiction_message, dutch_list, together_groups

COMPETENCIES = ("samenwerken", "plannen", "presenteren", "onderzoeken", "ontwerpen", "maken", "contact")
CLASS_WEIGHT = 2


@dataclass(frozen=True)
class TeamMember:
    id: int | str
    class_name: str
    strengths: frozenset = frozenset()
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or str(self.id)


@dataclass
class TeamsResult:
    teams: list  # list of lists of member ids
    score: dict = field(default_factory=dict)


class TeamFormationError(Exception):
    """Teams that cannot be formed; ``message`` says in Dutch which rule fails."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def team_score(members) -> int:
    members = list(members)
    classes = {m.class_name for m in members}
    skills = set().union(*(m.strengths for m in members)) & set(COMPETENCIES) if members else set()
    return CLASS_WEIGHT * len(classes) + len(skills)


def choose_team_count(n: int, min_size: int, max_size: int) -> int:
    """Fewest teams that fit ``n`` students in sizes ``min_size..max_size``."""
    k = max(1, math.ceil(n / max_size))
    if k * min_size <= n:
        return k
    if k == 1:
        message = f"{n} leerlingen zijn te weinig voor een team van {min_size} tot {max_size} leerlingen."
    else:
        message = (
            f"{n} leerlingen passen niet in teams van {min_size} tot {max_size}: met {k - 1} "
            f"{'team' if k - 1 == 1 else 'teams'} is er plaats voor hoogstens {(k - 1) * max_size}, "
            f"met {k} teams zijn minstens {k * min_size} leerlingen nodig."
        )
    raise TeamFormationError(f"{message} Pas de teamgrootte aan.", code="sizes")


def form_teams(
    members, *, n_teams=None, min_size, max_size, together=(), apart=(), seed=0, time_limit=2.0
) -> TeamsResult:
    members = list(members)
    if not 1 <= min_size <= max_size:
        raise ValueError("need 1 <= min_size <= max_size")
    index = {}
    for i, m in enumerate(members):
        if m.id in index:
            raise ValueError(f"duplicate member id {m.id!r}")
        index[m.id] = i
    n = len(members)
    if n == 0:
        return TeamsResult([], _score([]) | {"proven_optimal": True, "bound": 0, "mip_gap": 0.0})
    labels = [m.label for m in members]
    if n_teams is None:
        n_teams = choose_team_count(n, min_size, max_size)
    elif not n_teams * min_size <= n <= n_teams * max_size:
        raise TeamFormationError(
            f"{n} leerlingen passen niet in {n_teams} {'team' if n_teams == 1 else 'teams'} van {min_size} tot "
            f"{max_size}: daarvoor zijn {n_teams * min_size} tot {n_teams * max_size} leerlingen nodig.",
            code="sizes",
        )
    together_pairs = []
    for a, b in together:
        missing = [x for x in (a, b) if x not in index]
        if missing:
            known = a if a in index else b
            raise TeamFormationError(
                f"{labels[index[known]] if known in index else known} moet samen met {missing[0]}, "
                "maar die hoort niet bij deze opdracht.",
                code="together_outside",
            )
        together_pairs.append((index[a], index[b]))
    apart_pairs = [(index[a], index[b]) for a, b in apart if a in index and b in index]
    groups = together_groups(n, together_pairs)
    group_of = {i: g for g, members_ in enumerate(groups) for i in members_}
    for a, b in apart_pairs:
        if group_of[a] == group_of[b]:
            raise TeamFormationError(contradiction_message(labels, together_pairs, a, b), code="contradiction")
        if n_teams == 1:
            raise TeamFormationError(
                f"{labels[a]} en {labels[b]} moeten apart, maar deze opdracht heeft maar één team.",
                code="apart_single_team",
            )
    for g in groups:
        if len(g) > max_size:
            raise TeamFormationError(
                f"{dutch_list(labels[i] for i in g)} moeten samen, "
                f"maar een team heeft hoogstens {max_size} leerlingen.",
                code="group_too_big",
            )
    if seed:
        random.Random(seed).shuffle(groups)
        group_of = {i: g for g, members_ in enumerate(groups) for i in members_}
    group_apart = sorted({tuple(sorted((group_of[a], group_of[b]))) for a, b in apart_pairs})
    return _solve(members, groups, group_apart, n_teams, min_size, max_size, labels, apart_pairs, time_limit)


def _solve(members, groups, group_apart, n_teams, min_size, max_size, labels, apart_pairs, time_limit):
    classes = sorted({m.class_name for m in members})
    items = [("class", c) for c in classes] + [("skill", k) for k in COMPETENCIES]
    item_weight = [CLASS_WEIGHT if kind == "class" else 1 for kind, _ in items]
    has = []  # has[g] = set of item indices the group brings
    for g in groups:
        own = set()
        for i in g:
            own.add(items.index(("class", members[i].class_name)))
            own.update(items.index(("skill", k)) for k in members[i].strengths if k in COMPETENCIES)
        has.append(own)
    n_groups, n_items, T = len(groups), len(items), n_teams
    best_possible = sum(item_weight)
    big = best_possible + 1
    # columns: x[g, t] for t <= g, then y[t, k], then m, M
    x_col = {}
    for g in range(n_groups):
        for t in range(min(g + 1, T)):
            x_col[g, t] = len(x_col)
    y0 = len(x_col)
    n_cols = y0 + T * n_items + 2
    m_col, big_m_col = n_cols - 2, n_cols - 1
    rows_i, rows_j, rows_v, lo, hi = [], [], [], [], []

    def add_row(entries, lb, ub):
        r = len(lo)
        for j, v in entries:
            rows_i.append(r)
            rows_j.append(j)
            rows_v.append(v)
        lo.append(lb)
        hi.append(ub)

    for g in range(n_groups):
        add_row([(x_col[g, t], 1) for t in range(T) if (g, t) in x_col], 1, 1)
    for t in range(T):
        add_row([(x_col[g, t], len(groups[g])) for g in range(n_groups) if (g, t) in x_col], min_size, max_size)
        for k in range(n_items):
            y = y0 + t * n_items + k
            bringers = [g for g in range(n_groups) if k in has[g] and (g, t) in x_col]
            add_row([(y, 1)] + [(x_col[g, t], -1) for g in bringers], -np.inf, 0)  # y <= sum x
            for g in bringers:
                add_row([(y, 1), (x_col[g, t], -1)], 0, np.inf)  # y >= x
        score = [(y0 + t * n_items + k, item_weight[k]) for k in range(n_items)]
        add_row(score + [(m_col, -1)], 0, np.inf)  # score_t >= m
        add_row(score + [(big_m_col, -1)], -np.inf, 0)  # score_t <= M
    n_base_rows = len(lo)
    for a, b in group_apart:
        for t in range(T):
            if (a, t) in x_col and (b, t) in x_col:
                add_row([(x_col[a, t], 1), (x_col[b, t], 1)], -np.inf, 1)

    cost = np.zeros(n_cols)
    cost[m_col], cost[big_m_col] = -big, 1
    integrality = np.zeros(n_cols)
    integrality[:y0] = 1
    integrality[m_col] = integrality[big_m_col] = 1  # integral objective: HiGHS can round its bound
    upper = np.ones(n_cols)
    upper[m_col] = upper[big_m_col] = best_possible

    def run(n_rows, limit):
        keep = [k for k, r in enumerate(rows_i) if r < n_rows]
        matrix = sparse.csr_array(
            ([rows_v[k] for k in keep], ([rows_i[k] for k in keep], [rows_j[k] for k in keep])),
            shape=(n_rows, n_cols),
        )
        return milp(
            cost,
            constraints=LinearConstraint(matrix, lo[:n_rows], hi[:n_rows]),
            integrality=integrality,
            bounds=Bounds(np.zeros(n_cols), upper),
            options={"time_limit": limit, "mip_rel_gap": 0},
        )

    res = run(len(lo), time_limit)
    if res.x is None:
        if res.status == 2:
            _explain(run(n_base_rows, time_limit).status == 2, groups, labels, apart_pairs, T, min_size, max_size)
        raise TeamFormationError(
            f"Binnen {time_limit:g} seconden is geen indeling gevonden die aan alle regels voldoet. "
            "Probeer het opnieuw of versoepel een samen- of apart-regel.",
            code="timeout",
        )
    team_of = {}
    for (g, t), c in x_col.items():
        if res.x[c] > 0.5:
            team_of[g] = t
    teams = [[] for _ in range(T)]
    for g, members_g in enumerate(groups):
        teams[team_of[g]].extend(members_g)
    teams = sorted((sorted(team) for team in teams), key=lambda team: team[0])
    score = _score([[members[i] for i in team] for team in teams])
    if res.status == 0:
        score.update(proven_optimal=True, bound=score["worst"], mip_gap=0.0)
    else:  # time limit: the dual bound caps BIG * worst - best, and best >= worst
        bound = math.floor((-float(res.mip_dual_bound) + best_possible) / big + 1e-9)
        proven = score["worst"] >= bound and score["spread"] == 0
        score.update(proven_optimal=proven, bound=bound, mip_gap=0.0 if proven else float(res.mip_gap))
    return TeamsResult([[members[i].id for i in team] for team in teams], score)


def _score(member_teams) -> dict:
    scores = [team_score(team) for team in member_teams]
    worst, best = (min(scores), max(scores)) if scores else (0, 0)
    return {
        "team_scores": scores,
        "sizes": [len(team) for team in member_teams],
        "worst": worst,
        "best": best,
        "spread": best - worst,
        "objective": [worst, best - worst],  # maximise worst, then minimise spread
    }


def _explain(groups_fail_alone, groups, labels, apart_pairs, n_teams, min_size, max_size):
    if groups_fail_alone:
        big = "; ".join(dutch_list(labels[i] for i in g) for g in groups if len(g) > 1)
        raise TeamFormationError(
            f"De samen-groepen ({big}) zijn niet te verdelen over {n_teams} teams van {min_size} tot "
            f"{max_size} leerlingen. Maak een groep kleiner of pas de teamgrootte aan.",
            code="groups_do_not_fit",
        )
    pairs = "; ".join(f"{labels[a]} en {labels[b]}" for a, b in apart_pairs)
    raise TeamFormationError(
        f"De apart-regels ({pairs}) zijn niet allemaal te halen met {n_teams} teams van {min_size} tot "
        f"{max_size} leerlingen. Haal een apart-regel weg of voeg een team toe.",
        code="apart_do_not_fit",
    )
