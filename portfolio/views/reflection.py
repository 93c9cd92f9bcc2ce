"""Reflecting on an experience (with autosaved drafts) and the student's
richtingsgevoel dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import concurrency
from core.params import text_param
from portfolio import access, charts, forms, insights, profile, services, steps
from portfolio.forms import ReflectionForm, draft_fields, draft_from_post, reflection_initial
from portfolio.models import Reflection, SectorAffinity
from portfolio.views.common import login_required_htmx


def _own_experience(request, pk):
    """The experience the student reflects on (a coach reads it: 403)."""
    return access.load_experience(request.user, pk, related=("reflection",), needs="can_reflect").experience


def _saved_at_ms(reflection):
    stamp = reflection.draft_saved_at if reflection.has_draft else reflection.submitted_at
    return int(stamp.timestamp() * 1000) if stamp else 0


def _step_url(experience, step):
    return f"{reverse('portfolio:reflect', args=[experience.pk])}?stap={step.slug}"


def _team_reflection_url(experience):
    """The project's Terugkijken page, where the team's closing reflection is written."""
    team_id = (experience.details or {}).get("team_id")
    if not isinstance(team_id, int):
        return ""
    try:
        return reverse("projects:team_reflection", args=[team_id])
    except NoReverseMatch:
        return ""


def _draft_data(request, experience, sectors, step):
    """What was typed in this step, limited to the form's fields; a
    checkbox list left empty is kept as empty."""
    data = draft_from_post(request.POST, draft_fields(experience, sectors))
    for name in forms.MULTI_FIELDS & set(step.fields):
        data.setdefault(name, [])
    return data


@login_required
@require_http_methods(["GET", "POST"])
def reflect(request, pk):
    """The reflection in steps (``portfolio.steps``): one part at a time,
    only the parts that fit the experience's date, each step saved on its
    own; what is typed is kept as a draft."""
    experience = _own_experience(request, pk)
    today = timezone.localdate()
    reflection: Reflection = experience.reflection
    sectors = list(experience.sectors.order_by("order"))
    all_steps = steps.steps_for(experience, today, has_sectors=bool(sectors))
    slug = request.POST.get("step") if request.method == "POST" else text_param(request, "stap")
    step = steps.current_step(all_steps, slug, reflection.saved_steps)
    kwargs = {"experience": experience, "step": step, "sectors": sectors, "questions": reflection.question_list}

    def stored(locked=False):
        """The step as it is stored now (without the draft): its version is what the page was built from."""
        current = concurrency.locked(Reflection, reflection.pk) if locked else reflection
        affinities = SectorAffinity.objects.filter(experience=experience)
        return ReflectionForm(initial=reflection_initial(current, affinities, draft=False), **kwargs)

    status = 200
    if request.method == "POST":
        try:
            draft = _draft_data(request, experience, sectors, step)
        except forms.DraftTooLarge as exc:
            draft, too_large = None, str(exc)
        else:
            too_large = ""
        back = steps.previous_step(all_steps, step)
        if request.POST.get("direction") == "back" and back is not None and draft is not None:
            services.save_reflection_draft(request.user, experience, draft)
            return redirect(_step_url(experience, back))
        form = ReflectionForm(request.POST, **kwargs)
        if form.is_valid() and not too_large:
            try:
                with concurrency.unchanged(form, lambda: stored(locked=True)):
                    services.save_reflection_step(
                        request.user,
                        experience,
                        step,
                        values=form.values(),
                        affinities=form.affinities(),
                        answers=form.answers(),
                        today=today,
                    )
            except concurrency.EditConflict:
                status = 409
            else:
                following = steps.next_step(all_steps, step)
                if following is not None:
                    return redirect(_step_url(experience, following))
                if step.part == "before":
                    messages.success(
                        request, _("Your preparation is saved. After the day, you come back here to look back.")
                    )
                else:
                    messages.success(request, _("Your reflection is saved in your portfolio."))
                return redirect(f"{experience.get_absolute_url()}?opgeslagen=1")
        # Nothing typed is lost: keep it as a draft too, and show it again with the errors.
        if too_large:
            form.add_error(None, too_large)
        else:
            reflection = services.save_reflection_draft(request.user, experience, draft)
        status = status if status == 409 else 422
    else:
        version = concurrency.stamp(stored())
        form = ReflectionForm(
            initial=reflection_initial(reflection, experience.affinities.all()), version=version, **kwargs
        )
    index = all_steps.index(step)
    return render(
        request,
        "portfolio/reflect.html",
        {
            "experience": experience,
            "reflection": reflection,
            "form": form,
            "step": step,
            "steps": [
                {"step": s, "number": i + 1, "current": s is step, "saved": s.slug in reflection.saved_steps}
                for i, s in enumerate(all_steps)
            ],
            "step_number": index + 1,
            "step_count": len(all_steps),
            "previous": steps.previous_step(all_steps, step),
            "is_last": steps.next_step(all_steps, step) is None,
            "upcoming": experience.is_upcoming(today),
            "team_reflection": experience.team_reflection,
            "team_reflection_url": _team_reflection_url(experience),
            "prepared": reflection if step.part == "after" and (reflection.goals or reflection.expectations) else None,
            "saved_at_ms": _saved_at_ms(reflection),
            "is_interview": experience.kind == "beroepsgesprek",
        },
        status=status,
    )


@login_required_htmx
@require_POST
def reflect_draft(request, pk):
    """Autosave: keep what is typed (only the form's fields, each within the
    form's limit), no validation; answers a status line."""
    experience = _own_experience(request, pk)
    sectors = list(experience.sectors.all())
    today = timezone.localdate()
    all_steps = steps.steps_for(experience, today, has_sectors=bool(sectors))
    step = steps.current_step(all_steps, request.POST.get("step"), experience.reflection.saved_steps)
    try:
        data = _draft_data(request, experience, sectors, step)
    except forms.DraftTooLarge as exc:
        return HttpResponse(str(exc), status=422, content_type="text/plain; charset=utf-8")
    reflection = services.save_reflection_draft(request.user, experience, data)
    return render(
        request,
        "portfolio/reflect.html#autosave-status",
        {"reflection": reflection, "experience": experience, "saved_at_ms": _saved_at_ms(reflection)},
    )


def richtingsgevoel_context(student, today=None, *, level=insights.UNKNOWN, coach=False):
    """The richtingsgevoel for the student's own page, or (``coach``) as the
    coach reads it: about the student by first name, never "you"."""
    rg = insights.richtingsgevoel_for(student, today, level=level)
    name = student.first_name or student.get_username()
    if coach:
        rg = profile.for_coach(rg, name)
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
        "weighting": profile.in_third_person(profile.WEIGHTING_EXPLANATION, name)
        if coach
        else profile.WEIGHTING_EXPLANATION,
        "high": profile.HIGH_AFFINITY,
        "coach_name": name if coach else "",
    }


@login_required
@require_GET
def richtingsgevoel(request):
    access.require_student(request.user)
    context = richtingsgevoel_context(request.user, timezone.localdate())
    return render(request, "portfolio/richtingsgevoel.html", context)
