"""Assignment library (opdrachtenbank): partner challenges (uitdagingen),
assignments (opdrachten) with immutable versions, materials, views and ratings.

Design
------
* ``Challenge``: a real question of a partner organisation. Who sees and
  changes what is decided in ``assignments/access.py``.
* ``Assignment``: the library entry, owned by a school. It holds the *current
  state* of the searchable facets (title, client, levels, leerjaar range,
  sectors, competencies, duration, group size, T&T fit) denormalised from its
  current version, so that search and filters hit one table plus two M2M
  tables. Counters (adoptions, ratings) are denormalised too, so list pages run
  a bounded number of queries.
* ``AssignmentVersion``: the full content snapshot (problem statement, expected
  result, rubric, materials, ...). Immutable once created: every save of an
  assignment creates a new version and moves ``Assignment.current_version``.
  Projects pin a version (FK) and keep pointing to it.
* Sharing scope: ``school`` (own school only), ``network`` (every school of the
  owner school's network) or ``national`` (every TechMakers school).
  Concepts are only ever visible to the owner school. Archived assignments
  leave the library search but stay readable for whoever could see them, so
  projects that used them keep working.

Rubric JSON format (``AssignmentVersion.rubric``)::

    {
      "levels": ["onvoldoende", "voldoende", "goed", "uitstekend"],
      "criteria": [
        {"name": "Het prototype werkt", "kind": "product",
         "descriptors": ["...", "...", "...", "..."]},   # one per level
        {"name": "Samenwerking", "kind": "process", "descriptors": [...]}
      ]
    }

``kind`` is ``"product"`` or ``"process"``: product and process are assessed
separately (see DESIGN.md, werkproces).

Ratings decision: a teacher may rate an assignment (once, 1-5, optional
comment, editable) when they have viewed its detail page at least once (an
``AssignmentView`` row is recorded on every first view), and it is not their
own school's assignment. Later, projects will add "ran it" as a stronger signal.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from organisation.models import Level, PartnerOrganisation, School, Sector

LEERJAAR_VALIDATORS = [MinValueValidator(1), MaxValueValidator(6)]


class Competency(models.TextChoices):
    """Competencies practised in an assignment. Projects reuses this list for
    student strengths."""

    SAMENWERKEN = "samenwerken", _("collaborating")
    PLANNEN = "plannen", _("planning and organising")
    PRESENTEREN = "presenteren", _("presenting")
    ONDERZOEKEN = "onderzoeken", _("researching")
    ONTWERPEN = "ontwerpen", _("designing")
    MAKEN = "maken", _("making")
    REFLECTEREN = "reflecteren", _("reflecting")
    CONTACT = "contact", _("contact with external people")


class PartnerOffer(models.TextChoices):
    """What a partner offers with a challenge (stored as a JSON list of codes)."""

    KICKOFF = "kickoff", _("kick-off visit")
    EXPERT = "expert", _("expert for questions")
    MATERIALS = "materials", _("materials")
    FEEDBACK = "feedback", _("feedback on presentations")
    JURY = "jury", _("jury")
    VISIT = "visit", _("company visit")


class SharingScope(models.TextChoices):
    SCHOOL = "school", _("own school")
    NETWORK = "network", _("own network")
    NATIONAL = "national", _("national")


# --------------------------------------------------------------------------
# Challenges
# --------------------------------------------------------------------------


class Challenge(models.Model):
    """A partner's real question before it becomes an assignment (uitdaging)."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    partner = models.ForeignKey(
        PartnerOrganisation, on_delete=models.CASCADE, related_name="challenges", verbose_name=_("partner")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("the question"))
    why_it_matters = models.TextField(_("why it matters"), blank=True)
    good_result = models.TextField(_("what a good result looks like"), blank=True)
    sectors = models.ManyToManyField(Sector, blank=True, related_name="challenges", verbose_name=_("sectors"))
    levels = models.ManyToManyField(Level, blank=True, related_name="challenges", verbose_name=_("levels"))
    leerjaar_min = models.PositiveSmallIntegerField(_("from year"), default=1, validators=LEERJAAR_VALIDATORS)
    leerjaar_max = models.PositiveSmallIntegerField(_("to year"), default=4, validators=LEERJAAR_VALIDATORS)
    partner_offers = models.JSONField(_("what we offer"), default=list, blank=True)  # PartnerOffer codes
    timing = models.CharField(_("when"), max_length=200, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        indexes = [models.Index(fields=["status", "-created_at"], name="challenge_status_created")]

    def __str__(self):
        return self.title

    def get_partner_offers_display(self) -> list[str]:
        labels = dict(PartnerOffer.choices)
        return [str(labels[code]) for code in self.partner_offers if code in labels]


class ChallengeResponse(models.Model):
    """A school's reaction to a challenge ("we'd like to work on this")."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="responses")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="challenge_responses")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("response to a challenge")
        verbose_name_plural = _("responses to challenges")

    def __str__(self):
        return f"{self.school} → {self.challenge}"


# --------------------------------------------------------------------------
# Assignments
# --------------------------------------------------------------------------


class AssignmentQuerySet(models.QuerySet):
    def in_library(self):
        """What the library search lists: published, not archived."""
        return self.filter(status=Assignment.Status.PUBLISHED)


class Assignment(models.Model):
    """A library assignment (opdracht); its content lives in versions, the
    searchable facets of the current version are copied here."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("concept")
        PUBLISHED = "published", _("published")
        ARCHIVED = "archived", _("archived")

    owner_school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("school")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="authored_assignments",
        verbose_name=_("author"),
    )
    challenge = models.ForeignKey(
        Challenge,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("challenge"),
    )
    client = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("client"),
    )
    client_name = models.CharField(_("client name"), max_length=200, blank=True)
    client_contact = models.CharField(_("client contact"), max_length=200, blank=True)
    client_kind = models.CharField(
        _("kind of client"), max_length=20, choices=PartnerOrganisation.Kind.choices, blank=True
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CONCEPT)
    sharing_scope = models.CharField(
        _("sharing"), max_length=10, choices=SharingScope.choices, default=SharingScope.SCHOOL
    )
    adopted_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adoptions",
        verbose_name=_("adopted from"),
    )
    current_version = models.ForeignKey(
        "AssignmentVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
    )

    # Facets of the current version, for fast search and filters.
    levels = models.ManyToManyField(Level, blank=True, related_name="assignments", verbose_name=_("levels"))
    sectors = models.ManyToManyField(Sector, blank=True, related_name="assignments", verbose_name=_("sectors"))
    leerjaar_min = models.PositiveSmallIntegerField(_("from year"), default=1, validators=LEERJAAR_VALIDATORS)
    leerjaar_max = models.PositiveSmallIntegerField(_("to year"), default=4, validators=LEERJAAR_VALIDATORS)
    competencies = models.JSONField(_("competencies"), default=list, blank=True)  # Competency codes
    duration_weeks = models.PositiveSmallIntegerField(_("duration in weeks"), default=6)
    group_size_min = models.PositiveSmallIntegerField(_("minimum group size"), default=3)
    group_size_max = models.PositiveSmallIntegerField(_("maximum group size"), default=5)
    fits_tt = models.BooleanField(_("fits the exam subject Technologie & Toepassing"), default=False)

    # Search: plain text (SQLite fallback) and a tsvector (PostgreSQL, GIN index).
    search_document = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    # Denormalised counters (kept by the services).
    adoption_count = models.PositiveIntegerField(default=0, editable=False)
    rating_count = models.PositiveIntegerField(default=0, editable=False)
    rating_avg = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        indexes = [
            models.Index(fields=["status", "sharing_scope", "-published_at"], name="assignment_library"),
            models.Index(fields=["owner_school", "status"], name="assignment_school_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(leerjaar_max__gte=models.F("leerjaar_min")), name="assignment_leerjaar_range"
            ),
            models.CheckConstraint(
                condition=Q(group_size_max__gte=models.F("group_size_min")), name="assignment_group_size_range"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def client_display(self) -> str:
        return self.client.name if self.client_id else self.client_name

    @property
    def school_count(self) -> int:
        """Schools that use it: the owner plus every adopting school."""
        return 1 + self.adoption_count

    def get_competencies_display(self) -> list[str]:
        labels = dict(Competency.choices)
        return [str(labels[c]) for c in self.competencies if c in labels]

    def show_version(self, version: "AssignmentVersion", *, client=None, client_kind="") -> list[str]:
        """Make ``version`` the current one: the one place where a version's
        facets (``AssignmentVersion.FACETS``) are copied onto the assignment,
        where search and filters read them. Sets the fields and returns their
        names for ``save(update_fields=...)``; levels, sectors and the search
        fields are set by ``services._new_version``."""
        self.current_version = version
        for name in AssignmentVersion.FACETS:
            setattr(self, name, getattr(version, name))
        self.summary = _summary(version.problem_statement)
        self.client = client
        self.client_kind = client.kind if client else client_kind
        return ["current_version", *AssignmentVersion.FACETS, "summary", "client", "client_kind"]


def _summary(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= 280 else text[:277].rsplit(" ", 1)[0] + "…"


def _material_name(instance, filename):
    """Unguessable storage name; the original (sanitised) name is kept on the row."""
    ext = ""
    if "." in filename:
        ext = "." + filename.rsplit(".", 1)[1].lower()[:10]
    return f"assignments/{uuid.uuid4().hex}{ext}"


class AssignmentVersion(models.Model):
    """An immutable content snapshot of an assignment. Projects pin these."""

    # What a version holds (compared between versions in the history).
    CONTENT_FIELDS = (
        "title",
        "client_name",
        "client_contact",
        "problem_statement",
        "expected_result",
        "levels",
        "leerjaar_min",
        "leerjaar_max",
        "sectors",
        "competencies",
        "duration_weeks",
        "group_size_min",
        "group_size_max",
        "fits_tt",
        "rubric",
        "materials",
    )
    # The facets the assignment shows of its current version, under the same
    # names on both models (``Assignment.show_version`` copies them).
    FACETS = (
        "title",
        "client_name",
        "client_contact",
        "leerjaar_min",
        "leerjaar_max",
        "competencies",
        "duration_weeks",
        "group_size_min",
        "group_size_max",
        "fits_tt",
    )

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("changed by")
    )
    created_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)

    title = models.CharField(_("title"), max_length=200)
    client_name = models.CharField(_("client"), max_length=200, blank=True)
    client_contact = models.CharField(_("client contact"), max_length=200, blank=True)
    problem_statement = models.TextField(_("problem statement"))
    expected_result = models.TextField(_("expected result"), blank=True)
    levels = models.JSONField(_("levels"), default=list)  # Level codes
    leerjaar_min = models.PositiveSmallIntegerField(_("from year"), default=1)
    leerjaar_max = models.PositiveSmallIntegerField(_("to year"), default=4)
    sectors = models.JSONField(_("sectors"), default=list)  # Sector slugs
    competencies = models.JSONField(_("competencies"), default=list)  # Competency codes
    duration_weeks = models.PositiveSmallIntegerField(_("duration in weeks"), default=6)
    group_size_min = models.PositiveSmallIntegerField(_("minimum group size"), default=3)
    group_size_max = models.PositiveSmallIntegerField(_("maximum group size"), default=5)
    fits_tt = models.BooleanField(_("fits the exam subject Technologie & Toepassing"), default=False)
    rubric = models.JSONField(_("assessment rubric"), default=dict, blank=True)  # see module docstring
    # [{"id": material id, "title": ..., "kind": "file"|"link", "url": ..., "filename": ...}]
    materials = models.JSONField(_("materials"), default=list, blank=True)

    class Meta:
        ordering = ["assignment", "-number"]
        verbose_name = _("assignment version")
        verbose_name_plural = _("assignment versions")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "number"], name="assignmentversion_unique_number"),
        ]

    def __str__(self):
        return f"{self.title} (v{self.number})"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise ValidationError("Assignment versions are immutable once created.")
        super().save(*args, **kwargs)

    def get_competencies_display(self) -> list[str]:
        labels = dict(Competency.choices)
        return [str(labels[c]) for c in self.competencies if c in labels]

    @property
    def rubric_levels(self) -> list[str]:
        return list((self.rubric or {}).get("levels") or [])

    @property
    def rubric_criteria(self) -> list[dict]:
        return list((self.rubric or {}).get("criteria") or [])


class AssignmentMaterial(models.Model):
    """A file or a link belonging to an assignment. Files are stored under an
    unguessable name and served only by a view that checks access. Materials
    are never hard-deleted while versions may list them (``removed_at``)."""

    class Kind(models.TextChoices):
        FILE = "file", _("file")
        LINK = "link", _("link")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=4, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_material_name, blank=True, max_length=200)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField(_("link"), blank=True, max_length=500)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.title

    def snapshot(self) -> dict:
        return {
            "id": self.pk,
            "title": self.title,
            "kind": self.kind,
            "url": self.url,
            "filename": self.filename,
            "size": self.size,
        }


class AssignmentView(models.Model):
    """A teacher has opened the assignment's page (first time recorded).
    Having viewed it is what allows rating it."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="views")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    first_viewed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assignment view")
        verbose_name_plural = _("assignment views")
        constraints = [models.UniqueConstraint(fields=["assignment", "user"], name="assignmentview_unique")]

    def __str__(self):
        return f"{self.user} viewed {self.assignment}"


class Rating(models.Model):
    """One rating per teacher per assignment: 1-5 with an optional comment."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignment_ratings")
    school = models.ForeignKey(School, on_delete=models.SET_NULL, null=True, related_name="+")
    score = models.PositiveSmallIntegerField(_("score"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "user"], name="rating_one_per_teacher"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="rating_score_1_5"),
        ]

    def __str__(self):
        return f"{self.assignment}: {self.score}"
