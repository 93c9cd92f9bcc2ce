"""Two teachers ask for the last place at the same moment: exactly one gets
it, the other a clear Dutch message. Runs on SQLite and on PostgreSQL (real
transactions, one connection per thread)."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone, translation

from organisation import services as org_services
from organisation.roles import Role
from organisation.tests.factories import UserFactory
from partners import services
from partners.models import Booking, CapacityCounter, Offer
from partners.services import BookingError
from partners.tests.factories import OfferFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_simultaneous_requests_for_the_last_place(world):
    offer = OfferFactory(partner=world.partner_org, capacity=1, capacity_period=Offer.Period.MONTH)
    day = (timezone.localdate().replace(day=1) + datetime.timedelta(days=40)).replace(day=3)
    teachers = [world.docent, world.coordinator]
    second = UserFactory(username="docent-b")
    org_services.assign_role(second, Role.TEACHER, school=world.school_a)
    teachers = [world.docent, second]
    barrier = threading.Barrier(2)
    results = {}

    def ask(teacher):
        try:
            with translation.override("nl"):
                barrier.wait(timeout=10)
                try:
                    booking = services.request_booking(
                        teacher, offer, class_group=world.class_a, group_size=20, preferred_date=day
                    )
                    results[teacher.username] = ("ok", booking.pk)
                except BookingError as error:
                    results[teacher.username] = ("refused", error.messages[0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask, args=(t,)) for t in teachers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    outcomes = sorted(r[0] for r in results.values())
    assert outcomes == ["ok", "refused"], results
    [message] = [r[1] for r in results.values() if r[0] == "refused"]
    assert message.startswith("Dit aanbod is vol in"), message
    assert message.endswith("Kies een datum in een andere periode.")
    assert Booking.objects.filter(offer=offer).count() == 1
    counter = CapacityCounter.objects.get(offer=offer)
    assert (counter.booked, counter.capacity) == (1, 1)
    assert connection.vendor in ("sqlite", "postgresql")


def test_the_database_refuses_overbooking_even_without_the_lock(world):
    """The check constraint is the last line of defence."""
    from django.db import IntegrityError, transaction
    from django.db.models import F

    offer = OfferFactory(partner=world.partner_org, capacity=1)
    counter = CapacityCounter.objects.create(offer=offer, period_start=timezone.localdate(), capacity=1, booked=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        CapacityCounter.objects.filter(pk=counter.pk).update(booked=F("booked") + 1)
