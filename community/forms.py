"""Forms of the community. Each form owns its list of fields; views pass
``**form.cleaned_data`` to the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assignments.uploads import validate_upload
from community.models import (
    ActionStatus,
    Attendance,
    Material,
    Meeting,
    QuestionnaireItem,
    SchoolNote,
    Training,
    WorkingGroup,
)
from community.models.materials import SharingScope
from core.concurrency import VersionedForm
from core.forms import DateInput, DateTimeInput, Form, ModelForm
from organisation.models import School

TAGS_HELP = _("Separate words with commas, for example: rubric, presenting, leerjaar 1")


def _check_times(data, form, message):
    """Ends after it starts: said on the field, before the database's CHECK
    constraint would say it in its own words."""
    starts, ends = data.get("starts_at"), data.get("ends_at")
    if starts and ends and ends <= starts:
        form.add_error("ends_at", message)
    return data


class MaterialForm(VersionedForm, Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Material.Kind.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    tags = forms.CharField(label=_("Tags"), required=False, max_length=300, help_text=TAGS_HELP)
    sharing_scope = forms.ChoiceField(
        label=_("Shared with"), choices=SharingScope.choices, initial=SharingScope.NETWORK
    )
    upload = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("Or a link"), required=False, max_length=500, assume_scheme="https")

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        self.file_meta = ("", "")
        if upload:
            self.file_meta = validate_upload(upload)
        return upload

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        data["filename"], data["content_type"] = self.file_meta
        return data


class MaterialFilterForm(Form):
    SORTS = [("new", _("Newest")), ("used", _("Most used")), ("title", _("Title"))]
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds"))] + Material.Kind.choices)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=50)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)


class CommentForm(Form):
    body = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class QuestionForm(Form):
    title = forms.CharField(label=_("Your question"), max_length=200)
    body = forms.CharField(
        label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 5}), required=False, max_length=4000
    )


class AnswerForm(Form):
    body = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)


class SearchForm(Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class VisitRequestForm(Form):
    host_school = forms.ModelChoiceField(label=_("School to visit"), queryset=None)
    focus_question = forms.CharField(
        label=_("Focus question"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "What do you want to learn from this school? For example: how do you run a zorgopdracht in leerjaar 1?"
        ),
    )
    preferred_period = forms.CharField(label=_("Preferred period"), required=False, max_length=200)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["host_school"].queryset = schools
        self.fields["host_school"].label_from_instance = lambda s: f"{s.name} ({s.city}, {s.network.name})"


class ProposeDateForm(Form):
    date = forms.DateField(label=_("Proposed date"), widget=DateInput())
    message = forms.CharField(
        label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class DeclineForm(Form):
    message = forms.CharField(
        label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class VisitReportForm(VersionedForm, Form):
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 6}), max_length=8000)
    agreements = forms.CharField(label=_("Agreements"), widget=forms.Textarea(attrs={"rows": 4}), max_length=8000)


class MeetingForm(VersionedForm, ModelForm):
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One agenda item per line. Open actions of earlier meetings are added for follow-up."),
    )

    class Meta:
        model = Meeting
        fields = ["title", "starts_at", "ends_at", "location", "description"]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "title": _("Title"),
            "starts_at": _("Starts at"),
            "ends_at": _("Ends at"),
            "location": _("Location"),
            "description": _("Description"),
        }

    def clean(self):
        return _check_times(super().clean(), self, _("The meeting must end after it starts."))

    def service_kwargs(self, *, with_agenda=True):
        data = dict(self.cleaned_data)
        agenda = data.pop("agenda", "")
        if with_agenda:
            data["agenda"] = agenda.splitlines()
        return data


class AgendaItemForm(Form):
    title = forms.CharField(label=_("Agenda item"), max_length=200)
    description = forms.CharField(label=_("Explanation"), required=False, max_length=2000)


class AttendanceForm(Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=None)
    answer = forms.ChoiceField(label=_("Attendance"), choices=Attendance.Answer.choices, widget=forms.RadioSelect)
    people = forms.IntegerField(label=_("Number of people"), min_value=0, max_value=20, initial=1)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(pk__in=[s.pk for s in schools]).order_by("name")
        if len(schools) == 1:
            self.fields["school"].initial = schools[0].pk
            self.fields["school"].widget = forms.HiddenInput()


class MinutesForm(VersionedForm, Form):
    minutes = forms.CharField(label=_("Meeting minutes"), widget=forms.Textarea(attrs={"rows": 10}), max_length=20000)


class ActionForm(Form):
    title = forms.CharField(label=_("Action item"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    due_date = forms.DateField(label=_("Due by"), widget=DateInput())

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: u.display_name


class ActionUpdateForm(VersionedForm, Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    follow_up = forms.CharField(label=_("Follow-up"), required=False, max_length=2000)

    @classmethod
    def of(cls, action) -> "ActionUpdateForm":
        """The form as an action (of a meeting or a quality cycle) is stored now."""
        return cls(initial={"status": action.status, "follow_up": action.follow_up})


class WorkingGroupForm(ModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["name", "theme", "description"]
        labels = {"name": _("Name"), "theme": _("Theme"), "description": _("What the group works on")}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class SchoolNoteForm(ModelForm):
    class Meta:
        model = SchoolNote
        fields = ["kind", "date", "body"]
        labels = {"kind": _("Kind"), "date": _("Date"), "body": _("Note")}
        widgets = {"date": DateInput(), "body": forms.Textarea(attrs={"rows": 4})}


class ProfileForm(VersionedForm, Form):
    listed = forms.BooleanField(label=_("Show me in the directory of TechMakers colleagues"), required=False)
    school = forms.ModelChoiceField(label=_("School"), queryset=None)
    subjects = forms.CharField(label=_("Subjects"), required=False, max_length=200)
    experience = forms.CharField(
        label=_("What I have experience with"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("For example: a zorgopdracht in leerjaar 1, havo projects, working with a hospital."),
    )
    tags = forms.CharField(label=_("Experience tags"), required=False, max_length=300, help_text=TAGS_HELP)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools


class TrainingForm(VersionedForm, ModelForm):
    class Meta:
        model = Training
        fields = [
            "title",
            "kind",
            "description",
            "mandatory_for_new_teams",
            "starts_at",
            "ends_at",
            "location",
            "capacity",
        ]
        labels = {
            "title": _("Title"),
            "kind": _("Kind"),
            "description": _("Description"),
            "mandatory_for_new_teams": _("Mandatory for new teams"),
            "starts_at": _("Starts at"),
            "ends_at": _("Ends at"),
            "location": _("Location"),
            "capacity": _("Places"),
        }
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        return _check_times(super().clean(), self, _("The training must end after it starts."))

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity < 1:
            raise forms.ValidationError(_("A training has at least one place."))
        return capacity


class ReflectionForm(VersionedForm, Form):
    strengths = forms.CharField(
        label=_("What works well"), required=False, widget=forms.Textarea(attrs={"rows": 5}), max_length=8000
    )
    dream = forms.CharField(
        label=_("What could be"), required=False, widget=forms.Textarea(attrs={"rows": 5}), max_length=8000
    )


class ImprovementForm(Form):
    title = forms.CharField(label=_("Improvement"), max_length=200)
    description = forms.CharField(label=_("Explanation"), required=False, max_length=2000)


class CycleActionForm(Form):
    title = forms.CharField(label=_("Action"), max_length=300)
    improvement = forms.ModelChoiceField(label=_("For improvement"), queryset=None, required=False)
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    due_date = forms.DateField(label=_("Due by"), widget=DateInput())

    def __init__(self, *args, improvements, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["improvement"].queryset = improvements
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: u.display_name


class CycleStartForm(Form):
    school = forms.ModelChoiceField(label=_("School"), queryset=None, empty_label=None)

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools


class QuestionnaireAnswerForm(Form):
    """The answers to a questionnaire: per item (field ``item-<pk>``) a score
    from 1 to 5 or a text; every item may be left open."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            if item.kind == QuestionnaireItem.Kind.LIKERT:
                self.fields[f"item-{item.pk}"] = forms.TypedChoiceField(
                    label=item.text,
                    choices=[(str(n), str(n)) for n in range(1, 6)],
                    coerce=int,
                    empty_value=None,
                    required=False,
                )
            else:
                self.fields[f"item-{item.pk}"] = forms.CharField(
                    label=item.text, widget=forms.Textarea, max_length=2000, required=False
                )

    def answers(self) -> tuple[dict, dict]:
        """``(scores, texts)`` by item id, for ``services.submit_response``."""
        scores, texts = {}, {}
        for item in self.items:
            value = self.cleaned_data.get(f"item-{item.pk}")
            if item.kind == QuestionnaireItem.Kind.LIKERT:
                scores[item.pk] = value
            else:
                texts[item.pk] = value or ""
        return scores, texts
