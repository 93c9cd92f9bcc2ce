"""Assessment on the pinned rubric (coach, client, self), peer evaluation,
the final reflection, final results and their CSV export."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import concurrency
from core.exports import table_response
from core.forms import add_errors
from core.params import choice_param, parse_int, text_param
from projects import grades, services
from projects.access import staff_project, team_access, visible_final_reflections
from projects.forms.assessment import AssessmentForm, PeerForm, ReflectionForm, ResultForm
from projects.models import (
    Assessment,
    FinalReflection,
    PeerEvaluation,
    Phase,
    Result,
)
from projects.views.common import team_context


@login_required
@require_http_methods(["GET", "POST"])
def team_assess(request, pk):
    """Coach: the team's product or one student's process (?leerling=<id>).
    Client (partner): the team's product. Student: a self-assessment."""
    access = team_access(request.user, pk, allow_partner=True)
    team = access.team
    parts = services.rubric_parts(team.project_assignment.version)
    memberships = list(team.memberships.select_related("student").order_by("student__first_name"))
    role = access.assesses_as
    subject = request.user if role == Assessment.Role.SELF else None
    wanted = text_param(request, "leerling") if role == Assessment.Role.COACH else ""
    if wanted:
        student_id = parse_int(wanted)
        subject = next((m.student for m in memberships if m.student_id == student_id), None)
        access.require(subject is not None)
    if role == Assessment.Role.SELF:
        indexes = parts["product"] + parts["process"]
    else:
        indexes = parts["process"] if subject else parts["product"]
    own = Assessment.objects.filter(team=team, subject=subject, assessor=request.user, role=role)

    def assessment_form(data=None, mine=None):
        return AssessmentForm(
            data,
            criteria=parts["criteria"],
            levels=parts["levels"],
            indexes=indexes,
            initial_scores=mine.scores if mine else None,
            initial={"comment": mine.comment if mine else ""},
        )

    form = assessment_form(request.POST or None, own.first())
    if request.method == "POST":
        access.require(access.can_assess)
        if form.is_valid():
            try:
                # The same person in two tabs: the later save does not silently overwrite the earlier.
                with concurrency.unchanged(form, lambda: assessment_form(mine=own.select_for_update().first())):
                    services.save_assessment(
                        request.user,
                        team,
                        role=role,
                        subject=subject,
                        scores=form.scores(),
                        comment=form.cleaned_data["comment"],
                    )
            except concurrency.EditConflict:
                pass
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Your assessment has been saved."))
                url = reverse("projects:team_assess", args=[team.pk])
                return redirect(f"{url}?leerling={subject.pk}" if wanted else url)
    others = []
    if access.sees_grades:
        # Teachers see every assessment of this subject; partners and students never see others'.
        for a in Assessment.objects.filter(team=team, subject=subject).select_related("assessor"):
            a.grade_value = grades.assessment_grade(a, parts)
            others.append(a)
    context = team_context(
        access,
        "assess",
        parts=parts,
        form=form,
        role=role,
        subject=subject,
        memberships=memberships,
        others=others,
        requirements=team.requirements.all() if subject is None or role == Assessment.Role.SELF else [],
    )
    status = concurrency.status(form, ok=422 if request.method == "POST" else 200)
    return render(request, "projects/team_assess.html", context, status=status)


@login_required
@require_POST
def team_ask_client(request, pk):
    """The coach asks the client to assess the team's product."""
    access = team_access(request.user, pk)
    access.require(access.can_coach)
    try:
        asked = services.request_client_assessment(request.user, access.team)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            ngettext(
                "The client has been asked to assess the product (%(count)s contact, in the platform and by e-mail).",
                "The client has been asked to assess the product (%(count)s contacts, in the platform and by e-mail).",
                asked,
            )
            % {"count": asked},
        )
    return redirect("projects:team_assess", pk=access.team.pk)


@login_required
@require_http_methods(["GET", "POST"])
def team_peer(request, pk):
    """Members rate each teammate on contribution and collaboration; staff
    see the adjustment factors and flagged outliers."""
    access = team_access(request.user, pk)
    team = access.team
    memberships = list(team.memberships.select_related("student").order_by("student__first_name"))
    form = None
    if access.is_member:
        teammates = [m.student for m in memberships if m.student_id != request.user.pk]
        existing = {e.ratee_id: e for e in PeerEvaluation.objects.filter(team=team, rater=request.user)}
        form = PeerForm(request.POST or None, teammates=teammates, existing=existing)
    if request.method == "POST":
        access.require(access.can_rate_peers)
        if form.is_valid():
            services.save_peer_evaluations(request.user, team, form.ratings())
            messages.success(request, _("Thank you! Your peer evaluation has been saved."))
            return redirect("projects:team_peer", pk=team.pk)
    evaluations, factors = [], {}
    if access.sees_grades:
        evaluations = list(PeerEvaluation.objects.filter(team=team).select_related("rater", "ratee"))
        factors = services.peer_factors(evaluations)
    rows = [{"membership": m, "peer": factors.get((team.pk, m.student_id))} for m in memberships]
    return render(
        request,
        "projects/team_peer.html",
        team_context(access, "peer", form=form, rows=rows, evaluations=evaluations),
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def team_reflection(request, pk):
    """Terugkijken: each student's reflection on product, process and own
    actions (the bridge into the LOB portfolio). Staff read them all; a
    member writes and reads their own (``TeamAccess`` has the rule)."""
    access = team_access(request.user, pk)
    team = access.team
    if access.sees_final_reflections:
        access.require(request.method != "POST")  # nobody writes another's reflection
        reflections = {
            r.membership_id: r
            for r in visible_final_reflections(request.user).filter(membership__team=team, submitted_at__isnull=False)
        }
        rows = [
            {"membership": m, "reflection": reflections.get(m.pk)}
            for m in team.memberships.select_related("student").order_by("student__first_name")
        ]
        return render(request, "projects/team_reflection.html", team_context(access, "reflection", rows=rows))
    access.require(access.writes_final_reflection)
    membership = access.membership
    reflection = visible_final_reflections(request.user).filter(membership=membership).first()
    form = ReflectionForm(request.POST or None, initial=_reflection_initial(reflection))
    open_phase = team.phase in (Phase.TERUGKIJKEN, Phase.AFGEROND)
    if request.method == "POST":
        access.require(access.can_write_final_reflection)
        if form.is_valid():

            def stored():
                current = FinalReflection.objects.select_for_update().filter(membership=membership).first()
                return ReflectionForm(initial=_reflection_initial(current))

            try:
                with concurrency.unchanged(form, stored):
                    services.submit_reflection(request.user, membership, **form.cleaned_data)
            except concurrency.EditConflict:
                reflection = visible_final_reflections(request.user).filter(membership=membership).first()
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Your reflection has been saved and added to your portfolio."))
                return redirect("projects:team_reflection", pk=team.pk)
    result = Result.objects.filter(project=team.project, student=request.user).first()
    return render(
        request,
        "projects/team_reflection.html",
        team_context(access, "reflection", form=form, reflection=reflection, open_phase=open_phase, result=result),
        status=concurrency.status(form, ok=422 if request.method == "POST" else 200),
    )


def _reflection_initial(reflection) -> dict | None:
    if reflection is None:
        return None
    return {"product": reflection.product, "process": reflection.process, "own_actions": reflection.own_actions}


@login_required
@require_http_methods(["GET", "POST"])
def results(request, pk):
    project = staff_project(request.user, pk).project
    rows = services.result_rows(project)
    bound = request.method == "POST"
    for row in rows:
        row["form"] = ResultForm(
            request.POST if bound else None, initial=_result_initial(row, row["result"]), prefix=f"s{row['student'].pk}"
        )
    if bound:
        if all(row["form"].is_valid() for row in rows):

            def stored(row):
                current = Result.objects.select_for_update().filter(project=project, student=row["student"]).first()
                return ResultForm(initial=_result_initial(row, current), prefix=row["form"].prefix)

            try:
                # Two teachers grading at once: a grade changed since the page was loaded is not overwritten.
                with concurrency.all_unchanged([(row["form"], partial(stored, row)) for row in rows]):
                    for row in rows:
                        data = row["form"].cleaned_data
                        if row["result"] is None and not any(
                            data.get(k) for k in ("product_grade", "process_grade", "final_grade")
                        ):
                            continue
                        services.set_result(request.user, project, row["student"], **data)
            except concurrency.EditConflict:
                pass
            else:
                messages.success(request, _("The results have been saved."))
                return redirect("projects:results", pk=project.pk)
        else:
            messages.error(request, _("Some grades are not valid: use a number from 1.0 to 10.0."))
    outliers = [row for row in rows if row["peer"] and row["peer"]["outlier"]]
    return render(
        request,
        "projects/results.html",
        {"project": project, "rows": rows, "outliers": outliers},
        status=concurrency.status(*(row["form"] for row in rows), ok=422 if bound else 200),
    )


def _result_initial(row, result) -> dict:
    """A student's result as stored, or the suggestions while there is none."""
    return {
        "product_grade": result.product_grade if result else row["coach_product"],
        "process_grade": result.process_grade if result else row["coach_process"],
        "final_grade": result.final_grade if result else row["suggestion_final"],
        "note": result.note if result else "",
    }


@login_required
@require_GET
def results_export(request, pk):
    project = staff_project(request.user, pk).project
    header, rows = services.results_table(services.result_rows(project))
    fmt = choice_param(request, "formaat", {"csv", "xlsx"}, default="csv")
    return table_response(f"resultaten-{project.title or project.pk}", header, rows, fmt=fmt)
