"""Moving a student by hand on the allocation page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import Form


class MoveForm(Form):
    student = forms.IntegerField(widget=forms.HiddenInput)
    target = forms.ChoiceField(label=_("Move to"))

    def __init__(self, *args, teams, project_assignments, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(f"team:{t.pk}", f"{t.name} – {t.project_assignment.version.title}") for t in teams]
        choices += [
            (f"new:{pa.pk}", _("New team for “%(title)s”") % {"title": pa.version.title}) for pa in project_assignments
        ]
        self.fields["target"].choices = choices
