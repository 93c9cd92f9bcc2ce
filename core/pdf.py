"""PDFs from HTML templates (WeasyPrint). The HTML carries its own styles and
images (inline CSS, data: URIs): every other URL is refused, so a PDF never
loads anything from outside (no tracking pixel, no slow font server, no file
from the server's disk)."""

from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(template_name, context)
    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=["data"])).write_pdf()
