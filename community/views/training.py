"""Professionalisation: catalogue, enrolment and waiting list, attendance,
the personal record and the school team's record."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import access
from community.forms import TrainingForm
from community.models import Enrolment
from community.services import training as services
from community.views.common import paginate, staff_school
from core import concurrency
from core.actions import attempt
from core.forms import add_errors
from core.params import flag_param, int_param, parse_int
from organisation.people import staff_of_school


@login_required
@require_GET
def training_list(request):
    access.require_member(request.user)
    now = timezone.now()
    past = flag_param(request, "past")
    trainings = access.visible_trainings(request.user)
    trainings = (
        trainings.filter(starts_at__lt=now).order_by("-starts_at") if past else trainings.filter(starts_at__gte=now)
    )
    if flag_param(request, "verplicht"):
        trainings = trainings.filter(mandatory_for_new_teams=True)
    page = paginate(request, trainings)
    mine = dict(
        Enrolment.objects.filter(user=request.user, training__in=list(page.object_list))
        .exclude(status=Enrolment.Status.CANCELLED)
        .values_list("training_id", "status")
    )
    for training in page.object_list:
        training.my_status = mine.get(training.pk)
    context = {
        "page_obj": page,
        "past": past,
        "can_manage": access.can_manage_trainings(request.user),
        "has_record": access.can_enrol(request.user),
        "sees_team": access.team_record_schools(request.user).exists(),
    }
    return render(request, "community/training/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def training_create(request):
    access.require(access.can_manage_trainings(request.user))
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            training = services.create_training(request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The training is in the catalogue."))
            return redirect("community:training_detail", pk=training.pk)
    return render(request, "community/training/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def training_edit(request, pk):
    acc = access.load_training(request.user, pk)
    access.require(acc.can_manage)
    form = TrainingForm(request.POST or None, instance=acc.training)
    if request.method == "POST" and form.is_valid():
        try:
            with concurrency.unchanged(form, concurrency.stored_instance(form)):
                services.update_training(request.user, acc.training, **form.cleaned_data)
        except concurrency.EditConflict:
            acc.training.refresh_from_db()
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The training has been saved."))
            return redirect("community:training_detail", pk=pk)
    context = {"form": form, "training": acc.training}
    return render(request, "community/training/form.html", context, status=concurrency.status(form))


@login_required
@require_GET
def training_detail(request, pk):
    acc = access.load_training(request.user, pk)
    enrolments = None
    if acc.can_manage:
        enrolments = acc.training.enrolments.exclude(status=Enrolment.Status.CANCELLED).select_related("user", "school")
    context = {
        "acc": acc,
        "training": acc.training,
        "enrolment": acc.enrolment,
        "position": services.waiting_position(acc.enrolment) if acc.enrolment else None,
        "enrolments": enrolments,
        "started": acc.training.starts_at <= timezone.now(),
    }
    return render(request, "community/training/detail.html", context)


@login_required
@require_POST
def training_enrol(request, pk):
    acc = access.load_training(request.user, pk)
    access.require(acc.can_enrol)
    outcome = {}

    def go():
        outcome["e"] = services.enrol(request.user, acc.training, school=staff_school(request.user))

    try:
        go()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if outcome["e"].status == Enrolment.Status.ENROLLED:
            messages.success(request, _("You are enrolled."))
        else:
            messages.warning(
                request, _("The training is full: you are on the waiting list and move up when a place becomes free.")
            )
    return redirect("community:training_detail", pk=pk)


@login_required
@require_POST
def training_cancel(request, pk):
    acc = access.load_training(request.user, pk)
    access.require(acc.enrolment is not None)
    return attempt(
        request,
        lambda: services.cancel_enrolment(request.user, acc.enrolment),
        success=_("Your enrolment has been cancelled."),
        then=("community:training_detail", pk),
    )


@login_required
@require_http_methods(["GET", "POST"])
def training_attendance(request, pk):
    acc = access.load_training(request.user, pk)
    access.require(acc.can_manage)
    enrolments = acc.training.enrolments.filter(status=Enrolment.Status.ENROLLED).select_related("user", "school")
    if request.method == "POST":
        present = [i for i in map(parse_int, request.POST.getlist("present")) if i is not None]
        return attempt(
            request,
            lambda: services.record_attendance(request.user, acc.training, present_ids=present),
            success=_("Attendance has been recorded."),
            then=("community:training_detail", pk),
            failed=("community:training_attendance", pk),
        )
    return render(request, "community/training/attendance.html", {"training": acc.training, "enrolments": enrolments})


@login_required
@require_GET
def training_mine(request):
    access.require(access.can_enrol(request.user))
    enrolments = (
        Enrolment.objects.filter(user=request.user)
        .exclude(status=Enrolment.Status.CANCELLED)
        .select_related("training")
        .order_by("-training__starts_at")
    )
    return render(request, "community/training/mine.html", {"page_obj": paginate(request, enrolments)})


@login_required
@require_GET
def training_team(request):
    """The school team's record: who followed what, and the mandatory
    trainings each member has not followed yet."""
    schools = access.team_record_schools(request.user).order_by("name")
    access.require(schools.exists())
    school = schools.first()
    wanted = int_param(request, "school")
    if wanted is not None:
        school = get_object_or_404(schools, pk=wanted)
    team = list(staff_of_school(school.pk))
    followed = {}
    for enrolment in (
        Enrolment.objects.filter(user__in=team, attended=True)
        .select_related("training")
        .order_by("training__starts_at")
    ):
        followed.setdefault(enrolment.user_id, []).append(enrolment.training)
    mandatory = list(access.visible_trainings(request.user).filter(mandatory_for_new_teams=True, cancelled=False))
    mandatory_titles = {t.title for t in mandatory}
    rows = []
    for person in team:
        done = followed.get(person.pk, [])
        missing = sorted(mandatory_titles - {t.title for t in done})
        rows.append({"person": person, "followed": done, "missing": missing})
    context = {"school": school, "schools": schools if schools.count() > 1 else None, "rows": rows}
    return render(request, "community/training/team.html", context)
