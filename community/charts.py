"""Geometry of the quality-cycle charts (server-rendered SVG, house style of
``portfolio/charts.py``): horizontal bars on the 1-5 scale, one group of bars
per question (this year, earlier years, the network), a fixed 320-unit wide
viewBox so labels stay readable on a phone. Colours come from CSS classes;
each chart has a table beside it with the same numbers."""

from django.utils.html import escape
from django.utils.safestring import mark_safe

WIDTH = 320
BAR_MAX = 260  # score 5 reaches here
BAR_H = 10
LABEL_H = 16


def _x(score):
    return round(BAR_MAX * score / 5, 1)


def bar_chart(rows, series_names):
    """``rows``: [{"label": str, "values": [Summary, ...]}] with one Summary
    per series. Suppressed values draw no bar. Returns the SVG body, size and
    the legend."""
    parts = []
    y = 0
    for row in rows:
        parts.append(f'<text class="label" x="0" y="{y + 12}">{escape(_short(row["label"]))}</text>')
        y += LABEL_H
        for index, value in enumerate(row["values"], start=1):
            css = f"series-{index}"
            parts.append(f'<rect class="track" x="0" y="{y}" width="{BAR_MAX}" height="{BAR_H}"></rect>')
            if not value.suppressed:
                parts.append(
                    f'<rect class="{css}" x="0" y="{y}" width="{max(_x(value.mean), 2)}" height="{BAR_H}"></rect>'
                )
                parts.append(f'<text class="value" x="{BAR_MAX + 4}" y="{y + 9}">{escape(value.mean_text)}</text>')
            else:
                parts.append(f'<text class="tick" x="{BAR_MAX + 4}" y="{y + 9}">&lt;5</text>')
            y += BAR_H + 3
        y += 8
    grid = []
    for point in range(1, 6):
        x = _x(point)
        grid.append(f'<line class="grid" x1="{x}" x2="{x}" y1="{LABEL_H - 2}" y2="{y - 6}"></line>')
        grid.append(f'<text class="tick" x="{x}" y="{y + 6}" text-anchor="middle">{point}</text>')
    parts = grid + parts
    legend = [{"name": name, "css": f"series-{i}"} for i, name in enumerate(series_names, start=1)]
    return {"svg_body": mark_safe("".join(parts)), "width": WIDTH, "height": y + 10, "legend": legend}


def _short(text, limit=44):
    return text if len(text) <= limit else text[: limit - 1] + "…"
