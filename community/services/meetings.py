"""Network meetings and working groups: plan, agenda, attendance, minutes,
actions carried to the next meeting; working group membership; coach notes."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from community import access
from community.models import ActionItem, ActionStatus, AgendaItem, Attendance, Meeting, SchoolNote, WorkingGroup
from community.notifications import tell
from community.services import day_text


def open_actions_before(meeting):
    """Actions of the same network or group, agreed at earlier meetings, not done."""
    owner = (
        {"meeting__network_id": meeting.network_id}
        if meeting.network_id
        else {"meeting__working_group_id": meeting.working_group_id}
    )
    return (
        ActionItem.objects.filter(**owner, meeting__starts_at__lt=meeting.starts_at)
        .exclude(status=ActionStatus.DONE)
        .exclude(meeting=meeting)
        .select_related("owner")
    )


@transaction.atomic
def plan_meeting(
    user, *, network=None, working_group=None, title, starts_at, ends_at, location, description="", agenda=(), now=None
) -> Meeting:
    """Plan a meeting; the agenda opens with the open actions of earlier
    meetings (follow-up), then the given items. Invitees confirm attendance."""
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    kind = Meeting.Kind.NETWORK if network else Meeting.Kind.WORKING_GROUP
    meeting = Meeting.objects.create(
        kind=kind,
        network=network,
        working_group=working_group,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        description=description,
        created_by=user,
    )
    position = 0
    for action in open_actions_before(meeting):
        position += 1
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            action=action,
            title=_("Follow-up: %(action)s") % {"action": action.title},
        )
    for title_text in agenda:
        if title_text.strip():
            position += 1
            AgendaItem.objects.create(meeting=meeting, position=position, title=title_text.strip())
    tell(
        access.meeting_invitees(meeting),
        "meeting_planned",
        {"title": title, "date": day_text(timezone.localtime(starts_at).date())},
        reverse("community:meeting_detail", args=[meeting.pk]),
        actor=user,
        now=now,
    )
    return meeting


@transaction.atomic
def update_meeting(user, meeting, *, title, starts_at, ends_at, location, description="") -> Meeting:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
    meeting.title, meeting.starts_at, meeting.ends_at = title, starts_at, ends_at
    meeting.location, meeting.description = location, description
    meeting.save(update_fields=["title", "starts_at", "ends_at", "location", "description"])
    return meeting


@transaction.atomic
def add_agenda_item(user, meeting, *, title, description="") -> AgendaItem:
    last = meeting.agenda.aggregate(m=Max("position"))["m"] or 0
    return AgendaItem.objects.create(meeting=meeting, position=last + 1, title=title, description=description)


@transaction.atomic
def remove_agenda_item(user, item) -> None:
    item.delete()


@transaction.atomic
def confirm_attendance(user, meeting, *, school, answer, people=1, now=None) -> Attendance:
    if answer == Attendance.Answer.YES and people < 1:
        raise ValidationError({"people": _("Say how many people will come.")})
    attendance, _created = Attendance.objects.update_or_create(
        meeting=meeting,
        school=school,
        defaults={
            "answer": answer,
            "people": people if answer == Attendance.Answer.YES else 0,
            "confirmed_by": user,
            "confirmed_at": now or timezone.now(),
        },
    )
    return attendance


@transaction.atomic
def record_minutes(user, meeting, *, minutes, now=None) -> Meeting:
    meeting.minutes = minutes
    meeting.minutes_at = now or timezone.now()
    meeting.save(update_fields=["minutes", "minutes_at"])
    return meeting


@transaction.atomic
def add_action(user, meeting, *, title, owner, due_date, now=None) -> ActionItem:
    now = now or timezone.now()
    action = ActionItem.objects.create(meeting=meeting, title=title, owner=owner, due_date=due_date, updated_at=now)
    # A later meeting that is already planned picks the new action up too.
    for later in Meeting.objects.filter(
        network_id=meeting.network_id, working_group_id=meeting.working_group_id, starts_at__gt=meeting.starts_at
    ):
        last = later.agenda.aggregate(m=Max("position"))["m"] or 0
        AgendaItem.objects.create(
            meeting=later, position=last + 1, action=action, title=_("Follow-up: %(action)s") % {"action": title}
        )
    tell(
        access.action_owner_recipients(owner, meeting),
        "action_assigned",
        {"title": title, "date": day_text(due_date)},
        reverse("community:meeting_detail", args=[meeting.pk]),
        actor=user,
        now=now,
    )
    return action


@transaction.atomic
def update_action(user, action, *, status, follow_up="", now=None) -> ActionItem:
    action.status, action.follow_up, action.updated_at = status, follow_up, now or timezone.now()
    action.save(update_fields=["status", "follow_up", "updated_at"])
    return action


@transaction.atomic
def create_working_group(user, *, name, theme, description="", now=None) -> WorkingGroup:
    return WorkingGroup.objects.create(
        name=name, theme=theme, description=description, created_at=now or timezone.now()
    )


@transaction.atomic
def join_working_group(user, group) -> None:
    group.members.add(user)


@transaction.atomic
def leave_working_group(user, group) -> None:
    group.members.remove(user)


@transaction.atomic
def add_school_note(user, school, *, kind, date, body, now=None) -> SchoolNote:
    return SchoolNote.objects.create(
        school=school, author=user, kind=kind, date=date, body=body, created_at=now or timezone.now()
    )


@transaction.atomic
def remove_school_note(user, note) -> None:
    note.delete()
