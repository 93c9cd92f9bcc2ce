"""Permission matrix of the partner network. Objects are made per persona
inside the matrix's rolled-back transaction (see partners/tests/factories.py)."""

import datetime

from django.utils import timezone

from core.testing.matrix import ALL, EVERYONE, Case, allow
from partners.tests.factories import (
    booking_a,
    booking_b,
    done_booking_a,
    offer_a,
    offer_b,
    partner_feed_a,
    school_feed_a,
)

STAFF_A = {"docent", "coordinator"}
CATALOGUE = {"docent", "docent2", "coordinator", "netwerkcoach", "partner", "bureau"}
DIRECTORY = {"docent", "docent2", "coordinator", "netwerkcoach", "bureau"}  # see every partner organisation
BOOKERS = {"docent", "docent2", "coordinator"}
SEES_BOOKING_A = STAFF_A | {"netwerkcoach", "partner", "bureau"}
ONLOOKERS_A = {"netwerkcoach", "bureau"}  # see booking A but do not act on it
STUDENTS = {"leerling", "leerling2"}


def future(days=30):
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def expect(ok, denied=None, *, default=404, anon=302):
    """ok: {persona: status}; everyone else ``default``."""
    result = {name: default for name in ALL}
    result["anon"] = anon
    result.update(ok)
    return result


def statuses(code, who):
    return {name: code for name in who}


MATRIX = {
    "partners:offer_list": [
        Case("catalogue", allow(200, who=CATALOGUE, denied=403)),
    ],
    "partners:offer_detail": [
        Case("offer of the demo partner (region A)", lambda w: {"pk": offer_a(w).pk}, allow(who=CATALOGUE)),
        Case("offer of another partner", lambda w: {"pk": offer_b(w).pk}, allow(who=DIRECTORY)),
    ],
    "partners:booking_create": [
        Case(
            "form for offer A",
            lambda w: {"pk": offer_a(w).pk},
            expect({**statuses(200, BOOKERS), **statuses(403, {"partner", "netwerkcoach", "bureau"})}),
        ),
        Case(
            "form for another partner's offer",
            lambda w: {"pk": offer_b(w).pk},
            expect({**statuses(200, BOOKERS), **statuses(403, {"netwerkcoach", "bureau"})}),
        ),
        Case(
            "empty request re-renders with errors",
            lambda w: {"pk": offer_a(w).pk},
            expect({**statuses(200, BOOKERS), **statuses(403, {"partner", "netwerkcoach", "bureau"})}),
            method="post",
        ),
        Case(
            "valid request for class 3A",
            lambda w: {"pk": offer_a(w).pk},
            # docent2 cannot pick a class of school A: the form answers with an error.
            expect({**statuses(302, STAFF_A), "docent2": 200, **statuses(403, {"partner", "netwerkcoach", "bureau"})}),
            method="post",
            data=lambda w: {"class_group": w.class_a.pk, "group_size": 20, "preferred_date": future()},
        ),
    ],
    "partners:offer_edit": [
        Case(
            "own offer",
            lambda w: {"pk": offer_a(w).pk},
            expect({"partner": 200, "bureau": 200, **statuses(403, DIRECTORY - {"bureau"})}),
        ),
        Case(
            "another partner's offer",
            lambda w: {"pk": offer_b(w).pk},
            expect({"bureau": 200, **statuses(403, DIRECTORY - {"bureau"})}),
        ),
    ],
    "partners:partner_home": [Case("partners only", allow(200, who={"partner"}, denied=403))],
    "partners:profile_edit": [
        Case(
            "own organisation",
            lambda w: {"pk": w.partner_org.pk},
            expect({"partner": 200, "bureau": 200, **statuses(403, DIRECTORY - {"bureau"})}),
        ),
        Case(
            "another organisation",
            lambda w: {"pk": w.partner_org_b.pk},
            expect({"bureau": 200, **statuses(403, DIRECTORY - {"bureau"})}),
        ),
    ],
    "partners:offer_create": [
        Case(
            "own organisation",
            lambda w: {"pk": w.partner_org.pk},
            expect({"partner": 200, "bureau": 200, **statuses(403, DIRECTORY - {"bureau"})}),
        ),
        Case(
            "another organisation",
            lambda w: {"pk": w.partner_org_b.pk},
            expect({"bureau": 200, **statuses(403, DIRECTORY - {"bureau"})}),
        ),
    ],
    "partners:booking_list": [Case("scoped list", allow(200, who=EVERYONE))],
    "partners:booking_detail": [
        Case("school A object", lambda w: {"pk": booking_a(w).pk}, allow(who=SEES_BOOKING_A)),
        Case("school B object", lambda w: {"pk": booking_b(w).pk}, allow(who={"docent2", "bureau"})),
        Case(
            "visit attended by leerling",
            lambda w: {"pk": done_booking_a(w).pk},
            allow(who=SEES_BOOKING_A | {"leerling"}),
        ),
    ],
    "partners:booking_accept": [
        Case(
            "school A object",
            lambda w: {"pk": booking_a(w).pk},
            expect({"partner": 302, **statuses(403, STAFF_A | ONLOOKERS_A)}),
            method="post",
        ),
        Case(
            "school B object",
            lambda w: {"pk": booking_b(w).pk},
            expect({**statuses(403, {"docent2", "bureau"})}),
            method="post",
        ),
    ],
    "partners:booking_decline": [
        Case(
            "school A object",
            lambda w: {"pk": booking_a(w).pk},
            expect({"partner": 302, **statuses(403, STAFF_A | ONLOOKERS_A)}),
            method="post",
            data={"reason": "Geen begeleiders beschikbaar."},
        ),
        Case(
            "school B object",
            lambda w: {"pk": booking_b(w).pk},
            expect({**statuses(403, {"docent2", "bureau"})}),
            method="post",
            data={"reason": "Nee."},
        ),
    ],
    "partners:booking_propose": [
        Case(
            "school A object",
            lambda w: {"pk": booking_a(w).pk},
            expect({"partner": 302, **statuses(403, STAFF_A | ONLOOKERS_A)}),
            method="post",
            data=lambda w: {"new_date": future(34)},
        ),
        Case(
            "school B object",
            lambda w: {"pk": booking_b(w).pk},
            expect({**statuses(403, {"docent2", "bureau"})}),
            method="post",
            data=lambda w: {"new_date": future(34)},
        ),
    ],
    "partners:booking_accept_proposal": [
        Case(
            "school A object (nothing proposed: message and back)",
            lambda w: {"pk": booking_a(w).pk},
            expect({**statuses(302, STAFF_A), **statuses(403, {"partner"} | ONLOOKERS_A)}),
            method="post",
        ),
        Case(
            "school B object", lambda w: {"pk": booking_b(w).pk}, expect({"docent2": 302, "bureau": 403}), method="post"
        ),
    ],
    "partners:booking_cancel": [
        Case(
            "school A object",
            lambda w: {"pk": booking_a(w).pk},
            expect({**statuses(302, STAFF_A | {"partner"}), **statuses(403, ONLOOKERS_A)}),
            method="post",
        ),
        Case(
            "school B object", lambda w: {"pk": booking_b(w).pk}, expect({"docent2": 302, "bureau": 403}), method="post"
        ),
    ],
    "partners:booking_attendance": [
        Case(
            "school A object",
            lambda w: {"pk": done_booking_a(w).pk},
            expect({**statuses(200, STAFF_A), **statuses(403, {"partner", "leerling"} | ONLOOKERS_A)}),
        ),
        Case("school B object", lambda w: {"pk": booking_b(w).pk}, expect({"docent2": 200, "bureau": 403})),
    ],
    "partners:booking_feedback": [
        Case(
            "school A object",
            lambda w: {"pk": done_booking_a(w).pk},
            expect({**statuses(302, STAFF_A | {"leerling"}), **statuses(403, {"partner"} | ONLOOKERS_A)}),
            method="post",
            data={"rating": 5, "text": "Heel leerzaam!"},
        ),
        Case(
            "school B object",
            lambda w: {"pk": booking_b(w, status="afgerond").pk},
            expect({"docent2": 302, "bureau": 403}),
            method="post",
            data={"rating": 4, "text": "Goed."},
        ),
    ],
    "partners:booking_ics": [
        Case("school A object", lambda w: {"pk": done_booking_a(w).pk}, allow(who=SEES_BOOKING_A | {"leerling"})),
        Case("not confirmed yet", lambda w: {"pk": booking_a(w).pk}, allow(who=set())),
        Case(
            "school B object", lambda w: {"pk": booking_b(w, status="bevestigd").pk}, allow(who={"docent2", "bureau"})
        ),
    ],
    "partners:calendar": [Case("staff and partners", allow(200, who=BOOKERS | {"partner"}, denied=403))],
    "partners:school_feed_renew": [
        Case(
            "school A object",
            lambda w: {"pk": w.school_a.pk},
            expect({**statuses(302, STAFF_A), **statuses(403, {"leerling", "netwerkcoach", "partner", "bureau"})}),
            method="post",
        ),
        Case(
            "school B object",
            lambda w: {"pk": w.school_b.pk},
            expect({"docent2": 302, **statuses(403, {"leerling2", "bureau"})}),
            method="post",
        ),
    ],
    "partners:partner_feed_renew": [
        Case(
            "own organisation",
            lambda w: {"pk": w.partner_org.pk},
            expect({"partner": 302, **statuses(403, DIRECTORY)}),
            method="post",
        ),
        Case(
            "another organisation",
            lambda w: {"pk": w.partner_org_b.pk},
            expect({**statuses(403, DIRECTORY)}),
            method="post",
        ),
    ],
    "partners:school_feed": [
        Case(
            "valid token, no session needed", lambda w: {"token": school_feed_a(w).token}, {name: 200 for name in ALL}
        ),
        Case("wrong token", {"token": "not-a-real-token"}, {name: 404 for name in ALL}),
    ],
    "partners:partner_feed": [
        Case(
            "valid token, no session needed", lambda w: {"token": partner_feed_a(w).token}, {name: 200 for name in ALL}
        ),
        Case("wrong token", {"token": "not-a-real-token"}, {name: 404 for name in ALL}),
    ],
    "partners:coverage": [Case("coach and office", allow(200, who={"netwerkcoach", "bureau"}, denied=403))],
}
