"""Teachers set up and run projects; students find theirs."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import concurrency
from core.forms import add_errors
from core.params import choice_param, paginate, parse_int, text_param
from organisation.models import SchoolYear
from projects import services
from projects.access import (
    editable_projects,
    load_project,
    project_schools,
    runs_projects,
    staff_project,
    takes_part_in_projects,
    visible_projects,
)
from projects.forms.projects import ProjectAssignmentForm, ProjectForm, SlotForm
from projects.models import PresentationSlot, Project, ProjectAssignment, TeamMembership
from projects.views.common import project_step, remove_from_project

PAGE_SIZE = 25


@login_required
@require_GET
def project_list(request):
    """Staff: the projects of their school(s), filterable by status.
    Students: the projects they take part in."""
    if runs_projects(request.user):
        projects = (
            editable_projects(request.user)
            .select_related("school", "school_year")
            .annotate(
                num_students=Count("participants", distinct=True),
                num_teams=Count("teams", distinct=True),
            )
        )
        status = choice_param(request, "status", Project.Status.values)
        if status:
            projects = projects.filter(status=status)
        query = text_param(request, "q")
        if query:
            projects = projects.filter(Q(title__icontains=query) | Q(period__icontains=query))
        page = paginate(request, projects.order_by("-start_date", "title"), PAGE_SIZE)
        return render(
            request,
            "projects/project_list.html",
            {
                "page_obj": page,
                "projects": page.object_list,
                "status": status,
                "statuses": Project.Status.choices,
                "query": query,
            },
        )
    if takes_part_in_projects(request.user):
        projects = list(visible_projects(request.user).select_related("school_year").order_by("-start_date")[:50])
        memberships = {
            m.project_id: m
            for m in TeamMembership.objects.filter(student=request.user, project__in=projects).select_related(
                "team__project_assignment__version"
            )
        }
        rows = [{"project": p, "membership": memberships.get(p.pk)} for p in projects]
        return render(request, "projects/my_projects.html", {"rows": rows})
    raise PermissionDenied


def _school_for_new_project(request):
    """The school a new project is for: the one asked for, else the first."""
    schools = project_schools(request.user)
    wanted = parse_int(request.GET.get("school") or request.POST.get("school"))
    return next((s for s in schools if s.pk == wanted), schools[0]), schools


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request):
    school, schools = _school_for_new_project(request)
    year = SchoolYear.objects.current()
    form = ProjectForm(request.POST or None, user=request.user, school=school, school_year=year)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.create_project(request.user, school=school, school_year=year, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The project has been created. Check the assignments and the schedule."))
            return redirect("projects:project_detail", pk=project.pk)
    return render(
        request, "projects/project_form.html", {"form": form, "school": school, "schools": schools, "project": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request, pk):
    access = staff_project(request.user, pk)
    project = access.project

    def project_form(data=None, instance=project):
        return ProjectForm(
            data, instance=instance, user=request.user, school=project.school, school_year=project.school_year
        )

    form = project_form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        if not access.can_allocate:
            del values["classes"]  # who takes part is fixed once the teams are published
        try:
            with concurrency.unchanged(form, lambda: project_form(instance=concurrency.locked(Project, pk))):
                services.update_project(request.user, project, **values)
        except concurrency.EditConflict:
            project.refresh_from_db()
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The project has been saved."))
            return redirect("projects:project_detail", pk=project.pk)
    context = {"form": form, "school": project.school, "project": project}
    return render(request, "projects/project_form.html", context, status=concurrency.status(form))


@login_required
@require_GET
def project_detail(request, pk):
    """Staff: the project's hub. A student is sent to their team or to the
    choice page."""
    access = load_project(request.user, pk)
    project = access.project
    if not access.is_staff:
        membership = TeamMembership.objects.filter(project=project, student=request.user).first()
        if membership and project.published_at:
            return redirect("projects:team_detail", pk=membership.team_id)
        return redirect("projects:choose", pk=project.pk)
    pas = list(
        project.project_assignments.select_related("version", "assignment", "client").annotate(
            num_teams_formed=Count("teams")
        )
    )
    participants = project.participants.aggregate(
        total=Count("id"), chosen=Count("id", filter=Q(choices_submitted_at__isnull=False))
    )
    return render(
        request,
        "projects/project_detail.html",
        {
            "access": access,
            "project": project,
            "project_assignments": pas,
            "participants": participants,
            "classes": project.classes.select_related("level"),
            "coaches": project.coaches.all(),
            "num_teams": project.teams.count(),
        },
    )


@login_required
@require_POST
def project_open_choice(request, pk):
    return project_step(
        request,
        pk,
        services.open_choice,
        success=_("Choosing is open: students can now rank the assignments."),
        then="projects:project_detail",
    )


@login_required
@require_POST
def project_finish(request, pk):
    return project_step(
        request,
        pk,
        services.finish_project,
        success=_("The project is finished. Reflections have been added to the portfolios."),
        then="projects:project_detail",
    )


def _stored_schedule(pa):
    return ProjectAssignmentForm(instance=concurrency.locked(ProjectAssignment, pa.pk), prefix=f"pa{pa.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def project_schedule(request, pk):
    """Per assignment: number of teams, the client's kick-off and the
    presentation moment; and the presentation slots."""
    project = staff_project(request.user, pk).project
    pas = list(project.project_assignments.select_related("version", "client"))
    forms_by_pa = [(pa, ProjectAssignmentForm(instance=pa, prefix=f"pa{pa.pk}")) for pa in pas]
    slot_form = SlotForm(project=project)
    if request.method == "POST":
        if "add_slot" in request.POST:
            slot_form = SlotForm(request.POST, project=project)
            if slot_form.is_valid():
                try:
                    services.add_presentation_slot(request.user, **slot_form.cleaned_data)
                except ValidationError as exc:
                    add_errors(slot_form, exc)
                else:
                    messages.success(request, _("The presentation slot has been added."))
                    return redirect(reverse("projects:project_schedule", args=[project.pk]) + "#slots")
        else:
            forms_by_pa = [(pa, ProjectAssignmentForm(request.POST, instance=pa, prefix=f"pa{pa.pk}")) for pa in pas]
            if all(f.is_valid() for _pa, f in forms_by_pa):
                try:
                    with concurrency.all_unchanged([(f, partial(_stored_schedule, pa)) for pa, f in forms_by_pa]):
                        for pa, f in forms_by_pa:
                            services.update_project_assignment(request.user, pa, **f.cleaned_data)
                except concurrency.EditConflict:
                    pass
                else:
                    messages.success(request, _("The schedule has been saved."))
                    return redirect("projects:project_schedule", pk=project.pk)
    slots = PresentationSlot.objects.filter(project_assignment__project=project).select_related(
        "project_assignment__version", "team"
    )
    return render(
        request,
        "projects/project_schedule.html",
        {"project": project, "forms_by_pa": forms_by_pa, "slot_form": slot_form, "slots": slots},
        status=concurrency.status(*(f for _pa, f in forms_by_pa)),
    )


@login_required
@require_POST
def slot_delete(request, pk, slot_pk):
    return remove_from_project(
        request,
        pk,
        PresentationSlot,
        slot_pk,
        within="project_assignment__project",
        remove=services.remove_presentation_slot,
        success=_("The presentation slot has been removed."),
        then="projects:project_schedule",
        anchor="#slots",
    )
