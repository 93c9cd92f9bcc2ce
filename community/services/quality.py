"""The appreciative-inquiry quality cycle, guided step by step:
Discover (questionnaires) → Dream → Design (improvements) → Deliver (actions)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from community import access
from community.models import (
    CycleAction,
    Improvement,
    QualityCycle,
    Questionnaire,
    QuestionnaireItem,
    Receipt,
    Response,
    ResponseAnswer,
)
from community.models.meetings import ActionStatus
from community.notifications import tell

A = Questionnaire.Audience
LIKERT, OPEN = QuestionnaireItem.Kind.LIKERT, QuestionnaireItem.Kind.OPEN
Step = QualityCycle.Step
ORDER = [Step.DISCOVER, Step.DREAM, Step.DESIGN, Step.DELIVER, Step.DONE]

# The standard questionnaires: the same keys every year and at every school,
# so results compare over years and with the network.
STANDARD = {
    A.TEACHERS: (
        gettext_lazy("What works well: teachers"),
        [
            ("projects", LIKERT, gettext_lazy("The TechMakers projects work well in my lessons.")),
            ("partners", LIKERT, gettext_lazy("Working with partners from practice goes well.")),
            ("team", LIKERT, gettext_lazy("Within our team we work well together on TechMakers.")),
            ("direction", LIKERT, gettext_lazy("I see students grow in their sense of direction.")),
            ("best", OPEN, gettext_lazy("What works best in TechMakers at our school?")),
            ("dream", OPEN, gettext_lazy("What would TechMakers at our school look like at its very best?")),
        ],
    ),
    A.STUDENTS: (
        gettext_lazy("What works well: students"),
        [
            ("projects", LIKERT, gettext_lazy("I like working on assignments from real clients.")),
            ("direction", LIKERT, gettext_lazy("In TechMakers I find out what kind of work suits me.")),
            ("team", LIKERT, gettext_lazy("Our team works well together.")),
            ("coach", LIKERT, gettext_lazy("My teacher helps me when I get stuck.")),
            ("best", OPEN, gettext_lazy("What do you like best about TechMakers?")),
            ("dream", OPEN, gettext_lazy("What would make TechMakers even better?")),
        ],
    ),
    A.PARTNERS: (
        gettext_lazy("What works well: partners"),
        [
            ("cooperation", LIKERT, gettext_lazy("Working with this school goes well.")),
            ("students", LIKERT, gettext_lazy("The students take our assignment seriously.")),
            ("value", LIKERT, gettext_lazy("Our organisation gets value from taking part.")),
            ("best", OPEN, gettext_lazy("What works best in the cooperation?")),
            ("dream", OPEN, gettext_lazy("What could we do together in the future?")),
        ],
    ),
}


@transaction.atomic
def start_cycle(user, *, school, school_year, now=None) -> QualityCycle:
    now = now or timezone.now()
    if QualityCycle.objects.filter(school=school, school_year=school_year).exists():
        raise ValidationError(_("This school already runs a quality cycle in %(year)s.") % {"year": school_year})
    cycle = QualityCycle.objects.create(school=school, school_year=school_year, started_at=now, updated_at=now)
    for audience, (title, items) in STANDARD.items():
        questionnaire = Questionnaire.objects.create(cycle=cycle, audience=audience, title=str(title))
        QuestionnaireItem.objects.bulk_create(
            QuestionnaireItem(questionnaire=questionnaire, position=i, key=key, kind=kind, text=str(text))
            for i, (key, kind, text) in enumerate(items, start=1)
        )
    return cycle


@transaction.atomic
def open_questionnaire(user, questionnaire, *, now=None) -> Questionnaire:
    if questionnaire.status != Questionnaire.Status.DRAFT:
        raise ValidationError(_("Only a questionnaire that has not been opened yet can be opened."))
    questionnaire.status, questionnaire.opened_at = Questionnaire.Status.OPEN, now or timezone.now()
    questionnaire.save(update_fields=["status", "opened_at"])
    tell(
        access.questionnaire_opened_recipients(questionnaire),
        "questionnaire_opened",
        {"title": questionnaire.title},
        reverse("community:answer", args=[questionnaire.token]),
        actor=user,
        now=now,
    )
    return questionnaire


@transaction.atomic
def close_questionnaire(user, questionnaire, *, now=None) -> Questionnaire:
    """Closing is final: results appear only now, and never change again."""
    if questionnaire.status != Questionnaire.Status.OPEN:
        raise ValidationError(_("Only an open questionnaire can be closed."))
    questionnaire.status, questionnaire.closed_at = Questionnaire.Status.CLOSED, now or timezone.now()
    questionnaire.save(update_fields=["status", "closed_at"])
    return questionnaire


@transaction.atomic
def submit_response(user, questionnaire, *, scores: dict, texts: dict, today=None) -> Response:
    """Store one anonymous response. ``scores`` maps item ids to 1-5 (or
    None), ``texts`` item ids to text. A logged-in respondent gets a receipt
    (answered: yes), never linked to the answers."""
    today = today or timezone.localdate()
    locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if locked.status != Questionnaire.Status.OPEN:
        raise ValidationError(_("This questionnaire is closed."))
    items = {item.pk: item for item in locked.items.all()}
    answers = []
    for item_id, item in items.items():
        if item.kind == LIKERT and scores.get(item_id) is not None:
            score = int(scores[item_id])
            if score not in range(1, 6):
                raise ValidationError(_("Choose a value from 1 to 5."))
            answers.append(ResponseAnswer(item=item, score=score))
        elif item.kind == OPEN and (texts.get(item_id) or "").strip():
            answers.append(ResponseAnswer(item=item, text=texts[item_id].strip()[:2000]))
    if not answers:
        raise ValidationError(_("Answer at least one question."))
    if user is not None and user.is_authenticated:
        try:
            with transaction.atomic():
                Receipt.objects.create(questionnaire=locked, user=user)
        except IntegrityError as exc:
            raise ValidationError(_("You have already answered this questionnaire. Thank you!")) from exc
    response = Response.objects.create(questionnaire=locked, day=today)
    for answer in answers:
        answer.response = response
    ResponseAnswer.objects.bulk_create(answers)
    Questionnaire.objects.filter(pk=locked.pk).update(response_count=F("response_count") + 1)
    return response


def _touch(cycle, now):
    cycle.updated_at = now or timezone.now()


@transaction.atomic
def save_reflection(user, cycle, *, strengths, dream, now=None) -> QualityCycle:
    cycle.strengths, cycle.dream = strengths, dream
    _touch(cycle, now)
    cycle.save(update_fields=["strengths", "dream", "updated_at"])
    return cycle


@transaction.atomic
def add_improvement(user, cycle, *, title, description="", now=None) -> Improvement:
    return Improvement.objects.create(
        cycle=cycle, title=title, description=description, created_at=now or timezone.now()
    )


@transaction.atomic
def add_cycle_action(user, cycle, *, title, owner, due_date, improvement=None, now=None) -> CycleAction:
    if improvement is not None and improvement.cycle_id != cycle.pk:
        raise ValidationError({"improvement": _("Choose an improvement of this cycle.")})
    return CycleAction.objects.create(
        cycle=cycle,
        improvement=improvement,
        title=title,
        owner=owner,
        due_date=due_date,
        updated_at=now or timezone.now(),
    )


@transaction.atomic
def update_cycle_action(user, action, *, status, follow_up="", now=None) -> CycleAction:
    action.status, action.follow_up, action.updated_at = status, follow_up, now or timezone.now()
    action.save(update_fields=["status", "follow_up", "updated_at"])
    return action


def next_step_blockers(cycle) -> list[str]:
    """What must happen before the cycle can move on (empty: it may)."""
    if cycle.step == Step.DISCOVER:
        if not cycle.questionnaires.filter(status=Questionnaire.Status.CLOSED).exists():
            return [_("Close at least one questionnaire to see what works well.")]
    elif cycle.step == Step.DREAM:
        if not cycle.dream.strip():
            return [_("Write down what could be: the dream of your team.")]
    elif cycle.step == Step.DESIGN:
        if not cycle.improvements.exists():
            return [_("Agree on at least one improvement.")]
    elif cycle.step == Step.DELIVER:
        if not cycle.actions.exists():
            return [_("Plan at least one action with an owner.")]
        if cycle.actions.exclude(status=ActionStatus.DONE).exists():
            return [_("Follow up every action until it is done.")]
    elif cycle.step == Step.DONE:
        return [_("This cycle is completed.")]
    return []


@transaction.atomic
def advance(user, cycle, *, now=None) -> QualityCycle:
    cycle = QualityCycle.objects.select_for_update().get(pk=cycle.pk)
    blockers = next_step_blockers(cycle)
    if blockers:
        raise ValidationError(blockers)
    cycle.step = ORDER[ORDER.index(cycle.step) + 1]
    _touch(cycle, now)
    cycle.save(update_fields=["step", "updated_at"])
    return cycle
