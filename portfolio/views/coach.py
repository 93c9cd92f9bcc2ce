"""The LOB coach (mentor) view: classes, who reflected recently, each
student's richtingsgevoel, shared conversations and private notes."""

import datetime
from html import escape

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from organisation.access import get_scope, visible_classes
from organisation.models import Enrolment, SchoolYear
from portfolio import insights, services
from portfolio.choices import QUIET_AFTER_DAYS
from portfolio.forms import CoachNoteForm, ConversationForm, EndorseForm, MentorAdviceForm
from portfolio.models import (
    CareerConversation,
    CoachNote,
    Experience,
    QualityEndorsement,
    TransferDossier,
)
from portfolio.views.common import coached_student
from portfolio.views.reflection import richtingsgevoel_context


def _require_staff(user):
    if not get_scope(user).staff_school_ids:
        raise Http404


@login_required
@require_GET
def coach_home(request):
    _require_staff(request.user)
    year = SchoolYear.objects.current()
    classes = list(
        visible_classes(request.user)
        .filter(school_year=year)
        .select_related("school", "level", "mentor")
        .annotate(num_students=Count("enrolments"))
        .order_by("school__name", "leerjaar", "name")
    )
    mine = [c for c in classes if c.mentor_id == request.user.pk]
    others = [c for c in classes if c.mentor_id != request.user.pk]
    return render(request, "portfolio/coach_home.html", {"mine": mine, "others": others, "year": year})


@login_required
@require_GET
def coach_class(request, pk):
    class_group = get_object_or_404(
        visible_classes(request.user).select_related("school", "school_year", "level", "mentor"), pk=pk
    )
    # Only students whose current school is this class's school are coached here.
    enrolments = Enrolment.objects.filter(class_group=class_group, student__in=_coached_ids(request.user))
    rows = insights.class_overview(enrolments)
    order = request.GET.get("sorteer", "")
    if order == "stil":
        rows.sort(
            key=lambda r: (not r["quiet"], r["last_reflection"] or timezone.now() - timezone.timedelta(days=9999))
        )
    quiet = sum(1 for r in rows if r["quiet"])
    return render(
        request,
        "portfolio/coach_class.html",
        {
            "class_group": class_group,
            "rows": rows,
            "table_rows": class_table_rows(rows),
            "quiet": quiet,
            "quiet_days": QUIET_AFTER_DAYS,
            "order": order,
        },
    )


def _day(value):
    """What ``{{ value|date:"j M Y" }}`` prints (datetimes in the current time
    zone), without the template filter's format machinery: a class table has
    sixty dates."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {MONTHS_3[value.month].title()} {value.year:04d}"


def class_table_rows(rows):
    """The <tr>s of the class table, built here rather than in a template
    loop: the same HTML, a fraction of the rendering time for 30 rows. Every
    value from the database goes through ``escape``."""
    never, nudge, dash = escape(_("never")), escape(_("needs a nudge")), "–"
    badge = f' <span class="badge badge-warn">{nudge}</span>'
    quiet_class = ' class="pf-quiet"'
    out = []
    for r in rows:
        chips = "".join(
            f'<span class="pf-chip{" pf-chip-high" if a["high"] else ""}">{escape(a["name"])} '
            f"<strong>{escape(a['score'])}</strong></span>"
            for a in r["top"]
        ) or '<span class="muted">–</span>'  # fmt: skip
        last, conversation, quiet = r["last_reflection"], r["last_conversation"], r["quiet"]
        profile_name = escape(r["top_profile"].name) if r["top_profile"] else dash
        out.append(
            f"<tr{quiet_class if quiet else ''}>\n"
            f'    <th scope="row"><a href="{escape(r["url"])}">{escape(r["name"])}</a></th>\n'
            f"    <td>{escape(_day(last)) if last else never}{badge if quiet else ''}</td>\n"
            f'    <td class="num pf-hide-phone">{r["num_experiences"]:d}</td>\n'
            f'    <td><span class="pf-table-top">{chips}</span></td>\n'
            f'    <td class="pf-hide-phone">{profile_name}</td>\n'
            f'    <td class="num pf-hide-phone">{r["num_unexplored"]:d}</td>\n'
            f'    <td class="pf-hide-phone">{escape(_day(conversation)) if conversation else dash}</td>\n  </tr>'
        )
    return mark_safe("".join(out))


def _coached_ids(user):
    from portfolio.models import coached_student_ids

    return coached_student_ids(user)


def _student_context(request, student, **forms):
    experiences = list(
        Experience.objects.visible_to(request.user)
        .filter(student=student)
        .select_related("reflection")
        .order_by("-date", "-id")[:50]
    )
    enrolment = (
        Enrolment.objects.filter(student=student).current().select_related("class_group", "school", "level").first()
    )
    details = services.transfer_details_for(student, create=False)
    context = {
        "student": student,
        "enrolment": enrolment,
        "experiences": experiences,
        "conversations": list(
            CareerConversation.objects.visible_to(request.user)
            .filter(student=student)
            .select_related("coach", "experience")[:20]
        ),  # fmt: skip
        "notes": list(CoachNote.objects.visible_to(request.user).filter(student=student).select_related("author")[:20]),
        "quality_table_rows": insights.quality_table(student, request.user),
        "details": details,
        "dossiers": list(TransferDossier.objects.visible_to(request.user).filter(student=student)[:3]),
        "note_form": forms.get("note_form") or CoachNoteForm(),
        "endorse_form": forms.get("endorse_form")
        or EndorseForm(
            initial={
                "qualities": list(
                    QualityEndorsement.objects.filter(
                        student=student, given_by=request.user, experience=None
                    ).values_list("quality", flat=True)
                )
            }
        ),
        "advice_form": forms.get("advice_form") or MentorAdviceForm(initial={"advice": details.mentor_advice}),
        "quiet_days": QUIET_AFTER_DAYS,
    }
    context.update(
        richtingsgevoel_context(student, timezone.localdate(), level=enrolment.level_id if enrolment else None)
    )
    return context


@login_required
@require_GET
def coach_student(request, pk):
    student = coached_student(request, pk)
    return render(request, "portfolio/coach_student.html", _student_context(request, student))


@login_required
@require_http_methods(["GET", "POST"])
def conversation_add(request, pk):
    student = coached_student(request, pk)
    initial = {"date": timezone.localdate()}
    experience_id = request.GET.get("ervaring", "")
    if experience_id.isdigit():
        initial["experience"] = int(experience_id)
    form = ConversationForm(request.POST or None, student=student, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.add_conversation(
            request.user,
            student,
            date=form.cleaned_data["date"],
            experience=form.cleaned_data["experience"],
            shared=form.cleaned_data["shared"],
            feedback=form.cleaned_data["feedback"],
            next_step=form.cleaned_data["next_step"],
        )
        messages.success(request, _("Career conversation saved. The student sees it in their portfolio."))
        return redirect(f"{_student_url(student)}?opgeslagen=1")
    return render(request, "portfolio/conversation_form.html", {"student": student, "form": form})


@login_required
@require_POST
def note_add(request, pk):
    student = coached_student(request, pk)
    form = CoachNoteForm(request.POST)
    if form.is_valid():
        services.add_coach_note(request.user, student, text=form.cleaned_data["text"])
        messages.success(request, _("Private note saved."))
        return redirect(f"{_student_url(student)}#notities")
    return render(request, "portfolio/coach_student.html", _student_context(request, student, note_form=form))


@login_required
@require_POST
def coach_endorse(request, pk):
    student = coached_student(request, pk)
    form = EndorseForm(request.POST)
    if form.is_valid():
        services.endorse_qualities(request.user, student, form.cleaned_data["qualities"])
        messages.success(request, _("Qualities saved. The student sees them beside their own view."))
        return redirect(f"{_student_url(student)}#kwaliteiten")
    return render(request, "portfolio/coach_student.html", _student_context(request, student, endorse_form=form))


@login_required
@require_POST
def mentor_advice(request, pk):
    student = coached_student(request, pk)
    form = MentorAdviceForm(request.POST)
    if form.is_valid():
        services.save_mentor_advice(request.user, student, advice=form.cleaned_data["advice"])
        messages.success(request, _("Advice saved. It goes with the dossier once the student agrees."))
        return redirect(f"{_student_url(student)}#overstap")
    return render(request, "portfolio/coach_student.html", _student_context(request, student, advice_form=form))


def _student_url(student):
    from django.urls import reverse

    return reverse("portfolio:coach_student", kwargs={"pk": student.pk})
