"""The transfer dossier: the student part, generating the PDF in the
background with a progress indication, and the access-checked download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core import concurrency
from core.downloads import private_file
from core.params import local_url
from portfolio import access, services
from portfolio.forms import TransferDetailsForm
from portfolio.models import TransferDetails


def _details_initial(details) -> dict:
    return {
        "chosen_study": details.chosen_study,
        "motivation": details.motivation,
        "experience_ids": details.experience_ids,
        "consent": details.consent,
    }


@login_required
@require_http_methods(["GET", "POST"])
def transfer(request):
    access.require_student(request.user)
    details = services.transfer_details_for(request.user, create=False)
    experiences = list(access.editable_experiences(request.user).order_by("-date"))
    form = TransferDetailsForm(request.POST or None, initial=_details_initial(details), experiences=experiences)
    if request.method == "POST" and form.is_valid():

        def stored():
            current = concurrency.locked(TransferDetails, services.transfer_details_for(request.user).pk)
            return TransferDetailsForm(initial=_details_initial(current), experiences=experiences)

        try:
            with concurrency.unchanged(form, stored):
                services.save_transfer_details(request.user, **form.cleaned_data)
        except concurrency.EditConflict:
            details = services.transfer_details_for(request.user, create=False)
        else:
            messages.success(request, _("Your transfer dossier is saved."))
            return redirect("portfolio:transfer")
    dossiers = list(access.visible_dossiers(request.user).filter(student=request.user)[:5])
    return render(
        request,
        "portfolio/transfer.html",
        {"form": form, "details": details, "dossiers": dossiers, "student": request.user},
        status=concurrency.status(form),
    )


@login_required
@require_POST
def dossier_generate(request, pk):
    """Make a new PDF for a student: the student themselves or their coach."""
    student = access.load_dossier_student(request.user, pk, needs="can_make_dossier").student
    dossier = services.request_transfer_dossier(request.user, student)
    # Made on commit: inline in development and tests (done by now), a worker in production.
    dossier.refresh_from_db()
    if request.htmx:
        return render(request, "portfolio/_dossier_status.html", {"dossier": dossier})
    messages.success(request, _("Your PDF is being made."))
    return HttpResponseRedirect(local_url(request.POST.get("next"), reverse("portfolio:transfer")))


@login_required
@require_GET
def dossier_status(request, pk):
    dossier = access.load_dossier(request.user, pk)
    return render(request, "portfolio/_dossier_status.html", {"dossier": dossier})


@login_required
@require_GET
def dossier_download(request, pk):
    dossier = access.load_dossier(request.user, pk, for_download=True)
    name = slugify(dossier.student.get_full_name() or dossier.student.username)
    filename = f"overstapdossier-{name}-{dossier.created_at:%Y%m%d}.pdf"
    return private_file(dossier.file, filename=filename, content_type="application/pdf", attachment=True)
