"""Who may see and do what in the assignment library: every access decision of
the app, in one file (ARCHITECTURE.md, "The access module").

1. Queryset rules: ``visible_challenges``, ``editable_challenges``,
   ``visible_assignments``, ``editable_assignments`` and what follows from
   them (the assignments made from a challenge, the responses to it).
2. Page-level questions (``can_use_library``, ``can_submit_challenges``, ...)
   and loaders: ``load_assignment`` and ``load_challenge`` return the object
   (404 outside the visible rule) with what the user may do with it; a view
   calls ``require(flag)`` (403 when false).
3. Who is told: the recipients of the library's e-mails, from the same rules.

Everything builds on ``organisation.access.get_scope``; an empty scope sees
nothing (deny by default).
"""

from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from assignments.models import Assignment, AssignmentView, Challenge, ChallengeResponse, SharingScope
from organisation.access import get_scope, partner_contact_addresses
from organisation.models import PartnerOrganisation, School
from organisation.roles import Role

# --------------------------------------------------------------------------
# 1. Queryset rules
# --------------------------------------------------------------------------


def _scoped(user, qs, model, where):
    """Deny by default: the programme office sees every row of ``qs`` (all of
    ``model`` when None), an empty scope none, anyone else the rows that
    ``where(scope)`` (a ``Q``) lets through."""
    qs = model.objects.all() if qs is None else qs
    scope = get_scope(user)
    if scope.national:
        return qs
    if not scope:
        return qs.none()
    return qs.filter(where(scope))


def _partners_of_regions(network_ids):
    """Subquery: the partner organisations active in these networks."""
    return PartnerOrganisation.objects.filter(networks__id__in=network_ids).values("id")


def visible_challenges(user, qs=None):
    """Who sees a challenge: the partner's own contacts; the network coaches
    and the school staff of the partner's regions (networks); the programme
    office all. Students and everyone else none."""

    def where(scope):
        q = Q(partner_id__in=scope.partner_ids) | Q(partner_id__in=_partners_of_regions(scope.network_ids))
        if scope.staff_school_ids:
            staff_networks = School.objects.filter(id__in=scope.staff_school_ids).values("network_id")
            q |= Q(partner_id__in=_partners_of_regions(staff_networks))
        return q

    return _scoped(user, qs, Challenge, where)


def editable_challenges(user, qs=None):
    """Who edits, closes and reopens a challenge: the partner's own contacts
    and the programme office."""
    return _scoped(user, qs, Challenge, lambda scope: Q(partner_id__in=scope.partner_ids))


def _shared_within(network_ids):
    """Published or archived, and shared nationally or with the network of
    the owner school when it is one of these (a subquery of schools keeps
    the school table out of the main query's joins)."""
    schools = School.objects.filter(network_id__in=network_ids).values("id")
    return Q(status__in=[Assignment.Status.PUBLISHED, Assignment.Status.ARCHIVED]) & (
        Q(sharing_scope=SharingScope.NATIONAL) | Q(sharing_scope=SharingScope.NETWORK, owner_school_id__in=schools)
    )


def visible_assignments(user, qs=None):
    """Who may read an assignment (any status).

    * programme office: everything;
    * school staff: everything of their own school (concepts included),
      plus published/archived assignments of other schools shared with
      their network or nationally;
    * network coach: published/archived assignments shared with the network
      (of a school in their network) or nationally;
    * partner contact: assignments made from their challenges or naming
      their organisation as client;
    * students and everyone else: none (students meet assignments through
      projects).
    """

    def where(scope):
        q = Q(pk__in=[])
        staff = scope.staff_school_ids
        if staff:
            own_networks = School.objects.filter(id__in=staff).values("network_id")
            q |= Q(owner_school_id__in=staff) | _shared_within(own_networks)
        if scope.network_ids:
            q |= _shared_within(scope.network_ids)
        if scope.partner_ids:
            q |= Q(client_id__in=scope.partner_ids) | Q(challenge__partner_id__in=scope.partner_ids)
        return q

    return _scoped(user, qs, Assignment, where)


def editable_assignments(user, qs=None):
    """The staff of the owner school edit, publish and archive an assignment
    and manage its materials (the office reads but does not edit)."""
    qs = Assignment.objects.all() if qs is None else qs
    return qs.filter(owner_school_id__in=get_scope(user).staff_school_ids)


def assignments_made_from(user, challenge):
    """The assignments made from ``challenge`` that the user may read: what the
    challenge's page lists and what every count of them shows. ``challenge``
    may be an ``OuterRef`` (see ``with_assignment_counts``)."""
    return visible_assignments(user).filter(challenge=challenge)


def with_assignment_counts(user, challenges):
    """``challenges`` annotated with ``num_assignments``: the number of
    ``assignments_made_from`` each (the same number its page lists)."""
    made = assignments_made_from(user, OuterRef("pk")).order_by().values("challenge")
    count = Subquery(made.annotate(n=Count("pk")).values("n"), output_field=IntegerField())
    return challenges.annotate(num_assignments=Coalesce(count, Value(0)))


def visible_responses(user, qs=None):
    """Responses to challenges: the challenge's partner, the network coaches
    who see the challenge and the office read all of them; school staff read
    their own school's."""

    def where(scope):
        q = Q(challenge__in=editable_challenges(user).values("pk")) | Q(school_id__in=scope.staff_school_ids)
        if scope.network_ids:
            q |= Q(challenge__in=visible_challenges(user).values("pk"))
        return q

    return _scoped(user, qs, ChallengeResponse, where)


# --------------------------------------------------------------------------
# 2a. Page-level questions and rules on one object
# --------------------------------------------------------------------------


def require(allowed: bool) -> None:
    """403 unless ``allowed`` (a flag of a loader or a page-level question)."""
    if not allowed:
        raise PermissionDenied


def staff_school_ids(user) -> frozenset:
    """The schools where the user works as teacher or coordinator."""
    return get_scope(user).staff_school_ids


def works_at(user, school) -> bool:
    return school.pk in staff_school_ids(user)


def can_use_library(user) -> bool:
    """The library and the challenge list: school staff, network coaches,
    partner contacts and the office; students use assignments in projects."""
    scope = get_scope(user)
    return bool(scope.national or scope.staff_school_ids or scope.network_ids or scope.partner_ids)


def can_browse_challenges(user) -> bool:
    """The challenge list: the same people as the library."""
    return can_use_library(user)


def can_create_assignments(user) -> bool:
    """New assignments and the own school's list: school staff."""
    return bool(staff_school_ids(user))


def school_for_new_assignment(user) -> School:
    """The school a new assignment belongs to: the first where the user works."""
    require(can_create_assignments(user))
    return School.objects.filter(id__in=staff_school_ids(user)).order_by("pk").first()


def can_submit_challenges(user) -> bool:
    """Partner contacts describe their organisation's challenges."""
    return bool(get_scope(user).partner_ids)


def partner_for_new_challenge(user) -> PartnerOrganisation:
    """The organisation a new challenge belongs to (403 for non-partners)."""
    require(can_submit_challenges(user))
    return PartnerOrganisation.objects.filter(id__in=get_scope(user).partner_ids).order_by("pk").first()


def may_submit_for(user, partner) -> bool:
    """A challenge is submitted by the partner's contacts (or the office)."""
    scope = get_scope(user)
    return partner.pk in scope.partner_ids or scope.national


def may_adopt_into(user, original: Assignment, school) -> bool:
    """A published assignment is adopted into a school where the user works
    that is not the owner school."""
    return (
        original.status == Assignment.Status.PUBLISHED
        and school.pk != original.owner_school_id
        and works_at(user, school)
    )


def can_rate(user, assignment: Assignment) -> bool:
    """Teachers of another school who have viewed a published or archived
    assignment may rate it (projects will add: who ran it)."""
    schools = staff_school_ids(user)
    if not schools or assignment.owner_school_id in schools:
        return False
    if assignment.status == Assignment.Status.CONCEPT:
        return False
    return AssignmentView.objects.filter(assignment=assignment, user=user).exists()


# --------------------------------------------------------------------------
# 2b. Loaders
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentAccess:
    """An assignment the user may read, with what they may do with it. The
    flags that need a query are computed on first use."""

    assignment: Assignment
    user: object
    can_edit: bool  # the owner school's staff: content, materials
    sees_ratings: bool  # everyone who reads it except partner contacts

    @property
    def can_publish(self) -> bool:
        """Publishing, sharing and archiving: whoever edits."""
        return self.can_edit

    @property
    def can_adopt(self) -> bool:
        """Published, and the user works at a school other than the owner."""
        return self.assignment.status == Assignment.Status.PUBLISHED and bool(
            staff_school_ids(self.user) - {self.assignment.owner_school_id}
        )

    @cached_property
    def adopt_schools(self):
        """The schools it may be adopted into (see ``may_adopt_into``)."""
        return School.objects.filter(id__in=staff_school_ids(self.user)).exclude(pk=self.assignment.owner_school_id)

    @cached_property
    def can_rate(self) -> bool:
        """See ``can_rate``; ask after recording the view of the page."""
        return can_rate(self.user, self.assignment)

    @cached_property
    def sees_challenge(self) -> bool:
        """Whether the challenge it was made from may be opened (a link to it
        must not lead into a 404)."""
        challenge_id = self.assignment.challenge_id
        return challenge_id is not None and visible_challenges(self.user).filter(pk=challenge_id).exists()


def load_assignment(user, pk) -> AssignmentAccess:
    """The assignment with what the user may do with it; 404 outside
    ``visible_assignments``."""
    assignment = get_object_or_404(
        visible_assignments(user).select_related(
            "owner_school__network", "client", "author", "current_version", "adopted_from__owner_school"
        ),
        pk=pk,
    )
    scope = get_scope(user)
    return AssignmentAccess(
        assignment=assignment,
        user=user,
        can_edit=assignment.owner_school_id in scope.staff_school_ids,  # editable_assignments, for one row
        sees_ratings=not (scope.partner_ids and not (scope.staff_school_ids or scope.national or scope.network_ids)),
    )


@dataclass(frozen=True)
class ChallengeAccess:
    """A challenge the user may see, with what they may do with it."""

    challenge: Challenge
    user: object
    can_edit: bool  # editable_challenges: edit, close, reopen
    is_staff: bool  # the user works at a school

    @property
    def can_respond(self) -> bool:
        """School staff tell the partner they would like to work on it while it is open."""
        return self.is_staff and self.challenge.status == Challenge.Status.OPEN

    @property
    def can_turn_into_assignment(self) -> bool:
        """The "turn into an assignment" button: school staff, while it is open."""
        return self.can_respond

    @cached_property
    def responses(self):
        return visible_responses(self.user).filter(challenge=self.challenge)

    @cached_property
    def assignments(self):
        return assignments_made_from(self.user, self.challenge)

    @cached_property
    def responding_school(self) -> School:
        """The school a response is sent for: the first of the user's schools in
        one of the partner's regions, else their first school."""
        schools = School.objects.filter(id__in=staff_school_ids(self.user)).order_by("pk")
        return schools.filter(network__partners=self.challenge.partner_id).first() or schools.first()


def load_challenge(user, pk) -> ChallengeAccess:
    """The challenge with what the user may do with it; 404 outside
    ``visible_challenges``."""
    challenge = get_object_or_404(visible_challenges(user).select_related("partner", "created_by"), pk=pk)
    return ChallengeAccess(
        challenge=challenge,
        user=user,
        can_edit=editable_challenges(user).filter(pk=challenge.pk).exists(),
        is_staff=bool(staff_school_ids(user)),
    )


# --------------------------------------------------------------------------
# 3. Who is told
# --------------------------------------------------------------------------


def challenge_submitted_recipients(challenge, *, actor_id=None) -> list:
    """A new challenge goes to the active network coaches who can see it
    (``visible_challenges``), with an address, never to the actor."""
    coaches = (
        get_user_model()
        .objects.filter(is_active=True, role_assignments__role=Role.NETWORK_COACH)
        .exclude(pk=actor_id)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    return [coach for coach in coaches if visible_challenges(coach).filter(pk=challenge.pk).exists()]


def challenge_taken_up_recipients(challenge, *, actor=None) -> list[str]:
    """A challenge turned into an assignment is told to the partner's contacts
    (their addresses: ``partner_contact_addresses``)."""
    return partner_contact_addresses(challenge.partner_id, actor=actor)


def assignment_adopted_recipients(original, *, actor_id=None) -> list:
    """An adoption is told to the original's author (active, with an address,
    not the one who adopted) while they can still open the original."""
    author = original.author
    if author is None or not author.is_active or not author.email or author.pk == actor_id:
        return []
    return [author] if visible_assignments(author).filter(pk=original.pk).exists() else []
