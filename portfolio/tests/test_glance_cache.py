"""The coach's class overview caches each student's richtingsgevoel at a
glance under a key made of what it depends on. A repeat view reads it in two
queries; every way a student's data can change gives the fresh numbers."""

import datetime

import pytest
from django.core.cache import cache, caches
from django.utils import timezone

from organisation.models import Enrolment, Level
from portfolio import insights, services
from portfolio.tests.factories import domain, reflected

pytestmark = pytest.mark.django_db


def overview(world, today=None):
    return insights.class_overview(Enrolment.objects.filter(class_group=world.class_a), today=today)


def fresh(world, today=None):
    """The overview computed from the database alone."""
    cache.clear()
    return overview(world, today)


def glance_of(rows, student):
    row = next(r for r in rows if r["student_id"] == student.pk)
    return (
        [(t["domain"], t["score"]) for t in row["top"]],
        row["top_profile"].slug if row["top_profile"] else None,
        row["num_unexplored"],
    )


def test_a_repeat_view_reads_the_glances_from_the_cache(world, django_assert_num_queries):
    reflected(world.leerling, scores={"techniek": 5, "zorg-en-welzijn": 2})
    reflected(world.classmate, scores={"economie": 4})
    with django_assert_num_queries(5):
        first = overview(world)
    with django_assert_num_queries(2):
        second = overview(world)
    assert second == first
    assert glance_of(second, world.leerling)[0] == [("techniek", "5"), ("zorg-en-welzijn", "2")]


def test_every_change_to_a_students_data_shows_at_once(world):
    student = world.leerling
    first = reflected(student, scores={"techniek": 5})
    overview(world)  # fills the cache

    steps = []

    # A new reflection with scores.
    reflected(student, title="Gastles zorg", kind="gastles", days_ago=2, scores={"zorg-en-welzijn": 5, "techniek": 1})
    steps.append("reflection")
    rows = overview(world)
    assert glance_of(rows, student)[0][0] == ("zorg-en-welzijn", "5")
    assert glance_of(rows, student) == glance_of(fresh(world), student)

    # An own experience touching a new sector: one fewer unexplored.
    before = glance_of(overview(world), student)[2]
    own = services.add_experience(
        student, kind="open_dag", title="Open dag", date=timezone.localdate(), sectors=[domain("economie")]
    )
    steps.append("add")
    assert glance_of(overview(world), student)[2] == before - 1

    # Editing it to another sector.
    services.update_experience(
        student, own, kind="open_dag", title="Open dag", date=timezone.localdate(), sectors=[domain("ict-media")]
    )
    steps.append("update")
    assert glance_of(overview(world), student) == glance_of(fresh(world), student)

    # Handing in a reflection again with other scores.
    services.submit_reflection(
        student, first, texts={"what_happened": "Opnieuw"}, qualities=[], motives=[],
        affinities={domain("techniek"): 1},
    )  # fmt: skip
    steps.append("resubmit")
    rows = overview(world)
    assert ("techniek", "5") not in glance_of(rows, student)[0]
    assert glance_of(rows, student) == glance_of(fresh(world), student)

    # Deleting an experience.
    overview(world)
    services.delete_experience(student, own)
    steps.append("delete")
    assert glance_of(overview(world), student) == glance_of(fresh(world), student)

    # An experience recorded by another app (a finished project).
    overview(world)
    services.record_experience(
        student=student, source_key="project:99", kind="project", title="Project",
        date=timezone.localdate(), sector_slugs=["bouw"],
    )  # fmt: skip
    steps.append("record")
    assert glance_of(overview(world), student)[2] == glance_of(fresh(world), student)[2]

    # Moving to havo: the best profile is a havo profile.
    overview(world)
    enrolment = Enrolment.objects.get(student=student, class_group=world.class_a)
    enrolment.level = Level.objects.get(code="havo")
    enrolment.save()
    steps.append("level")
    profile_slug = glance_of(overview(world), student)[1]
    assert profile_slug and profile_slug.startswith("havo-")
    assert steps == ["reflection", "add", "update", "resubmit", "delete", "record", "level"]


def test_the_glance_is_cached_per_day(world, django_assert_num_queries):
    reflected(world.leerling, scores={"techniek": 4})
    today = timezone.localdate()
    overview(world, today)
    with django_assert_num_queries(5):  # another day: computed again
        overview(world, today + datetime.timedelta(days=1))
    with django_assert_num_queries(2):
        overview(world, today)


def _redis_available():
    try:
        import redis

        return redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.2).ping()
    except Exception:
        return False


@pytest.mark.skipif(not _redis_available(), reason="no Redis at 127.0.0.1:6379")
def test_the_glances_go_through_redis_as_in_production(world, django_assert_num_queries, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/15"}
    }
    cache.clear()
    assert type(caches["default"]).__name__ == "RedisCache"
    try:
        reflected(world.leerling, scores={"techniek": 5, "zorg-en-welzijn": 2})
        first = overview(world)
        with django_assert_num_queries(2):
            second = overview(world)
        assert second == first
        assert glance_of(second, world.leerling)[0] == [("techniek", "5"), ("zorg-en-welzijn", "2")]
        import redis

        assert len(redis.Redis(host="127.0.0.1", port=6379, db=15).keys("*pf-glance*")) == 2  # both students
    finally:
        cache.clear()
