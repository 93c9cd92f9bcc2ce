"""One button allocates students and forms teams; the page shows the
outcome, lets the teacher adjust by hand and publish."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from projects import services
from projects.access import staff_project
from projects.allocation_summary import allocation_summary
from projects.forms.allocation import MoveForm
from projects.models import Team
from projects.views.common import project_step


def _page(request, access, *, error="", status=200):
    summary = allocation_summary(access.project)
    warning = services.allocation_warning(access.project) if access.can_allocate else None
    move_form = MoveForm(teams=summary["teams"], project_assignments=summary["project_assignments"])
    context = {
        "access": access,
        "project": access.project,
        **summary,
        "move_choices": move_form.fields["target"].choices,
        "error": error,
        "warning": warning,
    }
    return render(request, "projects/allocation.html", context, status=status)


@login_required
@require_GET
def allocation(request, pk):
    return _page(request, staff_project(request.user, pk))


@login_required
@require_POST
def allocate(request, pk):
    access = staff_project(request.user, pk)
    project = access.project
    now = timezone.now()
    warning = services.allocation_warning(project, now=now)
    if warning and request.POST.get("before_deadline") != "yes":
        # Before the choice deadline: a page that says what it means, and asks again.
        return render(
            request,
            "projects/allocation_confirm.html",
            {"access": access, "project": project, "warning": warning},
        )
    try:
        services.run_allocation(request.user, project, now=now)
    except ValidationError as exc:
        return _page(request, access, error=" ".join(exc.messages), status=422)
    messages.success(request, _("Students have been allocated and teams formed. Check and publish."))
    return redirect("projects:allocation", pk=project.pk)


@login_required
@require_POST
def allocation_move(request, pk):
    project = staff_project(request.user, pk).project
    teams = project.teams.select_related("project_assignment__version")
    form = MoveForm(
        request.POST, teams=teams, project_assignments=project.project_assignments.select_related("version")
    )
    if form.is_valid():
        student = get_object_or_404(get_user_model(), pk=form.cleaned_data["student"])
        kind, _sep, target_pk = form.cleaned_data["target"].partition(":")
        target = (
            get_object_or_404(Team, pk=target_pk, project=project)
            if kind == "team"
            else get_object_or_404(project.project_assignments, pk=target_pk)
        )
        try:
            services.move_student(request.user, project, student, target)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("%(name)s has been moved.") % {"name": student.get_full_name() or student.username}
            )
    else:
        messages.error(request, _("Choose a team to move the student to."))
    return redirect("projects:allocation", pk=project.pk)


@login_required
@require_POST
def allocation_publish(request, pk):
    return project_step(
        request,
        pk,
        services.publish_allocation,
        success=_("The teams have been published. Students now see their team."),
        then="projects:coach_overview",
        failed="projects:allocation",
    )
