"""Sharing lesson materials: upload or link, edit, remove, comment, count downloads."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from community.models import Material, MaterialComment, Tag


def _check_source(upload, url, *, keep_file=False):
    if upload and url:
        raise ValidationError({"url": _("Choose a file or a link, not both.")})
    if not upload and not url and not keep_file:
        raise ValidationError({"file": _("Add a file or a link.")})


@transaction.atomic
def share_material(
    user,
    *,
    school,
    title,
    description,
    kind,
    sharing_scope,
    tags="",
    upload=None,
    filename="",
    content_type="",
    url="",
    now=None,
) -> Material:
    """``upload`` has been checked by ``assignments.uploads.validate_upload``
    (the form does it), which gave ``filename`` and ``content_type``."""
    now = now or timezone.now()
    _check_source(upload, url)
    material = Material(
        title=title,
        description=description,
        kind=kind,
        sharing_scope=sharing_scope,
        school=school,
        author=user,
        url=url if not upload else "",
        created_at=now,
        updated_at=now,
    )
    if upload:
        material.filename, material.content_type, material.size = filename, content_type, upload.size
        material.file.save(filename, upload, save=False)
    material.save()
    material.tags.set(Tag.from_text(tags))
    return material


@transaction.atomic
def update_material(
    user,
    material,
    *,
    title,
    description,
    kind,
    sharing_scope,
    tags="",
    upload=None,
    filename="",
    content_type="",
    url="",
    now=None,
) -> Material:
    _check_source(upload, url, keep_file=bool(material.file))
    material.title, material.description, material.kind = title, description, kind
    material.sharing_scope = sharing_scope
    material.updated_at = now or timezone.now()
    fields = ["title", "description", "kind", "sharing_scope", "updated_at", "url"]
    if upload:
        old = material.file.name
        material.filename, material.content_type, material.size = filename, content_type, upload.size
        material.file.save(filename, upload, save=False)
        material.url = ""
        fields += ["file", "filename", "content_type", "size"]
        if old:
            transaction.on_commit(lambda: material.file.storage.delete(old))
    elif url:
        material.url = url
        if material.file:
            old = material.file.name
            material.file = ""
            material.filename = material.content_type = ""
            material.size = 0
            fields += ["file", "filename", "content_type", "size"]
            transaction.on_commit(lambda: material.file.storage.delete(old))
    material.save(update_fields=fields)
    material.tags.set(Tag.from_text(tags))
    return material


@transaction.atomic
def remove_material(user, material) -> None:
    name = material.file.name if material.file else ""
    storage = material.file.storage
    material.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def count_download(material) -> None:
    Material.objects.filter(pk=material.pk).update(download_count=F("download_count") + 1)


@transaction.atomic
def add_comment(user, material, *, body, now=None) -> MaterialComment:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write a comment first.")})
    comment = MaterialComment.objects.create(
        material=material, author=user, body=body, created_at=now or timezone.now()
    )
    Material.objects.filter(pk=material.pk).update(comment_count=F("comment_count") + 1)
    return comment
