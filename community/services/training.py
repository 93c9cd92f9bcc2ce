"""Professionalisation: the catalogue, enrolment with capacity and a waiting
list, attendance.

Capacity under concurrency: ``enrol`` and ``cancel_enrolment`` lock the
training row with ``select_for_update()`` before counting, so two teachers
asking for the last place are served one after the other; the CHECK
constraint ``enrolled <= capacity`` refuses an overbooking even without the
lock. The first on the waiting list (earliest request) moves up when someone
cancels and is told."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community import access
from community.models import Enrolment, Training
from community.notifications import tell
from community.services import day_text

S = Enrolment.Status


@transaction.atomic
def create_training(
    user, *, title, kind, description, mandatory_for_new_teams, starts_at, ends_at, location, capacity
) -> Training:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The training must end after it starts.")})
    return Training.objects.create(
        title=title,
        kind=kind,
        description=description,
        mandatory_for_new_teams=mandatory_for_new_teams,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        capacity=capacity,
        created_by=user,
    )


@transaction.atomic
def update_training(
    user,
    training,
    *,
    title,
    kind,
    description,
    mandatory_for_new_teams,
    starts_at,
    ends_at,
    location,
    capacity,
    now=None,
) -> Training:
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The training must end after it starts.")})
    locked = Training.objects.select_for_update().get(pk=training.pk)
    if capacity < locked.enrolled:
        raise ValidationError(
            {
                "capacity": ngettext(
                    "%(n)s person is already enrolled; the capacity cannot be lower.",
                    "%(n)s people are already enrolled; the capacity cannot be lower.",
                    locked.enrolled,
                )
                % {"n": locked.enrolled}
            }
        )
    values = {
        "title": title,
        "kind": kind,
        "description": description,
        "mandatory_for_new_teams": mandatory_for_new_teams,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "location": location,
        "capacity": capacity,
    }
    for field, value in values.items():
        setattr(locked, field, value)
    locked.save(update_fields=list(values))
    _promote_waiting(locked, actor=user, now=now)
    return locked


def _promote_waiting(training, *, actor, now=None) -> list[Enrolment]:
    """Fill free places from the waiting list, first come first served (the
    caller holds the training row's lock)."""
    promoted = []
    while training.enrolled < training.capacity:
        first = training.enrolments.filter(status=S.WAITING).order_by("created_at", "pk").first()
        if first is None:
            break
        first.status, first.updated_at = S.ENROLLED, now or timezone.now()
        first.save(update_fields=["status", "updated_at"])
        training.enrolled += 1
        promoted.append(first)
    if promoted:
        training.save(update_fields=["enrolled"])
        for enrolment in promoted:
            tell(
                access.promoted_recipients(enrolment),
                "waitlist_promoted",
                {"title": training.title, "date": day_text(timezone.localtime(training.starts_at).date())},
                reverse("community:training_detail", args=[training.pk]),
                actor=actor,
                now=now,
            )
    return promoted


@transaction.atomic
def enrol(user, training, *, school=None, now=None) -> Enrolment:
    """A place when one is free, else a place on the waiting list."""
    now = now or timezone.now()
    locked = Training.objects.select_for_update().get(pk=training.pk)
    if locked.cancelled:
        raise ValidationError(_("This training has been cancelled."))
    if locked.starts_at <= now:
        raise ValidationError(_("This training has already started; enrolment is closed."))
    if Enrolment.objects.filter(training=locked, user=user).exclude(status=S.CANCELLED).exists():
        raise ValidationError(_("You are already enrolled for this training."))
    status = S.ENROLLED if locked.enrolled < locked.capacity else S.WAITING
    enrolment = Enrolment.objects.create(
        training=locked, user=user, school=school, status=status, created_at=now, updated_at=now
    )
    if status == S.ENROLLED:
        locked.enrolled += 1
        locked.save(update_fields=["enrolled"])
    training.enrolled = locked.enrolled
    return enrolment


@transaction.atomic
def cancel_enrolment(user, enrolment, *, now=None) -> list[Enrolment]:
    """Give up a place (or a place on the waiting list); the first waiting moves up."""
    now = now or timezone.now()
    locked = Training.objects.select_for_update().get(pk=enrolment.training_id)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    if enrolment.status == S.CANCELLED:
        return []
    if locked.starts_at <= now:
        raise ValidationError(_("This training has already started; ask the programme office."))
    was_enrolled = enrolment.status == S.ENROLLED
    enrolment.status, enrolment.updated_at = S.CANCELLED, now
    enrolment.save(update_fields=["status", "updated_at"])
    if not was_enrolled:
        return []
    locked.enrolled -= 1
    locked.save(update_fields=["enrolled"])
    return _promote_waiting(locked, actor=user, now=now)


@transaction.atomic
def record_attendance(user, training, *, present_ids, now=None) -> int:
    """Mark who came (enrolled people only); everyone else enrolled did not."""
    if training.starts_at > (now or timezone.now()):
        raise ValidationError(_("Attendance can be recorded once the training has started."))
    enrolled = training.enrolments.filter(status=S.ENROLLED)
    present = set(int(i) for i in present_ids)
    enrolled.filter(pk__in=present).update(attended=True)
    enrolled.exclude(pk__in=present).update(attended=False)
    return len(present)


def waiting_position(enrolment) -> int | None:
    if enrolment.status != S.WAITING:
        return None
    return (
        Enrolment.objects.filter(training_id=enrolment.training_id, status=S.WAITING)
        .filter(created_at__lte=enrolment.created_at)
        .exclude(created_at=enrolment.created_at, pk__gt=enrolment.pk)
        .count()
    )
