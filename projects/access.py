"""Loading projects and teams for a request, with the user's relation to them.

Every view goes through these helpers: out of scope is 404 (the querysets'
``visible_to``), visible but not allowed is 403 (``PermissionDenied``)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from organisation.access import get_scope
from projects.models import Project, Team, TeamMembership


def staff_project(user, pk, *, queryset=None) -> Project:
    """A project of the user's school(s), for staff pages. Students who can
    see the project get 403; others 404."""
    qs = queryset if queryset is not None else Project.objects.all()
    project = get_object_or_404(qs.visible_to(user).select_related("school", "school_year"), pk=pk)
    if project.school_id not in get_scope(user).staff_school_ids:
        raise PermissionDenied
    return project


@dataclass
class TeamAccess:
    team: Team
    is_staff: bool
    is_partner: bool
    membership: TeamMembership | None

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def project(self) -> Project:
        return self.team.project

    @property
    def can_work(self) -> bool:
        """Members work in the team while the project runs; staff always may."""
        if self.is_staff:
            return True
        return self.is_member and self.team.project.status == Project.Status.RUNNING


def team_access(user, pk, *, allow_partner=False) -> TeamAccess:
    team = get_object_or_404(
        Team.objects.visible_to(user).select_related(
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
    is_partner = not is_staff and membership is None and team.project_assignment.client_id in scope.partner_ids
    if is_partner and not allow_partner:
        raise PermissionDenied
    if not (is_staff or membership or is_partner):  # pragma: no cover - visible_to already excludes this
        raise PermissionDenied
    return TeamAccess(team=team, is_staff=is_staff, is_partner=is_partner, membership=membership)


def require_staff(access: TeamAccess) -> None:
    if not access.is_staff:
        raise PermissionDenied


def require_work(access: TeamAccess) -> None:
    if not access.can_work:
        raise PermissionDenied
