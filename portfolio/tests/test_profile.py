"""The richtingsgevoel computation: pure, no database."""

import datetime as dt
import random

import pytest

from organisation import taxonomy as taxonomy_module
from portfolio.profile import (
    BROADEN,
    DEEPEN,
    FALLING,
    HALF_LIFE_DAYS,
    HAVO_PROFILE,
    REFRESH,
    RELATED,
    RISING,
    STABLE,
    STUDY_FIELDS,
    SUGGESTION_LIMIT,
    VMBO_PROFILE,
    WEIGHTING_EXPLANATION,
    ExperienceInput,
    Taxonomy,
    compute_richtingsgevoel,
    experience_weight,
    format_score,
    school_period,
)

TODAY = dt.date(2025, 3, 1)


def days_ago(n):
    return TODAY - dt.timedelta(days=n)


def exp(age, kind="project", affinity=None, sectors=(), qualities=(), motives=(), title=""):
    return ExperienceInput(
        date=days_ago(age),
        kind=kind,
        sectors=tuple(sectors),
        affinity=affinity or {},
        qualities=tuple(qualities),
        motives=tuple(motives),
        title=title,
    )


@pytest.fixture
def taxonomy():
    return Taxonomy.from_module()


@pytest.fixture
def small():
    """Four domains, three profiles: easy numbers."""
    return Taxonomy(
        domains={"a": "Alfa", "b": "Bravo", "c": "Charlie", "d": "Delta"},
        profiles={
            "vmbo-ab": ("Profiel AB", VMBO_PROFILE, ("a", "b")),
            "vmbo-a": ("Profiel A", VMBO_PROFILE, ("a",)),
            "havo-cd": ("Profiel CD", HAVO_PROFILE, ("c", "d")),
        },
    )


def compute(experiences, taxonomy, **kwargs):
    return compute_richtingsgevoel(experiences, taxonomy, TODAY, **kwargs)


# ------------------------------------------------------------------ taxonomy


def test_taxonomy_from_module_uses_database_slugs_and_domains(taxonomy):
    assert list(taxonomy.domains) == [slug for slug, _ in taxonomy_module.DOMAINS]
    assert taxonomy.domains["zorg-en-welzijn"] == "Zorg en welzijn"
    assert len(taxonomy.profiles) == len(taxonomy_module.VMBO_PROFILES) + len(taxonomy_module.HAVO_PROFILES)
    bwi = taxonomy.profiles["vmbo-bwi"]
    assert (bwi.name, bwi.kind, bwi.domains) == (
        "Bouwen, wonen en interieur",
        VMBO_PROFILE,
        ("bouw", "techniek", "creatief-ontwerp"),
    )
    assert taxonomy.profiles["havo-nt"].kind == HAVO_PROFILE


def test_taxonomy_rejects_profile_with_unknown_domain():
    with pytest.raises(ValueError, match="unknown domains"):
        Taxonomy(domains={"a": "Alfa"}, profiles={"vmbo-x": ("X", VMBO_PROFILE, ("a", "zz"))})


def test_study_fields_cover_every_domain(taxonomy):
    assert set(taxonomy.domains) <= set(STUDY_FIELDS)
    assert all(fields.mbo and fields.hbo for fields in STUDY_FIELDS.values())


# -------------------------------------------------------------------- inputs


@pytest.mark.parametrize("score", [0, 6, 3.5, True])
def test_experience_rejects_scores_outside_1_to_5(score):
    with pytest.raises(ValueError):
        exp(0, affinity={"techniek": score})


def test_experience_rejects_unknown_kind():
    with pytest.raises(ValueError, match="kind"):
        exp(0, kind="feestje")


def test_unknown_domain_slugs_are_ignored(small):
    result = compute([exp(0, affinity={"a": 4, "vmbo-oud": 5}, sectors=["weg"]), exp(400, affinity={"oud": 3})], small)
    assert [a.domain for a in result.affinity] == ["a"]
    assert [line.domain for line in result.timeline] == ["a"]
    assert result.periods == (school_period(TODAY),)
    assert result.experience_count == 2


# ----------------------------------------------------------------- weighting


def test_half_life_halves_the_weight_exactly():
    assert experience_weight(TODAY, TODAY) == 1.0
    assert experience_weight(days_ago(HALF_LIFE_DAYS), TODAY) == 0.5
    assert experience_weight(days_ago(2 * HALF_LIFE_DAYS), TODAY) == 0.25
    assert experience_weight(TODAY + dt.timedelta(days=10), TODAY) == 1.0


def test_weighted_mean_uses_the_half_life(small):
    result = compute([exp(0, affinity={"a": 5}), exp(HALF_LIFE_DAYS, affinity={"a": 1})], small)
    assert result.affinity_for("a").mean == pytest.approx((5 * 1 + 1 * 0.5) / 1.5)


def test_a_recent_5_beats_an_old_1(small):
    recent_high = compute([exp(0, affinity={"a": 5}), exp(730, affinity={"a": 1})], small).affinity_for("a")
    recent_low = compute([exp(730, affinity={"a": 5}), exp(0, affinity={"a": 1})], small).affinity_for("a")
    assert recent_high.mean > 4.5
    assert recent_low.mean < 1.5
    assert (recent_high.trend, recent_low.trend) == (RISING, FALLING)


def test_trend_splits_between_dates_never_within_one_day(small):
    same_day = compute([exp(0, kind="gastles", affinity={"a": 5}), exp(0, affinity={"a": 1})], small)
    assert same_day.affinity_for("a").trend == STABLE
    # 3 | 1 5 4: splitting in the middle (3 1 | 5 4) would say rising; between the dates
    # the newer half averages 3,33, only 0,33 above 3, so stable
    older = [exp(100, affinity={"a": 3})]
    newer = [exp(10, kind=k, affinity={"a": s}) for k, s in (("gastles", 1), ("project", 5), ("stage", 4))]
    assert compute(older + newer, small).affinity_for("a").trend == STABLE
    older = [exp(100, affinity={"a": 2})]
    assert compute(older + newer, small).affinity_for("a").trend == RISING


def test_trend_split_tie_gives_the_larger_half_to_the_newer_scores(small):
    # 3 | 5 3 (rising: 3,9 vs 3) rather than 3 5 | 3 (falling: 3 vs 4,1)
    experiences = [exp(100, affinity={"a": 3}), exp(50, affinity={"a": 5}), exp(10, affinity={"a": 3})]
    assert compute(experiences, small).affinity_for("a").trend == RISING


def test_trend_is_stable_for_small_changes_and_single_scores(small):
    result = compute([exp(300, affinity={"a": 4, "b": 3}), exp(10, affinity={"a": 4})], small)
    assert result.affinity_for("a").trend == STABLE
    assert result.affinity_for("b").trend == STABLE


def test_affinity_counts_dates_and_kinds(small):
    result = compute(
        [
            exp(100, kind="gastles", affinity={"a": 4}),
            exp(50, kind="bedrijfsbezoek", sectors=["a"]),  # touched, not scored
            exp(20, kind="gastles", affinity={"a": 2}),
        ],
        small,
    )
    a = result.affinity_for("a")
    assert (a.count, a.experience_count) == (2, 3)
    assert (a.last_date, a.last_scored) == (days_ago(20), days_ago(20))
    assert a.kinds == ("bedrijfsbezoek", "gastles")


def test_affinity_is_sorted_by_score(small):
    result = compute([exp(0, affinity={"a": 2, "b": 5, "c": 3}), exp(0, sectors=["d"])], small)
    assert [a.domain for a in result.affinity] == ["b", "c", "a", "d"]
    assert result.affinity_for("d").mean is None


def test_explanation_contains_the_numbers(small):
    result = compute([exp(0, affinity={"a": 4}), exp(0, kind="gastles", affinity={"a": 5, "b": 3})], small)
    assert result.affinity_for("a").explanation == (
        "Je gaf Alfa gemiddeld 4,5 uit 5 bij 2 ervaringen; de laatste telt het zwaarst. "
        "Je score blijft ongeveer gelijk."
    )
    assert result.affinity_for("b").explanation == "Je gaf Bravo 3 uit 5 bij 1 ervaring."


def test_format_score_uses_a_decimal_comma():
    assert format_score(4.24) == "4,2"
    assert format_score(4.0) == "4"
    assert format_score(3.96) == "4"


def test_weighting_explanation_is_plain_dutch():
    assert "half zo zwaar" in WEIGHTING_EXPLANATION


# ------------------------------------------------------------------ timeline


def test_school_periods_follow_the_school_year():
    first = school_period(dt.date(2024, 8, 1))
    assert (first.school_year, first.number, first.start, first.end) == (
        "2024-2025",
        1,
        dt.date(2024, 8, 1),
        dt.date(2024, 10, 31),
    )
    assert school_period(dt.date(2025, 1, 31)).number == 2
    assert school_period(dt.date(2025, 7, 31)).label == "2024-2025 periode 4"
    assert school_period(dt.date(2024, 7, 31)).school_year == "2023-2024"


def test_timeline_points_and_period_means(small):
    experiences = [
        exp(0, affinity={"a": 5}, title="nu"),  # 1 March 2025: 2024-2025 p3
        exp(HALF_LIFE_DAYS, affinity={"a": 1}, title="toen"),  # 2 September 2024: p1
        exp(HALF_LIFE_DAYS, affinity={"a": 3}),
    ]
    result = compute(experiences, small)
    assert [p.label for p in result.periods] == ["2024-2025 periode 1", "2024-2025 periode 2", "2024-2025 periode 3"]
    (line,) = result.timeline
    # same day: canonical order (kind, then title), so the untitled one first
    assert [(p.date, p.score) for p in line.points] == [(days_ago(180), 3), (days_ago(180), 1), (TODAY, 5)]
    p1, p2, p3 = line.periods
    assert (p1.count, p1.mean, p1.cumulative) == (2, 2.0, 2.0)
    assert (p2.count, p2.mean, p2.cumulative) == (0, None, 2.0)
    assert (p3.count, p3.mean) == (1, 5.0)
    assert p3.cumulative == pytest.approx((1 * 0.5 + 3 * 0.5 + 5) / 2)
    assert p3.cumulative == pytest.approx(result.affinity_for("a").mean)


# ------------------------------------------------------------------ profiles


def test_profile_score_is_the_mean_of_its_scored_domains(small):
    result = compute([exp(0, affinity={"a": 4, "b": 2})], small)
    scores = {p.profile: p for p in result.profiles}
    assert scores["vmbo-ab"].score == 3.0
    assert scores["vmbo-a"].score == 4.0
    assert scores["havo-cd"].score is None
    assert [p.profile for p in result.profiles] == ["vmbo-a", "vmbo-ab", "havo-cd"]
    assert scores["vmbo-ab"].explanation == (
        "Dit profiel gaat over Alfa en Bravo. Je gaf Alfa 4 en Bravo 2; samen gemiddeld 3."
    )


def test_profiles_with_equal_scores_prefer_more_scored_domains(taxonomy):
    result = compute([exp(0, affinity={"zorg-en-welzijn": 5, "sport": 5})], taxonomy)
    assert [p.profile for p in result.profiles[:4]] == ["vmbo-zorg-welzijn", "havo-ng", "vmbo-hbr", "vmbo-dp"]


def test_profile_explanation_names_domains_without_score(small):
    result = compute([exp(0, affinity={"c": 5})], small)
    cd = next(p for p in result.profiles if p.profile == "havo-cd")
    assert (cd.score, cd.scored_domains) == (5.0, ("c",))
    assert "Voor Delta heb je nog geen score." in cd.explanation


def test_profile_kind_limits_profiles(small):
    result = compute([exp(0, affinity={"c": 5})], small, profile_kind=VMBO_PROFILE)
    assert {p.kind for p in result.profiles} == {VMBO_PROFILE}


def test_real_taxonomy_profile_mapping(taxonomy):
    result = compute([exp(0, affinity={"zorg-en-welzijn": 5, "sport": 4})], taxonomy)
    top = result.profiles[0]
    assert top.profile == "vmbo-zorg-welzijn"  # ties havo-ng (4.5, two domains): taxonomy order
    assert top.score == 4.5
    assert set(top.scored_domains) == {"zorg-en-welzijn", "sport"}


# ------------------------------------------------- study fields, words, unexplored


def test_study_fields_only_for_domains_that_appeal(taxonomy):
    result = compute([exp(0, affinity={"zorg-en-welzijn": 5, "techniek": 2})], taxonomy)
    assert [m.domain for m in result.study_fields] == ["zorg-en-welzijn"]
    assert "Gezondheidszorg" in result.study_fields[0].hbo
    assert "Gezondheidszorg" in result.study_fields[0].explanation


def test_recurring_qualities_and_motives(small):
    result = compute(
        [
            exp(300, qualities=["samenwerken", "precies"], motives=["helpen"]),
            exp(200, qualities=["Samenwerken ", "creatief"], motives=["geld"]),
            exp(100, qualities=["doorzetten", "samenwerken", "SAMENWERKEN"]),
        ],
        small,
    )
    assert [(q.label, q.count) for q in result.qualities] == [
        ("samenwerken", 3),
        ("doorzetten", 1),
        ("creatief", 1),
        ("precies", 1),
    ]
    assert [m.label for m in result.motives] == ["geld", "helpen"]  # tie: most recent first


def test_unexplored_domains(small):
    result = compute([exp(0, affinity={"b": 3}), exp(0, sectors=["d"])], small)
    assert [d.slug for d in result.unexplored] == ["a", "c"]
    assert result.unexplored[0].name == "Alfa"


# --------------------------------------------------------------- suggestions


def rules(result):
    return {(s.rule, s.domain) for s in result.suggestions}


def test_related_rule_suggests_unexplored_domain_in_a_profile_with_a_high_affinity(taxonomy):
    result = compute(
        [exp(10, kind="project", affinity={"techniek": 5}), exp(20, kind="gastles", sectors=["techniek"])], taxonomy
    )
    related = [s for s in result.suggestions if s.rule == RELATED]
    assert related
    for s in related:
        assert s.kind == "bedrijfsbezoek"
        assert "nog niet van dichtbij gezien" in s.text
        assert "Techniek" in s.reason and "5 uit 5" in s.reason
        assert any("techniek" in p.domains and s.domain in p.domains for p in taxonomy.profiles.values())


def test_related_rule_not_triggered_by_a_low_affinity(taxonomy):
    result = compute([exp(10, affinity={"techniek": 2}), exp(20, kind="gastles", sectors=["techniek"])], taxonomy)
    assert not [s for s in result.suggestions if s.rule == RELATED]


def test_deepen_rule_for_high_affinity_known_through_one_kind(small):
    result = compute([exp(10, kind="gastles", affinity={"c": 5}), exp(40, kind="gastles", affinity={"c": 4})], small)
    (deepen,) = [s for s in result.suggestions if s.rule == DEEPEN]
    assert (deepen.domain, deepen.kind) == ("c", "beroepsgesprek")
    assert "alleen van 2 gastlessen" in deepen.reason


def test_deepen_after_a_beroepsgesprek_suggests_a_meeloopdag(small):
    result = compute([exp(10, kind="beroepsgesprek", affinity={"c": 5})], small)
    assert [(s.rule, s.kind) for s in result.suggestions if s.domain == "c"] == [(DEEPEN, "meeloopdag")]


@pytest.mark.parametrize(
    "experiences",
    [
        [exp(10, kind="gastles", affinity={"c": 5}), exp(20, kind="meeloopdag", sectors=["c"])],  # two kinds
        [exp(10, kind="gastles", affinity={"c": 3})],  # not high
    ],
)
def test_deepen_rule_not_triggered_otherwise(small, experiences):
    assert not [s for s in compute(experiences, small).suggestions if s.rule == DEEPEN]


def test_refresh_rule_for_an_old_high_affinity(small):
    result = compute([exp(400, kind="gastles", affinity={"c": 5})], small)
    (refresh,) = [s for s in result.suggestions if s.domain == "c"]
    assert (refresh.rule, refresh.kind) == (REFRESH, "beroepsgesprek")
    assert "Check of dit nog klopt" in refresh.text
    assert "26 januari 2024" in refresh.reason and "5 uit 5" in refresh.reason


def test_refresh_rule_not_triggered_within_a_year(small):
    result = compute([exp(365, kind="gastles", affinity={"c": 5})], small)
    assert [s.rule for s in result.suggestions if s.domain == "c"] == [DEEPEN]


def test_broaden_fills_up_without_repeating_a_domain(small):
    result = compute([exp(10, kind="gastles", affinity={"a": 5}), exp(20, kind="project", sectors=["a"])], small)
    assert [(s.rule, s.domain) for s in result.suggestions] == [(RELATED, "b"), (BROADEN, "c"), (BROADEN, "d")]
    assert result.suggestions[1].reason == "Charlie hoort bij 1 profiel waar je nog niets van hebt gezien."
    # Charlie already shows the only profile with Delta
    assert result.suggestions[2].reason == "Je hebt Delta nog niet bekeken. Zo weet je zeker dat je niets mist."


def test_new_student_gets_broad_suggestions(taxonomy):
    result = compute([], taxonomy)
    assert result.affinity == () and result.timeline == () and result.periods == ()
    assert [d.slug for d in result.unexplored] == list(taxonomy.domains)
    assert all(p.score is None for p in result.profiles)
    assert len(result.suggestions) == SUGGESTION_LIMIT
    assert {s.rule for s in result.suggestions} == {BROADEN}
    assert len({s.domain for s in result.suggestions}) == SUGGESTION_LIMIT
    first = result.suggestions[0]
    assert (first.domain, first.kind) == ("techniek", "gastles")  # opens the most profiles (6)
    assert first.reason == "Techniek hoort bij 6 profielen waar je nog niets van hebt gezien."


def test_suggestions_are_limited_explained_and_mix_the_rules(taxonomy):
    experiences = [
        exp(10, kind="gastles", affinity={"techniek": 5}),  # deepen
        exp(500, kind="project", affinity={"zorg-en-welzijn": 5}),  # refresh
        exp(20, kind="project", affinity={"economie": 2}),
    ]
    result = compute(experiences, taxonomy)
    assert len(result.suggestions) == SUGGESTION_LIMIT
    assert [s.rule for s in result.suggestions[:3]] == [RELATED, DEEPEN, REFRESH]
    assert all(s.text and s.reason for s in result.suggestions)
    assert len({s.domain for s in result.suggestions}) == len(result.suggestions)


# ------------------------------------------------------- determinism and speed


def many_experiences(n, taxonomy, seed=7):
    rng = random.Random(seed)
    domains = list(taxonomy.domains)
    out = []
    for i in range(n):
        touched = rng.sample(domains, 2)
        out.append(
            exp(
                rng.randrange(0, 6 * 365),
                kind=rng.choice(["project", "gastles", "bedrijfsbezoek", "beroepsgesprek", "meeloopdag"]),
                affinity={touched[0]: rng.randint(1, 5)},
                sectors=touched,
                qualities=rng.sample(["samenwerken", "precies", "creatief", "doorzetten", "plannen"], 2),
                motives=rng.sample(["helpen", "geld", "buiten", "maken"], 1),
                title=f"ervaring {i}",
            )
        )
    return out


def test_result_does_not_depend_on_input_order(taxonomy):
    experiences = many_experiences(60, taxonomy)
    shuffled = experiences[:]
    random.Random(1).shuffle(shuffled)
    assert compute(experiences, taxonomy) == compute(shuffled, taxonomy)
    assert compute(experiences, taxonomy) != compute(experiences[:-5], taxonomy)
