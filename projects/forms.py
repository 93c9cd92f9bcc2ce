"""Forms of projects. Messages users see are English msgids with Dutch
translations; every form re-renders with what the user typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assignments.access import visible_assignments
from assignments.models import Assignment, Competency
from core.forms import DateInput, DateTimeInput
from organisation.models import ClassGroup
from organisation.people import staff_of_school
from projects.models import (
    WORK_PHASES,
    Deliverable,
    GoDecision,
    LogEntry,
    PairConstraint,
    Phase,
    Project,
    ProjectAssignment,
    Requirement,
    Task,
    TeamRole,
)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class UserMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class AssignmentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        client = obj.client_display
        return f"{obj.title} ({client})" if client else obj.title


DEADLINE_FIELDS = [f"deadline_{p.value}" for p in WORK_PHASES]


class ProjectForm(forms.ModelForm):
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


class ProjectAssignmentForm(forms.ModelForm):
    class Meta:
        model = ProjectAssignment
        fields = ["num_teams", "kickoff_at", "kickoff_location", "presentation_at", "presentation_location"]
        widgets = {"kickoff_at": DateTimeInput(), "presentation_at": DateTimeInput()}


class SlotForm(forms.Form):
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


class ChoiceForm(forms.Form):
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


class PairConstraintForm(forms.Form):
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


class MoveForm(forms.Form):
    student = forms.IntegerField(widget=forms.HiddenInput)
    target = forms.ChoiceField(label=_("Move to"))

    def __init__(self, *args, teams, project_assignments, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(f"team:{t.pk}", f"{t.name} – {t.project_assignment.version.title}") for t in teams]
        choices += [
            (f"new:{pa.pk}", _("New team for “%(title)s”") % {"title": pa.version.title}) for pa in project_assignments
        ]
        self.fields["target"].choices = choices


class TaskForm(forms.Form):
    """A task on the planning board. ``members`` (the team's students) can
    be passed in, so a board with many tasks queries them once."""

    title = forms.CharField(label=_("Task"), max_length=200)
    owner = forms.TypedChoiceField(label=_("Who"), coerce=int, empty_value=None, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    phase = forms.ChoiceField(label=_("Phase"), choices=[(p.value, p.label) for p in WORK_PHASES])
    description = forms.CharField(label=_("Details"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, team, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is None:
            from django.contrib.auth import get_user_model

            members = get_user_model().objects.filter(team_memberships__team=team).order_by("first_name")
        self.fields["owner"].choices = [("", "---------")] + [(m.pk, m.get_full_name() or m.username) for m in members]


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Task.Status.choices)
    seen_status = forms.ChoiceField(choices=Task.Status.choices, widget=forms.HiddenInput)


class LogEntryForm(forms.ModelForm):
    class Meta:
        model = LogEntry
        fields = ["date", "text"]
        widgets = {"date": DateInput(), "text": forms.Textarea(attrs={"rows": 3})}


class DeliverableForm(forms.Form):
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


class TextForm(forms.Form):
    text = forms.CharField(label=_("Feedback"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class RequirementForm(forms.Form):
    text = forms.CharField(label=_("New requirement"), max_length=300)


class RequirementCheckForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=Requirement.Result.choices[1:])
    result_note = forms.CharField(label=_("Explanation"), max_length=300, required=False)


class RolesForm(forms.Form):
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


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=GoDecision.Decision.choices, widget=forms.RadioSelect)
    motivation = forms.CharField(label=_("Motivation"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    back_to = forms.ChoiceField(label=_("With a no-go, back to"), required=False)

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        current = WORK_PHASES.index(Phase(team.phase)) if team.phase in WORK_PHASES else 0
        self.fields["back_to"].choices = [(p.value, p.label) for p in reversed(WORK_PHASES[: current + 1])]


class ConversationForm(forms.Form):
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
        from django.contrib.auth import get_user_model

        self.fields["student"].queryset = get_user_model().objects.filter(team_memberships__team=team)

    def clean(self):
        data = super().clean()
        if data.get("date") and data.get("follow_up_date") and data["follow_up_date"] < data["date"]:
            self.add_error("follow_up_date", _("The follow-up lies before the conversation."))
        return data


class AssessmentForm(forms.Form):
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


class PeerForm(forms.Form):
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


class ResultForm(forms.Form):
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


class ReflectionForm(forms.Form):
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
