"""Enrolment with capacity and a waiting list; under concurrency the
capacity is never exceeded (one connection per thread, real transactions)."""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, connections, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import translation

from community.models import Enrolment, Training
from community.services import training as services
from community.tests.factories import moment
from notifications.models import Notification
from organisation import services as org_services
from organisation.roles import Role
from organisation.tests.factories import UserFactory


def make_training(world, capacity=1):
    return services.create_training(
        world.bureau,
        title="Workshop beoordelen",
        kind="workshop",
        description="Rubrics",
        mandatory_for_new_teams=False,
        starts_at=moment(10),
        ends_at=moment(10, 17),
        location="Utrecht",
        capacity=capacity,
    )


def teacher(world, name):
    user = UserFactory(username=name)
    org_services.assign_role(user, Role.TEACHER, school=world.school_a)
    return user


@pytest.mark.django_db(transaction=True)
def test_two_teachers_ask_for_the_last_place_at_once(world):
    training = make_training(world, capacity=1)
    teachers = [teacher(world, "t1"), teacher(world, "t2")]
    barrier = threading.Barrier(2)
    results = {}

    def enrol(user):
        try:
            with translation.override("nl"):
                barrier.wait(timeout=10)
                for _attempt in range(100):
                    try:
                        enrolment = services.enrol(user, Training.objects.get(pk=training.pk), school=world.school_a)
                    except OperationalError as error:
                        # SQLite's in-memory test database (shared cache) reports a
                        # held write lock at once instead of waiting for it: try again.
                        assert "locked" in str(error)
                        time.sleep(0.05)
                    else:
                        results[user.username] = enrolment.status
                        break
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enrol, args=(t,)) for t in teachers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results.values()) == [Enrolment.Status.ENROLLED, Enrolment.Status.WAITING], results
    training.refresh_from_db()
    assert training.enrolled == 1
    assert Enrolment.objects.filter(training=training, status=Enrolment.Status.ENROLLED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_overbooking_even_without_the_lock(world):
    training = make_training(world, capacity=1)
    Training.objects.filter(pk=training.pk).update(enrolled=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Training.objects.filter(pk=training.pk).update(enrolled=F("enrolled") + 1)


def test_the_first_on_the_waiting_list_moves_up_and_is_told(world):
    training = make_training(world, capacity=1)
    first, second, third = teacher(world, "a"), teacher(world, "b"), teacher(world, "c")
    e1 = services.enrol(first, training)
    e2 = services.enrol(second, training)
    e3 = services.enrol(third, training)
    assert [e.status for e in (e1, e2, e3)] == ["enrolled", "waiting", "waiting"]
    assert services.waiting_position(e3) == 2
    promoted = services.cancel_enrolment(first, e1)
    assert [e.pk for e in promoted] == [e2.pk]
    e2.refresh_from_db()
    e3.refresh_from_db()
    assert (e2.status, e3.status) == ("enrolled", "waiting")
    assert services.waiting_position(e3) == 1
    assert Notification.objects.filter(recipient=second, kind="community.waitlist_promoted").exists()
    training.refresh_from_db()
    assert training.enrolled == 1


def test_enrolling_twice_or_after_the_start_is_refused(world):
    training = make_training(world, capacity=3)
    services.enrol(world.docent, training)
    with pytest.raises(ValidationError):
        services.enrol(world.docent, training)
    with pytest.raises(ValidationError):
        services.enrol(world.docent2, training, now=moment(11))


def test_raising_capacity_moves_the_waiting_list_up(world):
    training = make_training(world, capacity=1)
    services.enrol(world.docent, training)
    waiting = services.enrol(world.docent2, training)
    data = {
        f: getattr(training, f)
        for f in ["title", "kind", "description", "mandatory_for_new_teams", "starts_at", "ends_at", "location"]
    }
    services.update_training(world.bureau, training, capacity=2, **data)
    waiting.refresh_from_db()
    assert waiting.status == "enrolled"
    with pytest.raises(ValidationError):
        services.update_training(world.bureau, training, capacity=1, **data)


def test_attendance_builds_the_personal_and_team_record(world, login):
    training = make_training(world, capacity=3)
    training.mandatory_for_new_teams = True
    training.save()
    mine = services.enrol(world.docent, training)
    services.enrol(world.coordinator, training)
    services.record_attendance(world.bureau, training, present_ids=[mine.pk], now=moment(10, 16))
    page = login(world.docent).get(reverse("community:training_mine")).content.decode()
    assert "Workshop beoordelen" in page and "gevolgd" in page
    team = login(world.coordinator).get(reverse("community:training_team")).content.decode()
    assert "Workshop beoordelen" in team
    assert login(world.docent2).get(reverse("community:training_team")).status_code == 403


def test_the_catalogue_query_count_is_bounded(world, login, django_assert_max_num_queries):
    client = login(world.docent)
    make_training(world)
    client.get(reverse("community:training_list"))
    with django_assert_max_num_queries(12) as before:
        client.get(reverse("community:training_list"))
    for _ in range(5):
        make_training(world)
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(reverse("community:training_list"))


def test_attendance_ignores_ids_that_are_no_ids(world, login, time_machine):
    training = make_training(world, capacity=3)
    mine = services.enrol(world.docent, training)
    time_machine.move_to(moment(10, 16))
    url = reverse("community:training_attendance", args=[training.pk])
    response = login(world.bureau).post(url, {"present": [str(mine.pk), "²", "99999999999999999999", "x"]})
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.attended is True
