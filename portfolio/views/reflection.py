"""Reflecting on an experience (with autosaved drafts) and the student's
richtingsgevoel dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portfolio import access, charts, insights, profile, services
from portfolio.forms import ReflectionForm, draft_from_post, reflection_initial
from portfolio.models import Reflection
from portfolio.views.common import login_required_htmx


def _questions(reflection, data=None):
    source = data.get("questions", "") if data is not None else reflection.questions
    return [q.strip() for q in str(source).splitlines() if q.strip()]


def _own_experience(request, pk):
    """The experience the student reflects on (a coach reads it: 403)."""
    return access.load_experience(request.user, pk, related=("reflection",), needs="can_reflect").experience


def _saved_at_ms(reflection):
    stamp = reflection.draft_saved_at if reflection.has_draft else reflection.submitted_at
    return int(stamp.timestamp() * 1000) if stamp else 0


@login_required
@require_http_methods(["GET", "POST"])
def reflect(request, pk):
    experience = _own_experience(request, pk)
    reflection: Reflection = experience.reflection
    sectors = list(experience.sectors.order_by("order"))
    if request.method == "POST":
        form = ReflectionForm(
            request.POST, experience=experience, sectors=sectors, questions=_questions(reflection, request.POST)
        )
        if form.is_valid():
            services.submit_reflection(
                request.user,
                experience,
                texts=form.texts(),
                qualities=form.cleaned_data["qualities"],
                motives=form.cleaned_data["motives"],
                affinities=form.affinities(),
                answers=form.answers(),
            )
            messages.success(request, _("Your reflection is saved in your portfolio."))
            return redirect(f"{experience.get_absolute_url()}?opgeslagen=1")
        # Nothing typed is lost: keep it as a draft too, and show it again with the errors.
        reflection = services.save_reflection_draft(request.user, experience, draft_from_post(request.POST))
    elif reflection.has_draft:
        form = ReflectionForm(
            initial=reflection.draft,
            experience=experience,
            sectors=sectors,
            questions=_questions(reflection, reflection.draft),
        )
    else:
        form = ReflectionForm(
            initial=reflection_initial(reflection, experience.affinities.all()),
            experience=experience,
            sectors=sectors,
            questions=reflection.question_list,
        )
    return render(
        request,
        "portfolio/reflect.html",
        {
            "experience": experience,
            "reflection": reflection,
            "form": form,
            "saved_at_ms": _saved_at_ms(reflection),
            "is_interview": experience.kind == "beroepsgesprek",
        },
    )


@login_required_htmx
@require_POST
def reflect_draft(request, pk):
    """Autosave: keep what is typed, no validation; answers a status line."""
    experience = _own_experience(request, pk)
    reflection = services.save_reflection_draft(request.user, experience, draft_from_post(request.POST))
    return render(
        request,
        "portfolio/reflect.html#autosave-status",
        {"reflection": reflection, "experience": experience, "saved_at_ms": _saved_at_ms(reflection)},
    )


def richtingsgevoel_context(student, today=None, *, level=insights.UNKNOWN):
    rg = insights.richtingsgevoel_for(student, today, level=level)
    scored = [a for a in rg.affinity if a.mean is not None]
    return {
        "rg": rg,
        "scored": scored,
        "unscored": [a for a in rg.affinity if a.mean is None],
        "bars": charts.affinity_bars(scored),
        "timeline": charts.timeline_chart(rg),
        "profiles": [p for p in rg.profiles if p.score is not None],
        "profiles_open": [p for p in rg.profiles if p.score is None],
        "quality_rows": insights.quality_rows(rg),
        "motive_rows": insights.motive_rows(rg),
        "weighting": profile.WEIGHTING_EXPLANATION,
        "high": profile.HIGH_AFFINITY,
    }


@login_required
@require_GET
def richtingsgevoel(request):
    access.require_student(request.user)
    context = richtingsgevoel_context(request.user, timezone.localdate())
    return render(request, "portfolio/richtingsgevoel.html", context)
