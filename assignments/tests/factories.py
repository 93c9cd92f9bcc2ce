"""Factories for the assignment library. Assignments are built through the
services, so versions, facets and search fields are always consistent."""

import factory

from assignments import services
from assignments.models import Challenge, SharingScope
from organisation.models import Level, Sector
from organisation.tests.factories import PartnerOrganisationFactory, UserFactory

RUBRIC = {
    "levels": ["onvoldoende", "voldoende", "goed", "uitstekend"],
    "criteria": [
        {"name": "Het ontwerp", "kind": "product", "descriptors": ["a", "b", "c", "d"]},
        {"name": "Samenwerking", "kind": "process", "descriptors": ["e", "f", "g", "h"]},
    ],
}


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge
        skip_postgeneration_save = True

    partner = factory.SubFactory(PartnerOrganisationFactory)
    created_by = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Uitdaging {n}")
    question = "Hoe maken we onze bouwplaats veiliger voor bezoekers?"
    why_it_matters = "Er gebeuren te veel ongelukjes."
    good_result = "Een prototype van een waarschuwingssysteem."
    partner_offers = ["kickoff", "feedback"]
    timing = "voorjaar"

    @factory.post_generation
    def levels(self, create, extracted, **kwargs):
        if create:
            self.levels.set(extracted or Level.objects.all())


def make_content(**overrides) -> services.Content:
    values = {
        "title": "Een veilige bouwplaats",
        "problem_statement": "Bezoekers van de bouwplaats lopen risico. Ontwerp een oplossing.",
        "expected_result": "Een prototype en een presentatie voor de uitvoerder.",
        "client_name": "Bouwbedrijf Test",
        "client_contact": "Jan Test, uitvoerder",
        "client_kind": "bedrijf",
        "levels": list(Level.objects.filter(code__in=["vmbo-gl", "vmbo-tl"])),
        "leerjaar_min": 2,
        "leerjaar_max": 3,
        "sectors": list(Sector.objects.filter(slug__in=["bouw", "techniek"])),
        "competencies": ["samenwerken", "ontwerpen"],
        "duration_weeks": 6,
        "fits_tt": True,
        "rubric": RUBRIC,
    }
    values.update(overrides)
    return services.Content(**values)


def make_assignment(author, school, *, status="concept", scope=SharingScope.SCHOOL, challenge=None, **content):
    assignment = services.create_assignment(author, school, make_content(**content), challenge=challenge)
    if status in ("published", "archived"):
        services.publish_assignment(author, assignment, scope)
    if status == "archived":
        services.archive_assignment(author, assignment)
    assignment.refresh_from_db()
    return assignment
