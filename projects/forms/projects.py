"""Setting up a project: the project itself, its assignments' schedule and
the presentation slots."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assignments.access import visible_assignments
from assignments.models import Assignment
from core.concurrency import VersionedForm
from core.forms import DateInput, DateTimeInput, Form, ModelForm
from organisation.models import ClassGroup
from organisation.people import staff_of_school
from projects.forms.fields import UserMultipleChoiceField
from projects.models import WORK_PHASES, Project, ProjectAssignment


class AssignmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        client = obj.client_display
        return f"{obj.title} ({client})" if client else obj.title


DEADLINE_FIELDS = [f"deadline_{p.value}" for p in WORK_PHASES]


class ProjectForm(VersionedForm, ModelForm):
    assignments = AssignmentChoiceField(
        label=_("Assignments"),
        queryset=Assignment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The version in use now is pinned: later changes in the library do not change this project."),
    )
    classes = forms.ModelMultipleChoiceField(
        label=_("Classes"), queryset=ClassGroup.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    coaches = UserMultipleChoiceField(
        label=_("Coaches"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "description",
            "period",
            "start_date",
            "end_date",
            "team_size_min",
            "team_size_max",
            "min_choices",
            "choice_deadline",
            *DEADLINE_FIELDS,
        ]
        labels = {
            "deadline_orienteren": _("Deadline Oriënteren"),
            "deadline_plannen": _("Deadline Plannen"),
            "deadline_uitvoeren": _("Deadline Uitvoeren"),
            "deadline_presenteren": _("Deadline Presenteren"),
            "deadline_terugkijken": _("Deadline Terugkijken"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "start_date": DateInput(),
            "end_date": DateInput(),
            "choice_deadline": DateTimeInput(),
            **{name: DateInput() for name in DEADLINE_FIELDS},
        }

    def __init__(self, *args, user, school, school_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        own = visible_assignments(user).filter(current_version__isnull=False)
        self.fields["assignments"].queryset = (
            (
                own.filter(status=Assignment.Status.PUBLISHED)
                | own.filter(owner_school=school).exclude(status=Assignment.Status.ARCHIVED)
            )
            .select_related("client")
            .order_by("title")
        )
        self.fields["classes"].queryset = ClassGroup.objects.filter(school=school, school_year=school_year).order_by(
            "leerjaar", "name"
        )
        self.fields["coaches"].queryset = staff_of_school(school.pk)
        self.fields["classes"].label_from_instance = lambda c: f"{c.name} ({c.level.name})"
        self.fields["choice_deadline"].help_text = _("Until then students can rank the assignments.")
        if self.instance.pk:
            self.fields["assignments"].initial = list(
                self.instance.project_assignments.values_list("assignment_id", flat=True)
            )
            self.fields["classes"].initial = list(self.instance.classes.values_list("pk", flat=True))
            self.fields["coaches"].initial = list(self.instance.coaches.values_list("pk", flat=True))
            # Pinned assignments stay selectable even if they left the library.
            self.fields["assignments"].queryset = (
                self.fields["assignments"].queryset | Assignment.objects.filter(project_uses__project=self.instance)
            ).distinct()

    def assignment_groups(self) -> list[dict]:
        """The assignment picker: every assignment the teacher may use with its
        owner school, version and status; adopted copies grouped under their
        original (when that is in the list too), the teacher's own school first.
        What the teacher ticked stays ticked when the form comes back with errors."""
        selected = {str(v) for v in (self["assignments"].value() or [])}
        rows = list(
            self.fields["assignments"].queryset.select_related(
                "owner_school", "client", "current_version", "adopted_from__owner_school"
            )
        )
        by_id = {a.pk: a for a in rows}

        def root_of(a):
            seen = set()
            while a.adopted_from_id in by_id and a.pk not in seen:
                seen.add(a.pk)
                a = by_id[a.adopted_from_id]
            return a

        def row(a):
            own = a.owner_school_id == self.school.pk
            return {
                "pk": a.pk,
                "checked": str(a.pk) in selected,
                "title": a.title,
                "client": a.client_display,
                "school": a.owner_school.name,
                "own": own,
                "version": a.current_version.number if a.current_version_id else None,
                "status": a.get_status_display(),
                "concept": a.status == Assignment.Status.CONCEPT,
                "adopted_from": a.adopted_from if a.adopted_from_id and a.adopted_from_id not in by_id else None,
                "search": " ".join([a.title, a.client_display or "", a.owner_school.name]).lower(),
            }

        groups = {}
        for a in rows:
            root = root_of(a)
            group = groups.setdefault(root.pk, {"original": row(root), "copies": []})
            if a.pk != root.pk:
                group["copies"].append(row(a))
        for group in groups.values():
            group["copies"].sort(key=lambda r: (not r["own"], r["school"], r["title"]))
            group["search"] = " ".join([group["original"]["search"], *(c["search"] for c in group["copies"])])
        return sorted(groups.values(), key=lambda g: (g["original"]["title"].lower(), g["original"]["school"]))

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date lies before the start date."))
        low, high = data.get("team_size_min"), data.get("team_size_max")
        if low and high and high < low:
            self.add_error("team_size_max", _("The maximum team size is smaller than the minimum."))
        previous = None
        for name in DEADLINE_FIELDS:
            value = data.get(name)
            if not value:
                continue
            if start and value < start or end and value > end:
                self.add_error(name, _("This deadline lies outside the project's period."))
            elif previous and value < previous:
                self.add_error(name, _("This deadline lies before the deadline of the previous phase."))
            previous = value
        return data


class ProjectAssignmentForm(VersionedForm, ModelForm):
    class Meta:
        model = ProjectAssignment
        fields = ["num_teams", "kickoff_at", "kickoff_location", "presentation_at", "presentation_location"]
        widgets = {"kickoff_at": DateTimeInput(), "presentation_at": DateTimeInput()}


class SlotForm(Form):
    project_assignment = forms.ModelChoiceField(label=_("Assignment"), queryset=ProjectAssignment.objects.none())
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DateTimeInput())
    duration_minutes = forms.IntegerField(label=_("Minutes"), min_value=5, max_value=240, initial=15)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project_assignment"].queryset = project.project_assignments.select_related("version")
        self.fields["team"].queryset = project.teams.all()

    def clean(self):
        data = super().clean()
        pa, team = data.get("project_assignment"), data.get("team")
        if pa and team and team.project_assignment_id != pa.pk:
            self.add_error("team", _("That team works on another assignment."))
        return data
