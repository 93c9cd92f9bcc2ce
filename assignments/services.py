"""Domain functions of the assignment library: every write goes through here.

Views load objects through ``assignments/access.py`` before calling these;
the functions take plain values and the acting user explicitly, and ask the
same module when they refuse (``PermissionDenied``).
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Avg, Count, F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from assignments import access, notifications, search
from assignments.models import (
    Assignment,
    AssignmentMaterial,
    AssignmentVersion,
    AssignmentView,
    Challenge,
    ChallengeResponse,
    Rating,
)
from organisation.models import Level, Sector

DEFAULT_RUBRIC_LEVELS = ["onvoldoende", "voldoende", "goed", "uitstekend"]


# Content that a version stores under the same name and as the same value;
# the rest is converted on the way (client, levels, sectors, lists, rubric).
PLAIN_CONTENT = (
    "title",
    "problem_statement",
    "expected_result",
    "client_contact",
    "leerjaar_min",
    "leerjaar_max",
    "duration_weeks",
    "group_size_min",
    "group_size_max",
    "fits_tt",
)


@dataclass
class Content:
    """Everything a version holds; what the assignment form produces."""

    title: str
    problem_statement: str
    expected_result: str = ""
    client: object = None  # PartnerOrganisation or None
    client_name: str = ""
    client_contact: str = ""
    client_kind: str = ""
    levels: list = field(default_factory=list)  # Level objects
    leerjaar_min: int = 1
    leerjaar_max: int = 4
    sectors: list = field(default_factory=list)  # Sector objects
    competencies: list = field(default_factory=list)  # Competency codes
    duration_weeks: int = 6
    group_size_min: int = 3
    group_size_max: int = 5
    fits_tt: bool = False
    rubric: dict = field(default_factory=dict)

    def version_values(self) -> dict:
        """The content fields of an ``AssignmentVersion`` holding this content."""
        return {
            **{name: getattr(self, name) for name in PLAIN_CONTENT},
            "client_name": self.client.name if self.client else self.client_name,
            "levels": [lvl.code for lvl in self.levels],
            "sectors": [s.slug for s in self.sectors],
            "competencies": list(self.competencies),
            "rubric": self.rubric or {},
        }


def content_from_version(version: AssignmentVersion) -> Content:
    assignment = version.assignment
    level_by_code = {lvl.code: lvl for lvl in Level.objects.filter(code__in=version.levels)}
    sector_by_slug = {s.slug: s for s in Sector.objects.filter(slug__in=version.sectors)}
    return Content(
        **{name: getattr(version, name) for name in PLAIN_CONTENT},
        client=assignment.client,
        client_name=version.client_name if not assignment.client_id else "",
        client_kind=assignment.client_kind,
        levels=[level_by_code[c] for c in version.levels if c in level_by_code],
        sectors=[sector_by_slug[s] for s in version.sectors if s in sector_by_slug],
        competencies=list(version.competencies),
        rubric=dict(version.rubric or {}),
    )


# --------------------------------------------------------------------------
# Challenges
# --------------------------------------------------------------------------


@transaction.atomic
def submit_challenge(user, partner, *, sectors=(), levels=(), **values) -> Challenge:
    """A partner contact describes a real problem of their organisation.
    ``values``: the challenge's own fields (``ChallengeForm`` names them)."""
    if not access.may_submit_for(user, partner):
        raise PermissionDenied
    challenge = Challenge(partner=partner, created_by=user, **values)
    challenge.full_clean(exclude=["sectors", "levels"])
    challenge.save()
    challenge.sectors.set(sectors)
    challenge.levels.set(levels)
    notifications.challenge_submitted(challenge, user)
    return challenge


@transaction.atomic
def update_challenge(user, challenge: Challenge, *, sectors=None, levels=None, **values) -> Challenge:
    for key, value in values.items():
        setattr(challenge, key, value)
    challenge.save(update_fields=[*values, "updated_at"])
    if sectors is not None:
        challenge.sectors.set(sectors)
    if levels is not None:
        challenge.levels.set(levels)
    return challenge


@transaction.atomic
def set_challenge_status(user, challenge: Challenge, status: str) -> Challenge:
    challenge.status = status
    challenge.save(update_fields=["status", "updated_at"])
    return challenge


@transaction.atomic
def respond_to_challenge(user, challenge: Challenge, school, message: str) -> ChallengeResponse:
    """A school tells the partner it would like to work on the challenge."""
    if not access.works_at(user, school):
        raise PermissionDenied
    return ChallengeResponse.objects.create(challenge=challenge, school=school, author=user, message=message)


# --------------------------------------------------------------------------
# Assignments and versions
# --------------------------------------------------------------------------


def _new_version(user, assignment: Assignment, content: Content, change_note: str) -> AssignmentVersion:
    """Snapshot ``content`` and the current materials as the next version and
    make it the assignment's current one (facets, levels, sectors, search)."""
    number = (assignment.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    materials = [m.snapshot() for m in assignment.materials.filter(removed_at__isnull=True)]
    version = AssignmentVersion.objects.create(
        assignment=assignment,
        number=number,
        created_by=user,
        change_note=change_note[:300],
        materials=materials,
        **content.version_values(),
    )
    changed = assignment.show_version(version, client=content.client, client_kind=content.client_kind)
    body = [content.problem_statement, content.expected_result, " ".join(s.name for s in content.sectors)]
    assignment.search_document = search.build_search_document(
        title=version.title, client=version.client_name, body_parts=body
    )
    assignment.save(update_fields=[*changed, "search_document", "updated_at"])
    assignment.levels.set(content.levels)
    assignment.sectors.set(content.sectors)
    if search.is_postgres():
        vector = search.vector_expression(title=version.title, client=version.client_name, body="\n".join(body))
        Assignment.objects.filter(pk=assignment.pk).update(search_vector=vector)
    return version


@transaction.atomic
def create_assignment(user, school, content: Content, *, challenge=None, change_note="") -> Assignment:
    """A teacher creates an assignment (from a challenge or from scratch). It
    starts as a concept shared with the own school only."""
    if not access.works_at(user, school):
        raise PermissionDenied
    if challenge is not None and content.client is None:
        content.client = challenge.partner
    assignment = Assignment.objects.create(owner_school=school, author=user, challenge=challenge)
    _new_version(user, assignment, content, change_note or _("First version"))
    if challenge is not None:
        notifications.challenge_taken_up(assignment, user)
    return assignment


@transaction.atomic
def update_assignment(user, assignment: Assignment, content: Content, *, change_note="") -> AssignmentVersion:
    """Save changed content as a new version; earlier versions stay readable
    and projects keep pointing at the version they used."""
    return _new_version(user, assignment, content, change_note)


@transaction.atomic
def publish_assignment(user, assignment: Assignment, sharing_scope: str) -> Assignment:
    assignment.status = Assignment.Status.PUBLISHED
    assignment.sharing_scope = sharing_scope
    assignment.archived_at = None
    if assignment.published_at is None:
        assignment.published_at = timezone.now()
    assignment.save(update_fields=["status", "sharing_scope", "published_at", "archived_at", "updated_at"])
    return assignment


@transaction.atomic
def archive_assignment(user, assignment: Assignment) -> Assignment:
    """Leaves the library search; stays readable for those who could see it
    (and for projects that used it)."""
    assignment.status = Assignment.Status.ARCHIVED
    assignment.archived_at = timezone.now()
    assignment.save(update_fields=["status", "archived_at", "updated_at"])
    return assignment


@transaction.atomic
def adopt_assignment(user, original: Assignment, school) -> Assignment:
    """Copy a published assignment for the own school: a concept owned by that
    school, crediting the original, independent from then on (own versions,
    own copies of the material files)."""
    if not access.may_adopt_into(user, original, school):
        raise PermissionDenied
    source = original.current_version
    content = content_from_version(source)
    copy = Assignment.objects.create(
        owner_school=school, author=user, challenge=original.challenge, adopted_from=original
    )
    for material in original.materials.filter(removed_at__isnull=True):
        clone = AssignmentMaterial(
            assignment=copy,
            kind=material.kind,
            title=material.title,
            filename=material.filename,
            content_type=material.content_type,
            size=material.size,
            url=material.url,
            added_by=user,
        )
        if material.kind == AssignmentMaterial.Kind.FILE and material.file:
            with material.file.open("rb") as fh:
                clone.file.save(material.filename or "bestand", ContentFile(fh.read()), save=False)
        clone.save()
    note = _("Adopted from %(title)s (%(school)s), version %(number)s") % {
        "title": original.title,
        "school": original.owner_school.name,
        "number": source.number,
    }
    _new_version(user, copy, content, note)
    Assignment.objects.filter(pk=original.pk).update(adoption_count=F("adoption_count") + 1)
    notifications.assignment_adopted(copy, user)
    return copy


# --------------------------------------------------------------------------
# Materials
# --------------------------------------------------------------------------


@transaction.atomic
def add_material(user, assignment: Assignment, *, title, upload=None, filename="", content_type="", url=""):
    """Attach a validated file (see uploads.validate_upload) or a link; the
    assignment gets a new version listing it."""
    material = AssignmentMaterial(assignment=assignment, title=title, added_by=user)
    if upload is not None:
        material.kind = AssignmentMaterial.Kind.FILE
        material.filename = filename
        material.content_type = content_type
        material.size = upload.size
        material.file.save(filename, upload, save=False)
    else:
        material.kind = AssignmentMaterial.Kind.LINK
        material.url = url
    material.save()
    note = _("Material added: %(title)s") % {"title": title}
    _new_version(user, assignment, content_from_version(assignment.current_version), note)
    return material


@transaction.atomic
def remove_material(user, assignment: Assignment, material: AssignmentMaterial) -> None:
    """Take material out of the current version; earlier versions keep it."""
    material.removed_at = timezone.now()
    material.save(update_fields=["removed_at"])
    note = _("Material removed: %(title)s") % {"title": material.title}
    _new_version(user, assignment, content_from_version(assignment.current_version), note)


# --------------------------------------------------------------------------
# Views and ratings
# --------------------------------------------------------------------------


def record_view(user, assignment: Assignment) -> None:
    """Remember that a teacher opened the assignment (what allows rating it)."""
    if access.staff_school_ids(user):
        AssignmentView.objects.get_or_create(assignment=assignment, user=user)


@transaction.atomic
def rate_assignment(user, assignment: Assignment, score: int, comment: str = "") -> Rating:
    """One rating per teacher per assignment; rating again replaces it."""
    if not access.can_rate(user, assignment):
        raise PermissionDenied
    school_id = min(access.staff_school_ids(user))
    rating, _created = Rating.objects.update_or_create(
        assignment=assignment, user=user, defaults={"score": score, "comment": comment, "school_id": school_id}
    )
    summary = assignment.ratings.aggregate(n=Count("id"), avg=Avg("score"))
    assignment.rating_count = summary["n"]
    assignment.rating_avg = round(summary["avg"], 2) if summary["avg"] is not None else None
    assignment.save(update_fields=["rating_count", "rating_avg"])
    return rating
