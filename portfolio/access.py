"""Who may see and do what in the portfolio: every access decision of the app.

The portfolio is personal (deny by default, built on
``organisation.access.get_scope``):

* a student sees and writes their own portfolio;
* the coaches of a student are the staff (teachers, coordinators) of the
  student's CURRENT school, i.e. the school of their student role, which
  ``organisation.services.enrol_student`` moves when the student changes
  school. Coaches read the portfolio, record career conversations, give
  qualities and mentor advice, make the transfer dossier, and keep private
  notes, which are for them only, never for the student;
* partners, network coaches, the programme office, other students and other
  schools see nothing of it.

Outside these rules a page answers 404 (its existence does not leak);
visible but not allowed answers 403. In this order: the queryset rules, the
page-level questions and single-object rules (shared by views and
``portfolio.services``), the loaders, and who is told about a change.
"""

from dataclasses import dataclass
from operator import attrgetter

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from organisation.access import get_scope, visible_classes
from organisation.models import ClassGroup, Enrolment, RoleAssignment
from organisation.roles import Role
from portfolio.choices import Kind
from portfolio.models import (
    CareerConversation,
    CoachNote,
    Experience,
    QualityEndorsement,
    Reflection,
    TransferDetails,
    TransferDossier,
)

# --- 1. Queryset rules -----------------------------------------------------------


def coached_student_ids(user):
    """Subquery: ids of the students whose current school the user works at
    (empty for anyone who is not staff somewhere)."""
    scope = get_scope(user)
    return RoleAssignment.objects.filter(role=Role.STUDENT, school_id__in=scope.staff_school_ids).values("user_id")


def coached_students(user):
    """Students a user coaches: staff see the students of their schools;
    everyone else nobody."""
    if not get_scope(user).staff_school_ids:
        return get_user_model().objects.none()
    return get_user_model().objects.filter(pk__in=coached_student_ids(user))


def _own_or_coached(user, field="student_id"):
    scope = get_scope(user)
    if not scope:
        return Q(pk__in=[])
    condition = Q(**{field: scope.user_id})
    if scope.staff_school_ids:
        condition |= Q(**{f"{field}__in": coached_student_ids(user)})
    return condition


def _qs(model, qs):
    return qs if qs is not None else model.objects.all()


def visible_experiences(user, qs=None):
    """The student their own experiences; coaches those of their students;
    nobody else any. Reflections and sector scores go with their experience."""
    return _qs(Experience, qs).filter(_own_or_coached(user))


def editable_experiences(user, qs=None):
    """Only the student writes in their own portfolio (reflects, adds,
    edits); coaches read."""
    scope = get_scope(user)
    if not scope:
        return _qs(Experience, qs).none()
    return _qs(Experience, qs).filter(student_id=scope.user_id)


def visible_reflections(user, qs=None):
    """As the experience they belong to: the student and their coaches."""
    return _qs(Reflection, qs).filter(_own_or_coached(user, "experience__student_id"))


def visible_conversations(user, qs=None):
    """Career conversations are shared: the student and their coaches."""
    return _qs(CareerConversation, qs).filter(_own_or_coached(user))


def visible_coach_notes(user, qs=None):
    """Private coach notes: the coaches of the student's current school only;
    never the student (nor their data download or transfer dossier)."""
    if not get_scope(user).staff_school_ids:
        return _qs(CoachNote, qs).none()
    return _qs(CoachNote, qs).filter(student_id__in=coached_student_ids(user))


def visible_endorsements(user, qs=None):
    """Qualities given to a student: the student, their coaches, and whoever
    gave them."""
    scope = get_scope(user)
    if not scope:
        return _qs(QualityEndorsement, qs).none()
    return _qs(QualityEndorsement, qs).filter(_own_or_coached(user) | Q(given_by_id=scope.user_id))


def visible_transfer_details(user, qs=None):
    """The student part and the mentor's advice: the student and their
    coaches. (What goes into the PDF: ``mentor_advice_goes_along``.)"""
    return _qs(TransferDetails, qs).filter(_own_or_coached(user))


def visible_dossiers(user, qs=None):
    """Generated transfer dossiers (PDF): the student and their coaches see,
    poll and download them."""
    return _qs(TransferDossier, qs).filter(_own_or_coached(user))


def coached_enrolments(user, classes):
    """Enrolments in ``classes`` (a queryset or list) of the students the
    user coaches: a class may still list a student who moved school."""
    return Enrolment.objects.filter(class_group__in=classes, student__in=coached_student_ids(user))


# --- 2. Page-level questions and single-object rules ------------------------------


def require(allowed: bool) -> None:
    """403 unless ``allowed`` (a flag of one of the access objects below)."""
    if not allowed:
        raise PermissionDenied


def is_student(user) -> bool:
    """Only students have a portfolio."""
    return bool(get_scope(user).student_school_ids)


def is_coach(user) -> bool:
    """Staff somewhere (teacher or coordinator) open the coach pages."""
    return bool(get_scope(user).staff_school_ids)


def require_student(user) -> None:
    """Pages of one's own portfolio: 404 for anyone without one."""
    if not is_student(user):
        raise Http404


def require_coach(user) -> None:
    """The coach pages: 404 for anyone who is not staff somewhere."""
    if not is_coach(user):
        raise Http404


def is_own(user, obj) -> bool:
    """``obj`` (an experience, a dossier, ...) is the user's own."""
    return user.pk is not None and obj.student_id == user.pk


def may_change_facts(user, experience) -> bool:
    """The student edits and deletes only the experiences they added
    themselves; automatic ones (from projects or partners) keep the facts
    the other app sent (the student still reflects on them)."""
    return is_own(user, experience) and not experience.is_automatic


def coaches(user, student) -> bool:
    """The user is a coach of the student (staff of the student's current school)."""
    return coached_students(user).filter(pk=student.pk).exists()


def may_make_dossier(user, student) -> bool:
    """A transfer dossier (PDF) is made by the student themself or by a coach."""
    if user.pk == student.pk:
        return is_student(user)
    return coaches(user, student)


def mentor_advice_goes_along(details) -> bool:
    """The mentor's advice goes into the transfer dossier only with the
    student's recorded consent (the student reads it on their page either way)."""
    return bool(details and details.consent and details.mentor_advice)


def teammates(experience):
    """The students who may give each other qualities after a project: the
    other members of the same project team (same group key) at the same
    current school as the student."""
    if experience.kind != Kind.PROJECT or not experience.group_key:
        return []
    schools = RoleAssignment.objects.filter(user_id=experience.student_id, role=Role.STUDENT).values("school_id")
    mates = RoleAssignment.objects.filter(role=Role.STUDENT, school_id__in=schools).values("user_id")
    ids = (
        Experience.objects.filter(group_key=experience.group_key, kind=Kind.PROJECT, student_id__in=mates)
        .exclude(student_id=experience.student_id)
        .values("student_id")
    )
    return list(get_user_model().objects.filter(pk__in=ids).order_by("first_name", "last_name"))


def endorsement_role(giver, student, experience=None):
    """As what ``giver`` may give ``student`` qualities: as their coach, or as
    a teammate after a shared project (``experience`` is the giver's own
    experience of it); None: not at all (nobody endorses themself)."""
    if giver.pk == student.pk:
        return None
    if coaches(giver, student):
        return QualityEndorsement.Role.COACH
    if experience is not None and is_own(giver, experience) and student in teammates(experience):
        return QualityEndorsement.Role.PEER
    return None


# --- 3. Loaders -------------------------------------------------------------------


def _granted(loaded, needs):
    """``loaded``, or 403 when the flag named ``needs`` (if any) is false."""
    if needs is not None:
        require(getattr(loaded, needs))
    return loaded


@dataclass(frozen=True)
class ExperienceAccess:
    """An experience the user may see, with what they may do with it."""

    experience: Experience
    is_own: bool
    can_edit: bool  # its facts (``may_change_facts``)

    @property
    def is_coach(self) -> bool:
        """Visible and not their own: a coach of the student (``visible_experiences``)."""
        return not self.is_own

    can_delete = property(attrgetter("can_edit"))
    #: Only the student reflects (and sees their draft), gives teammates qualities.
    can_reflect = sees_draft = can_give_teammates_qualities = property(attrgetter("is_own"))
    #: Coaches record career conversations about it.
    can_record_conversation = property(attrgetter("is_coach"))


def load_experience(user, pk, *, related=(), needs=None) -> ExperienceAccess:
    """404 outside ``visible_experiences``; 403 when the flag ``needs`` is false."""
    experience = get_object_or_404(visible_experiences(user).select_related(*related), pk=pk)
    loaded = ExperienceAccess(
        experience=experience, is_own=is_own(user, experience), can_edit=may_change_facts(user, experience)
    )
    return _granted(loaded, needs)


@dataclass(frozen=True)
class StudentAccess:
    """A student's portfolio as the user may open it: their own, or as coach."""

    student: AbstractBaseUser
    is_own: bool = False
    is_coach: bool = False

    #: What a coach does on the student's page (every coach of the student's current school).
    sees_private_notes = can_add_note = can_add_conversation = can_endorse = can_give_advice = property(
        attrgetter("is_coach")
    )

    @property
    def can_make_dossier(self) -> bool:
        return self.is_own or self.is_coach


def load_coached_student(user, pk, *, needs=None) -> StudentAccess:
    """The coach pages of a student: 404 unless the user coaches them; 403
    when the flag ``needs`` is false."""
    loaded = StudentAccess(student=get_object_or_404(coached_students(user), pk=pk), is_coach=True)
    return _granted(loaded, needs)


def load_dossier_student(user, pk, *, needs=None) -> StudentAccess:
    """Whose transfer dossier is made: the student's own (students only) or
    a coached student's; 404 otherwise."""
    if pk == user.pk:
        require_student(user)
        return _granted(StudentAccess(student=user, is_own=True), needs)
    return load_coached_student(user, pk, needs=needs)


@dataclass(frozen=True)
class ClassAccess:
    """A class on the coach pages with the enrolments of the students the
    user coaches (not those who moved to another school)."""

    class_group: ClassGroup
    enrolments: QuerySet


def load_coached_class(user, pk) -> ClassAccess:
    """404 outside ``organisation.access.visible_classes`` (the school's staff)."""
    class_group = get_object_or_404(
        visible_classes(user).select_related("school", "school_year", "level", "mentor"), pk=pk
    )
    return ClassAccess(class_group=class_group, enrolments=coached_enrolments(user, [class_group]))


def load_dossier(user, pk, *, for_download=False) -> TransferDossier:
    """A generated dossier: 404 outside ``visible_dossiers``, and for a
    download also while there is no finished file."""
    qs = visible_dossiers(user)
    if for_download:
        qs = qs.filter(status=TransferDossier.Status.DONE).exclude(file="").select_related("student")
    return get_object_or_404(qs, pk=pk)


# --- 4. Who is told ---------------------------------------------------------------
#
# Nobody by mail: the portfolio sends no e-mail or notification. What a coach
# records for a student (a career conversation, qualities, mentor advice) the
# student reads on their own pages through the rules above; private notes
# never reach the student.
