"""Who may do what with projects and teams: every access decision of the
projects app, in one place.

1. Queryset rules (``visible_projects``, ``visible_teams``, …): what each role
   sees, deny by default. Lists, panels and other apps use exactly these.
2. Loaders (``load_project``, ``staff_project``, ``team_access``): the object
   (404 outside the queryset rules) with what the user may do with it. A view
   asks ``access.require(access.can_…)`` (403 when false) and hands the flags
   to the template; it never looks at the scope itself.
3. Who is told (``*_recipients``): the students of a project when choosing
   opens or its deadline nears (those who have not chosen), a team's members
   when teams are published, on a go/no-go, on feedback and when a phase
   deadline nears, the client's contacts when their assessment is asked,
   the client (``requirements_reviewers``) when the programma van eisen waits
   for their review.

The programma van eisen is reviewed by the team's client: the contacts of the
assignment's client organisation, or the staff of the school when the client
is internal (no partner on the assignment). Students submit it, never approve
it; once approved it is frozen until a coach opens a new round
(``TeamAccess.can_review_requirements`` and the flags next to it).
   ``projects/notifications.py`` sends through these. A student's final
   reflection, once handed in, goes to that student's own LOB portfolio
   (``core.signals``), where the student and the staff of their school read
   it; it never reaches partners or other students
   (``TeamAccess.sees_final_reflections``).

Staff of a school are its teachers and coordinators (``Scope.staff_school_ids``):
they run the school's projects. Network coaches and the programme office see
no school projects: they are full of minors' data."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from organisation.access import get_scope, partner_contact_addresses
from organisation.models import PartnerContact, School
from projects.models import (
    Assessment,
    Conversation,
    FinalReflection,
    Participant,
    Project,
    ProjectAssignment,
    Team,
    TeamMembership,
)

# --- 1. Queryset rules -----------------------------------------------------------


def visible_projects(user, qs=None):
    """School staff see their school's projects; a student sees the projects
    they take part in once choosing has opened. Everyone else (partners
    included, who meet teams through ``visible_teams``) sees none."""
    qs = Project.objects.all() if qs is None else qs
    scope = get_scope(user)
    if not scope:
        return qs.none()
    q = Q(school_id__in=scope.staff_school_ids)
    if scope.student_school_ids:
        q |= Q(participants__student_id=scope.user_id) & ~Q(status=Project.Status.SETUP)
    return qs.filter(q).distinct()


def editable_projects(user, qs=None):
    """The projects the user runs: those of the schools where they are staff
    (teacher or coordinator). Students, partners, coaches and the office: none."""
    qs = Project.objects.all() if qs is None else qs
    return qs.filter(school_id__in=get_scope(user).staff_school_ids)


def coached_projects(user, qs=None):
    """The projects a teacher coaches at a school where they teach."""
    qs = Project.objects.all() if qs is None else qs
    return qs.filter(school_id__in=get_scope(user).teacher_school_ids, coaches=user)


def coordinated_projects(user, qs=None):
    """Every project of the schools where the user is coordinator."""
    qs = Project.objects.all() if qs is None else qs
    return qs.filter(school_id__in=get_scope(user).coordinator_school_ids)


def visible_teams(user, qs=None):
    """Staff of the project's school; the team's own members; partner contacts
    of the client of the team's assignment. Students and partners only once
    the allocation is published. Coaches and the office: none."""
    qs = Team.objects.all() if qs is None else qs
    scope = get_scope(user)
    if not scope:
        return qs.none()
    q = Q(project__school_id__in=scope.staff_school_ids)
    published = Q(project__published_at__isnull=False)
    if scope.student_school_ids:
        q |= published & Q(memberships__student_id=scope.user_id)
    if scope.partner_ids:
        q |= published & Q(project_assignment__client_id__in=scope.partner_ids)
    return qs.filter(q).distinct()


def client_teams(user, qs=None):
    """The teams a partner contact meets as client: published teams working
    on an assignment of one of the user's partner organisations."""
    scope = get_scope(user)
    return visible_teams(user, qs).filter(project_assignment__client_id__in=scope.partner_ids)


def client_project_assignments(user, qs=None):
    """The assignments in published projects whose client is one of the
    user's partner organisations."""
    qs = ProjectAssignment.objects.all() if qs is None else qs
    return qs.filter(client_id__in=get_scope(user).partner_ids, project__published_at__isnull=False)


def visible_final_reflections(user, qs=None):
    """A student's final reflection: the student who wrote it and the staff of
    the project's school read it. Partners, other students (teammates
    included), coaches and the office never do."""
    qs = FinalReflection.objects.all() if qs is None else qs
    scope = get_scope(user)
    if not scope:
        return qs.none()
    return qs.filter(
        Q(membership__project__school_id__in=scope.staff_school_ids) | Q(membership__student_id=scope.user_id)
    )


def visible_conversations(user, qs=None):
    """Reflection conversations: the staff of the project's school read every
    one; a student their own (never the private note, see
    ``TeamAccess.sees_private_notes``). Partners, coaches and the office none."""
    qs = Conversation.objects.all() if qs is None else qs
    scope = get_scope(user)
    if not scope:
        return qs.none()
    return qs.filter(Q(team__project__school_id__in=scope.staff_school_ids) | Q(student_id=scope.user_id))


# --- 2. Loaders and page-level questions -----------------------------------------


def runs_projects(user) -> bool:
    """Staff of a school set up and run projects."""
    return bool(get_scope(user).staff_school_ids)


def takes_part_in_projects(user) -> bool:
    """Students of a school find their projects and teams."""
    return bool(get_scope(user).student_school_ids)


def meets_teams_as_client(user) -> bool:
    """Partner contacts see the teams working on their assignments."""
    return bool(get_scope(user).partner_ids)


def project_schools(user) -> list[School]:
    """The schools where the user may set up a new project (403 when none)."""
    schools = list(School.objects.filter(id__in=get_scope(user).staff_school_ids).order_by("name"))
    if not schools:
        raise PermissionDenied
    return schools


class _Require:
    @staticmethod
    def require(allowed: bool) -> None:
        """Visible but not allowed: 403."""
        if not allowed:
            raise PermissionDenied


@dataclass(frozen=True)
class ProjectAccess(_Require):
    """A project and the user's relation to it (staff of its school run it, a
    participant ranks its assignments) with what follows; ``load_project``
    computes every flag."""

    project: Project
    participant: Participant | None
    is_staff: bool
    can_edit: bool  # staff: the setup, schedule, choices, allocation, assessments and results
    can_allocate: bool  # staff until the teams are published: the allocation and who takes part (classes)
    can_open_choice: bool  # staff while the project is being set up
    can_finish: bool  # staff while the project runs
    can_choose: bool  # a participant, while the choice round is open

    @property
    def is_participant(self) -> bool:
        """A student taking part: they rank the assignments (staff do not)."""
        return self.participant is not None


def load_project(user, pk, *, queryset=None, now=None) -> ProjectAccess:
    """A project the user sees (404 otherwise): staff of its school, or a
    student taking part (with their ``participant`` row)."""
    qs = visible_projects(user, queryset).select_related("school", "school_year")
    project = get_object_or_404(qs, pk=pk)
    is_staff = project.school_id in get_scope(user).staff_school_ids
    participant = None if is_staff else Participant.objects.filter(project=project, student_id=user.pk).first()
    status = project.status
    return ProjectAccess(
        project=project,
        participant=participant,
        is_staff=is_staff,
        can_edit=is_staff,
        can_allocate=is_staff and project.published_at is None,
        can_open_choice=is_staff and status == Project.Status.SETUP,
        can_finish=is_staff and status == Project.Status.RUNNING,
        can_choose=participant is not None and project.is_choice_open(now),
    )


def staff_project(user, pk, *, queryset=None) -> ProjectAccess:
    """A project of the user's school(s), for staff pages. Students who can
    see the project get 403; others 404."""
    access = load_project(user, pk, queryset=queryset)
    access.require(access.is_staff)
    return access


@dataclass(frozen=True)
class TeamAccess(_Require):
    """A team and the user's relation to it (staff of the project's school,
    member, or a contact of the assignment's client) with what follows from
    it; ``team_access`` computes every flag."""

    team: Team
    membership: TeamMembership | None
    is_staff: bool
    is_partner: bool
    can_work: bool  # members while the project runs; staff always
    can_assess: bool  # as ``assesses_as``: who can work, and the client while the project runs
    can_rate_peers: bool  # members rate their teammates while they can work
    writes_final_reflection: bool  # a member writes their own; nobody writes another's
    can_write_final_reflection: bool  # …while they can work (Looking back is the service's rule)
    # Staff only:
    can_coach: bool  # feedback on work and logbook, confirming the presentation, conversations
    can_decide_go: bool  # go or no-go at the end of a gated phase
    sees_full_names: bool  # members and the client see first names
    sees_grades: bool  # every assessment and peer rating (a student: their own result; the client: their own)
    sees_private_notes: bool  # a conversation's private note, never the student
    sees_final_reflections: bool  # every member's (a member reads their own, see visible_final_reflections)
    # The programma van eisen:
    can_edit_requirements: bool  # who can work, while it is neither waiting for review nor approved
    can_review_requirements: bool  # the client: the partner's contacts, or staff when the client is internal
    can_reopen_requirements: bool  # staff open a new round (once it was submitted or approved: the service's rule)

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def project(self) -> Project:
        return self.team.project

    @property
    def assesses_as(self) -> str:
        """Staff as coach, the client's contact as client, a member themself."""
        if self.is_staff:
            return Assessment.Role.COACH
        return Assessment.Role.PARTNER if self.is_partner else Assessment.Role.SELF


def team_access(user, pk, *, allow_partner=False) -> TeamAccess:
    """A team the user sees (404 otherwise). The client's contacts reach only
    the pages that pass ``allow_partner`` (their work and assessment); 403 on
    the others."""
    team = get_object_or_404(
        visible_teams(user).select_related(
            "project__school",
            "project_assignment__version",
            "project_assignment__assignment",
            "project_assignment__client",
        ),
        pk=pk,
    )
    scope = get_scope(user)
    is_staff = team.project.school_id in scope.staff_school_ids
    membership = None
    if not is_staff:
        membership = TeamMembership.objects.filter(team=team, student_id=user.pk).first()
    is_member = membership is not None
    is_partner = not is_staff and not is_member and team.project_assignment.client_id in scope.partner_ids
    if is_partner and not allow_partner:
        raise PermissionDenied
    if not (is_staff or is_member or is_partner):  # pragma: no cover - visible_teams already excludes this
        raise PermissionDenied
    running = team.project.status == Project.Status.RUNNING
    can_work = is_staff or (is_member and running)
    internal_client = team.project_assignment.client_id is None
    requirements_open = team.requirements_agreed_at is None and team.requirements_submitted_at is None
    return TeamAccess(
        team=team,
        membership=membership,
        is_staff=is_staff,
        is_partner=is_partner,
        can_work=can_work,
        can_assess=can_work or (is_partner and running),
        can_rate_peers=is_member and can_work,
        writes_final_reflection=is_member,
        can_write_final_reflection=is_member and can_work,
        can_coach=is_staff,
        can_decide_go=is_staff,
        sees_full_names=is_staff,
        sees_grades=is_staff,
        sees_private_notes=is_staff,
        sees_final_reflections=is_staff,
        can_edit_requirements=can_work and requirements_open,
        can_review_requirements=(is_partner and running) if not internal_client else is_staff,
        can_reopen_requirements=is_staff,
    )


def client_team(user, pk) -> TeamAccess:
    """A team as its client's contact sees it (403 for staff and members)."""
    access = team_access(user, pk, allow_partner=True)
    access.require(access.is_partner)
    return access


# --- 3. Who is told ----------------------------------------------------------------


def _active(users):
    return [u for u in users if u is not None and u.is_active]


def choice_recipients(project: Project, *, only_not_chosen=False) -> list:
    """The students taking part (who see the project once choosing opened);
    with ``only_not_chosen`` those who have not handed in their choices."""
    participants = Participant.objects.filter(project=project).select_related("student")
    if only_not_chosen:
        participants = participants.filter(choices_submitted_at__isnull=True)
    return _active(p.student for p in participants.order_by("student__first_name", "student__last_name"))


def team_recipients(team: Team) -> list:
    """A team's members: they see the team once the teams are published."""
    return _active(m.student for m in team.memberships.select_related("student"))


def client_recipients(team: Team, *, actor=None) -> tuple[list, list[str]]:
    """The contacts of the client of the team's assignment: their login
    accounts (for the bell) and their addresses (for e-mail). Empty when the
    assignment has no partner as client."""
    client_id = team.project_assignment.client_id
    if not client_id:
        return [], []
    users = _active(c.user for c in PartnerContact.objects.filter(organisation_id=client_id).select_related("user"))
    return users, partner_contact_addresses(client_id, actor=actor)


def requirements_reviewers(team: Team, *, actor=None) -> tuple[list, list[str] | None]:
    """Who reviews the team's programma van eisen, to be told it waits for
    them: the client's contacts (accounts for the bell, addresses for
    e-mail), or for an internal client the project's coaches, mailed at their
    own address (``None``); without coaches the staff find it on the team page."""
    if team.project_assignment.client_id:
        return client_recipients(team, actor=actor)
    coaches = list(team.project.coaches.all())
    return _active(coaches), None


# --- Calendar feeds (no user: the feed's owner decides) ----------------------------


def school_calendar_projects(school, qs=None):
    """A school's feed (read by its staff's calendar apps): the school's
    projects once choosing opened, not yet finished."""
    qs = Project.objects.all() if qs is None else qs
    return qs.filter(school=school, status__in=[Project.Status.CHOOSING, Project.Status.RUNNING])


def partner_calendar_assignments(partner, qs=None):
    """A partner's feed: the assignments they are client of, in running
    projects whose teams are published (as ``client_project_assignments``)."""
    qs = ProjectAssignment.objects.all() if qs is None else qs
    return qs.filter(client=partner, project__published_at__isnull=False, project__status=Project.Status.RUNNING)
