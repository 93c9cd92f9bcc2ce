"""Domain functions of the organisation: every write goes through here."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation import notifications
from organisation.access import forget_scope, may_decide_region
from organisation.models import ClassGroup, Enrolment, PartnerOrganisation, RegionProposal, RoleAssignment, SchoolYear
from organisation.roles import Role


@transaction.atomic
def assign_role(user, role, *, school=None, network=None, partner=None) -> RoleAssignment:
    """Give ``user`` a role in a scope (idempotent)."""
    assignment, _ = RoleAssignment.objects.get_or_create(
        user=user, role=role, school=school, network=network, partner=partner
    )
    forget_scope(user)
    return assignment


@transaction.atomic
def revoke_role(user, role, *, school=None, network=None, partner=None) -> int:
    deleted, _ = RoleAssignment.objects.filter(
        user=user, role=role, school=school, network=network, partner=partner
    ).delete()
    forget_scope(user)
    return deleted


def ensure_school_year(start_year: int) -> SchoolYear:
    start, end = SchoolYear.bounds_for(start_year)
    year, _ = SchoolYear.objects.get_or_create(
        name=SchoolYear.name_for(start_year), defaults={"start_date": start, "end_date": end}
    )
    return year


@transaction.atomic
def enrol_student(student, class_group: ClassGroup, *, today=None) -> Enrolment:
    """Enrol a student in a class for that class's school year. A student has
    one enrolment per school year; enrolling again moves them (class or school),
    and their student role follows the school of the current enrolment (the
    school year that contains ``today``)."""
    enrolment, created = Enrolment.objects.update_or_create(
        student=student,
        school_year=class_group.school_year,
        defaults={
            "school": class_group.school,
            "class_group": class_group,
            "level": class_group.level,
            "leerjaar": class_group.leerjaar,
        },
    )
    if class_group.school_year == SchoolYear.objects.current(today):
        RoleAssignment.objects.filter(user=student, role=Role.STUDENT).exclude(school=class_group.school).delete()
        assign_role(student, Role.STUDENT, school=class_group.school)
    return enrolment


@transaction.atomic
def enrol_students(students, class_group: ClassGroup, *, current: bool = True) -> None:
    """Bulk enrolment of new students into one class (used by imports and the
    demo data). Students must not have an enrolment in that school year yet."""
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                student=s,
                school=class_group.school,
                school_year=class_group.school_year,
                class_group=class_group,
                level=class_group.level,
                leerjaar=class_group.leerjaar,
            )
            for s in students
        ]
    )
    if current:
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(user=s, role=Role.STUDENT, school=class_group.school) for s in students]
        )


# Easy to read aloud and to type on a phone: no 0/O, 1/l/I.
_TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def reset_student_password(student) -> str:
    """A coordinator gives a student who forgot their password a temporary one
    (shown once, never stored readable); the student chooses their own at the
    next login. Sessions on other devices end, because the password changed."""
    groups = ["".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(4)) for _ in range(3)]
    temporary = "-".join(groups)
    student.set_password(temporary)
    student.must_change_password = True
    student.save(update_fields=["password", "must_change_password"])
    return temporary


# --- The regions a partner serves ----------------------------------------------------


@transaction.atomic
def propose_regions(user, partner, networks, *, now=None) -> list[RegionProposal]:
    """The regions ``partner`` wants to serve, as chosen on its profile by ``user``.
    Leaving a region takes effect at once, and an unchosen proposal is withdrawn;
    a new region is proposed to the network's coach (``may_decide_region``), or
    approved at once when ``user`` is the one who decides it (the office).
    Returns the new proposals that wait for a decision."""
    now = now or timezone.now()
    partner = PartnerOrganisation.objects.select_for_update().get(pk=partner.pk)
    wanted = {network.pk for network in networks}
    approved = set(partner.networks.values_list("pk", flat=True))
    pending = {p.network_id: p for p in partner.region_proposals.filter(status=RegionProposal.Status.PENDING)}
    if approved - wanted:
        partner.networks.remove(*(approved - wanted))
    RegionProposal.objects.filter(pk__in=[p.pk for nid, p in pending.items() if nid not in wanted]).delete()
    waiting = []
    for network_id in sorted(wanted - approved):
        proposal = pending.get(network_id) or RegionProposal(
            partner=partner, network_id=network_id, proposed_by=user, proposed_at=now
        )
        if may_decide_region(user, network_id):
            _decide(proposal, user, approve=True, now=now)
        elif proposal.pk is None:
            proposal.save()
            notifications.region_proposed(proposal, actor=user, now=now)
            waiting.append(proposal)
    return waiting


@transaction.atomic
def decide_region_proposal(user, proposal, *, approve: bool, now=None) -> RegionProposal:
    """The network's coach or the office approves or rejects a partner's
    proposal; on approval the partner serves the region. The partner is told."""
    proposal = RegionProposal.objects.select_for_update().select_related("partner", "network").get(pk=proposal.pk)
    if not may_decide_region(user, proposal.network_id):
        raise ValidationError(_("Only the network coach of this region or the programme office decides this."))
    if proposal.status != RegionProposal.Status.PENDING:
        raise ValidationError(_("This proposal has already been decided."))
    _decide(proposal, user, approve=approve, now=now or timezone.now())
    notifications.region_decided(proposal, actor=user, now=now)
    return proposal


def _decide(proposal, user, *, approve, now):
    proposal.status = RegionProposal.Status.APPROVED if approve else RegionProposal.Status.REJECTED
    proposal.decided_by = user
    proposal.decided_at = now
    proposal.save()
    if approve:
        proposal.partner.networks.add(proposal.network_id)
