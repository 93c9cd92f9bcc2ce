"""core holds no domain data: the record of when the demo data was built, and
the background jobs that make files (PDFs, exports, imports) with progress."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DemoSeed(models.Model):
    """The demo data in this database was built for ``today`` (one row). ``make
    run`` rebuilds a demo that has grown old, so it stays relative to its date."""

    today = models.DateField()
    seed = models.IntegerField()
    scale = models.PositiveIntegerField()
    built_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"demo of {self.today.isoformat()}"


class Job(models.Model):
    """Work done in the background for one person (a PDF, an import, a report),
    with its progress and, when done, its file. See core/jobs.py."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("busy")
        DONE = "done", _("ready")
        FAILED = "failed", _("failed")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=80)  # e.g. "events.badges"
    title = models.CharField(_("title"), max_length=200)
    runner = models.CharField(max_length=200)  # dotted path of the function that does the work
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    file = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    result = models.JSONField(default=dict, blank=True)  # figures a runner reports (e.g. rows imported)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self):
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class FormSubmission(models.Model):
    """A creation form's one-time token, claimed by the first POST that carries
    it (unique ``key``), with that POST's outcome: a second identical POST
    (a double click, a retried request) gets this outcome instead of creating
    again. See core/submissions.py. Rows are deleted after an hour."""

    key = models.CharField(max_length=64, unique=True)  # digest of token + posted content
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    path = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    done_at = models.DateTimeField(null=True, blank=True)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    body = models.TextField(blank=True)
    body_kept = models.BooleanField(default=False)

    def __str__(self):
        return f"{self.path} ({self.status or 'busy'})"
