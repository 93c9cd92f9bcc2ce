"""Materials exchange: list with search, tag filter and "most used"; share,
edit, remove; preview, download (counted), comments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from community import access, search
from community.forms import CommentForm, MaterialFilterForm, MaterialForm
from community.models import Material, Tag
from community.services import materials as services
from community.views.common import paginate, staff_school
from core import concurrency
from core.downloads import no_store, private_file
from core.forms import add_errors

ORDERINGS = {"new": ["-created_at", "-pk"], "used": ["-download_count", "-created_at", "-pk"], "title": ["title", "pk"]}
TEXT_PREVIEW_LIMIT = 200_000


@login_required
@require_GET
def material_list(request):
    access.require_member(request.user)
    form = MaterialFilterForm(request.GET or None)
    materials = access.visible_materials(request.user)
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("q"):
        materials = search.matching(materials, data["q"], ["title", "description", "tags__name"])
    if data.get("kind"):
        materials = materials.filter(kind=data["kind"])
    if data.get("tag"):
        materials = materials.filter(tags__slug=data["tag"])
    ordering = ORDERINGS.get(data.get("sort") or "new")
    materials = materials.select_related("school", "author").prefetch_related("tags").order_by(*ordering)
    popular_tags = (
        Tag.objects.filter(materials__in=access.visible_materials(request.user))
        .annotate(n=Count("materials"))
        .order_by("-n", "name")[:12]
    )
    context = {
        "form": form,
        "page_obj": paginate(request, materials),
        "popular_tags": popular_tags,
        "filtered": bool(data.get("q") or data.get("kind") or data.get("tag")),
        "can_share": access.can_share_materials(request.user),
        "active_tag": data.get("tag", ""),
    }
    if request.htmx:
        return render(request, "community/materials/list.html#results", context)
    return render(request, "community/materials/list.html", context)


def _save(request, form, material=None):
    try:
        if material is None:
            return services.share_material(request.user, school=staff_school(request.user), **form.service_kwargs())
        return services.update_material(request.user, material, **form.service_kwargs())
    except ValidationError as exc:
        add_errors(form, exc)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def material_create(request):
    access.require(access.can_share_materials(request.user))
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        material = _save(request, form)
        if material:
            messages.success(request, _("Your material has been shared."))
            return redirect("community:material_detail", pk=material.pk)
    return render(request, "community/materials/form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def material_edit(request, pk):
    acc = access.load_material(request.user, pk)
    access.require(acc.can_edit)
    material = acc.material
    form = MaterialForm(request.POST or None, request.FILES or None, initial=_material_initial(material))
    if request.method == "POST" and form.is_valid():
        try:
            with concurrency.unchanged(
                form, lambda: MaterialForm(initial=_material_initial(concurrency.locked(Material, pk)))
            ):
                saved = _save(request, form, material)
                if not saved:
                    raise _NotSaved
        except concurrency.EditConflict:
            material.refresh_from_db()
        except _NotSaved:
            pass
        else:
            messages.success(request, _("The material has been saved."))
            return redirect("community:material_detail", pk=material.pk)
    context = {"form": form, "material": material}
    return render(request, "community/materials/form.html", context, status=concurrency.status(form))


class _NotSaved(Exception):
    """The service refused (its errors are on the form): nothing of the save stays."""


def _material_initial(material) -> dict:
    return {
        "title": material.title,
        "kind": material.kind,
        "description": material.description,
        "tags": ", ".join(t.name for t in material.tags.all()),
        "sharing_scope": material.sharing_scope,
        "url": material.url,
    }


@login_required
@require_POST
def material_delete(request, pk):
    acc = access.load_material(request.user, pk)
    access.require(acc.can_edit)
    services.remove_material(request.user, acc.material)
    messages.success(request, _("The material has been removed."))
    return redirect("community:material_list")


@login_required
@require_GET
def material_detail(request, pk):
    return _detail(request, access.load_material(request.user, pk), CommentForm())


def _detail(request, acc, comment_form):
    """The material's page, with the comment form as it was filled in."""
    material = acc.material
    context = {
        "material": material,
        "acc": acc,
        "tags": material.tags.all(),
        "comments": material.comments.select_related("author"),
        "comment_form": comment_form,
        "text_preview": _text_preview(material) if material.preview_kind == "text" else None,
    }
    return render(request, "community/materials/detail.html", context)


def _text_preview(material):
    try:
        with material.file.open("rb") as handle:
            data = handle.read(TEXT_PREVIEW_LIMIT)
    except (FileNotFoundError, ValueError):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


@login_required
@require_GET
def material_download(request, pk):
    """Counted once per request; a link redirects (counted too)."""
    material = access.load_material(request.user, pk).material
    services.count_download(material)
    if material.is_link:
        return HttpResponseRedirect(material.url)
    return private_file(material.file, filename=material.filename, content_type=material.content_type, attachment=True)


@login_required
@require_GET
def material_preview(request, pk):
    """Images and PDFs inline (for the page's <img>/<iframe>); nothing else."""
    material = access.load_material(request.user, pk).material
    if material.preview_kind not in ("image", "pdf"):
        raise Http404
    response = private_file(
        material.file, filename=material.filename, content_type=material.content_type, attachment=False
    )
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
    )
    response["X-Frame-Options"] = "SAMEORIGIN"
    return no_store(response)


@login_required
@require_POST
def material_comment(request, pk):
    acc = access.load_material(request.user, pk)
    access.require(acc.can_comment)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.add_comment(request.user, acc.material, **form.cleaned_data)
        messages.success(request, _("Your comment has been posted."))
        return redirect("community:material_detail", pk=acc.material.pk)
    return _detail(request, acc, form)
