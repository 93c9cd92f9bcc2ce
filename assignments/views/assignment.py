"""One assignment: create, read, edit (new version), publish, archive, adopt,
rate, and its version history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assignments import access, services
from assignments.forms import (
    AdoptForm,
    AssignmentForm,
    PublishForm,
    RatingForm,
    RubricFormSet,
)
from assignments.models import Assignment, AssignmentVersion, Rating
from assignments.services import DEFAULT_RUBRIC_LEVELS
from core import concurrency
from core.params import parse_int, text_param
from organisation.models import Level, Sector

# -- helpers -----------------------------------------------------------------


def editable_assignment(user, pk):
    """Invisible → 404; visible but not the own school's → 403."""
    loaded = access.load_assignment(user, pk)
    access.require(loaded.can_edit)
    return loaded.assignment


def version_labels(version: AssignmentVersion) -> dict:
    """Names of the levels and sectors a version lists (codes are stored)."""
    levels = dict(Level.objects.filter(code__in=version.levels).values_list("code", "name"))
    sectors = dict(Sector.objects.filter(slug__in=version.sectors).values_list("slug", "name"))
    return {
        "level_names": [levels.get(c, c) for c in version.levels],
        "sector_names": [sectors.get(s, s) for s in version.sectors],
    }


def rubric_rows(version: AssignmentVersion) -> list[dict]:
    levels = version.rubric_levels
    return [
        {
            "name": c.get("name", ""),
            "kind": c.get("kind", "product"),
            "cells": list(zip(levels, (c.get("descriptors") or []) + [""] * len(levels), strict=False)),
        }
        for c in version.rubric_criteria
    ]


def _form_from_post(request, *, initial_levels=None):
    form = AssignmentForm(request.POST, user=request.user)
    raw_levels = [p.strip() for p in request.POST.get("rubric_levels", "").split(",") if p.strip()]
    level_names = raw_levels[:6] or initial_levels or DEFAULT_RUBRIC_LEVELS
    formset = RubricFormSet(request.POST, prefix="rubric", form_kwargs={"level_names": level_names})
    return form, formset


def _criteria(form, formset):
    num_levels = len(form.cleaned_data["rubric_levels"])
    return [c for c in (f.criterion(num_levels) for f in formset.forms if f.is_valid()) if c]


def _rubric_initial(rubric: dict) -> list[dict]:
    rows = []
    for c in (rubric or {}).get("criteria") or []:
        row = {"name": c.get("name", ""), "kind": c.get("kind", "product")}
        for i, d in enumerate(c.get("descriptors") or []):
            row[f"d{i}"] = d
        rows.append(row)
    return rows


# -- create and edit ---------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def create(request):
    """A new assignment, from a challenge (?uitdaging=<pk>) or from scratch."""
    school = access.school_for_new_assignment(request.user)
    challenge = None
    raw = text_param(request, "uitdaging") or request.POST.get("uitdaging", "")
    if raw:
        challenge_pk = parse_int(raw)
        if challenge_pk is None:
            raise Http404
        challenge = access.load_challenge(request.user, challenge_pk).challenge
    if request.method == "POST":
        form, formset = _form_from_post(request)
        if form.is_valid() and formset.is_valid():
            assignment = services.create_assignment(
                request.user, school, form.to_content(_criteria(form, formset)), challenge=challenge
            )
            messages.success(request, _("Your assignment has been saved as a concept."))
            return redirect("assignments:detail", pk=assignment.pk)
    else:
        initial = {"rubric_levels": ", ".join(DEFAULT_RUBRIC_LEVELS)}
        if challenge:
            initial.update(
                title=challenge.title,
                client=challenge.partner,
                problem_statement=challenge.question
                + (f"\n\n{challenge.why_it_matters}" if challenge.why_it_matters else ""),
                expected_result=challenge.good_result,
                levels=list(challenge.levels.all()),
                sectors=list(challenge.sectors.all()),
                leerjaar_min=challenge.leerjaar_min,
                leerjaar_max=challenge.leerjaar_max,
            )
        form = AssignmentForm(initial=initial, user=request.user)
        formset = RubricFormSet(prefix="rubric", form_kwargs={"level_names": DEFAULT_RUBRIC_LEVELS})
    return render(
        request,
        "assignments/form.html",
        {"form": form, "formset": formset, "challenge": challenge, "school": school, "assignment": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    """Editing saves a new version; earlier versions stay readable."""
    assignment = editable_assignment(request.user, pk)
    current = services.content_from_version(assignment.current_version)
    if request.method == "POST":
        form, formset = _form_from_post(request, initial_levels=current.rubric.get("levels"))
        if form.is_valid() and formset.is_valid():

            def stored():
                # Every save makes a new version: the version number is the page's version.
                locked = concurrency.locked(Assignment.objects.select_related("current_version__created_by"), pk)
                by = locked.current_version.created_by
                return concurrency.Stored(
                    AssignmentForm(
                        initial=AssignmentForm.initial_from(services.content_from_version(locked.current_version)),
                        user=request.user,
                    ),
                    version=concurrency.stamp(locked.current_version_id),
                    who=by.get_full_name() if by and by.pk != request.user.pk else "",
                )

            try:
                with concurrency.unchanged(form, stored):
                    services.update_assignment(
                        request.user,
                        assignment,
                        form.to_content(_criteria(form, formset)),
                        change_note=form.cleaned_data.get("change_note", ""),
                    )
            except concurrency.EditConflict:
                assignment.refresh_from_db()
            else:
                messages.success(request, _("Your changes have been saved as a new version."))
                return redirect("assignments:detail", pk=assignment.pk)
    else:
        version = concurrency.stamp(assignment.current_version_id)
        form = AssignmentForm(initial=AssignmentForm.initial_from(current), user=request.user, version=version)
        levels = current.rubric.get("levels") or DEFAULT_RUBRIC_LEVELS
        formset = RubricFormSet(
            prefix="rubric", initial=_rubric_initial(current.rubric), form_kwargs={"level_names": levels}
        )
    return render(
        request,
        "assignments/form.html",
        {"form": form, "formset": formset, "assignment": assignment, "challenge": assignment.challenge},
        status=concurrency.status(form),
    )


# -- read ----------------------------------------------------------------------


def _detail_context(request, loaded: access.AssignmentAccess, *, rating_form=None, adopt_form=None):
    """What the detail page shows; ask after ``services.record_view`` (rating
    depends on it)."""
    assignment = loaded.assignment
    version = assignment.current_version
    ratings = my_rating = None
    if loaded.sees_ratings:
        ratings = list(assignment.ratings.select_related("user", "school")[:50])
        my_rating = next((r for r in ratings if r.user_id == request.user.pk), None)
    if loaded.can_rate and rating_form is None:
        initial = {"score": my_rating.score, "comment": my_rating.comment} if my_rating else None
        rating_form = RatingForm(initial=initial)
    if loaded.can_adopt and adopt_form is None:
        adopt_form = AdoptForm(schools=loaded.adopt_schools)
    adoptions = list(assignment.adoptions.select_related("owner_school").order_by("-created_at")[:50])
    publish_form = PublishForm(initial={"sharing_scope": assignment.sharing_scope}) if loaded.can_publish else None
    return {
        "access": loaded,
        "assignment": assignment,
        "version": version,
        **version_labels(version),
        "rubric": rubric_rows(version),
        "materials": list(assignment.materials.filter(removed_at__isnull=True)),
        "sectors": list(assignment.sectors.all()),
        "ratings": ratings,
        "my_rating": my_rating,
        "rating_form": rating_form,
        "adopt_form": adopt_form,
        "adopt_several": loaded.adopt_schools.count() > 1 if loaded.can_adopt else False,
        "adoptions": adoptions,
        "publish_form": publish_form,
        "num_versions": assignment.versions.count(),
    }


@login_required
@require_GET
def detail(request, pk):
    loaded = access.load_assignment(request.user, pk)
    services.record_view(request.user, loaded.assignment)
    return render(request, "assignments/detail.html", _detail_context(request, loaded))


@login_required
@require_GET
def versions(request, pk):
    assignment = access.load_assignment(request.user, pk).assignment
    rows = list(assignment.versions.select_related("created_by").order_by("number"))
    history = []
    previous = None
    for version in rows:
        changed = []
        if previous is not None:
            changed = [
                str(AssignmentVersion._meta.get_field(name).verbose_name)
                for name in AssignmentVersion.CONTENT_FIELDS
                if getattr(version, name) != getattr(previous, name)
            ]
        history.append({"version": version, "changed": changed})
        previous = version
    history.reverse()
    return render(request, "assignments/versions.html", {"assignment": assignment, "history": history})


@login_required
@require_GET
def version_detail(request, pk, number):
    assignment = access.load_assignment(request.user, pk).assignment
    version = get_object_or_404(assignment.versions.select_related("created_by"), number=number)
    return render(
        request,
        "assignments/version_detail.html",
        {
            "assignment": assignment,
            "version": version,
            **version_labels(version),
            "rubric": rubric_rows(version),
            "is_current": version.pk == assignment.current_version_id,
        },
    )


# -- actions -----------------------------------------------------------------


@login_required
@require_POST
def publish(request, pk):
    loaded = access.load_assignment(request.user, pk)
    access.require(loaded.can_publish)
    assignment = loaded.assignment
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose with whom you want to share the assignment."))
        return redirect("assignments:detail", pk=assignment.pk)
    services.publish_assignment(request.user, assignment, form.cleaned_data["sharing_scope"])
    messages.success(request, _("The assignment is published."))
    return redirect("assignments:detail", pk=assignment.pk)


@login_required
@require_POST
def archive(request, pk):
    loaded = access.load_assignment(request.user, pk)
    access.require(loaded.can_publish)
    services.archive_assignment(request.user, loaded.assignment)
    messages.success(
        request, _("The assignment is archived. It no longer appears in the library; projects that used it keep it.")
    )
    return redirect("assignments:detail", pk=pk)


@login_required
@require_POST
def adopt(request, pk):
    loaded = access.load_assignment(request.user, pk)
    access.require(loaded.can_adopt)
    schools = loaded.adopt_schools
    form = AdoptForm(request.POST or None, schools=schools)
    if "school" not in request.POST:
        form = AdoptForm({"school": schools.order_by("pk").first().pk}, schools=schools)
    if not form.is_valid():
        context = _detail_context(request, loaded, adopt_form=form)
        return render(request, "assignments/detail.html", context)
    with transaction.atomic():
        copy = services.adopt_assignment(request.user, loaded.assignment, form.cleaned_data["school"])
    messages.success(
        request, _("The assignment is now in your school's library as a concept. Adapt it to your classes.")
    )
    return redirect("assignments:edit", pk=copy.pk)


@login_required
@require_POST
def rate(request, pk):
    loaded = access.load_assignment(request.user, pk)
    access.require(loaded.can_rate)
    assignment = loaded.assignment
    form = RatingForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, loaded, rating_form=form)
        return render(request, "assignments/detail.html", context)
    existed = Rating.objects.filter(assignment=assignment, user=request.user).exists()
    services.rate_assignment(request.user, assignment, form.cleaned_data["score"], form.cleaned_data["comment"])
    messages.success(request, _("Your rating has been updated.") if existed else _("Thank you for your rating."))
    return redirect("assignments:detail", pk=assignment.pk)
