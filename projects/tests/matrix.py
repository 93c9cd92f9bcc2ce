"""Permission matrix of projects: every URL × every persona.

School A's running project has team A (leerling + klasgenoot) working on an
assignment whose client is the world's partner; school B's project has team B
(leerling2). Staff of a school see everything of its projects; a student
sees only their own team (403 on staff pages of a project they take part
in, 404 elsewhere); the partner reaches team A's work and assessment only;
network coach and programme office see no school projects (minors' data)."""

from core.testing.matrix import Case, allow
from projects.tests.factories import project_a, project_b, setup_project_a

STAFF_A = {"docent", "coordinator"}
TEAM_A = {"leerling", "docent", "coordinator"}
TEAM_B = {"leerling2", "docent2"}


def pa(w):
    return {"pk": project_a(w).pk}


def pb(w):
    return {"pk": project_b(w).pk}


def ta(**extra):
    def kwargs(w):
        project_a(w)
        return {"pk": w.team_a.pk, **{k: v(w) for k, v in extra.items()}}

    return kwargs


def tb(**extra):
    def kwargs(w):
        project_b(w)
        return {"pk": w.team_b.pk, **{k: v(w) for k, v in extra.items()}}

    return kwargs


def staff_page(ok=200, method="get", data=None, **extra_a):
    """A staff page of a project: school A's and school B's."""
    return [
        Case(
            "school A project",
            ta_project(**extra_a),
            allow(ok, who=STAFF_A, leerling=403),
            method=method,
            data=data,
        ),
        Case("school B project", pb, allow(ok, who={"docent2"}, leerling2=403), method=method, data=data),
    ]


def ta_project(**extra):
    def kwargs(w):
        project_a(w)
        return {"pk": w.project_a.pk, **{k: v(w) for k, v in extra.items()}}

    return kwargs


def team_page(ok=200, method="get", data=None, partner=403):
    """A workspace page: team A (partner is client, 403 unless allowed) and team B."""
    return [
        Case("team A", ta(), allow(ok, who=TEAM_A, partner=partner), method=method, data=data),
        Case("team B", tb(), allow(ok, who=TEAM_B), method=method, data=data),
    ]


def obj(name):
    """kwargs value: the pk of w.<name>_a or w.<name>_b."""

    def value(w, which="a"):
        return getattr(w, f"{name}_{which}").pk

    return value


def team_page_with(name, kwarg, **kw):
    return [
        Case(
            "team A",
            ta(**{kwarg: obj(name)}),
            allow(kw.get("ok", 200), who=TEAM_A, partner=kw.get("partner", 403)),
            method=kw.get("method", "get"),
            data=kw.get("data"),
        ),
        Case(
            "team B",
            tb(**{kwarg: lambda w: obj(name)(w, "b")}),
            allow(kw.get("ok_b", kw.get("ok", 200)), who=TEAM_B),
            method=kw.get("method", "get"),
            data=kw.get("data"),
        ),
    ]


def staff_team_post(kwargs_a, kwargs_b, ok=302, data=None):
    """POSTs only a coach of the school may make in a team."""
    return [
        Case("team A", kwargs_a, allow(ok, who=STAFF_A, leerling=403, partner=403), method="post", data=data),
        Case("team B", kwargs_b, allow(ok, who={"docent2"}, leerling2=403), method="post", data=data),
    ]


STUDENTS_AND_STAFF = {"leerling", "leerling2", "docent", "docent2", "coordinator"}
STAFF = {"docent", "docent2", "coordinator"}

MATRIX = {
    "projects:project_list": [
        Case("staff: school's projects; students: their own", allow(200, who=STUDENTS_AND_STAFF, denied=403))
    ],
    "projects:project_create": [
        Case("school staff", allow(200, who=STAFF, denied=403)),
        Case("empty form re-renders", allow(200, who=STAFF, denied=403), method="post", data={}),
    ],
    "projects:project_detail": [
        Case("school A, running", pa, allow(who=STAFF_A, leerling=302)),
        Case("school B, running", pb, allow(who={"docent2"}, leerling2=302)),
        Case("school A, being set up", lambda w: {"pk": setup_project_a(w).pk}, allow(who=STAFF_A)),
    ],
    "projects:project_edit": staff_page(),
    "projects:project_open_choice": staff_page(302, method="post"),
    "projects:project_finish": staff_page(302, method="post"),
    "projects:project_schedule": staff_page(),
    "projects:slot_delete": [
        Case(
            "school A slot",
            ta_project(slot_pk=lambda w: w.slot_a.pk),
            allow(302, who=STAFF_A, leerling=403),
            method="post",
        ),
        Case(
            "school B slot",
            lambda w: {"pk": project_b(w).pk, "slot_pk": w.slot_b.pk},
            allow(302, who={"docent2"}, leerling2=403),
            method="post",
        ),
    ],
    "projects:choose": [
        Case("school A project", pa, allow(who={"leerling"}, docent=403, coordinator=403)),
        Case("school B project", pb, allow(who={"leerling2"}, docent2=403)),
        Case("closed round: no changes", pa, allow(403, who={"leerling", "docent", "coordinator"}), method="post"),
    ],
    "projects:choice_status": staff_page(),
    "projects:constraint_add": staff_page(302, method="post"),
    # The round is over in these projects: the teacher is told so (a message) and sent back.
    "projects:choice_remind": staff_page(302, method="post"),
    "projects:constraint_delete": [
        Case(
            "school A constraint",
            ta_project(constraint_pk=lambda w: w.constraint_a.pk),
            allow(302, who=STAFF_A, leerling=403),
            method="post",
        ),
    ],
    "projects:allocation": staff_page(),
    # Published already: the teacher gets the page with a Dutch explanation (422).
    "projects:allocate": staff_page(422, method="post"),
    "projects:allocation_move": staff_page(302, method="post"),
    "projects:allocation_publish": staff_page(302, method="post"),
    "projects:coach_overview": staff_page(),
    "projects:results": staff_page(),
    "projects:results_export": staff_page(),
    "projects:team_detail": team_page(),
    "projects:team_roles": team_page(302, method="post"),
    "projects:team_phase": team_page(302, method="post"),
    "projects:team_decision": staff_team_post(ta(), tb()),
    "projects:team_requirements": team_page(),
    "projects:requirement_check": team_page_with("requirement", "requirement_pk", ok=302, method="post"),
    "projects:requirement_delete": team_page_with("requirement", "requirement_pk", ok=302, method="post"),
    # Nothing submitted yet: the submit is refused with a message (302).
    "projects:requirements_submit": team_page(302, method="post"),
    # The client reviews: team A's partner (nothing submitted: the page again with the reason, 400); team B's
    # client is a partner too, so its school's staff and students may not review (403).
    "projects:requirements_review": [
        Case("team A", ta(), allow(400, who={"partner"}, docent=403, coordinator=403, leerling=403), method="post"),
        Case("team B", tb(), allow(400, who=set(), docent2=403, leerling2=403), method="post"),
    ],
    # A coach opens a new round (nothing to reopen yet: refused with a message, 302).
    "projects:requirements_reopen": staff_team_post(ta(), tb()),
    "projects:team_messages": team_page(),
    "projects:team_board": team_page(),
    # An empty edit is invalid: the board re-renders with the errors (422).
    "projects:task_update": team_page_with("task", "task_pk", ok=422, method="post"),
    "projects:task_delete": team_page_with("task", "task_pk", ok=302, method="post"),
    "projects:team_log": team_page(),
    "projects:log_feedback": staff_team_post(ta(entry_pk=lambda w: w.log_a.pk), tb(entry_pk=lambda w: w.log_b.pk)),
    "projects:team_deliverables": team_page(),
    "projects:deliverable_detail": team_page_with("deliverable", "deliverable_pk"),
    # The client may download the team's work; team B's version is a link: a page naming the other site.
    "projects:deliverable_download": team_page_with("version", "version_pk", partner=200),
    "projects:team_conversations": team_page(),
    "projects:team_assess": team_page(partner=200),
    "projects:team_peer": team_page(),
    # Team B's client has no contact: the coach is told so, on the same redirect.
    "projects:team_ask_client": staff_team_post(ta(), tb()),
    "projects:team_reflection": team_page(),
    "projects:partner_teams": [Case("partners only", allow(200, who={"partner"}, denied=403))],
    "projects:partner_team": [
        Case("own assignment's team", ta(), allow(200, who={"partner"}, docent=403, coordinator=403, leerling=403)),
        Case("another partner's team", tb(), allow(200, who=set(), docent2=403, leerling2=403)),
    ],
}
