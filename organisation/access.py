"""The access layer: who may see what.

Every question "may this user see/change this?" is answered from a ``Scope``,
computed once per request from the user's role assignments. Each model's
``QuerySet.visible_to(user)`` (and ``editable_by(user)`` where it differs)
builds on it; views load objects only through those querysets, so anything
outside the scope answers 404. An unknown role, an anonymous or inactive user
gets the empty scope and sees nothing (deny by default).
"""

from dataclasses import dataclass, field

from organisation.roles import Role


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
    from organisation.models import RoleAssignment

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


# --- Who is told ---------------------------------------------------------------


def partner_contact_addresses(partner_id, *, actor=None) -> list[str]:
    """Where a partner organisation is told about a change: each contact's own
    address, else the address of their (active) login account; never the person
    who made the change; each address once. Contacts have no language on
    record: mails to them are in Dutch."""
    from organisation.models import PartnerContact

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
