"""Who's who: an opt-in directory of TechMakers teachers and coordinators."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from community.models.materials import Tag
from organisation.models import School


class DirectoryProfile(models.Model):
    """Nobody is listed until they tick ``listed`` themselves."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="directory_profile")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name=_("school"))
    listed = models.BooleanField(_("show me in the directory"), default=False)
    subjects = models.CharField(_("subjects"), max_length=200, blank=True)
    experience = models.TextField(_("what I have experience with"), blank=True, max_length=2000)
    tags = models.ManyToManyField(Tag, blank=True, related_name="profiles", verbose_name=_("experience tags"))
    search_text = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["user__sort_name"]

    def __str__(self):
        return str(self.user)
