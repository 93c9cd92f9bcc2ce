"""The assignment picker of the project form (issue 11.3): each assignment
with its owner school, version and status; adopted copies grouped under
their original; what was ticked survives an error."""

import pytest
from django.urls import reverse

from assignments import services as library
from assignments.models import SharingScope
from assignments.tests.factories import make_assignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def library_with_copies(world):
    original = make_assignment(
        world.docent2, world.school_b, status="published", scope=SharingScope.NATIONAL, title="De haven van morgen"
    )
    copy = library.adopt_assignment(world.docent, original, world.school_a)  # a concept of school A
    own = make_assignment(world.docent, world.school_a, status="published", title="Een groen schoolplein")
    other_school_same_title = make_assignment(
        world.docent2, world.school_b, status="published", scope=SharingScope.NATIONAL, title="Een groen schoolplein"
    )
    return original, copy, own, other_school_same_title


def _groups(html):
    return html.split('id="assignment-options"')[1].split("</fieldset>")[0]


def test_the_picker_shows_school_version_status_and_groups_copies(world, login, library_with_copies):
    original, copy, own, namesake = library_with_copies
    html = login(world.docent).get(reverse("projects:project_create")).content.decode()
    picker = _groups(html)
    assert 'id="assignment-search"' in html and "projects/picker.js" in html
    # The copy sits in its original's group, in the list of adapted copies, marked as a concept.
    group = picker.split(f'value="{original.pk}"')[1].split("data-picker-group")[0]
    assert f'value="{copy.pk}"' in group and "Aangepaste kopieën van De haven van morgen" in group
    copy_row = group.split(f'value="{copy.pk}"')[1].split("</label>")[0]
    assert "Vakcollege De Brug" in copy_row and "concept, niet gepubliceerd" in copy_row and "jouw school" in copy_row
    original_row = picker.split(f'value="{original.pk}"')[1].split("</label>")[0]
    assert "Maascollege Het Baken" in original_row and "versie 1" in original_row and "gepubliceerd" in original_row
    # Two assignments with the same title: told apart by their school, in separate groups.
    own_row = picker.split(f'value="{own.pk}"')[1].split("</label>")[0]
    namesake_row = picker.split(f'value="{namesake.pk}"')[1].split("</label>")[0]
    assert "Vakcollege De Brug" in own_row and "Maascollege Het Baken" in namesake_row
    assert picker.count("data-picker-group") == 3


def test_ticked_assignments_stay_ticked_after_an_error(world, login, library_with_copies):
    _original, copy, own, _namesake = library_with_copies
    response = login(world.docent).post(
        reverse("projects:project_create"),
        {"school": world.school_a.pk, "title": "", "assignments": [copy.pk, own.pk]},
    )
    assert response.status_code in (200, 422)
    picker = _groups(response.content.decode())
    assert f'value="{copy.pk}" id="id_assignments_{copy.pk}" checked' in picker
    assert f'value="{own.pk}" id="id_assignments_{own.pk}" checked' in picker
