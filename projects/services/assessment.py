"""Coaching and assessment: reflection conversations, presentation slots,
rubric assessments, peer evaluations (with CATME-style adjustment factors),
final results with a CSV export, the final reflection (the portfolio bridge)
and finishing a project."""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exports import csv_text
from core.signals import ExperienceHappened, tell_experience_happened
from projects import grades, notifications
from projects.models import (
    Assessment,
    Conversation,
    FinalReflection,
    Participant,
    PeerEvaluation,
    Phase,
    PresentationSlot,
    Project,
    Result,
    Team,
    TeamMembership,
)

OUTLIER_LOW = Decimal("0.8")
OUTLIER_HIGH = Decimal("1.2")


@transaction.atomic
def record_conversation(user, team: Team, *, student, date, notes, agreements="", follow_up_date=None, private_note=""):
    if not team.memberships.filter(student=student).exists():
        raise ValidationError(_("This student is not a member of the team."))
    return Conversation.objects.create(
        team=team,
        student=student,
        coach=user,
        date=date,
        notes=notes,
        agreements=agreements,
        follow_up_date=follow_up_date,
        private_note=private_note,
    )


@transaction.atomic
def add_presentation_slot(
    user, project_assignment, *, starts_at, duration_minutes=15, location="", team=None
) -> PresentationSlot:
    """A presentation slot for an assignment, optionally given to one of its
    teams (who then lose any slot they had)."""
    if team is not None and team.project_assignment_id != project_assignment.pk:
        raise ValidationError(_("That team works on another assignment."))
    if team is not None:
        PresentationSlot.objects.filter(team=team).update(team=None)
    return PresentationSlot.objects.create(
        project_assignment=project_assignment,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        location=location,
        team=team,
    )


@transaction.atomic
def remove_presentation_slot(user, slot: PresentationSlot) -> None:
    slot.delete()


def rubric_parts(version) -> dict:
    """Indexes of the pinned rubric's criteria by kind, and the levels."""
    criteria = version.rubric_criteria
    return {
        "levels": version.rubric_levels,
        "criteria": criteria,
        "product": [i for i, c in enumerate(criteria) if c.get("kind") == "product"],
        "process": [i for i, c in enumerate(criteria) if c.get("kind") != "product"],
    }


@transaction.atomic
def save_assessment(user, team: Team, *, role, subject=None, scores: dict, comment="") -> Assessment:
    """Store (or update) one assessor's rubric scores. ``scores`` maps the
    criterion index to a level index; only criteria of the right kind count:
    the product (subject empty) on product criteria, a student's process on
    process criteria, a self-assessment on all criteria."""
    parts = rubric_parts(team.project_assignment.version)
    if role == Assessment.Role.SELF:
        subject = user  # a self-assessment is always about the student who makes it
    if not parts["criteria"] or not parts["levels"]:
        raise ValidationError(_("The assignment has no rubric; assess with a note instead."))
    if role == Assessment.Role.SELF:
        allowed = set(parts["product"]) | set(parts["process"])
    elif subject is None:
        allowed = set(parts["product"])
    else:
        allowed = set(parts["process"])
    if role == Assessment.Role.PARTNER and subject is not None:
        raise ValidationError(_("The client assesses the team's product."))
    clean = {}
    for key, level in scores.items():
        index = int(key)
        if index not in allowed:
            continue
        if not 0 <= int(level) < len(parts["levels"]):
            raise ValidationError(_("Choose one of the rubric's levels."))
        clean[str(index)] = int(level)
    if not clean:
        raise ValidationError(_("Choose a level for at least one criterion."))
    assessment, _created = Assessment.objects.update_or_create(
        team=team, subject=subject, assessor=user, role=role, defaults={"scores": clean, "comment": comment}
    )
    return assessment


@transaction.atomic
def request_client_assessment(user, team: Team, *, now=None) -> int:
    """The coach asks the client (the partner of the team's assignment) to
    assess the team's product: in the bell and by e-mail. Returns how many
    contacts were asked."""
    if not team.project_assignment.client_id:
        raise ValidationError(_("This assignment has no partner as client: there is nobody to ask."))
    asked = notifications.assessment_requested(team, actor=user, now=now)
    if not asked:
        raise ValidationError(_("The client has no contact with an account or an e-mail address yet."))
    return asked


@transaction.atomic
def save_peer_evaluations(user, team: Team, ratings: dict) -> None:
    """``ratings`` maps a teammate's user id to (contribution, collaboration,
    comment). A student rates their teammates, never themself."""
    members = set(team.memberships.values_list("student_id", flat=True))
    if user.pk not in members:
        raise ValidationError(_("Only members of the team rate each other."))
    for ratee_id, (contribution, collaboration, comment) in ratings.items():
        if ratee_id == user.pk or ratee_id not in members:
            continue
        PeerEvaluation.objects.update_or_create(
            team=team,
            rater=user,
            ratee_id=ratee_id,
            defaults={"contribution": contribution, "collaboration": collaboration, "comment": comment},
        )


def peer_factors(evaluations) -> dict:
    """CATME-style adjustment factor per (team id, ratee id): the member's
    mean rating (contribution and collaboration together) divided by the
    mean of the team members' means. Flag below 0.8 or above 1.2."""
    received = defaultdict(list)
    for e in evaluations:
        received[(e.team_id, e.ratee_id)].append(Decimal(e.contribution + e.collaboration) / 2)
    means = {key: sum(v) / len(v) for key, v in received.items()}
    by_team = defaultdict(list)
    for (team_id, _ratee), mean in means.items():
        by_team[team_id].append(mean)
    out = {}
    for (team_id, ratee), mean in means.items():
        team_mean = sum(by_team[team_id]) / len(by_team[team_id])
        factor = (mean / team_mean).quantize(Decimal("0.01")) if team_mean else Decimal("1.00")
        out[(team_id, ratee)] = {
            "mean": mean.quantize(Decimal("0.1")),
            "factor": factor,
            "count": len(received[(team_id, ratee)]),
            "outlier": factor < OUTLIER_LOW or factor > OUTLIER_HIGH,
        }
    return out


@transaction.atomic
def set_result(user, project: Project, student, *, product_grade, process_grade, final_grade, note="") -> Result:
    if not project.memberships.filter(student=student).exists():
        raise ValidationError(_("This student is not in a team of this project."))
    result, _created = Result.objects.update_or_create(
        project=project,
        student=student,
        defaults={
            "product_grade": product_grade,
            "process_grade": process_grade,
            "final_grade": final_grade,
            "note": note,
            "set_by": user,
        },
    )
    return result


def result_rows(project):
    """One row per student in a team: the grades from the assessments (by the
    rule of ``projects.grades``, the same figures the assessment page shows),
    the suggestions, the peer factor and the result the teacher set. A fixed
    number of queries."""
    memberships = list(
        TeamMembership.objects.filter(project=project)
        .select_related("student", "team__project_assignment__version")
        .order_by("team__number", "student__sort_name")
    )
    classes = dict(Participant.objects.filter(project=project).values_list("student_id", "class_group__name"))
    results = {r.student_id: r for r in Result.objects.filter(project=project)}
    assessments = defaultdict(list)
    for a in Assessment.objects.filter(team__project=project):
        assessments[(a.team_id, a.subject_id)].append(a)
    factors = peer_factors(PeerEvaluation.objects.filter(team__project=project))
    rows = []
    for m in memberships:
        parts = rubric_parts(m.team.project_assignment.version)
        product = assessments[(m.team_id, None)]
        personal = assessments[(m.team_id, m.student_id)]
        by_role = defaultdict(list)
        for a in product:
            by_role[("product", a.role)].append(a)
        for a in personal:
            by_role[("personal", a.role)].append(a)
        coach_product = grades.mean_grade(by_role[("product", Assessment.Role.COACH)], parts)
        partner_product = grades.mean_grade(by_role[("product", Assessment.Role.PARTNER)], parts)
        coach_process = grades.mean_grade(by_role[("personal", Assessment.Role.COACH)], parts)
        self_grade = grades.mean_grade(by_role[("personal", Assessment.Role.SELF)], parts)
        suggestion_final = grades.suggested_final(coach_product, coach_process)
        result = results.get(m.student_id)
        rows.append(
            {
                "membership": m,
                "student": m.student,
                "username": m.student.username,
                "name": m.student.get_full_name(),
                "class_name": classes.get(m.student_id) or "",
                "team": m.team.name,
                "assignment": m.team.project_assignment.version.title,
                "coach_product": coach_product,
                "partner_product": partner_product,
                "coach_process": coach_process,
                "self_grade": self_grade,
                "suggestion_final": suggestion_final,
                "peer": factors.get((m.team_id, m.student_id)),
                "peer_factor": (factors.get((m.team_id, m.student_id)) or {}).get("factor"),
                "result": result,
                "product_grade": result.product_grade if result else None,
                "process_grade": result.process_grade if result else None,
                "final_grade": result.final_grade if result else None,
                "note": result.note if result else "",
            }
        )
    return rows


# The export holds every figure of the results page, in its order: the
# assessments' grades, the suggestions (marked as such), the grades the
# teacher set and the note.
RESULT_COLUMNS = (
    ("username", gettext_lazy("student number")),
    ("name", gettext_lazy("name")),
    ("class_name", gettext_lazy("class")),
    ("team", gettext_lazy("team")),
    ("assignment", gettext_lazy("assignment")),
    ("coach_product", gettext_lazy("coach: product (suggestion)")),
    ("partner_product", gettext_lazy("client: product")),
    ("coach_process", gettext_lazy("coach: process (suggestion)")),
    ("self_grade", gettext_lazy("self-assessment")),
    ("peer_factor", gettext_lazy("peer factor")),
    ("suggestion_final", gettext_lazy("final result (suggestion)")),
    ("product_grade", gettext_lazy("product grade")),
    ("process_grade", gettext_lazy("process grade")),
    ("final_grade", gettext_lazy("final result")),
    ("note", gettext_lazy("note")),
)


def results_table(rows) -> tuple[list, list]:
    """Header and rows of the results export (for the school's administration system)."""
    header = [str(label) for _key, label in RESULT_COLUMNS]
    return header, [[row[key] for key, _label in RESULT_COLUMNS] for row in rows]


def results_csv(rows) -> str:
    """CSV for Dutch Excel (core.exports: BOM, ';', decimal comma, no formulas)."""
    return csv_text(*results_table(rows))


def _send_experience(membership: TeamMembership, reflection: FinalReflection) -> None:
    team = membership.team
    pa = team.project_assignment
    version = pa.version
    tell_experience_happened(
        FinalReflection,
        ExperienceHappened(
            student=membership.student,
            source_key=f"projects.teammembership:{membership.pk}",
            kind="project",
            title=f"Project: {version.title}",
            date=min(timezone.localdate(reflection.submitted_at), team.project.end_date),
            sector_slugs=tuple(version.sectors or ()),
            partner_id=pa.client_id,
            details={
                "client": pa.client_display,
                "role_in_team": membership.get_role_display() if membership.role else "",
                "reflection_product": reflection.product,
                "reflection_process": reflection.process,
                "reflection_own_actions": reflection.own_actions,
                "project": team.project.title,
                "team": team.name,
                "team_id": team.pk,
            },
            reflected_at=reflection.submitted_at,
        ),
    )


@transaction.atomic
def submit_reflection(user, membership: TeamMembership, *, product, process, own_actions, now=None) -> FinalReflection:
    """Save the student's final reflection and hand it to the LOB portfolio."""
    if membership.student_id != user.pk:
        raise ValidationError(_("Only the student writes their own reflection."))
    membership = TeamMembership.objects.select_related(
        "student", "team__project", "team__project_assignment__version", "team__project_assignment__client"
    ).get(pk=membership.pk)
    if membership.team.phase not in (Phase.TERUGKIJKEN, Phase.AFGEROND):
        raise ValidationError(_("The final reflection is written in the phase Looking back."))
    reflection, _created = FinalReflection.objects.update_or_create(
        membership=membership,
        defaults={
            "product": product,
            "process": process,
            "own_actions": own_actions,
            "submitted_at": now or timezone.now(),
        },
    )
    _send_experience(membership, reflection)
    return reflection


@transaction.atomic
def finish_project(user, project: Project, *, now=None) -> Project:
    """Close the project: every team is finished, students' work becomes
    read-only, and every submitted reflection is (re)sent to the portfolio."""
    if project.status != Project.Status.RUNNING:
        raise ValidationError(_("Only a running project can be finished."))
    project.status = Project.Status.FINISHED
    project.finished_at = now or timezone.now()
    project.save(update_fields=["status", "finished_at", "updated_at"])
    project.teams.update(phase=Phase.AFGEROND, phase_changed_at=project.finished_at)
    reflections = FinalReflection.objects.filter(
        membership__project=project, submitted_at__isnull=False
    ).select_related(
        "membership__student", "membership__team__project_assignment__version", "membership__team__project"
    )
    for reflection in reflections:
        _send_experience(reflection.membership, reflection)
    return project
