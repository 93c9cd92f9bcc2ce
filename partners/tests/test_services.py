"""The booking life cycle through the domain functions: rules, Dutch
messages, capacity, history, e-mails, attendance and the portfolio signal."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone

from core.signals import experience_happened
from organisation.models import Level, Sector
from partners import services
from partners.models import (
    Attendance,
    Booking,
    BookingEvent,
    BookingStatus,
    CapacityCounter,
    Feedback,
    Offer,
    OfferKind,
)
from partners.services import BookingError
from partners.tests.factories import OfferFactory


def today():
    """Read when a test runs (the clock may be fixed or shifted), never at import."""
    return timezone.localdate()


def days(n):
    return today() + datetime.timedelta(days=n)


@pytest.fixture
def offer(world):
    from organisation.models import PartnerContact

    PartnerContact.objects.filter(user=world.partner).update(email="karin@vandijk.nl")
    return OfferFactory(partner=world.partner_org, capacity=1, capacity_period=Offer.Period.MONTH)


def request(world, offer, day, **kwargs):
    kwargs.setdefault("class_group", world.class_a)
    kwargs.setdefault("group_size", 20)
    return services.request_booking(world.docent, offer, preferred_date=day, **kwargs)


def first_of_next_month():
    return (today().replace(day=1) + datetime.timedelta(days=40)).replace(day=1)


def test_request_holds_a_place_and_mails_the_partner(world, offer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = request(world, offer, days(20), message="Wij werken aan duurzaam bouwen.")
    assert booking.status == BookingStatus.REQUESTED
    assert booking.counter.booked == 1
    assert [e.kind for e in booking.events.all()] == ["requested"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["karin@vandijk.nl"]
    assert "Nieuwe aanvraag van Vakcollege De Brug" in mail.outbox[0].subject
    assert "duurzaam bouwen" in mail.outbox[0].body


def test_date_in_the_past_is_refused_in_dutch(world, offer):
    with pytest.raises(BookingError) as error:
        request(world, offer, days(-1))
    assert error.value.field == "preferred_date"
    assert error.value.messages == ["Deze datum is al voorbij of is vandaag. Kies een datum na vandaag."]


def test_date_outside_the_offers_range_is_refused_with_the_available_dates(world):
    offer = OfferFactory(partner=world.partner_org, windows=[(days(10), days(12))])
    with pytest.raises(BookingError) as error:
        request(world, offer, days(30))
    assert "De partner biedt dit niet aan op" in error.value.messages[0]
    assert "Wel beschikbaar" in error.value.messages[0]
    assert request(world, offer, days(11)).date == days(11)


def test_capacity_exceeded_is_refused_with_a_dutch_message(world, offer):
    day = first_of_next_month()
    request(world, offer, day + datetime.timedelta(days=3))
    with pytest.raises(BookingError) as error:
        request(world, offer, day + datetime.timedelta(days=10))
    assert error.value.messages[0].startswith("Dit aanbod is vol in")
    assert CapacityCounter.objects.get(offer=offer, period_start=day).booked == 1
    # Another month still has room.
    assert request(world, offer, day + datetime.timedelta(days=40)).status == BookingStatus.REQUESTED


def test_group_size_must_fit_the_offer(world):
    offer = OfferFactory(partner=world.partner_org, group_size_min=5, group_size_max=12)
    with pytest.raises(BookingError, match="Deze groep is te groot: er kunnen maximaal 12 leerlingen meedoen."):
        request(world, offer, days(20), group_size=25)
    with pytest.raises(BookingError, match="te klein"):
        request(world, offer, days(20), group_size=2)


def test_teacher_cannot_book_for_another_schools_class(world, offer):
    with pytest.raises(BookingError, match="eigen school"):
        services.request_booking(world.docent2, offer, class_group=world.class_a, group_size=10, preferred_date=days(9))


def test_accept_confirms_and_mails_both_sides_with_an_ics(world, offer, django_capture_on_commit_callbacks):
    booking = request(world, offer, days(20))
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_booking(world.partner, booking)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    recipients = sorted(addr for m in mail.outbox for addr in m.to)
    assert recipients == ["docent@example.nl", "karin@vandijk.nl"]
    assert mail.outbox[0].subject.startswith("Bevestigd:")
    assert mail.outbox[0].attachments[0][0].endswith(".ics")


def test_only_the_partner_answers(world, offer):
    booking = request(world, offer, days(20))
    with pytest.raises(BookingError, match="Alleen de partner"):
        services.accept_booking(world.docent, booking)


def test_decline_needs_a_reason_and_frees_the_place(world, offer, django_capture_on_commit_callbacks):
    booking = request(world, offer, days(20))
    with pytest.raises(BookingError) as error:
        services.decline_booking(world.partner, booking, reason="  ")
    assert error.value.field == "reason"
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_booking(world.partner, booking, reason="Geen begeleiders.")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.DECLINED and booking.counter is None
    assert CapacityCounter.objects.get(offer=offer).booked == 0
    assert mail.outbox[0].to == ["docent@example.nl"]
    assert "Geen begeleiders." in mail.outbox[0].body


def test_propose_moves_the_place_and_the_school_accepts(world, offer, django_capture_on_commit_callbacks):
    start = first_of_next_month()
    booking = request(world, offer, start + datetime.timedelta(days=2))
    new_date = start + datetime.timedelta(days=35)
    with django_capture_on_commit_callbacks(execute=True):
        services.propose_date(world.partner, booking, new_date=new_date, note="Past deze dag?")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.PROPOSED and booking.date == new_date
    counters = dict(CapacityCounter.objects.filter(offer=offer).values_list("period_start", "booked"))
    assert counters[start] == 0 and counters[new_date.replace(day=1)] == 1
    assert "Andere datum voorgesteld" in mail.outbox[-1].subject
    with pytest.raises(BookingError, match="Alleen docenten"):
        services.accept_proposal(world.partner, booking)
    services.accept_proposal(world.docent, booking)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    kinds = list(BookingEvent.objects.filter(booking=booking).values_list("kind", flat=True))
    assert kinds == ["requested", "proposed", "proposal_accepted"]


def test_proposal_into_a_full_period_is_refused(world, offer):
    start = first_of_next_month()
    request(world, offer, start + datetime.timedelta(days=40))  # fills the month after
    booking = request(world, offer, start + datetime.timedelta(days=2))
    with pytest.raises(BookingError) as error:
        services.propose_date(world.partner, booking, new_date=start + datetime.timedelta(days=41))
    assert error.value.field == "new_date"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED  # nothing changed
    assert CapacityCounter.objects.get(offer=offer, period_start=start).booked == 1


def test_cancel_by_school_tells_the_partner_and_frees_the_place(world, offer, django_capture_on_commit_callbacks):
    booking = request(world, offer, days(20))
    services.accept_booking(world.partner, booking)
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_booking(world.docent, booking, reason="Toetsweek verschoven.")
    assert mail.outbox[0].to == ["karin@vandijk.nl"]
    assert "Geannuleerd" in mail.outbox[0].subject
    assert CapacityCounter.objects.get(offer=offer).booked == 0


def _visited(world, offer):
    day = days(-2)
    booking = services.request_booking(
        world.docent, offer, class_group=world.class_a, group_size=2, preferred_date=day, today=days(-20)
    )
    services.accept_booking(world.partner, booking, today=days(-10))
    return booking


def test_attendance_sends_the_experience_to_the_portfolio(world, offer):
    received = []

    def receiver(sender, **kwargs):
        received.append(kwargs["experience"])

    experience_happened.connect(receiver)
    try:
        booking = _visited(world, offer)
        created = services.confirm_attendance(world.docent, booking, students=[world.leerling])
    finally:
        experience_happened.disconnect(receiver)
    assert len(created) == 1
    attendance = Attendance.objects.get(booking=booking)
    assert attendance.student == world.leerling
    [signal] = received
    assert signal.student == world.leerling
    assert signal.source_key == f"partners.attendance:{attendance.pk}"
    assert signal.kind == OfferKind.COMPANY_VISIT == "bedrijfsbezoek"
    assert signal.title == "Bedrijfsbezoek Bouwbedrijf Van Dijk"
    assert signal.date == booking.date
    assert set(signal.sector_slugs) == {"bouw", "techniek"}
    assert signal.partner_id == world.partner_org.pk
    assert signal.details["booking_id"] == booking.pk
    booking.refresh_from_db()
    assert booking.status == BookingStatus.COMPLETED


def test_a_failing_portfolio_receiver_does_not_lose_the_attendance(world, offer):
    def broken(sender, **kwargs):
        raise RuntimeError("portfolio down")

    experience_happened.connect(broken)
    try:
        booking = _visited(world, offer)
        services.confirm_attendance(world.docent, booking, students=[world.leerling])
    finally:
        experience_happened.disconnect(broken)
    assert Attendance.objects.filter(booking=booking, student=world.leerling).exists()


def test_attendance_rules(world, offer):
    booking = request(world, offer, days(20))
    with pytest.raises(BookingError, match="Alleen bij een bevestigde boeking"):
        services.confirm_attendance(world.docent, booking, students=[world.leerling])
    services.accept_booking(world.partner, booking)
    with pytest.raises(BookingError, match="op of na de dag van het bezoek"):
        services.confirm_attendance(world.docent, booking, students=[world.leerling])
    visited = _visited(world, OfferFactory(partner=world.partner_org))
    with pytest.raises(BookingError, match="alleen leerlingen van deze klas"):
        services.confirm_attendance(world.docent, visited, students=[world.leerling2])
    with pytest.raises(BookingError, match="Alleen docenten"):
        services.confirm_attendance(world.partner, visited, students=[world.leerling])


def test_adding_a_forgotten_student_later_sends_only_the_new_experience(world, offer):
    received = []
    booking = _visited(world, offer)
    services.confirm_attendance(world.docent, booking, students=[world.leerling])

    def receiver(sender, **kwargs):
        received.append(kwargs["experience"].student)

    experience_happened.connect(receiver)
    try:
        services.confirm_attendance(world.docent, booking, students=[world.leerling, world.classmate])
    finally:
        experience_happened.disconnect(receiver)
    assert received == [world.classmate]
    assert Attendance.objects.filter(booking=booking).count() == 2


def test_challenges_and_jury_keep_no_attendance(world):
    jury = OfferFactory(partner=world.partner_org, kind=OfferKind.JURY)
    booking = _visited(world, jury)
    with pytest.raises(BookingError, match="gastlessen, bedrijfsbezoeken en beroepsgesprekken"):
        services.confirm_attendance(world.docent, booking, students=[world.leerling])


def test_feedback_from_teacher_and_attending_student_only(world, offer):
    booking = _visited(world, offer)
    with pytest.raises(BookingError, match="nadat het bezoek"):
        services.leave_feedback(world.docent, booking, rating=5, text="Top")
    services.confirm_attendance(world.docent, booking, students=[world.leerling])
    services.leave_feedback(world.docent, booking, rating=5, text="Top")
    services.leave_feedback(world.leerling, booking, rating=4, text="Leuk!")
    services.leave_feedback(world.leerling, booking, rating=3, text="Toch wat lang.")  # updates
    with pytest.raises(BookingError, match="Alleen de docent en de leerlingen"):
        services.leave_feedback(world.classmate, booking, rating=1, text="Ik was er niet")
    roles = dict(Feedback.objects.filter(booking=booking).values_list("author_role", "rating"))
    assert roles == {"docent": 5, "leerling": 3}


def test_changing_capacity_rebuilds_future_counters(world):
    offer = OfferFactory(partner=world.partner_org, capacity=3)
    day = first_of_next_month() + datetime.timedelta(days=3)
    for _ in range(2):
        request(world, offer, day)
    window = offer.windows.first()
    services.save_offer(
        world.partner, world.partner_org, offer, windows=[(window.start_date, window.end_date)],
        kind=offer.kind, title="Nieuwe titel", description=offer.description, sectors=offer.sectors.all(),
        levels=offer.levels.all(), capacity=1, capacity_period=Offer.Period.MONTH,
    )  # fmt: skip
    counter = CapacityCounter.objects.get(offer=offer, period_start=day.replace(day=1))
    assert (counter.booked, counter.capacity) == (2, 2)  # kept what is booked, no room for more
    with pytest.raises(BookingError, match="vol"):
        request(world, offer, day)


def test_save_offer_takes_plain_values_and_replaces_the_dates(world):
    techniek = Sector.objects.get(slug="techniek")
    offer = services.save_offer(
        world.partner, world.partner_org, windows=[(days(5), days(5)), (days(10), days(12))],
        kind=OfferKind.GUEST_LESSON, title="Gastles bouw", description="Over bouwen.", sectors=[techniek],
        levels=Level.objects.all()[:1], capacity=3,
    )  # fmt: skip
    offer.refresh_from_db()
    assert (offer.partner, offer.title, offer.capacity) == (world.partner_org, "Gastles bouw", 3)
    assert list(offer.sectors.all()) == [techniek]
    assert list(offer.windows.values_list("start_date", "end_date")) == [(days(5), days(5)), (days(10), days(12))]
    services.save_offer(world.partner, world.partner_org, offer, windows=[(days(20), days(30))], title="Andere titel")
    offer.refresh_from_db()
    assert offer.title == "Andere titel" and offer.kind == OfferKind.GUEST_LESSON
    assert list(offer.windows.values_list("start_date", "end_date")) == [(days(20), days(30))]
    with pytest.raises(FieldDoesNotExist):
        services.save_offer(world.partner, world.partner_org, offer, windows=[], colour="rood")


def test_a_change_that_is_rolled_back_mails_nobody(world, offer, django_capture_on_commit_callbacks):
    """Mail goes out on commit: a booking step inside a transaction that fails sends nothing."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            request(world, offer, days(20))
            raise RuntimeError("something later in the same transaction failed")
    assert callbacks == [] and mail.outbox == []
    assert not Booking.objects.exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        request(world, offer, days(20))
    assert len(callbacks) == 1 and len(mail.outbox) == 1


def test_nothing_is_mailed_before_the_commit(world, offer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        request(world, offer, days(20))
        assert mail.outbox == []
    assert len(callbacks) == 1


def test_booking_error_is_a_validation_error_on_its_field(world, offer):
    from django import forms

    from core.forms import add_errors

    class Form(forms.Form):
        preferred_date = forms.DateField()

    form = Form({"preferred_date": days(-1).isoformat()})
    assert form.is_valid()
    with pytest.raises(ValidationError) as error:
        request(world, offer, days(-1))
    add_errors(form, error.value)
    assert form.errors == {"preferred_date": ["Deze datum is al voorbij of is vandaag. Kies een datum na vandaag."]}
    with pytest.raises(ValidationError) as error:
        services.accept_booking(world.docent, request(world, offer, days(20)))
    form = Form({"preferred_date": days(1).isoformat()})
    form.is_valid()
    add_errors(form, error.value)
    assert form.non_field_errors() == ["Alleen de partner kan dit doen."]


def test_booking_mails_go_out_for_an_offer_whose_title_has_a_line_break(
    world, offer, django_capture_on_commit_callbacks
):
    """Data from before one-line fields were enforced: the mails still go out,
    each subject on one line."""
    Offer.objects.filter(pk=offer.pk).update(title="Gastles\rBcc: iemand@example.com")
    offer.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        booking = request(world, offer, days(20))
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_booking(world.partner, booking)
    assert len(mail.outbox) >= 2
    for message in mail.outbox:
        assert "\r" not in message.subject and "\n" not in message.subject
    assert "Gastles Bcc: iemand@example.com" in mail.outbox[0].subject
