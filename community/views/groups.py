"""National working groups, and the network coach's notes per school."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import access
from community.forms import SchoolNoteForm, WorkingGroupForm
from community.services import meetings as services
from community.views.common import paginate


@login_required
@require_GET
def group_list(request):
    access.require_member(request.user)
    groups = access.visible_working_groups(request.user).annotate(n=Count("members", distinct=True))
    mine = set(request.user.community_groups.values_list("pk", flat=True))
    context = {"groups": groups, "mine": mine, "can_create": access.can_create_working_group(request.user)}
    return render(request, "community/meetings/group_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request):
    access.require(access.can_create_working_group(request.user))
    form = WorkingGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = services.create_working_group(request.user, **form.cleaned_data)
        messages.success(request, _("The working group has been created."))
        return redirect("community:group_detail", pk=group.pk)
    return render(request, "community/meetings/group_form.html", {"form": form})


@login_required
@require_GET
def group_detail(request, pk):
    group = get_object_or_404(access.visible_working_groups(request.user), pk=pk)
    member = access.is_group_member(request.user, group)
    meetings = access.visible_meetings(request.user).filter(working_group=group).order_by("-starts_at")
    members = list(group.members.order_by("first_name", "last_name").prefetch_related("role_assignments__school"))
    for person in members:
        person.school_names = sorted({r.school.name for r in person.role_assignments.all() if r.school_id})
    context = {
        "group": group,
        "member": member,
        "members": members,
        "meetings": meetings,
        "sees_meetings": member or access.can_create_working_group(request.user),
        "can_plan": access.can_plan_group_meeting(request.user, group),
        "can_join": access.can_join_working_group(request.user),
        "now": timezone.now(),
    }
    return render(request, "community/meetings/group_detail.html", context)


@login_required
@require_POST
def group_join(request, pk):
    group = get_object_or_404(access.visible_working_groups(request.user), pk=pk)
    access.require(access.can_join_working_group(request.user))
    services.join_working_group(request.user, group)
    messages.success(request, _("You are now a member of %(group)s.") % {"group": group.name})
    return redirect("community:group_detail", pk=pk)


@login_required
@require_POST
def group_leave(request, pk):
    group = get_object_or_404(access.visible_working_groups(request.user), pk=pk)
    services.leave_working_group(request.user, group)
    messages.success(request, _("You have left %(group)s.") % {"group": group.name})
    return redirect("community:group_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def school_notes(request, pk):
    acc = access.load_school_notes(request.user, pk)
    form = SchoolNoteForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST":
        access.require(acc.can_write)
        if form.is_valid():
            services.add_school_note(request.user, acc.school, **form.cleaned_data)
            messages.success(request, _("The note has been saved."))
            return redirect("community:school_notes", pk=pk)
    notes = access.visible_school_notes(request.user).filter(school=acc.school).select_related("author")
    context = {"acc": acc, "school": acc.school, "page_obj": paginate(request, notes), "form": form}
    return render(request, "community/meetings/school_notes.html", context)


@login_required
@require_POST
def note_delete(request, pk):
    note = access.load_note(request.user, pk)
    school_pk = note.school_id
    services.remove_school_note(request.user, note)
    messages.success(request, _("The note has been removed."))
    return redirect("community:school_notes", pk=school_pk)
