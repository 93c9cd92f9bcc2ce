"""Demo data for the portfolio: two years of history for ``leerling`` (projects,
a company visit, a guest lesson, a professional interview, an open day, an
upcoming taster day), reflections with affinities, career conversations with
``docent``, qualities from teammates and the coach, a transfer dossier in the
making; and reflections for the rest of class 3A (some recent, some older
than six weeks, some never) so the coach view of ``docent`` tells a story.

Built through the services. Experiences that the projects or partners demo
already sent for the same student (same kind and date, or same title) are not
duplicated.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.seeding import register_seeder
from organisation.models import ClassGroup, Enrolment, Sector
from portfolio import services, steps
from portfolio.choices import MOTIVES, QUALITIES
from portfolio.models import Experience

MARK = "demo:"


def _at(day: datetime.date, days_after, today):
    """A hand-in moment ``days_after`` the experience, never after today."""
    moment = datetime.datetime.combine(min(day + datetime.timedelta(days=days_after), today), datetime.time(15, 30))
    return timezone.make_aware(moment)


def _existing(student, kind, title, date):
    return (
        Experience.objects.filter(student=student, kind=kind, date=date).first()
        or Experience.objects.filter(student=student, kind=kind, title=title).first()
    )


def _experience(student, key, kind, title, date, sectors, details=None):
    found = _existing(student, kind, title, date)
    if found:
        return found, False
    experience = services.record_experience(
        student=student,
        source_key=f"{MARK}{key}",
        kind=kind,
        title=title,
        date=date,
        sector_slugs=sectors,
        partner_id=(details or {}).pop("partner_id", None),
        details=details or {},
    )
    return experience, True


def _reflect(student, experience, sectors, scores, *, texts, today, qualities=(), motives=(), answers=None, at=None):
    """Hand in a reflection at ``at`` (default: two days after the experience, never after today)."""
    by_slug = {s.slug: s for s in sectors}
    services.submit_reflection(
        student,
        experience,
        texts=texts,
        qualities=list(qualities),
        motives=list(motives),
        affinities={by_slug[slug]: score for slug, score in scores.items() if slug in by_slug},
        answers=answers,
        at=at or _at(experience.date, 2, today),
    )


# key, kind, title, (month, day) in the previous school year or days before today, sectors,
# scores, details, texts, qualities, motives
SANNE = [
    (
        "sanne:schoolplein",
        "project",
        "Project: een groener schoolplein",
        ("prev", 11, 20),
        ["groen", "bouw", "dienstverlening"],
        {"groen": 3, "bouw": 4, "dienstverlening": 2},
        {
            "client": "Gemeente Amersfoort",
            "role_in_team": "Ontwerper van de maquette",
            "team_id": "demo-2a-plein",
            "reflection": "Ons ontwerp met regenwatertonnen en zitbanken van pallets werd gekozen door de gemeente.",
        },
        {
            "goals": "Ik wil weten hoe je een plein ontwerpt dat ook bij regen fijn is.",
            "expectations": "Ik denk dat we vooral gaan tekenen.",
            "what_happened": "We hebben gemeten, een maquette gebouwd en gepresenteerd aan de gemeente.",
            "about_me": "Ik vond het bouwen van de maquette het leukst, meer dan het schrijven.",
            "evaluation": "Ons plan was goed, maar we waren laat met de planning.",
            "follow_up": "Een bedrijfsbezoek bij een bouwbedrijf.",
            "kwaliteiten": "Ik ben handig met de zaag en het lijmpistool; mijn team vroeg mij steeds.",
            "werkexploratie": "Buiten werken aan iets wat je echt ziet ontstaan past bij mij.",
            "netwerken": "De projectleider van de gemeente gaf zijn e-mailadres.",
        },
        ["creatief", "samenwerker", "handig-gereedschap"],
        ["maken", "buiten"],
    ),
    (
        "sanne:gastles-zorg",
        "gastles",
        "Gastles Zorggroep De Linde",
        ("prev", 1, 16),
        ["zorg-en-welzijn"],
        {"zorg-en-welzijn": 2},
        {"partner": "Zorggroep De Linde"},
        {
            "goals": "Ontdekken wat je in de zorg doet.",
            "what_happened": "Een verzorgende vertelde over haar werk met ouderen en we deden een tillift-oefening.",
            "about_me": "Ik vind mensen helpen mooi, maar de hele dag zorgen is niet voor mij.",
            "evaluation": "Goed dat ik het gezien heb, zo weet ik het zeker.",
            "follow_up": "Meer zien van techniek.",
            "motieven": "Ik wil iets maken wat blijft staan.",
        },
        ["luisteraar"],
        ["helpen"],
    ),
    (
        "sanne:bezoek-vandijk",
        "bedrijfsbezoek",
        "Bedrijfsbezoek Bouwbedrijf Van Dijk",
        ("prev", 3, 12),
        ["bouw", "techniek"],
        {"bouw": 5, "techniek": 4},
        {"partner": "Bouwbedrijf Van Dijk"},
        {
            "goals": "Zien hoe een huis gebouwd wordt.",
            "expectations": "Veel lawaai en stof!",
            "questions": "Wat doet een uitvoerder?\nHoeveel verdien je als timmerman?",
            "what_happened": "We liepen over de bouwplaats, zagen prefab-wanden en mochten een wand stellen.",
            "about_me": "Ik werd er blij van om buiten met mijn handen te werken.",
            "evaluation": "Mijn doel is gehaald: ik weet nu wat een uitvoerder doet.",
            "follow_up": "Een beroepsgesprek met een installateur.",
            "kwaliteiten": "Ik stelde veel vragen en snapte de tekening snel.",
            "werkexploratie": "Op een bouwplaats voel ik me op mijn plek.",
            "loopbaansturing": "Ik ga kijken welke mbo-opleidingen bouw en installatie hebben.",
        },
        ["nieuwsgierig", "handig-gereedschap"],
        ["maken", "techniek", "buiten"],
    ),
    (
        "sanne:vogelhuis",
        "project",
        "Project: slimme vogelvoederplek",
        ("prev", 5, 28),
        ["techniek", "ict-media"],
        {"techniek": 4, "ict-media": 3},
        {
            "client": "Installatietechniek Bosman",
            "role_in_team": "Bouwer en programmeur van de sensor",
            "team_id": "demo-2a-vogel",
        },
        {
            "goals": "Leren programmeren met een microcontroller.",
            "what_happened": "We bouwden een voederplek met een sensor die telt hoeveel vogels er komen.",
            "about_me": "Solderen en bouwen vond ik leuker dan programmeren.",
            "evaluation": "Het werkte! De opdrachtgever was tevreden.",
            "follow_up": "Uitzoeken wat een installatiemonteur doet.",
            "kwaliteiten": "Ik bleef doorgaan toen de sensor het niet deed.",
        },
        ["doorzetter", "handig-gereedschap", "probleemoplosser"],
        ["techniek", "maken"],
    ),
    (
        "sanne:beroepsgesprek",
        "beroepsgesprek",
        "Beroepsgesprek met een installatiemonteur",
        ("ago", 75),
        ["techniek", "bouw"],
        {"techniek": 5, "bouw": 4},
        {"partner": "Installatietechniek Bosman"},
        {
            "goals": "Weten of installatietechniek bij mij past.",
            "expectations": "Dat het vooral om warmtepompen gaat.",
            "questions": "Hoe ziet een normale werkdag eruit?\nWelke opleiding heb je gedaan?\nWat vind je het leukste aan je werk?",
            "what_happened": "Ik sprak Ahmed, installatiemonteur. Hij liet foto's zien van zonnepanelen en warmtepompen.",
            "about_me": "Ik wil iets doen met duurzame energie en met mijn handen.",
            "evaluation": "Ik heb al mijn vragen gesteld en weet nu welke opleiding hij deed.",
            "follow_up": "Naar de open dag van MBO Utrecht.",
            "netwerken": "Ahmed zei dat ik een meeloopdag mag doen.",
            "loopbaansturing": "Eerst de open dag, dan een meeloopdag, dan kiezen.",
        },
        ["nieuwsgierig", "goed-met-mensen"],
        ["duurzaam", "techniek", "maken"],
    ),
    (
        "sanne:opendag",
        "open_dag",
        "Open dag MBO Utrecht",
        ("ago", 40),
        ["techniek", "ict-media"],
        {"techniek": 4, "ict-media": 3},
        {"partner": "MBO Utrecht"},
        {
            "goals": "De opleiding Installatietechniek bekijken.",
            "what_happened": "Ik zag de werkplaats en sprak met studenten van niveau 3.",
            "about_me": "Ik kan me voorstellen dat ik hier straks zit.",
            "evaluation": "Goed, maar ik wil het nog een dag echt meemaken.",
            "follow_up": "Meeloopdag Installatietechniek.",
        },
        ["nieuwsgierig"],
        ["leren", "techniek"],
    ),
    (
        "sanne:zorgproject",
        "project",
        "Project: hulpmiddel voor de dagbesteding",
        ("ago", 18),
        ["zorg-en-welzijn", "techniek", "creatief-ontwerp"],
        {"zorg-en-welzijn": 3, "techniek": 4, "creatief-ontwerp": 4},
        {
            "client": "Zorggroep De Linde",
            "role_in_team": "Teamleider",
            "team_id": "demo-3a-linde",
            "reflection": "We maakten een bordspel met grote stukken voor ouderen die slecht zien.",
        },
        {
            "goals": "Een hulpmiddel maken dat echt gebruikt wordt.",
            "what_happened": "We ontwierpen een bordspel met grote stukken en testten het in het verpleeghuis.",
            "about_me": "Ontwerpen voor echte mensen geeft me energie; leiding geven ging beter dan ik dacht.",
            "evaluation": "De ouderen speelden het meteen. De planning liep goed dankzij onze planbord.",
            "follow_up": "Met mijn mentor praten over mijn profielkeuze.",
            "kwaliteiten": "Ik hield het overzicht en verdeelde de taken.",
            "motieven": "Iets maken waar iemand echt blij van wordt.",
        },
        ["leider", "georganiseerd", "creatief"],
        ["maken", "helpen", "team"],
    ),
]

YUSUF = [
    (
        "yusuf:gastles-erasmus",
        "gastles",
        "Gastles Erasmus MC Jong",
        ("prev", 2, 10),
        ["zorg-en-welzijn", "techniek"],
        {"zorg-en-welzijn": 3, "techniek": 4},
        {"partner": "Erasmus MC Jong"},
        {
            "goals": "Weten wat er achter de schermen van een ziekenhuis gebeurt.",
            "what_happened": "Een medisch instrumentmaker liet zien hoe ze apparaten voor operaties repareert.",
            "about_me": "De techniek in het ziekenhuis vond ik interessanter dan de zorg zelf.",
            "evaluation": "Ik wist niet dat je in een ziekenhuis ook technisch werk kunt doen.",
            "follow_up": "Een bedrijfsbezoek in de haven.",
            "werkexploratie": "Ik werk liever aan apparaten dan met patiënten.",
        },
        ["nieuwsgierig", "handig-gereedschap"],
        ["techniek", "helpen"],
    ),
    (
        "yusuf:opendag",
        "open_dag",
        "Open dag Albeda Techniek",
        ("ago", 50),
        ["techniek", "logistiek"],
        {"techniek": 4, "logistiek": 3},
        {"partner": "Albeda Techniek"},
        {
            "goals": "Zien welke technische opleidingen er zijn.",
            "what_happened": "Ik keek bij mechatronica en bij logistiek en sprak met een student.",
            "about_me": "Mechatronica trekt me: bouwen én programmeren.",
            "evaluation": "Nuttig, ik weet nu welke richtingen er zijn.",
            "follow_up": "Met mijn mentor praten over het profiel PIE.",
            "loopbaansturing": "Volgend jaar kies ik een profiel; PIE past bij wat ik nu weet.",
        },
        ["nieuwsgierig", "probleemoplosser"],
        ["techniek", "leren"],
    ),
]

TEAMMATE_QUALITIES = ["handig-gereedschap", "doorzetter", "leider", "creatief", "georganiseerd"]


def _date(spec, prev_start, today):
    if spec[0] == "prev":
        _tag, month, day = spec
        year = prev_start.year if month >= 8 else prev_start.year + 1
        return datetime.date(year, month, day)
    return today - datetime.timedelta(days=spec[1])


def _history(ctx, student, plan, sectors) -> dict:
    """A student's experiences of ``plan``, each reflected on once it has happened."""
    prev_start = ctx.data["previous_year"].start_date if ctx.data.get("previous_year") else ctx.data["year"].start_date
    made = {}
    for key, kind, title, when, slugs, scores, details, texts, qualities, motives in plan:
        date = _date(when, prev_start, ctx.today)
        experience, _created = _experience(student, key, kind, title, date, slugs, dict(details))
        made[key] = experience
        if experience.reflected_at is not None or experience.date > ctx.today:
            continue
        answers = None
        if kind == "beroepsgesprek":
            answers = {
                "Hoe ziet een normale werkdag eruit?": "Om 7 uur naar de klant, installeren, om 16 uur klaar.",
                "Welke opleiding heb je gedaan?": "Mbo Eerste monteur elektrotechnische installaties, niveau 3.",
                "Wat vind je het leukste aan je werk?": "Dat het huis na mijn werk geen gas meer nodig heeft.",
            }
            experience.reflection.questions = texts["questions"]
            experience.reflection.save(update_fields=["questions"])
        _reflect(
            student,
            experience,
            [sectors[s] for s in slugs],
            scores,
            texts=texts,
            qualities=qualities,
            motives=motives,
            answers=answers,
            today=ctx.today,
        )
    return made


def _upcoming(ctx, student, key, title, days, slugs, partner, before):
    """An experience still to come that the student prepared ("before" saved:
    complete until the day, not yet reflected)."""
    taster, _ = _experience(student, key, "meeloopdag", title, ctx.day(days), slugs, {"partner": partner})
    if taster.prepared_at is None and taster.reflected_at is None:
        services.save_reflection_step(
            student, taster, steps.BEFORE, values=before, now=ctx.at(-2, 19), today=ctx.day(-2)
        )
    return taster


def _states(ctx, student, key, plan):
    """The other states of a reflection, so the demo shows each of them:
    ``to_prepare`` (still to come, nothing yet), ``to_look_back`` (prepared
    before the day, the day has passed), ``draft`` (looking back begun, in a
    draft). ``plan``: (state, kind, title, days from today, sectors, partner, texts)."""
    for state, kind, title, days, slugs, partner, texts in plan:
        experience, created = _experience(student, f"{key}:{state}", kind, title, ctx.day(days), slugs,
                                          {"partner": partner})  # fmt: skip
        if not created:
            continue
        if state == "to_look_back":
            prepared = ctx.day(days - 3)
            services.save_reflection_step(
                student, experience, steps.BEFORE, values=texts, now=ctx.at(prepared, 19), today=prepared
            )
        elif state == "draft":
            services.save_reflection_draft(student, experience, texts, now=ctx.at(-1, 20))


def _classmates(student, class_group):
    return [
        e.student
        for e in Enrolment.objects.filter(class_group=class_group)
        .exclude(student=student)
        .select_related("student")
        .order_by("student__username")
    ]


@register_seeder("portfolio", order=50)
def seed_portfolio(ctx):
    users = ctx.data.get("users") or {}
    sanne, docent = users.get("leerling"), users.get("docent")
    if sanne is None or docent is None:
        return
    if Experience.objects.filter(student=sanne, source_key__startswith=MARK).exists():
        return
    sectors = {s.slug: s for s in Sector.objects.filter(kind=Sector.Kind.DOMAIN)}
    _seed_sanne(ctx, sanne, docent, sectors)
    _seed_yusuf(ctx, users["leerling2"], users["docent2"], sectors)
    ctx.log(f"  portfolio: {Experience.objects.count()} experiences")


def _seed_sanne(ctx, sanne, docent, sectors):
    """School A: Sanne's two years, her teammates, her coach, and the rest of 3A."""
    rng = ctx.rng("portfolio")
    class_3a = ClassGroup.objects.get(school=ctx.data["school_a"], school_year=ctx.data["year"], name="3A")
    classmates = _classmates(sanne, class_3a)
    made = _history(ctx, sanne, SANNE, sectors)
    # Coming up: a taster day she prepared ("before" saved).
    _upcoming(
        ctx, sanne, "sanne:meeloopdag", "Meeloopdag Installatietechniek MBO Utrecht", 16, ["techniek", "bouw"],
        "MBO Utrecht",
        {
            "goals": "Een hele dag meedoen in de werkplaats.",
            "expectations": "Dat ik vooral mag kijken en een beetje mag helpen.",
            "questions": "Hoeveel stage loop je in het eerste jaar?\nMoet je een rijbewijs hebben?",
        },
    )  # fmt: skip
    _states(ctx, sanne, "sanne", [
        ("to_prepare", "open_dag", "Open dag ROC Midden Nederland", 38, ["techniek", "ict-media"],
         "ROC Midden Nederland", {}),
        ("to_look_back", "gastles", "Gastles zonnepanelen Installatietechniek Bosman", -3, ["techniek"],
         "Installatietechniek Bosman", {"goals": "Weten hoe je zonnepanelen aansluit.",
                                        "questions": "Is het werk op het dak gevaarlijk?"}),
        ("draft", "bedrijfsbezoek", "Bedrijfsbezoek Warmtenet Utrecht", -6, ["techniek", "bouw"],
         "Warmtenet Utrecht", {"what_happened": "We zagen de grote warmtepompen in de centrale en"}),
    ])  # fmt: skip

    # Teammates: classmates in the same project teams, who give each other qualities.
    for key, size in (("sanne:zorgproject", 3), ("sanne:vogelhuis", 3)):
        base = made[key]
        mates = rng.sample(classmates, min(size, len(classmates)))
        for mate in mates:
            exp, _ = _experience(
                mate, f"{key}:{mate.pk}", "project", base.title, base.date,
                [s.slug for s in base.sectors.all()], dict(base.details),
            )  # fmt: skip
            picks = rng.sample(TEAMMATE_QUALITIES, 2), rng.sample(TEAMMATE_QUALITIES, 2)
            try:
                services.endorse_qualities(mate, sanne, picks[0], experience=exp)
                services.endorse_qualities(sanne, mate, picks[1], experience=made[key])
            except PermissionDenied:  # another seeder's experience in a different team
                pass

    # The coach: conversations (shared), a private note, qualities, advice.
    services.add_conversation(
        docent,
        sanne,
        date=made["sanne:bezoek-vandijk"].date + datetime.timedelta(days=7),
        experience=made["sanne:bezoek-vandijk"],
        shared="Sanne vond de bouwplaats geweldig en stelde veel vragen aan de uitvoerder.",
        feedback="Mooi dat je doorvroeg. Je ziet dat je energie krijgt van buiten en met je handen werken.",
        next_step="Sanne regelt een beroepsgesprek met iemand uit de installatietechniek.",
    )
    services.add_conversation(
        docent,
        sanne,
        date=min(made["sanne:zorgproject"].date + datetime.timedelta(days=4), ctx.today),
        experience=made["sanne:zorgproject"],
        shared="Sanne was teamleider en het bordspel werd meteen gebruikt.",
        feedback="Je hield overzicht en verdeelde taken goed. Zorg scoor je nu hoger dan vorig jaar: interessant!",
        next_step="Meeloopdag Installatietechniek voorbereiden; profielkeuze PIE of BWI bespreken met ouders.",
    )
    services.add_coach_note(
        docent, sanne, text="Ouders twijfelen over mbo niveau 3 of 4. Bij het oudergesprek in maart op terugkomen."
    )
    services.endorse_qualities(docent, sanne, ["handig-gereedschap", "doorzetter", "leider"])
    services.save_transfer_details(
        sanne,
        chosen_study="Mbo Eerste monteur installatietechniek (niveau 3), MBO Utrecht",
        motivation=(
            "Bij het bedrijfsbezoek en het beroepsgesprek merkte ik dat ik energie krijg van bouwen en installeren. "
            "Ik wil helpen huizen van het gas af te halen. Op de open dag zag ik de werkplaats en dat voelde goed."
        ),
        experience_ids=[],
        consent=True,
        now=ctx.now,
    )
    services.save_mentor_advice(
        docent,
        sanne,
        advice=(
            "Sanne is praktisch, nieuwsgierig en houdt overzicht in een team. Haar keuze voor installatietechniek "
            "is goed onderbouwd met eigen ervaringen. Advies: niveau 3 met doorstroom naar niveau 4."
        ),
        now=ctx.now,
    )
    _reflect_class(
        ctx, rng, classmates, sectors,
        shared=[
            ("bezoek", "bedrijfsbezoek", "Bedrijfsbezoek Bouwbedrijf Van Dijk", made["sanne:bezoek-vandijk"].date,
             ["bouw", "techniek"]),
            ("gastles", "gastles", "Gastles Zorggroep De Linde", made["sanne:gastles-zorg"].date, ["zorg-en-welzijn"]),
        ],
        project="Project: hulpmiddel voor de dagbesteding",
        key="3a",
    )  # fmt: skip


def _seed_yusuf(ctx, yusuf, docent2, sectors):
    """School B: Yusuf's history (last year's project and this year's visit come
    from the projects and partners demo), an upcoming taster day, his coach, and
    the rest of 2A."""
    if yusuf is None or docent2 is None:
        return
    rng = ctx.rng("portfolio:b")
    made = _history(ctx, yusuf, YUSUF, sectors)
    _upcoming(
        ctx, yusuf, "yusuf:meeloopdag", "Meeloopdag Mechatronica Albeda", 23, ["techniek"], "Albeda Techniek",
        {"goals": "Ontdekken of mechatronica echt bij me past.", "questions": "Hoeveel programmeren zit erin?"},
    )  # fmt: skip
    _states(ctx, yusuf, "yusuf", [
        ("to_prepare", "bedrijfsbezoek", "Bedrijfsbezoek Port of Rotterdam", 30, ["logistiek", "techniek"],
         "Havenbedrijf", {}),
        ("to_look_back", "beroepsgesprek", "Beroepsgesprek met een onderhoudsmonteur", -2, ["techniek"],
         "Albeda Techniek", {"goals": "Horen hoe een werkdag van een monteur eruitziet.",
                             "questions": "Werk je vaak 's nachts?"}),
        ("draft", "open_dag", "Open dag Techniek College Rotterdam", -8, ["techniek", "ict-media"],
         "Techniek College Rotterdam", {"what_happened": "Ik heb bij de robotarm gekeken en"}),
    ])  # fmt: skip
    services.add_conversation(
        docent2,
        yusuf,
        date=min(made["yusuf:opendag"].date + datetime.timedelta(days=6), ctx.today),
        experience=made["yusuf:opendag"],
        shared="Yusuf was enthousiast over mechatronica op de open dag van Albeda.",
        feedback="Je weet steeds beter wat je zoekt: bouwen én programmeren. Mooi dat je zelf vragen stelde.",
        next_step="Yusuf meldt zich aan voor de meeloopdag Mechatronica.",
    )
    services.add_coach_note(
        docent2, yusuf, text="Denkt aan PIE; vader werkt in de haven, graag betrekken bij de keuze."
    )
    class_2a = ClassGroup.objects.get(school=ctx.data["school_b"], school_year=ctx.data["year"], name="2A")
    _reflect_class(
        ctx, rng, _classmates(yusuf, class_2a), sectors,
        shared=[("gastles", "gastles", "Gastles Erasmus MC Jong", made["yusuf:gastles-erasmus"].date,
                 ["zorg-en-welzijn", "techniek"])],
        project="Project: de haven van morgen",
        key="2a-b",
    )  # fmt: skip


def _reflect_class(ctx, rng, classmates, sectors, *, shared, project, key):
    """The rest of a class: shared experiences and this year's project,
    reflected recently, long ago or never, so the coach view has students to nudge."""
    qualities = [q for q, _label in QUALITIES]
    motives = [m for m, _label in MOTIVES]
    domains = list(sectors)
    for index, student in enumerate(classmates):
        plan = [(f"{key}:{student.pk}:{name}", kind, title, date, slugs) for name, kind, title, date, slugs in shared]
        if index % 3 != 2:
            plan.append(
                (f"{key}:{student.pk}:project", "project", project,
                 ctx.day(-rng.choice([10, 20, 30, 60, 80])), rng.sample(domains, 2)),
            )  # fmt: skip
        for item_key, kind, title, date, slugs in plan:
            experience, _ = _experience(student, item_key, kind, title, date, slugs)
            if experience.reflected_at is not None or experience.date > ctx.today or rng.random() < 0.25:
                continue
            _reflect(
                student,
                experience,
                [sectors[s] for s in slugs],
                {slug: rng.randint(1, 5) for slug in slugs},
                texts={"what_happened": "We hebben gekeken hoe het werk gaat en vragen gesteld."},
                qualities=rng.sample(qualities, 2),
                motives=rng.sample(motives, 2),
                at=_at(experience.date, rng.choice([1, 3, 7]), ctx.today),
                today=ctx.today,
            )
