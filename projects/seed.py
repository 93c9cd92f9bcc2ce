"""Demo data for projects at school A, one in every stage, built through the
services: choosing (leerjaar 2), running (leerjaar 3, teams in Plannen and
Uitvoeren), presenting (3A, with Bouwbedrijf Van Dijk as client) and finished
(last school year, with assessments, results and reflections). The demo
student ``leerling`` is in the running, presenting and finished projects."""

import datetime
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from assignments.models import Assignment, SharingScope
from core.seeding import register_seeder
from organisation.models import ClassGroup
from projects import services
from projects.models import (
    Assessment,
    Deliverable,
    FinalReflection,
    GoDecision,
    LogEntry,
    Message,
    Participant,
    Phase,
    Project,
    Task,
    Team,
    TeamMembership,
    TeamRole,
)

TASKS = [
    ("Vragen voor de opdrachtgever opstellen", Phase.ORIENTEREN),
    ("Programma van eisen uitwerken", Phase.ORIENTEREN),
    ("Drie schetsen maken", Phase.PLANNEN),
    ("Plan van aanpak schrijven", Phase.PLANNEN),
    ("Materiaallijst maken", Phase.PLANNEN),
    ("Metingen doen op locatie", Phase.UITVOEREN),
    ("Prototype bouwen", Phase.UITVOEREN),
    ("Prototype testen met gebruikers", Phase.UITVOEREN),
    ("Presentatie voorbereiden", Phase.PRESENTEREN),
]
LOG_TEXTS = [
    "We hebben de opdracht gelezen en vragen bedacht voor de opdrachtgever.",
    "Gesprek met de opdrachtgever gehad. We weten nu beter wat ze willen.",
    "Het programma van eisen is af en gemaild naar de opdrachtgever.",
    "We hebben drie schetsen gemaakt en samen de beste gekozen.",
    "Plan van aanpak afgemaakt: iedereen weet wat hij moet doen.",
    "Materialen verzameld in de werkplaats. Het zagen ging lastiger dan gedacht.",
    "Eerste versie van het prototype staat. Morgen testen.",
    "Test gedaan met vijf mensen; twee verbeterpunten genoteerd.",
]
REQUIREMENTS = [
    "Het ontwerp is veilig voor bezoekers",
    "Het is van tien meter afstand te lezen",
    "Het kost minder dan 150 euro aan materiaal",
    "Het is binnen een dag te plaatsen",
    "Het past bij de huisstijl van de opdrachtgever",
]
QUESTIONS = [
    "Mogen we volgende week de werkplaats gebruiken voor ons prototype?",
    "Moeten we de begroting ook in het plan van aanpak zetten?",
    "Wanneer komt de opdrachtgever langs voor de tussenpresentatie?",
]


def _at(day: datetime.date, hour=10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _usable_assignments(ctx):
    """Published assignments school A may use, with a rubric; creates a few
    through the assignments services when the library is empty."""
    school_a, partner_org = ctx.data["school_a"], ctx.data["partner_org"]
    qs = (
        Assignment.objects.filter(status=Assignment.Status.PUBLISHED, current_version__isnull=False)
        .filter(
            Q(owner_school=school_a)
            | Q(sharing_scope=SharingScope.NATIONAL)
            | Q(sharing_scope=SharingScope.NETWORK, owner_school__network_id=school_a.network_id)
        )
        .select_related("current_version")
        .order_by("pk")
    )
    usable = [a for a in qs if a.current_version.rubric_criteria]
    if len(usable) < 8 or not any(a.client_id == partner_org.pk for a in usable):
        usable += _create_assignments(ctx, have_partner=any(a.client_id == partner_org.pk for a in usable))
    return usable


def _create_assignments(ctx, have_partner):
    from assignments import services as library
    from organisation.models import Level, Sector

    users, school_a, partner_org = ctx.data["users"], ctx.data["school_a"], ctx.data["partner_org"]
    rubric = {
        "levels": ["onvoldoende", "voldoende", "goed", "uitstekend"],
        "criteria": [
            {
                "name": "Het product voldoet aan het programma van eisen",
                "kind": "product",
                "descriptors": ["Minder dan de helft", "De belangrijkste eisen", "Alle eisen", "Alle eisen en meer"],
            },
            {
                "name": "Presentatie aan de opdrachtgever",
                "kind": "product",
                "descriptors": ["Onduidelijk", "Duidelijk", "Goed voorbereid", "Overtuigend"],
            },
            {
                "name": "Samenwerken en plannen",
                "kind": "process",
                "descriptors": [
                    "Afspraken niet nagekomen",
                    "Planning grotendeels gevolgd",
                    "Iedereen draagt bij",
                    "Team stuurt zichzelf",
                ],
            },
            {
                "name": "Terugkijken op eigen handelen",
                "kind": "process",
                "descriptors": ["Oppervlakkig", "Benoemt wat goed ging", "Met voorbeelden", "Met een volgende stap"],
            },
        ],
    }
    rows = [
        (
            "Veilig over de bouwplaats",
            partner_org,
            "Bezoekers weten niet waar ze mogen lopen. Ontwerp looproutes en borden die iedereen begrijpt.",
            ["bouw", "techniek"],
        ),
        (
            "Een tiny house voor starters",
            partner_org,
            "Ontwerp een tiny house van maximaal 30 m² dat in de werkplaats gebouwd kan worden.",
            ["bouw", "creatief-ontwerp"],
        ),
        ("Het koele schoolplein", None, "Het schoolplein is grijs en heet. Ontwerp een groener plein.", ["groen"]),
        (
            "Brood van gisteren",
            None,
            "Bedenk een product met brood van gisteren en test het in de winkel.",
            ["horeca-voeding"],
        ),
        (
            "Beweegspel voor bewoners",
            None,
            "Bedenk een spel dat ouderen met plezier laat bewegen.",
            ["zorg-en-welzijn"],
        ),
        (
            "De slimme fietsenstalling",
            None,
            "Ontwerp een stalling die laat zien waar nog plek is.",
            ["techniek", "ict-media"],
        ),
        (
            "Afval scheiden in de kantine",
            None,
            "Bedenk hoe leerlingen hun afval beter scheiden.",
            ["groen", "dienstverlening"],
        ),
        ("Een app voor de bibliotheek", None, "Ontwerp een app die jongeren naar de bibliotheek trekt.", ["ict-media"]),
    ]
    made = []
    levels = list(Level.objects.filter(code__in=["vmbo-gl", "vmbo-tl"]))
    for title, client, problem, sector_slugs in rows:
        if client is not None and have_partner:
            continue
        existing = Assignment.objects.filter(owner_school=school_a, title=title).first()
        if existing is None:
            content = library.Content(
                title=title,
                problem_statement=problem,
                expected_result="Een prototype en een presentatie voor de opdrachtgever.",
                client=client,
                client_name="" if client else "Vakcollege De Brug",
                client_kind="bedrijf",
                levels=levels,
                leerjaar_min=2,
                leerjaar_max=4,
                sectors=list(Sector.objects.filter(slug__in=sector_slugs)),
                competencies=["samenwerken", "ontwerpen", "maken", "presenteren"],
                rubric=rubric,
            )
            existing = library.create_assignment(users["docent"], school_a, content)
            library.publish_assignment(users["docent"], existing, SharingScope.SCHOOL)
        existing.refresh_from_db()
        made.append(existing)
    return made


def _classes(ctx, year, names):
    return list(ClassGroup.objects.filter(school=ctx.data["school_a"], school_year=year, name__in=names))


def _choose_all(project, rng, *, share=1.0, prefer=None):
    """Students rank the assignments (mostly their own taste, some follow
    ``prefer``); ``share`` of them hand in."""
    pas = list(project.project_assignments.order_by("order"))
    for participant in project.participants.select_related("student").order_by("student_id"):
        if rng.random() > share:
            continue
        # Popular first assignments: not everybody can get their first choice.
        weights = {pa.pk: 6 / (i + 1) for i, pa in enumerate(pas)}
        ranking = sorted(pas, key=lambda pa: -weights[pa.pk] * rng.random())
        if prefer and participant.student_id in prefer:
            target = prefer[participant.student_id]
            ranking.remove(target)
            ranking.insert(0, target)
        strengths = rng.sample(
            ["samenwerken", "plannen", "presenteren", "onderzoeken", "ontwerpen", "maken", "contact"], 2
        )
        services.submit_choices(participant.student, participant, ranking, strengths)


def _place(project, student, pa):
    membership = TeamMembership.objects.get(project=project, student=student)
    if membership.team.project_assignment_id == pa.pk:
        return
    for team in project.teams.filter(project_assignment=pa).order_by("number"):
        if team.memberships.count() < project.team_size_max:
            services.move_student(None, project, student, team)
            return
    services.move_student(None, project, student, pa)


def _fill_team(team, rng, coach, *, until: str, today: datetime.date, start: datetime.date, agreed=True):
    """Work of a team up to (and including) phase ``until``."""
    members = list(team.memberships.select_related("student").order_by("student__first_name"))
    students = [m.student for m in members]
    roles = [TeamRole.CHAIR, TeamRole.PLANNER, TeamRole.CONTACT, TeamRole.SECRETARY, TeamRole.DESIGNER]
    services.set_roles(students[0], team, {m.pk: roles[i] for i, m in enumerate(members) if i < len(roles)})
    order = [Phase.ORIENTEREN, Phase.PLANNEN, Phase.UITVOEREN, Phase.PRESENTEREN, Phase.TERUGKIJKEN]
    reached = order.index(Phase(until))
    for text in REQUIREMENTS[: 3 + rng.randint(0, 2)]:
        services.add_requirement(students[0], team, text=text)
    if agreed or reached > 0:
        services.agree_requirements(students[0], team)
    for i, (title, phase) in enumerate(TASKS):
        if order.index(phase) > reached + 1:
            continue
        due = start + datetime.timedelta(days=3 + i * 4)
        task = services.create_task(
            students[i % len(students)],
            team,
            title=title,
            owner_id=students[i % len(students)].pk,
            due_date=due,
            phase=phase,
        )
        status = (
            Task.Status.DONE if order.index(phase) < reached else (Task.Status.DOING if i % 2 else Task.Status.TODO)
        )
        if status != Task.Status.TODO:
            services.update_task(
                students[i % len(students)], task.pk, changes={"status": status}, seen={"status": Task.Status.TODO}
            )
    for i, text in enumerate(LOG_TEXTS[: 2 + reached * 2]):
        entry_day = min(today, start + datetime.timedelta(days=2 + i * 3))
        services.add_log_entry(students[i % len(students)], team, text=text, date=entry_day)
    if reached >= 1:
        services.add_deliverable(
            students[1 % len(students)],
            team,
            title="Plan van aanpak",
            kind=Deliverable.Kind.PLAN,
            url="https://docs.example.nl/plan-van-aanpak",
        )
    # Walk the work process through the services.
    if reached >= 1:
        services.complete_phase(students[0], team, is_staff=False)
    if reached >= 2:
        services.decide_go(
            coach,
            team,
            decision=GoDecision.Decision.GO,
            motivation="Jullie plan is duidelijk en haalbaar. Let op de planning van de werkplaats.",
        )
    if reached >= 3:
        services.add_deliverable(
            students[0],
            team,
            title="Prototype (foto's en tekening)",
            kind=Deliverable.Kind.WORK,
            url="https://docs.example.nl/prototype",
        )
        services.decide_go(
            coach, team, decision=GoDecision.Decision.GO, motivation="Het prototype werkt. Door naar de presentatie!"
        )
        services.add_deliverable(
            students[0],
            team,
            title="Eindproduct",
            kind=Deliverable.Kind.PRODUCT,
            url="https://docs.example.nl/eindproduct",
        )
        services.add_deliverable(
            students[1 % len(students)],
            team,
            title="Presentatie voor de opdrachtgever",
            kind=Deliverable.Kind.PRESENTATION,
            url="https://docs.example.nl/presentatie",
        )
    if reached >= 4:
        for requirement in team.requirements.all():
            services.check_requirement(students[0], requirement, result=rng.choice(["ja", "ja", "deels"]), note="")
        services.complete_phase(coach, team, is_staff=True)
    return students


def _assess(team, rng, coach, students, partner=None, outlier=False):
    parts = services.rubric_parts(team.project_assignment.version)
    top = len(parts["levels"]) - 1
    services.save_assessment(
        coach,
        team,
        role=Assessment.Role.COACH,
        scores={i: rng.randint(1, top) for i in parts["product"]},
        comment="Een degelijk product dat aan de belangrijkste eisen voldoet.",
    )
    if partner is not None:
        services.save_assessment(
            partner,
            team,
            role=Assessment.Role.PARTNER,
            scores={i: rng.randint(2, top) for i in parts["product"]},
            comment="Mooi werk, hier kunnen we echt iets mee.",
        )
    for student in students:
        services.save_assessment(
            coach,
            team,
            role=Assessment.Role.COACH,
            subject=student,
            scores={i: rng.randint(1, top) for i in parts["process"]},
        )
        services.save_assessment(
            student,
            team,
            role=Assessment.Role.SELF,
            subject=student,
            scores={i: rng.randint(1, top) for i in parts["product"] + parts["process"]},
        )
    for rater in students:
        ratings = {}
        for ratee in students:
            if ratee == rater:
                continue
            low = outlier and ratee == students[-1] and len(students) > 2
            ratings[ratee.pk] = (2 if low else rng.randint(4, 5), 2 if low else rng.randint(4, 5), "")
        services.save_peer_evaluations(rater, team, ratings)


@register_seeder("projects", order=30)
def seed_projects(ctx):
    if Project.objects.exists():
        return
    rng = ctx.rng("projects")
    users = ctx.data["users"]
    school_a, year, previous = ctx.data["school_a"], ctx.data["year"], ctx.data["previous_year"]
    docent, coordinator, leerling = users["docent"], users["coordinator"], users["leerling"]
    partner_user, partner_org = users["partner"], ctx.data["partner_org"]
    today = ctx.today
    library = _usable_assignments(ctx)
    van_dijk = [a for a in library if a.client_id == partner_org.pk]
    others = [a for a in library if a.client_id != partner_org.pk]

    def days(n):
        return today + datetime.timedelta(days=n)

    # 1. Choosing: leerjaar 2, starts next week.
    choosing = services.create_project(
        docent,
        school=school_a,
        school_year=year,
        assignments=others[0:3],
        classes=_classes(ctx, year, ["2A", "2B"]),
        coaches=[docent, coordinator],
        title="Leerjaar 2 · Slimme oplossingen voor de school",
        period="periode 4",
        description="Drie opdrachten van echte opdrachtgevers. Kies wat jou het meest aanspreekt!",
        start_date=days(7),
        end_date=days(49),
        team_size_min=3,
        team_size_max=5,
        min_choices=3,
        choice_deadline=_at(days(5), 16),
        deadline_orienteren=days(14),
        deadline_plannen=days(21),
        deadline_uitvoeren=days(38),
        deadline_presenteren=days(45),
        deadline_terugkijken=days(49),
    )
    services.open_choice(docent, choosing)
    _choose_all(choosing, rng, share=0.7)
    students = list(choosing.participants.select_related("student").order_by("student_id")[:4])
    if len(students) == 4:
        services.add_pair_constraint(docent, choosing, students[0].student, students[1].student, "apart")
        services.add_pair_constraint(docent, choosing, students[2].student, students[3].student, "samen")

    # 2. Running: leerjaar 3, teams in Plannen and Uitvoeren.
    running_pas = ([van_dijk[1]] if len(van_dijk) > 1 else []) + others[3:6]
    running = services.create_project(
        docent,
        school=school_a,
        school_year=year,
        assignments=running_pas[:3],
        classes=_classes(ctx, year, ["3A", "3B"]),
        coaches=[docent, coordinator],
        title="Leerjaar 3 · Bouwen aan de buurt",
        period="periode 3",
        description="Zes weken werken voor een opdrachtgever uit de buurt.",
        start_date=days(-21),
        end_date=days(28),
        team_size_min=3,
        team_size_max=5,
        min_choices=3,
        choice_deadline=None,
        deadline_orienteren=days(-12),
        deadline_plannen=days(-2),
        deadline_uitvoeren=days(16),
        deadline_presenteren=days(24),
        deadline_terugkijken=days(28),
    )
    services.open_choice(docent, running)
    _choose_all(running, rng)
    services.run_allocation(docent, running, seed=1)
    services.publish_allocation(docent, running)
    teams = list(running.teams.order_by("number"))
    my_team = Team.objects.get(project=running, memberships__student=leerling)
    for i, team in enumerate(teams):
        phase = (
            Phase.UITVOEREN
            if team == my_team or i not in (1, 2, 4)
            else (Phase.ORIENTEREN if i == 2 else Phase.PLANNEN)
        )
        members = _fill_team(
            team, rng, docent, until=phase, today=today, start=running.start_date, agreed=phase != Phase.ORIENTEREN
        )
        if i % 4 == 1:
            services.post_message(members[0], team, text=rng.choice(QUESTIONS), from_coach=False)
        if i % 4 != 2:
            services.add_log_entry(
                members[-1],
                team,
                text="Vandaag verder gewerkt volgens de planning.",
                date=today - datetime.timedelta(days=1 + i % 3),
            )
        if team.phase == Phase.PLANNEN and i % 2:
            services.decide_go(
                docent,
                team,
                decision=GoDecision.Decision.NO_GO,
                motivation="Jullie planning mist nog de taakverdeling en de materiaallijst. Vul dat aan en laat het me vrijdag zien.",
            )
    members = [m.student for m in my_team.memberships.select_related("student")]
    services.post_message(
        docent, my_team, text="Goed bezig met het prototype! Vergeet niet je logboek bij te houden.", from_coach=True
    )
    services.post_message(
        leerling, my_team, text="Mogen we donderdag in de werkplaats werken aan het prototype?", from_coach=False
    )
    services.create_task(
        leerling,
        my_team,
        title="Onderdelen bestellen bij de TOA",
        owner_id=leerling.pk,
        due_date=days(-1),
        phase=Phase.UITVOEREN,
    )
    services.create_task(
        leerling,
        my_team,
        title="Tussenpresentatie voorbereiden",
        owner_id=leerling.pk,
        due_date=days(4),
        phase=Phase.UITVOEREN,
    )
    services.record_conversation(
        docent,
        my_team,
        student=leerling,
        date=days(-5),
        notes="We hebben gesproken over je rol als planner en hoe het samenwerken gaat.",
        agreements="Sanne zet elke maandag de taken van de week op het planbord.",
        follow_up_date=days(9),
        private_note="Let op: Sanne neemt veel werk op zich, bespreken met de mentor.",
    )
    pa = my_team.project_assignment
    services.update_project_assignment(
        docent,
        pa,
        kickoff_at=_at(days(-18), 13),
        kickoff_location="Bouwkeet aan de Stationsweg",
        presentation_at=_at(days(22), 14),
        presentation_location="Aula",
    )

    # 3. Presenting: class 3A, Bouwbedrijf Van Dijk is client.
    presenting_pas = [van_dijk[0], others[6 % len(others)]] if van_dijk else others[6:8]
    presenting = services.create_project(
        docent,
        school=school_a,
        school_year=year,
        assignments=presenting_pas,
        classes=_classes(ctx, year, ["3A"]),
        coaches=[docent],
        title="T&T 3A · Veilig en slim bouwen",
        period="periode 2-3",
        description="Technologie & Toepassing: twee opdrachten uit de bouw en de gemeente.",
        start_date=days(-42),
        end_date=days(7),
        team_size_min=3,
        team_size_max=5,
        min_choices=2,
        choice_deadline=None,
        deadline_orienteren=days(-35),
        deadline_plannen=days(-28),
        deadline_uitvoeren=days(-3),
        deadline_presenteren=days(4),
        deadline_terugkijken=days(7),
    )
    services.open_choice(docent, presenting)
    pas = list(presenting.project_assignments.order_by("order"))
    _choose_all(presenting, rng, prefer={leerling.pk: pas[0]})
    services.run_allocation(docent, presenting, seed=2)
    _place(presenting, leerling, pas[0])
    services.publish_allocation(docent, presenting)
    for i, pa in enumerate(pas):
        services.update_project_assignment(
            docent,
            pa,
            kickoff_at=_at(days(-38), 13),
            kickoff_location="Op school, lokaal T1.12",
            presentation_at=_at(days(2), 13),
            presentation_location="Kantoor van de opdrachtgever" if i == 0 else "Aula",
        )
    for i, team in enumerate(presenting.teams.order_by("number")):
        members = _fill_team(team, rng, docent, until=Phase.PRESENTEREN, today=today, start=presenting.start_date)
        services.add_presentation_slot(
            docent,
            team.project_assignment,
            starts_at=_at(days(2), 13) + datetime.timedelta(minutes=20 * i),
            duration_minutes=15,
            location=team.project_assignment.presentation_location,
            team=team,
        )
        if i == 0:
            _assess(
                team,
                rng,
                docent,
                members,
                partner=partner_user if team.project_assignment.client_id == partner_org.pk else None,
            )

    # 4. Finished: last school year, leerjaar 2 (leerling was in 2A).
    if previous is not None:
        start = previous.start_date.replace(year=previous.start_date.year + 1, month=3, day=2)
        finished = services.create_project(
            docent,
            school=school_a,
            school_year=previous,
            assignments=others[8:10] if len(others) >= 10 else others[:2],
            classes=_classes(ctx, previous, ["2A"]),
            coaches=[docent],
            title="Leerjaar 2 · Duurzaam wonen",
            period="periode 4",
            description="Opdrachten over duurzaam wonen en werken.",
            start_date=start,
            end_date=start + datetime.timedelta(days=42),
            team_size_min=3,
            team_size_max=5,
            min_choices=2,
            choice_deadline=None,
            deadline_orienteren=start + datetime.timedelta(days=7),
            deadline_plannen=start + datetime.timedelta(days=14),
            deadline_uitvoeren=start + datetime.timedelta(days=30),
            deadline_presenteren=start + datetime.timedelta(days=38),
            deadline_terugkijken=start + datetime.timedelta(days=42),
        )
        services.open_choice(docent, finished)
        _choose_all(finished, rng)
        services.run_allocation(docent, finished, seed=3)
        services.publish_allocation(docent, finished)
        for team in finished.teams.order_by("number"):
            members = _fill_team(team, rng, docent, until=Phase.TERUGKIJKEN, today=finished.end_date, start=start)
            _assess(team, rng, docent, members, outlier=team.number == 2)
            team.refresh_from_db()
            for membership in team.memberships.select_related("student"):
                if membership.student_id != leerling.pk and rng.random() < 0.25:
                    continue
                services.submit_reflection(
                    membership.student,
                    membership,
                    product="Ons ontwerp voldeed aan bijna alle eisen. De opdrachtgever vond het idee origineel, maar de afwerking kon beter.",
                    process="De planning liep in het begin uit, daarna hebben we elke week de taken verdeeld en ging het beter.",
                    own_actions="Ik was de planner. Ik merkte dat ik goed overzicht kan houden en dat ik het leuk vind om met echte klanten te praten. Volgende keer wil ik meer in de werkplaats doen.",
                )
        for row in services.result_rows(finished):
            product = row["coach_product"] or Decimal("6.5")
            process = row["coach_process"] or Decimal("6.5")
            services.set_result(
                docent,
                finished,
                row["student"],
                product_grade=product,
                process_grade=process,
                final_grade=((product + process) / 2).quantize(Decimal("0.1")),
                note="",
            )
        Project.objects.filter(pk=finished.pk).update(choice_deadline=_at(start - datetime.timedelta(days=7), 16))
        services.finish_project(docent, finished)
        end = _at(finished.end_date, 15)
        Project.objects.filter(pk=finished.pk).update(
            finished_at=end, published_at=_at(start, 9), allocated_at=_at(start - datetime.timedelta(days=3))
        )
        FinalReflection.objects.filter(membership__project=finished).update(
            submitted_at=_at(finished.end_date - datetime.timedelta(days=2), 11)
        )
        GoDecision.objects.filter(team__project=finished).update(decided_at=_at(start + datetime.timedelta(days=20)))
        Message.objects.filter(team__project=finished).update(created_at=_at(start + datetime.timedelta(days=10)))

    # Backdate choices and work of the running projects so the pages read naturally.
    Participant.objects.filter(project__in=[running, presenting], choices_submitted_at__isnull=False).update(
        choices_submitted_at=_at(days(-24))
    )
    Project.objects.filter(pk__in=[running.pk, presenting.pk]).update(choice_deadline=_at(days(-25), 16))
    Project.objects.filter(pk=running.pk).update(published_at=_at(days(-21), 8), allocated_at=_at(days(-22), 15))
    Project.objects.filter(pk=presenting.pk).update(published_at=_at(days(-42), 8), allocated_at=_at(days(-43), 15))
    GoDecision.objects.filter(team__project=running).update(decided_at=_at(days(-3), 12))
    GoDecision.objects.filter(team__project=presenting, phase=Phase.PLANNEN).update(decided_at=_at(days(-28), 12))
    GoDecision.objects.filter(team__project=presenting, phase=Phase.UITVOEREN).update(decided_at=_at(days(-3), 12))
    LogEntry.objects.filter(team__project__in=[running, presenting], date__gt=today).update(date=today)
    ctx.log(f"  {Project.objects.count()} projects, {Team.objects.count()} teams")
