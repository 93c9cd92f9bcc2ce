"""The transfer dossier as a PDF, made in the background.

Structured like the digital transfer dossier that mbo intakes know: a student
part (details, chosen study and motivation, experiences with their
loopbaandossier records, strengths, richtingsgevoel) and a mentor part (the
coach's advice, included only with the student's recorded consent).

Rendered from an HTML template with WeasyPrint; the HTML refers to nothing
outside itself (no external fonts or images; the fetcher refuses any URL).
Runs as a django-tasks task: inline in development and tests, in a worker in
production. Progress is stored on the ``TransferDossier`` row.
"""

import logging

from django.core.files.base import ContentFile
from django.db.models import Prefetch
from django.utils import timezone, translation
from django_tasks import task

from core import pdf
from organisation.models import Enrolment
from portfolio import access, charts, insights
from portfolio.models import CareerConversation, Experience, SectorAffinity, TransferDetails, TransferDossier

logger = logging.getLogger(__name__)


def _set(dossier, **fields):
    for name, value in fields.items():
        setattr(dossier, name, value)
    dossier.save(update_fields=list(fields))


def dossier_context(student, today=None):
    today = today or timezone.localdate()
    details = TransferDetails.objects.filter(student=student).select_related("mentor").first()
    experiences = (
        Experience.objects.filter(student=student)
        .select_related("reflection", "partner")
        .prefetch_related(
            "sectors",
            Prefetch("affinities", queryset=SectorAffinity.objects.select_related("sector").order_by("sector__order")),
        )
        .order_by("date", "id")
    )
    if details and details.experience_ids:
        experiences = experiences.filter(pk__in=details.experience_ids)
    else:
        experiences = experiences.filter(reflected_at__isnull=False)
    rg = insights.richtingsgevoel_for(student, today)
    scored = [a for a in rg.affinity if a.mean is not None]
    enrolments = list(
        Enrolment.objects.filter(student=student)
        .select_related("school", "school_year", "class_group__mentor", "level")
        .order_by("school_year__start_date")
    )
    return {
        "student": student,
        "today": today,
        "details": details,
        "mentor_advice_goes_along": access.mentor_advice_goes_along(details),
        "current": enrolments[-1] if enrolments else None,
        "enrolments": enrolments,
        "experiences": list(experiences),
        "conversations": list(
            CareerConversation.objects.filter(student=student).select_related("coach", "experience").order_by("date")
        ),
        "rg": rg,
        "bars": charts.affinity_bars(scored),
        "profiles": [p for p in rg.profiles if p.score is not None][:3],
        "quality_rows": insights.quality_table(student, student)[:8],
        "motive_rows": insights.motive_rows(rg),
    }


def render_pdf(student, today=None) -> bytes:
    return pdf.render_pdf("portfolio/pdf/dossier.html", dossier_context(student, today))


def build_dossier(dossier_id):
    """Make the PDF for one TransferDossier row, recording progress and the outcome."""
    dossier = TransferDossier.objects.select_related("student").get(pk=dossier_id)
    if dossier.is_finished:
        return dossier.status
    student = dossier.student
    _set(dossier, status=TransferDossier.Status.RUNNING, progress=10)
    try:
        with translation.override(student.preferred_language or "nl"):
            _set(dossier, progress=40)
            content = render_pdf(student)
        _set(dossier, progress=90)
        dossier.file.save("dossier.pdf", ContentFile(content), save=False)
        _set(dossier, file=dossier.file, status=TransferDossier.Status.DONE, progress=100, finished_at=timezone.now())
    except Exception as exc:  # the row must say it failed; the student can try again
        logger.exception("transfer dossier %s failed", dossier_id)
        _set(
            dossier,
            status=TransferDossier.Status.FAILED,
            error=str(exc)[:500],
            progress=100,
            finished_at=timezone.now(),
        )
    return dossier.status


@task()
def make_transfer_dossier(dossier_id: int):
    return build_dossier(dossier_id)
