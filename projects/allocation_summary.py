"""The allocation page's read-model: where every student ended up after the
allocation (and hand moves), how well their choices were met, and who was
placed outside their choices. Reads the project's teams and the stored
outcome of the last run (``Project.allocation``); writes nothing."""

from collections import Counter

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from assignments.models import Competency
from projects.allocation_explained import explain
from projects.models import Project, TeamMembership


def _rank_bucket(rank):
    """1, 2 or 3 for a top-three choice, "later" for another ranked one, None if not ranked."""
    if not rank:
        return None
    return rank if rank <= 3 else "later"


def allocation_summary(project: Project) -> dict:
    """Everything the allocation page shows, as template context: the
    assignments with their teams (``by_pa``), the teams (each membership with
    its ``participant``, ``strength_labels`` and ``current_target``), the
    rank statistics and the students left unplaced or placed off their choices."""
    pas = list(project.project_assignments.select_related("version", "client"))
    teams = list(
        project.teams.select_related("project_assignment__version").prefetch_related(
            Prefetch(
                "memberships", queryset=TeamMembership.objects.select_related("student").order_by("student__first_name")
            )
        )
    )
    participants = {p.student_id: p for p in project.participants.select_related("student", "class_group")}
    labels = dict(Competency.choices)
    rank_counts = Counter()
    team_of = {}
    stored = project.allocation or {}
    titles = {pa.pk: pa.version.title for pa in pas}
    for team in teams:
        for m in team.memberships.all():
            m.explanation = explain(stored, m.student_id, team.project_assignment_id, titles, audience="teacher")
            team_of[m.student_id] = team.project_assignment_id
            m.participant = participants.get(m.student_id)
            m.current_target = f"team:{team.pk}"
            m.strength_labels = [labels[c] for c in (m.participant.strengths if m.participant else []) if c in labels]
            rank_counts[_rank_bucket(m.choice_rank)] += 1
    # The solver's explanations, for the students still where it put them.
    unranked = [row for row in stored.get("unranked", []) if team_of.get(row["student_id"]) == row["assignment_id"]]
    # The plain-words explanation replaces the solver's note where there is one.
    for row in unranked:
        explanation = explain(stored, row["student_id"], row["assignment_id"], titles, audience="teacher")
        if explanation:
            row["reason"] = explanation["text"]
    explained = {row["student_id"] for row in unranked}
    hand_placed_unranked = [
        m for team in teams for m in team.memberships.all() if m.choice_rank is None and m.student_id not in explained
    ]
    by_pa = []
    for pa in pas:
        pa_teams = [t for t in teams if t.project_assignment_id == pa.pk]
        size = sum(len(t.memberships.all()) for t in pa_teams)
        by_pa.append({"pa": pa, "teams": pa_teams, "size": size, "capacity": pa.capacity(project.team_size_max)})
    stats = [
        {"label": _("1st choice"), "value": rank_counts[1]},
        {"label": _("2nd choice"), "value": rank_counts[2]},
        {"label": _("3rd choice"), "value": rank_counts[3]},
        {"label": _("a later choice"), "value": rank_counts["later"]},
        {"label": _("none of their choices"), "value": rank_counts[None]},
    ]
    return {
        "project_assignments": pas,
        "by_pa": by_pa,
        "teams": teams,
        "stats": stats,
        "n_students": len(participants),
        "num_placed": len(team_of),
        "unplaced": [p for sid, p in participants.items() if sid not in team_of],
        "unranked": unranked,
        "hand_placed_unranked": hand_placed_unranked,
        "notes": stored.get("notes", []),
        "not_chosen": stored.get("not_chosen", 0),
        "solver": stored.get("solver", ""),
    }
