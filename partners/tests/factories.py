import datetime

import factory
from django.utils import timezone

from organisation.models import Level
from partners.models import AvailabilityWindow, Booking, BookingStatus, CalendarFeed, Offer, OfferKind


class OfferFactory(factory.django.DjangoModelFactory):
    """A published offer available all of the current school year (and beyond)."""

    class Meta:
        model = Offer
        skip_postgeneration_save = True

    kind = OfferKind.COMPANY_VISIT
    title = factory.Sequence(lambda n: f"Bedrijfsbezoek {n}")
    description = "Kijken hoe het werk echt gaat."
    group_size_min = 1
    group_size_max = 30
    capacity = 2
    capacity_period = Offer.Period.MONTH

    @factory.post_generation
    def windows(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            today = timezone.localdate()
            extracted = [(today - datetime.timedelta(days=400), today + datetime.timedelta(days=400))]
        for start, end in extracted:
            AvailabilityWindow.objects.create(offer=self, start_date=start, end_date=end)

    @factory.post_generation
    def levels(self, create, extracted, **kwargs):
        if create:
            self.levels.set(extracted or Level.objects.all())

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create:
            self.sectors.set(extracted if extracted is not None else self.partner.sectors.all())


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    group_size = 20
    preferred_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=20))
    date = factory.LazyAttribute(lambda b: b.preferred_date)
    status = BookingStatus.REQUESTED
    school = factory.LazyAttribute(lambda b: b.class_group.school)


def offer_a(w, **kwargs):
    return OfferFactory(partner=w.partner_org, **kwargs)


def offer_b(w, **kwargs):
    return OfferFactory(partner=w.partner_org_b, **kwargs)


def booking_a(w, **kwargs):
    """A request of school A (class 3A, teacher docent) to the demo partner."""
    kwargs.setdefault("offer", offer_a(w))
    return BookingFactory(class_group=w.class_a, requested_by=w.docent, **kwargs)


def booking_b(w, **kwargs):
    kwargs.setdefault("offer", offer_b(w))
    return BookingFactory(class_group=w.class_b, requested_by=w.docent2, **kwargs)


def done_booking_a(w):
    """A visit of school A that took place, attended by leerling (not the classmate)."""
    from partners.models import Attendance

    day = timezone.localdate() - datetime.timedelta(days=3)
    booking = booking_a(w, status=BookingStatus.COMPLETED, preferred_date=day, date=day)
    Attendance.objects.create(booking=booking, student=w.leerling)
    return booking


def school_feed_a(w):
    return CalendarFeed.objects.get_or_create(school=w.school_a)[0]


def partner_feed_a(w):
    return CalendarFeed.objects.get_or_create(partner=w.partner_org)[0]
