"""Coverage of a network by the partner network: which sectors and kinds of
offer the region's partners cover, where the gaps are, which schools booked
nothing this school year and which partners are asked far more than others.

``network_coverage`` issues a fixed number of queries; ``overasked`` is a pure
function with its own tests."""

import statistics
from dataclasses import dataclass, field

from django.db.models import Count, Q

from organisation.models import PartnerOrganisation, School, Sector
from partners.models import Booking, BookingStatus, Offer, OfferKind

# A partner is "asked much more than others" with at least this many requests
# and more than OVERASKED_FACTOR times the median of the region's partners.
OVERASKED_MIN = 3
OVERASKED_FACTOR = 2


@dataclass
class Coverage:
    network: object
    year: object
    kinds: list
    rows: list = field(default_factory=list)  # per sector: {"sector", "cells": [{kind, count}], "partners", "total"}
    gap_sectors: list = field(default_factory=list)
    gap_cells: int = 0
    idle_schools: list = field(default_factory=list)
    overasked: list = field(default_factory=list)  # [(partner, count)]
    median_requests: float = 0
    num_partners: int = 0
    num_schools: int = 0


def overasked(counts: dict, *, minimum=OVERASKED_MIN, factor=OVERASKED_FACTOR):
    """Partners whose request count is far above the median of all partners
    (zeros included). ``counts`` maps partner -> requests; returns
    (median, [(partner, count)] sorted by count, highest first)."""
    if not counts:
        return 0, []
    median = statistics.median(counts.values())
    flagged = [(p, n) for p, n in counts.items() if n >= minimum and n > factor * median]
    flagged.sort(key=lambda pair: (-pair[1], str(pair[0])))
    return median, flagged


def network_coverage(network, year) -> Coverage:
    kinds = list(OfferKind.choices)
    sectors = list(Sector.objects.filter(kind=Sector.Kind.DOMAIN).order_by("order"))
    partners = list(PartnerOrganisation.objects.filter(networks=network).order_by("name"))
    partner_ids = [p.pk for p in partners]

    # Partners (distinct) per sector and kind of published offer.
    cells = {}
    for sector_id, kind, n in (
        Offer.objects.filter(partner_id__in=partner_ids, is_published=True)
        .values_list("sectors", "kind")
        .annotate(n=Count("partner", distinct=True))
    ):
        if sector_id is not None:
            cells[(sector_id, kind)] = n
    partners_per_sector = dict(
        PartnerOrganisation.sectors.through.objects.filter(partnerorganisation_id__in=partner_ids)
        .values_list("sector_id")
        .annotate(n=Count("partnerorganisation_id", distinct=True))
        .values_list("sector_id", "n")
    )

    coverage = Coverage(network=network, year=year, kinds=kinds, num_partners=len(partners))
    for sector in sectors:
        row_cells = [{"kind": value, "count": cells.get((sector.pk, value), 0)} for value, _label in kinds]
        total = sum(c["count"] for c in row_cells)
        coverage.gap_cells += sum(1 for c in row_cells if not c["count"])
        coverage.rows.append(
            {"sector": sector, "cells": row_cells, "total": total, "partners": partners_per_sector.get(sector.pk, 0)}
        )
        if total == 0:
            coverage.gap_sectors.append(sector)

    active = Q(
        partner_bookings__date__gte=year.start_date,
        partner_bookings__date__lte=year.end_date,
        partner_bookings__status__in=[
            BookingStatus.REQUESTED,
            BookingStatus.PROPOSED,
            BookingStatus.CONFIRMED,
            BookingStatus.COMPLETED,
        ],
    )
    schools = list(School.objects.filter(network=network).annotate(n=Count("partner_bookings", filter=active)))
    coverage.num_schools = len(schools)
    coverage.idle_schools = sorted((s for s in schools if not s.n), key=lambda s: s.name)

    requests = dict(
        Booking.objects.filter(offer__partner_id__in=partner_ids, date__gte=year.start_date, date__lte=year.end_date)
        .values_list("offer__partner_id")
        .annotate(n=Count("id"))
        .values_list("offer__partner_id", "n")
    )
    counts = {p: requests.get(p.pk, 0) for p in partners}
    coverage.median_requests, coverage.overasked = overasked(counts)
    return coverage
