"""Allocate students to the assignments of a project (pure Python, no database).

Objective
---------
Each student ranks assignments, best first. Being placed on rank ``r`` costs
``rank_cost(r) = r**2`` (1, 4, 9, 16, 25, ...). The cost is convex: the price of
dropping one more place grows with the place (1st->2nd costs 3, 2nd->3rd 5,
3rd->4th 7, 4th->5th 9). So the optimum prefers two students on their 2nd choice
(4 + 4 = 8) over one on the 1st and one on the 3rd (1 + 9 = 10), and it will only
push a student from rank 3 to rank 4 (+7) when that gives at least three others
their 1st instead of their 2nd choice. With a linear cost those trades are free,
which is how one student ends up "sacrificed" for several first choices.

The problem is solved lexicographically and exactly:

1. place as many students as possible on one of their own choices;
2. among those allocations, minimise the summed ``rank_cost``.

That is the same as giving a placement outside the ranking an infinitely large
penalty, so nobody gets an unranked assignment when a ranked allocation exists.
``rank_cost(None, n)`` returns a finite penalty that is only used to report
``total_cost``. Students that do land outside their ranking fill the remaining
places (most room left first); they all cost the same, and by optimality every one
of their own choices is full (or closed to them by an "apart" rule), which is the
reason we report. A "together" group counts as the sum of its members: a member
whose own choices do not include the group's assignment counts as unranked.

Solvers
-------
Without "together" groups this is a transportation problem: a minimum-cost maximum
flow (students -> their ranked assignments -> capacity), solved exactly by OR-Tools'
``SimpleMinCostFlow.solve_max_flow_with_min_cost``. scipy's HiGHS LP solves the same
model but needed 30-40 s for 100,000 students over 4,000 assignments, the flow ~2 s.
An exact presolve first drops choices that can never be used (see ``_presolve``).

"Together" groups must share an assignment and fit in one of its teams
(``capacity / teams``); "apart" pairs cannot share an assignment with a single team.
That is an integer programme (bin-packing-like), solved with ``scipy.optimize.milp``
(HiGHS, gap 0) with the two levels folded into one weighted objective. Whether several
groups also pack into the teams of one assignment is checked by ``teams.form_teams``.

Determinism: the same input gives the same output. ``seed`` permutes the order in
which students are handed to the solver; that decides between equally good
allocations (a reproducible lottery), never the objective value.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import defaultdict, deque
from dataclasses import dataclass, field

import numpy as np
from ortools.graph.python import min_cost_flow
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

UNRANKED_FACTOR = 100


@dataclass(frozen=True)
class AssignmentSlot:
    """An assignment with room for ``capacity`` students (teams x max team size)."""

    id: int | str
    capacity: int
    name: str = ""
    teams: int | None = None  # number of teams, when known (0 only for a closed assignment)

    @property
    def label(self) -> str:
        return self.name or str(self.id)

    @property
    def max_team_size(self) -> int:
        if self.teams is None:
            return self.capacity
        return math.ceil(self.capacity / self.teams) if self.teams else 0


@dataclass(frozen=True)
class StudentPrefs:
    id: int | str
    ranking: tuple  # assignment ids, best first
    name: str = ""

    @property
    def label(self) -> str:
        return self.name or str(self.id)


@dataclass(frozen=True)
class Unranked:
    """A student placed outside their own choices, with the reason in Dutch."""

    student: int | str
    slot: int | str
    reason: str


@dataclass
class AllocationResult:
    assignment: dict  # student id -> slot id
    rank_of: dict  # student id -> 1-based rank received, or None
    unranked: list = field(default_factory=list)  # list[Unranked]
    stats: dict = field(default_factory=dict)


class AllocationError(Exception):
    """An allocation that cannot be made; ``message`` says in Dutch which rule fails."""

    def __init__(self, message: str, *, code: str):
        super().__init__(message)
        self.message = message
        self.code = code


def rank_cost(rank: int | None, n_options: int) -> int:
    """Cost of placing a student on ``rank`` (1-based) out of ``n_options`` assignments.

    ``rank**2`` for a ranked choice; ``None`` (not among the choices) costs
    ``UNRANKED_FACTOR * (n_options + 1)**2``, more than any single ranked placement.
    The solver treats that penalty as infinite (see the module docstring).
    """
    if n_options < 1:
        raise ValueError("n_options must be at least 1")
    if rank is None:
        return UNRANKED_FACTOR * (n_options + 1) ** 2
    if not 1 <= rank <= n_options:
        raise ValueError(f"rank {rank} outside 1..{n_options}")
    return rank * rank


def dutch_list(names) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " en " + names[-1]


def together_groups(n: int, pairs) -> list[list[int]]:
    """Union-find over index pairs; groups in order of their first member."""
    parent = list(range(n))

    def find(a):
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def together_chain(pairs, a: int, b: int) -> list[int]:
    """Shortest chain of together-pairs linking a to b (for explanations)."""
    adj = defaultdict(list)
    for x, y in pairs:
        adj[x].append(y)
        adj[y].append(x)
    prev = {a: None}
    queue = deque([a])
    while queue:
        x = queue.popleft()
        for y in adj[x]:
            if y not in prev:
                prev[y] = x
                queue.append(y)
    chain, node = [], b
    while node is not None:
        chain.append(node)
        node = prev.get(node)
    return chain[::-1]


def contradiction_message(labels, together_pairs, a: int, b: int) -> str:
    a, b = min(a, b), max(a, b)
    chain = together_chain(together_pairs, a, b)
    head = f"{labels[a]} en {labels[b]} moeten samen én apart"
    if len(chain) <= 2:
        return f"{head}: haal de samen-regel of de apart-regel voor dit tweetal weg."
    via = "–".join(labels[i] for i in chain)
    return f"{head}: de samen-regels {via} zetten ze in één groep. Haal één van deze regels weg."


def _index(items, kind: str) -> dict:
    index = {}
    for i, item in enumerate(items):
        if item.id in index:
            raise ValueError(f"duplicate {kind} id {item.id!r}")
        index[item.id] = i
    return index


def _pairs(pairs, index, kind: str) -> list[tuple[int, int]]:
    out = []
    for a, b in pairs:
        if a not in index or b not in index:
            raise ValueError(f"{kind} pair ({a!r}, {b!r}) names an unknown student")
        if a == b:
            if kind == "apart":
                raise ValueError(f"apart pair ({a!r}, {b!r}) names one student twice")
            continue
        out.append((index[a], index[b]))
    return out


def allocate(students, slots, *, together=(), apart=(), seed=0) -> AllocationResult:
    students, slots = list(students), list(slots)
    slot_index = _index(slots, "assignment")
    student_index = _index(students, "student")
    for s in slots:
        if s.capacity < 0 or (s.teams is not None and (s.teams < 0 or s.teams == 0 < s.capacity)):
            raise ValueError(f"assignment {s.id!r}: invalid capacity or teams")
    prefs = []  # per student: ranked slot indices, best first
    for st in students:
        try:
            ranked = [slot_index[sid] for sid in st.ranking]
        except KeyError as error:
            raise ValueError(f"student {st.id!r}: unknown assignment {error.args[0]!r} in ranking") from None
        if len(set(ranked)) != len(ranked):
            raise ValueError(f"student {st.id!r}: an assignment is ranked twice")
        prefs.append(ranked)
    together_pairs = _pairs(together, student_index, "together")
    apart_pairs = _pairs(apart, student_index, "apart")

    n, total = len(students), sum(s.capacity for s in slots)
    if n > total:
        raise AllocationError(
            f"Er zijn {n} leerlingen maar slechts {total} plaatsen: voeg een team toe of verhoog de teamgrootte.",
            code="capacity",
        )
    labels = [st.label for st in students]
    groups = together_groups(n, together_pairs) if together_pairs else [[i] for i in range(n)]
    group_of = {i: gi for gi, g in enumerate(groups) if len(g) > 1 for i in g}
    for a, b in apart_pairs:
        if a in group_of and group_of.get(b) == group_of[a]:
            raise AllocationError(contradiction_message(labels, together_pairs, a, b), code="contradiction")
    biggest = max((s.max_team_size for s in slots), default=0)
    for g in groups:
        if len(g) > 1 and len(g) > biggest:
            raise AllocationError(
                f"{dutch_list(labels[i] for i in g)} moeten samen, maar geen opdracht heeft plaats voor "
                f"{len(g)} leerlingen in één team (hoogstens {biggest}).",
                code="group_too_big",
            )

    order = list(range(n))
    if seed:
        random.Random(seed).shuffle(order)
    single_team = [j for j, s in enumerate(slots) if s.teams == 1]
    apart_active = bool(apart_pairs and single_team)
    if n == 0:
        placed, solver = [], "none"
    elif not group_of and not apart_active:
        placed, solver = _solve_flow(order, prefs, slots), "ortools-min-cost-flow"
    else:
        positions = {i: p for p, i in enumerate(order)}
        entities = sorted(groups, key=lambda g: min(positions[i] for i in g))
        placed = _solve_milp(entities, prefs, slots, apart_pairs, single_team, labels)
        solver = "highs-milp"
    _fill_remaining(placed, order, slots)
    return _result(students, slots, prefs, placed, groups, group_of, apart_pairs, solver)


def _solve_flow(order, prefs, slots) -> list:
    """Max number of ranked placements, then min summed rank cost; returns slot index or None."""
    n, n_slots = len(order), len(slots)
    lengths = np.fromiter((len(prefs[i]) for i in order), dtype=np.int64, count=n)
    m = int(lengths.sum())
    tails = np.repeat(np.arange(n, dtype=np.int64), lengths)
    heads = np.fromiter((j for i in order for j in prefs[i]), dtype=np.int64, count=m)
    ranks = np.arange(m) - np.repeat(np.cumsum(lengths) - lengths, lengths) + 1
    table = np.array([0] + [rank_cost(r, n_slots) for r in range(1, n_slots + 1)], dtype=np.int64)
    capacity = np.array([s.capacity for s in slots], dtype=np.int64)
    active, fixed = _presolve(tails, heads, capacity, n)
    placed = [None] * len(prefs)
    for pos in np.flatnonzero(fixed >= 0).tolist():
        placed[order[pos]] = int(fixed[pos])
    capacity = capacity - np.bincount(fixed[fixed >= 0], minlength=n_slots)
    tails, heads, ranks = tails[active], heads[active], ranks[active]
    students = np.unique(tails)  # the students left for the solver, renumbered 0..k-1
    tails = np.searchsorted(students, tails)
    k, m = len(students), len(tails)
    if k == 0:
        return placed
    source, sink = k + n_slots, k + n_slots + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(
        np.concatenate([tails, k + np.arange(n_slots), np.full(k, source)]),
        np.concatenate([heads + k, np.full(n_slots, sink), np.arange(k)]),
        np.concatenate([np.ones(m, dtype=np.int64), capacity, np.ones(k, dtype=np.int64)]),
        np.concatenate([table[ranks], np.zeros(n_slots + k, dtype=np.int64)]),
    )
    supplies = np.zeros(k + n_slots + 2, dtype=np.int64)
    supplies[source], supplies[sink] = k, -k
    flow.set_nodes_supplies(np.arange(k + n_slots + 2), supplies)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")
    used = flow.flows(np.arange(m)) > 0
    for pos, j in zip(students[tails[used]].tolist(), heads[used].tolist(), strict=True):
        placed[order[pos]] = j
    return placed


def _presolve(tails, heads, capacity, n):
    """Exact reductions before the flow (arcs sorted by student, then rank).

    A slot is slack when every student still pointing at it fits. If a student's rank-r
    choice is slack, every optimal allocation places them on rank r or better (moving there
    is always possible and strictly cheaper), so their arcs below rank r go. Repeat until
    nothing changes; students left with one arc, to a slack slot, are placed right away.
    Returns the mask of arcs that remain and, per student, the slot fixed (or -1).
    """
    m = len(tails)
    active = np.ones(m, dtype=bool)
    arc = np.arange(m)
    while True:
        slack = np.bincount(heads[active], minlength=len(capacity)) <= capacity
        candidates = np.flatnonzero(active & slack[heads])
        first = np.full(n, m)
        owners, where = np.unique(tails[candidates], return_index=True)
        first[owners] = candidates[where]
        drop = active & (arc > first[tails])
        if not drop.any():
            break
        active &= ~drop
    per_student = np.bincount(tails[active], minlength=n)
    fixed = np.full(n, -1, dtype=np.int64)
    lone = active & (per_student[tails] == 1) & slack[heads]
    fixed[tails[lone]] = heads[lone]
    return active & ~lone, fixed


def _solve_milp(entities, prefs, slots, apart_pairs, single_team, labels) -> list:
    """Integer programme for together groups and apart rules in single-team assignments.

    An entity (group, or single student) takes one column: an assignment, or "overflow" (a
    place outside every member's choices, cost: all members unranked). The lexicographic
    objective becomes one weighted sum, with a penalty per unranked student above any
    possible difference in ranked cost. First a relaxation where overflow names no
    assignment; if the overflow groups then fit in the places left, that solution is
    optimal for the real problem too (the relaxation is a lower bound). If not, the full
    model lets groups and apart-bound students name any assignment where they fit.
    """
    rank_in = {i: {j: r for r, j in enumerate(prefs[i], 1)} for members in entities for i in members}
    bound = {i for pair in apart_pairs for i in pair} if single_team else set()
    explicit = [len(m) > 1 or m[0] in bound for m in entities]
    n_slots = len(slots)
    penalty = 1 + sum(rank_cost(len(prefs[i]), n_slots) for members in entities for i in members if prefs[i])
    entity_of = {i: e for e, members in enumerate(entities) for i in members}

    def model(full, with_apart=True):
        cols, rows = [], []  # cols: (entity, slot or -1, objective); rows: (entries, lb, ub)
        for e, members in enumerate(entities):
            options = [j for i in members for j in prefs[i]]
            if full and explicit[e]:
                options = range(n_slots)
            for j in dict.fromkeys(options):
                if len(members) <= slots[j].max_team_size:
                    ranked = [rank_in[i][j] for i in members if j in rank_in[i]]
                    unranked = len(members) - len(ranked)
                    cols.append((e, j, penalty * unranked + sum(rank_cost(r, n_slots) for r in ranked)))
            if not (full and explicit[e]):
                cols.append((e, -1, penalty * len(members)))
        by_entity, by_slot, col_of = defaultdict(list), defaultdict(list), {}
        for c, (e, j, _) in enumerate(cols):
            by_entity[e].append((c, 1))
            if j >= 0:
                by_slot[j].append((c, len(entities[e])))
                col_of[e, j] = c
        rows += [(by_entity[e], 1, 1) for e in range(len(entities))]
        rows += [(by_slot[j], 0, slots[j].capacity) for j in range(n_slots)]
        for j in single_team if with_apart else ():
            for a, b in apart_pairs:
                pair = [col_of.get((entity_of[a], j)), col_of.get((entity_of[b], j))]
                if None not in pair:
                    rows.append(([(pair[0], 1), (pair[1], 1)], 0, 1))
        ri = [r for r, (entries, _, _) in enumerate(rows) for _ in entries]
        rj, rv = zip(*[entry for entries, _, _ in rows for entry in entries], strict=True) if ri else ((), ())
        matrix = sparse.csr_array((rv, (ri, rj)), shape=(len(rows), len(cols)))
        res = milp(
            np.array([obj for _, _, obj in cols], dtype=float),
            constraints=LinearConstraint(matrix, [lb for *_, lb, _ in rows], [ub for *_, ub in rows]),
            integrality=np.ones(len(cols)),
            bounds=Bounds(0, 1),
            options={"mip_rel_gap": 0},
        )
        if res.x is None and not with_apart:
            return None
        if res.status == 2:  # which rules clash: without the apart rows, do the groups fit?
            _explain_infeasible(model(True, with_apart=False) is None, entities, apart_pairs, labels)
        if res.x is None:
            raise RuntimeError(f"HiGHS failed: {res.message}")
        return [cols[c] for c in np.flatnonzero(res.x > 0.5)]

    for full in (False, True):
        chosen = model(full)
        placed = [None] * len(prefs)
        for e, j, _ in chosen:
            for i in entities[e]:
                placed[i] = j if j >= 0 else None
        overflow = [e for e, j, _ in chosen if j < 0 and explicit[e]]
        if _place_overflow(overflow, entities, placed, slots, apart_pairs):
            return placed
    raise RuntimeError("full model left an overflow group")  # the full model gives them no overflow column


def _place_overflow(overflow, entities, placed, slots, apart_pairs) -> bool:
    """Put overflow groups (largest first) where they fit in one team and break no apart rule."""
    load = [0] * len(slots)
    for j in placed:
        if j is not None:
            load[j] += 1
    partners = defaultdict(set)
    for a, b in apart_pairs:
        partners[a].add(b)
        partners[b].add(a)
    for e in sorted(overflow, key=lambda e: -len(entities[e])):
        members = entities[e]
        fits = [
            j
            for j, s in enumerate(slots)
            if s.capacity - load[j] >= len(members) <= s.max_team_size
            and not (s.teams == 1 and any(placed[k] == j for i in members for k in partners[i]))
        ]
        if not fits:
            return False
        j = max(fits, key=lambda j: (slots[j].capacity - load[j], -j))
        for i in members:
            placed[i] = j
        load[j] += len(members)
    return True


def _explain_infeasible(groups_alone_fail, entities, apart_pairs, labels):
    if groups_alone_fail:
        big = [dutch_list(labels[i] for i in g) for g in entities if len(g) > 1]
        raise AllocationError(
            "De samen-groepen passen niet tegelijk in de opdrachten: elke groep moet in één opdracht én één "
            f"team, en de vrije plaatsen zijn te versnipperd. Groepen: {'; '.join(big)}. "
            "Maak een groep kleiner of verhoog de teamgrootte.",
            code="groups_do_not_fit",
        )
    pairs = "; ".join(f"{labels[a]} en {labels[b]}" for a, b in apart_pairs)
    raise AllocationError(
        "De apart-regels zijn niet te halen: in een opdracht met één team mogen deze leerlingen niet samen, "
        f"en elders is te weinig plaats ({pairs}). Voeg een team toe of haal een apart-regel weg.",
        code="apart_do_not_fit",
    )


def _fill_remaining(placed, order, slots) -> None:
    """Students without a ranked place take the assignment with the most room left."""
    load = [0] * len(slots)
    for j in placed:
        if j is not None:
            load[j] += 1
    heap = [(-(s.capacity - load[j]), j) for j, s in enumerate(slots) if s.capacity > load[j]]
    heapq.heapify(heap)
    for i in order:
        if placed[i] is None:
            free, j = heapq.heappop(heap)
            placed[i] = j
            if free < -1:
                heapq.heappush(heap, (free + 1, j))


def _result(students, slots, prefs, placed, groups, group_of, apart_pairs, solver) -> AllocationResult:
    n, n_slots = len(students), len(slots)
    load = [0] * n_slots
    for j in placed:
        load[j] += 1
    assignment, rank_of, unranked = {}, {}, []
    per_rank = defaultdict(int)
    partners = defaultdict(set)
    for a, b in apart_pairs:
        partners[a].add(b)
        partners[b].add(a)
    for i, st in enumerate(students):
        j, ranked = placed[i], prefs[i]
        rank = ranked.index(j) + 1 if j in ranked else None
        assignment[st.id], rank_of[st.id] = slots[j].id, rank
        if rank is not None:
            per_rank[rank] += 1
        else:
            group = groups[group_of[i]] if i in group_of else [i]
            unranked.append(
                Unranked(st.id, slots[j].id, _reason(i, group, students, slots, prefs, placed, load, partners))
            )
    max_len = max((len(p) for p in prefs), default=0)
    counts = {r: per_rank.get(r, 0) for r in range(1, max_len + 1)}
    ranked_cost = sum(rank_cost(r, n_slots) * c for r, c in counts.items())
    stats = {
        "n_students": n,
        "per_rank": counts,
        "share_first": counts.get(1, 0) / n if n else 0.0,
        "share_top3": sum(counts.get(r, 0) for r in (1, 2, 3)) / n if n else 0.0,
        "worst_rank": max(per_rank, default=None),
        "unranked": len(unranked),
        "unassigned": 0,
        "ranked_cost": ranked_cost,
        "total_cost": ranked_cost + (rank_cost(None, n_slots) * len(unranked) if unranked else 0),
        "solver": solver,
        "proven_optimal": True,
    }
    return AllocationResult(assignment, rank_of, unranked, stats)


def _reason(i, group, students, slots, prefs, placed, load, partners) -> str:
    here, choices = slots[placed[i]].label, prefs[i]
    if not choices:
        return f"Geen voorkeuren opgegeven; geplaatst bij {here}, waar nog plaats was."
    if len(group) > 1:
        others = dutch_list(students[k].label for k in group if k != i)
        own = [j for j in choices if slots[j].capacity - load[j] < len(group)]
        why = (
            f"je eigen keuzes ({dutch_list(slots[j].label for j in own)}) hadden geen plaats meer voor de hele groep"
            if len(own) == len(choices)
            else "dat gaf voor de groep als geheel de minste leerlingen buiten hun keuzes"
        )
        return f"Moet samen met {others} in één opdracht; geplaatst bij {here}, want {why}."
    full = [j for j in choices if load[j] >= slots[j].capacity]
    blocked = [j for j in choices if load[j] < slots[j].capacity]
    text = f"Je keuzes ({dutch_list(slots[j].label for j in full)}) zaten vol" if full else ""
    if blocked:  # only possible through an apart rule in a single-team assignment
        names = dutch_list(students[k].label for k in sorted(partners[i]))
        extra = f"in {dutch_list(slots[j].label for j in blocked)} (één team) mag je niet samen met {names}"
        text = f"{text}; {extra}" if text else extra[0].upper() + extra[1:]
    return f"{text}; geplaatst bij {here}, waar nog plaats was."
