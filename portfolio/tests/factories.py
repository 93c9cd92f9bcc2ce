"""Factories and small builders for portfolio tests (on top of the
organisation factories and the ``world`` personas of the root conftest)."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from organisation.models import Sector
from portfolio import services
from portfolio.models import Experience, Reflection, TransferDossier


class ExperienceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Experience
        skip_postgeneration_save = True

    kind = "open_dag"
    title = factory.Sequence(lambda n: f"Open dag {n}")
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    place = "MBO Utrecht"

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        if create:
            Reflection.objects.get_or_create(experience=self)
            if extracted:
                self.sectors.set(Sector.objects.filter(slug__in=extracted))


def domain(slug):
    return Sector.objects.get(slug=slug)


def reflected(student, *, title="Bedrijfsbezoek", kind="bedrijfsbezoek", days_ago=10, scores=None, at=None,
              qualities=("nieuwsgierig",), motives=("maken",), source_key=""):  # fmt: skip
    """An experience with a handed-in reflection and affinity scores."""
    scores = scores or {"techniek": 4}
    experience = ExperienceFactory(
        student=student,
        kind=kind,
        title=title,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        sectors=list(scores),
        source_key=source_key,
    )
    services.submit_reflection(
        student,
        experience,
        texts={"what_happened": f"Wat er gebeurde bij {title}", "goals": "Iets leren"},
        qualities=list(qualities),
        motives=list(motives),
        affinities={domain(slug): score for slug, score in scores.items()},
        at=at,
    )
    experience.refresh_from_db()
    return experience


# --- builders for the permission matrix (idempotent: the matrix rolls back per persona)


def own_experience(student, title="Open dag (eigen)"):
    found = Experience.objects.filter(student=student, title=title).first()
    return found or ExperienceFactory(student=student, title=title, sectors=["techniek"])


def experience_a(w):
    return own_experience(w.leerling)


def experience_b(w):
    return own_experience(w.leerling2)


def team_project_a(w):
    """A project of leerling with classmate in the same team."""
    details = {"team_id": "matrix-team", "client": "Bouwbedrijf Van Dijk", "role_in_team": "bouwer"}
    mine = services.record_experience(
        student=w.leerling, source_key="projects.teammembership:900", kind="project",
        title="Project: tiny house", date=timezone.localdate(), sector_slugs=["bouw"], details=details,
    )  # fmt: skip
    services.record_experience(
        student=w.classmate, source_key="projects.teammembership:901", kind="project",
        title="Project: tiny house", date=timezone.localdate(), sector_slugs=["bouw"], details=details,
    )  # fmt: skip
    return mine


def dossier_for(student):
    found = TransferDossier.objects.filter(student=student, status=TransferDossier.Status.DONE).first()
    if found:
        return found
    dossier = TransferDossier.objects.create(student=student, requested_by=student, status="done", progress=100)
    dossier.file.save("dossier.pdf", ContentFile(b"%PDF-1.7\n% test\n%%EOF\n"), save=True)
    return dossier


def dossier_a(w):
    return dossier_for(w.leerling)


def dossier_b(w):
    return dossier_for(w.leerling2)
