"""Grades from rubric assessments: one computation, one rounding rule, so a
grade reads the same on every page and in every export.

* A rubric level maps onto the Dutch 1-10 scale: the lowest level is a 4, the
  highest a 10, linearly in between (four levels give 4, 6, 8, 10).
* An assessment's grade is the mean level over the criteria of its kind:
  the team's product (coach or client) over the product criteria, the coach's
  assessment of one student's process over the process criteria, a
  self-assessment over every criterion it scores (product and process). The
  criteria follow from the assessment itself (``assessment_criteria``), never
  from the page showing it.
* Several assessors of the same kind (two coaches): the mean of their
  unrounded grades.
* Rounding happens once, at the end: half up to one decimal
  (``round_grade``; 6,85 → 6,9, 6,84 → 6,8).
* The suggested final result is the mean of the suggested product and
  process grades as shown (already rounded), rounded by the same rule, so a
  teacher can check it by hand.

Pure: no database, no clock; tests in ``projects/tests/test_grades.py``."""

from decimal import ROUND_HALF_UP, Decimal

ONE_DECIMAL = Decimal("0.1")


def round_grade(value: Decimal | None) -> Decimal | None:
    """The one rounding rule: half up to one decimal."""
    if value is None:
        return None
    return Decimal(value).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def unrounded_grade(scores: dict, criteria_indexes, num_levels: int) -> Decimal | None:
    """The exact 1-10 grade of the levels chosen on ``criteria_indexes``
    (``scores`` maps the criterion index, as a string, to the level index);
    None when none of them is scored."""
    values = [int(scores[str(i)]) for i in criteria_indexes if str(i) in scores]
    if not values:
        return None
    if num_levels <= 1:
        return Decimal(10)
    return Decimal(4) + Decimal(6) * Decimal(sum(values)) / (Decimal(len(values)) * Decimal(num_levels - 1))


def assessment_criteria(*, role: str, has_subject: bool, parts: dict) -> list[int]:
    """The criteria an assessment is graded on (``parts`` from
    ``services.rubric_parts``): a self-assessment on all, a product
    assessment on the product criteria, a process assessment on the process ones."""
    if role == "zelf":
        return sorted(parts["product"] + parts["process"])
    return parts["process"] if has_subject else parts["product"]


def _unrounded(assessment, parts) -> Decimal | None:
    indexes = assessment_criteria(role=assessment.role, has_subject=assessment.subject_id is not None, parts=parts)
    return unrounded_grade(assessment.scores or {}, indexes, len(parts["levels"]))


def assessment_grade(assessment, parts) -> Decimal | None:
    """The grade of one assessment, as every page and export shows it."""
    return round_grade(_unrounded(assessment, parts))


def mean_grade(assessments, parts) -> Decimal | None:
    """The grade of several assessments of the same kind: the mean of their
    unrounded grades, rounded once."""
    values = [v for v in (_unrounded(a, parts) for a in assessments) if v is not None]
    if not values:
        return None
    return round_grade(sum(values) / len(values))


def suggested_final(product: Decimal | None, process: Decimal | None) -> Decimal | None:
    """The mean of the shown product and process grades, rounded by the same rule."""
    if product is None or process is None:
        return None
    return round_grade((product + process) / 2)
