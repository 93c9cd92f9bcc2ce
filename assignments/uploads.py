"""Validation of uploaded materials: allowed types (checked by extension *and*
by content), a size limit, sanitised names. Storage names are unguessable
(see ``models._material_name``); downloads pass a view that checks access."""

import io
import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
EMPTY_ZIP = b"PK\x05\x06"

# extension -> (content type, signature check)
ALLOWED = {
    "pdf": ("application/pdf", lambda h: h.startswith(b"%PDF-")),
    "doc": ("application/msword", lambda h: h.startswith(OLE)),
    "xls": ("application/vnd.ms-excel", lambda h: h.startswith(OLE)),
    "ppt": ("application/vnd.ms-powerpoint", lambda h: h.startswith(OLE)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", lambda h: h.startswith(ZIP)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", lambda h: h.startswith(ZIP)),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        lambda h: h.startswith(ZIP),
    ),
    "odt": ("application/vnd.oasis.opendocument.text", lambda h: h.startswith(ZIP)),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", lambda h: h.startswith(ZIP)),
    "odp": ("application/vnd.oasis.opendocument.presentation", lambda h: h.startswith(ZIP)),
    "png": ("image/png", lambda h: h.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("image/jpeg", lambda h: h.startswith(b"\xff\xd8\xff")),
    "jpeg": ("image/jpeg", lambda h: h.startswith(b"\xff\xd8\xff")),
    "gif": ("image/gif", lambda h: h.startswith(b"GIF87a") or h.startswith(b"GIF89a")),
    "webp": ("image/webp", lambda h: h[:4] == b"RIFF" and h[8:12] == b"WEBP"),
    "txt": ("text/plain", None),
    "md": ("text/plain", None),
    "csv": ("text/csv", None),
    "zip": ("application/zip", lambda h: h.startswith(ZIP) or h.startswith(EMPTY_ZIP)),
}
ALLOWED_IN_ZIP = set(ALLOWED) - {"zip"}
MAX_ZIP_MEMBERS = 200


def max_upload_size() -> int:
    return getattr(settings, "MAX_UPLOAD_SIZE", 20 * 1024 * 1024)


def sanitise_filename(name: str) -> str:
    """The base name, without path parts or odd characters, at most 120 chars."""
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    try:
        clean = get_valid_filename(stem)[:100] if stem else ""
    except Exception:  # get_valid_filename raises on names like ".."
        clean = ""
    clean = clean.lstrip(".-") or "bestand"
    ext = get_valid_filename(ext)[:10].lower() if ext else ""
    return f"{clean}.{ext}" if ext else clean


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[1].lower() if "." in name else ""


def _looks_like_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return True


def validate_upload(upload) -> tuple[str, str]:
    """Check an UploadedFile; return (sanitised filename, content type) or
    raise ValidationError with a Dutch message."""
    limit = max_upload_size()
    if upload.size > limit:
        raise ValidationError(
            _("This file is too large (%(size)s). The maximum is %(limit)s."),
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if upload.size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    filename = sanitise_filename(upload.name)
    ext = _extension(filename)
    if ext not in ALLOWED:
        raise ValidationError(
            _("This type of file is not allowed. Allowed are: PDF, office documents, images, plain text and zip."),
            code="type",
        )
    content_type, check = ALLOWED[ext]
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    ok = _looks_like_text(head) if check is None else check(head)
    if not ok:
        raise ValidationError(_("The content of this file does not match its extension."), code="content")
    if ext == "zip":
        _validate_zip(upload)
    return filename, content_type


def _validate_zip(upload) -> None:
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except zipfile.BadZipFile as exc:
        raise ValidationError(_("This zip file cannot be opened."), code="zip") from exc
    if len(members) > MAX_ZIP_MEMBERS:
        raise ValidationError(_("This zip file contains too many files."), code="zip")
    if sum(m.file_size for m in members) > 5 * max_upload_size():
        raise ValidationError(_("This zip file unpacks to too much data."), code="zip")
    for member in members:
        if _extension(member.filename) not in ALLOWED_IN_ZIP:
            raise ValidationError(
                _("The zip file contains a file that is not allowed: %(name)s"),
                params={"name": sanitise_filename(member.filename)},
                code="zip",
            )
