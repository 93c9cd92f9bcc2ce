import dataclasses

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from assignments import search
from assignments.models import Challenge, Competency, PartnerOffer, SharingScope
from assignments.services import DEFAULT_RUBRIC_LEVELS, Content
from assignments.uploads import validate_upload
from core.concurrency import VersionedForm
from core.forms import DateInput, Form, ModelForm
from organisation.access import visible_partner_organisations
from organisation.models import Level, PartnerOrganisation, Sector

LEERJAAR_CHOICES = [(i, str(i)) for i in range(1, 7)]


def _check_range(form, low, high, message):
    data = form.cleaned_data
    if data.get(low) is not None and data.get(high) is not None and data[high] < data[low]:
        form.add_error(high, message)


class SectorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display()})" if obj.kind != Sector.Kind.DOMAIN else obj.name


class ChallengeForm(VersionedForm, ModelForm):
    partner_offers = forms.MultipleChoiceField(
        label=_("What we can offer"), choices=PartnerOffer.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    leerjaar_min = forms.TypedChoiceField(label=_("From year"), choices=LEERJAAR_CHOICES, coerce=int, initial=1)
    leerjaar_max = forms.TypedChoiceField(label=_("To year"), choices=LEERJAAR_CHOICES, coerce=int, initial=4)

    class Meta:
        model = Challenge
        fields = [
            "title",
            "question",
            "why_it_matters",
            "good_result",
            "sectors",
            "levels",
            "leerjaar_min",
            "leerjaar_max",
            "partner_offers",
            "timing",
            "available_from",
            "available_until",
        ]
        labels = {
            "title": _("Title"),
            "question": _("The question"),
            "why_it_matters": _("Why it matters"),
            "good_result": _("What would a good result look like?"),
            "sectors": _("Sectors it touches"),
            "levels": _("Suitable levels"),
            "timing": _("When"),
            "available_from": _("Available from"),
            "available_until": _("Available until"),
        }
        help_texts = {
            "question": _("Describe the real problem of your organisation in your own words."),
            "timing": _("For example: spring 2026, or during the project weeks in March."),
        }
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "levels": forms.CheckboxSelectMultiple,
            "available_from": DateInput(),
            "available_until": DateInput(),
            "question": forms.Textarea(attrs={"rows": 5}),
            "why_it_matters": forms.Textarea(attrs={"rows": 3}),
            "good_result": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.filter(kind=Sector.Kind.DOMAIN)
        self.fields["levels"].required = False

    def clean(self):
        super().clean()
        _check_range(self, "leerjaar_min", "leerjaar_max", _("The last year cannot be before the first year."))
        _check_range(self, "available_from", "available_until", _("The end date cannot be before the start date."))
        return self.cleaned_data


class ChallengeResponseForm(Form):
    message = forms.CharField(
        label=_("Your message to the partner"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("For example: which class, when, and what you would like from them."),
    )


class AssignmentForm(VersionedForm, Form):
    """Content of an assignment; produces a ``services.Content``."""

    title = forms.CharField(label=_("Title"), max_length=200)
    client = forms.ModelChoiceField(
        label=_("Client (partner organisation)"),
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        help_text=_("Choose a partner, or fill in the name below if the client is not in TechMakers."),
    )
    client_name = forms.CharField(label=_("Client name (if not a partner)"), max_length=200, required=False)
    client_kind = forms.ChoiceField(
        label=_("Kind of client"),
        choices=[("", "—"), *PartnerOrganisation.Kind.choices],
        required=False,
    )
    client_contact = forms.CharField(
        label=_("Contact person at the client"),
        max_length=200,
        required=False,
        help_text=_("Name and role, for example: Karin van Dijk, HR adviser."),
    )
    problem_statement = forms.CharField(
        label=_("Problem statement"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )
    expected_result = forms.CharField(
        label=_("Expected result"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("What do the students deliver and present to the client?"),
    )
    levels = forms.ModelMultipleChoiceField(
        label=_("Levels"), queryset=Level.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    leerjaar_min = forms.TypedChoiceField(label=_("From year"), choices=LEERJAAR_CHOICES, coerce=int, initial=1)
    leerjaar_max = forms.TypedChoiceField(label=_("To year"), choices=LEERJAAR_CHOICES, coerce=int, initial=4)
    sectors = SectorChoiceField(
        label=_("Sectors and profiles"),
        queryset=Sector.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    competencies = forms.MultipleChoiceField(
        label=_("Competencies practised"), choices=Competency.choices, widget=forms.CheckboxSelectMultiple
    )
    duration_weeks = forms.IntegerField(label=_("Duration in weeks"), min_value=1, max_value=40, initial=6)
    group_size_min = forms.IntegerField(label=_("Group size from"), min_value=1, max_value=40, initial=3)
    group_size_max = forms.IntegerField(label=_("Group size to"), min_value=1, max_value=40, initial=5)
    fits_tt = forms.BooleanField(label=_("Fits the exam subject Technologie & Toepassing"), required=False)
    rubric_levels = forms.CharField(
        label=_("Rubric levels"),
        max_length=300,
        initial=", ".join(DEFAULT_RUBRIC_LEVELS),
        help_text=_("The columns of the rubric, separated by commas."),
    )
    change_note = forms.CharField(
        label=_("What did you change?"),
        max_length=300,
        required=False,
        help_text=_("Colleagues see this in the version history."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = visible_partner_organisations(user).order_by("name")

    def clean_rubric_levels(self):
        levels = [p.strip() for p in self.cleaned_data["rubric_levels"].split(",") if p.strip()]
        if not 2 <= len(levels) <= 6:
            raise ValidationError(_("A rubric has between 2 and 6 levels."))
        return levels

    def clean(self):
        data = super().clean()
        if not data.get("client") and not data.get("client_name", "").strip():
            self.add_error("client_name", _("Name the client: choose a partner or type the name."))
        _check_range(self, "leerjaar_min", "leerjaar_max", _("The last year cannot be before the first year."))
        _check_range(
            self, "group_size_min", "group_size_max", _("The largest group cannot be smaller than the smallest.")
        )
        return data

    @staticmethod
    def initial_from(content: Content) -> dict:
        """The form's initial values for editing ``content``."""
        initial = {f.name: getattr(content, f.name) for f in dataclasses.fields(Content) if f.name != "rubric"}
        initial["rubric_levels"] = ", ".join((content.rubric or {}).get("levels") or DEFAULT_RUBRIC_LEVELS)
        return initial

    def to_content(self, criteria: list[dict]) -> Content:
        """The cleaned values as ``services.Content`` (the form's fields carry
        its names); the rubric joins the level names and ``criteria``."""
        d = self.cleaned_data
        values = {f.name: d[f.name] for f in dataclasses.fields(Content) if f.name != "rubric"}
        values.update(levels=list(d["levels"]), sectors=list(d["sectors"]), competencies=list(d["competencies"]))
        return Content(**values, rubric={"levels": d["rubric_levels"], "criteria": criteria})


RUBRIC_MAX_LEVELS = 6


class RubricCriterionForm(Form):
    """One row of the rubric: a criterion with one descriptor per level."""

    name = forms.CharField(label=_("Criterion"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Assessed on"), choices=[("product", _("product")), ("process", _("process"))], initial="product"
    )

    def __init__(self, *args, level_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.level_names = list(level_names) or DEFAULT_RUBRIC_LEVELS
        for i in range(RUBRIC_MAX_LEVELS):
            label = self.level_names[i] if i < len(self.level_names) else _("level %(n)s") % {"n": i + 1}
            self.fields[f"d{i}"] = forms.CharField(
                label=label, max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def descriptor_fields(self):
        return [self[f"d{i}"] for i in range(len(self.level_names))]

    def clean(self):
        data = super().clean()
        descriptors = [data.get(f"d{i}", "").strip() for i in range(len(self.level_names))]
        if not data.get("name", "").strip() and any(descriptors):
            self.add_error("name", _("Give this criterion a name."))
        return data

    def criterion(self, num_levels):
        data = self.cleaned_data
        if not data.get("name", "").strip():
            return None
        return {
            "name": data["name"].strip(),
            "kind": data["kind"],
            "descriptors": [data.get(f"d{i}", "").strip() for i in range(num_levels)],
        }


RubricFormSet = forms.formset_factory(RubricCriterionForm, extra=2, max_num=20, absolute_max=20)


class PublishForm(Form):
    sharing_scope = forms.ChoiceField(
        label=_("Share with"),
        choices=SharingScope.choices,
        initial=SharingScope.NATIONAL,
        widget=forms.RadioSelect,
    )


class AdoptForm(Form):
    school = forms.ModelChoiceField(label=_("For school"), queryset=None, empty_label=None)

    def __init__(self, *args, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools


class MaterialForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("Or a link"), required=False, max_length=500, assume_scheme="https")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.file_meta = validate_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        has_file = bool(data.get("file"))
        has_url = bool(data.get("url"))
        if "file" in self.errors:
            return data
        if has_file == has_url:
            raise ValidationError(_("Upload a file or give a link (one of the two)."))
        return data


class RatingForm(Form):
    score = forms.TypedChoiceField(
        label=_("Your rating"),
        choices=[(i, str(i)) for i in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment for colleagues"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What worked well, what would you change?"),
    )


SORTS = [
    ("relevant", _("most relevant")),
    ("new", _("newest")),
    ("rating", _("best rated")),
    ("used", _("most used")),
]


class LibraryFilterForm(Form):
    """The library filters. Option lists come from ``search.Taxonomy`` (one
    query); ``controls`` describes them for the template's one loop (no
    widget template per field and option)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    level = forms.ChoiceField(label=_("Level"), required=False)
    leerjaar = forms.TypedChoiceField(
        label=_("Year"), choices=[("", _("All years")), *LEERJAAR_CHOICES], coerce=int, required=False, empty_value=None
    )
    sector = forms.ChoiceField(label=_("Sector or profile"), required=False)
    competency = forms.ChoiceField(
        label=_("Competency"), choices=[("", _("All competencies")), *Competency.choices], required=False
    )
    duration = forms.ChoiceField(
        label=_("Duration"),
        choices=[("", _("Any duration"))] + [(k, v[0]) for k, v in search.DURATIONS.items()],
        required=False,
    )
    region = forms.TypedChoiceField(label=_("Region"), required=False, coerce=int, empty_value=None)
    client_kind = forms.ChoiceField(
        label=_("Kind of client"),
        choices=[("", _("All clients")), *PartnerOrganisation.Kind.choices],
        required=False,
    )
    tt = forms.BooleanField(label=_("Fits T&T"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)

    def __init__(self, *args, taxonomy: search.Taxonomy, **kwargs):
        super().__init__(*args, **kwargs)
        self.taxonomy = taxonomy
        self.fields["level"].choices = [("", _("All levels")), *taxonomy.levels]
        self.fields["sector"].choices = [("", _("All sectors")), *taxonomy.sectors]
        self.fields["region"].choices = [("", _("All regions")), *taxonomy.networks]

    def clean(self):
        data = super().clean()
        slug = data.get("sector")
        data["sector_ids"] = self.taxonomy.sector_ids.get(slug, []) if slug else []
        return data

    def controls(self) -> list[dict]:
        """Label, control kind, value or options (key, label, selected) and
        errors of every field, in form order."""
        result = []
        for bf in self:
            value = bf.value()
            control = {"id": bf.auto_id, "name": bf.html_name, "label": bf.label, "errors": bf.errors}
            if isinstance(bf.field, forms.BooleanField):
                control.update(kind="checkbox", checked=bf.field.widget.check_test(value))
            elif isinstance(bf.field, forms.ChoiceField):
                current = "" if value is None else str(value)
                options = [(key, label, str(key) == current) for key, label in bf.field.choices]
                control.update(kind="select", options=options)
            else:
                control.update(kind="text", value="" if value is None else value, maxlength=bf.field.max_length)
            result.append(control)
        return result
