"""Read-model of the quality cycle's results: per closed questionnaire, per
question, this year's summary, the school's earlier years and the network,
through the suppression rules of ``community/aggregation.py``."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from community import aggregation, charts
from community.models import QualityCycle, Questionnaire, QuestionnaireItem, ResponseAnswer

CLOSED = Questionnaire.Status.CLOSED


@dataclass
class QuestionnaireResult:
    questionnaire: Questionnaire
    rows: list = field(default_factory=list)
    open_items: list = field(default_factory=list)
    series: list = field(default_factory=list)
    chart: dict | None = None


def _scores(questionnaire_ids):
    """{questionnaire_id: {key: [scores]}} in one query."""
    out = defaultdict(lambda: defaultdict(list))
    rows = ResponseAnswer.objects.filter(item__questionnaire_id__in=questionnaire_ids, score__isnull=False).values_list(
        "item__questionnaire_id", "item__key", "score"
    )
    for qid, key, score in rows:
        out[qid][key].append(score)
    return out


def cycle_results(cycle: QualityCycle, *, years=2) -> list[QuestionnaireResult]:
    mine = list(cycle.questionnaires.filter(status=CLOSED).prefetch_related("items"))
    if not mine:
        return []
    audiences = [q.audience for q in mine]
    earlier = list(
        Questionnaire.objects.filter(
            cycle__school_id=cycle.school_id,
            cycle__school_year__start_date__lt=cycle.school_year.start_date,
            audience__in=audiences,
            status=CLOSED,
        )
        .select_related("cycle__school_year")
        .order_by("-cycle__school_year__start_date")
    )
    network = list(
        Questionnaire.objects.filter(
            cycle__school__network_id=cycle.school.network_id,
            cycle__school_year_id=cycle.school_year_id,
            audience__in=audiences,
            status=CLOSED,
        ).values_list("pk", "audience")
    )
    scores = _scores([q.pk for q in mine] + [q.pk for q in earlier] + [pk for pk, _a in network])
    texts = defaultdict(list)
    for item_id, text in ResponseAnswer.objects.filter(
        item__questionnaire__in=mine, item__kind=QuestionnaireItem.Kind.OPEN
    ).values_list("item_id", "text"):
        texts[item_id].append(text)

    results = []
    for questionnaire in mine:
        past = [q for q in earlier if q.audience == questionnaire.audience][:years]
        network_ids = [pk for pk, audience in network if audience == questionnaire.audience]
        result = QuestionnaireResult(questionnaire=questionnaire)
        result.series = [str(cycle.school_year)] + [str(q.cycle.school_year) for q in past] + [_("network")]
        for item in questionnaire.items.all():
            if item.kind == QuestionnaireItem.Kind.OPEN:
                result.open_items.append({"item": item, "answers": aggregation.open_answers(texts[item.pk])})
                continue
            values = [aggregation.summarise(scores[questionnaire.pk][item.key])]
            values += [aggregation.summarise(scores[q.pk][item.key]) for q in past]
            values.append(aggregation.pooled([scores[pk][item.key] for pk in network_ids]))
            result.rows.append({"label": item.text, "values": values})
        result.chart = charts.bar_chart(result.rows, result.series) if result.rows else None
        results.append(result)
    return results
