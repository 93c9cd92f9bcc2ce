"""Reading side of the richtingsgevoel: load a student's (or a class's)
experiences in a fixed, small number of queries and hand them to the pure
computation in ``portfolio.profile``. Every page shows what is in the
database now; the one cache (the coach's class overview, ``_glance_key``) is
keyed by the data it was computed from, so a change is never hidden by it.
"""

import datetime
from collections import defaultdict
from functools import lru_cache

from django.core.cache import cache
from django.db.models import Count, Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from organisation.models import Enrolment, Sector
from portfolio import access, profile
from portfolio.choices import QUALITIES, QUIET_AFTER_DAYS, motive_label, quality_label
from portfolio.models import CareerConversation, Experience, QualityEndorsement, SectorAffinity


@lru_cache(maxsize=1)
def taxonomy() -> profile.Taxonomy:
    return profile.Taxonomy.from_module()


def domain_names() -> dict:
    return dict(taxonomy().domains)


def _profile_kind(level_code):
    if level_code is None:
        return None
    return profile.HAVO_PROFILE if level_code == "havo" else profile.VMBO_PROFILE


def load_inputs(student_ids, *, with_words=True) -> dict:
    """student id -> [ExperienceInput]; three queries for any number of students."""
    student_ids = list(student_ids)
    fields = ["id", "student_id", "date", "kind", "title"]
    if with_words:
        fields += ["reflection__qualities", "reflection__motives"]
    rows = Experience.objects.filter(student_id__in=student_ids).order_by().values_list(*fields)
    sectors = defaultdict(list)
    for experience_id, slug in (
        Experience.sectors.through.objects.filter(experience__student_id__in=student_ids)
        .order_by()
        .values_list("experience_id", "sector__slug")
    ):
        sectors[experience_id].append(slug)
    scores = defaultdict(dict)
    for experience_id, slug, score in (
        SectorAffinity.objects.filter(student_id__in=student_ids)
        .order_by()
        .values_list("experience_id", "sector__slug", "score")
    ):
        scores[experience_id][slug] = score
    result = {pk: [] for pk in student_ids}
    for row in rows:
        experience_id, student_id, date, kind, title = row[:5]
        qualities, motives = (row[5] or [], row[6] or []) if with_words else ((), ())
        result[student_id].append(
            profile.ExperienceInput(
                date=date,
                kind=kind,
                title=title,
                sectors=tuple(sectors.get(experience_id, ())),
                affinity=scores.get(experience_id, {}),
                qualities=tuple(qualities),
                motives=tuple(motives),
            )
        )
    return result


def current_levels(student_ids, today=None) -> dict:
    return dict(
        Enrolment.objects.filter(student_id__in=list(student_ids)).current(today).values_list("student_id", "level_id")
    )


UNKNOWN = object()


def next_reflection_part(student, today):
    """What the student's dashboard asks for next, at the right time: to look
    back on the latest experience that has happened (from its day on) and is
    not looked back on yet; else to prepare the first experience still to
    come (until its day) that is not prepared yet. ``(latest, upcoming)``,
    at most one of them set."""
    open_ones = access.editable_experiences(student).filter(reflected_at__isnull=True)
    latest = open_ones.filter(date__lte=today).order_by("-date", "-id").first()
    if latest is not None:
        return latest, None
    upcoming = open_ones.filter(date__gt=today, prepared_at__isnull=True).order_by("date", "id").first()
    return None, upcoming


def richtingsgevoel_for(student, today=None, *, level=UNKNOWN):
    """The student's richtingsgevoel (profiles of their current level, when known)."""
    today = today or timezone.localdate()
    inputs = load_inputs([student.pk])[student.pk]
    if level is UNKNOWN:
        level = current_levels([student.pk], today).get(student.pk)
    return profile.compute_richtingsgevoel(inputs, taxonomy(), today, profile_kind=_profile_kind(level))


def word_rows(recurring, label):
    return [{"label": label(r.label), "count": r.count, "last_date": r.last_date} for r in recurring]


def quality_rows(rg):
    return word_rows(rg.qualities, quality_label)


def motive_rows(rg):
    return word_rows(rg.motives, motive_label)


def quality_table(student, viewer):
    """Rows per quality: how often the student chose it in reflections, and
    who else sees it (teammates, coaches)."""
    own = {}
    for qualities in (
        access.visible_reflections(viewer).filter(experience__student=student).values_list("qualities", flat=True)
    ):
        for q in qualities or []:
            own[q] = own.get(q, 0) + 1
    others = {}
    for e in access.visible_endorsements(viewer).filter(student=student).select_related("given_by"):
        others.setdefault(e.quality, []).append(e)
    rows = []
    for slug, label in QUALITIES:
        if slug in own or slug in others:
            given = others.get(slug, [])
            rows.append(
                {
                    "label": label,
                    "own": own.get(slug, 0),
                    "peers": [e for e in given if e.role == QualityEndorsement.Role.PEER],
                    "coaches": [e for e in given if e.role == QualityEndorsement.Role.COACH],
                }
            )
    rows.sort(key=lambda r: -(r["own"] + len(r["peers"]) + len(r["coaches"])))
    return rows


# ------------------------------------------------------------------ the coach view


def quiet_since(today: datetime.date) -> datetime.datetime:
    """A student is quiet when they have not reflected since the start of this
    day, QUIET_AFTER_DAYS ago (in the project's time zone)."""
    day = today - datetime.timedelta(days=QUIET_AFTER_DAYS)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def reflection_status(enrolments, today=None):
    """Per enrolled student only what the mentor's dashboard panel shows: name,
    coach-page URL, last reflection and the quiet flag, in one query. Agrees
    with ``class_overview`` on those fields (tested)."""
    today = today or timezone.localdate()
    last = (
        Experience.objects.filter(student_id=OuterRef("student_id"), reflected_at__isnull=False)
        .order_by("-reflected_at")
        .values("reflected_at")[:1]
    )
    students = (
        enrolments.order_by("student__first_name", "student__last_name")
        .values("student_id", "class_group_id", "student__first_name", "student__last_name", "student__username")
        .annotate(last_reflection=Subquery(last))
    )
    since = quiet_since(today)
    url_prefix = reverse("portfolio:coach_student", args=[0])[: -len("0/")]
    return [
        {
            "student_id": row["student_id"],
            "class_group_id": row["class_group_id"],
            "name": f"{row['student__first_name']} {row['student__last_name']}".strip() or row["student__username"],
            "url": f"{url_prefix}{row['student_id']}/",
            "last_reflection": row["last_reflection"],
            "quiet": row["last_reflection"] is None or row["last_reflection"] < since,
        }
        for row in students
    ]


#: Bump when ``glance_rows`` changes what it returns, so no cached glance of
#: the old shape is read after a deploy.
GLANCE_CACHE_VERSION = 1
GLANCE_CACHE_SECONDS = 60 * 60 * 26


def _glance_key(student_id, level_id, today, num_experiences, last_change):
    """A student's glance depends on their experiences, sector scores and
    links (every write path saves the experience, so its ``updated_at``
    moves; a deletion changes the count), their level (which profiles apply)
    and the day (weights age). All of that is in the key: a cached glance is
    never stale, it is simply not found after a change."""
    stamp = last_change.isoformat() if last_change else "-"
    return f"pf-glance:{GLANCE_CACHE_VERSION}:{student_id}:{level_id}:{today.isoformat()}:{num_experiences}:{stamp}"


def class_overview(enrolments, today=None):
    """One row per enrolled student: experiences, last reflection, quiet flag,
    the richtingsgevoel at a glance, last conversation.

    Two queries for any class size when the glances are cached, five when
    they are not: the database counts experiences and finds each student's
    last reflection and last change; the glance of each student is read from
    the cache under a key made of exactly what it depends on (see
    ``_glance_key``), and computed only for students whose key is not there
    (their affinity and sector rows bring their experience's date along
    through the primary key)."""
    today = today or timezone.localdate()
    students = list(
        enrolments.order_by("student__first_name", "student__last_name")
        .values("student_id", "level_id", "student__first_name", "student__last_name", "student__username")
        .annotate(
            last_conversation=Subquery(
                CareerConversation.objects.filter(student_id=OuterRef("student_id"))
                .order_by("-date")
                .values("date")[:1]
            )
        )
    )
    # Counted by the database, with each student's last reflection and last
    # change (a separate query: joined into the one above, the conversation
    # subquery would run once per experience).
    stats = {
        student_id: (count, reflected_at, changed_at)
        for student_id, count, reflected_at, changed_at in (
            Experience.objects.filter(student_id__in=[row["student_id"] for row in students])
            .order_by()
            .values("student_id")
            .annotate(n=Count("id"), last=Max("reflected_at"), changed=Max("updated_at"))
            .values_list("student_id", "n", "last", "changed")
        )
    }
    for row in students:
        row["num_experiences"], row["last_reflection"], row["last_change"] = stats.get(
            row["student_id"], (0, None, None)
        )
    keys = {
        row["student_id"]: _glance_key(
            row["student_id"], row["level_id"], today, row["num_experiences"], row["last_change"]
        )
        for row in students
    }
    cached = cache.get_many(list(keys.values())) if keys else {}
    summaries = {student_id: cached[key] for student_id, key in keys.items() if key in cached}
    missing = [row for row in students if row["student_id"] not in summaries]
    if missing:
        computed = _glances(missing, today)
        summaries.update(computed)
        cache.set_many({keys[student_id]: summary for student_id, summary in computed.items()}, GLANCE_CACHE_SECONDS)
    since = quiet_since(today)
    url_prefix = reverse("portfolio:coach_student", args=[0])[: -len("0/")]
    rows = []
    for row in students:
        student_id = row["student_id"]
        last = row["last_reflection"]
        rows.append(
            {
                "student_id": student_id,
                "name": f"{row['student__first_name']} {row['student__last_name']}".strip() or row["student__username"],
                "url": f"{url_prefix}{student_id}/",
                "num_experiences": row["num_experiences"],
                "last_reflection": last,
                "quiet": last is None or last < since,
                "last_conversation": row["last_conversation"],
                **summaries[student_id],
            }
        )
    return rows


def _glances(students, today):
    """student id -> ``glance_rows`` for the given student rows (with
    ``student_id`` and ``level_id``), in three queries."""
    ids = [row["student_id"] for row in students]
    slugs = dict(Sector.objects.filter(kind=Sector.Kind.DOMAIN).values_list("id", "slug"))
    # The experience date comes along through the (primary key) join, so
    # no lookup table of all experiences is needed.
    scores, touches = defaultdict(list), defaultdict(list)
    for student_id, date, sector_id, score in (
        SectorAffinity.objects.filter(student_id__in=ids)
        .order_by()
        .values_list("experience__student_id", "experience__date", "sector_id", "score")
    ):
        scores[student_id].append((date, slugs.get(sector_id), score))
    for student_id, date, sector_id in (
        Experience.sectors.through.objects.filter(experience__student_id__in=ids)
        .order_by()
        .values_list("experience__student_id", "experience__date", "sector_id")
    ):
        touches[student_id].append((date, slugs.get(sector_id)))
    return {
        row["student_id"]: glance_rows(
            scores[row["student_id"]], touches[row["student_id"]], today, _profile_kind(row["level_id"])
        )
        for row in students
    }


def glance(inputs, today, *, profile_kind=None, top=3):
    """``glance_rows`` for a list of ``profile.ExperienceInput``."""
    scores = [(e.date, d, s) for e in inputs for d, s in e.affinity.items()]
    touches = [(e.date, d) for e in inputs for d in e.sectors]
    return glance_rows(scores, touches, today, profile_kind, top=top)


def glance_rows(scores, touches, today, profile_kind=None, *, top=3):
    """The richtingsgevoel at a glance for lists of many students: the top
    domains, the best profile and the number of unexplored domains, from
    (date, domain, score) and (date, domain) rows. The same numbers as
    ``profile.compute_richtingsgevoel`` (same weighting, same order; a test
    keeps them equal), without the timeline and suggestions a list does not
    show."""
    tax = taxonomy()
    order = _domain_order()
    sums, last, weights = {}, {}, {}
    for date, d, score in scores:
        if d in order:
            weight = weights.get(date)
            if weight is None:
                weight = weights[date] = profile.experience_weight(date, today)
            acc = sums.setdefault(d, [0.0, 0.0])
            acc[0] += weight
            acc[1] += weight * score
            if d not in last or date > last[d]:
                last[d] = date
    for date, d in touches:
        if d in order and (d not in last or date > last[d]):
            last[d] = date
    means = {d: ws / w for d, (w, ws) in sums.items()}
    ranked = sorted(means, key=lambda d: (-means[d], -last[d].toordinal(), order[d]))
    best = None
    candidates = [p for p in tax.profiles.values() if profile_kind is None or p.kind == profile_kind]
    for index, p in enumerate(candidates):
        scored = [means[d] for d in p.domains if d in means]
        if scored:
            key = (-(sum(scored) / len(scored)), -len(scored), index)
            if best is None or key < best[0]:
                best = (key, p)
    return {
        "top": [
            {
                "domain": d,
                "name": tax.domains[d],
                "mean": means[d],
                "score": profile.format_score(means[d]),
                "high": means[d] >= profile.HIGH_AFFINITY,
            }
            for d in ranked[:top]
        ],  # fmt: skip
        "top_profile": best[1] if best else None,
        "num_unexplored": len(order) - len(last),
    }


@lru_cache(maxsize=1)
def _domain_order():
    return {slug: i for i, slug in enumerate(taxonomy().domains)}
