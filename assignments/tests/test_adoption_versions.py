"""Adoption (copy + credit + independence) and versioning."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from assignments import access, services
from assignments.models import Assignment, AssignmentVersion
from assignments.tests.factories import make_assignment, make_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def original(world):
    return make_assignment(world.docent, world.school_a, title="Bijenhotel", status="published", scope="national")


def test_adoption_makes_an_independent_credited_copy(world, original, media):
    from django.core.files.base import ContentFile

    services.add_material(
        world.docent, original, title="Werkblad", upload=ContentFile(b"hallo", name="w.txt"),
        filename="w.txt", content_type="text/plain",
    )  # fmt: skip
    original.refresh_from_db()
    copy = services.adopt_assignment(world.docent2, original, world.school_b)
    original.refresh_from_db()

    assert copy.owner_school == world.school_b
    assert copy.author == world.docent2
    assert copy.adopted_from == original
    assert copy.status == Assignment.Status.CONCEPT
    assert copy.sharing_scope == "school"
    assert original.adoption_count == 1
    assert copy.current_version.number == 1
    assert "Bijenhotel" in copy.current_version.change_note
    assert copy.current_version.problem_statement == original.current_version.problem_statement
    # Its own material rows and files.
    src, dst = original.materials.get(), copy.materials.get()
    assert src.pk != dst.pk and src.file.name != dst.file.name
    assert dst.file.read() == b"hallo"

    # Independence: changing the copy does not touch the original, and vice versa.
    services.update_assignment(world.docent2, copy, make_content(title="Bijenhotel Rotterdam"), change_note="eigen")
    original.refresh_from_db()
    assert original.title == "Bijenhotel"
    assert original.current_version.number == 2  # v1 + material
    services.archive_assignment(world.docent, original)
    copy.refresh_from_db()
    assert copy.title == "Bijenhotel Rotterdam" and copy.status == Assignment.Status.CONCEPT


def test_cannot_adopt_own_school_or_concept(world, original):
    with pytest.raises(PermissionDenied):
        services.adopt_assignment(world.docent, original, world.school_a)
    concept = make_assignment(world.docent2, world.school_b)
    with pytest.raises(PermissionDenied):
        services.adopt_assignment(world.docent, concept, world.school_a)


def test_original_author_sees_adoption_on_dashboard_and_detail(world, original, client):
    services.adopt_assignment(world.docent2, original, world.school_b)
    client.force_login(world.docent)
    dashboard = client.get(reverse("dashboard:home")).content.decode()
    assert "Maascollege Het Baken" in dashboard and "Bijenhotel" in dashboard
    detail = client.get(reverse("assignments:detail", args=[original.pk])).content.decode()
    assert "Overgenomen door" in detail and "Maascollege Het Baken" in detail


def test_editing_creates_a_new_version_and_keeps_the_old_one(world, original):
    v1 = original.current_version
    services.update_assignment(
        world.docent, original, make_content(title="Bijenhotel 2.0", duration_weeks=9), change_note="langer"
    )
    original.refresh_from_db()
    v2 = original.current_version
    assert v2.number == 2 and v2.change_note == "langer" and v2.created_by == world.docent
    assert original.title == "Bijenhotel 2.0" and original.duration_weeks == 9
    v1.refresh_from_db()
    assert v1.title == "Bijenhotel" and v1.duration_weeks == 6
    assert list(original.versions.order_by("number").values_list("number", flat=True)) == [1, 2]


def test_versions_are_immutable(world, original):
    version = original.current_version
    version.title = "tampered"
    with pytest.raises(ValidationError):
        version.save()
    assert AssignmentVersion.objects.get(pk=version.pk).title == "Bijenhotel"


def test_version_history_page_shows_who_what_when(world, original, client):
    services.update_assignment(
        world.docent, original, make_content(title="Nieuw", duration_weeks=3), change_note="korter"
    )
    client.force_login(world.docent2)
    page = client.get(reverse("assignments:versions", args=[original.pk])).content.decode()
    assert "korter" in page and "Docent Demo" in page and "duur in weken" in page
    old = client.get(reverse("assignments:version_detail", args=[original.pk, 1])).content.decode()
    assert "Dit is een eerdere versie." in old and "Bijenhotel" in old


def test_archived_leaves_library_but_stays_readable(world, original, client):
    services.archive_assignment(world.docent, original)
    client.force_login(world.docent2)
    library = client.get(reverse("assignments:library")).content.decode()
    assert "Bijenhotel" not in library
    assert client.get(reverse("assignments:detail", args=[original.pk])).status_code == 200


def test_rating_requires_a_view_and_is_one_per_teacher(world, original, client):
    client.force_login(world.docent2)
    url = reverse("assignments:rate", args=[original.pk])
    assert client.post(url, {"score": 5}).status_code == 403
    client.get(reverse("assignments:detail", args=[original.pk]))
    assert client.post(url, {"score": 5, "comment": "Top"}).status_code == 302
    assert client.post(url, {"score": 3}).status_code == 302
    original.refresh_from_db()
    assert original.ratings.count() == 1 and original.rating_avg == 3 and original.rating_count == 1
    # Bad input re-renders with a Dutch message.
    response = client.post(url, {"score": 9, "comment": "blijft staan"})
    assert response.status_code == 200
    assert "blijft staan" in response.content.decode()
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_owner_school_cannot_rate_own_assignment(world, original, client):
    client.force_login(world.docent)
    client.get(reverse("assignments:detail", args=[original.pk]))
    assert not access.can_rate(world.docent, original)
