"""Permission matrix of the assignment library (see core/testing/matrix.py).

Objects are made lazily and cached on the world:
  concept_a     concept of school A (shared with the school only)
  school_pub_a  published, scope "own school", school A
  network_pub_b published, scope "network", school B (network B)
  national_b    published nationally by school B
  archived_b    archived national assignment of school B
  partner_a     published nationally by school A, made from world.partner_org's challenge
  challenge_a   challenge of world.partner_org (region network A)
  challenge_b   challenge of world.partner_org_b (region network B)
"""

from core.testing.matrix import STAFF_A, Case, allow

STAFF = {"docent", "docent2", "coordinator"}
LIBRARY_USERS = STAFF | {"netwerkcoach", "partner", "bureau"}
NO_STUDENTS = {"leerling": 403, "leerling2": 403}


def _build(w, name):
    from assignments import services
    from assignments.tests.factories import ChallengeFactory, make_assignment

    if name == "challenge_a":
        return ChallengeFactory(partner=w.partner_org, created_by=w.partner)
    if name == "challenge_b":
        return ChallengeFactory(partner=w.partner_org_b)
    if name == "concept_a":
        return make_assignment(w.docent, w.school_a, title="Concept A")
    if name == "school_pub_a":
        return make_assignment(w.docent, w.school_a, status="published", scope="school")
    if name == "network_pub_b":
        return make_assignment(w.docent2, w.school_b, status="published", scope="network")
    if name == "national_b":
        return make_assignment(w.docent2, w.school_b, status="published", scope="national")
    if name == "archived_b":
        return make_assignment(w.docent2, w.school_b, status="archived", scope="national")
    if name == "partner_a":
        challenge = _get(w, "challenge_a")
        return make_assignment(w.docent, w.school_a, status="published", scope="national", challenge=challenge)
    if name == "material_a":
        return services.add_material(w.docent, _get(w, "concept_a"), title="Link", url="https://example.org/a")
    if name == "material_b":
        return services.add_material(w.docent2, _get(w, "national_b"), title="Link", url="https://example.org/b")
    raise KeyError(name)


def _get(w, name):
    """The object, made on first use. The matrix rolls back after every
    persona, so an object that no longer exists is made again."""
    cache = w.__dict__.setdefault("_assignments", {})
    obj = cache.get(name)
    if obj is None or not type(obj).objects.filter(pk=obj.pk).exists():
        obj = cache[name] = _build(w, name)
    return obj


def _objects(w):
    return _Lazy(w)


class _Lazy:
    def __init__(self, w):
        self.w = w

    def __getitem__(self, name):
        return _get(self.w, name)


def pk(name):
    return lambda w: {"pk": _objects(w)[name].pk}


def material(name, mat):
    return lambda w: {"pk": _objects(w)[name].pk, "material_pk": _objects(w)[mat].pk}


def version(name):
    return lambda w: {"pk": _objects(w)[name].pk, "number": 1}


# Who may read each kind of assignment (GET detail).
READ = {
    "concept_a": STAFF_A | {"bureau"},
    "school_pub_a": STAFF_A | {"bureau"},
    "network_pub_b": {"docent2", "bureau"},
    "national_b": STAFF | {"netwerkcoach", "bureau"},
    "archived_b": STAFF | {"netwerkcoach", "bureau"},
    "partner_a": STAFF | {"netwerkcoach", "partner", "bureau"},
}


def read_cases(kwargs_for):
    return [Case(label, kwargs_for(label), allow(who=who)) for label, who in READ.items()]


def owner_only(label, kwargs, owner, *, method="get", ok=200, data=None):
    """Owner school staff get ``ok``; others who can read get 403; the rest 404."""
    readers = READ[label]
    expect = allow(ok, who=owner)
    for persona in readers - owner:
        expect[persona] = 403
    return Case(label, kwargs, expect, method=method, data=data)


MATRIX = {
    "assignments:library": [Case("scoped library", allow(who=LIBRARY_USERS, **NO_STUDENTS))],
    "assignments:mine": [Case("own school's", allow(who=STAFF, denied=403))],
    "assignments:create": [
        Case("form", allow(who=STAFF, denied=403)),
        Case("empty post re-renders", allow(who=STAFF, denied=403), method="post"),
    ],
    "assignments:detail": read_cases(pk),
    "assignments:versions": read_cases(pk),
    "assignments:version_detail": read_cases(version),
    "assignments:edit": [
        owner_only("concept_a", pk("concept_a"), STAFF_A),
        owner_only("national_b", pk("national_b"), {"docent2"}),
    ],
    "assignments:material_add": [
        owner_only("concept_a", pk("concept_a"), STAFF_A),
        owner_only("national_b", pk("national_b"), {"docent2"}),
    ],
    "assignments:publish": [
        owner_only("concept_a", pk("concept_a"), STAFF_A, method="post", ok=302, data={"sharing_scope": "network"}),
        owner_only(
            "national_b", pk("national_b"), {"docent2"}, method="post", ok=302, data={"sharing_scope": "school"}
        ),
    ],
    "assignments:archive": [
        owner_only("concept_a", pk("concept_a"), STAFF_A, method="post", ok=302),
        owner_only("national_b", pk("national_b"), {"docent2"}, method="post", ok=302),
    ],
    "assignments:adopt": [
        # Teachers of another school adopt; the owner school and non-teachers may not.
        Case(
            "national_b",
            pk("national_b"),
            allow(302, who={"docent", "coordinator"}, docent2=403, netwerkcoach=403, bureau=403),
            method="post",
        ),
        Case("concept_a", pk("concept_a"), allow(who=set(), docent=403, coordinator=403, bureau=403), method="post"),
    ],  # fmt: skip
    "assignments:rate": [
        # Rating needs a recorded view first: without one it is refused (403).
        Case(
            "national_b, not viewed",
            pk("national_b"),
            allow(who=set(), docent=403, docent2=403, coordinator=403, netwerkcoach=403, bureau=403),
            method="post",
            data={"score": 4},
        ),
        Case(
            "concept_a",
            pk("concept_a"),
            allow(who=set(), docent=403, coordinator=403, bureau=403),
            method="post",
            data={"score": 4},
        ),
    ],  # fmt: skip
    "assignments:material_download": [
        Case("material of concept_a", material("concept_a", "material_a"), allow(302, who=STAFF_A | {"bureau"})),
        Case(
            "material of national_b",
            material("national_b", "material_b"),
            allow(302, who=STAFF | {"netwerkcoach", "bureau"}),
        ),
    ],  # fmt: skip
    "assignments:material_remove": [
        Case(
            "material of concept_a",
            material("concept_a", "material_a"),
            allow(302, who=STAFF_A, bureau=403),
            method="post",
        ),
        Case(
            "material of national_b",
            material("national_b", "material_b"),
            allow(302, who={"docent2"}, docent=403, coordinator=403, netwerkcoach=403, bureau=403),
            method="post",
        ),
    ],  # fmt: skip
    "assignments:challenge_list": [Case("scoped list", allow(who=LIBRARY_USERS, **NO_STUDENTS))],
    "assignments:challenge_create": [
        Case("form", allow(who={"partner"}, denied=403)),
        Case("empty post re-renders", allow(who={"partner"}, denied=403), method="post"),
    ],
    "assignments:challenge_detail": [
        Case("challenge_a", pk("challenge_a"), allow(who=STAFF_A | {"netwerkcoach", "partner", "bureau"})),
        Case("challenge_b", pk("challenge_b"), allow(who={"docent2", "bureau"})),
    ],
    "assignments:challenge_edit": [
        Case(
            "challenge_a",
            pk("challenge_a"),
            allow(who={"partner", "bureau"}, docent=403, coordinator=403, netwerkcoach=403),
        ),
        Case("challenge_b", pk("challenge_b"), allow(who={"bureau"}, docent2=403)),
    ],  # fmt: skip
    "assignments:challenge_respond": [
        Case(
            "challenge_a",
            pk("challenge_a"),
            allow(302, who=STAFF_A, netwerkcoach=403, partner=403, bureau=403),
            method="post",
            data={"message": "Wij doen mee met klas 3A."},
        ),
        Case(
            "challenge_b",
            pk("challenge_b"),
            allow(302, who={"docent2"}, bureau=403),
            method="post",
            data={"message": "Graag!"},
        ),
    ],  # fmt: skip
    "assignments:challenge_status": [
        Case(
            "challenge_a",
            pk("challenge_a"),
            allow(302, who={"partner", "bureau"}, docent=403, coordinator=403, netwerkcoach=403),
            method="post",
        ),
        Case("challenge_b", pk("challenge_b"), allow(302, who={"bureau"}, docent2=403), method="post"),
    ],  # fmt: skip
}
