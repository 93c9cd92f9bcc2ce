"""Forms of projects, by area like ``projects/views/``. Messages users see
are English msgids with Dutch translations; every form re-renders with what
the user typed."""

from projects.forms.allocation import MoveForm
from projects.forms.assessment import AssessmentForm, PeerForm, ReflectionForm, ResultForm
from projects.forms.board import DeliverableForm, DeliverableVersionForm, LogEntryForm, TaskForm, TaskStatusForm
from projects.forms.choice import ChoiceForm, PairConstraintForm
from projects.forms.coaching import ConversationForm, FeedbackForm
from projects.forms.projects import ProjectAssignmentForm, ProjectForm, SlotForm
from projects.forms.workspace import DecisionForm, MessageForm, RequirementCheckForm, RequirementForm, RolesForm

__all__ = [
    "AssessmentForm",
    "ChoiceForm",
    "ConversationForm",
    "DecisionForm",
    "DeliverableForm",
    "DeliverableVersionForm",
    "FeedbackForm",
    "LogEntryForm",
    "MessageForm",
    "MoveForm",
    "PairConstraintForm",
    "PeerForm",
    "ProjectAssignmentForm",
    "ProjectForm",
    "ReflectionForm",
    "RequirementCheckForm",
    "RequirementForm",
    "ResultForm",
    "RolesForm",
    "SlotForm",
    "TaskForm",
    "TaskStatusForm",
]
