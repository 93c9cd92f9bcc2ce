"""A coach's feedback on the team's work and reflection conversations with a student."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, Form
from projects.forms.fields import UserChoiceField


class ConversationForm(Form):
    student = UserChoiceField(label=_("Student"), queryset=None)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    notes = forms.CharField(label=_("What we talked about"), widget=forms.Textarea(attrs={"rows": 3}))
    agreements = forms.CharField(label=_("Agreements"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    follow_up_date = forms.DateField(label=_("Follow-up on"), widget=DateInput(), required=False)
    private_note = forms.CharField(
        label=_("Private note"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Only teachers of the school see this, never the student."),
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = get_user_model().objects.filter(team_memberships__team=team)

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("follow_up_date") and data["follow_up_date"] < data["date"]:
            self.add_error("follow_up_date", _("The follow-up lies before the conversation."))
        return data


class FeedbackForm(Form):
    """A coach's feedback on a deliverable or a logbook entry."""

    text = forms.CharField(label=_("Feedback"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
