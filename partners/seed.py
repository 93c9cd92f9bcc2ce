"""Demo data for the partner network: a profile and 1-4 offers for every
partner, bookings of school A (with ``partner``'s Bouwbedrijf Van Dijk) and of
school B (with ``partner2``'s Port of Rotterdam Academy) in every state, past
and upcoming relative to the demo's today, students of both schools with
visit experiences, and bookings of other schools so the coverage page has
something to say. Built through the services."""

import datetime
from dataclasses import dataclass

from core import mail
from core.seeding import register_seeder
from organisation.models import ClassGroup, Level, PartnerOrganisation, School, SchoolYear, Sector
from organisation.people import staff_of_school
from partners import geo, services
from partners.models import AvailabilityWindow, Booking, Offer, OfferKind, PartnerProfile

# kind, title, description, mode, duration, group (min, max), capacity, period
TEMPLATES = {
    OfferKind.COMPANY_VISIT: [
        (
            "Kijkje achter de schermen bij {name}",
            "Je loopt een ochtend mee door het bedrijf. Je ziet hoe het werk echt gaat, stelt vragen aan medewerkers en doet zelf een korte opdracht.",
            Offer.Mode.ON_SITE,
            150,
            (8, 30),
            2,
            Offer.Period.MONTH,
        ),
    ],
    OfferKind.GUEST_LESSON: [
        (
            "Gastles: werken bij {name}",
            "Een medewerker komt naar je school en vertelt over het vak, met echte voorbeelden en een korte doe-opdracht in de klas.",
            Offer.Mode.ON_SITE,
            60,
            (10, 32),
            3,
            Offer.Period.MONTH,
        ),
    ],
    OfferKind.INTERVIEW: [
        (
            "Beroepsgesprek met een vakkracht",
            "In kleine groepjes interview je iemand die dit werk elke dag doet: hoe ben je hier gekomen, wat vind je mooi, wat is lastig?",
            Offer.Mode.BOTH,
            45,
            (3, 12),
            4,
            Offer.Period.MONTH,
        ),
    ],
    OfferKind.CHALLENGE: [
        (
            "Uitdaging van {name}",
            "Wij hebben een echte vraag voor jullie team. Wij zijn opdrachtgever, komen bij de start en beoordelen de presentatie.",
            Offer.Mode.BOTH,
            90,
            (4, 30),
            2,
            Offer.Period.SCHOOL_YEAR,
        ),
    ],
    OfferKind.JURY: [
        (
            "Jurylid of beoordelaar bij presentaties",
            "Een medewerker beoordeelt eindpresentaties mee en geeft teams feedback vanuit de praktijk.",
            Offer.Mode.ON_SITE,
            120,
            (4, 60),
            3,
            Offer.Period.SCHOOL_YEAR,
        ),
    ],
}
EXPERIENCE = {OfferKind.COMPANY_VISIT, OfferKind.GUEST_LESSON, OfferKind.INTERVIEW}
KIND_ORDER = [OfferKind.COMPANY_VISIT, OfferKind.GUEST_LESSON, OfferKind.INTERVIEW, OfferKind.CHALLENGE, OfferKind.JURY]
NOTES = {
    OfferKind.COMPANY_VISIT: "Meld je bij de receptie. Dichte schoenen verplicht; veiligheidsschoenen en helmen liggen klaar.",
    OfferKind.GUEST_LESSON: "Graag een beamer met HDMI en een lokaal waar groepjes kunnen werken.",
    OfferKind.INTERVIEW: "Online via Teams of op locatie. Bereid per groepje drie vragen voor.",
}


@register_seeder("partners", order=40)
def seed_partners(ctx):
    if Offer.objects.exists():
        return
    rng = ctx.rng("partners")
    users = ctx.data["users"]
    levels = list(Level.objects.order_by("order"))
    demo_partners = {ctx.data["partner_org"].pk, ctx.data["partner_org_b"].pk}
    with mail.muted():
        offers = _offers(ctx, rng, levels, demo_partners)
        _bookings_of_school(
            ctx, rng, offers, school=ctx.data["school_a"], partner_org=ctx.data["partner_org"],
            partner_user=users["partner"], teachers=(users["docent"], users["coordinator"]), student=users["leerling"],
            visits=[("visit", "3A", 40), ("interview", "3A", 75), ("lesson", "2A", 20)],
            upcoming={"confirmed": "3A", "requested": "3A", "proposed": "4A", "declined": "4B", "cancelled": "1A",
                      "elsewhere": "2B", "waiting": "3B"},
        )  # fmt: skip
        _bookings_of_school(
            ctx, rng, offers, school=ctx.data["school_b"], partner_org=ctx.data["partner_org_b"],
            partner_user=users["partner2"], teachers=(users["docent2"], users["docent2"]), student=users["leerling2"],
            visits=[("visit", "2A", 30), ("lesson", "2A", 60)],
            upcoming={"confirmed": "2A", "requested": "3A", "proposed": "4A", "waiting": "1A"},
        )  # fmt: skip
        _busy_partner(ctx, offers)
    ctx.log(f"  {len(offers)} partner offers, {Booking.objects.count()} bookings")


def _offers(ctx, rng, levels, demo_partners):
    """A profile and 1-4 offers per partner, available last school year, this one and the next."""
    created = []
    domain_ids = set(Sector.objects.filter(kind=Sector.Kind.DOMAIN).values_list("pk", flat=True))
    first = ctx.data["year"].start_date.year
    windows = [SchoolYear.bounds_for(start) for start in (first - 1, first, first + 1)]
    for org in PartnerOrganisation.objects.prefetch_related("sectors").order_by("pk"):
        position = geo.place(org.city)
        PartnerProfile.objects.update_or_create(
            organisation=org,
            defaults={
                "for_students": org.description,
                "address": f"{rng.choice(['Industrieweg', 'Stationsplein', 'Havenstraat', 'Kanaalweg'])} {rng.randint(1, 120)}",
                "postcode": f"{rng.randint(1000, 9999)} {chr(65 + rng.randint(0, 25))}{chr(65 + rng.randint(0, 25))}",
                "latitude": position[0] if position else None,
                "longitude": position[1] if position else None,
            },
        )
        sectors = [s for s in org.sectors.all() if s.pk in domain_ids]
        if org.pk in demo_partners:  # the demo partners show every kind that students take part in
            kinds = KIND_ORDER[:4]
        else:
            kinds = KIND_ORDER[:1] + rng.sample(KIND_ORDER[1:], rng.randint(0, 3))
        for kind in kinds:
            title, description, mode, duration, (gmin, gmax), capacity, period = TEMPLATES[kind][0]
            lj_min = rng.choice([1, 2, 3])
            offer = Offer.objects.create(
                partner=org,
                kind=kind,
                title=title.format(name=org.name),
                description=description,
                leerjaar_min=lj_min,
                leerjaar_max=min(6, lj_min + rng.choice([1, 2, 3])),
                group_size_min=gmin,
                group_size_max=gmax,
                duration_minutes=duration,
                mode=mode,
                capacity=capacity * 3 if org.pk in demo_partners else capacity,
                capacity_period=period,
                practical_notes=NOTES.get(kind, ""),
                challenge_url="https://www.techmakers.nl/opdrachtenbank" if kind == OfferKind.CHALLENGE else "",
            )
            offer.sectors.set(sectors)
            offer.levels.set(levels if rng.random() < 0.6 else levels[:2])
            # Available all year round, so the demo has past and upcoming visits on any date.
            for start, end in windows:
                AvailabilityWindow.objects.create(offer=offer, start_date=start, end_date=end)
            created.append(offer)
    return created


def _weekday(day):
    while day.weekday() >= 5:  # schools visit on weekdays
        day += datetime.timedelta(days=1)
    return day


def _book(ctx, offer, class_group, teacher, day, when=None, **extra):
    """A booking request made three weeks before the day (or on ``when``)."""
    size = min(offer.group_size_max, max(offer.group_size_min, class_group.enrolments.count()))
    try:
        return services.request_booking(
            teacher,
            offer,
            class_group=class_group,
            group_size=size,
            preferred_date=day,
            today=when or (day - datetime.timedelta(days=21)),
            start_time=datetime.time(9, 30),
            **extra,
        )
    except services.BookingError as error:  # e.g. a date outside the offer's availability
        ctx.log(f"  skipped a demo booking on {day}: {' '.join(error.messages)}")
        return None


@dataclass
class _Demo:
    """One school and its region's demo partner, as the booking steps below use them."""

    today: datetime.date
    classes: dict  # class name -> ClassGroup of this school year
    kinds: dict  # "visit", "lesson", "interview" -> the demo partner's offer
    nearby: list  # other partners' offers in the school's region that students take part in
    docent: object
    coordinator: object
    partner_user: object
    student: object  # the demo student, at every visit

    def past(self, days):
        day = _weekday(self.today - datetime.timedelta(days=days))
        return day if day < self.today else self.today - datetime.timedelta(days=1)

    def ahead(self, days):
        return _weekday(self.today + datetime.timedelta(days=days))


def _bookings_of_school(ctx, rng, offers, *, school, partner_org, partner_user, teachers, student, visits, upcoming):
    """Bookings of one school with its region's demo partner: visits that took
    place (attendance, so portfolio experiences, and feedback) and upcoming
    ones in every state."""
    mine = {o.kind: o for o in offers if o.partner_id == partner_org.pk}
    demo = _Demo(
        today=ctx.today,
        classes={c.name: c for c in ClassGroup.objects.filter(school=school, school_year=ctx.data["year"])},
        kinds={
            "visit": mine[OfferKind.COMPANY_VISIT],
            "lesson": mine[OfferKind.GUEST_LESSON],
            "interview": mine[OfferKind.INTERVIEW],
        },
        nearby=[
            o
            for o in offers
            if o.partner_id != partner_org.pk
            and o.kind in EXPERIENCE
            and school.network_id in {n.pk for n in o.partner.networks.all()}
        ],
        docent=teachers[0],
        coordinator=teachers[1],
        partner_user=partner_user,
        student=student,
    )
    _visits_that_took_place(ctx, rng, demo, visits)
    _waiting_for_attendance(ctx, demo, upcoming)
    _upcoming_in_every_state(ctx, demo, upcoming)


def _visits_that_took_place(ctx, rng, demo, visits):
    """Accepted, attended (portfolio experiences) and given feedback."""
    for kind, class_name, days in visits:
        offer, day = demo.kinds[kind], demo.past(days)
        if day >= demo.today or class_name not in demo.classes:
            continue
        booking = _book(
            ctx, offer, demo.classes[class_name], demo.docent, day,
            teams_note="Project Duurzaam wonen" if kind == "visit" else "",
            message="Onze leerlingen werken aan een project en willen graag zien hoe het in de praktijk gaat.",
        )  # fmt: skip
        if booking is None:
            continue
        services.accept_booking(demo.partner_user, booking, today=day - datetime.timedelta(days=14))
        students = [e.student for e in services.attendance_candidates(booking)]
        present = [s for s in students if s == demo.student or rng.random() < 0.9]
        share = kind == "visit"
        services.confirm_attendance(demo.docent, booking, students=present, share_first_names=share, today=demo.today)
        services.leave_feedback(
            demo.docent,
            booking,
            rating=rng.choice([4, 5]),
            text="Heel goed voorbereid; de leerlingen mochten veel zelf doen.",
        )
        for attendee in present[:2]:
            services.leave_feedback(
                attendee,
                booking,
                rating=rng.choice([3, 4, 5]),
                text="Leuk om te zien hoe het echt gaat, ik wil er meer over weten.",
            )


def _waiting_for_attendance(ctx, demo, upcoming):
    """A guest lesson that took place, still waiting for the teacher to confirm attendance."""
    day = demo.past(5)
    if day < demo.today and "waiting" in upcoming:
        waiting = _book(ctx, demo.kinds["lesson"], demo.classes[upcoming["waiting"]], demo.docent, day)
        if waiting:
            services.accept_booking(demo.partner_user, waiting, today=day - datetime.timedelta(days=10))


def _upcoming_in_every_state(ctx, demo, upcoming):
    today, classes, kinds, nearby = demo.today, demo.classes, demo.kinds, demo.nearby
    if "confirmed" in upcoming:
        confirmed = _book(
            ctx,
            kinds["visit"],
            classes[upcoming["confirmed"]],
            demo.docent,
            demo.ahead(18),
            when=today,
            teams_note="Teams 1 t/m 4",
        )
        if confirmed:
            services.accept_booking(demo.partner_user, confirmed, today=today)
    if "requested" in upcoming:
        _book(
            ctx, kinds["lesson"], classes[upcoming["requested"]], demo.docent, demo.ahead(30), when=today,
            message="Kan de gastles over duurzaam bouwen gaan? Dat past bij ons project.",
        )  # fmt: skip
    if "proposed" in upcoming:
        proposed = _book(
            ctx, kinds["visit"], classes[upcoming["proposed"]], demo.coordinator, demo.ahead(9), when=today
        )
        if proposed:
            services.propose_date(
                demo.partner_user,
                proposed,
                new_date=demo.ahead(16),
                note="Die week zijn we op de bouwplaats; past deze dag?",
                today=today,
            )
    if "declined" in upcoming:
        declined = _book(
            ctx, kinds["interview"], classes[upcoming["declined"]], demo.docent, demo.ahead(25), when=today
        )
        if declined:
            services.decline_booking(
                demo.partner_user, declined, reason="In die periode zijn onze vakmensen op cursus."
            )
    if "cancelled" in upcoming and nearby:
        cancelled = _book(ctx, nearby[0], classes[upcoming["cancelled"]], demo.coordinator, demo.ahead(40), when=today)
        if cancelled:
            services.cancel_booking(demo.coordinator, cancelled, reason="De toetsweek is verschoven.", today=today)
    if "elsewhere" in upcoming and nearby:
        _book(ctx, nearby[1 % len(nearby)], classes[upcoming["elsewhere"]], demo.docent, demo.ahead(35), when=today)


def _busy_partner(ctx, offers):
    """Other schools of network A ask Van Dijk a lot, so the coach sees an over-asked partner."""
    school_a, van_dijk = ctx.data["school_a"], ctx.data["partner_org"]
    partner_user, year = ctx.data["users"]["partner"], ctx.data["year"]
    visit = next(o for o in offers if o.partner_id == van_dijk.pk and o.kind == OfferKind.COMPANY_VISIT)
    for i, school in enumerate(School.objects.filter(network_id=school_a.network_id).exclude(pk=school_a.pk)[:4]):
        teacher = staff_of_school(school.pk).first()
        class_group = ClassGroup.objects.filter(school=school, school_year=year).first()
        if teacher and class_group:
            b = _book(ctx, visit, class_group, teacher, _weekday(ctx.day(50 + 3 * i)), when=ctx.today)
            if b and i % 2 == 0:
                services.accept_booking(partner_user, b, today=ctx.today)
