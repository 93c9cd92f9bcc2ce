"""Questionnaire aggregation never identifies a person: groups below the
minimum are suppressed, pooled figures leave them out (so subtracting two
totals reveals nothing), results appear only once a questionnaire closes."""

import pytest

from community import aggregation
from community.aggregation import MIN_GROUPS, MIN_RESPONDENTS, open_answers, pooled, summarise


def test_the_documented_minimums():
    assert MIN_RESPONDENTS == 5
    assert MIN_GROUPS == 3


def test_a_group_below_the_minimum_is_suppressed_without_its_size():
    summary = summarise([5, 4, 4, 2])
    assert summary.suppressed
    assert summary.n is None and summary.mean is None and summary.distribution is None


def test_a_group_at_the_minimum_is_shown():
    summary = summarise([5, 4, 4, 2, 1])
    assert not summary.suppressed
    assert summary.n == 5
    assert summary.mean == 3.2
    assert summary.distribution == (1, 1, 0, 2, 1)
    assert summary.mean_text == "3,2"


def test_values_outside_the_scale_do_not_count():
    assert summarise([1, 2, 3, 4, 9, 0]).suppressed


def test_pooled_needs_enough_groups_that_each_meet_the_minimum():
    big = [4] * 5
    assert pooled([big, big]).suppressed
    result = pooled([big, big, [2] * 6])
    assert not result.suppressed and result.groups == 3 and result.n == 16


@pytest.mark.parametrize("small", [[1], [1, 1, 1, 1], [5, 5, 5, 5]])
def test_subtracting_two_totals_reveals_nothing_about_a_small_group(small):
    """The network figure with and without a small school is the same: the
    small school's answers are not in it, so no difference can be taken."""
    others = [[4, 4, 3, 5, 4], [2, 3, 3, 4, 4, 5], [5, 5, 4, 4, 3]]
    with_small = pooled(others + [small])
    without = pooled(others)
    assert with_small == without
    assert with_small.n == sum(len(g) for g in others)


def test_a_school_subtracting_itself_still_sees_at_least_two_others():
    own = [3] * 5
    assert pooled([own, [4] * 5]).suppressed  # only one other: hidden
    assert not pooled([own, [4] * 5, [5] * 5]).suppressed


def test_open_answers_only_from_five_writers_and_in_neutral_order():
    assert open_answers(["a", "b", "c", "d"]) == []
    assert open_answers(["Teams", " ", "", "b", "a", "d"]) == []  # blanks do not count
    assert open_answers(["e", "B", "a", "d", "c"]) == ["a", "B", "c", "d", "e"]


def test_module_documents_the_rules():
    assert "MIN_RESPONDENTS = 5" in aggregation.__doc__ or "five" in aggregation.__doc__
