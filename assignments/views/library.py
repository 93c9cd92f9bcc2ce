"""The library (search and filters) and the own school's assignments."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from assignments import access, library_cache, search
from assignments.forms import LibraryFilterForm
from assignments.models import Assignment
from core.params import choice_param, page_number, paginate


@login_required
@require_GET
def library(request):
    access.require(access.can_use_library(request.user))
    taxonomy = search.load_taxonomy()
    form = LibraryFilterForm(request.GET or None, taxonomy=taxonomy)
    data = form.cleaned_data if form.is_valid() else {}
    page = search.library_page(access.visible_assignments(request.user).in_library(), data, page_number(request))
    context = {
        "form": form,
        "page_obj": page,
        "assignments": page.object_list,
        "query": data.get("q", ""),
        "filtered": any(v for k, v in data.items() if k != "sort"),
        "is_staff": access.can_create_assignments(request.user),
    }
    context["cards"], context["controls"] = library_cache.library_fragments(
        page.object_list, taxonomy.levels, form=None if request.htmx else form
    )
    template = "assignments/library.html#results" if request.htmx else "assignments/library.html"
    return render(request, template, context)


@login_required
@require_GET
def mine(request):
    """The assignments of the own school(s): concepts, published, archived."""
    access.require(access.can_create_assignments(request.user))
    status = choice_param(request, "status", Assignment.Status.values)
    assignments = access.editable_assignments(request.user)
    if status:
        assignments = assignments.filter(status=status)
    assignments = search.list_queryset(assignments.select_related("adopted_from__owner_school")).order_by("-updated_at")
    page = paginate(request, assignments, search.PAGE_SIZE)
    return render(
        request,
        "assignments/mine.html",
        {
            "page_obj": page,
            "assignments": page.object_list,
            "status": status,
            "statuses": Assignment.Status.choices,
        },
    )
