"""Every access decision of the professional community, in one place.

1. Queryset rules ``visible_<things>(user, qs=None)``: deny by default (an
   empty scope gets ``qs.none()``); students and partners see nothing of the
   community (they only answer a questionnaire, see ``load_questionnaire_to_answer``).
2. Loaders ``load_<thing>(user, pk)``: 404 outside the rule, a frozen
   ``<Thing>Access`` with ``can_…`` flags; views ``require()`` a flag (403).
3. Who is told: ``<event>_recipients(...)``, built from the same rules, so a
   mail or notification never reaches someone who could not open its page.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from community.models import (
    ActionItem,
    Answer,
    ConsultationVisit,
    CycleAction,
    DirectoryProfile,
    Enrolment,
    Material,
    Meeting,
    QualityCycle,
    Question,
    Questionnaire,
    SchoolNote,
    Training,
    WorkingGroup,
)
from community.models.materials import SharingScope
from organisation.access import get_scope
from organisation.models import Network, School
from organisation.roles import STAFF_ROLES, Role


def require(flag: bool) -> None:
    """403 when the loaded object is visible but the action is not allowed."""
    if not flag:
        raise PermissionDenied


def _own_network_ids(scope) -> set:
    """Networks of the schools where the user works."""
    if not scope.staff_school_ids:
        return set()
    return set(School.objects.filter(id__in=scope.staff_school_ids).values_list("network_id", flat=True))


def _network_schools(network_ids):
    return School.objects.filter(network_id__in=network_ids).values("id")


def is_community_member(user) -> bool:
    """Teachers, coordinators, network coaches and the office take part in the
    professional community; students and partners do not."""
    scope = get_scope(user)
    return bool(scope.national or scope.staff_school_ids or scope.network_ids)


def require_member(user) -> None:
    require(is_community_member(user))


def staff_schools(user):
    """The schools where the user works as teacher or coordinator, by name."""
    return School.objects.filter(pk__in=get_scope(user).staff_school_ids).order_by("name")


# --- 1. Materials -------------------------------------------------------------


def visible_materials(user, qs=None):
    """Like the assignment library's rule, without concepts:

    * programme office: everything;
    * teachers and coordinators: every material of their own school, the
      materials of schools in their network shared with the network, and all
      national ones;
    * network coach: materials of the network's schools shared with the
      network, and all national ones;
    * students, partners, everyone else: none."""
    qs = Material.objects.all() if qs is None else qs
    scope = get_scope(user)
    if scope.national:
        return qs
    networks = _own_network_ids(scope) | set(scope.network_ids)
    if not networks:
        return qs.none()
    q = Q(sharing_scope=SharingScope.NATIONAL) | Q(
        sharing_scope=SharingScope.NETWORK, school_id__in=_network_schools(networks)
    )
    if scope.staff_school_ids:
        q |= Q(school_id__in=scope.staff_school_ids)
    return qs.filter(q)


def can_share_materials(user) -> bool:
    return bool(get_scope(user).staff_school_ids)


@dataclass(frozen=True)
class MaterialAccess:
    material: Material
    can_edit: bool
    can_comment: bool


def load_material(user, pk) -> MaterialAccess:
    material = get_object_or_404(visible_materials(user).select_related("school", "author"), pk=pk)
    scope = get_scope(user)
    can_edit = scope.national or material.author_id == user.pk or material.school_id in scope.coordinator_school_ids
    return MaterialAccess(material=material, can_edit=bool(can_edit), can_comment=True)


# --- 2. Consultation: questions and visits ---------------------------------------


def visible_questions(user, qs=None):
    """Questions are asked to every colleague: all teachers, coordinators,
    network coaches and the office read them; nobody else."""
    qs = Question.objects.all() if qs is None else qs
    return qs if is_community_member(user) else qs.none()


def can_ask(user) -> bool:
    return bool(get_scope(user).staff_school_ids)


@dataclass(frozen=True)
class QuestionAccess:
    question: Question
    can_answer: bool
    can_mark_best: bool


def load_question(user, pk) -> QuestionAccess:
    question = get_object_or_404(visible_questions(user).select_related("school", "author"), pk=pk)
    return QuestionAccess(question=question, can_answer=True, can_mark_best=question.author_id == user.pk)


def visible_visits(user, qs=None):
    """A consultation visit is seen by the staff of the visiting and the host
    school, the network coaches of either school's network and the office."""
    qs = ConsultationVisit.objects.all() if qs is None else qs
    scope = get_scope(user)
    if scope.national:
        return qs
    q = Q(pk__in=[])
    if scope.staff_school_ids:
        q |= Q(visitor_school_id__in=scope.staff_school_ids) | Q(host_school_id__in=scope.staff_school_ids)
    if scope.network_ids:
        q |= Q(visitor_school__network_id__in=scope.network_ids) | Q(host_school__network_id__in=scope.network_ids)
    return qs.filter(q)


def can_request_visit(user) -> bool:
    return bool(get_scope(user).staff_school_ids)


@dataclass(frozen=True)
class VisitAccess:
    visit: ConsultationVisit
    is_visitor: bool
    is_host: bool
    can_respond: bool  # the host accepts (with a date) or declines
    can_confirm: bool  # the visitor confirms the proposed date
    can_cancel: bool
    can_report: bool


def load_visit(user, pk, *, today=None) -> VisitAccess:
    from django.utils import timezone

    today = today or timezone.localdate()
    visit = get_object_or_404(
        visible_visits(user).select_related("visitor_school", "host_school", "requested_by", "host_contact"), pk=pk
    )
    scope = get_scope(user)
    is_visitor = visit.visitor_school_id in scope.staff_school_ids
    is_host = visit.host_school_id in scope.staff_school_ids
    S = ConsultationVisit.Status
    return VisitAccess(
        visit=visit,
        is_visitor=is_visitor,
        is_host=is_host,
        can_respond=is_host and visit.status in (S.REQUESTED, S.PROPOSED),
        can_confirm=is_visitor and visit.status == S.PROPOSED,
        can_cancel=is_visitor and visit.is_open,
        can_report=(is_visitor or is_host)
        and (
            visit.status == S.DONE
            or (visit.status == S.SCHEDULED and visit.proposed_date is not None and visit.proposed_date <= today)
        ),
    )


def is_visitor(user, visit: ConsultationVisit) -> bool:
    """Does the user act for the visiting school (else for the host)?"""
    return visit.visitor_school_id in get_scope(user).staff_school_ids


def visit_host_choices(user):
    """Schools a teacher may ask to visit: every other TechMakers school."""
    scope = get_scope(user)
    return School.objects.exclude(id__in=scope.staff_school_ids).select_related("network").order_by("name")


# --- 3. Meetings, working groups, notes per school -----------------------------


def visible_networks(user, qs=None):
    """Networks whose meetings a user follows: the coach's own, the networks of
    the schools where the user works; the office all."""
    qs = Network.objects.all() if qs is None else qs
    scope = get_scope(user)
    if scope.national:
        return qs
    ids = _own_network_ids(scope) | set(scope.network_ids)
    return qs.filter(id__in=ids) if ids else qs.none()


def visible_working_groups(user, qs=None):
    """Every member of the community sees which working groups exist and who
    takes part (to join or ask); their meetings are for members (below)."""
    qs = WorkingGroup.objects.all() if qs is None else qs
    return qs if is_community_member(user) else qs.none()


def visible_meetings(user, qs=None):
    """A network meeting (agenda, attendance, minutes, actions) is the
    network's: its coaches and the staff of its schools; a working group's
    meeting is its members'; the office sees all. Another network: nothing."""
    qs = Meeting.objects.all() if qs is None else qs
    scope = get_scope(user)
    if scope.national:
        return qs
    if not scope:
        return qs.none()
    networks = _own_network_ids(scope) | set(scope.network_ids)
    q = Q(network_id__in=networks) | Q(working_group__members__id=user.pk)
    return qs.filter(q).distinct()


def can_plan_network_meeting(user, network) -> bool:
    scope = get_scope(user)
    return scope.national or network.pk in scope.network_ids


def is_group_member(user, group) -> bool:
    return group.members.filter(pk=user.pk).exists()


def can_plan_group_meeting(user, group) -> bool:
    return get_scope(user).national or is_group_member(user, group)


def can_create_working_group(user) -> bool:
    return get_scope(user).national


def can_join_working_group(user) -> bool:
    scope = get_scope(user)
    return bool(scope.staff_school_ids or scope.network_ids)


@dataclass(frozen=True)
class MeetingAccess:
    meeting: Meeting
    can_manage: bool  # agenda, minutes, actions
    attendance_schools: tuple  # schools the user may answer for


def load_meeting(user, pk) -> MeetingAccess:
    meeting = get_object_or_404(visible_meetings(user).select_related("network", "working_group"), pk=pk)
    scope = get_scope(user)
    if meeting.network_id:
        can_manage = scope.national or meeting.network_id in scope.network_ids
        schools = School.objects.filter(id__in=scope.staff_school_ids, network_id=meeting.network_id)
    else:
        member = is_group_member(user, meeting.working_group)
        can_manage = scope.national or member
        schools = School.objects.filter(id__in=scope.staff_school_ids) if member else School.objects.none()
    return MeetingAccess(meeting=meeting, can_manage=bool(can_manage), attendance_schools=tuple(schools))


def meeting_schools(meeting):
    """Schools expected at a meeting: the network's, or the members' schools."""
    if meeting.network_id:
        return School.objects.filter(network_id=meeting.network_id).order_by("name")
    member_ids = meeting.working_group.members.values("id")
    return (
        School.objects.filter(role_assignments__user_id__in=member_ids, role_assignments__role__in=STAFF_ROLES)
        .distinct()
        .order_by("name")
    )


def can_update_action(user, action: ActionItem, meeting_access: MeetingAccess) -> bool:
    return meeting_access.can_manage or action.owner_id == user.pk


def load_action(user, pk) -> tuple[ActionItem, MeetingAccess]:
    action = get_object_or_404(ActionItem.objects.filter(meeting__in=visible_meetings(user)), pk=pk)
    meeting_access = load_meeting(user, action.meeting_id)
    require(can_update_action(user, action, meeting_access))
    return action, meeting_access


def action_owner_choices(meeting):
    """Who can own an action: the network's coaches and staff, or the members."""
    User = get_user_model()
    if meeting.network_id:
        return (
            User.objects.filter(
                Q(role_assignments__role=Role.NETWORK_COACH, role_assignments__network_id=meeting.network_id)
                | Q(
                    role_assignments__role__in=STAFF_ROLES,
                    role_assignments__school__network_id=meeting.network_id,
                )
            )
            .filter(is_active=True)
            .distinct()
            .order_by("first_name", "last_name")
        )
    return meeting.working_group.members.filter(is_active=True).order_by("first_name", "last_name")


def visible_note_schools(user, qs=None):
    """Schools whose coach notes a user may read: the coach's network's schools,
    the coordinator's own school, every school for the office. Teachers: none."""
    qs = School.objects.all() if qs is None else qs
    scope = get_scope(user)
    if scope.national:
        return qs
    q = Q(pk__in=[])
    if scope.network_ids:
        q |= Q(network_id__in=scope.network_ids)
    if scope.coordinator_school_ids:
        q |= Q(pk__in=scope.coordinator_school_ids)
    return qs.filter(q)


def visible_school_notes(user, qs=None):
    """The network coach's notes on a school: the coaches of its network, the
    office and that school's coordinators; never its teachers, never another
    network."""
    qs = SchoolNote.objects.all() if qs is None else qs
    return qs.filter(school__in=visible_note_schools(user))


@dataclass(frozen=True)
class SchoolNotesAccess:
    school: School
    can_write: bool


def load_school_notes(user, school_pk) -> SchoolNotesAccess:
    school = get_object_or_404(visible_note_schools(user).select_related("network"), pk=school_pk)
    scope = get_scope(user)
    return SchoolNotesAccess(school=school, can_write=scope.national or school.network_id in scope.network_ids)


def load_note(user, pk) -> SchoolNote:
    note = get_object_or_404(visible_school_notes(user), pk=pk)
    require(load_school_notes(user, note.school_id).can_write)
    return note


def is_coach_or_office(user) -> bool:
    scope = get_scope(user)
    return bool(scope.national or scope.network_ids)


# --- 4. Who's who ---------------------------------------------------------------


def visible_profiles(user, qs=None):
    """Teachers, coordinators, coaches and the office see the profiles of
    colleagues who opted in and still work at the school they list; students
    and partners see nobody."""
    qs = DirectoryProfile.objects.all() if qs is None else qs
    if not is_community_member(user):
        return qs.none()
    return qs.filter(
        listed=True,
        user__is_active=True,
        user__role_assignments__school_id=F("school_id"),
        user__role_assignments__role__in=STAFF_ROLES,
    ).distinct()


def can_have_profile(user) -> bool:
    return bool(get_scope(user).staff_school_ids)


# --- 5. Professionalisation -------------------------------------------------------


def visible_trainings(user, qs=None):
    """The catalogue is national: every community member reads it."""
    qs = Training.objects.all() if qs is None else qs
    return qs if is_community_member(user) else qs.none()


def can_enrol(user) -> bool:
    return bool(get_scope(user).staff_school_ids)


def can_manage_trainings(user) -> bool:
    return get_scope(user).national


@dataclass(frozen=True)
class TrainingAccess:
    training: Training
    can_enrol: bool
    can_manage: bool
    enrolment: Enrolment | None


def load_training(user, pk) -> TrainingAccess:
    training = get_object_or_404(visible_trainings(user), pk=pk)
    enrolment = (
        Enrolment.objects.filter(training=training, user_id=user.pk).exclude(status=Enrolment.Status.CANCELLED).first()
    )
    return TrainingAccess(
        training=training,
        can_enrol=can_enrol(user) and not training.cancelled,
        can_manage=can_manage_trainings(user),
        enrolment=enrolment,
    )


def team_record_schools(user):
    """Schools whose team record (who followed what) a user may read: a
    coordinator their own school; the office every school."""
    scope = get_scope(user)
    if scope.national:
        return School.objects.all()
    return School.objects.filter(pk__in=scope.coordinator_school_ids)


# --- 6. Quality cycle ----------------------------------------------------------


def visible_cycles(user, qs=None):
    """A school's quality cycle and its results: the school's teachers and
    coordinators, the coaches of its network, the office. Students and
    partners: none (they only answer)."""
    qs = QualityCycle.objects.all() if qs is None else qs
    scope = get_scope(user)
    if scope.national:
        return qs
    q = Q(pk__in=[])
    if scope.staff_school_ids:
        q |= Q(school_id__in=scope.staff_school_ids)
    if scope.network_ids:
        q |= Q(school__network_id__in=scope.network_ids)
    return qs.filter(q)


def cycle_schools(user):
    """Schools whose cycle the user may start (coordinators)."""
    return School.objects.filter(pk__in=get_scope(user).coordinator_school_ids).order_by("name")


@dataclass(frozen=True)
class CycleAccess:
    cycle: QualityCycle
    can_manage: bool  # the school's coordinator runs the cycle


def load_cycle(user, pk) -> CycleAccess:
    cycle = get_object_or_404(visible_cycles(user).select_related("school__network", "school_year"), pk=pk)
    return CycleAccess(cycle=cycle, can_manage=cycle.school_id in get_scope(user).coordinator_school_ids)


def load_questionnaire(user, pk) -> tuple[Questionnaire, CycleAccess]:
    questionnaire = get_object_or_404(
        Questionnaire.objects.filter(cycle__in=visible_cycles(user)).select_related("cycle"), pk=pk
    )
    return questionnaire, load_cycle(user, questionnaire.cycle_id)


def load_cycle_action(user, pk) -> tuple[CycleAction, CycleAccess]:
    action = get_object_or_404(CycleAction.objects.filter(cycle__in=visible_cycles(user)), pk=pk)
    cycle_access = load_cycle(user, action.cycle_id)
    require(cycle_access.can_manage or action.owner_id == user.pk)
    return action, cycle_access


def may_answer(user, questionnaire: Questionnaire) -> bool:
    """Partners answer by link (no login needed); teachers and students of the
    school answer in the platform."""
    A = Questionnaire.Audience
    if questionnaire.audience == A.PARTNERS:
        return True
    scope = get_scope(user)
    school_id = questionnaire.cycle.school_id
    if questionnaire.audience == A.TEACHERS:
        return school_id in scope.staff_school_ids
    return school_id in scope.student_school_ids


def load_questionnaire_to_answer(user, token) -> Questionnaire:
    """404 for an unknown token, a questionnaire that is not open, or one meant
    for someone else (a student of another school, a teacher for the student list)."""
    questionnaire = get_object_or_404(
        Questionnaire.objects.select_related("cycle__school"), token=token, status=Questionnaire.Status.OPEN
    )
    if not may_answer(user, questionnaire):
        raise Http404
    return questionnaire


def open_questionnaires_for(user):
    """Open questionnaires a logged-in teacher or student may answer in the platform."""
    scope = get_scope(user)
    q = Q(pk__in=[])
    if scope.staff_school_ids:
        q |= Q(audience=Questionnaire.Audience.TEACHERS, cycle__school_id__in=scope.staff_school_ids)
    if scope.student_school_ids:
        q |= Q(audience=Questionnaire.Audience.STUDENTS, cycle__school_id__in=scope.student_school_ids)
    return (
        Questionnaire.objects.filter(q, status=Questionnaire.Status.OPEN)
        .exclude(receipts__user_id=user.pk)
        .select_related("cycle__school")
    )


def can_see_cycle_overview(user) -> bool:
    return is_coach_or_office(user)


def overview_schools(user):
    scope = get_scope(user)
    if scope.national:
        return School.objects.all()
    return School.objects.filter(network_id__in=scope.network_ids)


# --- Who is told ----------------------------------------------------------------


def _active(users):
    return [u for u in users if u is not None and u.is_active]


def _staff_of(school_ids, *, roles=STAFF_ROLES):
    User = get_user_model()
    return list(
        User.objects.filter(
            is_active=True, role_assignments__school_id__in=school_ids, role_assignments__role__in=roles
        ).distinct()
    )


def answer_posted_recipients(question: Question, answer: Answer) -> list:
    """The asker (if they still take part), never the one who answered."""
    users = _active([question.author])
    return [u for u in users if u.pk != answer.author_id and is_community_member(u)]


def best_answer_recipients(answer: Answer) -> list:
    return [u for u in _active([answer.author]) if is_community_member(u)]


def visit_requested_recipients(visit: ConsultationVisit) -> list:
    """The host school's coordinators; when it has none, its teachers."""
    coordinators = _staff_of([visit.host_school_id], roles=[Role.COORDINATOR])
    return coordinators or _staff_of([visit.host_school_id])


def visit_changed_recipients(visit: ConsultationVisit, actor) -> list:
    """The other side of the visit: the requester and the host's contact (or
    the host's coordinators), each only while still at that school."""
    visitors = [u for u in _active([visit.requested_by]) if visit.visitor_school_id in get_scope(u).staff_school_ids]
    hosts = [u for u in _active([visit.host_contact]) if visit.host_school_id in get_scope(u).staff_school_ids]
    hosts = hosts or visit_requested_recipients(visit)
    return [u for u in visitors + hosts if u.pk != actor.pk]


def meeting_invitees(meeting: Meeting) -> list:
    """Who confirms attendance: the coordinators of the network's schools (a
    network meeting) or the members (a working group)."""
    if meeting.network_id:
        ids = School.objects.filter(network_id=meeting.network_id).values_list("id", flat=True)
        return _staff_of(list(ids), roles=[Role.COORDINATOR])
    return list(meeting.working_group.members.filter(is_active=True))


def action_owner_recipients(owner, meeting: Meeting) -> list:
    return [u for u in _active([owner]) if visible_meetings(u).filter(pk=meeting.pk).exists()]


def promoted_recipients(enrolment: Enrolment) -> list:
    return _active([enrolment.user])


def questionnaire_opened_recipients(questionnaire: Questionnaire) -> list:
    """Teachers of the school for the teachers' questionnaire; students and
    partners hear through their dashboard or the link."""
    if questionnaire.audience != Questionnaire.Audience.TEACHERS:
        return []
    return _staff_of([questionnaire.cycle.school_id])
