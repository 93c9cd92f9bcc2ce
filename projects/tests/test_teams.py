"""Team formation: hard rules always met, brute-force optimality, Dutch explanations."""

import random

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from projects.teams import COMPETENCIES, TeamFormationError, TeamMember, form_teams, team_score

SETTINGS = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def team_instances(draw, max_n=8):
    n = draw(st.integers(2, max_n))
    members = [
        TeamMember(
            i,
            draw(st.sampled_from(["4A", "4B", "4C"])),
            frozenset(draw(st.lists(st.sampled_from(COMPETENCIES), max_size=2))),
        )
        for i in range(n)
    ]
    k = draw(st.integers(1, 3))
    max_size = draw(st.integers(-(-n // k), -(-n // k) + 1))
    min_size = draw(st.integers(1, max(1, n // k)))
    n_teams = draw(st.sampled_from([None, k]))
    pair = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1])
    together = draw(st.lists(pair, max_size=2))
    apart = draw(st.lists(pair, max_size=3))
    return members, dict(n_teams=n_teams, min_size=min_size, max_size=max_size, together=together, apart=apart)


def team_count(n, n_teams, min_size, max_size):
    if n_teams is not None:
        return n_teams
    k = max(1, -(-n // max_size))
    return k if k * min_size <= n else None


def valid(labels, k, min_size, max_size, together, apart):
    """labels[i] = team of member i; every team index < k used."""
    sizes = [labels.count(t) for t in range(k)]
    return (
        all(min_size <= s <= max_size for s in sizes)
        and all(labels[a] == labels[b] for a, b in together)
        and all(labels[a] != labels[b] for a, b in apart)
    )


def partitions(n, k):
    """Labelings with teams numbered in order of first appearance (each partition once)."""

    def extend(labels, used):
        if len(labels) == n:
            if used == k:
                yield labels
            return
        for t in range(min(used + 1, k)):
            yield from extend(labels + [t], max(used, t + 1))

    yield from extend([], 0)


def brute_force(members, k, min_size, max_size, together, apart):
    """Best (worst score, -spread) over all partitions into k teams, or None if infeasible."""
    best = None
    for labels in partitions(len(members), k):
        if not valid(labels, k, min_size, max_size, together, apart):
            continue
        scores = [team_score(m for m, t in zip(members, labels, strict=True) if t == team) for team in range(k)]
        value = (min(scores), -(max(scores) - min(scores)))
        best = value if best is None or value > best else best
    return best


def assert_hard_rules(result, members, k, min_size, max_size, together, apart):
    ids = [m.id for m in members]
    assert sorted(i for team in result.teams for i in team) == sorted(ids)
    assert len(result.teams) == k
    team_of = {i: t for t, team in enumerate(result.teams) for i in team}
    assert valid([team_of[i] for i in ids], k, min_size, max_size, together, apart)


@SETTINGS
@given(team_instances())
def test_hard_rules_always_met_and_balance_optimal(instance):
    members, kw = instance
    k = team_count(len(members), kw["n_teams"], kw["min_size"], kw["max_size"])
    best = brute_force(members, k, kw["min_size"], kw["max_size"], kw["together"], kw["apart"]) if k else None
    event("infeasible" if best is None else "feasible")
    if best is None:
        with pytest.raises(TeamFormationError) as info:
            form_teams(members, time_limit=20, **kw)
        assert info.value.message
        return
    result = form_teams(members, time_limit=20, **kw)
    assert_hard_rules(result, members, k, kw["min_size"], kw["max_size"], kw["together"], kw["apart"])
    assert result.score["proven_optimal"]
    assert (result.score["worst"], -result.score["spread"]) == best
    assert result.score["team_scores"] == [team_score(m for m in members if m.id in team) for team in result.teams]


@settings(max_examples=15, deadline=None, database=None)
@given(team_instances(max_n=16), st.integers(0, 3))
def test_hard_rules_hold_for_larger_classes_and_any_seed(instance, seed):
    members, kw = instance
    k = team_count(len(members), kw["n_teams"], kw["min_size"], kw["max_size"])
    try:
        result = form_teams(members, seed=seed, time_limit=5, **kw)
    except TeamFormationError as error:
        assert error.message
        return
    assert_hard_rules(result, members, k, kw["min_size"], kw["max_size"], kw["together"], kw["apart"])


def test_team_score_counts_classes_double_and_known_competencies_once():
    team = [
        TeamMember(1, "4A", frozenset({"plannen", "maken"})),
        TeamMember(2, "4B", frozenset({"maken", "jongleren"})),
    ]
    assert team_score(team) == 2 * 2 + 2


def class_of_30(seed):
    rng = random.Random(seed)
    return [
        TeamMember(i, rng.choice(["4A", "4B", "4C"]), frozenset(rng.sample(COMPETENCIES, rng.randint(1, 3))))
        for i in range(30)
    ]


def test_class_of_30_into_teams_of_4_or_5_is_proven_optimal_within_two_seconds():
    members = class_of_30(seed=2)
    result = form_teams(members, min_size=4, max_size=5, together=[(0, 1)], apart=[(2, 3)], time_limit=2.0)
    assert_hard_rules(result, members, 6, 4, 5, [(0, 1)], [(2, 3)])
    assert result.score["proven_optimal"]
    assert result.score["worst"] == result.score["bound"]


def test_infeasible_sizes_are_explained_in_dutch():
    members = [TeamMember(i, "4A") for i in range(7)]
    with pytest.raises(TeamFormationError) as info:
        form_teams(members, min_size=4, max_size=5)
    assert info.value.code == "sizes"
    assert "7 leerlingen" in info.value.message and "4 tot 5" in info.value.message
    with pytest.raises(TeamFormationError) as info:
        form_teams(members, n_teams=3, min_size=4, max_size=5)
    assert "3 teams" in info.value.message and "12 tot 15 leerlingen" in info.value.message


def named(*names):
    return [TeamMember(i, "4A", name=name) for i, name in enumerate(names)]


def test_contradictory_pairs_are_explained():
    members = named("Lisa", "Tom", "Sam", "Eva")
    with pytest.raises(TeamFormationError) as info:
        form_teams(members, min_size=2, max_size=2, together=[(0, 2), (2, 1)], apart=[(1, 0)])
    assert info.value.code == "contradiction"
    assert "Lisa en Tom moeten samen én apart" in info.value.message and "Lisa–Sam–Tom" in info.value.message


def test_group_bigger_than_a_team_is_explained():
    members = named("Lisa", "Tom", "Sam", "Eva")
    with pytest.raises(TeamFormationError) as info:
        form_teams(members, min_size=2, max_size=2, together=[(0, 1), (1, 2)])
    assert info.value.code == "group_too_big"
    assert "Lisa, Tom en Sam moeten samen" in info.value.message


def test_apart_with_a_single_team_is_explained():
    members = named("Lisa", "Tom", "Sam")
    with pytest.raises(TeamFormationError) as info:
        form_teams(members, min_size=2, max_size=4, apart=[(0, 2)])
    assert info.value.code == "apart_single_team"
    assert "Lisa en Sam moeten apart" in info.value.message


def test_too_many_mutual_apart_rules_are_explained():
    members = named("Lisa", "Tom", "Sam", "Eva")
    apart = [(0, 1), (0, 2), (1, 2)]  # three people who must all be apart, but only two teams
    with pytest.raises(TeamFormationError) as info:
        form_teams(members, min_size=2, max_size=2, apart=apart)
    assert info.value.code == "apart_do_not_fit"
    assert "apart-regels" in info.value.message


def test_groups_that_do_not_pack_are_explained():
    members = named("Lisa", "Tom", "Sam", "Eva", "Bo", "Noor")
    with pytest.raises(TeamFormationError) as info:  # groups of 2 cannot fill two teams of 3
        form_teams(members, min_size=3, max_size=3, together=[(0, 1), (2, 3), (4, 5)])
    assert info.value.code == "groups_do_not_fit"
    assert "Lisa en Tom" in info.value.message


def test_together_with_someone_outside_the_assignment_is_explained():
    members = named("Lisa", "Tom")
    with pytest.raises(TeamFormationError) as info:
        form_teams(members, min_size=1, max_size=2, together=[(0, 99)])
    assert info.value.code == "together_outside"
    assert "Lisa moet samen met 99" in info.value.message


def test_same_input_and_seed_give_the_same_teams():
    members = class_of_30(seed=4)
    for seed in (0, 3):
        first = form_teams(members, min_size=4, max_size=5, seed=seed)
        second = form_teams(members, min_size=4, max_size=5, seed=seed)
        assert first.teams == second.teams and first.score == second.score


def test_time_limited_run_reports_a_bound_or_explains():
    rng = random.Random(3)
    members = [
        TeamMember(i, rng.choice(["4A", "4B", "4C", "4D", "5A"]), frozenset(rng.sample(COMPETENCIES, 1)))
        for i in range(60)
    ]
    try:
        result = form_teams(members, n_teams=13, min_size=4, max_size=5, time_limit=0.05)
    except TeamFormationError as error:
        assert error.code == "timeout" and "seconden" in error.message
        return
    assert_hard_rules(result, members, 13, 4, 5, [], [])
    assert result.score["bound"] >= result.score["worst"]
    if not result.score["proven_optimal"]:
        assert result.score["bound"] > result.score["worst"] or result.score["spread"] > 0
