"""The planning board, the logbook and deliverables."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, Form, ModelForm
from projects.models import WORK_PHASES, Deliverable, LogEntry, Task


class TaskForm(Form):
    """A task on the planning board. ``members`` (the team's students) can
    be passed in, so a board with many tasks queries them once."""

    title = forms.CharField(label=_("Task"), max_length=200)
    owner_id = forms.TypedChoiceField(label=_("Who"), coerce=int, empty_value=None, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    phase = forms.ChoiceField(label=_("Phase"), choices=[(p.value, p.label) for p in WORK_PHASES])
    description = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, team, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is None:
            members = get_user_model().objects.filter(team_memberships__team=team).order_by("first_name")
        self.fields["owner_id"].choices = [("", "---------")] + [
            (m.pk, m.get_full_name() or m.username) for m in members
        ]


class TaskStatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=Task.Status.choices)
    seen_status = forms.ChoiceField(choices=Task.Status.choices, widget=forms.HiddenInput)


class LogEntryForm(ModelForm):
    class Meta:
        model = LogEntry
        fields = ["date", "text"]
        widgets = {"date": DateInput(), "text": forms.Textarea(attrs={"rows": 3})}


class DeliverableForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Deliverable.Kind.choices)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("or a link"), required=False, max_length=500, assume_scheme="https")
    note = forms.CharField(label=_("What is new?"), max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError(_("Add either a file or a link."))
        return data


class DeliverableVersionForm(DeliverableForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["title"]
        del self.fields["kind"]
