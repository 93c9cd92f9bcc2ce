"""Students rank the assignments; teachers add pair constraints."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assignments.models import Competency
from core.forms import Form
from projects.forms.fields import UserChoiceField
from projects.models import PairConstraint


class ChoiceForm(Form):
    """Rank the project's assignments: one select per place, best first."""

    strengths = forms.MultipleChoiceField(
        label=_("What are you good at?"),
        choices=Competency.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Choose up to three. We use this to make teams with a mix of talents."),
    )

    def __init__(self, *args, project_assignments, required_count, **kwargs):
        super().__init__(*args, **kwargs)
        self.project_assignments = list(project_assignments)
        self.required_count = required_count
        choices = [("", _("– choose an assignment –"))] + [
            (str(pa.pk), pa.version.title) for pa in self.project_assignments
        ]
        self.rank_names = []
        for i in range(1, len(self.project_assignments) + 1):
            name = f"rank_{i}"
            self.rank_names.append(name)
            self.fields[name] = forms.ChoiceField(
                label=_("Choice %(number)s") % {"number": i}, choices=choices, required=i <= required_count
            )
        # Put the ranking before the strengths.
        self.order_fields([*self.rank_names, "strengths"])

    def rank_fields(self):
        return [self[name] for name in self.rank_names]

    def clean_strengths(self):
        value = self.cleaned_data["strengths"]
        if len(value) > 3:
            raise forms.ValidationError(_("Choose at most three strengths."))
        return value

    def clean(self):
        data = super().clean()
        by_id = {str(pa.pk): pa for pa in self.project_assignments}
        ranked, seen = [], set()
        for name in self.rank_names:
            value = data.get(name)
            if not value:
                continue
            if value in seen:
                self.add_error(name, _("You already chose this assignment above."))
                continue
            seen.add(value)
            ranked.append(by_id[value])
        data["ranked"] = ranked
        return data


class PairConstraintForm(Form):
    student_a = UserChoiceField(label=_("Student"), queryset=None)
    student_b = UserChoiceField(label=_("and student"), queryset=None)
    kind = forms.ChoiceField(label=_("must be"), choices=PairConstraint.Kind.choices)

    def __init__(self, *args, students, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student_a"].queryset = students
        self.fields["student_b"].queryset = students

    def clean(self):
        data = super().clean()
        if data.get("student_a") and data.get("student_a") == data.get("student_b"):
            self.add_error("student_b", _("Choose two different students."))
        return data
