"""The team workspace: roles and name, go/no-go, the programma van eisen
and messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedForm
from core.forms import Form
from projects.models import WORK_PHASES, GoDecision, Phase, Requirement, TeamRole


class MessageForm(Form):
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class RequirementForm(Form):
    text = forms.CharField(label=_("New requirement"), max_length=300)


class RequirementsReviewForm(Form):
    """The client's answer to a submitted programma van eisen: the button
    pressed (``decision``: approve or comment) and what the team should change."""

    comment = forms.CharField(
        label=_("Your comments for the team"),
        help_text=_("Needed when you ask for changes; optional when you approve."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )


class RequirementsReopenForm(Form):
    comment = forms.CharField(label=_("Why a new round?"), max_length=300, required=False)


class RequirementCheckForm(VersionedForm, Form):
    result = forms.ChoiceField(label=_("Result"), choices=Requirement.Result.choices[1:])
    result_note = forms.CharField(label=_("Explanation"), max_length=300, required=False)


class RolesForm(VersionedForm, Form):
    name = forms.CharField(label=_("Team name"), max_length=80)

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = list(memberships)
        choices = [("", _("– no role –")), *TeamRole.choices]
        for m in self.memberships:
            self.fields[f"role_{m.pk}"] = forms.ChoiceField(
                label=m.student.first_name or m.student.username, choices=choices, required=False
            )

    def clean(self):
        data = super().clean()
        taken = {}
        for m in self.memberships:
            role = data.get(f"role_{m.pk}")
            if role and role in taken:
                self.add_error(f"role_{m.pk}", _("Someone else already has this role."))
            taken[role] = m
        return data

    def roles(self):
        return {m.pk: self.cleaned_data.get(f"role_{m.pk}", "") for m in self.memberships}


class DecisionForm(Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=GoDecision.Decision.choices, widget=forms.RadioSelect)
    motivation = forms.CharField(label=_("Motivation"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    back_to = forms.ChoiceField(label=_("With a no-go, back to"), required=False)

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        current = WORK_PHASES.index(Phase(team.phase)) if team.phase in WORK_PHASES else 0
        self.fields["back_to"].choices = [(p.value, p.label) for p in reversed(WORK_PHASES[: current + 1])]
