from core.testing.matrix import STAFF_A, Case, allow


def region_proposal(partner, network):
    def make(world):
        from organisation.models import RegionProposal

        proposal = RegionProposal.objects.create(
            partner=getattr(world, partner), network=getattr(world, network), proposed_by=world.partner
        )
        return {"pk": proposal.pk}

    return make


MATRIX = {
    "organisation:school_list": [
        Case(
            "scoped list",
            allow(
                200,
                who={"leerling", "leerling2", "docent", "docent2", "coordinator", "netwerkcoach", "partner", "bureau"},
            ),
        )
    ],
    "organisation:school_detail": [
        Case(
            "school A",
            lambda w: {"pk": w.school_a.pk},
            allow(who={"leerling", "docent", "coordinator", "netwerkcoach", "partner", "bureau"}),
        ),
        Case("school B", lambda w: {"pk": w.school_b.pk}, allow(who={"leerling2", "docent2", "bureau"})),
    ],
    "organisation:class_detail": [
        Case("class of school A", lambda w: {"pk": w.class_a.pk}, allow(who=STAFF_A)),
        Case("class of school B", lambda w: {"pk": w.class_b.pk}, allow(who={"docent2"})),
    ],
    "organisation:student_detail": [
        Case("student of school A", lambda w: {"pk": w.leerling.pk}, allow(who=STAFF_A | {"leerling"})),
        Case("student of school B", lambda w: {"pk": w.leerling2.pk}, allow(who={"docent2", "leerling2"})),
        Case("a teacher is not a student", lambda w: {"pk": w.docent.pk}, allow(who=set())),
    ],
    "organisation:student_password_reset": [
        Case(
            "student of school A: their coordinator only",
            lambda w: {"pk": w.leerling.pk},
            allow(who={"coordinator"}, docent=403, leerling=403),
        ),
        Case("student of school B", lambda w: {"pk": w.leerling2.pk}, allow(who=set(), docent2=403, leerling2=403)),
    ],
    "organisation:network_list": [
        Case(
            "scoped list",
            allow(
                who={"leerling", "leerling2", "docent", "docent2", "coordinator", "netwerkcoach", "partner", "bureau"}
            ),
        )
    ],
    "organisation:network_detail": [
        Case(
            "network A",
            lambda w: {"pk": w.network_a.pk},
            allow(who={"leerling", "docent", "coordinator", "netwerkcoach", "partner", "bureau"}),
        ),
        Case("network B", lambda w: {"pk": w.network_b.pk}, allow(who={"leerling2", "docent2", "bureau"})),
    ],
    "organisation:partner_list": [
        Case(
            "directory",
            allow(who={"docent", "docent2", "coordinator", "netwerkcoach", "partner", "bureau"}, denied=200),
        )
    ],
    "organisation:partner_detail": [
        Case(
            "own partner",
            lambda w: {"pk": w.partner_org.pk},
            allow(who={"docent", "docent2", "coordinator", "netwerkcoach", "partner", "bureau"}),
        ),
        Case(
            "other partner",
            lambda w: {"pk": w.partner_org_b.pk},
            allow(who={"docent", "docent2", "coordinator", "netwerkcoach", "bureau"}),
        ),
    ],
    "organisation:region_proposals": [
        Case("coaches and the office decide", allow(200, who={"netwerkcoach", "bureau"}, denied=403))
    ],
    "organisation:region_proposal_decide": [
        Case(
            "another partner asks for network A",
            region_proposal("partner_org_b", "network_a"),
            allow(302, who={"netwerkcoach", "bureau"}),
            method="post",
            data={"decision": "approve"},
        ),
        Case(
            "the own partner asks for network B: it may not approve itself",
            region_proposal("partner_org", "network_b"),
            allow(302, who={"bureau"}, partner=403),
            method="post",
            data={"decision": "approve"},
        ),
    ],
}
