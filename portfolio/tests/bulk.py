"""Realistic volumes for query-count tests and the benchmark: a class of
students with two years of history (experiences touching two or three
sectors, reflections with qualities and motives, affinity scores), written
with bulk inserts."""

import datetime
import random

from django.utils import timezone

from organisation import services as org_services
from organisation.models import Sector
from organisation.tests.factories import UserFactory
from portfolio.choices import MOTIVES, QUALITIES, Kind
from portfolio.models import CareerConversation, CoachNote, Experience, Reflection, SectorAffinity


def add_history(students, *, per_student=12, today=None, seed=7, coach=None):
    """Give every student ``per_student`` reflected experiences over the last two years."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    domains = list(Sector.objects.filter(kind=Sector.Kind.DOMAIN))
    kinds = [k for k, _ in Kind.choices]
    experiences = []
    for student in students:
        for i in range(per_student):
            date = today - datetime.timedelta(days=int(730 * (i + rng.random()) / per_student))
            experiences.append(
                Experience(
                    student=student, kind=rng.choice(kinds), title=f"Ervaring {i + 1}", date=date,
                    place="Bedrijf", source_key=f"bulk:{student.pk}:{i}", group_key=f"bulk:{i}",
                    reflected_at=timezone.make_aware(datetime.datetime.combine(date, datetime.time(12))),
                )
            )  # fmt: skip
    Experience.objects.bulk_create(experiences, batch_size=500)
    experiences = list(Experience.objects.filter(student__in=students, source_key__startswith="bulk:"))
    quality_slugs = [q for q, _ in QUALITIES]
    motive_slugs = [m for m, _ in MOTIVES]
    Reflection.objects.bulk_create(
        [
            Reflection(
                experience=e, what_happened="Wat er gebeurde", about_me="Wat het over mij zegt",
                goals="Doel", follow_up="Volgende stap", qualities=rng.sample(quality_slugs, 2),
                motives=rng.sample(motive_slugs, 2), submitted_at=e.reflected_at,
            )
            for e in experiences
        ],
        batch_size=500,
    )  # fmt: skip
    through, scores = [], []
    for e in experiences:
        for sector in rng.sample(domains, rng.choice([2, 3])):
            through.append(Experience.sectors.through(experience_id=e.pk, sector_id=sector.pk))
            scores.append(SectorAffinity(experience=e, student_id=e.student_id, sector=sector, score=rng.randint(1, 5)))
    Experience.sectors.through.objects.bulk_create(through, batch_size=1000)
    SectorAffinity.objects.bulk_create(scores, batch_size=1000)
    if coach is not None:
        CareerConversation.objects.bulk_create(
            [
                CareerConversation(student=s, coach=coach, date=today, shared="Gedeeld", next_step="Stap")
                for s in students
            ]
        )
        CoachNote.objects.bulk_create([CoachNote(student=s, author=coach, text="Notitie") for s in students])
    return experiences


def fill_class(class_group, n_students, *, prefix="bulk"):
    """Enrol ``n_students`` new students in the class."""
    students = [UserFactory(username=f"{prefix}{class_group.pk}-{i}") for i in range(n_students)]
    for student in students:
        org_services.enrol_student(student, class_group)
    return students
