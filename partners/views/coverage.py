"""Coverage for the network coach (and the programme office)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.params import int_param
from organisation.models import SchoolYear
from partners import access
from partners.coverage import network_coverage

BAR_WIDTH = 310
ROW_HEIGHT = 40


@login_required
@require_GET
def coverage(request):
    access.require(access.can_see_coverage(request.user))
    networks = list(access.coverage_networks(request.user).order_by("name"))
    chosen = int_param(request, "netwerk")
    network = next((n for n in networks if n.pk == chosen), None) or networks[0]
    year = SchoolYear.objects.current()
    data = network_coverage(network, year)
    top = max([r["total"] for r in data.rows] + [1])
    chart = [
        {
            "name": r["sector"].name,
            "value": r["total"],
            "partners": r["partners"],
            "width": round(BAR_WIDTH * r["total"] / top),
            "y": i * ROW_HEIGHT,
            "gap": r["total"] == 0,
        }
        for i, r in enumerate(data.rows)
    ]
    return render(
        request,
        "partners/coverage.html",
        {
            "coverage": data,
            "networks": networks,
            "network": network,
            "chart": chart,
            "chart_height": len(chart) * ROW_HEIGHT + 4,
            "year": year,
        },
    )
