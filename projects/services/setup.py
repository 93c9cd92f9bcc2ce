"""Setting up a project: assignments (pinned versions), classes and
participants, coaches, schedule; opening the choice round; student choices
and the teacher's pair constraints."""

import math

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organisation.models import Enrolment
from projects import notifications
from projects.models import (
    PairConstraint,
    Participant,
    Preference,
    Project,
    ProjectAssignment,
    TeamMembership,
)


def _apply(obj, values: dict) -> list[str]:
    """Set the given field values on ``obj``; the names of those that changed.
    The caller (a form's ``cleaned_data``, the seeder) decides which fields
    it sets; an unknown name raises FieldDoesNotExist."""
    for name in values:
        obj._meta.get_field(name)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    return changed


@transaction.atomic
def create_project(user, *, school, school_year, assignments, classes, coaches=(), **fields) -> Project:
    """Create a project with its assignments (each pinned to its current
    version), classes (their students become participants) and coaches."""
    project = Project(school=school, school_year=school_year, created_by=user)
    _apply(project, fields)
    project.full_clean(exclude=["classes", "coaches"])
    project.save()
    project.classes.set(classes)
    project.coaches.set(coaches or [user])
    sync_participants(project)
    set_project_assignments(user, project, assignments)
    return project


@transaction.atomic
def update_project(user, project: Project, *, assignments=None, classes=None, coaches=None, **fields) -> Project:
    project = Project.objects.get(pk=project.pk)  # compare with what is stored, not a bound form's instance
    changed = _apply(project, fields)
    if changed:
        project.full_clean(exclude=["classes", "coaches"])
        project.save(update_fields=[*changed, "updated_at"])
    if coaches is not None:
        project.coaches.set(coaches)
    if assignments is not None:
        set_project_assignments(user, project, assignments)
    if classes is not None:
        project.classes.set(classes)
        sync_participants(project)
    return project


def set_project_assignments(user, project: Project, assignments) -> None:
    """Make the project's assignments exactly ``assignments``. New ones are
    pinned to their current version; existing ones keep their pinned version.
    An assignment that already has teams cannot be removed."""
    wanted = {a.pk: a for a in assignments}
    existing = {pa.assignment_id: pa for pa in project.project_assignments.all()}
    for assignment_id, pa in existing.items():
        if assignment_id not in wanted:
            if pa.teams.exists():
                raise ValidationError(
                    _("“%(title)s” cannot be removed: teams are already working on it."),
                    params={"title": pa.version.title},
                )
            pa.delete()
    students = max(project.participants.count(), 1)
    default_teams = max(1, math.ceil(students / max(project.team_size_max, 1) / max(len(wanted), 1)) + 1)
    order = len(existing)
    for assignment_id, assignment in wanted.items():
        if assignment_id in existing:
            continue
        if assignment.current_version_id is None:
            raise ValidationError(
                _("“%(title)s” has no content yet and cannot be used in a project."), params={"title": assignment.title}
            )
        order += 1
        ProjectAssignment.objects.create(
            project=project,
            assignment=assignment,
            version_id=assignment.current_version_id,
            client_id=assignment.client_id,
            num_teams=default_teams,
            order=order,
        )


def sync_participants(project: Project) -> None:
    """Participants are the students of the project's classes in the
    project's school year. Students who left the classes are removed unless
    they are already in a team."""
    enrolments = Enrolment.objects.filter(
        class_group__in=project.classes.all(), school_year_id=project.school_year_id
    ).values_list("student_id", "class_group_id")
    wanted = dict(enrolments)
    current = dict(project.participants.values_list("student_id", "pk"))
    in_teams = set(TeamMembership.objects.filter(project=project).values_list("student_id", flat=True))
    stale = [pk for student_id, pk in current.items() if student_id not in wanted and student_id not in in_teams]
    if stale:
        Participant.objects.filter(pk__in=stale).delete()
    Participant.objects.bulk_create(
        [
            Participant(project=project, student_id=student_id, class_group_id=class_id)
            for student_id, class_id in wanted.items()
            if student_id not in current
        ]
    )


@transaction.atomic
def update_project_assignment(user, pa: ProjectAssignment, **fields) -> ProjectAssignment:
    pa = ProjectAssignment.objects.get(pk=pa.pk)  # compare with what is stored, not a bound form's instance
    changed = _apply(pa, fields)
    if changed:
        pa.save(update_fields=changed)
    return pa


@transaction.atomic
def open_choice(user, project: Project, *, now=None) -> Project:
    """Open the choice round: students can now rank the assignments."""
    now = now or timezone.now()
    if project.status != Project.Status.SETUP:
        raise ValidationError(_("Choosing can only be opened for a project that is being set up."))
    if not project.project_assignments.exists():
        raise ValidationError(_("Add at least one assignment before students can choose."))
    if not project.participants.exists():
        raise ValidationError(_("Add at least one class before students can choose."))
    if project.choice_deadline and project.choice_deadline < now:
        raise ValidationError(_("The choice deadline has passed. Set a new deadline first."))
    project.status = Project.Status.CHOOSING
    project.save(update_fields=["status", "updated_at"])
    notifications.choice_opened(project, actor=user, now=now)
    return project


@transaction.atomic
def remind_to_choose(user, project: Project, *, now=None) -> int:
    """The teacher's reminder to the students who have not chosen yet (in the
    bell and by e-mail), once per call. Returns how many were reminded."""
    if not project.is_choice_open(now or timezone.now()):
        raise ValidationError(_("The choice round is not open: there is nobody to remind."))
    return notifications.remind_to_choose(project, actor=user, now=now)


def required_choices(project: Project, num_assignments: int | None = None) -> int:
    if num_assignments is None:
        num_assignments = project.project_assignments.count()
    return min(project.min_choices, num_assignments)


@transaction.atomic
def submit_choices(user, participant: Participant, ranked_assignments, strengths=(), *, now=None) -> Participant:
    """Store a student's ranking (a list of ProjectAssignment, best first)
    and the strengths they rate themselves on."""
    now = now or timezone.now()
    project = participant.project
    if not project.is_choice_open(now):
        raise ValidationError(_("The choice round is closed; ask your teacher if you want to change something."))
    ids = [pa.pk for pa in ranked_assignments]
    if len(set(ids)) != len(ids):
        raise ValidationError(_("Choose each assignment at most once."))
    own = set(project.project_assignments.values_list("pk", flat=True))
    if not set(ids) <= own:
        raise ValidationError(_("That assignment is not part of this project."))
    needed = required_choices(project, len(own))
    if len(ids) < needed:
        raise ValidationError(
            ngettext(
                "Rank at least %(count)s assignment, so that we can take your wishes into account.",
                "Rank at least %(count)s assignments, so that we can take your wishes into account.",
                needed,
            ),
            params={"count": needed},
        )
    participant.preferences.all().delete()
    Preference.objects.bulk_create(
        [Preference(participant=participant, project_assignment_id=pk, rank=i) for i, pk in enumerate(ids, start=1)]
    )
    participant.strengths = list(strengths)
    participant.choices_submitted_at = now
    participant.save(update_fields=["strengths", "choices_submitted_at"])
    return participant


@transaction.atomic
def add_pair_constraint(user, project: Project, student_a, student_b, kind) -> PairConstraint:
    if student_a.pk == student_b.pk:
        raise ValidationError(_("Choose two different students."))
    participants = set(
        project.participants.filter(student__in=[student_a, student_b]).values_list("student_id", flat=True)
    )
    if len(participants) != 2:
        raise ValidationError(_("Both students must take part in this project."))
    a, b = sorted([student_a, student_b], key=lambda s: s.pk)
    existing = PairConstraint.objects.filter(project=project, student_a=a, student_b=b).first()
    if existing:
        if existing.kind == kind:
            return existing
        raise ValidationError(
            _("%(a)s and %(b)s already have the opposite constraint (%(kind)s). Remove that one first."),
            params={"a": a.get_full_name(), "b": b.get_full_name(), "kind": existing.get_kind_display()},
        )
    return PairConstraint.objects.create(project=project, student_a=a, student_b=b, kind=kind, created_by=user)


@transaction.atomic
def remove_pair_constraint(user, constraint: PairConstraint) -> None:
    constraint.delete()
