from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.names import sort_name


class User(AbstractUser):
    """A person on the platform. What they may do comes from role assignments
    (organisation.RoleAssignment), never from fields on this model."""

    preferred_language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="nl")
    sort_name = models.CharField(
        _("sort name"),
        max_length=150,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("Surname without tussenvoegsels, then first name: the order of every list of people."),
    )
    must_change_password = models.BooleanField(
        _("must change password"),
        default=False,
        help_text=_("Set when someone else chose a temporary password; cleared when the user picks their own."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["sort_name", "username"]

    def save(self, *args, **kwargs):
        self.sort_name = sort_name(self.last_name, self.first_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"last_name", "first_name"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "sort_name"}
        super().save(*args, **kwargs)

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
