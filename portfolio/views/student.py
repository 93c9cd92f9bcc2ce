"""The student's own portfolio: experiences over all years, adding and
editing own experiences, qualities in others' eyes, conversations."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import concurrency
from core.downloads import no_store
from core.params import choice_param, paginate
from organisation.models import Enrolment
from portfolio import access, insights, services
from portfolio.choices import COMPETENCIES, Kind, quality_label
from portfolio.export import export_portfolio
from portfolio.forms import EndorseForm, ExperienceForm
from portfolio.models import Experience, Reflection, SectorAffinity
from portfolio.views.common import PAGE_SIZE


def _affinity_prefetch():
    return Prefetch("affinities", queryset=SectorAffinity.objects.select_related("sector").order_by("sector__order"))


@login_required
@require_GET
def home(request):
    user = request.user
    if not access.is_student(user):
        access.require_coach(user)
        return redirect("portfolio:coach_home")
    experiences = (
        access.editable_experiences(user)
        .select_related("reflection")
        .prefetch_related("sectors", _affinity_prefetch())
        .order_by("-date", "-id")
    )
    kind = choice_param(request, "soort", Kind.values)
    if kind:
        experiences = experiences.filter(kind=kind)
    page = paginate(request, experiences, PAGE_SIZE)
    years = {
        e.school_year.name: e
        for e in Enrolment.objects.filter(student=user).select_related("school_year", "school", "level")
    }
    for experience in page.object_list:
        experience.enrolment = years.get(experience.school_year)
    today = timezone.localdate()
    to_reflect = list(
        access.editable_experiences(user).filter(reflected_at__isnull=True, date__lte=today).order_by("-date")[:3]
    )
    conversations = list(
        access.visible_conversations(user).filter(student=user).select_related("coach", "experience")[:3]
    )
    return render(
        request,
        "portfolio/home.html",
        {
            "page_obj": page,
            "experiences": page.object_list,
            "kind": kind,
            "kinds": Kind.choices,
            "to_reflect": to_reflect,
            "conversations": conversations,
            "today": today,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def experience_add(request):
    access.require_student(request.user)
    form = ExperienceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        experience = services.add_experience(request.user, **form.cleaned_data)
        messages.success(request, _("Experience added. Now reflect on it: before, during or after."))
        return redirect("portfolio:reflect", pk=experience.pk)
    return render(request, "portfolio/experience_form.html", {"form": form, "experience": None})


@login_required
@require_http_methods(["GET", "POST"])
def experience_edit(request, pk):
    experience = access.load_experience(request.user, pk, needs="can_edit").experience
    form = ExperienceForm(request.POST or None, instance=experience)
    if request.method == "POST" and form.is_valid():
        try:
            with concurrency.unchanged(form, lambda: ExperienceForm(instance=concurrency.locked(Experience, pk))):
                services.update_experience(request.user, experience, **form.cleaned_data)
        except concurrency.EditConflict:
            experience.refresh_from_db()
        else:
            messages.success(request, _("Experience saved."))
            return redirect(f"{experience.get_absolute_url()}?opgeslagen=1")
    context = {"form": form, "experience": experience}
    return render(request, "portfolio/experience_form.html", context, status=concurrency.status(form))


@login_required
@require_POST
def experience_delete(request, pk):
    experience = access.load_experience(request.user, pk, needs="can_delete").experience
    services.delete_experience(request.user, experience)
    messages.success(request, _("Experience deleted."))
    return redirect("portfolio:home")


@login_required
@require_GET
def experience_detail(request, pk):
    loaded = access.load_experience(request.user, pk, related=("reflection", "student", "partner"))
    experience = loaded.experience
    affinities = list(experience.affinities.select_related("sector").order_by("sector__order"))
    endorsements = list(
        access.visible_endorsements(request.user).filter(experience=experience).select_related("given_by")
    )
    conversations = list(
        access.visible_conversations(request.user).filter(experience=experience).select_related("coach")
    )
    mates = access.teammates(experience) if loaded.can_give_teammates_qualities else []
    reflection: Reflection = experience.reflection
    today = timezone.localdate()
    return render(
        request,
        "portfolio/experience_detail.html",
        {
            "experience": experience,
            "today": today,
            "state": experience.reflection_state(today),
            "upcoming": experience.is_upcoming(today),
            "team_reflection": experience.team_reflection,
            "access": loaded,
            "reflection": reflection,
            "affinities": affinities,
            "sectors": list(experience.sectors.all()),
            "endorsements": [(e, quality_label(e.quality)) for e in endorsements],
            "conversations": conversations,
            "teammates": mates,
            "qualities": [quality_label(q) for q in reflection.qualities],
            "motives": reflection.motives,
            "details": _detail_rows(experience.details),
            "competencies": [
                (title, question, getattr(reflection, name)) for name, title, question, _p in COMPETENCIES
            ],
        },
    )


DETAIL_LABELS = {
    "client": gettext_lazy("Client"),
    "partner": gettext_lazy("Organisation"),
    "role_in_team": gettext_lazy("Role in the team"),
    "team": gettext_lazy("Team"),
    "assignment": gettext_lazy("Assignment"),
    "offer": gettext_lazy("Offer"),
    "reflection": gettext_lazy("Final reflection"),
    "sector": gettext_lazy("Sector"),
}


def _detail_rows(details):
    """The facts another app sent along, labelled where we know the key."""
    rows = []
    for key, value in (details or {}).items():
        if key.endswith("_id") or value in (None, "", [], {}):
            continue
        label = DETAIL_LABELS.get(key)
        if label is None:
            continue
        rows.append((label, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)))
    return rows


@login_required
@require_GET
def conversation_list(request):
    access.require_student(request.user)
    conversations = (
        access.visible_conversations(request.user).filter(student=request.user).select_related("coach", "experience")
    )
    page = paginate(request, conversations, PAGE_SIZE)
    return render(request, "portfolio/conversation_list.html", {"page_obj": page, "conversations": page.object_list})


@login_required
@require_GET
def qualities(request):
    access.require_student(request.user)
    return render(request, "portfolio/qualities.html", {"rows": insights.quality_table(request.user, request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def endorse(request, pk):
    """After a project, the student gives qualities to their teammates."""
    experience = access.load_experience(request.user, pk, needs="can_give_teammates_qualities").experience
    mates = access.teammates(experience)
    if not mates:
        raise Http404
    forms_by_mate = {m.pk: EndorseForm(prefix=f"m{m.pk}") for m in mates}
    given = {}
    for e in access.visible_endorsements(request.user).filter(given_by=request.user, student__in=mates):
        given.setdefault(e.student_id, []).append(e.quality)
    for mate in mates:
        if mate.pk in given:
            forms_by_mate[mate.pk] = EndorseForm(prefix=f"m{mate.pk}", initial={"qualities": given[mate.pk]})
    if request.method == "POST":
        mate = next((m for m in mates if str(m.pk) == request.POST.get("student")), None)
        if mate is None:
            raise Http404
        form = EndorseForm(request.POST, prefix=f"m{mate.pk}")
        forms_by_mate[mate.pk] = form
        if form.is_valid():
            services.endorse_qualities(request.user, mate, form.cleaned_data["qualities"], experience=experience)
            messages.success(
                request, _("Thank you! %(name)s sees your choice beside their own view.") % {"name": mate.first_name}
            )
            return redirect("portfolio:endorse", pk=experience.pk)
    rows = [(m, forms_by_mate[m.pk]) for m in mates]
    return render(request, "portfolio/endorse.html", {"experience": experience, "rows": rows})


@login_required
@require_GET
def export(request):
    """All of the student's portfolio data as JSON (AVG: access and portability)."""
    access.require_student(request.user)
    data = export_portfolio(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="techmakers-portfolio-{stamp}.json"'
    return no_store(response)
