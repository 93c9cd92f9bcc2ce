"""The LOB coach (mentor) view: classes, who reflected recently, each
student's richtingsgevoel, shared conversations and private notes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import concurrency
from core.params import choice_param, int_param
from organisation.access import visible_classes
from organisation.models import Enrolment, SchoolYear
from portfolio import access, insights, services
from portfolio.choices import QUIET_AFTER_DAYS
from portfolio.forms import CoachNoteForm, ConversationForm, EndorseForm, MentorAdviceForm
from portfolio.models import TransferDetails
from portfolio.views.reflection import richtingsgevoel_context


@login_required
@require_GET
def coach_home(request):
    access.require_coach(request.user)
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
    loaded = access.load_coached_class(request.user, pk)
    rows = insights.class_overview(loaded.enrolments)
    order = choice_param(request, "sorteer", ["stil"])
    if order == "stil":
        rows.sort(
            key=lambda r: (not r["quiet"], r["last_reflection"] or timezone.now() - timezone.timedelta(days=9999))
        )
    quiet = sum(1 for r in rows if r["quiet"])
    return render(
        request,
        "portfolio/coach_class.html",
        {
            "class_group": loaded.class_group,
            "rows": rows,
            "quiet": quiet,
            "quiet_days": QUIET_AFTER_DAYS,
            "order": order,
        },
    )


def _student_context(request, loaded, **forms):
    student, user = loaded.student, request.user
    experiences = list(
        access.visible_experiences(user)
        .filter(student=student)
        .select_related("reflection")
        .order_by("-date", "-id")[:50]
    )
    enrolment = (
        Enrolment.objects.filter(student=student).current().select_related("class_group", "school", "level").first()
    )
    details = services.transfer_details_for(student, create=False)
    given = access.visible_endorsements(user).filter(student=student, given_by=user, experience=None)
    context = {
        "student": student,
        "access": loaded,
        "enrolment": enrolment,
        "experiences": experiences,
        "conversations": list(
            access.visible_conversations(user).filter(student=student).select_related("coach", "experience")[:20]
        ),
        "notes": list(access.visible_coach_notes(user).filter(student=student).select_related("author")[:20]),
        "quality_table_rows": insights.quality_table(student, user),
        "details": details,
        "dossiers": list(access.visible_dossiers(user).filter(student=student)[:3]),
        "note_form": forms.get("note_form") or CoachNoteForm(),
        "endorse_form": forms.get("endorse_form")
        or EndorseForm(initial={"qualities": list(given.values_list("quality", flat=True))}),
        "advice_form": forms.get("advice_form") or MentorAdviceForm(initial={"advice": details.mentor_advice}),
        "quiet_days": QUIET_AFTER_DAYS,
        "today": timezone.localdate(),
    }
    context.update(
        richtingsgevoel_context(
            student, timezone.localdate(), level=enrolment.level_id if enrolment else None, coach=True
        )
    )
    return context


def _student_url(student, anchor=""):
    return reverse("portfolio:coach_student", kwargs={"pk": student.pk}) + anchor


@login_required
@require_GET
def coach_student(request, pk):
    loaded = access.load_coached_student(request.user, pk)
    return render(request, "portfolio/coach_student.html", _student_context(request, loaded))


@login_required
@require_http_methods(["GET", "POST"])
def conversation_add(request, pk):
    student = access.load_coached_student(request.user, pk, needs="can_add_conversation").student
    initial = {"date": timezone.localdate()}
    experience_id = int_param(request, "ervaring")
    if experience_id is not None:
        initial["experience"] = experience_id
    form = ConversationForm(request.POST or None, student=student, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.add_conversation(request.user, student, **form.cleaned_data)
        messages.success(request, _("Career conversation saved. The student sees it in their portfolio."))
        return redirect(_student_url(student, "?opgeslagen=1"))
    return render(request, "portfolio/conversation_form.html", {"student": student, "form": form})


def _coach_form(*, needs, form_class, form_name, save, success, anchor):
    """A view for a form on the coach's student page: saved with a message,
    or the page again with the form's errors."""

    @login_required
    @require_POST
    def view(request, pk):
        loaded = access.load_coached_student(request.user, pk, needs=needs)
        form = form_class(request.POST)
        if not form.is_valid():
            context = _student_context(request, loaded, **{form_name: form})
            return render(request, "portfolio/coach_student.html", context)
        save(request.user, loaded.student, **form.cleaned_data)
        messages.success(request, success)
        return redirect(_student_url(loaded.student, anchor))

    return view


note_add = _coach_form(
    needs="can_add_note", form_class=CoachNoteForm, form_name="note_form", save=services.add_coach_note,
    success=gettext_lazy("Private note saved."), anchor="#notities",
)  # fmt: skip
coach_endorse = _coach_form(
    needs="can_endorse", form_class=EndorseForm, form_name="endorse_form", save=services.endorse_qualities,
    success=gettext_lazy("Qualities saved. The student sees them beside their own view."), anchor="#kwaliteiten",
)  # fmt: skip


def _advice_form(details, data=None):
    return MentorAdviceForm(data, initial={"advice": details.mentor_advice})


@login_required
@require_POST
def mentor_advice(request, pk):
    loaded = access.load_coached_student(request.user, pk, needs="can_give_advice")
    student = loaded.student
    form = _advice_form(services.transfer_details_for(student, create=False), request.POST)
    if form.is_valid():

        def stored():
            details = concurrency.locked(
                TransferDetails.objects.select_related("mentor"), services.transfer_details_for(student).pk
            )
            who = details.mentor.get_full_name() if details.mentor_id and details.mentor_id != request.user.pk else ""
            return concurrency.Stored(_advice_form(details), who=who)

        try:
            with concurrency.unchanged(form, stored):
                services.save_mentor_advice(request.user, student, **form.cleaned_data)
        except concurrency.EditConflict:
            pass
        else:
            messages.success(request, _("Advice saved. It goes with the dossier once the student agrees."))
            return redirect(_student_url(student, "#overstap"))
    context = _student_context(request, loaded, advice_form=form)
    return render(request, "portfolio/coach_student.html", context, status=concurrency.status(form))
