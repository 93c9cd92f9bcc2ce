"""Background jobs with progress: one pipeline for every file the platform makes
on request (PDFs such as badges, certificates and reports; imports; exports).

    job = jobs.start(request.user, kind="events.badges", title=_("Name badges"),
                     runner="events.pdfs.make_badges", params={"event_id": event.pk})

starts the work after the transaction commits (django-tasks: inline in
development and tests, a worker in production). The runner is a function
``runner(job, **params)`` that may call ``jobs.report(job, percent, message)``
and returns ``jobs.File(content, filename, content_type)``, a dict of figures
(stored as ``job.result``), or None. Pages show ``components/job.html``, which
polls ``core:job_status`` until the job is done and then offers the download
(``core:job_download``, owner only, never cached)."""

import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from core.models import Job

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class File:
    content: bytes
    filename: str
    content_type: str


def start(owner, *, kind: str, title: str, runner: str, params: dict | None = None, now=None) -> Job:
    job = Job.objects.create(
        owner=owner,
        kind=kind,
        title=str(title)[:200],
        runner=runner,
        params=params or {},
        created_at=now or timezone.now(),
    )
    transaction.on_commit(lambda: run_job.enqueue(job.pk))
    return job


def report(job: Job, progress: int, message: str = "") -> None:
    """Progress as the runner goes (0-100), visible to the person waiting."""
    job.progress = max(0, min(100, int(progress)))
    job.message = str(message)[:300]
    Job.objects.filter(pk=job.pk).update(progress=job.progress, message=job.message)


def run(job_id: int) -> str:
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.is_finished:
        return job.status if job else "missing"
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING)
    job.status = Job.Status.RUNNING
    try:
        outcome = import_string(job.runner)(job, **job.params)
    except Exception as exc:  # the person sees that it failed and can try again; the log has the details
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        job.status, job.error = Job.Status.FAILED, str(exc)[:500]
    else:
        if isinstance(outcome, File):
            job.file.save(outcome.filename, ContentFile(outcome.content), save=False)
            job.filename, job.content_type = outcome.filename, outcome.content_type
        elif isinstance(outcome, dict):
            job.result = outcome
        job.status = Job.Status.DONE
    job.progress, job.finished_at = 100, timezone.now()
    job.save(update_fields=["status", "error", "file", "filename", "content_type", "result", "progress", "finished_at"])
    return job.status


@task()
def run_job(job_id: int) -> str:
    return run(job_id)
