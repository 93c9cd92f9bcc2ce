"""Students rank the assignments; teachers follow who has chosen and add
pair constraints."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assignments.models import Competency
from core.forms import add_errors
from notifications.models import Notification
from projects import services
from projects.access import load_project, staff_project
from projects.forms.choice import ChoiceForm, PairConstraintForm
from projects.models import PairConstraint
from projects.views.common import form_errors_message, remove_from_project


@login_required
@require_http_methods(["GET", "POST"])
def choose(request, pk):
    """A student ranks the project's assignments (at least a top 3)."""
    access = load_project(request.user, pk)
    access.require(access.is_participant)  # staff of the school: this page is for students
    project, participant = access.project, access.participant
    pas = list(project.project_assignments.select_related("version", "client", "assignment"))
    required = services.required_choices(project, len(pas))
    ranking = list(participant.preferences.values_list("project_assignment_id", flat=True))
    initial = {f"rank_{i}": str(pa_id) for i, pa_id in enumerate(ranking, start=1)}
    initial["strengths"] = participant.strengths
    form = ChoiceForm(request.POST or None, initial=initial, project_assignments=pas, required_count=required)
    if request.method == "POST":
        access.require(access.can_choose)
        if form.is_valid():
            try:
                services.submit_choices(
                    request.user, participant, form.cleaned_data["ranked"], form.cleaned_data["strengths"]
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Your choices have been saved. You can change them until the deadline."))
                return redirect("projects:choose", pk=project.pk)
    return render(
        request,
        "projects/choose.html",
        {
            "project": project,
            "participant": participant,
            "project_assignments": pas,
            "form": form,
            "required": required,
            "ranking": ranking,
        },
    )


@login_required
@require_GET
def choice_status(request, pk):
    """Who has chosen, who not yet; the pair constraints."""
    project = staff_project(request.user, pk).project
    participants = list(
        project.participants.select_related("student", "class_group").prefetch_related(
            "preferences__project_assignment__version"
        )
    )
    missing = [p for p in participants if not p.choices_submitted_at]
    labels = dict(Competency.choices)
    for p in participants:
        p.strength_labels = [labels[s] for s in p.strengths or [] if s in labels]
    students = (
        get_user_model().objects.filter(project_participations__project=project).order_by("first_name", "last_name")
    )
    constraints = project.pair_constraints.select_related("student_a", "student_b")
    return render(
        request,
        "projects/choice_status.html",
        {
            "project": project,
            "participants": participants,
            "missing": missing,
            "constraints": constraints,
            "constraint_form": PairConstraintForm(students=students),
            "num_chosen": len(participants) - len(missing),
            "can_remind": project.choice_open and bool(missing),
            "last_reminder": Notification.objects.filter(
                kind="projects.choice_reminder", url=reverse("projects:choose", args=[project.pk])
            )
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first(),
        },
    )


@login_required
@require_POST
def choice_remind(request, pk):
    """Remind the students who have not chosen yet: once per click, in the
    bell and by e-mail; the teacher is told how many were reminded."""
    project = staff_project(request.user, pk).project
    try:
        count = services.remind_to_choose(request.user, project)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if count:
            messages.success(
                request,
                ngettext(
                    "%(count)s student has been reminded, in the platform and by e-mail.",
                    "%(count)s students have been reminded, in the platform and by e-mail.",
                    count,
                )
                % {"count": count},
            )
        else:
            messages.info(request, _("Everybody has chosen: nobody to remind."))
    return redirect("projects:choice_status", pk=project.pk)


@login_required
@require_POST
def constraint_add(request, pk):
    project = staff_project(request.user, pk).project
    students = get_user_model().objects.filter(project_participations__project=project)
    form = PairConstraintForm(request.POST, students=students)
    if form.is_valid():
        try:
            services.add_pair_constraint(request.user, project, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The constraint has been added."))
    else:
        form_errors_message(request, form)
    return redirect("projects:choice_status", pk=project.pk)


@login_required
@require_POST
def constraint_delete(request, pk, constraint_pk):
    return remove_from_project(
        request,
        pk,
        PairConstraint,
        constraint_pk,
        remove=services.remove_pair_constraint,
        success=_("The constraint has been removed."),
        then="projects:choice_status",
    )
