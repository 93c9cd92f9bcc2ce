"""Partner challenges (uitdagingen): submit, browse, respond, turn into an
assignment (see views.assignment.create with ?uitdaging=<pk>)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assignments import access, services
from assignments.forms import ChallengeForm, ChallengeResponseForm
from assignments.models import Challenge
from core import concurrency
from core.params import choice_param, paginate

PAGE_SIZE = 25


@login_required
@require_GET
def challenge_list(request):
    access.require(access.can_browse_challenges(request.user))
    status = choice_param(request, "status", [*Challenge.Status.values, "alle"], default=Challenge.Status.OPEN)
    challenges = access.visible_challenges(request.user)
    if status in Challenge.Status.values:
        challenges = challenges.filter(status=status)
    challenges = (
        access.with_assignment_counts(request.user, challenges)
        .select_related("partner")
        .prefetch_related("levels", "sectors")
        .annotate(num_responses=Count("responses", distinct=True))
        .order_by("-created_at", "-pk")
    )
    page = paginate(request, challenges, PAGE_SIZE)
    return render(
        request,
        "assignments/challenge_list.html",
        {
            "page_obj": page,
            "challenges": page.object_list,
            "status": status,
            "statuses": Challenge.Status.choices,
            "is_partner": access.can_submit_challenges(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def challenge_create(request):
    partner = access.partner_for_new_challenge(request.user)
    form = ChallengeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        challenge = services.submit_challenge(request.user, partner, **form.cleaned_data)
        messages.success(request, _("Your challenge has been published for the schools in your region."))
        return redirect("assignments:challenge_detail", pk=challenge.pk)
    return render(request, "assignments/challenge_form.html", {"form": form, "partner": partner, "challenge": None})


@login_required
@require_http_methods(["GET", "POST"])
def challenge_edit(request, pk):
    loaded = access.load_challenge(request.user, pk)
    access.require(loaded.can_edit)
    challenge = loaded.challenge
    form = ChallengeForm(request.POST or None, instance=challenge)
    if request.method == "POST" and form.is_valid():
        try:
            with concurrency.unchanged(form, lambda: ChallengeForm(instance=concurrency.locked(Challenge, pk))):
                services.update_challenge(request.user, challenge, **form.cleaned_data)
        except concurrency.EditConflict:
            challenge.refresh_from_db()
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect("assignments:challenge_detail", pk=challenge.pk)
    context = {"form": form, "partner": challenge.partner, "challenge": challenge}
    return render(request, "assignments/challenge_form.html", context, status=concurrency.status(form))


def _challenge_context(loaded: access.ChallengeAccess, *, response_form=None):
    if loaded.can_respond and response_form is None:
        response_form = ChallengeResponseForm()
    return {
        "access": loaded,
        "challenge": loaded.challenge,
        "assignments": loaded.assignments.select_related("owner_school").order_by("-created_at"),
        "responses": loaded.responses.select_related("school", "author"),
        "response_form": response_form if loaded.can_respond else None,
        "offers": loaded.challenge.get_partner_offers_display(),
    }


@login_required
@require_GET
def challenge_detail(request, pk):
    loaded = access.load_challenge(request.user, pk)
    return render(request, "assignments/challenge_detail.html", _challenge_context(loaded))


@login_required
@require_POST
def challenge_respond(request, pk):
    loaded = access.load_challenge(request.user, pk)
    access.require(loaded.can_respond)
    form = ChallengeResponseForm(request.POST)
    if not form.is_valid():
        return render(request, "assignments/challenge_detail.html", _challenge_context(loaded, response_form=form))
    services.respond_to_challenge(request.user, loaded.challenge, loaded.responding_school, **form.cleaned_data)
    messages.success(request, _("Your message has been sent to the partner."))
    return redirect("assignments:challenge_detail", pk=pk)


@login_required
@require_POST
def challenge_status(request, pk):
    loaded = access.load_challenge(request.user, pk)
    access.require(loaded.can_edit)
    challenge = loaded.challenge
    new = Challenge.Status.CLOSED if challenge.status == Challenge.Status.OPEN else Challenge.Status.OPEN
    services.set_challenge_status(request.user, challenge, new)
    messages.success(
        request, _("The challenge is closed.") if new == Challenge.Status.CLOSED else _("The challenge is open again.")
    )
    return redirect("assignments:challenge_detail", pk=challenge.pk)
