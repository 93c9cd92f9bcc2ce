"""Aggregating questionnaire answers without identifying anyone.

The rules (documented here and in the results page's footnote):

* ``MIN_RESPONDENTS = 5``: a group of answers (one question of one
  questionnaire of one school) is shown only when at least five people
  answered it. Below that, neither the mean, the distribution, nor the exact
  number is shown ("fewer than 5").
* Open answers are shown only when at least five people wrote one; they are
  listed in alphabetical order, without dates, so their order reveals nothing.
* Pooled figures (the network, all schools together) include only groups
  that meet the minimum on their own, so a suppressed school cannot be
  recovered by subtracting the other totals from the pooled one. A pooled
  figure needs ``MIN_GROUPS = 3`` such groups, so a school that subtracts its
  own figure still only sees the combined answers of at least two others.
* Results are shown only once a questionnaire is closed: comparing the page
  before and after one more answer would otherwise reveal that answer.

This module is pure: it takes lists of scores and texts and returns
summaries; ``community/results.py`` feeds it from the database."""

from dataclasses import dataclass

MIN_RESPONDENTS = 5
MIN_GROUPS = 3
SCALE = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Summary:
    suppressed: bool
    n: int | None = None
    mean: float | None = None
    distribution: tuple | None = None  # count per scale point 1..5
    groups: int | None = None  # pooled summaries: how many groups it holds

    @property
    def mean_text(self) -> str:
        return "–" if self.mean is None else f"{self.mean:.1f}".replace(".", ",")


SUPPRESSED = Summary(suppressed=True)


def summarise(scores) -> Summary:
    """Mean and distribution of one group of 1..5 scores, or suppressed."""
    scores = [s for s in scores if s in SCALE]
    if len(scores) < MIN_RESPONDENTS:
        return SUPPRESSED
    return Summary(
        suppressed=False,
        n=len(scores),
        mean=round(sum(scores) / len(scores), 2),
        distribution=tuple(scores.count(point) for point in SCALE),
    )


def pooled(groups) -> Summary:
    """One summary over several groups (schools): only groups that meet the
    minimum themselves count, and at least ``MIN_GROUPS`` of them."""
    kept = [[s for s in g if s in SCALE] for g in groups]
    kept = [g for g in kept if len(g) >= MIN_RESPONDENTS]
    if len(kept) < MIN_GROUPS:
        return SUPPRESSED
    summary = summarise([s for g in kept for s in g])
    return Summary(
        suppressed=False, n=summary.n, mean=summary.mean, distribution=summary.distribution, groups=len(kept)
    )


def open_answers(texts) -> list[str]:
    """The written answers, when at least ``MIN_RESPONDENTS`` people wrote one."""
    texts = [t.strip() for t in texts if t and t.strip()]
    if len(texts) < MIN_RESPONDENTS:
        return []
    return sorted(texts, key=str.lower)
