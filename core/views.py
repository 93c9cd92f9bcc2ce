from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.access import visible_jobs
from core.downloads import private_file
from core.models import Job


@require_GET
@never_cache
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says."""
    response = redirect(static("img/favicon.ico"))
    response["Cache-Control"] = "public, max-age=86400"
    return response


def healthz(request):
    """Liveness and database reachability, for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception:  # any driver error means: not reachable
        database = "unreachable"
    status = 200 if database == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "error", "database": database}, status=status)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the failure may be in the database.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({}))


@login_required
@require_GET
def job_status(request, pk):
    """The job's progress (polled by components/job.html until it is done)."""
    job = get_object_or_404(visible_jobs(request.user), pk=pk)
    return render(request, "components/job.html", {"job": job})


@login_required
@require_GET
def job_download(request, pk):
    job = get_object_or_404(visible_jobs(request.user), pk=pk, status=Job.Status.DONE)
    return private_file(job.file, filename=job.filename, content_type=job.content_type)
