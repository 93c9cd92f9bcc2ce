"""Demo data for the partner network: a profile and 1-4 offers for every
demo partner, bookings of school A in every state (past and upcoming), some
students of school A with visit experiences, and bookings of other schools
so the coverage page has something to say. Built through the services."""

import datetime

from core import mail
from core.seeding import register_seeder
from organisation.models import ClassGroup, Level, PartnerOrganisation, School, Sector
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
    today = ctx.today
    year = ctx.data["year"]
    levels = list(Level.objects.order_by("order"))
    with mail.muted():
        offers = _offers(rng, year, levels, ctx.data["partner_org"])
        _bookings(ctx, rng, today, offers)
    ctx.log(f"  {len(offers)} partner offers, {Booking.objects.count()} bookings")


def _offers(rng, year, levels, demo_partner):
    created = []
    domain_ids = set(Sector.objects.filter(kind=Sector.Kind.DOMAIN).values_list("pk", flat=True))
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
        if org.pk == demo_partner.pk:  # the demo partner shows every kind that students take part in
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
                capacity=capacity * 3 if org.pk == demo_partner.pk else capacity,
                capacity_period=period,
                practical_notes=NOTES.get(kind, ""),
                challenge_url="https://www.techmakers.nl/opdrachtenbank" if kind == OfferKind.CHALLENGE else "",
            )
            offer.sectors.set(sectors)
            offer.levels.set(levels if rng.random() < 0.6 else levels[:2])
            # Available all school year.
            AvailabilityWindow.objects.create(offer=offer, start_date=year.start_date, end_date=year.end_date)
            created.append(offer)
    return created


def _bookings(ctx, rng, today, offers):
    school_a = ctx.data["school_a"]
    users = ctx.data["users"]
    docent, coordinator, partner_user = users["docent"], users["coordinator"], users["partner"]
    year = ctx.data["year"]
    classes_a = {c.name: c for c in ClassGroup.objects.filter(school=school_a, school_year=year)}
    van_dijk = ctx.data["partner_org"]
    mine = {o.kind: o for o in offers if o.partner_id == van_dijk.pk}
    visit, lesson, interview = mine[OfferKind.COMPANY_VISIT], mine[OfferKind.GUEST_LESSON], mine[OfferKind.INTERVIEW]
    others = [o for o in offers if o.partner_id != van_dijk.pk and o.kind in EXPERIENCE]
    nearby = [o for o in others if school_a.network_id in {n.pk for n in o.partner.networks.all()}] or others

    def book(offer, class_group, teacher, day, when=None, **extra):
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
        except services.BookingError as error:  # e.g. a date beyond the school year
            ctx.log(f"  skipped a demo booking on {day}: {error.message}")
            return None

    def weekday(day):
        while day.weekday() >= 5:  # schools visit on weekdays
            day += datetime.timedelta(days=1)
        return day

    def past(days):
        day = weekday(max(today - datetime.timedelta(days=days), year.start_date + datetime.timedelta(days=1)))
        return day if day < today else today - datetime.timedelta(days=1)

    def ahead(days):
        return weekday(today + datetime.timedelta(days=days))

    # Visits that took place: attendance (portfolio experiences) and feedback.
    for offer, class_name, days in [(visit, "3A", 40), (interview, "3A", 75), (lesson, "2A", 20)]:
        day = past(days)
        if day >= today:
            continue
        booking = book(
            offer,
            classes_a[class_name],
            docent,
            day,
            teams_note="Project Duurzaam wonen" if offer == visit else "",
            message="Onze leerlingen werken aan een project en willen graag zien hoe het in de praktijk gaat.",
        )
        if booking is None:
            continue
        services.accept_booking(partner_user, booking, today=day - datetime.timedelta(days=14))
        students = [e.student for e in services.attendance_candidates(booking)]
        present = [s for s in students if s == users["leerling"] or rng.random() < 0.9]
        services.confirm_attendance(docent, booking, students=present, share_first_names=offer == visit, today=today)
        services.leave_feedback(
            docent,
            booking,
            rating=rng.choice([4, 5]),
            text="Heel goed voorbereid; de leerlingen mochten veel zelf doen.",
        )
        for student in present[:2]:
            services.leave_feedback(
                student,
                booking,
                rating=rng.choice([3, 4, 5]),
                text="Leuk om te zien hoe het echt gaat, ik wil er meer over weten.",
            )
    # A guest lesson that took place, still waiting for the teacher to confirm attendance.
    day = past(5)
    if day < today:
        waiting = book(lesson, classes_a["3B"], docent, day)
        if waiting:
            services.accept_booking(partner_user, waiting, today=day - datetime.timedelta(days=10))
    # Upcoming, in every state.
    confirmed = book(visit, classes_a["3A"], docent, ahead(18), when=today, teams_note="Teams 1 t/m 4")
    if confirmed:
        services.accept_booking(partner_user, confirmed, today=today)
    book(
        lesson,
        classes_a["3A"],
        docent,
        ahead(30),
        when=today,
        message="Kan de gastles over duurzaam bouwen gaan? Dat past bij ons project.",
    )
    proposed = book(visit, classes_a["4A"], coordinator, ahead(9), when=today)
    if proposed:
        services.propose_date(
            partner_user,
            proposed,
            new_date=ahead(16),
            note="Die week zijn we op de bouwplaats; past deze dag?",
            today=today,
        )
    declined = book(interview, classes_a["4B"], docent, ahead(25), when=today)
    if declined:
        services.decline_booking(partner_user, declined, reason="In die periode zijn onze vakmensen op cursus.")
    cancelled = book(nearby[0], classes_a["1A"], coordinator, ahead(40), when=today)
    if cancelled:
        services.cancel_booking(coordinator, cancelled, reason="De toetsweek is verschoven.", today=today)
    book(nearby[1 % len(nearby)], classes_a["2B"], docent, ahead(35), when=today)
    # Other schools of network A ask Van Dijk a lot, so the coach sees an over-asked partner.
    for i, school in enumerate(School.objects.filter(network_id=school_a.network_id).exclude(pk=school_a.pk)[:4]):
        teacher = staff_of_school(school.pk).first()
        class_group = ClassGroup.objects.filter(school=school, school_year=year).first()
        if teacher and class_group:
            b = book(visit, class_group, teacher, ahead(50 + 3 * i), when=today)
            if b and i % 2 == 0:
                services.accept_booking(partner_user, b, today=today)
