"""The team workspace: planning board (with conflict-safe updates), logbook,
deliverables with versions, programma van eisen, messages, roles, team
name, and moving through the work process."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assignments.uploads import validate_upload
from projects import notifications
from projects.models import (
    GATED_PHASES,
    PHASE_ORDER,
    WORK_PHASES,
    Deliverable,
    DeliverableVersion,
    Feedback,
    GoDecision,
    LogEntry,
    Message,
    Phase,
    Requirement,
    RequirementsReview,
    Task,
    Team,
)

TASK_FIELDS = ("title", "description", "owner_id", "due_date", "status", "phase")


class TaskConflict(Exception):
    """Someone else changed the same field(s) of a task in the meantime."""

    def __init__(self, task: Task, fields: list[str]):
        super().__init__(f"conflict on {fields}")
        self.task = task
        self.fields = fields


def _check_owner(team: Team, owner_id):
    if owner_id and not team.memberships.filter(student_id=owner_id).exists():
        raise ValidationError(_("The person responsible must be a member of the team."))


@transaction.atomic
def create_task(user, team: Team, *, title, description="", owner_id=None, due_date=None, phase=None) -> Task:
    _check_owner(team, owner_id)
    return Task.objects.create(
        team=team,
        title=title,
        description=description,
        owner_id=owner_id,
        due_date=due_date,
        phase=phase or (team.phase if team.phase in WORK_PHASES else Phase.PLANNEN),
        created_by=user,
        updated_by=user,
    )


@transaction.atomic
def update_task(user, task_id: int, *, changes: dict, seen: dict, now=None) -> Task:
    """Change some fields of a task. ``seen`` holds, for every changed field,
    the value the editor saw when they started. The UPDATE is conditional on
    those values, so a concurrent change of *another* field is kept (per-field
    update) and a concurrent change of the *same* field raises TaskConflict
    instead of being overwritten. Every change raises ``version``."""
    changes = {k: v for k, v in changes.items() if k in TASK_FIELDS}
    if not changes:
        return Task.objects.get(pk=task_id)
    task = Task.objects.select_related("team").get(pk=task_id)
    if "owner_id" in changes:
        _check_owner(task.team, changes["owner_id"])
    condition = {name: seen.get(name) for name in changes}
    updated = Task.objects.filter(pk=task_id, **condition).update(
        **changes, version=F("version") + 1, updated_by=user, updated_at=now or timezone.now()
    )
    if not updated:
        current = Task.objects.select_related("updated_by", "owner").get(pk=task_id)
        conflicting = [name for name in changes if getattr(current, name) != seen.get(name)]
        raise TaskConflict(current, conflicting)
    return Task.objects.select_related("owner").get(pk=task_id)


@transaction.atomic
def delete_task(user, task: Task) -> None:
    task.delete()


@transaction.atomic
def add_log_entry(user, team: Team, *, text, date=None) -> LogEntry:
    """A logbook entry, dated today unless the student names another day."""
    return LogEntry.objects.create(team=team, author=user, text=text, date=date or timezone.localdate())


@transaction.atomic
def add_deliverable(user, team: Team, *, title, kind, file=None, url="", note="", now=None) -> Deliverable:
    deliverable = Deliverable.objects.create(team=team, title=title, kind=kind, created_by=user)
    add_deliverable_version(user, deliverable, file=file, url=url, note=note, now=now)
    return deliverable


@transaction.atomic
def add_deliverable_version(
    user, deliverable: Deliverable, *, file=None, url="", note="", now=None
) -> DeliverableVersion:
    """A new version: a file (an upload, validated like library materials) or a link."""
    if bool(file) == bool(url):
        raise ValidationError(_("Add either a file or a link."))
    deliverable = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
    number = (deliverable.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DeliverableVersion(deliverable=deliverable, number=number, note=note, uploaded_by=user)
    if file:
        filename, content_type = validate_upload(file)
        version.filename = filename
        version.content_type = content_type
        version.size = file.size
        version.file.save(filename, file, save=False)
    else:
        version.url = url
    version.save()
    deliverable.updated_at = now or timezone.now()
    deliverable.save(update_fields=["updated_at"])
    return version


@transaction.atomic
def give_feedback(user, team: Team, *, text, deliverable=None, log_entry=None, now=None) -> Feedback:
    """The coach's feedback on a deliverable or a logbook entry; the team is told."""
    feedback = Feedback.objects.create(team=team, author=user, text=text, deliverable=deliverable, log_entry=log_entry)
    notifications.feedback_given(feedback, actor=user, now=now)
    return feedback


@transaction.atomic
def post_message(user, team: Team, *, text, from_coach: bool, now=None) -> Message:
    """A student's message is a question for the coach; a coach's message
    answers every open question of the team."""
    now = now or timezone.now()
    if from_coach:
        team.messages.filter(from_coach=False, answered_at__isnull=True).update(answered_at=now)
    return Message.objects.create(team=team, author=user, text=text, from_coach=from_coach, created_at=now)


FROZEN = gettext_lazy("The programma van eisen has been approved by the client; it can no longer change.")
WAITING = gettext_lazy(
    "The programma van eisen waits for the client's review; it can change again once they have commented."
)


def _requirements_open(team: Team) -> None:
    """Students (and staff) change the list only while it is neither
    waiting for the client's review nor approved."""
    if team.requirements_agreed_at:
        raise ValidationError(FROZEN)
    if team.requirements_submitted_at:
        raise ValidationError(WAITING)


@transaction.atomic
def add_requirement(user, team: Team, *, text) -> Requirement:
    team = Team.objects.select_for_update().get(pk=team.pk)
    _requirements_open(team)
    order = (team.requirements.aggregate(n=Max("order"))["n"] or 0) + 1
    return Requirement.objects.create(team=team, text=text, order=order, created_by=user)


@transaction.atomic
def check_requirement(user, requirement: Requirement, *, result, result_note="") -> Requirement:
    """Check the product against one requirement (in Presenteren)."""
    requirement.result = result
    requirement.result_note = result_note
    requirement.save(update_fields=["result", "result_note"])
    return requirement


@transaction.atomic
def remove_requirement(user, requirement: Requirement) -> None:
    _requirements_open(Team.objects.select_for_update().get(pk=requirement.team_id))
    requirement.delete()


@transaction.atomic
def submit_requirements(user, team: Team, *, now=None) -> RequirementsReview:
    """The team asks its client to review the programma van eisen; until the
    client answers, the list cannot change."""
    now = now or timezone.now()
    team = Team.objects.select_for_update().get(pk=team.pk)
    _requirements_open(team)
    if not team.requirements.exists():
        raise ValidationError(_("Write down at least one requirement first."))
    team.requirements_submitted_at = now
    team.save(update_fields=["requirements_submitted_at"])
    review = RequirementsReview.objects.create(
        team=team, action=RequirementsReview.Action.SUBMITTED, author=user, created_at=now
    )
    notifications.requirements_submitted(team, actor=user, now=now)
    return review


@transaction.atomic
def review_requirements(user, team: Team, *, approve: bool, comment="", now=None) -> RequirementsReview:
    """The client's answer to a submitted programma van eisen: approved (it
    is frozen) or comments (the team adjusts it and submits it again). Who
    may answer is ``TeamAccess.can_review_requirements``."""
    now = now or timezone.now()
    team = Team.objects.select_for_update().get(pk=team.pk)
    comment = comment.strip()
    if team.requirements_agreed_at:
        raise ValidationError(FROZEN)
    if not team.requirements_submitted_at:
        raise ValidationError(_("The team has not submitted its programma van eisen for review yet."))
    if approve:
        team.requirements_agreed_at = now
        team.requirements_agreed_by = user
        action = RequirementsReview.Action.APPROVED
    else:
        if not comment:
            raise ValidationError(_("Write what the team should change, so they know what to do."))
        team.requirements_submitted_at = None
        action = RequirementsReview.Action.COMMENTED
    team.save(update_fields=["requirements_agreed_at", "requirements_agreed_by", "requirements_submitted_at"])
    review = RequirementsReview.objects.create(team=team, action=action, author=user, comment=comment, created_at=now)
    notifications.requirements_reviewed(review, actor=user, now=now)
    return review


@transaction.atomic
def reopen_requirements(user, team: Team, *, comment="", now=None) -> RequirementsReview:
    """A coach opens a new round: the team may change the list again and
    submits it to the client once more."""
    now = now or timezone.now()
    team = Team.objects.select_for_update().get(pk=team.pk)
    if not (team.requirements_agreed_at or team.requirements_submitted_at):
        raise ValidationError(_("The programma van eisen is already open for changes."))
    team.requirements_agreed_at = None
    team.requirements_agreed_by = None
    team.requirements_submitted_at = None
    team.save(update_fields=["requirements_agreed_at", "requirements_agreed_by", "requirements_submitted_at"])
    review = RequirementsReview.objects.create(
        team=team, action=RequirementsReview.Action.REOPENED, author=user, comment=comment.strip(), created_at=now
    )
    notifications.requirements_reviewed(review, actor=user, now=now)
    return review


@transaction.atomic
def set_roles(user, team: Team, roles: dict, *, name=None) -> Team:
    """``roles`` maps membership id to a TeamRole value (or "")."""
    memberships = {m.pk: m for m in team.memberships.all()}
    for pk, role in roles.items():
        membership = memberships.get(pk)
        if membership and membership.role != role:
            membership.role = role
            membership.save(update_fields=["role"])
    if name and name != team.name:
        team.name = name
        team.save(update_fields=["name"])
    return team


def _next_phase(phase: str) -> str:
    order = [*WORK_PHASES, Phase.AFGEROND]
    return order[order.index(Phase(phase)) + 1].value


def _set_phase(team: Team, phase: str, now) -> None:
    team.phase = phase
    team.phase_changed_at = now
    team.save(update_fields=["phase", "phase_changed_at"])


@transaction.atomic
def complete_phase(user, team: Team, *, is_staff: bool, now=None) -> Team:
    """Move on from a phase that has no go/no-go: Oriënteren (when the
    programma van eisen is agreed) and Presenteren (the coach confirms that
    the team presented to the client)."""
    now = now or timezone.now()
    team = Team.objects.select_for_update().get(pk=team.pk)
    if team.phase == Phase.ORIENTEREN:
        if not team.requirements_agreed_at:
            raise ValidationError(_("Your client approves the programma van eisen first."))
    elif team.phase == Phase.PRESENTEREN:
        if not is_staff:
            raise ValidationError(_("Your coach confirms the presentation to the client."))
        team.presented_at = now
        team.save(update_fields=["presented_at"])
    elif team.phase in GATED_PHASES:
        raise ValidationError(_("Your coach decides go or no-go at the end of this phase."))
    else:
        raise ValidationError(_("This phase ends when the project is finished."))
    presented = team.phase == Phase.PRESENTEREN
    _set_phase(team, _next_phase(team.phase), now)
    if presented:
        notifications.assessment_requested(team, actor=user, now=now)
    return team


@transaction.atomic
def decide_go(user, team: Team, *, decision: str, motivation: str, back_to: str = "", now=None) -> GoDecision:
    """The coach's go/no-go at the end of Plannen and Uitvoeren. Go: the team
    moves on. No-go: the team goes back (to this phase or an earlier one)
    with the motivation as feedback."""
    now = now or timezone.now()
    team = Team.objects.select_for_update().get(pk=team.pk)
    if team.phase not in GATED_PHASES:
        raise ValidationError(_("There is no go/no-go moment in this phase."))
    if not motivation.strip():
        raise ValidationError(_("Give a short motivation, so the team knows where it stands."))
    if decision == GoDecision.Decision.GO:
        back_to = ""
    else:
        back_to = back_to or team.phase
        if back_to not in WORK_PHASES or PHASE_ORDER[Phase(back_to)] > PHASE_ORDER[Phase(team.phase)]:
            raise ValidationError(_("A no-go sends the team back to this phase or an earlier one."))
    record = GoDecision.objects.create(
        team=team,
        phase=team.phase,
        decision=decision,
        motivation=motivation,
        back_to=back_to,
        decided_by=user,
        decided_at=now,
    )
    _set_phase(team, _next_phase(team.phase) if decision == GoDecision.Decision.GO else back_to, now)
    notifications.go_decided(record, actor=user, now=now)
    return record
