"""Demo data for the assignment library: partner challenges, ~60 assignments
across all levels and many sectors, versions, adoptions across schools,
materials and ratings. Built through the services."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from assignments import services
from assignments.models import Assignment, Challenge, SharingScope
from assignments.seed_data import ASSIGNMENTS, CHALLENGES, CHANGE_NOTES, RATING_COMMENTS
from core import mail
from core.seeding import register_seeder
from organisation.models import Level, PartnerOrganisation, RoleAssignment, School, Sector
from organisation.roles import Role

LEVEL_WORDS = ["onvoldoende", "voldoende", "goed", "uitstekend"]


def _rubric(title: str) -> dict:
    def row(name, kind, texts):
        return {"name": name, "kind": kind, "descriptors": texts}

    return {
        "levels": LEVEL_WORDS,
        "criteria": [
            row("Het eindproduct voldoet aan het programma van eisen", "product", [
                "Voldoet aan minder dan de helft van de eisen.",
                "Voldoet aan de belangrijkste eisen.",
                "Voldoet aan alle eisen en is netjes afgewerkt.",
                "Voldoet aan alle eisen en verrast de opdrachtgever.",
            ]),
            row("Onderzoek en onderbouwing", "product", [
                "Keuzes zijn niet onderbouwd.",
                "Keuzes zijn deels onderbouwd met eigen onderzoek.",
                "Keuzes zijn onderbouwd met onderzoek en bronnen.",
                "Sterke onderbouwing met eigen metingen of interviews.",
            ]),
            row("Presentatie aan de opdrachtgever", "product", [
                "Onduidelijk en onvoorbereid.",
                "Duidelijk, maar weinig contact met het publiek.",
                "Duidelijk, goed voorbereid, vragen goed beantwoord.",
                "Overtuigend; de opdrachtgever wil verder met het idee.",
            ]),
            row("Samenwerken en plannen", "process", [
                "Afspraken worden niet nagekomen.",
                "De planning wordt grotendeels gevolgd.",
                "Iedereen draagt bij; de planning wordt bijgestuurd.",
                "Het team stuurt zichzelf en helpt elkaar actief.",
            ]),
            row("Terugkijken op eigen handelen", "process", [
                "Geen of een oppervlakkige reflectie.",
                "Benoemt wat goed en fout ging.",
                "Benoemt eigen kwaliteiten en leerpunten met voorbeelden.",
                "Verbindt leerpunten aan een volgende stap in de loopbaan.",
            ]),
        ],
    }  # fmt: skip


@register_seeder("assignments", order=20)
def seed_assignments(ctx):
    if Assignment.objects.exists() or Challenge.objects.exists():
        return
    # Built through the services, which would mail coaches, partners and
    # authors: the demo sends nothing.
    with mail.muted():
        _seed_assignments(ctx)


def _seed_assignments(ctx):
    rng = ctx.rng("assignments")
    users = ctx.data["users"]
    school_a, school_b = ctx.data["school_a"], ctx.data["school_b"]
    partners = {p.name: p for p in PartnerOrganisation.objects.prefetch_related("networks", "contacts")}
    levels = {lvl.code: lvl for lvl in Level.objects.all()}
    sectors = {s.slug: s for s in Sector.objects.all()}
    schools = list(School.objects.select_related("network").order_by("pk"))
    by_network = {}
    for school in schools:
        by_network.setdefault(school.network_id, []).append(school)

    # One teacher per school acts as author (the demo teachers at A and B).
    from django.contrib.auth import get_user_model

    teacher_ids = {}
    for school_id, user_id in RoleAssignment.objects.filter(role=Role.TEACHER).values_list("school_id", "user_id"):
        teacher_ids.setdefault(school_id, []).append(user_id)
    user_objs = get_user_model().objects.in_bulk([uid for ids in teacher_ids.values() for uid in ids])
    authors = {sid: user_objs[sorted(ids)[0]] for sid, ids in teacher_ids.items()}
    authors[school_a.pk] = users["docent"]
    authors[school_b.pk] = users["docent2"]
    extra_teachers = {sid: [user_objs[i] for i in sorted(ids)[1:3]] for sid, ids in teacher_ids.items()}

    # Challenges.
    challenges = []
    for partner_name, title, question, why, good, sector_slugs, level_codes, (lo, hi), offers, timing in CHALLENGES:
        partner = partners[partner_name]
        contact = users["partner"] if partner_name == "Bouwbedrijf Van Dijk" else None
        challenge = services.submit_challenge(
            contact or users["bureau"],
            partner,
            sectors=[sectors[s] for s in sector_slugs],
            levels=[levels[c] for c in level_codes],
            title=title,
            question=question,
            why_it_matters=why,
            good_result=good,
            leerjaar_min=lo,
            leerjaar_max=hi,
            partner_offers=offers,
            timing=timing,
        )
        challenges.append(challenge)

    def school_for(index, partner):
        if index in (0, 2, 3, 4, 12, 30):
            return school_a
        if index in (6, 8, 9, 25):
            return school_b
        if partner is not None:
            networks = [n.pk for n in partner.networks.all()]
            if networks:
                return rng.choice(by_network[rng.choice(networks)])
        return rng.choice(schools)

    originals = []
    for index, row in enumerate(ASSIGNMENTS):
        (title, client_name, kind, contact, problem, result, sector_slugs, level_codes, (lo, hi),
         competencies, weeks, (gmin, gmax), tt, challenge_index) = row  # fmt: skip
        partner = partners.get(client_name) if client_name else None
        school = school_for(index, partner)
        author = authors[school.pk]
        content = services.Content(
            title=title,
            problem_statement=problem,
            expected_result=result,
            client=partner,
            client_name="" if partner else contact.split(",")[0] if client_name is None else client_name,
            client_contact=contact,
            client_kind=kind,
            levels=[levels[c] for c in level_codes],
            leerjaar_min=lo,
            leerjaar_max=hi,
            sectors=[sectors[s] for s in sector_slugs],
            competencies=competencies,
            duration_weeks=weeks,
            group_size_min=gmin,
            group_size_max=gmax,
            fits_tt=tt,
            rubric=_rubric(title),
        )
        challenge = challenges[challenge_index] if challenge_index is not None else None
        assignment = services.create_assignment(author, school, content, challenge=challenge)
        services.add_material(
            author,
            assignment,
            title="Lesbrief voor leerlingen",
            url=f"https://www.techmakers.nl/opdrachten/{index + 1}",
        )
        if index % 6 == 0:
            text = f"{title}\n\nProgramma van eisen\n- {result}\n- Presenteer aan: {content.client_contact}\n"
            upload = ContentFile(text.encode("utf-8"), name="programma-van-eisen.txt")
            services.add_material(
                author,
                assignment,
                title="Programma van eisen",
                upload=upload,
                filename="programma-van-eisen.txt",
                content_type="text/plain",
            )
        # Status: a few concepts and archived ones, most shared nationally.
        if index in (12, 33):
            pass  # concept (12 at school A)
        else:
            scope = (
                SharingScope.SCHOOL
                if index % 17 == 5
                else SharingScope.NETWORK
                if index % 4 == 1
                else SharingScope.NATIONAL
            )
            services.publish_assignment(author, assignment, scope)
            if index in (20, 41):
                services.archive_assignment(author, assignment)
        if index % 4 == 0 and index not in (12, 33):
            for note in rng.sample(CHANGE_NOTES, rng.randint(1, 2)):
                edited = services.content_from_version(assignment.current_version)
                edited.leerjaar_max = min(6, max(edited.leerjaar_max, edited.leerjaar_min + 1))
                edited.duration_weeks = max(2, edited.duration_weeks + rng.choice([-1, 1]))
                services.update_assignment(author, assignment, edited, change_note=note)
        originals.append(assignment)

    # Spread publication dates over the last year (deterministic from ctx.today).
    for assignment in originals:
        days = rng.randint(5, 360)
        when = timezone.make_aware(
            datetime.datetime.combine(ctx.today - datetime.timedelta(days=days), datetime.time(10))
        )
        Assignment.objects.filter(pk=assignment.pk, published_at__isnull=False).update(published_at=when)

    # Adoptions across schools: school B adopts two of school A's, A one of B's.
    published = [a for a in originals if a.status == Assignment.Status.PUBLISHED]
    adoptions = [(originals[0], school_b), (originals[3], school_b), (originals[6], school_a)]
    national = [a for a in published if a.sharing_scope == SharingScope.NATIONAL and a not in (originals[0],)]
    for original in rng.sample(national, 12):
        others = [s for s in schools if s.pk != original.owner_school_id]
        adoptions.append((original, rng.choice(others)))
    for original, school in adoptions:
        adopter = authors[school.pk]
        original.refresh_from_db()
        copy = services.adopt_assignment(adopter, original, school)
        if rng.random() < 0.6 or school == school_b:
            edited = services.content_from_version(copy.current_version)
            edited.problem_statement += "\n\nOnze leerlingen werken in tweetallen en presenteren op de ouderavond."
            services.update_assignment(adopter, copy, edited, change_note="Aangepast voor onze school")
            services.publish_assignment(
                adopter, copy, SharingScope.SCHOOL if rng.random() < 0.5 else SharingScope.NETWORK
            )

    # Ratings by teachers of other schools (who viewed the assignment first).
    rated = [a for a in published if a.status == Assignment.Status.PUBLISHED]
    for assignment in rated:
        raters = []
        for copy in assignment.adoptions.all():
            raters.append(authors[copy.owner_school_id])
        owner = assignment.owner_school
        others = [
            s
            for s in schools
            if s.pk != owner.pk
            and (assignment.sharing_scope == SharingScope.NATIONAL or s.network_id == owner.network_id)
        ]
        for school in rng.sample(others, min(len(others), rng.randint(0, 3))):
            raters += extra_teachers.get(school.pk, [])[:1]
        for rater in dict.fromkeys(raters):
            if rater is None:
                continue
            services.record_view(rater, assignment)
            services.rate_assignment(
                rater, assignment, rng.choices([3, 4, 5, 2], weights=[3, 5, 4, 1])[0], rng.choice(RATING_COMMENTS)
            )
    # The demo partner's challenges got responses from schools in the region.
    for challenge in challenges[:3]:
        services.respond_to_challenge(
            users["docent"], challenge, school_a, "Klas 3A wil hier graag mee aan de slag in de projectweken."
        )
    ctx.log(f"  {Assignment.objects.count()} assignments, {len(challenges)} challenges")
