"""Read back what WeasyPrint wrote, with pypdf (tests only)."""

from io import BytesIO

from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """The text of every page, page after page."""
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def pdf_title(data: bytes) -> str:
    """The document title from the PDF's metadata."""
    metadata = PdfReader(BytesIO(data)).metadata
    return (metadata.title if metadata else None) or ""
