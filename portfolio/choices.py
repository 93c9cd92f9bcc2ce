"""Shared vocabularies of the portfolio: experience kinds, the five career
competencies (SLO wording), the shared list of qualities and of motives.

Stored values are stable slugs; labels are English msgids with Dutch in the
catalogue. The lists are constants (not tables) so every school uses the same
words and the richtingsgevoel can count them across years.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """Experience kinds: the values of core.signals.experience_happened."""

    PROJECT = "project", _("project")
    COMPANY_VISIT = "bedrijfsbezoek", _("company visit")
    GUEST_LESSON = "gastles", _("guest lesson")
    INTERVIEW = "beroepsgesprek", _("professional interview")
    EVENT = "evenement", _("event")
    OPEN_DAY = "open_dag", _("open day")
    TASTER_DAY = "meeloopdag", _("taster day")
    INTERNSHIP = "stage", _("internship")
    OWN_INITIATIVE = "eigen_initiatief", _("own initiative")


# The five career competencies: (field name, SLO question, a prompt a 13-year-old understands).
COMPETENCIES = [
    (
        "kwaliteiten",
        _("Reflecting on qualities"),
        _("What can I do best, and how do I know?"),
        _("Think of one thing you did well here. Who noticed it, or how could you tell?"),
    ),
    (
        "motieven",
        _("Reflecting on motives"),
        _("What do I stand for, and why?"),
        _("What did you like, what did you not like, and why does that matter to you?"),
    ),
    (
        "werkexploratie",
        _("Exploring work"),
        _("Where do I fit best, and why?"),
        _("Could you see yourself working here? What kind of work or place suits you?"),
    ),
    (
        "loopbaansturing",
        _("Steering your career"),
        _("How do I reach my goal, and why this way?"),
        _("What will you do next to find out more, and why that?"),
    ),
    (
        "netwerken",
        _("Networking"),
        _("Who can help me?"),
        _("Who did you meet or do you know who could help you further?"),
    ),
]

QUALITIES = [
    ("creatief", _("creative")),
    ("nauwkeurig", _("precise")),
    ("behulpzaam", _("helpful")),
    ("doorzetter", _("persevering")),
    ("leider", _("takes the lead")),
    ("luisteraar", _("good listener")),
    ("handig-gereedschap", _("handy with tools")),
    ("goed-met-mensen", _("good with people")),
    ("georganiseerd", _("organised")),
    ("nieuwsgierig", _("curious")),
    ("samenwerker", _("team player")),
    ("probleemoplosser", _("problem solver")),
    ("zelfstandig", _("independent")),
    ("verantwoordelijk", _("responsible")),
    ("uitlegger", _("good at explaining")),
    ("rustig", _("calm under pressure")),
    ("vindingrijk", _("inventive")),
    ("handig-computer", _("handy with computers")),
    ("presentator", _("good at presenting")),
    ("zorgzaam", _("caring")),
    ("flexibel", _("flexible")),
]
QUALITY_LABELS = dict(QUALITIES)

MOTIVES = [
    ("maken", _("making things with my hands")),
    ("helpen", _("helping people")),
    ("buiten", _("working outdoors")),
    ("techniek", _("working with technology")),
    ("team", _("working in a team")),
    ("afwisseling", _("variety")),
    ("creatief", _("being creative")),
    ("verdienen", _("earning good money")),
    ("zekerheid", _("job security")),
    ("duurzaam", _("doing something for the environment")),
    ("eigen-baas", _("being my own boss")),
    ("leren", _("learning new things")),
    ("computers", _("working with computers")),
    ("bewegen", _("being on the move")),
]
MOTIVE_LABELS = dict(MOTIVES)

AFFINITY_CHOICES = [
    (1, _("1 – not at all")),
    (2, _("2 – not really")),
    (3, _("3 – a bit")),
    (4, _("4 – quite a lot")),
    (5, _("5 – very much")),
]

# No reflection for this long: the coach view flags the student.
QUIET_AFTER_DAYS = 42


def quality_label(slug):
    return QUALITY_LABELS.get(slug, slug)


def motive_label(slug):
    return MOTIVE_LABELS.get(slug, slug)
