"""Lesson materials that are not assignments (rubrics, templates, reflection
forms, planning boards, presentation guides), shared with a scope like the
assignment library's: own school, own network or national."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from organisation.models import School


class SharingScope(models.TextChoices):
    SCHOOL = "school", _("own school")
    NETWORK = "network", _("own network")
    NATIONAL = "national", _("national")


class Tag(models.Model):
    """A free word that materials and directory profiles share (``rubric``,
    ``zorgopdracht``, ``leerjaar 1``)."""

    name = models.CharField(_("name"), max_length=40)
    slug = models.SlugField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self):
        return self.name

    @classmethod
    def from_text(cls, text: str) -> list["Tag"]:
        """Tags from a comma-separated text; new words become new tags."""
        tags = []
        seen = set()
        for word in (text or "").split(","):
            name = " ".join(word.split()).lower()[:40]
            slug = slugify(name)[:50]
            if not slug or slug in seen:
                continue
            seen.add(slug)
            tag, _created = cls.objects.get_or_create(slug=slug, defaults={"name": name})
            tags.append(tag)
        return tags


def _material_name(instance, filename):
    ext = "." + filename.rsplit(".", 1)[1].lower()[:10] if "." in filename else ""
    return f"community/{uuid.uuid4().hex}{ext}"


class Material(models.Model):
    class Kind(models.TextChoices):
        RUBRIC = "rubric", _("rubric")
        TEMPLATE = "template", _("template")
        REFLECTION = "reflection", _("reflection form")
        PLANNING = "planning", _("planning board")
        PRESENTATION = "presentation", _("presentation guide")
        OTHER = "other", _("other")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    tags = models.ManyToManyField(Tag, blank=True, related_name="materials", verbose_name=_("tags"))
    sharing_scope = models.CharField(
        _("shared with"), max_length=10, choices=SharingScope.choices, default=SharingScope.NETWORK
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name=_("school"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author")
    )
    file = models.FileField(_("file"), upload_to=_material_name, blank=True, max_length=200)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField(_("link"), blank=True, max_length=500)
    download_count = models.PositiveIntegerField(_("downloads"), default=0)
    comment_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        indexes = [models.Index(fields=["-download_count", "-created_at"], name="community_material_used")]

    def __str__(self):
        return self.title

    @property
    def is_link(self) -> bool:
        return not self.file and bool(self.url)

    @property
    def preview_kind(self) -> str:
        """How the page shows it: ``image``, ``pdf``, ``text`` or ``""``."""
        if self.content_type.startswith("image/"):
            return "image"
        if self.content_type == "application/pdf":
            return "pdf"
        if self.content_type in ("text/plain", "text/csv"):
            return "text"
        return ""


class MaterialComment(models.Model):
    material = models.ForeignKey(Material, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    body = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.body[:60]
