"""Domain functions of the portfolio: every write goes through here.

Each takes plain values and the acting user, asks ``portfolio.access`` the
one rule that matters for the write (views already loaded the objects
through the same module) and runs in a transaction. Background work (the
transfer dossier's PDF) is enqueued on commit; the portfolio sends no mail.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from organisation.models import Sector
from portfolio import access
from portfolio.choices import MOTIVE_LABELS, QUALITY_LABELS, Kind
from portfolio.dossier import make_transfer_dossier
from portfolio.models import (
    CareerConversation,
    CoachNote,
    Experience,
    QualityEndorsement,
    Reflection,
    SectorAffinity,
    TransferDetails,
    TransferDossier,
)

MAX_ENDORSEMENTS = 3
REFLECTION_TEXT_FIELDS = [
    "goals",
    "expectations",
    "questions",
    "during",
    "what_happened",
    "about_me",
    "evaluation",
    "follow_up",
    "kwaliteiten",
    "motieven",
    "werkexploratie",
    "loopbaansturing",
    "netwerken",
]


def domains_for(sector_slugs) -> list[Sector]:
    """The professional domains behind a list of sector slugs: domains as
    they are, profiles expanded to the domains they open; unknown slugs are
    ignored."""
    slugs = set(sector_slugs or [])
    if not slugs:
        return []
    return list(
        Sector.objects.filter(kind=Sector.Kind.DOMAIN)
        .filter(Q(slug__in=slugs) | Q(profiles__slug__in=slugs))
        .distinct()
        .order_by("order")
    )


def _group_key(kind, title, date, details):
    for key in ("team_id", "booking_id", "group_key"):
        if details.get(key):
            return f"{key}:{details[key]}"[:120]
    return f"{kind}|{date.isoformat()}|{title}"[:120]


@transaction.atomic
def record_experience(
    *, student, source_key, kind, title, date, sector_slugs=(), partner_id=None, details=None, reflected_at=None
) -> Experience:
    """Record an experience that happened elsewhere on the platform (a
    finished project, an attended visit). Idempotent by (student, source_key):
    sending again updates the facts and keeps the student's reflection.
    ``reflected_at``: the student already looked back on it there (the
    team's closing reflection in a project): it counts as reflected, and the
    portfolio does not ask again."""
    if kind not in Kind.values:
        raise ValueError(f"unknown experience kind {kind!r}")
    if not source_key:
        raise ValueError("source_key is required")
    details = dict(details or {})
    experience, created = Experience.objects.update_or_create(
        student=student,
        source_key=source_key,
        defaults={
            "kind": kind,
            "title": str(title)[:200],
            "date": date,
            "partner_id": partner_id,
            "place": str(details.get("partner") or details.get("client") or "")[:200],
            "details": details,
            "group_key": _group_key(kind, title, date, details),
        },
    )
    experience.sectors.set(domains_for(sector_slugs))
    if created:
        Reflection.objects.create(experience=experience)
    if reflected_at is not None and experience.reflected_at is None:
        experience.reflected_at = reflected_at
        experience.save(update_fields=["reflected_at", "updated_at"])
    return experience


@transaction.atomic
def add_experience(user, *, kind, title, date, place="", sectors=()) -> Experience:
    """A student adds an experience of their own (an open day, a taster day,
    an internship, an own initiative, ...)."""
    access.require(access.is_student(user))
    experience = Experience.objects.create(
        student=user,
        kind=kind,
        title=title,
        date=date,
        place=place,
        created_by=user,
        group_key=_group_key(kind, title, date, {}),
    )
    experience.sectors.set(sectors)
    Reflection.objects.create(experience=experience)
    return experience


@transaction.atomic
def update_experience(user, experience, *, kind, title, date, place="", sectors=()) -> Experience:
    access.require(access.may_change_facts(user, experience))
    experience.kind, experience.title, experience.date, experience.place = kind, title, date, place
    experience.save(update_fields=["kind", "title", "date", "place", "updated_at"])
    experience.sectors.set(sectors)
    # A score for a sector that is no longer touched would linger in the richtingsgevoel.
    SectorAffinity.objects.filter(experience=experience).exclude(sector__in=list(sectors)).delete()
    return experience


@transaction.atomic
def delete_experience(user, experience) -> None:
    access.require(access.may_change_facts(user, experience))
    experience.delete()


@transaction.atomic
def save_reflection_draft(user, experience, data: dict, *, now=None) -> Reflection:
    """Keep what the student typed, without validation (autosave). ``data``
    holds only the form's fields (``forms.draft_from_post``); it is merged
    into the draft, so a draft covers every step not saved yet."""
    access.require(access.is_own(user, experience))
    reflection = Reflection.objects.select_for_update().get(experience=experience)
    reflection.draft = {**(reflection.draft or {}), **data}
    reflection.draft_saved_at = now or timezone.now()
    reflection.save(update_fields=["draft", "draft_saved_at", "updated_at"])
    return reflection


def _replace_affinities(experience, affinities):
    SectorAffinity.objects.filter(experience=experience).delete()
    SectorAffinity.objects.bulk_create(
        [
            SectorAffinity(experience=experience, student_id=experience.student_id, sector=sector, score=score)
            for sector, score in affinities.items()
            if score
        ]
    )


def _mark_parts(experience, reflection, *, now, today) -> None:
    """Each part counts as done once what it needs is there: "before" the
    student's goal; "after" (only from the experience's day) what happened
    and a score for every sector touched, or the team's closing reflection.
    The first time a part is done is kept."""
    changed = []
    if experience.prepared_at is None and reflection.goals.strip():
        experience.prepared_at = now
        changed.append("prepared_at")
    if experience.reflected_at is None and experience.date <= today:
        scored = set(SectorAffinity.objects.filter(experience=experience).values_list("sector_id", flat=True))
        touched = set(experience.sectors.values_list("pk", flat=True))
        looked_back = bool(reflection.what_happened.strip()) and touched <= scored
        if looked_back or experience.team_reflection is not None:
            experience.reflected_at = now
            changed.append("reflected_at")
    # Every portfolio write saves the experience (the caches key on its updated_at).
    experience.save(update_fields=[*changed, "updated_at"])


@transaction.atomic
def save_reflection_step(
    user, experience, step, *, values: dict, affinities=None, answers=None, now=None, today=None
) -> Reflection:
    """Save one step of the reflection (``portfolio.steps``) on its own:
    its texts and choices (``values``), the sector scores (``affinities``:
    Sector -> score) or the answers to the interview questions when the step
    has them. What the draft held for this step is now saved, so it leaves
    the draft; the part is marked done when it is complete."""
    access.require(access.is_own(user, experience))
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    reflection = Reflection.objects.select_for_update().get(experience=experience)
    fields = []
    for name, value in values.items():
        if name in REFLECTION_TEXT_FIELDS:
            setattr(reflection, name, (value or "").strip())
        elif name == "qualities":
            reflection.qualities = [q for q in value if q in QUALITY_LABELS]
        elif name == "motives":
            reflection.motives = [m for m in value if m in MOTIVE_LABELS]
        else:
            continue
        fields.append(name)
    if answers is not None:
        questions = reflection.question_list
        reflection.interview_answers = {q: a.strip() for q, a in answers.items() if q in questions and a.strip()}
        fields.append("interview_answers")
    reflection.draft = {
        k: v for k, v in (reflection.draft or {}).items() if k not in values and not _step_key(k, affinities, answers)
    }
    if not reflection.draft:
        reflection.draft_saved_at = None
    reflection.saved_steps = [*[s for s in reflection.saved_steps if s != step.slug], step.slug]
    reflection.submitted_at = now
    reflection.save(update_fields=[*fields, "draft", "draft_saved_at", "saved_steps", "submitted_at", "updated_at"])
    if affinities is not None:
        _replace_affinities(experience, affinities)
    _mark_parts(experience, reflection, now=now, today=today)
    return reflection


def _step_key(key, affinities, answers) -> bool:
    """A draft key the step just saved: a sector score or an interview answer."""
    if affinities is not None and key.startswith("affinity_"):
        return True
    return answers is not None and key.startswith("answer_")


@transaction.atomic
def submit_reflection(
    user, experience, *, texts: dict, qualities, motives, affinities: dict, answers=None, at=None, today=None
):
    """Hand in the whole reflection at once (imports and demo data): texts,
    chosen qualities and motives, the answers to the interview questions and
    a 1-5 score per sector touched (``affinities``: Sector -> score). Clears
    the draft. ``at`` backdates the hand-in; default now. Which parts count
    as done follows the experience's date (``_mark_parts``): "before" alone
    never marks an experience still to come as reflected."""
    access.require(access.is_own(user, experience))
    reflection = Reflection.objects.select_for_update().get(experience=experience)
    for name in REFLECTION_TEXT_FIELDS:
        setattr(reflection, name, texts.get(name, "").strip())
    reflection.qualities = [q for q in qualities if q in QUALITY_LABELS]
    reflection.motives = [m for m in motives if m in MOTIVE_LABELS]
    questions = reflection.question_list
    reflection.interview_answers = {q: a.strip() for q, a in (answers or {}).items() if q in questions and a.strip()}
    now = at or timezone.now()
    reflection.draft = {}
    reflection.draft_saved_at = None
    reflection.submitted_at = now
    reflection.save(
        update_fields=[*REFLECTION_TEXT_FIELDS, "qualities", "motives", "interview_answers", "draft",
                       "draft_saved_at", "submitted_at", "updated_at"]
    )  # fmt: skip
    _replace_affinities(experience, affinities)
    _mark_parts(experience, reflection, now=now, today=today or timezone.localdate(now))
    return reflection


@transaction.atomic
def endorse_qualities(giver, student, qualities, *, experience=None) -> list[QualityEndorsement]:
    """A teammate (after a shared project) or a coach confirms or suggests up
    to three qualities they see in the student. Giving again replaces the
    giver's earlier choice for the same experience."""
    qualities = [q for q in dict.fromkeys(qualities) if q in QUALITY_LABELS][:MAX_ENDORSEMENTS]
    role = access.endorsement_role(giver, student, experience)
    access.require(role is not None)
    target = None
    if experience is not None:
        # A teammate's endorsement belongs to the student's own experience of that project.
        target = (
            experience
            if experience.student_id == student.pk
            else Experience.objects.filter(student=student, group_key=experience.group_key).first()
        )
    QualityEndorsement.objects.filter(student=student, given_by=giver, experience=target).delete()
    return QualityEndorsement.objects.bulk_create(
        [
            QualityEndorsement(student=student, given_by=giver, role=role, quality=q, experience=target)
            for q in qualities
        ]
    )


@transaction.atomic
def add_conversation(coach, student, *, date, shared, next_step, feedback="", experience=None):
    access.require(access.coaches(coach, student))
    if experience is not None and experience.student_id != student.pk:
        raise PermissionDenied
    return CareerConversation.objects.create(
        student=student,
        coach=coach,
        experience=experience,
        date=date,
        shared=shared,
        feedback=feedback,
        next_step=next_step,
    )


@transaction.atomic
def add_coach_note(coach, student, *, text) -> CoachNote:
    access.require(access.coaches(coach, student))
    return CoachNote.objects.create(student=student, author=coach, text=text)


def transfer_details_for(student, *, create=True) -> TransferDetails:
    """The student's transfer details; for reading (``create=False``) an
    unsaved empty row when there are none yet, so a GET writes nothing."""
    if not create:
        return TransferDetails.objects.filter(student=student).select_related("mentor").first() or TransferDetails(
            student=student
        )
    details, _ = TransferDetails.objects.get_or_create(student=student)
    return details


@transaction.atomic
def save_transfer_details(user, *, chosen_study, motivation, experience_ids, consent, now=None) -> TransferDetails:
    """The student part of the transfer dossier and the consent for the mentor part."""
    access.require(access.is_student(user))
    details = transfer_details_for(user)
    own = set(Experience.objects.filter(student=user, pk__in=experience_ids).values_list("pk", flat=True))
    details.chosen_study = chosen_study
    details.motivation = motivation
    details.experience_ids = [pk for pk in experience_ids if pk in own]
    if consent != details.consent:
        details.consent = consent
        details.consent_at = (now or timezone.now()) if consent else None
    details.save(update_fields=["chosen_study", "motivation", "experience_ids", "consent", "consent_at", "updated_at"])
    return details


@transaction.atomic
def save_mentor_advice(coach, student, *, advice, now=None) -> TransferDetails:
    access.require(access.coaches(coach, student))
    details = transfer_details_for(student)
    details.mentor_advice = advice
    details.mentor = coach
    details.advice_updated_at = now or timezone.now()
    details.save(update_fields=["mentor_advice", "mentor", "advice_updated_at", "updated_at"])
    return details


@transaction.atomic
def request_transfer_dossier(user, student) -> TransferDossier:
    """A new PDF of the transfer dossier, made in the background once the
    request is committed (``portfolio.dossier.make_transfer_dossier``: inline
    in development and tests, a worker in production)."""
    access.require(access.may_make_dossier(user, student))
    dossier = TransferDossier.objects.create(student=student, requested_by=user)
    transaction.on_commit(lambda: make_transfer_dossier.enqueue(dossier.pk))
    return dossier
