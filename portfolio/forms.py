import datetime
import json

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedForm
from core.forms import DateInput, Form, ModelForm
from organisation.models import Sector
from portfolio import steps
from portfolio.choices import AFFINITY_CHOICES, COMPETENCIES, MOTIVE_LABELS, MOTIVES, QUALITIES, QUALITY_LABELS, Kind
from portfolio.models import CareerConversation, Experience
from portfolio.services import MAX_ENDORSEMENTS, REFLECTION_TEXT_FIELDS

MAX_TEXT = 3000
MAX_WORDS = 5


def textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class DomainChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.name


def domains():
    return Sector.objects.filter(kind=Sector.Kind.DOMAIN).order_by("order")


class ExperienceForm(VersionedForm, ModelForm):
    sectors = DomainChoiceField(
        queryset=Sector.objects.none(),
        required=False,
        label=_("Which sectors did you see?"),
        help_text=_("Tick every sector this experience showed you something of."),
    )

    class Meta:
        model = Experience
        fields = ["kind", "title", "date", "place", "sectors"]
        widgets = {"date": DateInput()}
        labels = {"title": _("What was it?")}
        help_texts = {"title": _("For example: Open day MBO Utrecht, or: taster day at the bakery.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = domains()
        self.fields["kind"].choices = [("", "---------"), *((value, capfirst(label)) for value, label in Kind.choices)]

    def clean_date(self):
        date = self.cleaned_data["date"]
        today = timezone.localdate()
        if date > today + datetime.timedelta(days=366):
            raise forms.ValidationError(_("Choose a date within the coming year."))
        if date < datetime.date(2000, 1, 1):
            raise forms.ValidationError(_("This date is too long ago."))
        return date


TEXT_LABELS = {
    "goals": (_("What do you want to find out or learn?"), _("Your goal for this experience.")),
    "expectations": (_("What do you expect?"), _("What do you think you will see or do?")),
    "questions": (_("Which questions do you want to ask?"), _("One question per line.")),
    "during": (_("What do you notice?"), _("Write down what strikes you while it happens.")),
    "what_happened": (_("What did you do, and what happened?"), _("The result: what did you see, do or make?")),
    "about_me": (_("What does this say about you?"), _("What did you learn about yourself?")),
    "evaluation": (_("How did it go? Did you reach your goal?"), _("What went well, what would you do differently?")),
    "follow_up": (_("What is your next step?"), _("For example a visit, a taster day or a conversation.")),
}


REQUIRED_MESSAGES = {
    "goals": _("Write down what you want to find out or learn: then you know what to look for."),
    "what_happened": _("Write in a few words what you did and what happened: that is the heart of it."),
}


class ReflectionForm(VersionedForm, Form):
    """One step of the reflection on one experience (``portfolio.steps``):
    only that step's fields, a 1-5 score for every sector the experience
    touched on the sectors step, an answer for every prepared interview
    question on the look-back step. Versioned (``core.concurrency``): a
    step saved in another tab meanwhile is not overwritten blindly."""

    def __init__(self, *args, experience, step, sectors, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.experience = experience
        self.step = step
        self.sectors = list(sectors) if steps.AFFINITIES in step.fields else []
        self.questions = list(questions) if steps.ANSWERS in step.fields else []
        competencies = {name: (question, prompt) for name, _title, question, prompt in COMPETENCIES}
        for name in step.fields:
            if name in TEXT_LABELS:
                label, help_text = TEXT_LABELS[name]
                self.fields[name] = forms.CharField(
                    label=label,
                    help_text=help_text,
                    required=name in step.required,
                    error_messages={"required": REQUIRED_MESSAGES.get(name, "")},
                    max_length=MAX_TEXT,
                    widget=textarea(),
                )
            elif name in competencies:
                question, prompt = competencies[name]
                self.fields[name] = forms.CharField(
                    label=question, help_text=prompt, required=False, max_length=MAX_TEXT, widget=textarea(2)
                )
            elif name == "qualities":
                self.fields[name] = forms.MultipleChoiceField(
                    label=_("Which of your qualities did you use?"),
                    help_text=_("Choose at most five."),
                    choices=QUALITIES,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
            elif name == "motives":
                self.fields[name] = forms.MultipleChoiceField(
                    label=_("What matters to you in work, now you have seen this?"),
                    help_text=_("Choose at most five."),
                    choices=MOTIVES,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )
            elif name == steps.ANSWERS:
                for i, question in enumerate(self.questions):
                    self.fields[f"answer_{i}"] = forms.CharField(
                        label=question, required=False, max_length=MAX_TEXT, widget=textarea(2)
                    )
            elif name == steps.AFFINITIES:
                for sector in self.sectors:
                    self.fields[f"affinity_{sector.pk}"] = forms.TypedChoiceField(
                        label=_("How much does %(sector)s appeal to you?") % {"sector": sector.name},
                        choices=AFFINITY_CHOICES,
                        coerce=int,
                        required=False,
                        widget=forms.RadioSelect,
                    )

    # Field groups for the template.
    @property
    def text_fields(self):
        return [f for f in self if f.name in TEXT_FIELD_NAMES]

    @property
    def choice_fields(self):
        return [f for f in self if f.name in MULTI_FIELDS]

    @property
    def affinity_fields(self):
        return [self[f"affinity_{s.pk}"] for s in self.sectors]

    @property
    def answer_fields(self):
        return [self[f"answer_{i}"] for i in range(len(self.questions))]

    def clean_qualities(self):
        value = self.cleaned_data["qualities"]
        if len(value) > MAX_WORDS:
            raise forms.ValidationError(_("Choose at most five qualities."))
        return value

    def clean_motives(self):
        value = self.cleaned_data["motives"]
        if len(value) > MAX_WORDS:
            raise forms.ValidationError(_("Choose at most five motives."))
        return value

    def clean(self):
        data = super().clean()
        for sector in self.sectors:
            name = f"affinity_{sector.pk}"
            if name not in self.errors and not data.get(name):
                self.add_error(name, _("Give %(sector)s a score from 1 to 5.") % {"sector": sector.name})
        return data

    def values(self):
        """The step's texts and choices (not the scores and answers)."""
        return {n: self.cleaned_data[n] for n in self.fields if n in TEXT_FIELD_NAMES or n in MULTI_FIELDS}

    def affinities(self):
        if not self.sectors:
            return None
        return {s: self.cleaned_data.get(f"affinity_{s.pk}") for s in self.sectors}

    def answers(self):
        if steps.ANSWERS not in self.step.fields:
            return None
        return {q: self.cleaned_data.get(f"answer_{i}", "") for i, q in enumerate(self.questions)}


def reflection_initial(reflection, affinities, *, draft=True):
    """Initial values from the saved reflection, with the draft (what was
    typed but not saved in its step yet) over it unless ``draft=False``."""
    initial = {n: getattr(reflection, n) for n in REFLECTION_TEXT_FIELDS}
    initial["qualities"] = reflection.qualities
    initial["motives"] = reflection.motives
    for a in affinities:
        initial[f"affinity_{a.sector_id}"] = a.score
    for i, (_q, answer) in enumerate(reflection.interview):
        initial[f"answer_{i}"] = answer
    if draft and reflection.has_draft:
        initial.update(reflection.draft)
    return initial


MULTI_FIELDS = {"qualities", "motives"}
TEXT_FIELD_NAMES = set(REFLECTION_TEXT_FIELDS)
MAX_QUESTIONS = 20
MAX_DRAFT_BYTES = 64 * 1024


class DraftTooLarge(ValueError):
    """A draft that the form could never hold: refused with a clear message."""


def draft_fields(experience, sectors) -> set:
    """The names a draft of this experience's reflection may hold: the
    form's fields, nothing else."""
    names = TEXT_FIELD_NAMES | MULTI_FIELDS
    names |= {f"affinity_{s.pk}" for s in sectors}
    names |= {f"answer_{i}" for i in range(MAX_QUESTIONS)}
    return names


def draft_from_post(post, allowed) -> dict:
    """What the student typed, as a plain dict (no validation of content):
    only the form's fields (others are dropped), each at most as long as the
    form accepts; too long raises ``DraftTooLarge`` with a Dutch message. NUL
    is dropped (PostgreSQL's JSON refuses it: a server error on every autosave)."""
    data = {}
    choices = {"qualities": set(QUALITY_LABELS), "motives": set(MOTIVE_LABELS)}
    for key in post:
        if key not in allowed:
            continue
        if key in MULTI_FIELDS:
            data[key] = [v for v in dict.fromkeys(post.getlist(key)) if v in choices[key]]
            continue
        value = _no_nul(post.get(key, ""))
        if len(value) > MAX_TEXT:
            raise DraftTooLarge(
                _("Your text is too long to keep: at most %(max)s characters per question. Make it a bit shorter.")
                % {"max": MAX_TEXT}
            )
        data[key] = value
    if len(json.dumps(data)) > MAX_DRAFT_BYTES:
        raise DraftTooLarge(_("Your draft is too large to keep. Make your answers a bit shorter."))
    return data


def _no_nul(text: str) -> str:
    return text.replace("\x00", "")


class ConversationForm(ModelForm):
    class Meta:
        model = CareerConversation
        fields = ["date", "experience", "shared", "feedback", "next_step"]
        widgets = {
            "date": DateInput(),
            "shared": textarea(),
            "feedback": textarea(),
            "next_step": textarea(),
        }
        help_texts = {
            "shared": _("In the student's words: what happened and what it meant to them."),
            "next_step": _("What did you agree? The student sees this in their portfolio."),
        }

    def __init__(self, *args, student, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experience"].queryset = Experience.objects.filter(student=student).order_by("-date")
        self.fields["experience"].required = False

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("A conversation cannot take place in the future."))
        return date


class CoachNoteForm(Form):
    text = forms.CharField(
        label=_("Private coach note"),
        help_text=_("Only coaches of this school see this note; the student does not."),
        max_length=MAX_TEXT,
        widget=textarea(),
    )


class EndorseForm(Form):
    qualities = forms.MultipleChoiceField(
        label=_("Which qualities do you see?"),
        help_text=_("Choose one to three."),
        choices=QUALITIES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one quality.")},
    )

    def clean_qualities(self):
        value = self.cleaned_data["qualities"]
        if len(value) > MAX_ENDORSEMENTS:
            raise forms.ValidationError(_("Choose at most three qualities."))
        return value


class TransferDetailsForm(VersionedForm, Form):
    chosen_study = forms.CharField(
        label=_("Which study do you choose (or consider)?"),
        help_text=_("For example: mbo Installatietechniek niveau 3 at MBO Utrecht."),
        max_length=200,
        required=False,
    )
    motivation = forms.CharField(
        label=_("Why this next step?"),
        help_text=_("In your own words: what did your experiences teach you, and why does this study suit you?"),
        max_length=MAX_TEXT,
        required=False,
        widget=textarea(5),
    )
    experience_ids = forms.TypedMultipleChoiceField(
        label=_("Which experiences go in your dossier?"),
        help_text=_("No choice: all your reflected experiences."),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=_("My mentor's advice may go with my transfer dossier."),
        required=False,
    )

    def __init__(self, *args, experiences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experience_ids"].choices = [(e.pk, f"{e.title} ({e.date:%d-%m-%Y})") for e in experiences]


class MentorAdviceForm(VersionedForm, Form):
    advice = forms.CharField(
        label=_("Advice of the mentor"),
        help_text=_("Goes with the transfer dossier only if the student agrees. The student can read it."),
        max_length=MAX_TEXT,
        widget=textarea(5),
    )
