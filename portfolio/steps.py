"""The reflection form in steps: one part at a time, small enough for a
phone, and only the parts that fit the experience's date.

* Still to come (after ``today``): "before" only (prepare it).
* On the day: "during" and "after".
* Happened: "after" only.

"After" is cut into short steps. A project whose team wrote the closing
reflection (Terugkijken) already has its look back: the portfolio shows that
text and does not ask again; only the optional additions remain.

Pure: no database, no clock (``today`` comes in).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from portfolio.choices import COMPETENCIES

# Pseudo field names: expanded per experience by the form.
AFFINITIES = "@affinities"
ANSWERS = "@answers"


@dataclass(frozen=True)
class Step:
    slug: str  # in the URL (?stap=…), Dutch
    part: str  # before / during / after
    title: str
    intro: str
    fields: tuple
    required: tuple = ()  # what must be filled in for the part to count as done

    def __str__(self):
        return str(self.title)


BEFORE = Step(
    "vooraf",
    "before",
    _("Before: prepare"),
    _("What do you want to find out, and what do you expect?"),
    ("goals", "expectations", "questions"),
    required=("goals",),
)
DURING = Step("tijdens", "during", _("During"), _("Write down what strikes you while it happens."), ("during",))
WHAT_HAPPENED = Step(
    "terugblik",
    "after",
    _("What happened"),
    _("Look back: what did you do, and what does it say about you?"),
    ("what_happened", ANSWERS, "about_me"),
    required=("what_happened",),
)
SECTORS = Step(
    "sectoren",
    "after",
    _("Sectors"),
    _("1 = not at all, 5 = very much. This builds your richtingsgevoel."),
    (AFFINITIES,),
    required=(AFFINITIES,),
)
EVALUATION = Step(
    "evaluatie",
    "after",
    _("How it went"),
    _("Did you reach your goal? And what is your next step?"),
    ("evaluation", "follow_up"),
)
CAREER = Step(
    "loopbaan",
    "after",
    _("Career competencies"),
    _("Short answers are fine. Skip what does not fit this experience."),
    tuple(c[0] for c in COMPETENCIES),
)
QUALITIES = Step(
    "kwaliteiten",
    "after",
    _("Qualities"),
    _("Think of what you did well here."),
    ("qualities",),
)
MOTIVES = Step(
    "motieven",
    "after",
    _("What matters to you"),
    _("Think of what you liked here, and what you did not like."),
    ("motives",),
)

ALL = (BEFORE, DURING, WHAT_HAPPENED, SECTORS, EVALUATION, CAREER, QUALITIES, MOTIVES)
BY_SLUG = {s.slug: s for s in ALL}


def fitting_parts(date, today) -> tuple:
    """The parts of the reflection that fit an experience on ``date`` as seen on ``today``."""
    if date > today:
        return ("before",)
    if date == today:
        return ("during", "after")
    return ("after",)


def steps_for(experience, today, *, has_sectors: bool) -> list[Step]:
    """The steps the student walks through for this experience on ``today``."""
    parts = fitting_parts(experience.date, today)
    team_done = experience.team_reflection is not None
    steps = []
    for step in ALL:
        if step.part not in parts:
            continue
        if step is SECTORS and not has_sectors:
            continue
        if team_done and step in (WHAT_HAPPENED, EVALUATION):
            continue  # the team's closing reflection is the look back
        steps.append(step)
    return steps


def current_step(steps, slug, saved) -> Step:
    """The step asked for by ``slug`` (unknown or unfitting: ignored), else
    the first one not saved yet, else the first."""
    by_slug = {s.slug: s for s in steps}
    if slug in by_slug:
        return by_slug[slug]
    return next((s for s in steps if s.slug not in saved), steps[0])


def next_step(steps, step) -> Step | None:
    index = steps.index(step)
    return steps[index + 1] if index + 1 < len(steps) else None


def previous_step(steps, step) -> Step | None:
    index = steps.index(step)
    return steps[index - 1] if index > 0 else None
