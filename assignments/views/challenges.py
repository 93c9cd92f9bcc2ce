"""Partner challenges (uitdagingen): submit, browse, respond, turn into an
assignment (see views.assignment.create with ?uitdaging=<pk>)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assignments import services
from assignments.forms import ChallengeForm, ChallengeResponseForm
from assignments.models import Assignment, Challenge
from organisation.access import get_scope
from organisation.models import PartnerOrganisation, School

PAGE_SIZE = 25


def _own_partner(request):
    scope = get_scope(request.user)
    if not scope.partner_ids:
        raise PermissionDenied
    return PartnerOrganisation.objects.filter(id__in=scope.partner_ids).order_by("pk").first()


@login_required
@require_GET
def challenge_list(request):
    scope = get_scope(request.user)
    if not (scope.national or scope.partner_ids or scope.network_ids or scope.staff_school_ids):
        raise PermissionDenied
    status = request.GET.get("status", Challenge.Status.OPEN)
    challenges = Challenge.objects.visible_to(request.user)
    if status in Challenge.Status.values:
        challenges = challenges.filter(status=status)
    challenges = (
        challenges.select_related("partner")
        .prefetch_related("levels", "sectors")
        .annotate(
            num_assignments=Count("assignments", distinct=True),
            num_responses=Count("responses", distinct=True),
        )
        .order_by("-created_at", "-pk")
    )
    page = Paginator(challenges, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "assignments/challenge_list.html",
        {
            "page_obj": page,
            "challenges": page.object_list,
            "status": status,
            "statuses": Challenge.Status.choices,
            "is_partner": bool(scope.partner_ids),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def challenge_create(request):
    partner = _own_partner(request)
    form = ChallengeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        challenge = services.submit_challenge(
            request.user, partner, sectors=data.pop("sectors"), levels=data.pop("levels"), **data
        )
        messages.success(request, _("Your challenge has been published for the schools in your region."))
        return redirect("assignments:challenge_detail", pk=challenge.pk)
    return render(request, "assignments/challenge_form.html", {"form": form, "partner": partner, "challenge": None})


@login_required
@require_http_methods(["GET", "POST"])
def challenge_edit(request, pk):
    challenge = get_object_or_404(Challenge.objects.visible_to(request.user).select_related("partner"), pk=pk)
    if not Challenge.objects.editable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    form = ChallengeForm(request.POST or None, instance=challenge)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        services.update_challenge(
            request.user, challenge, sectors=data.pop("sectors"), levels=data.pop("levels"), **data
        )
        messages.success(request, _("Your changes have been saved."))
        return redirect("assignments:challenge_detail", pk=challenge.pk)
    return render(
        request, "assignments/challenge_form.html", {"form": form, "partner": challenge.partner, "challenge": challenge}
    )


def _challenge_context(request, challenge, *, response_form=None):
    scope = get_scope(request.user)
    can_edit = Challenge.objects.editable_by(request.user).filter(pk=challenge.pk).exists()
    # Assignments made from it: the partner sees all (title, school, status);
    # others see those the library lets them see.
    assignments = Assignment.objects.filter(challenge=challenge)
    if not (can_edit or scope.national):
        assignments = assignments.filter(pk__in=Assignment.objects.visible_to(request.user).values("pk"))
    assignments = assignments.select_related("owner_school").order_by("-created_at")
    # Responses: the partner, coaches and the office see all; a school its own.
    responses = challenge.responses.select_related("school", "author")
    if not (can_edit or scope.national or scope.network_ids):
        responses = responses.filter(school_id__in=scope.staff_school_ids)
    is_staff = bool(scope.staff_school_ids)
    if is_staff and response_form is None:
        response_form = ChallengeResponseForm()
    return {
        "challenge": challenge,
        "assignments": assignments,
        "responses": responses,
        "can_edit": can_edit,
        "is_staff": is_staff,
        "response_form": response_form if is_staff else None,
        "offers": challenge.get_partner_offers_display(),
    }


@login_required
@require_GET
def challenge_detail(request, pk):
    challenge = get_object_or_404(
        Challenge.objects.visible_to(request.user)
        .select_related("partner", "created_by")
        .prefetch_related("sectors", "levels", Prefetch("partner__networks")),
        pk=pk,
    )
    return render(request, "assignments/challenge_detail.html", _challenge_context(request, challenge))


@login_required
@require_POST
def challenge_respond(request, pk):
    challenge = get_object_or_404(Challenge.objects.visible_to(request.user).select_related("partner"), pk=pk)
    scope = get_scope(request.user)
    if not scope.staff_school_ids or challenge.status != Challenge.Status.OPEN:
        raise PermissionDenied
    form = ChallengeResponseForm(request.POST)
    if not form.is_valid():
        return render(
            request, "assignments/challenge_detail.html", _challenge_context(request, challenge, response_form=form)
        )
    school = (
        School.objects.filter(Q(id__in=scope.staff_school_ids), network__partners=challenge.partner)
        .order_by("pk")
        .first()
        or School.objects.filter(id__in=scope.staff_school_ids).order_by("pk").first()
    )
    services.respond_to_challenge(request.user, challenge, school, form.cleaned_data["message"])
    messages.success(request, _("Your message has been sent to the partner."))
    return redirect("assignments:challenge_detail", pk=challenge.pk)


@login_required
@require_POST
def challenge_status(request, pk):
    challenge = get_object_or_404(Challenge.objects.visible_to(request.user), pk=pk)
    if not Challenge.objects.editable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    new = Challenge.Status.CLOSED if challenge.status == Challenge.Status.OPEN else Challenge.Status.OPEN
    services.set_challenge_status(request.user, challenge, new)
    messages.success(
        request, _("The challenge is closed.") if new == Challenge.Status.CLOSED else _("The challenge is open again.")
    )
    return redirect("assignments:challenge_detail", pk=challenge.pk)
