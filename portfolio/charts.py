"""Geometry for the richtingsgevoel charts (server-rendered SVG). The
templates draw what these functions measure; colours come from CSS classes.
Both charts use a fixed 320-unit wide viewBox so labels stay readable when
the SVG shrinks to a phone screen."""

from portfolio import profile

WIDTH = 320
BAR_LEFT = 0
BAR_MAX = 270  # score 5 reaches here
ROW = 40


def score_text(value):
    return profile.format_score(value) if value is not None else "–"


def level_class(score):
    if score is None:
        return "bar-none"
    if score >= profile.HIGH_AFFINITY:
        return "bar-high"
    if score >= 2.5:
        return "bar-mid"
    return "bar-low"


TREND_SYMBOLS = {profile.RISING: "↑", profile.FALLING: "↓", profile.STABLE: "→"}


def affinity_bars(affinities):
    """Horizontal bars, one per explored domain: the name on a line, the bar
    (0..5) below it, the score at its end."""
    rows = []
    for i, a in enumerate(affinities):
        y = i * ROW
        width = round(BAR_MAX * (a.mean or 0) / profile.MAX_SCORE, 1)
        rows.append(
            {
                "a": a,
                "label_y": y + 13,
                "bar_y": y + 18,
                "width": max(width, 2),
                "value_x": width + 6,
                "value_y": y + 29,
                "score": score_text(a.mean),
                "css": level_class(a.mean),
                "trend": TREND_SYMBOLS[a.trend] if a.count > 1 else "",
            }
        )
    ticks = [
        {"x": round(BAR_MAX * n / profile.MAX_SCORE, 1), "label": n}
        for n in range(profile.MIN_SCORE, profile.MAX_SCORE + 1)
    ]
    height = len(rows) * ROW + 18
    return {"rows": rows, "ticks": ticks, "height": height, "axis_y": len(rows) * ROW + 2, "width": WIDTH}


LINE_TOP, LINE_BOTTOM, LINE_LEFT, LINE_RIGHT = 10, 130, 24, 310


def _y(score):
    return round(LINE_BOTTOM - (score - 1) / 4 * (LINE_BOTTOM - LINE_TOP), 1)


def timeline_chart(rg, top=3):
    """Lines of the richtingsgevoel over the school-year periods for the top
    domains: each point is the (weighted) score as it was at the end of that
    period."""
    periods = rg.periods
    series = [t for t in rg.timeline][:top]
    if not periods or not series:
        return None
    n = len(periods)
    step = (LINE_RIGHT - LINE_LEFT) / max(n - 1, 1)
    xs = [round(LINE_LEFT + i * step, 1) for i in range(n)]
    lines = []
    for index, t in enumerate(series, start=1):
        points = [(xs[i], _y(pm.cumulative)) for i, pm in enumerate(t.periods) if pm.cumulative is not None]
        lines.append(
            {
                "name": t.name,
                "css": f"series-{index}",
                "points": " ".join(f"{x},{y}" for x, y in points),
                "dots": [{"x": x, "y": y} for x, y in points],
                "values": [score_text(pm.cumulative) for pm in t.periods],
            }
        )
    year_labels = [
        {"x": xs[i], "label": p.school_year[2:4] + "/" + p.school_year[7:9]}
        for i, p in enumerate(periods)
        if p.number == 1 or i == 0
    ]
    grid = [{"y": _y(s), "label": s} for s in range(1, 6)]
    table = [{"label": p.label, "values": [line["values"][i] for line in lines]} for i, p in enumerate(periods)]
    return {
        "lines": lines,
        "table": table,
        "periods": periods,
        "year_labels": year_labels,
        "grid": grid,
        "width": WIDTH,
        "height": LINE_BOTTOM + 24,
        "left": LINE_LEFT,
        "right": LINE_RIGHT,
        "label_y": LINE_BOTTOM + 18,
    }
