"""Permission matrix of the portfolio. Reflections are personal: the student
and the coaches (staff) of the student's current school; never partners, the
network coach, the programme office, other students or other schools. Private
coach notes: coaches of that school only (see test_privacy.py for content)."""

from core.testing.matrix import STAFF_A, Case, allow
from portfolio.forms import MentorAdviceForm
from portfolio.tests import factories as f

STUDENTS = {"leerling", "leerling2"}
STAFF = {"docent", "docent2", "coordinator"}
A_OWNER = {"leerling"}
B_OWNER = {"leerling2"}
A_READ = {"leerling", "docent", "coordinator"}
B_READ = {"leerling2", "docent2"}


def exp_a(w):
    return {"pk": f.experience_a(w).pk}


def exp_b(w):
    return {"pk": f.experience_b(w).pk}


def own_write(ok=200, *, owner, coaches, anon=302):
    """Owner writes, coaches of the school read only (403), others 404."""
    return allow(ok, who=owner, anon=anon, **{c: 403 for c in coaches})


MATRIX = {
    "portfolio:home": [
        Case(
            "own portfolio; staff go to the coach view", allow(who=STUDENTS, docent=302, docent2=302, coordinator=302)
        ),
    ],
    "portfolio:experience_add": [Case("students only", allow(who=STUDENTS))],
    "portfolio:experience_detail": [
        Case("school A object", exp_a, allow(who=A_READ)),
        Case("school B object", exp_b, allow(who=B_READ)),
    ],
    "portfolio:experience_edit": [
        Case("school A object", exp_a, own_write(owner=A_OWNER, coaches=STAFF_A)),
        Case("school B object", exp_b, own_write(owner=B_OWNER, coaches={"docent2"})),
        Case(
            "automatic experience is read-only",
            lambda w: {"pk": f.team_project_a(w).pk},
            own_write(owner=set(), coaches=STAFF_A | {"leerling"}),
        ),
    ],
    "portfolio:experience_delete": [
        Case("school A object", exp_a, own_write(302, owner=A_OWNER, coaches=STAFF_A), method="post"),
        Case("school B object", exp_b, own_write(302, owner=B_OWNER, coaches={"docent2"}), method="post"),
    ],
    "portfolio:reflect": [
        Case("school A object", exp_a, own_write(owner=A_OWNER, coaches=STAFF_A)),
        Case("school B object", exp_b, own_write(owner=B_OWNER, coaches={"docent2"})),
    ],
    "portfolio:reflect_draft": [
        Case(
            "school A object",
            exp_a,
            own_write(owner=A_OWNER, coaches=STAFF_A, anon=401),
            method="post",
            data={"goals": "concept"},
        ),
        Case(
            "school B object",
            exp_b,
            own_write(owner=B_OWNER, coaches={"docent2"}, anon=401),
            method="post",
            data={"goals": "concept"},
        ),
    ],
    "portfolio:endorse": [
        Case(
            "own project with a teammate",
            lambda w: {"pk": f.team_project_a(w).pk},
            own_write(owner=A_OWNER, coaches=STAFF_A),
        ),
    ],
    "portfolio:richtingsgevoel": [Case("own dashboard", allow(who=STUDENTS))],
    "portfolio:qualities": [Case("own qualities", allow(who=STUDENTS))],
    "portfolio:conversations": [Case("own conversations", allow(who=STUDENTS))],
    "portfolio:export": [Case("own data", allow(who=STUDENTS))],
    "portfolio:transfer": [Case("own transfer dossier", allow(who=STUDENTS))],
    "portfolio:dossier_generate": [
        Case("for student A", lambda w: {"pk": w.leerling.pk}, allow(302, who=A_READ), method="post"),
        Case("for student B", lambda w: {"pk": w.leerling2.pk}, allow(302, who=B_READ), method="post"),
    ],
    "portfolio:dossier_status": [
        Case("school A object", lambda w: {"pk": f.dossier_a(w).pk}, allow(who=A_READ)),
        Case("school B object", lambda w: {"pk": f.dossier_b(w).pk}, allow(who=B_READ)),
    ],
    "portfolio:dossier_download": [
        Case("school A object", lambda w: {"pk": f.dossier_a(w).pk}, allow(who=A_READ)),
        Case("school B object", lambda w: {"pk": f.dossier_b(w).pk}, allow(who=B_READ)),
    ],
    "portfolio:coach_home": [Case("staff", allow(who=STAFF))],
    "portfolio:coach_class": [
        Case("class of school A", lambda w: {"pk": w.class_a.pk}, allow(who=STAFF_A)),
        Case("class of school B", lambda w: {"pk": w.class_b.pk}, allow(who={"docent2"})),
    ],
    "portfolio:coach_student": [
        Case("student of school A", lambda w: {"pk": w.leerling.pk}, allow(who=STAFF_A)),
        Case("student of school B", lambda w: {"pk": w.leerling2.pk}, allow(who={"docent2"})),
        Case("a teacher is not a student", lambda w: {"pk": w.docent.pk}, allow(who=set())),
    ],
    "portfolio:conversation_add": [
        Case("student of school A", lambda w: {"pk": w.leerling.pk}, allow(who=STAFF_A)),
        Case("student of school B", lambda w: {"pk": w.leerling2.pk}, allow(who={"docent2"})),
    ],
    "portfolio:note_add": [
        Case(
            "student of school A",
            lambda w: {"pk": w.leerling.pk},
            allow(302, who=STAFF_A),
            method="post",
            data={"text": "privé"},
        ),
        Case(
            "student of school B",
            lambda w: {"pk": w.leerling2.pk},
            allow(302, who={"docent2"}),
            method="post",
            data={"text": "privé"},
        ),
    ],
    "portfolio:coach_endorse": [
        Case(
            "student of school A",
            lambda w: {"pk": w.leerling.pk},
            allow(302, who=STAFF_A),
            method="post",
            data={"qualities": ["creatief"]},
        ),
        Case(
            "student of school B",
            lambda w: {"pk": w.leerling2.pk},
            allow(302, who={"docent2"}),
            method="post",
            data={"qualities": ["creatief"]},
        ),
    ],
    "portfolio:mentor_advice": [
        Case(
            "student of school A",
            lambda w: {"pk": w.leerling.pk},
            allow(302, who=STAFF_A),
            method="post",
            data=lambda w: {"advice": "Goed bezig", "version": MentorAdviceForm(initial={"advice": ""}).seen_version},
        ),
        Case(
            "student of school B",
            lambda w: {"pk": w.leerling2.pk},
            allow(302, who={"docent2"}),
            method="post",
            data=lambda w: {"advice": "Goed bezig", "version": MentorAdviceForm(initial={"advice": ""}).seen_version},
        ),
    ],
}
