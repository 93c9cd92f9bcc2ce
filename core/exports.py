"""Every table the platform lets someone download (CSV for Dutch Excel, or
XLSX) goes through here, so no cell can smuggle a formula into a teacher's
spreadsheet.

OWASP's rule against CSV/formula injection: a cell that starts with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is made inert by putting a
single quote before it (Excel and LibreOffice then show it as text). Numbers
are left alone, so a grade of -1 or a decimal comma stays a number.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils.text import slugify

from core.downloads import no_store

DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_cell(value):
    """The value as a spreadsheet should receive it: numbers as they are,
    text that a spreadsheet would run as a formula made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(DANGEROUS_START):
        return "'" + text
    return text


def dutch_number(value):
    """A number with a decimal comma (Dutch Excel); anything else unchanged."""
    if isinstance(value, float | Decimal):
        return str(value).replace(".", ",")
    return value


def csv_text(header: Sequence, rows: Iterable[Sequence]) -> str:
    """CSV for Dutch Excel: BOM, ';' between cells, decimal commas, every cell safe."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([dutch_number(safe_cell(cell)) for cell in row])
    return buffer.getvalue()


def xlsx_bytes(header: Sequence, rows: Iterable[Sequence], *, title: str = "Export") -> bytes:
    """An XLSX workbook with one sheet; text cells are stored as text, never as formulas."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "Export")
    sheet.append([safe_cell(h) for h in header])
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_response(name: str, header: Sequence, rows: Iterable[Sequence], *, fmt: str = "csv") -> HttpResponse:
    """A download of the table as ``<name>.csv`` or ``<name>.xlsx``, never cached."""
    filename = slugify(name) or "export"
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(header, rows, title=name), content_type=XLSX_TYPE)
        filename += ".xlsx"
    else:
        response = HttpResponse(csv_text(header, rows).encode("utf-8"), content_type=CSV_TYPE)
        filename += ".csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return no_store(response)
