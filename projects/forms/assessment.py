"""Rubric assessment, peer evaluation, final results and the final
reflection."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedForm
from core.forms import Form


class AssessmentForm(VersionedForm, Form):
    """One radio group per rubric criterion (levels with their descriptors)."""

    comment = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, criteria, levels, indexes, initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criterion_names = []
        initial_scores = initial_scores or {}
        for i in indexes:
            criterion = criteria[i]
            descriptors = criterion.get("descriptors") or []
            choices = [
                (str(k), f"{level}: {descriptors[k]}" if k < len(descriptors) and descriptors[k] else level)
                for k, level in enumerate(levels)
            ]
            name = f"c{i}"
            self.fields[name] = forms.ChoiceField(
                label=criterion.get("name", ""),
                choices=choices,
                widget=forms.RadioSelect,
                required=False,
                initial=str(initial_scores[str(i)]) if str(i) in initial_scores else None,
            )
            self.criterion_names.append(name)
        self.order_fields([*self.criterion_names, "comment"])

    def criterion_fields(self):
        return [self[name] for name in self.criterion_names]

    def scores(self):
        return {name[1:]: int(self.cleaned_data[name]) for name in self.criterion_names if self.cleaned_data.get(name)}

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in self.criterion_names):
            raise forms.ValidationError(_("Choose a level for at least one criterion."))
        return data


SCALE = [(str(i), str(i)) for i in range(1, 6)]


class PeerForm(Form):
    def __init__(self, *args, teammates, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        existing = existing or {}
        self.teammates = list(teammates)
        for mate in self.teammates:
            before = existing.get(mate.pk)
            self.fields[f"contribution_{mate.pk}"] = forms.ChoiceField(
                label=_("Contribution"),
                choices=SCALE,
                widget=forms.RadioSelect,
                initial=str(before.contribution) if before else None,
            )
            self.fields[f"collaboration_{mate.pk}"] = forms.ChoiceField(
                label=_("Collaboration"),
                choices=SCALE,
                widget=forms.RadioSelect,
                initial=str(before.collaboration) if before else None,
            )
            self.fields[f"comment_{mate.pk}"] = forms.CharField(
                label=_("Comment (only your teacher reads this)"),
                max_length=300,
                required=False,
                initial=before.comment if before else "",
            )

    def rows(self):
        return [
            {
                "mate": mate,
                "contribution": self[f"contribution_{mate.pk}"],
                "collaboration": self[f"collaboration_{mate.pk}"],
                "comment": self[f"comment_{mate.pk}"],
            }
            for mate in self.teammates
        ]

    def ratings(self):
        d = self.cleaned_data
        return {
            m.pk: (int(d[f"contribution_{m.pk}"]), int(d[f"collaboration_{m.pk}"]), d.get(f"comment_{m.pk}", ""))
            for m in self.teammates
        }


class ResultForm(VersionedForm, Form):
    product_grade = forms.DecimalField(
        label=_("Product"), max_digits=3, decimal_places=1, min_value=1, max_value=10, required=False, localize=True
    )
    process_grade = forms.DecimalField(
        label=_("Process"), max_digits=3, decimal_places=1, min_value=1, max_value=10, required=False, localize=True
    )
    final_grade = forms.DecimalField(
        label=_("Final result"),
        max_digits=3,
        decimal_places=1,
        min_value=1,
        max_value=10,
        required=False,
        localize=True,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ReflectionForm(VersionedForm, Form):
    product = forms.CharField(
        label=_("The product"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What did you make? Does it meet the programma van eisen? What would you improve?"),
    )
    process = forms.CharField(
        label=_("The process"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("How did the team work together and plan? What went well, what would you do differently?"),
    )
    own_actions = forms.CharField(
        label=_("My own actions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What did you do well, what did you learn about yourself, and what does it say about what suits you?"
        ),
    )
