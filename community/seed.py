"""Demo data for the professional community, for school A (Utrecht) and
school B (Zuid-Holland) and every role it touches: materials and comments,
questions with a best answer, consultation visits in every state, network
meetings with agenda, attendance, minutes and actions, working groups, the
coach's notes, who's who profiles, trainings with a waiting list and a
record, and quality cycles with answered questionnaires (this year and last
year, and for three more schools of network A so the network comparison
shows). Everything is dated from ``ctx.today`` and built through the services."""

from django.core.files.uploadedfile import SimpleUploadedFile

from community.models import Questionnaire, WorkingGroup
from community.services import consultation, directory, materials, meetings, quality, training
from core import mail
from core.seeding import register_seeder
from organisation.models import School
from organisation.people import staff_of_school
from organisation.roles import Role

A = Questionnaire.Audience

MATERIALS = [
    # user, school, title, kind, scope, tags, filename, content / url
    (
        "docent",
        "a",
        "Rubric eindpresentatie (product en proces)",
        "rubric",
        "national",
        "rubric, presenteren, beoordelen",
        "rubric-eindpresentatie.txt",
        "Rubric eindpresentatie\n\nProduct: voldoet aan het programma van eisen (1-4)\nProces: samenwerking, planning, "
        "reflectie (1-4)\n\nBeoordeel product en proces apart.",
    ),
    (
        "docent",
        "a",
        "Planbord leerjaar 1 (zorgopdracht)",
        "planning",
        "network",
        "planbord, leerjaar 1, zorgopdracht",
        "planbord.csv",
        "Week;Fase;Taak;Wie\n1;Oriënteren;Vragen aan de opdrachtgever;Team\n2;Plannen;Plan van aanpak;Team\n",
    ),
    (
        "docent",
        "a",
        "Reflectieformulier na een bedrijfsbezoek",
        "reflection",
        "school",
        "reflectie, lob",
        "reflectie.md",
        "# Reflectie\n\n- Wat zag ik?\n- Wat vond ik interessant en waarom?\n- Past dit werk bij mij?\n",
    ),
    (
        "docent2",
        "b",
        "Presentatiewijzer voor teams",
        "presentation",
        "national",
        "presenteren, leerjaar 2",
        "",
        "https://www.techmakers.nl/presentatiewijzer",
    ),
    (
        "docent2",
        "b",
        "Sjabloon plan van aanpak",
        "template",
        "network",
        "plannen, sjabloon",
        "plan-van-aanpak.txt",
        "Plan van aanpak\n\n1. De vraag van de opdrachtgever\n2. Wat gaan we maken?\n3. Planning\n",
    ),
]


def _upload(name, text):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


@register_seeder("community", order=60)
def seed_community(ctx):
    if WorkingGroup.objects.filter(name="Werkgroep LOB").exists():
        return
    users = ctx.data["users"]
    school = {"a": ctx.data["school_a"], "b": ctx.data["school_b"]}
    rng = ctx.rng("community")
    with mail.muted():
        _materials(ctx, users, school)
        _consultation(ctx, users, school)
        _meetings(ctx, users, school)
        _directory(ctx, users, school)
        _trainings(ctx, users, school)
        _quality(ctx, users, school, rng)
    ctx.log("  community: materials, questions, visits, meetings, working groups, trainings, quality cycles")


def _materials(ctx, users, school):
    shared = []
    for i, (who, s, title, kind, scope, tags, filename, content) in enumerate(MATERIALS):
        now = ctx.at(-60 + i * 9, 14)
        common = {
            "school": school[s],
            "title": title,
            "description": "",
            "kind": kind,
            "sharing_scope": scope,
            "tags": tags,
            "now": now,
        }
        if filename:
            upload = _upload(filename, content)
            m = materials.share_material(
                users[who], upload=upload, filename=filename, content_type="text/plain", **common
            )
        else:
            m = materials.share_material(users[who], url=content, **common)
        shared.append(m)
    for m, n in zip(shared, (14, 9, 3, 7, 5), strict=True):
        for _ in range(n):
            materials.count_download(m)
    materials.add_comment(
        users["docent2"],
        shared[0],
        body="Hebben we in 2A gebruikt: werkt heel goed met partners als mede-beoordelaar.",
        now=ctx.at(-20, 16),
    )
    materials.add_comment(users["coordinator"], shared[0], body="Top! Ik zet hem in onze teammap.", now=ctx.at(-18, 9))
    materials.add_comment(
        users["docent"], shared[3], body="Mooie wijzer, ik mis alleen een stukje over de pitch.", now=ctx.at(-10, 12)
    )


def _consultation(ctx, users, school):
    q = consultation.ask_question(
        users["docent"],
        school=school["a"],
        title="Wie heeft ervaring met een zorgopdracht in leerjaar 1?",
        body="We willen in leerjaar 1 een opdracht met een zorginstelling doen. Hoe pakken jullie dat aan?",
        now=ctx.at(-25, 10),
    )
    best = consultation.answer_question(
        users["docent2"],
        q,
        school=school["b"],
        body="Wij werken met een verpleeghuis: leerlingen ontwerpen een hulpmiddel voor bewoners. Begin klein en laat de zorgmedewerker de vraag zelf komen vertellen.",
        now=ctx.at(-24, 15),
    )
    consultation.answer_question(
        users["coordinator"],
        q,
        school=school["a"],
        body="Vraag het ROC: zij hebben vaak contacten met zorginstellingen.",
        now=ctx.at(-23, 11),
    )
    consultation.mark_best_answer(users["docent"], q, best, now=ctx.at(-22, 9))
    q2 = consultation.ask_question(
        users["docent2"],
        school=school["b"],
        title="Hoe beoordelen jullie samenwerking in teams?",
        body="Peer-assessment of observatie door de docent?",
        now=ctx.at(-6, 10),
    )
    consultation.answer_question(
        users["docent"],
        q2,
        school=school["a"],
        body="Beide: een korte peer-check per fase en een observatie bij de go/no-go.",
        now=ctx.at(-5, 14),
    )
    consultation.ask_question(
        users["coordinator"], school=school["a"], title="Wie wil meedenken over havo 4 projecten?", now=ctx.at(-2, 9)
    )

    done = consultation.request_visit(
        users["docent"],
        visitor_school=school["a"],
        host_school=school["b"],
        focus_question="Hoe organiseren jullie de eindpresentaties met opdrachtgevers?",
        preferred_period="Voor de herfstvakantie",
        now=ctx.at(-50, 9),
    )
    consultation.propose_date(
        users["docent2"], done, date=ctx.day(-30), message="Welkom op dinsdag!", now=ctx.at(-48, 9), today=ctx.day(-48)
    )
    consultation.confirm_visit(users["docent"], done, now=ctx.at(-47, 9))
    consultation.record_visit_report(
        users["docent"],
        done,
        findings="Teams presenteren in een echte bedrijfssetting; de opdrachtgever geeft direct feedback op het programma van eisen.",
        agreements="We nodigen Het Baken uit bij onze presentaties in periode 3. Fatima deelt haar rubric.",
        now=ctx.at(-29, 16),
        today=ctx.day(-29),
    )
    consultation.request_visit(
        users["docent2"],
        visitor_school=school["b"],
        host_school=school["a"],
        focus_question="Hoe zetten jullie de zorgopdracht in leerjaar 1 op?",
        preferred_period="In de komende maand",
        now=ctx.at(-3, 11),
    )
    scheduled = consultation.request_visit(
        users["coordinator"],
        visitor_school=school["a"],
        host_school=school["b"],
        focus_question="Hoe betrekken jullie partners bij de beoordeling?",
        now=ctx.at(-9, 11),
    )
    consultation.propose_date(users["docent2"], scheduled, date=ctx.day(12), now=ctx.at(-8, 10), today=ctx.day(-8))
    consultation.confirm_visit(users["coordinator"], scheduled, now=ctx.at(-7, 10))


def _plan(ctx, user, *, network=None, group=None, title, day, location, agenda, description=""):
    return meetings.plan_meeting(
        user,
        network=network,
        working_group=group,
        title=title,
        starts_at=ctx.at(day, 15),
        ends_at=ctx.at(day, 17),
        location=location,
        description=description,
        agenda=agenda,
        now=ctx.at(min(day, 0) - 14, 9),
    )


def _meetings(ctx, users, school):
    coach, office = users["netwerkcoach"], users["bureau"]
    a, b = school["a"], school["b"]
    # Network A (Utrecht): a past meeting with minutes and actions, the next one planned.
    past = _plan(
        ctx,
        coach,
        network=a.network,
        title="Netwerkbijeenkomst Utrecht: terugblik en planning",
        day=-35,
        location="Vakcollege De Brug, Amersfoort",
        agenda=["Opening en kennismaking", "Ervaringen met de nieuwe opdrachten", "Scholingsaanbod"],
    )
    meetings.confirm_attendance(users["coordinator"], past, school=a, answer="yes", people=2, now=ctx.at(-40, 9))
    meetings.record_minutes(
        coach,
        past,
        minutes="Aanwezig: zes scholen. De Brug vertelde over de zorgopdracht in leerjaar 1. Afgesproken: rubrics delen via het platform en in het voorjaar een gezamenlijke presentatiemiddag.",
        now=ctx.at(-34, 10),
    )
    meetings.add_action(
        coach,
        past,
        title="Rubric eindpresentatie delen in de materialenbank",
        owner=users["docent"],
        due_date=ctx.day(-20),
        now=ctx.at(-34, 10),
    )
    shared = past.actions.get()
    meetings.update_action(
        users["docent"], shared, status="done", follow_up="Gedeeld, landelijk zichtbaar.", now=ctx.at(-21, 10)
    )
    meetings.add_action(
        coach,
        past,
        title="Datum presentatiemiddag voorjaar prikken",
        owner=users["coordinator"],
        due_date=ctx.day(10),
        now=ctx.at(-34, 11),
    )
    upcoming = _plan(
        ctx,
        coach,
        network=a.network,
        title="Netwerkbijeenkomst Utrecht: kwaliteitscyclus",
        day=21,
        location="Online (Teams)",
        agenda=["Waarderend onderzoeken: wat werkt goed?", "Rondvraag"],
    )
    meetings.confirm_attendance(users["docent"], upcoming, school=a, answer="yes", people=1, now=ctx.at(-1, 9))
    # Network B (Zuid-Holland): planned by the office.
    past_b = _plan(
        ctx,
        office,
        network=b.network,
        title="Netwerkbijeenkomst Zuid-Holland",
        day=-28,
        location="Maascollege Het Baken, Rotterdam",
        agenda=["Havenbedrijf als partner", "Planning wedstrijdopdracht"],
    )
    meetings.confirm_attendance(users["docent2"], past_b, school=b, answer="yes", people=2, now=ctx.at(-30, 9))
    meetings.record_minutes(
        office,
        past_b,
        minutes="Het Havenbedrijf biedt drie nieuwe uitdagingen aan. Afspraak: per school één team in de wedstrijd.",
        now=ctx.at(-27, 9),
    )
    meetings.add_action(
        office,
        past_b,
        title="Teams aanmelden voor de wedstrijdopdracht",
        owner=users["docent2"],
        due_date=ctx.day(14),
        now=ctx.at(-27, 9),
    )
    _plan(
        ctx,
        office,
        network=b.network,
        title="Netwerkbijeenkomst Zuid-Holland: voorjaar",
        day=30,
        location="Rotterdam",
        agenda=["Terugblik", "Scholing"],
    )
    # Working groups.
    lob = meetings.create_working_group(
        office,
        name="Werkgroep LOB",
        theme="LOB",
        description="Loopbaanoriëntatie in elke opdracht: reflectievragen, bedrijfsbezoeken en het portfolio.",
        now=ctx.at(-90, 9),
    )
    for who in ("docent", "docent2", "netwerkcoach"):
        meetings.join_working_group(users[who], lob)
    lob_past = _plan(
        ctx,
        office,
        group=lob,
        title="Werkgroep LOB: reflectievragen",
        day=-14,
        location="Online",
        agenda=["Reflectievragen per fase"],
    )
    meetings.record_minutes(
        office,
        lob_past,
        minutes="Set reflectievragen per werkprocesfase afgesproken; Mark maakt een eerste versie.",
        now=ctx.at(-13, 9),
    )
    meetings.add_action(
        office,
        lob_past,
        title="Eerste versie reflectievragen",
        owner=users["docent"],
        due_date=ctx.day(7),
        now=ctx.at(-13, 9),
    )
    _plan(
        ctx,
        office,
        group=lob,
        title="Werkgroep LOB: vervolg",
        day=28,
        location="Utrecht",
        agenda=["Reflectievragen bespreken"],
    )
    havo = meetings.create_working_group(
        office,
        name="Werkgroep havo",
        theme="havo",
        description="TechMakers in havo 4 en 5: profielwerkstuk en vakoverstijgende projecten.",
        now=ctx.at(-80, 9),
    )
    meetings.join_working_group(users["coordinator"], havo)
    meetings.create_working_group(
        office,
        name="Werkgroep beoordelen",
        theme="assessment",
        description="Rubrics, peer-assessment en beoordeling door opdrachtgevers.",
        now=ctx.at(-70, 9),
    )
    # The coach's notes on school A.
    meetings.add_school_note(
        coach,
        a,
        kind="visit",
        date=ctx.day(-33),
        body="Schoolbezoek: team van drie docenten, enthousiast over de zorgopdracht.",
        now=ctx.at(-33, 16),
    )
    meetings.add_school_note(
        coach,
        a,
        kind="agreement",
        date=ctx.day(-33),
        body="De Brug organiseert de presentatiemiddag in het voorjaar.",
        now=ctx.at(-33, 16),
    )
    meetings.add_school_note(
        coach,
        a,
        kind="support",
        date=ctx.day(-5),
        body="Roostering van projecturen is lastig; hulp bij de jaarplanning aangeboden.",
        now=ctx.at(-5, 11),
    )


def _directory(ctx, users, school):
    profiles = [
        (
            "docent",
            "a",
            "Techniek, NaSk",
            "Zorgopdracht in leerjaar 1 met een verpleeghuis; rubrics voor presentaties.",
            "zorgopdracht, leerjaar 1, rubric",
        ),
        (
            "docent2",
            "b",
            "Techniek, wiskunde",
            "Projecten met het havenbedrijf; presentaties bij de opdrachtgever.",
            "haven, presenteren, leerjaar 2",
        ),
        (
            "coordinator",
            "a",
            "Coördinatie, economie",
            "Teamplanning, kwaliteitscyclus en havo-projecten.",
            "havo, kwaliteitscyclus",
        ),
    ]
    for who, s, subjects, experience, tags in profiles:
        directory.save_profile(
            users[who],
            school=school[s],
            listed=True,
            subjects=subjects,
            experience=experience,
            tags=tags,
            now=ctx.at(-30, 9),
        )
    others = School.objects.filter(network=school["a"].network).exclude(pk=school["a"].pk).order_by("name")[:3]
    for i, other in enumerate(others):
        colleague = staff_of_school(other.pk).first()
        if colleague is not None and not hasattr(colleague, "directory_profile"):
            directory.save_profile(
                colleague,
                school=other,
                listed=i != 2,
                subjects="Techniek",
                experience=[
                    "Zorgopdracht leerjaar 1 met de thuiszorg.",
                    "Bedrijfsbezoeken in de bouw.",
                    "Niet zichtbaar.",
                ][i],
                tags=["zorgopdracht, leerjaar 1", "bouw", ""][i],
                now=ctx.at(-20, 9),
            )


def _training(
    ctx, user, title, kind, description, day, capacity, mandatory=False, location="Utrecht, TechMakers-bureau"
):
    return training.create_training(
        user,
        title=title,
        kind=kind,
        description=description,
        mandatory_for_new_teams=mandatory,
        starts_at=ctx.at(day, 13),
        ends_at=ctx.at(day, 16),
        location=location,
        capacity=capacity,
    )


def _trainings(ctx, users, school):
    office = users["bureau"]
    past = _training(
        ctx,
        office,
        "Startbijeenkomst nieuwe teams",
        "training",
        "Kennismaking met het programma, het werkproces en het platform.",
        -45,
        20,
        True,
    )
    coach = _training(
        ctx, office, "Coachen van leerlingteams", "workshop", "Vragen stellen in plaats van antwoorden geven.", -15, 12
    )
    for user, s in (
        (users["docent"], school["a"]),
        (users["coordinator"], school["a"]),
        (users["docent2"], school["b"]),
    ):
        training.enrol(user, past, school=s, now=ctx.at(-60, 9))
    training.enrol(users["docent"], coach, school=school["a"], now=ctx.at(-30, 9))
    present = [e.pk for e in past.enrolments.exclude(user=users["docent2"])] + [e.pk for e in coach.enrolments.all()]
    training.record_attendance(office, past, present_ids=present, now=ctx.at(-45, 17))
    training.record_attendance(office, coach, present_ids=present, now=ctx.at(-15, 17))
    full = _training(
        ctx,
        office,
        "Beoordelen met rubrics",
        "workshop",
        "Product en proces apart beoordelen, met de opdrachtgever.",
        18,
        2,
    )
    training.enrol(users["coordinator"], full, school=school["a"], now=ctx.at(-4, 9))
    training.enrol(users["docent"], full, school=school["a"], now=ctx.at(-3, 9))
    training.enrol(users["docent2"], full, school=school["b"], now=ctx.at(-2, 9))  # waiting list
    _training(
        ctx,
        office,
        "Startbijeenkomst nieuwe teams",
        "training",
        "Voor scholen die dit jaar beginnen: programma, werkproces en platform.",
        35,
        24,
        True,
    )
    _training(
        ctx,
        office,
        "Intervisie netwerkcoördinatoren",
        "intervision",
        "Casussen uit de eigen school bespreken.",
        50,
        10,
        location="Online",
    )


QUESTION_SCORES = {A.TEACHERS: (4, 5), A.STUDENTS: (3, 5), A.PARTNERS: (4, 5)}
OPEN_TEXTS = [
    "Echte opdrachtgevers maken het serieus.",
    "Samenwerken in teams.",
    "De presentaties bij het bedrijf.",
    "Leerlingen die trots zijn op hun product.",
    "De reflectie na een bezoek.",
    "Korte lijnen met partners.",
    "Zelf iets maken.",
    "Dat je ontdekt wat bij je past.",
]


def _answer(ctx, q, n, rng, *, users=None, day=-10, low=3, high=5):
    items = list(q.items.all())
    for k in range(n):
        scores = {i.pk: rng.randint(low, high) for i in items if i.kind == "likert"}
        texts = {i.pk: rng.choice(OPEN_TEXTS) for i in items if i.kind == "open"}
        user = users[k] if users and k < len(users) else None
        quality.submit_response(user, q, scores=scores, texts=texts, today=ctx.day(day))


def _run_cycle(ctx, user, school, year, rng, *, counts, step_to=None, day=-40):
    cycle = quality.start_cycle(user, school=school, school_year=year, now=ctx.at(day, 9))
    for audience, n in counts.items():
        q = cycle.questionnaires.get(audience=audience)
        quality.open_questionnaire(user, q, now=ctx.at(day + 1, 9))
        _answer(ctx, q, n, rng, day=day + 3, low=QUESTION_SCORES[audience][0] - 1, high=QUESTION_SCORES[audience][1])
        quality.close_questionnaire(user, q, now=ctx.at(day + 14, 9))
    return cycle


def _quality(ctx, users, school, rng):
    from organisation.models import RoleAssignment

    coordinator = users["coordinator"]
    year, previous = ctx.data["year"], ctx.data.get("previous_year")
    a = school["a"]
    if previous is not None:
        last = _run_cycle(ctx, coordinator, a, previous, rng, counts={A.TEACHERS: 7, A.PARTNERS: 5}, day=-300)
        quality.save_reflection(
            coordinator,
            last,
            strengths="Sterke band met partners.",
            dream="Elke leerling een echte opdrachtgever.",
            now=ctx.at(-280, 9),
        )
        for step in range(2):
            quality.advance(coordinator, last, now=ctx.at(-270 + step, 9))
        improvement = quality.add_improvement(
            coordinator, last, title="Zorgopdracht in leerjaar 1", now=ctx.at(-260, 9)
        )
        quality.advance(coordinator, last, now=ctx.at(-259, 9))
        action = quality.add_cycle_action(
            coordinator,
            last,
            title="Partner in de zorg zoeken",
            owner=users["docent"],
            due_date=ctx.day(-200),
            improvement=improvement,
            now=ctx.at(-258, 9),
        )
        quality.update_cycle_action(
            users["docent"], action, status="done", follow_up="Verpleeghuis De Linde doet mee.", now=ctx.at(-210, 9)
        )
        quality.advance(coordinator, last, now=ctx.at(-205, 9))
    # This year at school A: teachers and partners answered; students are answering now.
    cycle = _run_cycle(ctx, coordinator, a, year, rng, counts={A.TEACHERS: 8, A.PARTNERS: 6}, day=-30)
    students_q = cycle.questionnaires.get(audience=A.STUDENTS)
    quality.open_questionnaire(coordinator, students_q, now=ctx.at(-5, 9))
    student_ids = (
        RoleAssignment.objects.filter(role=Role.STUDENT, school=a)
        .exclude(user=users["leerling"])
        .order_by("user_id")
        .values_list("user_id", flat=True)[:12]
    )
    from django.contrib.auth import get_user_model

    students = list(get_user_model().objects.filter(pk__in=list(student_ids)).order_by("pk"))
    _answer(ctx, students_q, len(students), rng, users=students, day=-3)
    quality.save_reflection(
        coordinator,
        cycle,
        strengths="Teams werken graag voor echte opdrachtgevers; partners zijn tevreden.",
        dream="",
        now=ctx.at(-12, 9),
    )
    quality.advance(coordinator, cycle, now=ctx.at(-12, 10))
    # Three more schools of network A this year, so the network figure shows.
    others = School.objects.filter(network=a.network).exclude(pk=a.pk).order_by("name")[:3]
    for other in others:
        _run_cycle(ctx, users["bureau"], other, year, rng, counts={A.TEACHERS: 6}, day=-25)
    # School B: discovering; docent2 can answer the teachers' questionnaire.
    b_cycle = quality.start_cycle(users["bureau"], school=school["b"], school_year=year, now=ctx.at(-8, 9))
    quality.open_questionnaire(users["bureau"], b_cycle.questionnaires.get(audience=A.TEACHERS), now=ctx.at(-7, 9))
