"""Richtingsgevoel: a student's sense of direction, computed from their experiences.

Pure Python (no ORM, no database): the views load experiences, turn them into
``ExperienceInput`` rows and call ``compute_richtingsgevoel(experiences, taxonomy, today)``.
The result is deterministic: the same experiences (in any order) and the same ``today``
give an equal ``Richtingsgevoel``.

How it works, in plain Dutch (the UI shows ``WEIGHTING_EXPLANATION`` to students):

* Weging: een ervaring van vandaag telt 1, en elke ``HALF_LIFE_DAYS`` (180) dagen ouder
  telt hij half zo zwaar (gewicht = 0,5 ** (leeftijd in dagen / 180)). Ervaringen met
  een datum na ``today`` tellen als vandaag. De score per sector is het gewogen
  gemiddelde van de scores (1-5) die de leerling gaf.
* Trend: de gescoorde ervaringen van een sector, op datum gesorteerd, worden in een
  oudere en een nieuwere helft gesplitst, zo dicht mogelijk bij het midden maar nooit
  tussen twee ervaringen op dezelfde dag (bij gelijke keus is de nieuwere helft de
  grootste). Ligt het gewogen gemiddelde van de nieuwere helft ``TREND_THRESHOLD`` (0,5)
  of meer hoger, dan is de trend ``rising``; zoveel lager: ``falling``; anders (en als
  alle scores van dezelfde dag zijn) ``stable``.
* Tijdlijn: per sector elk punt (datum, score), en per schooljaarperiode (kwartaal van
  het schooljaar: aug-okt, nov-jan, feb-apr, mei-jul) het gewogen gemiddelde binnen de
  periode en het gewogen gemiddelde van alles tot en met die periode. Omdat oudere
  ervaringen steeds met dezelfde factor lichter worden, is dat laatste precies het
  richtingsgevoel zoals het aan het eind van die periode was; het laatste punt is gelijk
  aan de huidige score.
* Profielen: de score van een vmbo- of havoprofiel is het gewone gemiddelde van de
  scores van de sectoren die het profiel opent en waar de leerling al een score voor
  gaf (elke sector telt even zwaar). Sectoren zonder score tellen niet mee en worden in
  de uitleg genoemd. Sortering: score (hoog eerst, profielen zonder score achteraan),
  dan het aantal gescoorde sectoren, dan de volgorde in de taxonomie.
* Studierichtingen: voor elke sector met een score van ``HIGH_AFFINITY`` (3,5) of hoger
  de brede mbo-domeinen en hbo-sectoren uit ``STUDY_FIELDS``.
* Kwaliteiten en motieven: hoe vaak elk woord voorkomt (hoofdletters en spaties aan
  de randen tellen niet; per ervaring een keer), meest voorkomend eerst, bij gelijke
  stand het meest recente eerst, dan alfabetisch. De schrijfwijze is die van de meest
  recente ervaring.
* Suggesties (hoogstens ``SUGGESTION_LIMIT``, elke sector hoogstens een keer):
    1. ``related``: een sector zonder ervaring die in een profiel zit samen met een
       sector met een hoge score (>= 3,5) -> bedrijfsbezoek. Een topprofiel (score
       >= 3,5) bevat altijd zo'n sector, dus dit dekt ook "past bij je topprofielen".
    2. ``deepen``: een sector met een hoge score die de leerling maar via een soort
       ervaring kent -> een beroepsgesprek (of een meeloopdag als dat soort al een
       beroepsgesprek was).
    3. ``refresh``: een sector met een hoge score waarvan de laatste score meer dan
       ``STALE_AFTER_DAYS`` (365) dagen oud is -> "check of dit nog klopt" (met het
       eerste soort uit beroepsgesprek, bedrijfsbezoek, meeloopdag dat de leerling in
       die sector nog niet deed). Regel 3 gaat voor regel 2 bij dezelfde sector.
    4. ``broaden`` (aanvullen tot de limiet): sectoren zonder ervaring, eerst die met de
       meeste profielen waar de leerling nog niets van zag -> gastles. Zo krijgt ook een
       brugklasser zonder ervaringen zinvolle suggesties.
  Regels 1-3 worden om de beurt gekozen (1, 2, 3, 1, 2, 3, ...), binnen een regel de
  sterkste eerst (hoogste score, dan taxonomievolgorde); daarna regel 4.

All texts are Dutch, in the "je"-form, with a decimal comma. Every text has the numbers
it is built from next to it as data, so a page can also render its own sentence.
"""

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from types import MappingProxyType

HALF_LIFE_DAYS = 180
HIGH_AFFINITY = 3.5
TREND_THRESHOLD = 0.5
STALE_AFTER_DAYS = 365
SUGGESTION_LIMIT = 5
TOP_N = 5
MIN_SCORE, MAX_SCORE = 1, 5

RISING, FALLING, STABLE = "rising", "falling", "stable"
VMBO_PROFILE, HAVO_PROFILE = "vmbo_profiel", "havo_profiel"  # organisation.Sector.Kind values
RELATED, DEEPEN, REFRESH, BROADEN = "related", "deepen", "refresh", "broaden"

WEIGHTING_EXPLANATION = (
    "Hoe recenter een ervaring, hoe zwaarder hij telt. Een ervaring van een half jaar geleden "
    "telt half zo zwaar als een ervaring van vandaag. Een ervaring van een jaar geleden telt "
    "ongeveer een kwart. Zo laat je richtingsgevoel zien wat je nu vindt, en tellen oudere "
    "ervaringen nog een beetje mee."
)

# Experience kind -> (singular, plural), Dutch, lower case.
KIND_LABELS = {
    "project": ("project", "projecten"),
    "bedrijfsbezoek": ("bedrijfsbezoek", "bedrijfsbezoeken"),
    "gastles": ("gastles", "gastlessen"),
    "beroepsgesprek": ("beroepsgesprek", "beroepsgesprekken"),
    "evenement": ("evenement", "evenementen"),
    "open_dag": ("open dag", "open dagen"),
    "meeloopdag": ("meeloopdag", "meeloopdagen"),
    "stage": ("stage", "stages"),
    "eigen_initiatief": ("eigen initiatief", "eigen initiatieven"),
}
KINDS = tuple(KIND_LABELS)

RELATED_KIND = "bedrijfsbezoek"
DEEPEN_KINDS = ("beroepsgesprek", "meeloopdag")
REFRESH_KINDS = ("beroepsgesprek", "bedrijfsbezoek", "meeloopdag")
BROADEN_KIND = "gastles"


@dataclass(frozen=True, slots=True)
class StudyFields:
    mbo: tuple[str, ...]
    hbo: tuple[str, ...]


# Broad follow-up education per domain: mbo domains of the qualification structure and
# hbo sectors. An orientation for students, not an admission rule.
STUDY_FIELDS = {
    "techniek": StudyFields(
        ("Techniek en procesindustrie", "Bouw en infra", "Mobiliteit en voertuigen"), ("Techniek",)
    ),
    "zorg-en-welzijn": StudyFields(("Zorg en welzijn",), ("Gezondheidszorg", "Sociale studies")),
    "economie": StudyFields(("Economie en administratie", "Handel en ondernemerschap"), ("Economie",)),
    "groen": StudyFields(("Voedsel, natuur en leefomgeving",), ("Landbouw en voedsel",)),
    "creatief-ontwerp": StudyFields(("Media en vormgeving", "Specialistisch vakmanschap"), ("Kunst", "Techniek")),
    "sport": StudyFields(("Sport en bewegen",), ("Onderwijs", "Gezondheidszorg")),
    "horeca-voeding": StudyFields(("Horeca en bakkerij", "Toerisme en recreatie"), ("Economie", "Landbouw en voedsel")),
    "dienstverlening": StudyFields(("Veiligheid en ambacht", "Uiterlijke verzorging"), ("Sociale studies", "Economie")),
    "ict-media": StudyFields(("ICT", "Media en vormgeving"), ("Techniek", "Kunst")),
    "bouw": StudyFields(("Bouw en infra", "Afbouw, hout en onderhoud"), ("Techniek",)),
    "logistiek": StudyFields(
        ("Transport, scheepvaart en logistiek", "Mobiliteit en voertuigen"), ("Economie", "Techniek")
    ),
    "onderwijs": StudyFields(("Zorg en welzijn (pedagogisch werk, onderwijsassistent)",), ("Onderwijs",)),
}

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


# ---------------------------------------------------------------------------- inputs


@dataclass(frozen=True, slots=True)
class ProfileDef:
    slug: str  # as in the database: "vmbo-bwi", "havo-nt"
    name: str
    kind: str  # VMBO_PROFILE or HAVO_PROFILE
    domains: tuple[str, ...]


@dataclass(frozen=True)
class Taxonomy:
    """Domains (slug -> name, in display order) and profiles (slug -> ProfileDef, or a
    plain ``(name, kind, domain slugs)`` tuple that is converted)."""

    domains: Mapping[str, str]
    profiles: Mapping[str, ProfileDef] = field(default_factory=dict)

    def __post_init__(self):
        profiles = {}
        for slug, value in self.profiles.items():
            if not isinstance(value, ProfileDef):
                name, kind, domains = value
                value = ProfileDef(slug, name, kind, tuple(domains))
            if value.kind not in (VMBO_PROFILE, HAVO_PROFILE):
                raise ValueError(f"profile {slug!r}: unknown kind {value.kind!r}")
            unknown = [d for d in value.domains if d not in self.domains]
            if unknown:
                raise ValueError(f"profile {slug!r} opens unknown domains {unknown}")
            profiles[slug] = value
        object.__setattr__(self, "domains", MappingProxyType(dict(self.domains)))
        object.__setattr__(self, "profiles", MappingProxyType(profiles))

    @classmethod
    def from_module(cls) -> "Taxonomy":
        """The taxonomy shipped in ``organisation.taxonomy``, with database slugs."""
        from organisation import taxonomy

        profiles = {}
        for kind, rows in ((VMBO_PROFILE, taxonomy.VMBO_PROFILES), (HAVO_PROFILE, taxonomy.HAVO_PROFILES)):
            prefix = kind.split("_")[0]
            for slug, name, domains in rows:
                profiles[f"{prefix}-{slug}"] = (name, kind, tuple(domains))
        return cls(domains=dict(taxonomy.DOMAINS), profiles=profiles)


@dataclass(frozen=True)
class ExperienceInput:
    date: dt.date
    kind: str  # one of KINDS
    sectors: tuple[str, ...] = ()  # domain slugs touched
    affinity: Mapping[str, int] = field(default_factory=dict)  # domain slug -> 1..5
    qualities: tuple[str, ...] = ()
    motives: tuple[str, ...] = ()
    title: str = ""

    def __post_init__(self):
        if isinstance(self.date, dt.datetime):
            object.__setattr__(self, "date", self.date.date())
        elif not isinstance(self.date, dt.date):
            raise TypeError(f"date must be a date, not {type(self.date).__name__}")
        if self.kind not in KIND_LABELS:
            raise ValueError(f"unknown experience kind {self.kind!r}")
        for domain, score in self.affinity.items():
            if type(score) is not int or not MIN_SCORE <= score <= MAX_SCORE:
                raise ValueError(f"affinity for {domain!r} must be an int 1..5, not {score!r}")
        object.__setattr__(self, "affinity", MappingProxyType(dict(self.affinity)))
        for name in ("sectors", "qualities", "motives"):
            object.__setattr__(self, name, tuple(getattr(self, name)))


# --------------------------------------------------------------------------- outputs


@dataclass(frozen=True, slots=True)
class DomainRef:
    slug: str
    name: str


@dataclass(frozen=True, slots=True)
class DomainAffinity:
    domain: str
    name: str
    mean: float | None  # weighted mean 1..5; None if touched but never scored
    count: int  # experiences that scored this domain
    experience_count: int  # experiences that touched it (sectors or affinity)
    last_date: dt.date  # last experience that touched it
    last_scored: dt.date | None  # last experience that scored it
    trend: str  # RISING, FALLING or STABLE
    kinds: tuple[str, ...]  # distinct experience kinds that touched it, in KINDS order
    explanation: str


@dataclass(frozen=True, slots=True)
class Period:
    school_year: str  # "2024-2025"
    number: int  # 1..4: aug-okt, nov-jan, feb-apr, mei-jul
    start: dt.date
    end: dt.date
    label: str  # "2024-2025 periode 1"


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    date: dt.date
    score: int
    weight: float
    kind: str
    title: str


@dataclass(frozen=True, slots=True)
class PeriodMean:
    period: Period
    count: int  # scores in this period
    mean: float | None  # weighted mean of this period's scores; None if none
    cumulative: float | None  # weighted mean of all scores up to the period's end


@dataclass(frozen=True, slots=True)
class DomainTimeline:
    domain: str
    name: str
    points: tuple[TimelinePoint, ...]  # oldest first
    periods: tuple[PeriodMean, ...]  # one per Richtingsgevoel.periods entry


@dataclass(frozen=True, slots=True)
class ProfileScore:
    profile: str  # database slug, "vmbo-bwi"
    name: str
    kind: str
    score: float | None  # plain mean of scored_domains' means; None if none scored
    domains: tuple[str, ...]  # all domains the profile opens
    scored_domains: tuple[str, ...]
    explanation: str


@dataclass(frozen=True, slots=True)
class StudyFieldMatch:
    domain: str
    name: str
    score: float
    mbo: tuple[str, ...]
    hbo: tuple[str, ...]
    explanation: str


@dataclass(frozen=True, slots=True)
class Recurring:
    label: str
    count: int  # experiences it appeared in; >= 2 means it came back
    last_date: dt.date


@dataclass(frozen=True, slots=True)
class Suggestion:
    domain: str
    kind: str  # experience kind to try, one of KINDS
    text: str
    reason: str
    rule: str  # RELATED, DEEPEN, REFRESH or BROADEN
    domain_name: str


@dataclass(frozen=True, slots=True)
class Richtingsgevoel:
    today: dt.date
    experience_count: int
    affinity: tuple[DomainAffinity, ...]  # explored domains, highest score first
    timeline: tuple[DomainTimeline, ...]  # scored domains, same order as affinity
    periods: tuple[Period, ...]  # first scored experience's period .. today's period
    profiles: tuple[ProfileScore, ...]
    study_fields: tuple[StudyFieldMatch, ...]
    qualities: tuple[Recurring, ...]
    motives: tuple[Recurring, ...]
    unexplored: tuple[DomainRef, ...]  # taxonomy order
    suggestions: tuple[Suggestion, ...]

    def affinity_for(self, domain: str) -> DomainAffinity | None:
        return next((a for a in self.affinity if a.domain == domain), None)


# --------------------------------------------------------------------------- helpers


def experience_weight(date: dt.date, today: dt.date) -> float:
    """1 for today (or later), halved every HALF_LIFE_DAYS days of age."""
    return 0.5 ** (max((today - date).days, 0) / HALF_LIFE_DAYS)


def format_score(value: float) -> str:
    """Rounded to one decimal, with a decimal comma and without a trailing ",0":
    4.24 -> "4,2", 4.0 -> "4"."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text.replace(".", ",")


def format_date(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def school_period(day: dt.date) -> Period:
    """The school-year quarter containing ``day`` (school year starts 1 August)."""
    year = day.year if day.month >= 8 else day.year - 1
    number = (day.month - 8) % 12 // 3 + 1
    return _period(year, number)


def _period(year, number):
    starts = (dt.date(year, 8, 1), dt.date(year, 11, 1), dt.date(year + 1, 2, 1), dt.date(year + 1, 5, 1))
    end = starts[number] if number < 4 else dt.date(year + 1, 8, 1)
    school_year = f"{year}-{year + 1}"
    return Period(
        school_year, number, starts[number - 1], end - dt.timedelta(days=1), f"{school_year} periode {number}"
    )


def _next_period(period):
    year = int(period.school_year[:4])
    return _period(year, period.number + 1) if period.number < 4 else _period(year + 1, 1)


def _join(names):
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def _count(n, singular, plural):
    return f"{n} {singular if n == 1 else plural}"


def _weighted_mean(rows):
    total_w = total_ws = 0.0
    for _, score, weight in rows:
        total_w += weight
        total_ws += score * weight
    return total_ws / total_w


def _canonical(e):
    return (e.date, e.kind, e.title, e.sectors, tuple(sorted(e.affinity.items())), e.qualities, e.motives)


# ----------------------------------------------------------------------- computation


def compute_richtingsgevoel(
    experiences: Iterable[ExperienceInput], taxonomy: Taxonomy, today: dt.date, *, profile_kind: str | None = None
) -> Richtingsgevoel:
    """Everything the richtingsgevoel pages show. ``profile_kind`` (VMBO_PROFILE or
    HAVO_PROFILE) limits profiles and profile-based suggestions to the student's level.
    Domain slugs that are not in the taxonomy are ignored."""
    if isinstance(today, dt.datetime):
        today = today.date()
    exps = sorted(experiences, key=_canonical)
    domains = taxonomy.domains
    order = {slug: i for i, slug in enumerate(domains)}
    profiles = [p for p in taxonomy.profiles.values() if profile_kind is None or p.kind == profile_kind]
    profile_order = {p.slug: i for i, p in enumerate(profiles)}

    scored = {}  # domain -> [(experience, score, weight)], oldest first
    touched = {}  # domain -> {kind: count}
    last_touch = {}
    for e in exps:
        w = experience_weight(e.date, today)
        for d in {*e.sectors, *e.affinity}:
            if d in domains:
                kinds = touched.setdefault(d, {})
                kinds[e.kind] = kinds.get(e.kind, 0) + 1
                last_touch[d] = e.date
        for d, s in e.affinity.items():
            if d in domains:
                scored.setdefault(d, []).append((e, s, w))

    affinity = sorted(
        (_domain_affinity(d, domains[d], scored.get(d, []), touched[d], last_touch[d]) for d in touched),
        key=lambda a: (a.mean is None, -(a.mean or 0), -a.last_date.toordinal(), order[a.domain]),
    )
    by_domain = {a.domain: a for a in affinity}
    means = {a.domain: a.mean for a in affinity if a.mean is not None}

    periods = _periods(scored, today)
    timeline = tuple(_timeline(a.domain, a.name, scored[a.domain], periods) for a in affinity if a.domain in scored)
    profile_scores = sorted(
        (_profile_score(p, means, domains) for p in profiles),
        key=lambda p: (p.score is None, -(p.score or 0), -len(p.scored_domains), profile_order[p.profile]),
    )
    unexplored = tuple(DomainRef(d, name) for d, name in domains.items() if d not in touched)
    return Richtingsgevoel(
        today=today,
        experience_count=len(exps),
        affinity=tuple(affinity),
        timeline=timeline,
        periods=periods,
        profiles=tuple(profile_scores),
        study_fields=tuple(_study_fields(a) for a in affinity if _is_high(a) and a.domain in STUDY_FIELDS),
        qualities=_recurring(exps, "qualities"),
        motives=_recurring(exps, "motives"),
        unexplored=unexplored,
        suggestions=_suggestions(by_domain, profile_scores, profiles, unexplored, order, today),
    )


def _is_high(a):
    return a.mean is not None and a.mean >= HIGH_AFFINITY


def _domain_affinity(domain, name, rows, kinds, last_date):
    n = len(rows)
    experience_count = sum(kinds.values())
    kinds = tuple(k for k in KINDS if k in kinds)
    if not n:
        seen = _count(experience_count, "ervaring", "ervaringen")
        text = f"Je hebt {name} bij {seen} gezien, maar nog geen score gegeven."
        return DomainAffinity(domain, name, None, 0, experience_count, last_date, None, STABLE, kinds, text)
    mean = _weighted_mean(rows)
    trend = STABLE
    splits = [i for i in range(1, n) if rows[i - 1][0].date < rows[i][0].date]
    if splits:
        split = min(splits, key=lambda i: (abs(2 * i - n), i))
        diff = _weighted_mean(rows[split:]) - _weighted_mean(rows[:split])
        trend = RISING if diff >= TREND_THRESHOLD else FALLING if diff <= -TREND_THRESHOLD else STABLE
    if n == 1:
        text = f"Je gaf {name} {format_score(mean)} uit 5 bij 1 ervaring."
    else:
        text = f"Je gaf {name} gemiddeld {format_score(mean)} uit 5 bij {n} ervaringen; de laatste telt het zwaarst."
        text += {
            RISING: " Je score gaat omhoog.",
            FALLING: " Je score gaat omlaag.",
            STABLE: " Je score blijft ongeveer gelijk.",
        }[trend]
    return DomainAffinity(domain, name, mean, n, experience_count, last_date, rows[-1][0].date, trend, kinds, text)


def _periods(scored, today):
    if not scored:
        return ()
    first = min(rows[0][0].date for rows in scored.values())
    last = school_period(max(today, *(rows[-1][0].date for rows in scored.values())))
    periods = [school_period(first)]
    while periods[-1] != last:
        periods.append(_next_period(periods[-1]))
    return tuple(periods)


def _timeline(domain, name, rows, periods):
    # Weights relative to ``today`` give the same means as weights relative to each
    # period's end: moving the reference date scales every weight by the same factor.
    points = tuple(TimelinePoint(e.date, s, w, e.kind, e.title) for e, s, w in rows)
    means, i, n, total_w, total_ws = [], 0, len(rows), 0.0, 0.0
    for period in periods:
        count, period_w, period_ws = 0, 0.0, 0.0
        while i < n and rows[i][0].date <= period.end:
            _, score, weight = rows[i]
            count, period_w, period_ws, i = count + 1, period_w + weight, period_ws + score * weight, i + 1
        total_w += period_w
        total_ws += period_ws
        mean = period_ws / period_w if count else None
        means.append(PeriodMean(period, count, mean, total_ws / total_w if total_w else None))
    return DomainTimeline(domain, name, points, tuple(means))


def _profile_score(profile, means, domains):
    scored = tuple(d for d in profile.domains if d in means)
    missing = [domains[d] for d in profile.domains if d not in means]
    text = f"Dit profiel gaat over {_join(domains[d] for d in profile.domains)}."
    if not scored:
        text += " Daar heb je nog geen score voor gegeven."
        return ProfileScore(profile.slug, profile.name, profile.kind, None, profile.domains, (), text)
    score = sum(means[d] for d in scored) / len(scored)
    text += " Je gaf " + _join(f"{domains[d]} {format_score(means[d])}" for d in scored)
    text += f"; samen gemiddeld {format_score(score)}." if len(scored) > 1 else "."
    if missing:
        text += f" Voor {_join(missing)} heb je nog geen score."
    return ProfileScore(profile.slug, profile.name, profile.kind, score, profile.domains, scored, text)


def _study_fields(a):
    fields = STUDY_FIELDS[a.domain]
    text = (
        f"Je gaf {a.name} {format_score(a.mean)} uit 5. Op het mbo past daarbij: {_join(fields.mbo)}. "
        f"Op het hbo: {_join(fields.hbo)}."
    )
    return StudyFieldMatch(a.domain, a.name, a.mean, fields.mbo, fields.hbo, text)


def _recurring(exps, attribute):
    found = {}  # casefolded word -> [count, last date, spelling]
    for e in exps:  # oldest first, so the latest experience's spelling wins
        seen = set()
        for value in getattr(e, attribute):
            value = value.strip()
            key = value.casefold()
            if not value or key in seen:
                continue
            seen.add(key)
            entry = found.get(key)
            if entry is None:
                found[key] = [1, e.date, value]
            else:
                entry[0] += 1
                entry[1] = e.date
                entry[2] = value
    ranked = sorted(found.items(), key=lambda kv: (-kv[1][0], -kv[1][1].toordinal(), kv[0]))
    return tuple(Recurring(label, count, last) for _, (count, last, label) in ranked[:TOP_N])


def _kind_phrase(kind):
    return f"een {KIND_LABELS[kind][0]}"


def _suggestions(by_domain, profile_scores, profiles, unexplored, order, today):
    high = {d: a for d, a in by_domain.items() if _is_high(a)}
    score_of = {p.profile: p.score for p in profile_scores}
    profile_order = {p.profile: i for i, p in enumerate(profile_scores)}

    related = []
    for u in unexplored:
        options = [
            (-high[h].mean, profile_order[p.slug], order[h], p, high[h])
            for p in profiles
            if u.slug in p.domains
            for h in p.domains
            if h in high
        ]
        if options:
            *_, p, h = min(options, key=lambda o: o[:3])
            text = f"Je hebt {u.name} nog niet van dichtbij gezien. Probeer eens {_kind_phrase(RELATED_KIND)}."
            reason = (
                f"{u.name} hoort net als {h.name} bij het profiel {p.name}. "
                f"Je gaf {h.name} {format_score(h.mean)} uit 5."
            )
            key = (-h.mean, -(score_of[p.slug] or 0), order[u.slug])
            related.append((key, Suggestion(u.slug, RELATED_KIND, text, reason, RELATED, u.name)))

    deepen, refresh = [], []
    for a in high.values():
        key = (-a.mean, order[a.domain])
        if (today - a.last_scored).days > STALE_AFTER_DAYS:
            kind = next((k for k in REFRESH_KINDS if k not in a.kinds), REFRESH_KINDS[0])
            text = (
                f"Je vond {a.name} een tijd geleden leuk. Check of dit nog klopt, "
                f"bijvoorbeeld met {_kind_phrase(kind)}."
            )
            reason = (
                f"Je laatste score voor {a.name} was op {format_date(a.last_scored)}: dat is meer dan een jaar "
                f"geleden. Je gaf {a.name} {format_score(a.mean)} uit 5."
            )
            key = (-a.mean, a.last_scored.toordinal(), order[a.domain])
            refresh.append((key, Suggestion(a.domain, kind, text, reason, REFRESH, a.name)))
        elif len(a.kinds) == 1:
            (only,) = a.kinds
            kind = next(k for k in DEEPEN_KINDS if k != only)
            singular, plural = KIND_LABELS[only]
            n = a.experience_count
            seen = f"een {singular}" if n == 1 else f"{n} {plural}"
            text = f"Je vindt {a.name} leuk. Ga een stap verder met {_kind_phrase(kind)}."
            reason = (
                f"Je kent {a.name} tot nu toe alleen van {seen}. Je gaf het {format_score(a.mean)} uit 5. "
                "Een ander soort ervaring laat meer van het werk zien."
            )
            deepen.append((key, Suggestion(a.domain, kind, text, reason, DEEPEN, a.name)))

    queues = [[s for _, s in sorted(q, key=lambda item: item[0])] for q in (related, deepen, refresh)]
    result = []
    while len(result) < SUGGESTION_LIMIT and any(queues):
        for queue in queues:
            if queue and len(result) < SUGGESTION_LIMIT:
                result.append(queue.pop(0))

    # Rule 4: fill up with unexplored domains that show the most unseen profiles.
    taken = {s.domain for s in result}
    seen_profiles = {p.slug for p in profiles if any(d in by_domain for d in p.domains)}
    candidates = [u for u in unexplored if u.slug not in taken]
    while len(result) < SUGGESTION_LIMIT and candidates:
        ranked = []
        for u in candidates:
            opens = [p.slug for p in profiles if u.slug in p.domains]
            new = [p for p in opens if p not in seen_profiles]
            ranked.append(((-len(new), -len(opens), order[u.slug]), u, new))
        _, best, new = min(ranked, key=lambda r: r[0])
        candidates.remove(best)
        seen_profiles.update(new)
        text = f"Maak kennis met {best.name}, bijvoorbeeld via {_kind_phrase(BROADEN_KIND)}."
        if new:
            profiles_text = _count(len(new), "profiel", "profielen")
            reason = f"{best.name} hoort bij {profiles_text} waar je nog niets van hebt gezien."
        else:
            reason = f"Je hebt {best.name} nog niet bekeken. Zo weet je zeker dat je niets mist."
        result.append(Suggestion(best.slug, BROADEN_KIND, text, reason, BROADEN, best.name))
    return tuple(result)


# --- The coach's voice ---------------------------------------------------------------
# The texts above speak to the student ("Je gaf Techniek 4 uit 5"). The coach
# reads the same richtingsgevoel about the student ("Sanne gaf Techniek 4 uit
# 5"): every sentence pattern above has its third-person form here, and
# the guard ``portfolio/tests/test_coach_voice.py`` fails when a
# text addressed to "je" reaches the coach.
_THIRD_PERSON = (
    (r"\bJe laatste score voor\b", "De laatste score van {name} voor"),
    (r"\bJe score gaat\b", "De score gaat"),
    (r"\bJe score blijft\b", "De score blijft"),
    (r"\bJe hebt\b", "{name} heeft"),
    (r"\bJe gaf\b", "{name} gaf"),
    (r"\bJe vond\b", "{name} vond"),
    (r"\bJe vindt\b", "{name} vindt"),
    (r"\bJe kent\b", "{name} kent"),
    (r"\bDaar heb je\b", "Daar heeft {name}"),
    (r"\bheb je nog geen\b", "heeft {name} nog geen"),
    (r"\bwaar je nog niets van hebt gezien\b", "waar {name} nog niets van heeft gezien"),
    (r"\bZo weet je zeker dat je niets mist\b", "Zo weet {name} zeker dat er niets gemist wordt"),
    (r"\bProbeer eens\b", "Een idee:"),
    (r"\bGa een stap verder met\b", "Een stap verder:"),
    (r"\bMaak kennis met\b", "Kennismaken met"),
    (r"\bZo laat je richtingsgevoel zien wat je nu vindt\b", "Zo laat het richtingsgevoel zien wat {name} nu vindt"),
)


def in_third_person(text: str, name: str) -> str:
    """A text of this module as the coach reads it, about ``name``."""
    for pattern, replacement in _THIRD_PERSON:
        text = re.sub(pattern, replacement.replace("{name}", name), text)
    return text


def for_coach(rg: Richtingsgevoel, name: str) -> Richtingsgevoel:
    """The richtingsgevoel with every explanation in the coach's voice."""
    say = partial(in_third_person, name=name)
    return replace(
        rg,
        affinity=tuple(replace(a, explanation=say(a.explanation)) for a in rg.affinity),
        profiles=tuple(replace(p, explanation=say(p.explanation)) for p in rg.profiles),
        study_fields=tuple(replace(s, explanation=say(s.explanation)) for s in rg.study_fields),
        suggestions=tuple(replace(s, text=say(s.text), reason=say(s.reason)) for s in rg.suggestions),
    )
