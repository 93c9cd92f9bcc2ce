"""Every form posts once: a double click, a retried request or two tabs sending
the same form create one thing, not two.

Each POST form renders a one-time token (``{% form_token %}`` from
``core_tags``, a hidden ``form_token`` field; htmx forms post it like any
field). ``FormTokenMiddleware`` claims it before the view runs: the first POST
inserts a ``core.FormSubmission`` row keyed by the token and a digest of what
was posted (unique), runs the view and records its outcome. A second POST with
the same token and the same content finds the row, waits until the first is
done and gets the first's outcome: its redirect, or its page (htmx requests
get "204 No Content": the first answer is already on the page). Nothing is
created again. The same token with other content (the back button, then other
text) is a new submission, so nothing typed is dropped.

An outcome of 400 or more releases the claim (nothing was made; the same form
may be sent again). POSTs without a token (API clients, tests) and anonymous
POSTs (login) pass unchanged; ``core/tests/test_submissions.py`` fails when a
POST form in a template lacks the token.
"""

import hashlib
import re
import secrets
import time
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from core.models import FormSubmission

FIELD = "form_token"
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
KEEP_FOR = timedelta(hours=1)  # repeats come within seconds; pages hold personal data
MAX_BODY = 1_000_000  # characters of a page kept for a replay
REPLAYED_HEADERS = ("Content-Type", "Location", "HX-Redirect", "HX-Location", "HX-Refresh", "HX-Trigger")
IGNORED_FIELDS = {"csrfmiddlewaretoken"}


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _wait_seconds() -> float:
    return getattr(settings, "FORM_TOKEN_WAIT_SECONDS", 15.0)


def _key(request, token: str) -> str:
    """The claim's key: the token plus everything posted (files by name and
    size), so only an identical POST counts as a repeat."""
    digest = hashlib.sha256()
    digest.update(f"{request.user.pk}\0{request.path}\0{token}\0".encode())
    for name in sorted(request.POST):
        if name in IGNORED_FIELDS:
            continue
        for value in request.POST.getlist(name):
            digest.update(f"{name}={value}\0".encode())
    for name in sorted(request.FILES):
        for f in request.FILES.getlist(name):
            digest.update(f"{name}:{f.name}:{f.size}\0".encode())
    return digest.hexdigest()


def claim(request, token: str) -> tuple[FormSubmission, bool]:
    """The submission row for this POST and whether this request is the first."""
    key = _key(request, token)
    now = timezone.now()
    try:
        with transaction.atomic():
            submission = FormSubmission.objects.create(key=key, user=request.user, path=request.path[:500])
    except IntegrityError:
        return FormSubmission.objects.get(key=key), False
    FormSubmission.objects.filter(created_at__lt=now - KEEP_FOR).delete()
    return submission, True


def record(submission: FormSubmission, response) -> None:
    """Keep the outcome for a repeat, or release the claim when nothing was made."""
    if response.status_code >= 400:
        FormSubmission.objects.filter(pk=submission.pk).delete()
        return
    submission.status = response.status_code
    submission.headers = {h: response[h] for h in REPLAYED_HEADERS if response.has_header(h)}
    submission.body_kept = False
    if not getattr(response, "streaming", False) and not (300 <= response.status_code < 400):
        try:
            body = response.content.decode(response.charset or "utf-8")
        except (UnicodeDecodeError, LookupError):
            body = None
        # A page that echoes a NUL the user sent is not kept (PostgreSQL text refuses it);
        # a repeat is then sent back to the page it came from.
        if body is not None and len(body) <= MAX_BODY and "\x00" not in body:
            submission.body, submission.body_kept = body, True
    submission.done_at = timezone.now()
    submission.save(update_fields=["status", "headers", "body", "body_kept", "done_at"])


def release(submission: FormSubmission) -> None:
    FormSubmission.objects.filter(pk=submission.pk).delete()


def _finished(submission: FormSubmission) -> FormSubmission | None:
    """The first request's outcome once it is done (None when it was released
    or is still busy after the wait)."""
    deadline = time.monotonic() + _wait_seconds()
    while True:
        current = FormSubmission.objects.filter(pk=submission.pk).first()
        if current is None or current.done_at is not None:
            return current
        if time.monotonic() >= deadline:
            return submission
        time.sleep(0.05)


def replay(request, submission: FormSubmission):
    """The answer to a repeated POST: the first one's outcome, never a second
    creation. ``None``: the first was released, so this one runs."""
    done = _finished(submission)
    if done is None:
        return None
    if done.done_at is None:
        return render(request, "core/submission_busy.html", status=409)
    headers = dict(done.headers)
    if 300 <= (done.status or 0) < 400 and "Location" in headers:
        return HttpResponseRedirect(headers["Location"], status=done.status)
    if request.headers.get("HX-Request"):
        # The first answer is already on the page; only a navigation it asked for is repeated.
        navigation = {h: v for h, v in headers.items() if h in ("HX-Redirect", "HX-Location", "HX-Refresh")}
        return HttpResponse(status=200, headers=navigation) if navigation else HttpResponse(status=204)
    if done.body_kept:
        return HttpResponse(done.body, status=done.status, headers=headers)
    back = request.headers.get("Referer", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = "/"
    return HttpResponseRedirect(back, status=303)


class FormTokenMiddleware:
    """Claims the form token of a POST before its view runs (see above). Last
    in ``MIDDLEWARE``, so CSRF and login checks come first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST" or not request.user.is_authenticated:
            return None
        token = request.POST.get(FIELD, "")
        if not TOKEN.fullmatch(token):
            return None
        submission, first = claim(request, token)
        if not first:
            response = replay(request, submission)
            if response is not None:
                return response
            submission, first = claim(request, token)
            if not first:  # a third request claimed it meanwhile
                return replay(request, submission) or HttpResponse(status=409)
        try:
            response = view_func(request, *view_args, **view_kwargs)
            if hasattr(response, "render") and callable(response.render) and not response.is_rendered:
                response = response.render()
        except BaseException:
            release(submission)
            raise
        record(submission, response)
        return response
