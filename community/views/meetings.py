"""Network meetings (and working-group meetings): plan, agenda, attendance,
minutes, actions; a network's year at a glance."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import access
from community.forms import ActionForm, ActionUpdateForm, AgendaItemForm, AttendanceForm, MeetingForm, MinutesForm
from community.models import ActionItem, ActionStatus, Attendance, Meeting
from community.services import meetings as services
from community.views.common import paginate, update_action_unless_changed, with_versions
from core import concurrency
from core.forms import add_errors
from core.params import flag_param, int_param, parse_int
from organisation.models import SchoolYear


@login_required
@require_GET
def meeting_list(request):
    access.require_member(request.user)
    now = timezone.now()
    meetings = access.visible_meetings(request.user).select_related("network", "working_group")
    past = flag_param(request, "past")
    meetings = meetings.filter(starts_at__lt=now).order_by("-starts_at") if past else meetings.filter(ends_at__gte=now)
    networks = list(access.visible_networks(request.user).order_by("name"))
    plannable = [n for n in networks if access.can_plan_network_meeting(request.user, n)]
    context = {"page_obj": paginate(request, meetings), "past": past, "networks": networks, "plannable": plannable}
    return render(request, "community/meetings/list.html", context)


def _plan(request, *, network=None, group=None):
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.plan_meeting(request.user, network=network, working_group=group, **form.service_kwargs())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The meeting has been planned; the schools are asked to confirm attendance."))
            return redirect("community:meeting_detail", pk=meeting.pk)
    return render(request, "community/meetings/form.html", {"form": form, "owner": network or group})


@login_required
@require_http_methods(["GET", "POST"])
def network_meeting_create(request, pk):
    network = get_object_or_404(access.visible_networks(request.user), pk=pk)
    access.require(access.can_plan_network_meeting(request.user, network))
    return _plan(request, network=network)


@login_required
@require_http_methods(["GET", "POST"])
def group_meeting_create(request, pk):
    group = get_object_or_404(access.visible_working_groups(request.user), pk=pk)
    access.require(access.can_plan_group_meeting(request.user, group))
    return _plan(request, group=group)


def _detail(request, acc, **forms):
    meeting = acc.meeting
    attendances = {a.school_id: a for a in meeting.attendances.select_related("confirmed_by")}
    schools = list(access.meeting_schools(meeting))
    rows = [{"school": s, "attendance": attendances.get(s.pk)} for s in schools]
    mine = [attendances.get(s.pk) for s in acc.attendance_schools]
    owners = access.action_owner_choices(meeting) if acc.can_manage else None
    context = {
        "acc": acc,
        "meeting": meeting,
        "agenda": with_versions(meeting.agenda.select_related("action__owner", "action__meeting"), "action"),
        "actions": with_versions(meeting.actions.select_related("owner")),
        "rows": rows,
        "coming": sum(1 for r in rows if r["attendance"] and r["attendance"].answer == Attendance.Answer.YES),
        "my_attendance": [a for a in mine if a],
        "agenda_form": forms.get("agenda_form") or AgendaItemForm(prefix="agenda"),
        "attendance_form": forms.get("attendance_form")
        or (AttendanceForm(schools=list(acc.attendance_schools)) if acc.attendance_schools else None),
        "minutes_form": forms.get("minutes_form") or MinutesForm(initial={"minutes": meeting.minutes}),
        "action_form": forms.get("action_form")
        or (ActionForm(owners=owners, prefix="action") if owners is not None else None),
        "update_form": ActionUpdateForm(),
        "statuses": ActionStatus.choices,
        "user_id": request.user.pk,
        "is_past": meeting.starts_at <= timezone.now(),
    }
    return render(request, "community/meetings/detail.html", context, status=concurrency.status(*forms.values()))


@login_required
@require_GET
def meeting_detail(request, pk):
    return _detail(request, access.load_meeting(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk):
    acc = access.load_meeting(request.user, pk)
    access.require(acc.can_manage)
    form = _meeting_form(request.POST or None, acc.meeting)
    if request.method == "POST" and form.is_valid():
        try:
            with concurrency.unchanged(form, lambda: _meeting_form(None, concurrency.locked(Meeting, pk))):
                services.update_meeting(request.user, acc.meeting, **form.service_kwargs(with_agenda=False))
        except concurrency.EditConflict:
            acc.meeting.refresh_from_db()
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The meeting has been saved."))
            return redirect("community:meeting_detail", pk=pk)
    context = {"form": form, "meeting": acc.meeting}
    return render(request, "community/meetings/form.html", context, status=concurrency.status(form))


def _meeting_form(data, meeting):
    form = MeetingForm(data, instance=meeting)
    form.fields.pop("agenda")  # the agenda has its own items on the meeting page
    return form


@login_required
@require_POST
def meeting_agenda_add(request, pk):
    acc = access.load_meeting(request.user, pk)
    access.require(acc.can_manage)
    form = AgendaItemForm(request.POST, prefix="agenda")
    if not form.is_valid():
        return _detail(request, acc, agenda_form=form)
    services.add_agenda_item(request.user, acc.meeting, **form.cleaned_data)
    messages.success(request, _("The agenda item has been added."))
    return redirect("community:meeting_detail", pk=pk)


@login_required
@require_POST
def meeting_agenda_remove(request, pk, item_pk):
    acc = access.load_meeting(request.user, pk)
    access.require(acc.can_manage)
    item = get_object_or_404(acc.meeting.agenda, pk=item_pk)
    services.remove_agenda_item(request.user, item)
    messages.success(request, _("The agenda item has been removed."))
    return redirect("community:meeting_detail", pk=pk)


@login_required
@require_POST
def meeting_attendance(request, pk):
    acc = access.load_meeting(request.user, pk)
    access.require(bool(acc.attendance_schools))
    form = AttendanceForm(request.POST, schools=list(acc.attendance_schools))
    if not form.is_valid():
        return _detail(request, acc, attendance_form=form)
    try:
        services.confirm_attendance(request.user, acc.meeting, **form.cleaned_data)
    except ValidationError as exc:
        add_errors(form, exc)
        return _detail(request, acc, attendance_form=form)
    messages.success(request, _("Thank you, your answer has been recorded."))
    return redirect("community:meeting_detail", pk=pk)


@login_required
@require_POST
def meeting_minutes(request, pk):
    acc = access.load_meeting(request.user, pk)
    access.require(acc.can_manage)
    form = MinutesForm(request.POST)
    if not form.is_valid():
        return _detail(request, acc, minutes_form=form)
    try:
        with concurrency.unchanged(
            form, lambda: MinutesForm(initial={"minutes": concurrency.locked(Meeting, pk).minutes})
        ):
            services.record_minutes(request.user, acc.meeting, **form.cleaned_data)
    except concurrency.EditConflict:
        return _detail(request, acc, minutes_form=form)
    messages.success(request, _("The minutes have been saved."))
    return redirect("community:meeting_detail", pk=pk)


@login_required
@require_POST
def meeting_action_add(request, pk):
    acc = access.load_meeting(request.user, pk)
    access.require(acc.can_manage)
    form = ActionForm(request.POST, owners=access.action_owner_choices(acc.meeting), prefix="action")
    if not form.is_valid():
        return _detail(request, acc, action_form=form)
    services.add_action(request.user, acc.meeting, **form.cleaned_data)
    messages.success(request, _("The action has been added; its owner has been told."))
    return redirect("community:meeting_detail", pk=pk)


@login_required
@require_POST
def action_update(request, pk):
    action, acc = access.load_action(request.user, pk)
    form = ActionUpdateForm(request.POST)
    if form.is_valid():
        if update_action_unless_changed(request, action, form, services.update_action):
            messages.success(request, _("The action has been updated."))
    else:
        messages.error(request, _("Choose a status."))
    target = parse_int(request.POST.get("next_meeting"))
    if target is not None and access.visible_meetings(request.user).filter(pk=target).exists():
        return redirect("community:meeting_detail", pk=target)
    return redirect("community:meeting_detail", pk=action.meeting_id)


@login_required
@require_GET
def network_year(request, pk):
    """The network's school year at a glance: meetings per month with
    attendance and minutes, and the actions still open."""
    network = get_object_or_404(access.visible_networks(request.user), pk=pk)
    today = timezone.localdate()
    start_year = int_param(request, "jaar", min=2000, max=2100, default=SchoolYear.start_year_of(today))
    first, last = SchoolYear.bounds_for(start_year)
    tz = timezone.get_current_timezone()
    meetings = (
        access.visible_meetings(request.user)
        .filter(
            network=network,
            starts_at__gte=datetime.datetime.combine(first, datetime.time.min, tzinfo=tz),
            starts_at__lt=datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz),
        )
        .annotate(
            coming=Count("attendances", filter=Q(attendances__answer=Attendance.Answer.YES)),
            open_actions=Count("actions", filter=~Q(actions__status=ActionStatus.DONE)),
        )
        .order_by("starts_at")
    )
    months = []
    for meeting in meetings:
        key = timezone.localtime(meeting.starts_at).date().replace(day=1)
        if not months or months[-1]["month"] != key:
            months.append({"month": key, "meetings": []})
        months[-1]["meetings"].append(meeting)
    open_actions = (
        ActionItem.objects.filter(meeting__network=network, meeting__in=access.visible_meetings(request.user))
        .exclude(status=ActionStatus.DONE)
        .select_related("owner", "meeting")
    )
    context = {
        "network": network,
        "months": months,
        "open_actions": open_actions,
        "school_count": network.schools.count(),
        "year_label": SchoolYear.name_for(start_year),
        "previous": start_year - 1,
        "next": start_year + 1,
        "can_plan": access.can_plan_network_meeting(request.user, network),
    }
    return render(request, "community/meetings/year.html", context)
