"""Reading side of the richtingsgevoel: load a student's (or a class's)
experiences in a fixed, small number of queries and hand them to the pure
computation in ``portfolio.profile``. Nothing is cached: every page shows
what is in the database now.
"""

from collections import defaultdict
from functools import lru_cache

from django.db.models import Count, Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from organisation.models import Enrolment, Sector
from portfolio import profile
from portfolio.choices import QUALITIES, QUIET_AFTER_DAYS, motive_label, quality_label
from portfolio.models import CareerConversation, Experience, QualityEndorsement, Reflection, SectorAffinity


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
    for qualities in Reflection.objects.filter(experience__student=student).values_list("qualities", flat=True):
        for q in qualities or []:
            own[q] = own.get(q, 0) + 1
    others = {}
    for e in QualityEndorsement.objects.visible_to(viewer).filter(student=student).select_related("given_by"):
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


def reflection_status(enrolments):
    """Per enrolled student only what the mentor's dashboard panel shows: name,
    coach-page URL, last reflection and the quiet flag, in one query. Agrees
    with ``class_overview`` on those fields (tested)."""
    last = (
        Experience.objects.filter(student_id=OuterRef("student_id"), reflected_at__isnull=False)
        .order_by("-reflected_at")
        .values("reflected_at")[:1]
    )
    students = (
        enrolments.order_by("student__first_name", "student__last_name")
        .values("student_id", "student__first_name", "student__last_name", "student__username")
        .annotate(last_reflection=Subquery(last))
    )
    quiet_since = timezone.now() - timezone.timedelta(days=QUIET_AFTER_DAYS)
    url_prefix = reverse("portfolio:coach_student", args=[0])[: -len("0/")]
    return [
        {
            "student_id": row["student_id"],
            "name": f"{row['student__first_name']} {row['student__last_name']}".strip() or row["student__username"],
            "url": f"{url_prefix}{row['student_id']}/",
            "last_reflection": row["last_reflection"],
            "quiet": row["last_reflection"] is None or row["last_reflection"] < quiet_since,
        }
        for row in students
    ]


def class_overview(enrolments, today=None):
    """One row per enrolled student: experiences, last reflection, quiet flag,
    the richtingsgevoel at a glance, last conversation. Five small queries for
    any class size (the coach view must stay fast for a class of 30 with years
    of history): the database counts, and the affinity and sector rows bring
    their experience's date along through its primary key."""
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
    ids = [row["student_id"] for row in students]
    slugs = dict(Sector.objects.filter(kind=Sector.Kind.DOMAIN).values_list("id", "slug"))
    # Counts and last reflections aggregated by the database: 30 rows to read
    # instead of every experience with its timestamp.
    counts, last_reflected = {}, {}
    for student_id, count, reflected_at in (
        Experience.objects.filter(student_id__in=ids)
        .order_by()
        .values("student_id")
        .annotate(n=Count("id"), last=Max("reflected_at"))
        .values_list("student_id", "n", "last")
    ):
        counts[student_id] = count
        if reflected_at is not None:
            last_reflected[student_id] = reflected_at
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
    quiet_since = timezone.now() - timezone.timedelta(days=QUIET_AFTER_DAYS)
    url_prefix = reverse("portfolio:coach_student", args=[0])[: -len("0/")]
    rows = []
    for row in students:
        student_id = row["student_id"]
        last = last_reflected.get(student_id)
        summary = glance_rows(scores[student_id], touches[student_id], today, _profile_kind(row["level_id"]))
        rows.append(
            {
                "student_id": student_id,
                "name": f"{row['student__first_name']} {row['student__last_name']}".strip() or row["student__username"],
                "url": f"{url_prefix}{student_id}/",
                "num_experiences": counts.get(student_id, 0),
                "last_reflection": last,
                "quiet": last is None or last < quiet_since,
                "last_conversation": row["last_conversation"],
                **summary,
            }
        )
    return rows


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
