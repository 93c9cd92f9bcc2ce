from django import forms
from django.core.validators import RegexValidator
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from assignments.models import Challenge
from core.concurrency import VersionedForm
from core.forms import DateInput, Form, ModelForm, TimeInput
from organisation.access import visible_classes
from organisation.models import (
    ClassGroup,
    Level,
    Network,
    PartnerContact,
    PartnerOrganisation,
    RegionProposal,
    SchoolYear,
    Sector,
)
from partners.models import AvailabilityWindow, BookingStatus, Feedback, Offer, OfferKind, PartnerProfile


def domain_sectors():
    return Sector.objects.filter(kind=Sector.Kind.DOMAIN).order_by("order")


postcode_validator = RegexValidator(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$", _("Enter a Dutch postcode, for example 3811 AB."))


class OrganisationForm(VersionedForm, ModelForm):
    """The organisation record (organisation.PartnerOrganisation) as its partner keeps it."""

    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = PartnerOrganisation
        fields = ["name", "kind", "sectors", "networks", "city", "website", "description"]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "networks": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "networks": _(
                "The TechMakers regions where you welcome schools. A new region counts once the network coach "
                "of that region has approved it."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = domain_sectors()
        self.fields["networks"].queryset = Network.objects.order_by("name")
        if self.instance.pk and not self.is_bound:
            # Regions waiting for approval stay ticked: unticking one withdraws it.
            pending = self.instance.region_proposals.filter(status=RegionProposal.Status.PENDING)
            self.initial["networks"] = sorted(
                {n.pk for n in self.instance.networks.all()} | set(pending.values_list("network_id", flat=True))
            )


class ProfileForm(VersionedForm, ModelForm):
    class Meta:
        model = PartnerProfile
        # No coordinates to type: the position for the distance search follows
        # from the town or the postcode (partners.geo.position_of).
        fields = ["for_students", "address", "postcode"]
        widgets = {"for_students": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"postcode": _("With your town it places you for the schools' distance search.")}

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip().upper()
        if value:
            postcode_validator(value)
            value = f"{value[:4]} {value[-2:]}"
        return value


class BaseContactFormSet(forms.BaseInlineFormSet):
    def values(self) -> list[dict]:
        """What changed, as plain values for ``services.update_partner_profile``:
        per contact its fields, ``pk`` (None for a new one) and ``remove``."""
        entries = []
        for form in self.forms:
            pk = form.instance.pk
            if self._should_delete_form(form):
                if pk is not None:
                    entries.append({"pk": pk, "remove": True})
            elif form.has_changed():
                fields = {name: form.cleaned_data[name] for name in form._meta.fields}
                entries.append({"pk": pk, "remove": False, **fields})
        return entries


ContactFormSet = inlineformset_factory(
    PartnerOrganisation,
    PartnerContact,
    form=ModelForm,
    formset=BaseContactFormSet,
    fields=["name", "function", "email", "phone"],
    extra=1,
    can_delete=True,
    max_num=50,
    absolute_max=50,
)


class OfferForm(VersionedForm, ModelForm):
    challenge_url = forms.URLField(
        label=_("Link to the assignment library"),
        required=False,
        assume_scheme="https",
        help_text=_("Only for challenges: where teachers find it."),
    )

    class Meta:
        model = Offer
        fields = [
            "kind",
            "title",
            "description",
            "sectors",
            "levels",
            "leerjaar_min",
            "leerjaar_max",
            "group_size_min",
            "group_size_max",
            "duration_minutes",
            "mode",
            "capacity",
            "capacity_period",
            "practical_notes",
            "challenge",
            "challenge_url",
            "is_published",
        ]
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "levels": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
            "practical_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = domain_sectors()
        self.fields["sectors"].required = True
        self.fields["levels"].queryset = Level.objects.order_by("order")
        self.fields["challenge"].queryset = Challenge.objects.filter(partner=partner).order_by("title")

    def clean(self):
        data = super().clean()
        low, high = data.get("leerjaar_min"), data.get("leerjaar_max")
        if low and high and high < low:
            self.add_error("leerjaar_max", _("The last year cannot be before the first year."))
        low, high = data.get("group_size_min"), data.get("group_size_max")
        if low and high and high < low:
            self.add_error("group_size_max", _("The maximum group size cannot be below the minimum."))
        if data.get("kind") != OfferKind.CHALLENGE:
            data["challenge_url"] = ""
            data["challenge"] = None
        return data


class BaseWindowFormSet(forms.BaseInlineFormSet):
    def _kept(self):
        return [
            f
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("start_date")
        ]

    def periods(self) -> list[tuple]:
        """The available dates kept (once valid), as (first day, last day) pairs."""
        return [(f.cleaned_data["start_date"], f.cleaned_data["end_date"]) for f in self._kept()]

    def clean(self):
        super().clean()
        if not self._kept():
            raise forms.ValidationError(_("Give at least one date or period in which schools can book this."))


class WindowForm(ModelForm):
    class Meta:
        model = AvailabilityWindow
        fields = ["start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}
        help_texts = {"end_date": _("Leave empty for a single date.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].required = False

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and not end:
            data["end_date"] = start
        elif start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


WindowFormSet = inlineformset_factory(
    Offer,
    AvailabilityWindow,
    form=WindowForm,
    formset=BaseWindowFormSet,
    extra=2,
    can_delete=True,
    max_num=100,
    absolute_max=100,
)


class BookingForm(Form):
    class_group = forms.ModelChoiceField(label=_("Class"), queryset=ClassGroup.objects.none())
    group_size = forms.IntegerField(label=_("Number of students"), min_value=1, max_value=500)
    teams_note = forms.CharField(
        label=_("Project or teams"),
        max_length=200,
        required=False,
        help_text=_("Optional: which project or which teams come, for example “teams 2 and 5 of the bridge project”."),
    )
    preferred_date = forms.DateField(label=_("Preferred date"), widget=DateInput())
    alternative_date = forms.DateField(label=_("Alternative date"), widget=DateInput(), required=False)
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput(), required=False)
    message = forms.CharField(
        label=_("Message to the partner"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("What do your students work on, and what would they like to see or ask?"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        year = SchoolYear.objects.current()
        self.fields["class_group"].queryset = (
            visible_classes(user).filter(school_year=year).select_related("school", "level")
        )
        self.fields["class_group"].label_from_instance = lambda c: f"{c.name} · {c.level.name} · {c.school.name}"


class ReasonForm(Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class CancelForm(Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, required=False
    )


class ProposeForm(Form):
    new_date = forms.DateField(label=_("Proposed date"), widget=DateInput())
    note = forms.CharField(
        label=_("Message to the school"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000, required=False
    )


class AttendanceForm(VersionedForm, Form):
    students = forms.MultipleChoiceField(label=_("Who was there?"), widget=forms.CheckboxSelectMultiple)
    share_first_names = forms.BooleanField(
        label=_("Share the first names of these students with the partner"),
        required=False,
        help_text=_("The partner then sees first names only; never last names, reflections or grades."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.students_by_pk = {str(e.student.pk): e.student for e in candidates}
        self.fields["students"].choices = [(pk, s.display_name) for pk, s in self.students_by_pk.items()]

    def clean_students(self):
        return [self.students_by_pk[pk] for pk in self.cleaned_data["students"]]


class FeedbackForm(VersionedForm, ModelForm):
    rating = forms.TypedChoiceField(
        label=_("How was it?"),
        coerce=int,
        choices=[(5, _("5 – great")), (4, _("4 – good")), (3, _("3 – okay")), (2, _("2 – meh")), (1, _("1 – poor"))],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Feedback
        fields = ["rating", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3, "maxlength": 500})}


class OfferSearchForm(Form):
    q = forms.CharField(label=_("Search"), required=False)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind of offer"), required=False)
    network = forms.ModelChoiceField(label=_("Region"), queryset=Network.objects.none(), required=False)
    distance = forms.TypedChoiceField(
        label=_("Distance from my school"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("Any distance")), (10, "10 km"), (25, "25 km"), (50, "50 km"), (100, "100 km")],
    )
    level = forms.ModelChoiceField(label=_("Level"), queryset=Level.objects.none(), required=False)
    leerjaar = forms.TypedChoiceField(
        label=_("Year"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("Any year"))] + [(n, str(n)) for n in range(1, 7)],
    )
    date = forms.DateField(label=_("Available on"), widget=DateInput(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].queryset = domain_sectors()
        self.fields["sector"].empty_label = _("All sectors")
        self.fields["kind"].choices = [("", _("All kinds"))] + list(OfferKind.choices)
        self.fields["network"].queryset = Network.objects.order_by("name")
        self.fields["network"].empty_label = _("All regions")
        self.fields["level"].queryset = Level.objects.order_by("order")
        self.fields["level"].empty_label = _("All levels")


class BookingFilterForm(Form):
    """The filters of the booking list (GET): a state, and upcoming or past."""

    status = forms.ChoiceField(label=_("Status"), required=False)
    wanneer = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("All dates")), ("komend", _("Upcoming")), ("voorbij", _("Past"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All states"))] + list(BookingStatus.choices)

    def filters(self) -> dict:
        """The valid filters (an invalid one is ignored, the others still apply)."""
        self.is_valid()
        return {"status": self.cleaned_data.get("status", ""), "when": self.cleaned_data.get("wanneer", "")}
