"""The professional community (DESIGN.md capability 7): materials exchange,
collegial consultation, network meetings and working groups, who's who,
professionalisation and the appreciative-inquiry quality cycle. Who sees
what is decided in ``community/access.py``."""

from community.models.consultation import Answer, ConsultationVisit, Question
from community.models.directory import DirectoryProfile
from community.models.materials import Material, MaterialComment, Tag
from community.models.meetings import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    Meeting,
    SchoolNote,
    WorkingGroup,
)
from community.models.quality import (
    CycleAction,
    Improvement,
    QualityCycle,
    Questionnaire,
    QuestionnaireItem,
    Receipt,
    Response,
    ResponseAnswer,
)
from community.models.training import Enrolment, Training

__all__ = [
    "ActionItem",
    "ActionStatus",
    "AgendaItem",
    "Answer",
    "Attendance",
    "ConsultationVisit",
    "CycleAction",
    "DirectoryProfile",
    "Enrolment",
    "Improvement",
    "Material",
    "MaterialComment",
    "Meeting",
    "QualityCycle",
    "Question",
    "Questionnaire",
    "QuestionnaireItem",
    "Receipt",
    "Response",
    "ResponseAnswer",
    "SchoolNote",
    "Tag",
    "Training",
    "WorkingGroup",
]
