"""Serving a private file: only views that checked access call this, and the
response is never cached or sniffed. Images and PDFs open in the browser,
everything else downloads."""

from django.http import FileResponse, Http404

INLINE_TYPES = ("image/", "application/pdf")


def private_file(fieldfile, *, filename="", content_type="", attachment=None) -> FileResponse:
    """A response for a stored file (404 when it is gone from the storage)."""
    if not fieldfile:
        raise Http404
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = content_type or "application/octet-stream"
    if attachment is None:
        attachment = not content_type.startswith(INLINE_TYPES)
    response = FileResponse(handle, as_attachment=attachment, filename=filename or "bestand", content_type=content_type)
    return no_store(response)


def no_store(response):
    """Private data: no cache may keep it (a shared school computer, a proxy)."""
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
