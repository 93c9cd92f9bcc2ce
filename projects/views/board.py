"""Planning board, logbook and deliverables of a team."""

from functools import partial
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.downloads import private_file
from core.forms import add_errors
from core.params import flag_param, paginate
from projects import services
from projects.access import team_access
from projects.forms.board import DeliverableForm, DeliverableVersionForm, LogEntryForm, TaskForm, TaskStatusForm
from projects.forms.coaching import FeedbackForm
from projects.models import WORK_PHASES, Deliverable, DeliverableVersion, Feedback, LogEntry, Phase, Task
from projects.views.common import back, saved, team_context, team_object


def _task_forms(task, team, data=None, members=None):
    initial = {name: getattr(task, name) for name in TaskForm.base_fields}
    task.edit_form = TaskForm(data, initial=initial, prefix=f"t{task.pk}", team=team, members=members)
    task.seen_form = TaskForm(initial=initial, prefix=f"seen{task.pk}", team=team, members=members)
    task.status_form = TaskStatusForm(initial={"status": task.status, "seen_status": task.status}, prefix=f"s{task.pk}")
    return task


def _board(request, access, *, form=None, conflict=None, status=200, edited=None):
    team = access.team
    mine = flag_param(request, "mijn") and access.is_member
    tasks = team.tasks.select_related("owner", "updated_by").order_by("due_date", "id")
    if mine:
        tasks = tasks.filter(owner=request.user)
    members = [m.student for m in team.memberships.select_related("student").order_by("student__first_name")]
    columns = {value: [] for value in Task.Status.values}
    for task in tasks:
        if edited is not None and task.pk == edited.pk:
            task = edited
        else:
            _task_forms(task, team, members=members)
        columns[task.status].append(task)
    context = team_context(
        access,
        "board",
        columns=[{"status": s, "label": label, "tasks": columns[s]} for s, label in Task.Status.choices],
        form=form
        or TaskForm(
            team=team, members=members, initial={"phase": team.phase if team.phase in WORK_PHASES else Phase.PLANNEN}
        ),
        conflict=conflict,
        mine=mine,
    )
    return render(request, "projects/team_board.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def team_board(request, pk):
    access = team_access(request.user, pk)
    if request.method == "POST":
        access.require(access.can_work)
        form = TaskForm(request.POST, team=access.team)
        if form.is_valid():
            services.create_task(request.user, access.team, **form.cleaned_data)
            messages.success(request, _("The task has been added."))
            return back(access.team, "projects:team_board")
        return _board(request, access, form=form, status=422)
    return _board(request, access)


def _conflict_text(current: Task, fields) -> str:
    values = {
        "title": current.title,
        "description": current.description,
        "owner_id": current.owner.get_full_name() if current.owner_id else "–",
        "due_date": date_format(current.due_date, "j F Y") if current.due_date else "–",
        "status": current.get_status_display(),
        "phase": current.get_phase_display(),
    }
    changed = "; ".join(f"{Task._meta.get_field(f).verbose_name}: “{values[f]}”" for f in fields)
    who = current.updated_by.get_full_name() if current.updated_by_id else _("someone")
    return _(
        "%(who)s changed this task while you were editing it (now %(changed)s). Your change has not been saved; "
        "check it and save again if it is still needed."
    ) % {"who": who, "changed": changed}


@login_required
@require_POST
def task_update(request, pk, task_pk):
    """Either a status change (form prefix s<pk>) or an edit (prefix t<pk>);
    only the fields the user actually changed are written, and only if
    nobody changed those same fields in the meantime."""
    access, task = team_object(request, pk, Task.objects.select_related("owner"), task_pk)
    if f"s{task.pk}-status" in request.POST:
        form = TaskStatusForm(request.POST, prefix=f"s{task.pk}")
        if not form.is_valid():
            messages.error(request, _("Choose a status."))
            return back(access.team, "projects:team_board")
        changes = {"status": form.cleaned_data["status"]}
        seen = {"status": form.cleaned_data["seen_status"]}
        edited = None
    else:
        form = TaskForm(request.POST, prefix=f"t{task.pk}", team=access.team)
        seen_form = TaskForm(request.POST, prefix=f"seen{task.pk}", team=access.team)
        if not form.is_valid() or not seen_form.is_valid():
            _task_forms(task, access.team, request.POST)
            return _board(request, access, status=422, edited=task)
        changes, seen = {}, {}
        for name, new in form.cleaned_data.items():
            old = seen_form.cleaned_data[name]
            if new != old:
                changes[name], seen[name] = new, old
        edited = task
    try:
        services.update_task(request.user, task.pk, changes=changes, seen=seen)
    except services.TaskConflict as exc:
        # Show the current values; keep what the user typed in the edit form.
        current = _task_forms(exc.task, access.team, request.POST if edited else None)
        conflict = {"task": current.pk, "text": _conflict_text(current, exc.fields), "edit": edited is not None}
        return _board(request, access, conflict=conflict, status=409, edited=current)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return back(access.team, "projects:team_board")
    if request.htmx:
        return back(access.team, "projects:team_board")
    messages.success(request, _("The task has been saved."))
    return back(access.team, "projects:team_board", f"#task-{task.pk}")


@login_required
@require_POST
def task_delete(request, pk, task_pk):
    access, task = team_object(request, pk, Task, task_pk)
    services.delete_task(request.user, task)
    messages.success(request, _("The task has been removed."))
    return back(access.team, "projects:team_board")


@login_required
@require_http_methods(["GET", "POST"])
def team_log(request, pk):
    access = team_access(request.user, pk)
    team = access.team
    form = LogEntryForm(request.POST or None)
    add = partial(services.add_log_entry, request.user, team)
    if saved(request, access, form, add, allowed=access.can_work, success=_("Your logbook entry has been saved.")):
        return back(team, "projects:team_log")
    entries = (
        LogEntry.objects.filter(team=team)
        .select_related("author")
        .prefetch_related(Prefetch("feedback", queryset=Feedback.objects.select_related("author")))
    )
    page = paginate(request, entries, 25)
    return render(
        request,
        "projects/team_log.html",
        team_context(access, "log", page_obj=page, entries=page.object_list, form=form, feedback_form=FeedbackForm()),
    )


def _give_feedback(request, access, form, **target) -> bool:
    """Save a coach's feedback on a logbook entry or a deliverable, if written."""
    if not form.is_valid():
        return False
    services.give_feedback(request.user, access.team, **form.cleaned_data, **target)
    messages.success(request, _("Your feedback has been saved."))
    return True


@login_required
@require_POST
def log_feedback(request, pk, entry_pk):
    access, entry = team_object(request, pk, LogEntry, entry_pk, flag="can_coach")
    if not _give_feedback(request, access, FeedbackForm(request.POST), log_entry=entry):
        messages.error(request, _("Write your feedback first."))
    return back(access.team, "projects:team_log", f"#entry-{entry.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def team_deliverables(request, pk):
    access = team_access(request.user, pk)
    team = access.team
    form = DeliverableForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        access.require(access.can_work)
        if form.is_valid():
            try:
                deliverable = services.add_deliverable(request.user, team, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error("file", exc.messages[0])
            else:
                messages.success(request, _("“%(title)s” has been added.") % {"title": deliverable.title})
                return back(team, "projects:team_deliverables")
    deliverables = list(
        team.deliverables.select_related("created_by").prefetch_related(
            Prefetch("versions", queryset=DeliverableVersion.objects.select_related("uploaded_by"))
        )
    )
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "projects/team_deliverables.html",
        team_context(access, "deliverables", deliverables=deliverables, form=form),
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def deliverable_detail(request, pk, deliverable_pk):
    access = team_access(request.user, pk)
    team = access.team
    deliverable = get_object_or_404(Deliverable, pk=deliverable_pk, team=team)
    form = DeliverableVersionForm(request.POST or None, request.FILES or None)
    feedback_form = FeedbackForm()
    if request.method == "POST":
        access.require(access.can_work)
        if "feedback" in request.POST:
            access.require(access.can_coach)
            feedback_form, form = FeedbackForm(request.POST), DeliverableVersionForm()
            if _give_feedback(request, access, feedback_form, deliverable=deliverable):
                return back(team, "projects:team_deliverables")
        elif form.is_valid():
            try:
                services.add_deliverable_version(request.user, deliverable, **form.cleaned_data)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("The new version has been added."))
                return redirect("projects:deliverable_detail", pk=team.pk, deliverable_pk=deliverable.pk)
    versions = deliverable.versions.select_related("uploaded_by")
    feedback = deliverable.feedback.select_related("author")
    return render(
        request,
        "projects/deliverable_detail.html",
        team_context(
            access,
            "deliverables",
            deliverable=deliverable,
            versions=versions,
            feedback=feedback,
            form=form,
            feedback_form=feedback_form,
        ),
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def deliverable_download(request, pk, version_pk):
    """Serve a version's file only to those who may see the team's work
    (members, staff, the client's contacts)."""
    access = team_access(request.user, pk, allow_partner=True)
    version = get_object_or_404(
        DeliverableVersion.objects.select_related("deliverable"), pk=version_pk, deliverable__team=access.team
    )
    if version.url:
        # Never a redirect from our address to one a student typed: a page
        # that names the other site, and the visitor decides.
        return render(
            request,
            "projects/external_link.html",
            {
                "url": version.url,
                "host": urlsplit(version.url).hostname or version.url,
                "back": reverse(
                    "projects:team_deliverables" if not access.is_partner else "projects:partner_team",
                    args=[access.team.pk],
                ),
            },
        )
    return private_file(version.file, filename=version.filename, content_type=version.content_type)
