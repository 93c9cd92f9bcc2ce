"""One computation, one rounding rule for grades (issue 11.5): the
self-assessment reads the same on the assessment page, in the results table
and in the export; the export holds every figure of the page and the note."""

import csv
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from assignments.tests.factories import make_assignment
from projects import grades, services
from projects.models import Team
from projects.tests.factories import make_project

pytestmark = pytest.mark.django_db

# Five criteria on four levels (4, 6, 8, 10): three for the product, two for the process.
RUBRIC = {
    "levels": ["onvoldoende", "voldoende", "goed", "uitstekend"],
    "criteria": [
        {"name": "Ontwerp", "kind": "product", "descriptors": ["a", "b", "c", "d"]},
        {"name": "Afwerking", "kind": "product", "descriptors": ["a", "b", "c", "d"]},
        {"name": "Programma van eisen", "kind": "product", "descriptors": ["a", "b", "c", "d"]},
        {"name": "Samenwerking", "kind": "process", "descriptors": ["a", "b", "c", "d"]},
        {"name": "Planning", "kind": "process", "descriptors": ["a", "b", "c", "d"]},
    ],
}


def test_the_one_rounding_rule():
    assert grades.round_grade(Decimal("6.85")) == Decimal("6.9")  # half up, not to even
    assert grades.round_grade(Decimal("6.849")) == Decimal("6.8")
    # Means are taken of the exact grades, rounded once: 6.0625 and 5.875 average 5.96875 → 6.0.
    parts = {"levels": list("abcde"), "product": list(range(8)), "process": []}
    a = SimpleNamespace(role="coach", subject_id=None, scores=dict(enumerate("22211111")))
    b = SimpleNamespace(role="coach", subject_id=None, scores=dict(enumerate("22111111")))
    a.scores = {str(k): int(v) for k, v in a.scores.items()}
    b.scores = {str(k): int(v) for k, v in b.scores.items()}
    assert grades.assessment_grade(a, parts) == Decimal("6.1")  # 6.0625
    assert grades.assessment_grade(b, parts) == Decimal("5.9")  # 5.875
    assert grades.mean_grade([a, b], parts) == Decimal("6.0")
    assert grades.suggested_final(Decimal("6.8"), Decimal("7.1")) == Decimal("7.0")  # 6.95 half up
    assert grades.suggested_final(Decimal("6.8"), None) is None


@pytest.fixture
def graded(world):
    assignment = make_assignment(
        world.docent, world.school_a, status="published", title="Een brug van papier", rubric=RUBRIC
    )
    project = make_project(
        world, school=world.school_a, teacher=world.docent, classes=[world.class_a], assignments=[assignment]
    )
    services.open_choice(world.docent, project)
    pa = project.project_assignments.get()
    for student in (world.leerling, world.classmate):
        services.submit_choices(student, project.participants.get(student=student), [pa])
    services.run_allocation(world.docent, project)
    services.publish_allocation(world.docent, project)
    team = Team.objects.get(project=project, memberships__student=world.leerling)
    # Self: product 1, 1, 2 and process 1, 2 → over all five criteria 1.4 → 6.8;
    # over the process criteria alone it would be 1.5 → 7.0 (the old figure on the assessment page).
    services.save_assessment(
        world.leerling, team, role="zelf", scores={"0": 1, "1": 1, "2": 2, "3": 1, "4": 2}, comment="Eerlijk"
    )
    services.save_assessment(world.docent, team, role="coach", scores={"0": 2, "1": 2, "2": 3})  # product 8.7
    services.save_assessment(
        world.docent, team, role="coach", subject=world.leerling, scores={"3": 2, "4": 1}
    )  # process 7.0
    services.set_result(
        world.docent,
        project,
        world.classmate,
        product_grade=Decimal("5.5"),
        process_grade=None,
        final_grade=None,
        note="Herkansing in week 12",
    )
    return project, team


def test_the_self_assessment_reads_the_same_everywhere(world, login, graded):
    project, team = graded
    client = login(world.docent)
    page = client.get(f"/projecten/teams/{team.pk}/beoordelen/?leerling={world.leerling.pk}").content.decode()
    assert "6,8" in page and "7,0" in page  # self 6,8 (all criteria), the coach's process 7,0
    self_row = page.split("zelfbeoordeling")[1].split("</tr>")[0]
    assert "6,8" in self_row and "7,0" not in self_row
    results = client.get(f"/projecten/{project.pk}/resultaten/").content.decode()
    row = results.split(world.leerling.get_full_name())[1].split("</tr>")[0]
    cells = [c.split("</td>")[0].strip() for c in row.split('<td class="num">')[1:]]
    process_link = f'<a href="/projecten/teams/{team.pk}/beoordelen/?leerling={world.leerling.pk}">7,0</a>'
    assert cells[:4] == ["8,7", "–", process_link, "6,8"]


def test_the_export_holds_every_grade_of_the_page_and_the_note(world, login, graded):
    project, _team = graded
    client = login(world.docent)
    response = client.get(f"/projecten/{project.pk}/resultaten.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "leerlingnummer",
        "naam",
        "klas",
        "team",
        "opdracht",
        "coach: product (suggestie)",
        "opdrachtgever: product",
        "coach: proces (suggestie)",
        "zelfbeoordeling",
        "peerfactor",
        "eindresultaat (suggestie)",
        "cijfer product",
        "cijfer proces",
        "eindresultaat",
        "opmerking",
    ]
    by_user = {row[0]: row for row in rows[1:]}
    mine = by_user[world.leerling.username]
    assert mine[5:15] == ["8,7", "", "7,0", "6,8", "", "7,9", "", "", "", ""]  # (8,7 + 7,0) / 2 = 7,85 → 7,9
    theirs = by_user[world.classmate.username]
    assert theirs[11] == "5,5" and theirs[14] == "Herkansing in week 12"
    xlsx = client.get(f"/projecten/{project.pk}/resultaten.csv?formaat=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.values)
    assert values[0][8] == "zelfbeoordeling" and values[0][14] == "opmerking"
    xrow = next(r for r in values[1:] if r[0] == world.leerling.username)
    assert Decimal(str(xrow[8])) == Decimal("6.8") and Decimal(str(xrow[10])) == Decimal("7.9")
