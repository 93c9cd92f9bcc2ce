"""Allocation: students to assignments (optimal, see projects/allocation.py),
then balanced teams within each assignment (projects/teams.py); hand
adjustments and publishing to the students."""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects import notifications
from projects.allocation import AllocationError, AssignmentSlot, StudentPrefs, allocate
from projects.models import Participant, Phase, Preference, Project, Team, TeamMembership
from projects.teams import TeamFormationError, TeamMember, form_teams


class _TeamsImpossible(Exception):
    def __init__(self, pa, error):
        super().__init__(error.message if error else "")
        self.pa = pa
        self.code = error.code if error else ""
        self.message = error.message if error else ""


def _form_teams_for(pa, members, project, *, together, apart, seed):
    """Balanced teams for one assignment: the fewest teams that work, but
    more (up to the assignment's number of teams) when "apart" rules or
    groups need them. Raises _TeamsImpossible with the Dutch reason."""
    n, low, high = len(members), project.team_size_min, project.team_size_max
    fewest = max(1, -(-n // high))
    error = None
    for n_teams in range(fewest, max(fewest, pa.num_teams) + 1):
        if n_teams * low > n:
            break
        try:
            return form_teams(
                members, n_teams=n_teams, min_size=low, max_size=high, together=together, apart=apart, seed=seed
            )
        except TeamFormationError as exc:
            error = exc
    if error is None:
        try:
            form_teams(members, min_size=low, max_size=high, together=together, apart=apart, seed=seed)
        except TeamFormationError as exc:
            error = exc
    raise _TeamsImpossible(pa, error)


def _team_members(members):
    return [
        TeamMember(
            id=p.student_id,
            class_name=p.class_group.name if p.class_group_id else "",
            strengths=frozenset(p.strengths or []),
            name=p.student.get_full_name() or p.student.username,
        )
        for p in members
    ]


def _form_all_teams(pas, participants, result, project, together, apart, seed):
    by_pa = defaultdict(list)
    for p in participants:
        by_pa[result.assignment[p.student_id]].append(p)
    formations = []
    for pa in pas:
        members = by_pa.get(pa.pk, [])
        if not members:
            continue
        ids = {p.student_id for p in members}
        formed = _form_teams_for(
            pa,
            _team_members(members),
            project,
            together=[(a, b) for a, b in together if a in ids or b in ids],
            apart=[(a, b) for a, b in apart if a in ids and b in ids],
            seed=seed,
        )
        formations.append((pa, formed))
    return formations


def _constraint_pairs(project):
    together, apart = [], []
    for a, b, kind in project.pair_constraints.values_list("student_a_id", "student_b_id", "kind"):
        (together if kind == "samen" else apart).append((a, b))
    return together, apart


def _new_team(project, pa, number) -> Team:
    return Team.objects.create(
        project=project,
        project_assignment=pa,
        number=number,
        name=_("Team %(number)s") % {"number": number},
        phase=Phase.ORIENTEREN,
    )


@transaction.atomic
def run_allocation(user, project: Project, *, seed: int = 0, now=None) -> dict:
    """Allocate every participant to an assignment and form teams. Replaces
    the previous (unpublished) outcome. Raises ValidationError with a Dutch
    explanation when a constraint cannot be met; nothing is changed then."""
    now = now or timezone.now()
    if project.status not in (Project.Status.CHOOSING, Project.Status.SETUP):
        raise ValidationError(_("The allocation has been published; adjust the teams by hand instead."))
    participants = list(project.participants.select_related("student", "class_group").order_by("student_id"))
    if not participants:
        raise ValidationError(_("This project has no students yet: add classes first."))
    pas = list(project.project_assignments.select_related("version"))
    if not pas:
        raise ValidationError(_("This project has no assignments yet."))
    rankings = defaultdict(list)
    for participant_id, pa_id in Preference.objects.filter(participant__project=project).values_list(
        "participant_id", "project_assignment_id"
    ):
        rankings[participant_id].append(pa_id)  # ordered by rank (Meta.ordering)
    students = [
        StudentPrefs(
            id=p.student_id, ranking=tuple(rankings[p.pk]), name=p.student.get_full_name() or p.student.username
        )
        for p in participants
    ]
    together, apart = _constraint_pairs(project)
    closed = {}  # pa id -> True: too few takers for one team
    one_team = set()  # pa ids where "apart" pairs may not share the assignment
    notes = []
    for _attempt in range(2 * len(pas) + 1):
        slots = [
            AssignmentSlot(
                id=pa.pk,
                capacity=0 if pa.pk in closed else pa.num_teams * project.team_size_max,
                name=pa.version.title,
                teams=1 if pa.pk in one_team else pa.num_teams,
            )
            for pa in pas
        ]
        try:
            result = allocate(students, slots, together=together, apart=apart, seed=seed)
        except AllocationError as exc:
            raise ValidationError(" ".join([exc.message, *notes])) from exc
        load = defaultdict(int)
        for slot_id in result.assignment.values():
            load[slot_id] += 1
        too_small = [pa for pa in pas if 0 < load[pa.pk] < project.team_size_min]
        if too_small:
            for pa in too_small:
                closed[pa.pk] = True
                notes.append(
                    ngettext(
                        "“%(title)s” was chosen by only %(count)s student, fewer than the minimum team size "
                        "(%(min)s), so it was left out.",
                        "“%(title)s” was chosen by only %(count)s students, fewer than the minimum team size "
                        "(%(min)s), so it was left out.",
                        load[pa.pk],
                    )
                    % {"title": pa.version.title, "count": load[pa.pk], "min": project.team_size_min}
                )
            continue
        try:
            formations = _form_all_teams(pas, participants, result, project, together, apart, seed)
        except _TeamsImpossible as exc:
            if exc.code == "apart_single_team" and exc.pa.pk not in one_team:
                # Too few students here for two teams: keep "apart" pairs out of one assignment.
                one_team.add(exc.pa.pk)
                continue
            raise ValidationError(
                _("Teams for “%(title)s”: %(message)s") % {"title": exc.pa.version.title, "message": exc.message}
            ) from exc
        break
    else:  # pragma: no cover - every retry closes or restricts one more assignment
        raise ValidationError(_("The allocation cannot be made."))
    # Replace the previous draft teams.
    project.teams.all().delete()
    number = 0
    team_scores = {}
    for pa, formed in formations:
        team_scores[pa.pk] = formed.score.get("team_scores", [])
        for member_ids in formed.teams:
            number += 1
            team = _new_team(project, pa, number)
            TeamMembership.objects.bulk_create(
                [
                    TeamMembership(project=project, team=team, student_id=sid, choice_rank=result.rank_of.get(sid))
                    for sid in member_ids
                ]
            )
    explained, first_choices, capacities = _explanations(
        participants, rankings, result, pas, project, closed=closed, together=together, apart=apart
    )
    names = {p.student_id: p.student.get_full_name() or p.student.username for p in participants}
    titles = {pa.pk: pa.version.title for pa in pas}
    project.allocation = {
        "run_at": now.isoformat(),
        "by": user.get_full_name() if user else "",
        "n_students": len(participants),
        "not_chosen": sum(1 for p in participants if not rankings[p.pk]),
        "unranked": [
            {
                "student_id": u.student,
                "name": names[u.student],
                "assignment_id": u.slot,
                "assignment": titles[u.slot],
                "reason": u.reason,
            }
            for u in result.unranked
        ],
        "notes": notes,
        "solver": result.stats.get("solver", ""),
        "ranked_cost": result.stats.get("ranked_cost"),
        "team_scores": {str(k): v for k, v in team_scores.items()},
        # Why each student got what they got (rendered in plain words by projects/allocation_explained.py).
        "explained": explained,
        "first_choices": first_choices,
        "capacities": capacities,
        "before_deadline": bool(project.choice_deadline and now < project.choice_deadline),
    }
    project.allocated_at = now
    project.save(update_fields=["allocation", "allocated_at", "updated_at"])
    return project.allocation


def _explanations(participants, rankings, result, pas, project, *, closed, together, apart):
    """Per student, the facts behind their placement: the rank they got and,
    for each choice they ranked higher, why it was not possible: ``closed``
    (left out, too few takers for a team), ``full`` (its teams were full),
    ``rules`` (the teacher's together/apart rules) or ``fair`` (the fairest
    allocation for everyone put them elsewhere). Stored as codes; the words
    are chosen when shown, in the reader's language."""
    load = defaultdict(int)
    for pa_id in result.assignment.values():
        load[pa_id] += 1
    capacities = {pa.pk: 0 if pa.pk in closed else pa.capacity(project.team_size_max) for pa in pas}
    first_choices = defaultdict(int)
    for ranking in rankings.values():
        if ranking:
            first_choices[ranking[0]] += 1
    bound = {sid for pair in [*together, *apart] for sid in pair}
    explained = {}
    for p in participants:
        sid = p.student_id
        ranking = rankings[p.pk]
        rank = result.rank_of.get(sid)
        higher = ranking[: rank - 1] if rank else ranking
        blocked = []
        for pa_id in higher:
            if pa_id in closed:
                why = "closed"
            elif load[pa_id] >= capacities[pa_id]:
                why = "full"
            elif sid in bound:
                why = "rules"
            else:
                why = "fair"
            blocked.append({"pa": pa_id, "rank": ranking.index(pa_id) + 1, "why": why})
        explained[str(sid)] = {
            "pa": result.assignment[sid],
            "rank": rank,
            "chose": bool(ranking),
            "blocked": blocked,
        }
    return explained, {str(k): v for k, v in first_choices.items()}, {str(k): v for k, v in capacities.items()}


def allocation_warning(project: Project, *, now=None) -> dict | None:
    """Before the choice deadline an allocation needs the teacher's
    confirmation: the deadline and how many students have not chosen yet.
    None when the deadline has passed (or there is none) and everybody may be placed."""
    now = now or timezone.now()
    if project.status != Project.Status.CHOOSING or not project.choice_deadline or now >= project.choice_deadline:
        return None
    participants = project.participants.all()
    return {
        "deadline": project.choice_deadline,
        "n_students": participants.count(),
        "not_chosen": participants.filter(choices_submitted_at__isnull=True).count(),
    }


def _choice_rank(project, student_id, pa_id):
    return (
        Preference.objects.filter(
            participant__project=project, participant__student_id=student_id, project_assignment_id=pa_id
        )
        .values_list("rank", flat=True)
        .first()
    )


@transaction.atomic
def move_student(user, project: Project, student, target) -> TeamMembership:
    """Put a student in another team by hand. ``target`` is a Team of the
    project, or a ProjectAssignment to start a new team for it."""
    if not Participant.objects.filter(project=project, student=student).exists():
        raise ValidationError(_("This student does not take part in this project."))
    if isinstance(target, Team):
        team = target
        if team.project_id != project.pk:
            raise ValidationError(_("That team belongs to another project."))
        if team.memberships.exclude(student=student).count() >= project.team_size_max:
            raise ValidationError(
                _("%(team)s is full (at most %(max)s students)."),
                params={"team": team.name, "max": project.team_size_max},
            )
    else:
        pa = target
        if pa.project_id != project.pk:
            raise ValidationError(_("That assignment belongs to another project."))
        if pa.teams.count() >= pa.num_teams:
            raise ValidationError(
                ngettext(
                    "“%(title)s” already has %(count)s team, its maximum. Raise the number of teams first.",
                    "“%(title)s” already has %(count)s teams, its maximum. Raise the number of teams first.",
                    pa.num_teams,
                ),
                params={"title": pa.version.title, "count": pa.num_teams},
            )
        number = (project.teams.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        team = _new_team(project, pa, number)
    rank = _choice_rank(project, student.pk, team.project_assignment_id)
    membership, _created = TeamMembership.objects.update_or_create(
        project=project, student=student, defaults={"team": team, "choice_rank": rank, "role": ""}
    )
    # A team left empty by the move disappears while nobody worked in it.
    Team.objects.filter(
        project=project, memberships__isnull=True, tasks__isnull=True, log_entries__isnull=True
    ).delete()
    return membership


@transaction.atomic
def publish_allocation(user, project: Project, *, now=None) -> Project:
    """Publish the teams: students see their team, the project runs."""
    if project.published_at:
        return project
    if not project.teams.exists():
        raise ValidationError(_("Make the allocation first."))
    unplaced = project.participants.exclude(student__team_memberships__project=project).count()
    if unplaced:
        raise ValidationError(
            ngettext(
                "%(count)s student is not in a team yet. Place them before publishing.",
                "%(count)s students are not in a team yet. Place them before publishing.",
                unplaced,
            ),
            params={"count": unplaced},
        )
    now = now or timezone.now()
    project.published_at = now
    project.status = Project.Status.RUNNING
    project.save(update_fields=["published_at", "status", "updated_at"])
    project.teams.update(phase=Phase.ORIENTEREN, phase_changed_at=now)
    notifications.teams_published(project, actor=user, now=now)
    return project
