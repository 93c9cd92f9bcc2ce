"""Demo data for the organisation: networks, ~40 schools, classes over
leerjaar 1-4, ~1,500 students, teachers, ~30 partners and the demo accounts."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission

from accounts.names import sort_name
from core import mail
from core.seeding import register_seeder
from organisation import services
from organisation.models import (
    ClassGroup,
    EducationTeam,
    Level,
    Membership,
    Network,
    PartnerContact,
    PartnerOrganisation,
    RoleAssignment,
    School,
    SchoolYear,
    Sector,
)
from organisation.roles import Role
from organisation.taxonomy import NETWORKS, sync_taxonomy

DEMO_PASSWORD = "techmakers"

FIRST_NAMES = (
    "Daan Sem Milan Lucas Levi Noah Finn Liam Jesse Bram Luuk Thijs Mees Sam Ties Gijs Jayden Mohammed Adam Yusuf "
    "Emma Julia Mila Tess Sophie Zoë Sara Nora Yara Eva Lotte Noor Fenna Lina Saar Anna Evi Isa Fleur Amira "
    "Ibrahim Rayan Kevin Stijn Ruben Ayoub Mats Jens Lars Roos Elif Hanna Maud Iris Senna Nina Lieke Jasmijn Bo"
).split()
LAST_NAMES = (
    "de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|Mulder|de Groot|"
    "Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|de Graaf|van der Meer|van der Linden|"
    "Kok|Jacobs|de Haan|Vermeulen|van den Heuvel|van der Veen|van den Broek|de Bruijn|de Bruin|van der Heijden|"
    "Schouten|van Beek|Willems|van Wijk|Yilmaz|El Amrani|Kaya|Öztürk|Bouzid|Nguyen|Pinas|Martina|Koster|Prins"
).split("|")

CITIES = {
    "noord": ["Groningen", "Leeuwarden", "Assen", "Emmen", "Drachten", "Hoogezand"],
    "oost": ["Zwolle", "Enschede", "Deventer", "Apeldoorn", "Arnhem", "Nijmegen"],
    "utrecht": ["Amersfoort", "Utrecht", "Nieuwegein", "Zeist", "Veenendaal", "Hilversum"],
    "noord-holland": ["Amsterdam", "Zaandam", "Hoorn", "Alkmaar", "Purmerend", "Haarlem"],
    "zuid-holland": ["Rotterdam", "Den Haag", "Leiden", "Delft", "Dordrecht", "Gouda"],
    "brabant": ["Eindhoven", "Tilburg", "Breda", "'s-Hertogenbosch", "Helmond"],
    "limburg-zeeland": ["Maastricht", "Venlo", "Heerlen", "Roermond", "Middelburg"],
}
SCHOOL_WORDS = [
    "Vakcollege",
    "Technasium",
    "College",
    "Scholengemeenschap",
    "Lyceum",
    "Praktijkcollege",
    "Campus",
    "Montessori College",
]
SCHOOL_NAMES = [
    "De Brug",
    "Het Baken",
    "De Horizon",
    "Het Kompas",
    "De Ring",
    "Het Anker",
    "De Vaart",
    "Het Noorderlicht",
    "De Eik",
    "Het Perron",
    "De Werf",
    "Het Atelier",
    "De Sprong",
    "De Poort",
    "Het Podium",
    "De Kade",
]

# name, kind, sector slugs, network slugs, city, description
PARTNERS = [
    (
        "Bouwbedrijf Van Dijk",
        "bedrijf",
        ["bouw", "techniek"],
        ["utrecht"],
        "Amersfoort",
        "Wij bouwen woningen en scholen in de regio Amersfoort. Timmerlieden, uitvoerders en werkvoorbereiders laten je zien hoe een gebouw ontstaat.",
    ),
    (
        "Zorggroep De Linde",
        "maatschappelijk",
        ["zorg-en-welzijn"],
        ["utrecht"],
        "Utrecht",
        "Verpleeghuizen en thuiszorg. Onze verzorgenden en activiteitenbegeleiders vertellen graag over werken met ouderen.",
    ),
    (
        "Gemeente Amersfoort",
        "overheid",
        ["dienstverlening", "groen"],
        ["utrecht"],
        "Amersfoort",
        "De gemeente zoekt ideeën van jongeren voor een groenere en veiligere stad.",
    ),
    (
        "MBO Utrecht",
        "mbo",
        ["techniek", "zorg-en-welzijn", "ict-media"],
        ["utrecht"],
        "Utrecht",
        "Opleidingen in techniek, zorg en ICT. Meeloopdagen en open dagen voor vmbo-leerlingen.",
    ),
    (
        "Hogeschool Utrecht",
        "hbo",
        ["onderwijs", "techniek", "economie"],
        ["utrecht"],
        "Utrecht",
        "Studenten en docenten van de hogeschool begeleiden havisten bij onderzoek en ontwerp.",
    ),
    (
        "Installatietechniek Bosman",
        "bedrijf",
        ["techniek", "bouw"],
        ["utrecht", "oost"],
        "Veenendaal",
        "Warmtepompen, zonnepanelen en slimme installaties: wij maken huizen duurzaam.",
    ),
    (
        "Bakkerij Brood & Zo",
        "bedrijf",
        ["horeca-voeding"],
        ["utrecht"],
        "Zeist",
        "Ambachtelijke bakkerij met vijf winkels. Kom kijken hoe ons brood 's nachts wordt gebakken.",
    ),
    (
        "Port of Rotterdam Academy",
        "bedrijf",
        ["logistiek", "techniek"],
        ["zuid-holland"],
        "Rotterdam",
        "Alles over de haven: logistiek, scheepvaart en techniek.",
    ),
    (
        "Erasmus MC Jong",
        "maatschappelijk",
        ["zorg-en-welzijn"],
        ["zuid-holland"],
        "Rotterdam",
        "Het ziekenhuis laat jongeren kennismaken met de zorg achter de schermen.",
    ),
    (
        "Studio Vormvast",
        "bedrijf",
        ["creatief-ontwerp", "ict-media"],
        ["zuid-holland", "noord-holland"],
        "Den Haag",
        "Ontwerpbureau voor apps, websites en verpakkingen.",
    ),
    (
        "Albeda Techniek",
        "mbo",
        ["techniek", "logistiek"],
        ["zuid-holland"],
        "Rotterdam",
        "Mbo-opleidingen techniek en logistiek; meeloopdagen voor derdejaars.",
    ),
    (
        "Tuinbouwcoöperatie Westland",
        "bedrijf",
        ["groen", "techniek"],
        ["zuid-holland"],
        "Delft",
        "Kassen vol techniek: robots, LED-licht en duurzame energie.",
    ),
    (
        "Sportbedrijf Rotterdam",
        "overheid",
        ["sport"],
        ["zuid-holland"],
        "Rotterdam",
        "Wij organiseren sport in de wijk en zoeken jonge sportleiders.",
    ),
    (
        "Philips Innovation Services",
        "bedrijf",
        ["techniek", "ict-media"],
        ["brabant"],
        "Eindhoven",
        "Ingenieurs die medische apparaten en slimme producten ontwikkelen.",
    ),
    (
        "Summa College",
        "mbo",
        ["techniek", "ict-media", "zorg-en-welzijn"],
        ["brabant"],
        "Eindhoven",
        "Mbo-opleidingen in Eindhoven; proeflessen en meeloopdagen.",
    ),
    (
        "Fontys Hogescholen",
        "hbo",
        ["techniek", "onderwijs", "sport"],
        ["brabant", "limburg-zeeland"],
        "Tilburg",
        "Hbo-opleidingen; studenten vertellen over hun studiekeuze.",
    ),
    (
        "Boerderij De Hoeve",
        "bedrijf",
        ["groen", "horeca-voeding"],
        ["brabant"],
        "Oss",
        "Melkveebedrijf met eigen kaasmakerij en zorgboerderij.",
    ),
    (
        "Chemelot Campus",
        "bedrijf",
        ["techniek"],
        ["limburg-zeeland"],
        "Heerlen",
        "Chemie en materialen: van plastic recyclen tot nieuwe medicijnen.",
    ),
    (
        "Zeeuwse Reddingsbrigade",
        "maatschappelijk",
        ["dienstverlening", "sport"],
        ["limburg-zeeland"],
        "Middelburg",
        "Veiligheid op het water; vrijwilligers en professionals.",
    ),
    (
        "Hotel Maasboulevard",
        "bedrijf",
        ["horeca-voeding", "economie"],
        ["limburg-zeeland"],
        "Venlo",
        "Hotel en restaurant; we leiden koks en gastheren en -vrouwen op.",
    ),
    (
        "Wetterskip Fryslân",
        "overheid",
        ["groen", "techniek"],
        ["noord"],
        "Leeuwarden",
        "Het waterschap zorgt voor droge voeten en schoon water.",
    ),
    (
        "Noorderpoort",
        "mbo",
        ["techniek", "zorg-en-welzijn", "economie"],
        ["noord"],
        "Groningen",
        "Mbo-opleidingen in Groningen en Drenthe.",
    ),
    (
        "Energiebedrijf Noordwind",
        "bedrijf",
        ["techniek"],
        ["noord"],
        "Emmen",
        "Windparken en waterstof: de energie van morgen.",
    ),
    (
        "Kinderopvang Kiekeboe",
        "maatschappelijk",
        ["zorg-en-welzijn", "onderwijs"],
        ["noord", "oost"],
        "Assen",
        "Kinderopvang en buitenschoolse opvang met 40 locaties.",
    ),
    (
        "Thales Hengelo",
        "bedrijf",
        ["techniek", "ict-media"],
        ["oost"],
        "Enschede",
        "Radar- en communicatiesystemen; veel stageplekken voor techniek.",
    ),
    (
        "ROC van Twente",
        "mbo",
        ["techniek", "zorg-en-welzijn", "horeca-voeding"],
        ["oost"],
        "Enschede",
        "Mbo-opleidingen in Twente; meeloopdagen en gastlessen.",
    ),
    (
        "Transportbedrijf Hendriks",
        "bedrijf",
        ["logistiek"],
        ["oost"],
        "Deventer",
        "Vrachtvervoer door heel Europa; planners en chauffeurs vertellen over hun werk.",
    ),
    (
        "Gemeente Zaanstad",
        "overheid",
        ["dienstverlening", "economie"],
        ["noord-holland"],
        "Zaandam",
        "De gemeente werkt aan de wijk van de toekomst en vraagt jongeren mee te denken.",
    ),
    (
        "OLVG Ziekenhuis",
        "maatschappelijk",
        ["zorg-en-welzijn"],
        ["noord-holland"],
        "Amsterdam",
        "Ziekenhuis in Amsterdam; kijk mee met laboranten, verpleegkundigen en technici.",
    ),
    (
        "Mediahuis Jong",
        "bedrijf",
        ["ict-media", "creatief-ontwerp"],
        ["noord-holland"],
        "Amsterdam",
        "Journalisten, fotografen en ontwikkelaars van nieuwsapps.",
    ),
    (
        "Horeca Nederland Afdeling Haarlem",
        "maatschappelijk",
        ["horeca-voeding", "economie"],
        ["noord-holland"],
        "Haarlem",
        "Koks, ondernemers en gastvrouwen uit Haarlem.",
    ),
]


PARTNER_B = "Port of Rotterdam Academy"  # the demo partner of school B's region (``partner2``)

# The demo accounts of the README: username, first name, last name.
DEMO_ACCOUNTS = [
    ("leerling", "Sanne", "de Vries"),
    ("leerling2", "Yusuf", "Kaya"),
    ("docent", "Mark", "Jansen"),
    ("docent2", "Fatima", "El Amrani"),
    ("coordinator", "Ingrid", "Bakker"),
    ("netwerkcoach", "Peter", "Visser"),
    ("partner", "Karin", "van Dijk"),
    ("partner2", "Bram", "de Haan"),
    ("bureau", "Anouk", "Smit"),
]
DEMO_USERNAMES = [username for username, _first, _last in DEMO_ACCOUNTS]


def _person(rng):
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


@register_seeder("organisation", order=10)
def seed_organisation(ctx):
    """The organisation's demo, built in named steps. The order of the steps is
    the order in which they draw from ``rng`` and create rows: keep it, or the
    demo changes."""
    sync_taxonomy()
    if get_user_model().objects.filter(username="bureau").exists():
        ctx.data.update(_load_demo_refs())
        return
    rng = ctx.rng("organisation")
    password = make_password(DEMO_PASSWORD)
    current_start = SchoolYear.start_year_of(ctx.today)
    year = services.ensure_school_year(current_start)
    previous_year = services.ensure_school_year(current_start - 1)
    levels = {lvl.code: lvl for lvl in Level.objects.all()}

    networks = _networks()
    schools, school_a, school_b = _schools(rng, networks, levels, year, ctx.scale)
    school_staff = _staff(rng, schools, password)
    demo = _demo_accounts(password, school_a, school_b)
    school_staff[school_a.pk] += [demo["docent"], demo["coordinator"]]
    school_staff[school_b.pk] += [demo["docent2"]]
    _education_teams(schools, school_staff)
    classes = _classes(rng, schools, school_a, school_b, school_staff, demo, levels, year)
    num_students = _students(rng, classes, password)
    _demo_students(demo, school_a, school_b, year, ctx.today)
    for school, letters in ((school_a, "AB"), (school_b, "A")):
        _previous_year_classes(school, letters, year, previous_year)
    partner_orgs = _partners(rng, networks, demo)
    _region_proposals(partner_orgs, demo, school_a, school_b, ctx)
    ctx.data.update(_load_demo_refs())
    ctx.log(f"  {len(schools)} schools, {num_students + 2} students, {len(partner_orgs)} partners")


def _user(username, first, last, password, email=True):
    """An unsaved demo user (saved in bulk by the step that makes them)."""
    return get_user_model()(
        username=username,
        first_name=first,
        last_name=last,
        sort_name=sort_name(last, first),  # saved in bulk: save() does not run
        email=f"{username}@demo.techmakers.nl" if email else "",
        password=password,
    )


def _networks():
    networks = {}
    for slug, name, region in NETWORKS:
        networks[slug], _ = Network.objects.get_or_create(slug=slug, defaults={"name": name, "region": region})
    return networks


def _schools(rng, networks, levels, year, scale):
    """Schools with their levels and membership, ``scale`` rounds over each
    network's cities. School A is the first in Utrecht, school B the first in
    Zuid-Holland: both active members offering every level."""
    schools = []
    brin_seq = 0
    for slug, _name, _region in NETWORKS:
        for round_ in range(scale):
            for i, city in enumerate(CITIES[slug]):
                brin_seq += 1
                letters = chr(65 + (brin_seq // 26) % 26) + chr(65 + brin_seq % 26)
                brin = f"{10 + brin_seq // 676 % 90:02d}{letters}"
                if slug == "utrecht" and round_ == 0 and i == 0:
                    name = "Vakcollege De Brug"
                elif slug == "zuid-holland" and round_ == 0 and i == 0:
                    name = "Maascollege Het Baken"
                else:
                    name = f"{rng.choice(SCHOOL_WORDS)} {rng.choice(SCHOOL_NAMES)}"
                    if round_:
                        name = f"{name} {round_ + 1}"
                school = School.objects.create(name=name, brin=brin, city=city, network=networks[slug])
                offered = ["vmbo-gl", "vmbo-tl"] + (["havo"] if rng.random() < 0.6 else [])
                school.levels.set([levels[c] for c in offered])
                _membership(rng, school, year)
                schools.append(school)
    school_a = schools[[s.name for s in schools].index("Vakcollege De Brug")]
    school_b = schools[[s.name for s in schools].index("Maascollege Het Baken")]
    Membership.objects.filter(school__in=[school_a, school_b]).update(status="actief", phase="licentie")
    school_a.levels.set(levels.values())
    school_b.levels.set(levels.values())
    return schools, school_a, school_b


def _membership(rng, school, year):
    status = rng.choices(["actief", "aspirant", "gestopt"], weights=[8, 2, 0.5])[0]
    phase = {
        "actief": "licentie",
        "aspirant": rng.choice(["aanmelding", "deelnametoets", "voorbereidingsjaar"]),
        "gestopt": "licentie",
    }[status]
    start = year.start_date.replace(year=year.start_date.year - rng.randint(0, 6))
    end = year.end_date if status == "gestopt" else None
    Membership.objects.create(school=school, status=status, phase=phase, commitment_start=start, commitment_end=end)


def _staff(rng, schools, password):
    """Three to five staff per school, the first its coordinator. Returns each
    school's staff by school id."""
    staff_users = []
    staff_roles = []
    school_staff = {}
    for school in schools:
        members = []
        for k in range(rng.randint(3, 5)):
            first, last = _person(rng)
            user = _user(f"d.{school.brin.lower()}.{k}", first, last, password)
            staff_users.append(user)
            members.append(user)
            staff_roles.append((user, Role.COORDINATOR if k == 0 else Role.TEACHER, school))
        school_staff[school.pk] = members
    get_user_model().objects.bulk_create(staff_users)
    RoleAssignment.objects.bulk_create([RoleAssignment(user=u, role=r, school=s) for u, r, s in staff_roles])
    return school_staff


def _demo_accounts(password, school_a, school_b):
    """The demo accounts of the README, with their staff, coach and office roles
    (students are enrolled, partners linked to their organisation later)."""
    User = get_user_model()
    User.objects.bulk_create([_user(username, first, last, password) for username, first, last in DEMO_ACCOUNTS])
    demo = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}
    services.assign_role(demo["docent"], Role.TEACHER, school=school_a)
    services.assign_role(demo["docent2"], Role.TEACHER, school=school_b)
    services.assign_role(demo["coordinator"], Role.COORDINATOR, school=school_a)
    services.assign_role(demo["coordinator"], Role.TEACHER, school=school_a)
    services.assign_role(demo["netwerkcoach"], Role.NETWORK_COACH, network=school_a.network)
    services.assign_role(demo["bureau"], Role.OFFICE)
    office = demo["bureau"]
    office.is_staff = True
    office.save(update_fields=["is_staff"])
    group, _ = Group.objects.get_or_create(name="Programmabureau")
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=["organisation", "accounts"]))
    office.groups.add(group)
    return demo


def _education_teams(schools, school_staff):
    for school in schools:
        team = EducationTeam.objects.create(school=school, name="Team TechMakers")
        team.members.set(school_staff[school.pk])


def _classes(rng, schools, school_a, school_b, school_staff, demo, levels, year):
    """This year's classes, each with the number of students it gets. School A:
    two classes per leerjaar 1-4 (the demo teacher mentors 3A); school B: one per
    leerjaar (the second demo teacher mentors 2A); other schools: classes in two
    leerjaren."""
    students_by_class = []
    for school in schools:
        if school == school_a:
            plan = [(lj, letter, rng.randint(24, 30)) for lj in (1, 2, 3, 4) for letter in "AB"]
        elif school == school_b:
            plan = [(lj, "A", rng.randint(18, 24)) for lj in (1, 2, 3, 4)]
        else:
            plan = [(lj, "A", rng.randint(13, 19)) for lj in sorted(rng.sample([1, 2, 3, 4], 2))]
        for lj, letter, size in plan:
            level = (
                levels["havo"]
                if letter == "B" and school == school_a and lj >= 3
                else levels[rng.choice(["vmbo-gl", "vmbo-tl"])]
            )
            mentor = rng.choice(school_staff[school.pk])
            if school == school_a and lj == 3 and letter == "A":
                mentor = demo["docent"]
                level = levels["vmbo-tl"]
            if school == school_b and lj == 2:
                mentor = demo["docent2"]
            cg = ClassGroup.objects.create(
                school=school, school_year=year, name=f"{lj}{letter}", level=level, leerjaar=lj, mentor=mentor
            )
            students_by_class.append((cg, size))
    return students_by_class


def _students(rng, students_by_class, password):
    """New students enrolled in this year's classes. Returns how many."""
    new_students = []
    plan_rows = []
    seq = 0
    for cg, size in students_by_class:
        members = []
        for _ in range(size):
            seq += 1
            first, last = _person(rng)
            members.append(_user(f"l{seq:06d}", first, last, password, email=False))
        new_students.extend(members)
        plan_rows.append((cg, members))
    get_user_model().objects.bulk_create(new_students, batch_size=1000)
    # bulk_create sets pks on PostgreSQL and SQLite 3.35+.
    for cg, members in plan_rows:
        services.enrol_students(members, cg)
    return len(new_students)


def _demo_students(demo, school_a, school_b, year, today):
    """leerling in 3A at school A (with last year's history), leerling2 in 2A at school B."""
    class_3a = ClassGroup.objects.get(school=school_a, school_year=year, name="3A")
    class_2a_b = ClassGroup.objects.get(school=school_b, school_year=year, name="2A")
    services.enrol_student(demo["leerling"], class_3a, today=today)
    services.enrol_student(demo["leerling2"], class_2a_b, today=today)


def _previous_year_classes(school, letters, year, previous_year):
    """Last school year's classes: this year's leerjaar 2-4 classes, one leerjaar lower."""
    for lj in (2, 3, 4):
        for letter in letters:
            current = ClassGroup.objects.get(school=school, school_year=year, name=f"{lj}{letter}")
            prev = ClassGroup.objects.create(
                school=school,
                school_year=previous_year,
                name=f"{lj - 1}{letter}",
                level=current.level,
                leerjaar=lj - 1,
                mentor=current.mentor,
            )
            students = [e.student for e in current.enrolments.select_related("student")]
            services.enrol_students(students, prev, current=False)


def _partners(rng, networks, demo):
    """The partner organisations with an education contact each; the demo
    partners are contacts of Van Dijk (school A's region) and of PARTNER_B."""
    sectors = {s.slug: s for s in Sector.objects.filter(kind=Sector.Kind.DOMAIN)}
    partner_orgs = []
    for name, kind, sector_slugs, network_slugs, city, description in PARTNERS:
        org = PartnerOrganisation.objects.create(
            name=name,
            kind=kind,
            city=city,
            description=description,
            website=f"https://www.{''.join(c for c in name.lower() if c.isalnum())}.nl",
        )
        org.sectors.set([sectors[s] for s in sector_slugs])
        org.networks.set([networks[n] for n in network_slugs])
        first, last = _person(rng)
        PartnerContact.objects.create(
            organisation=org,
            name=f"{first} {last}",
            function="Contactpersoon onderwijs",
            email=f"onderwijs@{org.website.split('www.')[1].rstrip('/')}",
        )
        partner_orgs.append(org)
    van_dijk = partner_orgs[0]
    port = next(org for org in partner_orgs if org.name == PARTNER_B)
    for org, username, function in (
        (van_dijk, "partner", "HR-adviseur en opleidingen"),
        (port, "partner2", "Coördinator onderwijsprojecten"),
    ):
        contact = demo[username]
        PartnerContact.objects.create(
            organisation=org, user=contact, name=contact.get_full_name(), function=function, email=contact.email
        )
        services.assign_role(contact, Role.PARTNER, partner=org)
    return partner_orgs


def _region_proposals(partner_orgs, demo, school_a, school_b, ctx):
    """Two partners asking to serve another region, waiting for a decision: the
    partner of school B's region asks for school A's (the demo network coach
    decides), Van Dijk asks for school B's (the programme office decides)."""
    van_dijk = partner_orgs[0]
    port = next(org for org in partner_orgs if org.name == PARTNER_B)
    with mail.muted():
        for org, username, network in ((port, "partner2", school_a.network), (van_dijk, "partner", school_b.network)):
            services.propose_regions(demo[username], org, [*org.networks.all(), network], now=ctx.at(-2, 16))


def _load_demo_refs():
    """References later seeders use: the demo users, schools A and B, the years."""
    User = get_user_model()
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}
    school_a = School.objects.get(name="Vakcollege De Brug")
    school_b = School.objects.get(name="Maascollege Het Baken")
    years = list(SchoolYear.objects.order_by("-start_date")[:2])
    return {
        "users": users,
        "school_a": school_a,
        "school_b": school_b,
        "year": years[0],
        "previous_year": years[1] if len(years) > 1 else None,
        "partner_org": PartnerOrganisation.objects.get(name="Bouwbedrijf Van Dijk"),
        "partner_org_b": PartnerOrganisation.objects.get(name=PARTNER_B),
    }
