"""Materials of an assignment: upload (validated), download (access checked),
remove (from the current version only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assignments import access, services
from assignments.forms import MaterialForm
from assignments.models import AssignmentMaterial
from assignments.views.assignment import editable_assignment
from core.downloads import private_file


@login_required
@require_http_methods(["GET", "POST"])
def material_add(request, pk):
    assignment = editable_assignment(request.user, pk)
    if request.method == "POST":
        form = MaterialForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data.get("file")
            if upload:
                filename, content_type = form.file_meta
                services.add_material(
                    request.user,
                    assignment,
                    title=form.cleaned_data["title"],
                    upload=upload,
                    filename=filename,
                    content_type=content_type,
                )
            else:
                services.add_material(
                    request.user, assignment, title=form.cleaned_data["title"], url=form.cleaned_data["url"]
                )
            messages.success(request, _("The material has been added."))
            return redirect("assignments:detail", pk=assignment.pk)
    else:
        form = MaterialForm()
    materials = assignment.materials.filter(removed_at__isnull=True)
    return render(
        request, "assignments/material_form.html", {"assignment": assignment, "form": form, "materials": materials}
    )


@login_required
@require_GET
def material_download(request, pk, material_pk):
    """Serve a file only to those who may see the assignment. Removed material
    stays downloadable: earlier versions (and projects) still list it."""
    assignment = access.load_assignment(request.user, pk).assignment
    material = get_object_or_404(AssignmentMaterial.objects.filter(assignment=assignment), pk=material_pk)
    if material.kind == AssignmentMaterial.Kind.LINK:
        return HttpResponseRedirect(material.url)
    return private_file(material.file, filename=material.filename, content_type=material.content_type)


@login_required
@require_POST
def material_remove(request, pk, material_pk):
    assignment = editable_assignment(request.user, pk)
    material = get_object_or_404(
        AssignmentMaterial.objects.filter(assignment=assignment, removed_at__isnull=True), pk=material_pk
    )
    services.remove_material(request.user, assignment, material)
    messages.success(request, _("The material has been removed from the assignment. Earlier versions keep it."))
    return redirect("assignments:detail", pk=assignment.pk)
