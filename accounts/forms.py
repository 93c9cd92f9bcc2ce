from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.forms import ModelForm


class PreferencesForm(ModelForm):
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    class Meta:
        model = User
        fields = ["preferred_language"]
