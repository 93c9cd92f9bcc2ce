"""Permission matrix of the community: every URL × every persona.

Students and partners take no part in the community (403 on its pages, 404
on its objects), except answering a questionnaire of the quality cycle.
Materials follow their sharing scope; a network's meetings are the
network's (another network: 404); a working group's meetings are its
members'; the coach's notes on a school are for the coach, the office and
the school's coordinator (its teachers: 404). See tests/factories.py."""

import datetime

from django.utils import timezone

from community.forms import MinutesForm, ReflectionForm, VisitReportForm
from community.tests.factories import community
from core.testing.matrix import ALL, Case, allow

MEMBERS = {"docent", "docent2", "coordinator", "netwerkcoach", "bureau"}
STAFF = {"docent", "docent2", "coordinator"}
A_SIDE = {"docent", "coordinator", "netwerkcoach", "bureau"}


def version_of(w, name, form_class, *fields) -> dict:
    """The version an edit form on the page of ``w.<name>`` carries (core/concurrency.py)."""
    obj = getattr(w, name)
    obj.refresh_from_db()
    return {"version": form_class(initial={f: getattr(obj, f) for f in fields}).seen_version}


def pk(name, attr="pk"):
    def kwargs(w):
        community(w)
        return {"pk": getattr(getattr(w, name), attr)}

    return kwargs


def kw(**names):
    def kwargs(w):
        community(w)
        return {key: getattr(w, name).pk for key, name in names.items()}

    return kwargs


def token(name):
    def kwargs(w):
        community(w)
        return {"token": getattr(w, name).token}

    return kwargs


def expect(ok, who, *, denied=404, anon=302, **more):
    return allow(ok, who=who, denied=denied, anon=anon, **more)


def page(ok=200, who=MEMBERS, **more):
    """A page of the community (no object): non-members 403."""
    return expect(ok, who, denied=403, **more)


def later(days=5):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


FORBIDDEN_A = {p: 403 for p in A_SIDE}

MATRIX = {
    "community:home": [Case("members", page())],
    # 1. Materials
    "community:material_list": [Case("members", page())],
    "community:material_create": [
        Case("staff share", page(who=STAFF, netwerkcoach=403, bureau=403)),
        Case("empty form re-renders", page(who=STAFF), method="post", data={}),
    ],
    "community:material_detail": [
        Case("school A only", pk("material_a"), expect(200, {"docent", "coordinator", "bureau"})),
        Case("school B only", pk("material_b"), expect(200, {"docent2", "bureau"})),
        Case("national", pk("material_nat"), expect(200, MEMBERS)),
    ],
    "community:material_edit": [
        Case(
            "author, coordinator, office",
            pk("material_nat"),
            expect(200, {"docent", "coordinator", "bureau"}, docent2=403, netwerkcoach=403),
        )
    ],
    "community:material_delete": [
        Case(
            "author, coordinator, office",
            pk("material_nat"),
            expect(302, {"docent", "coordinator", "bureau"}, docent2=403, netwerkcoach=403),
            method="post",
        )
    ],
    "community:material_download": [
        Case("school A file", pk("material_a"), expect(200, {"docent", "coordinator", "bureau"})),
        Case("national link redirects", pk("material_nat"), expect(302, MEMBERS)),
    ],
    "community:material_preview": [
        Case("school A PDF", pk("material_a"), expect(200, {"docent", "coordinator", "bureau"})),
        Case("a link has no preview", pk("material_nat"), expect(404, set())),
    ],
    "community:material_comment": [
        Case(
            "who sees it",
            pk("material_a"),
            expect(302, {"docent", "coordinator", "bureau"}),
            method="post",
            data={"body": "Handig!"},
        )
    ],
    # 2. Consultation
    "community:question_list": [Case("members", page())],
    "community:question_create": [Case("staff ask", page(who=STAFF, netwerkcoach=403, bureau=403))],
    "community:question_detail": [Case("members", pk("question"), expect(200, MEMBERS))],
    "community:question_answer": [
        Case("members answer", pk("question"), expect(302, MEMBERS), method="post", data={"body": "Ja, wij."})
    ],
    "community:question_best": [
        Case(
            "the asker marks",
            kw(pk="question", answer_pk="answer"),
            expect(302, {"docent"}, docent2=403, coordinator=403, netwerkcoach=403, bureau=403),
            method="post",
        )
    ],
    "community:visit_list": [Case("members", page())],
    "community:visit_create": [Case("staff request", page(who=STAFF, netwerkcoach=403, bureau=403))],
    "community:visit_detail": [Case("both schools, coach, office", pk("visit"), expect(200, MEMBERS))],
    "community:visit_propose": [
        Case(
            "the host",
            pk("visit"),
            expect(302, {"docent2"}, **FORBIDDEN_A),
            method="post",
            data=lambda w: {"date": later()},
        )
    ],
    "community:visit_decline": [Case("the host", pk("visit"), expect(302, {"docent2"}, **FORBIDDEN_A), method="post")],
    "community:visit_confirm": [
        Case(
            "the visitor",
            pk("visit_proposed"),
            expect(302, {"docent", "coordinator"}, docent2=403, netwerkcoach=403, bureau=403),
            method="post",
        )
    ],
    "community:visit_cancel": [
        Case(
            "the visitor",
            pk("visit"),
            expect(302, {"docent", "coordinator"}, docent2=403, netwerkcoach=403, bureau=403),
            method="post",
        )
    ],
    "community:visit_report": [
        Case(
            "both schools",
            pk("visit_scheduled"),
            expect(302, STAFF, netwerkcoach=403, bureau=403),
            method="post",
            data=lambda w: {
                "findings": "Goed gesprek.",
                "agreements": "Terugbezoek.",
                **version_of(w, "visit_scheduled", VisitReportForm, "findings", "agreements"),
            },
        )
    ],
    # 3. Meetings, working groups, notes
    "community:meeting_list": [Case("members", page())],
    "community:network_meeting_create": [
        Case(
            "network A: its coach",
            kw(pk="network_a"),
            expect(200, {"netwerkcoach", "bureau"}, docent=403, coordinator=403),
        ),
        Case("network B: another network is 404", kw(pk="network_b"), expect(200, {"bureau"}, docent2=403)),
    ],
    "community:network_year": [
        Case("network A", kw(pk="network_a"), expect(200, A_SIDE)),
        Case("network B", kw(pk="network_b"), expect(200, {"docent2", "bureau"})),
    ],
    "community:meeting_detail": [
        Case("network A's meeting", pk("meeting_a"), expect(200, A_SIDE)),
        Case("network B's meeting", pk("meeting_b"), expect(200, {"docent2", "bureau"})),
        Case("working group: members", pk("group_meeting"), expect(200, {"docent", "docent2", "bureau"})),
    ],
    "community:meeting_edit": [
        Case("the coach", pk("meeting_a"), expect(200, {"netwerkcoach", "bureau"}, docent=403, coordinator=403))
    ],
    "community:meeting_agenda_add": [
        Case(
            "the coach",
            pk("meeting_a"),
            expect(302, {"netwerkcoach", "bureau"}, docent=403, coordinator=403),
            method="post",
            data={"agenda-title": "Rondvraag"},
        )
    ],
    "community:meeting_agenda_remove": [
        Case(
            "the coach",
            kw(pk="meeting_a", item_pk="item_a"),
            expect(302, {"netwerkcoach", "bureau"}, docent=403, coordinator=403),
            method="post",
        )
    ],
    "community:meeting_attendance": [
        Case(
            "the network's schools",
            pk("meeting_a"),
            expect(302, {"docent", "coordinator"}, netwerkcoach=403, bureau=403),
            method="post",
            data=lambda w: {"school": w.school_a.pk, "answer": "yes", "people": 2},
        )
    ],
    "community:meeting_minutes": [
        Case(
            "the coach",
            pk("meeting_a"),
            expect(302, {"netwerkcoach", "bureau"}, docent=403, coordinator=403),
            method="post",
            data=lambda w: {"minutes": "Besproken: planning.", **version_of(w, "meeting_a", MinutesForm, "minutes")},
        )
    ],
    "community:meeting_action_add": [
        Case(
            "the coach",
            pk("meeting_a"),
            expect(302, {"netwerkcoach", "bureau"}, docent=403, coordinator=403),
            method="post",
            data=lambda w: {"action-title": "Lijst delen", "action-owner": w.docent.pk, "action-due_date": later()},
        )
    ],
    "community:action_update": [
        Case(
            "coach and owner",
            pk("action_a"),
            expect(302, {"netwerkcoach", "bureau", "docent"}, coordinator=403),
            method="post",
            data={"status": "done"},
        )
    ],
    "community:group_list": [Case("members", page())],
    "community:group_create": [Case("the office", page(who={"bureau"}))],
    "community:group_detail": [Case("members of the community", pk("group"), expect(200, MEMBERS))],
    "community:group_join": [
        Case("staff and coaches", pk("group"), expect(302, STAFF | {"netwerkcoach"}, bureau=403), method="post")
    ],
    "community:group_leave": [Case("anyone in the community", pk("group"), expect(302, MEMBERS), method="post")],
    "community:group_meeting_create": [
        Case(
            "members and office",
            pk("group"),
            expect(200, {"docent", "docent2", "bureau"}, coordinator=403, netwerkcoach=403),
        )
    ],
    "community:school_notes": [
        Case(
            "school A: coach, coordinator, office; not its teachers",
            kw(pk="school_a"),
            expect(200, {"netwerkcoach", "coordinator", "bureau"}),
        ),
        Case("school B: another network", kw(pk="school_b"), expect(200, {"bureau"})),
        Case(
            "the coach writes",
            kw(pk="school_a"),
            expect(302, {"netwerkcoach", "bureau"}, coordinator=403),
            method="post",
            data=lambda w: {"kind": "visit", "date": later(0), "body": "Bezoek gehad."},
        ),
    ],
    "community:note_delete": [
        Case("the coach", pk("note_a"), expect(302, {"netwerkcoach", "bureau"}, coordinator=403), method="post")
    ],
    # 4. Who's who
    "community:directory": [Case("members; never students or partners", page())],
    "community:profile_edit": [Case("staff", page(who=STAFF, netwerkcoach=403, bureau=403))],
    # 5. Professionalisation
    "community:training_list": [Case("members", page())],
    "community:training_create": [Case("the office", page(who={"bureau"}))],
    "community:training_mine": [Case("staff", page(who=STAFF, netwerkcoach=403, bureau=403))],
    "community:training_team": [Case("coordinator and office", page(who={"coordinator", "bureau"}))],
    "community:training_detail": [Case("members", pk("training"), expect(200, MEMBERS))],
    "community:training_edit": [
        Case("the office", pk("training"), expect(200, {"bureau"}, **{p: 403 for p in MEMBERS - {"bureau"}}))
    ],
    "community:training_enrol": [
        Case("staff", pk("training"), expect(302, STAFF, netwerkcoach=403, bureau=403), method="post")
    ],
    "community:training_cancel": [
        Case(
            "the enrolled",
            pk("training"),
            expect(302, {"docent"}, **{p: 403 for p in MEMBERS - {"docent"}}),
            method="post",
        )
    ],
    "community:training_attendance": [
        Case("the office", pk("training"), expect(200, {"bureau"}, **{p: 403 for p in MEMBERS - {"bureau"}}))
    ],
    # 6. Quality cycle
    "community:cycle_list": [Case("members", page())],
    "community:cycle_start": [
        Case("coordinators", page(302, who={"coordinator"}), method="post", data=lambda w: {"school": w.school_a.pk})
    ],
    "community:quality_overview": [Case("coach and office", page(who={"netwerkcoach", "bureau"}))],
    "community:cycle_detail": [
        Case("school A", pk("cycle_a"), expect(200, A_SIDE)),
        Case("school B", pk("cycle_b"), expect(200, {"docent2", "bureau"})),
    ],
    "community:cycle_results": [Case("school A", pk("cycle_a"), expect(200, A_SIDE))],
    "community:cycle_reflection": [
        Case(
            "the coordinator",
            pk("cycle_a"),
            expect(302, {"coordinator"}, docent=403, netwerkcoach=403, bureau=403),
            method="post",
            data=lambda w: {
                "strengths": "Teams",
                "dream": "Iedereen",
                **version_of(w, "cycle_a", ReflectionForm, "strengths", "dream"),
            },
        )
    ],
    "community:cycle_improvement_add": [
        Case(
            "the coordinator",
            pk("cycle_a"),
            expect(302, {"coordinator"}, docent=403, netwerkcoach=403, bureau=403),
            method="post",
            data={"improvement-title": "Meer partners"},
        )
    ],
    "community:cycle_action_add": [
        Case(
            "the coordinator",
            pk("cycle_a"),
            expect(302, {"coordinator"}, docent=403, netwerkcoach=403, bureau=403),
            method="post",
            data=lambda w: {"action-title": "Bellen", "action-owner": w.docent.pk, "action-due_date": later()},
        )
    ],
    "community:cycle_advance": [
        Case(
            "the coordinator",
            pk("cycle_a"),
            expect(302, {"coordinator"}, docent=403, netwerkcoach=403, bureau=403),
            method="post",
        )
    ],
    "community:cycle_action_update": [
        Case(
            "coordinator and owner",
            pk("cycle_action_a"),
            expect(302, {"coordinator", "docent"}, netwerkcoach=403, bureau=403),
            method="post",
            data={"status": "busy"},
        )
    ],
    "community:my_questionnaires": [Case("everyone logged in", allow(200, who=set(ALL) - {"anon"}))],
    "community:questionnaire_detail": [Case("school A", pk("q_teachers_a"), expect(200, A_SIDE))],
    "community:questionnaire_open": [
        Case(
            "the coordinator",
            pk("q_students_a"),
            expect(302, {"coordinator"}, docent=403, netwerkcoach=403, bureau=403),
            method="post",
        )
    ],
    "community:questionnaire_close": [
        Case(
            "the coordinator",
            pk("q_teachers_a"),
            expect(302, {"coordinator"}, docent=403, netwerkcoach=403, bureau=403),
            method="post",
        )
    ],
    "community:answer": [
        Case("teachers of school A, in the platform", token("q_teachers_a"), expect(200, {"docent", "coordinator"})),
        Case("partners by link, no login", token("q_partners_a"), allow(200, who=set(ALL), anon=200)),
        Case("a draft questionnaire is not open", token("q_students_a"), expect(404, set())),
    ],
}
