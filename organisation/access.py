"""Who may see what in the organisation, and the Scope every app's rules build on.

A reviewer reads all of the organisation's security here, in this order:

1. the ``Scope``: computed once per request from the user's role assignments;
   an unknown role, an anonymous or inactive user gets the empty scope;
2. the queryset rules ``visible_<things>(user, qs=None)`` (and ``editable_…``,
   ``staffed_…`` where they differ): lists, panels, forms and other apps use
   exactly these; deny by default;
3. the loaders of the organisation's pages, ``load_<thing>(user, pk)``: the
   object (404 outside the rule) with what the user may see of it;
4. who is told: a partner organisation's addresses.

Models import nothing from here; this module imports the models.
"""

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from organisation.models import (
    ClassGroup,
    EducationTeam,
    Enrolment,
    Membership,
    Network,
    PartnerContact,
    PartnerOrganisation,
    RegionProposal,
    RoleAssignment,
    School,
)
from organisation.roles import Role

if TYPE_CHECKING:
    from accounts.models import User

# --- The scope -------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    user_id: int | None = None
    roles: frozenset = field(default_factory=frozenset)
    # School ids per capacity.
    student_school_ids: frozenset = field(default_factory=frozenset)
    teacher_school_ids: frozenset = field(default_factory=frozenset)
    coordinator_school_ids: frozenset = field(default_factory=frozenset)
    network_ids: frozenset = field(default_factory=frozenset)  # as network coach
    partner_ids: frozenset = field(default_factory=frozenset)  # as partner contact
    national: bool = False  # programme office

    @property
    def staff_school_ids(self) -> frozenset:
        """Schools where the user works (teacher or coordinator)."""
        return self.teacher_school_ids | self.coordinator_school_ids

    @property
    def school_ids(self) -> frozenset:
        """Every school the user belongs to, in any capacity."""
        return self.student_school_ids | self.staff_school_ids

    @property
    def is_staff_somewhere(self) -> bool:
        return bool(self.staff_school_ids)

    def has(self, role: str) -> bool:
        return role in self.roles

    def __bool__(self) -> bool:
        return bool(self.roles)


EMPTY_SCOPE = Scope()


def get_scope(user) -> Scope:
    """The user's scope, cached on the user object for the rest of the request."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return EMPTY_SCOPE
    cached = getattr(user, "_tm_scope", None)
    if cached is not None:
        return cached
    buckets = {
        Role.STUDENT: set(),
        Role.TEACHER: set(),
        Role.COORDINATOR: set(),
        Role.NETWORK_COACH: set(),
        Role.PARTNER: set(),
    }
    roles = set()
    national = False
    rows = RoleAssignment.objects.filter(user_id=user.pk).values_list("role", "school_id", "network_id", "partner_id")
    for role, school_id, network_id, partner_id in rows:
        roles.add(role)
        if role in (Role.STUDENT, Role.TEACHER, Role.COORDINATOR) and school_id:
            buckets[role].add(school_id)
        elif role == Role.NETWORK_COACH and network_id:
            buckets[role].add(network_id)
        elif role == Role.PARTNER and partner_id:
            buckets[role].add(partner_id)
        elif role == Role.OFFICE:
            national = True
    scope = Scope(
        user_id=user.pk,
        roles=frozenset(roles),
        student_school_ids=frozenset(buckets[Role.STUDENT]),
        teacher_school_ids=frozenset(buckets[Role.TEACHER]),
        coordinator_school_ids=frozenset(buckets[Role.COORDINATOR]),
        network_ids=frozenset(buckets[Role.NETWORK_COACH]),
        partner_ids=frozenset(buckets[Role.PARTNER]),
        national=national,
    )
    user._tm_scope = scope
    return scope


def forget_scope(user) -> None:
    """Drop the cached scope (after changing someone's roles in the same request)."""
    if hasattr(user, "_tm_scope"):
        del user._tm_scope


# --- Queryset rules ----------------------------------------------------------------


def _rows(model, qs):
    """The queryset a rule narrows: the caller's (for its select_related, filters,
    annotations) or all rows of ``model``."""
    return model.objects.all() if qs is None else qs


def _all_for_office(scope, qs, condition):
    """The office sees every row; an empty scope none; anyone else each row
    that matches ``condition`` (once, though it may match through several joins)."""
    if scope.national:
        return qs
    if not scope:
        return qs.none()
    return qs.filter(condition).distinct()


def visible_networks(user, qs=None):
    """Network coaches see their networks; students and staff the network of
    their school; partners the networks of their regions; the office all."""
    scope = get_scope(user)
    return _all_for_office(
        scope,
        _rows(Network, qs),
        Q(id__in=scope.network_ids) | Q(schools__id__in=scope.school_ids) | Q(partners__id__in=scope.partner_ids),
    )


def visible_schools(user, qs=None):
    """Everyone with a role sees the schools they belong to; network coaches
    the schools of their networks; partners the schools of their regions;
    the programme office all."""
    scope = get_scope(user)
    return _all_for_office(
        scope,
        _rows(School, qs),
        Q(id__in=scope.school_ids)
        | Q(network_id__in=scope.network_ids)
        | Q(network__partners__id__in=scope.partner_ids),
    )


def staffed_schools(user, qs=None, *, role=None):
    """Schools where the user works as teacher or coordinator; with ``role``
    (``Role.TEACHER`` or ``Role.COORDINATOR``) only those where they hold that role."""
    scope = get_scope(user)
    school_ids = {
        None: scope.staff_school_ids,
        Role.TEACHER: scope.teacher_school_ids,
        Role.COORDINATOR: scope.coordinator_school_ids,
    }[role]
    return _rows(School, qs).filter(id__in=school_ids)


def coached_schools(user, qs=None):
    """The schools of the networks the user coaches as network coach."""
    return _rows(School, qs).filter(network_id__in=get_scope(user).network_ids)


def visible_memberships(user, qs=None):
    """A school's membership of the consortium: the school's staff, the coaches
    of its network and the office. Students and partners: none."""
    qs = _rows(Membership, qs)
    scope = get_scope(user)
    if scope.national:
        return qs
    return qs.filter(Q(school_id__in=scope.staff_school_ids) | Q(school__network_id__in=scope.network_ids))


def visible_education_teams(user, qs=None):
    """Education teams: the school's staff only."""
    return _rows(EducationTeam, qs).filter(school_id__in=get_scope(user).staff_school_ids)


def visible_classes(user, qs=None):
    """Class rosters are for the school's staff only. A student learns their
    own class through their enrolment, never through a roster; coaches,
    partners and the office see no classes."""
    return _rows(ClassGroup, qs).filter(school_id__in=get_scope(user).staff_school_ids)


def visible_enrolments(user, qs=None):
    """Staff see the enrolments at their schools; a student sees their own
    (at any school). Everyone else: none."""
    qs = _rows(Enrolment, qs)
    scope = get_scope(user)
    if not scope:
        return qs.none()
    return qs.filter(Q(school_id__in=scope.staff_school_ids) | Q(student_id=scope.user_id))


def visible_students(user, qs=None):
    """Students (users) a user may see: staff see the students of their
    schools; a student sees only themselves. Everyone else: nobody."""
    qs = _rows(get_user_model(), qs)
    scope = get_scope(user)
    if not scope:
        return qs.none()
    condition = Q(pk=scope.user_id, role_assignments__role=Role.STUDENT)
    if scope.staff_school_ids:
        condition |= Q(role_assignments__role=Role.STUDENT, role_assignments__school_id__in=scope.staff_school_ids)
    return qs.filter(condition).distinct()


def visible_partner_organisations(user, qs=None):
    """Partner organisations are a directory for staff, coaches and the
    office; a partner contact sees only their own organisation; students none."""
    qs = _rows(PartnerOrganisation, qs)
    scope = get_scope(user)
    if scope.national or scope.network_ids or scope.staff_school_ids:
        return qs
    return own_partner_organisations(user, qs)


def own_partner_organisations(user, qs=None):
    """The organisations the user is a contact of (as partner)."""
    return _rows(PartnerOrganisation, qs).filter(id__in=get_scope(user).partner_ids)


def editable_partner_organisations(user, qs=None):
    """A partner organisation's own contacts change its profile; so does the office."""
    if get_scope(user).national:
        return _rows(PartnerOrganisation, qs)
    return own_partner_organisations(user, qs)


def visible_region_proposals(user, qs=None):
    """A partner's proposals to serve a region: the office sees all; a network
    coach those for their networks; a partner contact their own organisation's.
    Everyone else: none."""
    qs = _rows(RegionProposal, qs)
    scope = get_scope(user)
    if scope.national:
        return qs
    return qs.filter(Q(network_id__in=scope.network_ids) | Q(partner_id__in=scope.partner_ids))


def may_decide_region(user, network_id) -> bool:
    """Whether a partner may serve a network is decided by that network's
    coach or by the programme office, never by the partner itself."""
    scope = get_scope(user)
    return scope.national or network_id in scope.network_ids


def decidable_region_proposals(user, qs=None):
    """The proposals still waiting for this user's decision (see ``may_decide_region``)."""
    qs = _rows(RegionProposal, qs).filter(status=RegionProposal.Status.PENDING)
    scope = get_scope(user)
    if scope.national:
        return qs
    return qs.filter(network_id__in=scope.network_ids)


def reviews_region_proposals(user) -> bool:
    """The page of region proposals: network coaches and the office."""
    scope = get_scope(user)
    return scope.national or bool(scope.network_ids)


def require(allowed: bool) -> None:
    """Visible but not allowed: 403."""
    if not allowed:
        raise PermissionDenied


# --- Loaders -----------------------------------------------------------------------
# Each takes ``qs`` to add the page's select_related/prefetch_related; the rule
# above narrows it, so anything outside it answers 404.


@dataclass(frozen=True)
class SchoolAccess:
    school: School
    is_staff: bool  # the user works at this school (teacher or coordinator)
    membership: Membership | None  # None: no membership on record, or not the user's to see

    @property
    def sees_classes(self) -> bool:
        """This year's classes with their numbers of students: the school's own staff."""
        return self.is_staff

    @property
    def sees_staff(self) -> bool:
        """Who teaches and coordinates at the school: its own staff."""
        return self.is_staff

    @property
    def sees_membership(self) -> bool:
        return self.membership is not None


def load_school(user, pk, *, qs=None) -> SchoolAccess:
    school = get_object_or_404(visible_schools(user, qs), pk=pk)
    return SchoolAccess(
        school=school,
        is_staff=school.pk in get_scope(user).staff_school_ids,
        membership=visible_memberships(user).filter(school=school).first(),
    )


@dataclass(frozen=True)
class ClassAccess:
    """Whoever may open a class (its school's staff) sees all of it: its roster too."""

    class_group: ClassGroup


def load_class(user, pk, *, qs=None) -> ClassAccess:
    return ClassAccess(class_group=get_object_or_404(visible_classes(user, qs), pk=pk))


@dataclass(frozen=True)
class StudentAccess:
    student: "User"
    is_self: bool  # a student looking at their own school career
    can_reset_password: bool = False  # a coordinator of the student's school

    @property
    def sees_classes(self) -> bool:
        """The rosters of the student's classes: staff, never the student."""
        return not self.is_self


def load_student(user, pk, *, qs=None) -> StudentAccess:
    student = get_object_or_404(visible_students(user, qs), pk=pk)
    scope = get_scope(user)
    can_reset = bool(scope.coordinator_school_ids) and (
        RoleAssignment.objects.filter(
            user=student, role=Role.STUDENT, school_id__in=scope.coordinator_school_ids
        ).exists()
    )
    return StudentAccess(student=student, is_self=student.pk == user.pk, can_reset_password=can_reset)


@dataclass(frozen=True)
class NetworkAccess:
    """Whoever may open a network sees its schools (with their numbers of
    students) and the partners of its region that the directory shows them."""

    network: Network


def load_network(user, pk, *, qs=None) -> NetworkAccess:
    return NetworkAccess(network=get_object_or_404(visible_networks(user, qs), pk=pk))


@dataclass(frozen=True)
class PartnerOrganisationAccess:
    partner: PartnerOrganisation
    can_edit: bool  # its profile and contacts: the organisation's own contacts and the office


def load_partner_organisation(user, pk, *, qs=None) -> PartnerOrganisationAccess:
    partner = get_object_or_404(visible_partner_organisations(user, qs), pk=pk)
    scope = get_scope(user)
    return PartnerOrganisationAccess(partner=partner, can_edit=scope.national or partner.pk in scope.partner_ids)


@dataclass(frozen=True)
class RegionProposalAccess:
    proposal: RegionProposal
    can_decide: bool  # still waiting, and the user is the network's coach or the office


def load_region_proposal(user, pk, *, qs=None) -> RegionProposalAccess:
    proposal = get_object_or_404(visible_region_proposals(user, qs), pk=pk)
    return RegionProposalAccess(
        proposal=proposal,
        can_decide=proposal.status == RegionProposal.Status.PENDING and may_decide_region(user, proposal.network_id),
    )


# --- Who is told -------------------------------------------------------------------


def region_proposal_reviewers(network_id) -> list:
    """Who decides on a proposal for ``network_id``: its active network coaches;
    when the network has none, the programme office."""
    users = get_user_model().objects.filter(is_active=True)
    coaches = list(
        users.filter(role_assignments__role=Role.NETWORK_COACH, role_assignments__network_id=network_id).distinct()
    )
    return coaches or list(users.filter(role_assignments__role=Role.OFFICE).distinct())


def partner_contact_users(partner_id) -> list:
    """The active login accounts of a partner organisation's contacts."""
    return list(
        get_user_model().objects.filter(is_active=True, partner_contact__organisation_id=partner_id).order_by("pk")
    )


def partner_contact_addresses(partner_id, *, actor=None) -> list[str]:
    """Where a partner organisation is told about a change: each contact's own
    address, else the address of their (active) login account; never the person
    who made the change; each address once. Contacts have no language on
    record: mails to them are in Dutch."""
    contacts = PartnerContact.objects.filter(organisation_id=partner_id)
    if actor is not None and actor.pk:
        contacts = contacts.exclude(user_id=actor.pk)
    own = (actor.email or "").lower() if actor is not None else ""
    addresses = []
    for email, user_email, user_active in contacts.order_by("pk").values_list(
        "email", "user__email", "user__is_active"
    ):
        address = email or (user_email if user_active else "")
        if address and address.lower() != own:
            addresses.append(address)
    return list(dict.fromkeys(addresses))
