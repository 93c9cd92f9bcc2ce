"""Demo data for projects, one in every stage, built through the services and
dated relative to the demo's today (every action gets its moment, ``now=``).

School A (``docent``): running (leerjaar 3, teams in Oriënteren, Plannen and
Uitvoeren), presenting (3A, with Bouwbedrijf Van Dijk as client), leerjaar 3's
next project open for choosing (until 12 days from today) and finished (last
school year, with assessments, results and reflections). ``leerling`` is in all
four.

School B (``docent2``): running (2A, ``leerling2``'s team in Uitvoeren), the
next project of 2A open for choosing, and a finished one of last school year."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q

from assignments.models import Assignment, SharingScope
from core import mail
from core.seeding import register_seeder
from notifications.models import Notification
from organisation.models import ClassGroup, PartnerContact
from projects import services
from projects.models import (
    Assessment,
    Deliverable,
    GoDecision,
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


def _usable_assignments(school, author, partner_org=None):
    """Published assignments the school may use, with a rubric; creates a few
    through the assignments services when the library has too few."""
    qs = (
        Assignment.objects.filter(status=Assignment.Status.PUBLISHED, current_version__isnull=False)
        .filter(
            Q(owner_school=school)
            | Q(sharing_scope=SharingScope.NATIONAL)
            | Q(sharing_scope=SharingScope.NETWORK, owner_school__network_id=school.network_id)
        )
        .select_related("current_version")
        .order_by("pk")
    )
    usable = [a for a in qs if a.current_version.rubric_criteria]
    has_partner = partner_org is None or any(a.client_id == partner_org.pk for a in usable)
    if len(usable) < 10 or not has_partner:
        usable += _create_assignments(school, author, partner_org, have_partner=has_partner)
    return usable


def _create_assignments(school, author, partner_org, have_partner):
    from assignments import services as library
    from organisation.models import Level, Sector

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
    rows = [(title, partner_org if client else None, problem, slugs) for title, client, problem, slugs in rows]
    for title, client, problem, sector_slugs in rows:
        if client is not None and (have_partner or partner_org is None):
            continue
        existing = Assignment.objects.filter(owner_school=school, title=title).first()
        if existing is None:
            content = library.Content(
                title=title,
                problem_statement=problem,
                expected_result="Een prototype en een presentatie voor de opdrachtgever.",
                client=client,
                client_name="" if client else school.name,
                client_kind="bedrijf",
                levels=levels,
                leerjaar_min=2,
                leerjaar_max=4,
                sectors=list(Sector.objects.filter(slug__in=sector_slugs)),
                competencies=["samenwerken", "ontwerpen", "maken", "presenteren"],
                rubric=rubric,
            )
            existing = library.create_assignment(author, school, content)
            library.publish_assignment(author, existing, SharingScope.SCHOOL)
        existing.refresh_from_db()
        made.append(existing)
    return made


def _classes(school, year, names):
    return list(ClassGroup.objects.filter(school=school, school_year=year, name__in=names).order_by("name"))


def _choose_all(project, rng, *, now, share=1.0, prefer=None, skip=()):
    """Students rank the assignments (mostly their own taste, some follow
    ``prefer``); ``share`` of them hand in, at ``now`` (never those in ``skip``)."""
    pas = list(project.project_assignments.order_by("order"))
    for participant in project.participants.select_related("student").order_by("student_id"):
        if rng.random() > share or participant.student_id in skip:
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
        services.submit_choices(participant.student, participant, ranking, strengths, now=now)


def _place(project, student, pa):
    membership = TeamMembership.objects.get(project=project, student=student)
    if membership.team.project_assignment_id == pa.pk:
        return
    for team in project.teams.filter(project_assignment=pa).order_by("number"):
        if team.memberships.count() < project.team_size_max:
            services.move_student(None, project, student, team)
            return
    services.move_student(None, project, student, pa)


PHASES = [Phase.ORIENTEREN, Phase.PLANNEN, Phase.UITVOEREN, Phase.PRESENTEREN, Phase.TERUGKIJKEN]


def _moments(ctx, start: datetime.date, until: datetime.date, steps: int) -> list[datetime.datetime]:
    """``steps`` moments spread evenly after ``start`` and before ``until``, in order."""
    span = max((until - start).days, steps + 1)
    return [ctx.at(start + datetime.timedelta(days=span * (i + 1) // (steps + 1)), 13) for i in range(steps)]


def _client_reviewer(team, coach):
    """Who approves a team's programma van eisen in the demo: a contact of the
    assignment's partner with a login, or the coach when the client is
    internal (or the partner has no login, so the demo can go on)."""
    client_id = team.project_assignment.client_id
    contact = client_id and PartnerContact.objects.filter(organisation_id=client_id, user__isnull=False).first()
    return contact.user if contact else coach


def _agree_requirements(team, student, coach, now):
    """The team submits its programma van eisen; its client approves it an hour later."""
    services.submit_requirements(student, team, now=now)
    services.review_requirements(
        _client_reviewer(team, coach),
        team,
        approve=True,
        comment="Helder lijstje, zo kunnen jullie verder.",
        now=now + datetime.timedelta(hours=1),
    )


def _fill_team(ctx, team, rng, coach, *, until: str, today: datetime.date, start: datetime.date, agreed=True):
    """Work of a team up to (and including) phase ``until``, every step at its
    own moment between the start and ``today``."""
    members = list(team.memberships.select_related("student").order_by("student__first_name"))
    students = [m.student for m in members]
    roles = [TeamRole.CHAIR, TeamRole.PLANNER, TeamRole.CONTACT, TeamRole.SECRETARY, TeamRole.DESIGNER]
    services.set_roles(students[0], team, {m.pk: roles[i] for i, m in enumerate(members) if i < len(roles)})
    reached = PHASES.index(Phase(until))
    # One moment per step of the work process: agreed, planned, executed, presented.
    step = _moments(ctx, start, today, 5)
    for text in REQUIREMENTS[: 3 + rng.randint(0, 2)]:
        services.add_requirement(students[0], team, text=text)
    if agreed or reached > 0:
        _agree_requirements(team, students[0], coach, step[0])
    for i, (title, phase) in enumerate(TASKS):
        if PHASES.index(phase) > reached + 1:
            continue
        due = start + datetime.timedelta(days=3 + i * 4)
        owner = students[i % len(students)]
        task = services.create_task(owner, team, title=title, owner_id=owner.pk, due_date=due, phase=phase)
        status = (
            Task.Status.DONE if PHASES.index(phase) < reached else (Task.Status.DOING if i % 2 else Task.Status.TODO)
        )
        if status != Task.Status.TODO:
            moment = step[min(PHASES.index(phase), len(step) - 1)]
            services.update_task(
                owner, task.pk, changes={"status": status}, seen={"status": Task.Status.TODO}, now=moment
            )
    for i, text in enumerate(LOG_TEXTS[: 2 + reached * 2]):
        entry_day = min(today, start + datetime.timedelta(days=2 + i * 3))
        services.add_log_entry(students[i % len(students)], team, text=text, date=entry_day)
    # Walk the work process through the services.
    if reached >= 1:
        services.add_deliverable(
            students[1 % len(students)],
            team,
            title="Plan van aanpak",
            kind=Deliverable.Kind.PLAN,
            url="https://docs.example.nl/plan-van-aanpak",
            now=step[0],
        )
        services.complete_phase(students[0], team, is_staff=False, now=step[0])

    def go(motivation, moment):
        services.decide_go(coach, team, decision=GoDecision.Decision.GO, motivation=motivation, now=moment)

    if reached >= 2:
        go("Jullie plan is duidelijk en haalbaar. Let op de planning van de werkplaats.", step[1])
    if reached >= 3:
        for title, kind, url in [
            ("Prototype (foto's en tekening)", Deliverable.Kind.WORK, "prototype"),
            ("Eindproduct", Deliverable.Kind.PRODUCT, "eindproduct"),
            ("Presentatie voor de opdrachtgever", Deliverable.Kind.PRESENTATION, "presentatie"),
        ]:
            services.add_deliverable(
                students[0], team, title=title, kind=kind, url=f"https://docs.example.nl/{url}", now=step[2]
            )
        go("Het prototype werkt. Door naar de presentatie!", step[2])
    if reached >= 4:
        for requirement in team.requirements.all():
            services.check_requirement(students[0], requirement, result=rng.choice(["ja", "ja", "deels"]))
        services.complete_phase(coach, team, is_staff=True, now=step[3])
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


@dataclass
class SchoolDemo:
    """Who and what a school's demo projects are made with."""

    school: object
    teacher: object
    coaches: list
    student: object  # the demo student of this school
    assignments: list  # usable, with a rubric
    client: object = None  # a partner organisation with a demo contact, if any
    client_user: object = None


def _schedule(ctx, start: int, weeks: int) -> dict:
    """Start and end ``start`` days from today, and the five phase deadlines spread over ``weeks``."""
    end = start + weeks * 7
    cut = [round(start + (end - start) * f) for f in (0.2, 0.4, 0.75, 0.9, 1.0)]
    return {
        "start_date": ctx.day(start),
        "end_date": ctx.day(end),
        "deadline_orienteren": ctx.day(cut[0]),
        "deadline_plannen": ctx.day(cut[1]),
        "deadline_uitvoeren": ctx.day(cut[2]),
        "deadline_presenteren": ctx.day(cut[3]),
        "deadline_terugkijken": ctx.day(cut[4]),
    }


def _choosing(ctx, rng, demo: SchoolDemo, *, year, assignments, classes, title, description):
    """The class's next project, its choice round open until 12 days from today
    (it starts after this period's project): most students have chosen, the
    demo student not yet."""
    project = services.create_project(
        demo.teacher,
        school=demo.school,
        school_year=year,
        assignments=assignments,
        classes=classes,
        coaches=demo.coaches,
        title=title,
        period="volgende periode",
        description=description,
        team_size_min=3,
        team_size_max=5,
        min_choices=min(3, len(assignments)),
        choice_deadline=ctx.at(12, 16),
        **_schedule(ctx, 33, 6),
    )
    services.open_choice(demo.teacher, project, now=ctx.at(-3, 9))
    _choose_all(project, rng, share=0.7, now=ctx.at(-1, 19), skip={demo.student.pk})
    # The teacher reminded who had not chosen yet (the demo student finds it in the bell).
    services.remind_to_choose(demo.teacher, project, now=ctx.at(0, 8))
    return project


def _allocated(ctx, rng, demo: SchoolDemo, *, year, assignments, classes, start, weeks, seed, prefer=None, **fields):
    """A project whose choice round closed before it started, allocated and published."""
    project = services.create_project(
        demo.teacher,
        school=demo.school,
        school_year=year,
        assignments=assignments,
        classes=classes,
        coaches=demo.coaches,
        team_size_min=3,
        team_size_max=5,
        min_choices=min(3, len(assignments)),
        choice_deadline=ctx.at(start - 4, 16),
        **_schedule(ctx, start, weeks),
        **fields,
    )
    services.open_choice(demo.teacher, project, now=ctx.at(start - 10, 9))
    pas = list(project.project_assignments.order_by("order"))
    _choose_all(project, rng, now=ctx.at(start - 6, 19), prefer=prefer and {s.pk: pas[i] for s, i in prefer.items()})
    services.run_allocation(demo.teacher, project, seed=seed, now=ctx.at(start - 3, 15))
    for student, index in (prefer or {}).items():
        _place(project, student, pas[index])
    services.publish_allocation(demo.teacher, project, now=ctx.at(start, 8))
    return project


def _running(ctx, rng, demo: SchoolDemo, *, year, assignments, classes, title, description):
    """Teams in Oriënteren, Plannen and Uitvoeren (the demo student's team in
    Uitvoeren), questions, a no-go, a coaching conversation."""
    project = _allocated(
        ctx, rng, demo, year=year, assignments=assignments, classes=classes, start=-21, weeks=7, seed=1,
        title=title, period="deze periode", description=description,
    )  # fmt: skip
    today = ctx.today
    my_team = Team.objects.get(project=project, memberships__student=demo.student)
    teams = list(project.teams.select_related("project_assignment").order_by("number"))
    # The team still in Oriënteren: one of the demo partner's, when there is one (it waits for their review).
    orienting = next(
        (t for t in teams if t != my_team and demo.client and t.project_assignment.client_id == demo.client.pk),
        teams[2] if len(teams) > 2 else None,
    )
    for i, team in enumerate(teams):
        if team == my_team:
            phase = Phase.UITVOEREN
        elif team == orienting:
            phase = Phase.ORIENTEREN
        else:
            phase = Phase.PLANNEN if i in (1, 2, 4) else Phase.UITVOEREN
        members = _fill_team(
            ctx, team, rng, demo.teacher, until=phase, today=today, start=project.start_date,
            agreed=phase != Phase.ORIENTEREN,
        )  # fmt: skip
        if team == orienting:
            # Submitted yesterday: it waits for the client (a partner's contact in the bell and by e-mail);
            # an internal client's list (or one whose partner has no login) the teacher approved this morning.
            services.submit_requirements(members[0], team, now=ctx.at(-1, 15))
            reviewer = _client_reviewer(team, demo.teacher)
            if reviewer == demo.teacher:
                services.review_requirements(demo.teacher, team, approve=True, now=ctx.at(0, 8))
        if i % 4 == 1:
            services.post_message(members[0], team, text=rng.choice(QUESTIONS), from_coach=False, now=ctx.at(-2, 11))
        if i % 4 != 2:
            services.add_log_entry(
                members[-1], team, text="Vandaag verder gewerkt volgens de planning.", date=ctx.day(-1 - i % 3)
            )
        if team.phase == Phase.PLANNEN and i % 2:
            services.decide_go(
                demo.teacher,
                team,
                decision=GoDecision.Decision.NO_GO,
                motivation="Jullie planning mist nog de taakverdeling en de materiaallijst. Vul dat aan en laat het me vrijdag zien.",
                now=ctx.at(-3, 12),
            )
    student = demo.student
    services.post_message(
        demo.teacher,
        my_team,
        text="Goed bezig met het prototype! Vergeet niet je logboek bij te houden.",
        from_coach=True,
        now=ctx.at(-2, 15),
    )
    services.post_message(
        student,
        my_team,
        text="Mogen we donderdag in de werkplaats werken aan het prototype?",
        from_coach=False,
        now=ctx.at(-1, 10),
    )
    for title, due in [("Onderdelen bestellen bij de TOA", -1), ("Tussenpresentatie voorbereiden", 4)]:
        services.create_task(
            student, my_team, title=title, owner_id=student.pk, due_date=ctx.day(due), phase=Phase.UITVOEREN
        )
    services.record_conversation(
        demo.teacher,
        my_team,
        student=student,
        date=ctx.day(-5),
        notes="We hebben gesproken over je rol als planner en hoe het samenwerken gaat.",
        agreements=f"{student.first_name} zet elke maandag de taken van de week op het planbord.",
        follow_up_date=ctx.day(9),
        private_note=f"Let op: {student.first_name} neemt veel werk op zich, bespreken met de mentor.",
    )
    services.update_project_assignment(
        demo.teacher,
        my_team.project_assignment,
        kickoff_at=ctx.at(-18, 13),
        kickoff_location="Bouwkeet aan de Stationsweg",
        presentation_at=ctx.at(22, 14),
        presentation_location="Aula",
    )
    return project


def _presenting(ctx, rng, demo: SchoolDemo, *, year, assignments, classes):
    """Every team presents to the client in two days; the first team is
    assessed (by the client too, when it is the demo partner)."""
    project = _allocated(
        ctx, rng, demo, year=year, assignments=assignments, classes=classes, start=-42, weeks=7, seed=2,
        prefer={demo.student: 0}, title="T&T 3A · Veilig en slim bouwen", period="periode 2-3",
        description="Technologie & Toepassing: twee opdrachten uit de bouw en de gemeente.",
    )  # fmt: skip
    for i, pa in enumerate(project.project_assignments.order_by("order")):
        services.update_project_assignment(
            demo.teacher,
            pa,
            kickoff_at=ctx.at(-38, 13),
            kickoff_location="Op school, lokaal T1.12",
            presentation_at=ctx.at(2, 13),
            presentation_location="Kantoor van de opdrachtgever" if i == 0 else "Aula",
        )
    for i, team in enumerate(project.teams.order_by("number").select_related("project_assignment")):
        members = _fill_team(
            ctx, team, rng, demo.teacher, until=Phase.PRESENTEREN, today=ctx.today, start=project.start_date
        )
        services.add_presentation_slot(
            demo.teacher,
            team.project_assignment,
            starts_at=ctx.at(2, 13) + datetime.timedelta(minutes=20 * i),
            duration_minutes=15,
            location=team.project_assignment.presentation_location,
            team=team,
        )
        is_client = demo.client is not None and team.project_assignment.client_id == demo.client.pk
        if i == 0:
            _assess(team, rng, demo.teacher, members, partner=demo.client_user if is_client else None)
        elif i == 1 and is_client and demo.client_user is not None:
            # The coach asked the client to assess the second team (the partner finds it in the bell).
            services.request_client_assessment(demo.teacher, team, now=ctx.at(0, 8))
    return project


def _finished(ctx, rng, demo: SchoolDemo, *, year, assignments, classes, title):
    """A project of last school year (from 2 March, six weeks), assessed,
    reflected on (so it is in the portfolios) and finished."""
    start = year.start_date.replace(year=year.start_date.year + 1, month=3, day=2)
    end = start + datetime.timedelta(days=42)

    def day(n):
        return start + datetime.timedelta(days=n)

    project = services.create_project(
        demo.teacher,
        school=demo.school,
        school_year=year,
        assignments=assignments,
        classes=classes,
        coaches=[demo.teacher],
        title=title,
        period="periode 4",
        description="Opdrachten over duurzaam wonen en werken.",
        start_date=start,
        end_date=end,
        team_size_min=3,
        team_size_max=5,
        min_choices=2,
        choice_deadline=ctx.at(day(-7), 16),
        deadline_orienteren=day(7),
        deadline_plannen=day(14),
        deadline_uitvoeren=day(30),
        deadline_presenteren=day(38),
        deadline_terugkijken=end,
    )
    services.open_choice(demo.teacher, project, now=ctx.at(day(-14), 9))
    _choose_all(project, rng, now=ctx.at(day(-10), 19))
    services.run_allocation(demo.teacher, project, seed=3, now=ctx.at(day(-3), 15))
    services.publish_allocation(demo.teacher, project, now=ctx.at(start, 9))
    for team in project.teams.order_by("number"):
        members = _fill_team(ctx, team, rng, demo.teacher, until=Phase.TERUGKIJKEN, today=end, start=start)
        _assess(team, rng, demo.teacher, members, outlier=team.number == 2)
        team.refresh_from_db()
        for membership in team.memberships.select_related("student"):
            if membership.student_id != demo.student.pk and rng.random() < 0.25:
                continue
            services.submit_reflection(
                membership.student,
                membership,
                product="Ons ontwerp voldeed aan bijna alle eisen. De opdrachtgever vond het idee origineel, maar de afwerking kon beter.",
                process="De planning liep in het begin uit, daarna hebben we elke week de taken verdeeld en ging het beter.",
                own_actions="Ik was de planner. Ik merkte dat ik goed overzicht kan houden en dat ik het leuk vind om met echte klanten te praten. Volgende keer wil ik meer in de werkplaats doen.",
                now=ctx.at(end - datetime.timedelta(days=2), 11),
            )
    for row in services.result_rows(project):
        product = row["coach_product"] or Decimal("6.5")
        process = row["coach_process"] or Decimal("6.5")
        services.set_result(
            demo.teacher,
            project,
            row["student"],
            product_grade=product,
            process_grade=process,
            final_grade=((product + process) / 2).quantize(Decimal("0.1")),
            note="",
        )
    services.finish_project(demo.teacher, project, now=ctx.at(end, 15))
    return project


@register_seeder("projects", order=30)
def seed_projects(ctx):
    if Project.objects.exists():
        return
    users = ctx.data["users"]
    year, previous = ctx.data["year"], ctx.data["previous_year"]
    with mail.muted():  # the bell gets the demo's notifications; nobody is mailed
        _seed_school_a(ctx, users, year, previous)
        _seed_school_b(ctx, users, year, previous)
    # What is older than a week has been read; the bell shows this week's news.
    Notification.objects.filter(kind__startswith="projects.", created_at__lt=ctx.at(-7, 0)).update(
        read_at=F("created_at")
    )
    ctx.log(f"  {Project.objects.count()} projects, {Team.objects.count()} teams")


def _seed_school_a(ctx, users, year, previous):
    rng = ctx.rng("projects")
    school, partner_org = ctx.data["school_a"], ctx.data["partner_org"]
    docent = users["docent"]
    library = _usable_assignments(school, docent, partner_org)
    van_dijk = [a for a in library if a.client_id == partner_org.pk]
    others = [a for a in library if a.client_id != partner_org.pk]
    demo = SchoolDemo(
        school=school,
        teacher=docent,
        coaches=[docent, users["coordinator"]],
        student=users["leerling"],
        assignments=library,
        client=partner_org,
        client_user=users["partner"],
    )
    choosing = _choosing(
        ctx, rng, demo, year=year, assignments=others[0:3], classes=_classes(school, year, ["3A", "3B"]),
        title="Leerjaar 3 · Slimme oplossingen voor de school",
        description="Drie opdrachten van echte opdrachtgevers. Kies wat jou het meest aanspreekt!",
    )  # fmt: skip
    students = list(choosing.participants.select_related("student").order_by("student_id")[:4])
    if len(students) == 4:
        services.add_pair_constraint(docent, choosing, students[0].student, students[1].student, "apart")
        services.add_pair_constraint(docent, choosing, students[2].student, students[3].student, "samen")
    running_pas = ([van_dijk[1]] if len(van_dijk) > 1 else []) + others[3:6]
    _running(
        ctx, rng, demo, year=year, assignments=running_pas[:3], classes=_classes(school, year, ["3A", "3B"]),
        title="Leerjaar 3 · Bouwen aan de buurt",
        description="Zes weken werken voor een opdrachtgever uit de buurt.",
    )  # fmt: skip
    presenting_pas = [van_dijk[0], others[6 % len(others)]] if van_dijk else others[6:8]
    _presenting(ctx, rng, demo, year=year, assignments=presenting_pas, classes=_classes(school, year, ["3A"]))
    if previous is not None:
        _finished(
            ctx, rng, demo, year=previous, assignments=others[8:10] if len(others) >= 10 else others[:2],
            classes=_classes(school, previous, ["2A"]), title="Leerjaar 2 · Duurzaam wonen",
        )  # fmt: skip


def _seed_school_b(ctx, users, year, previous):
    """School B has a life of its own: ``leerling2``'s team works in 2A, the
    class chooses its next project, and last year's project is in the portfolios."""
    rng = ctx.rng("projects:b")
    school = ctx.data["school_b"]
    docent2 = users["docent2"]
    library = _usable_assignments(school, docent2)
    library = sorted(library, key=lambda a: (a.owner_school_id != school.pk, a.pk))
    demo = SchoolDemo(
        school=school, teacher=docent2, coaches=[docent2], student=users["leerling2"], assignments=library
    )
    _running(
        ctx, rng, demo, year=year, assignments=library[0:3], classes=_classes(school, year, ["2A"]),
        title="Leerjaar 2 · De haven van morgen",
        description="Zeven weken werken aan een vraag uit de Rotterdamse haven en de wijk.",
    )  # fmt: skip
    _choosing(
        ctx, rng, demo, year=year, assignments=library[3:6], classes=_classes(school, year, ["2A"]),
        title="Leerjaar 2 · Gezond en groen",
        description="Na de haven: kies je volgende opdracht. Drie opdrachtgevers wachten op jullie ideeën.",
    )  # fmt: skip
    if previous is not None:
        _finished(
            ctx, rng, demo, year=previous, assignments=library[6:8], classes=_classes(school, previous, ["1A"]),
            title="Leerjaar 1 · Mijn droomkamer",
        )  # fmt: skip
