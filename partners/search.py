"""Read-models of the partner network: the offer catalogue with its filters
and distance search, and the booking list's filters. Who sees what comes from
``partners.access``; views validate the GET parameters with a form and hand
the clean values here."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Q

from partners import access, geo
from partners.models import AvailabilityWindow, BookingStatus

FILTERS = ("q", "sector", "kind", "network", "level", "leerjaar", "date", "distance")


def catalogue(qs):
    """Offers with what a teacher wants to know at a glance: how many schools
    went before and how they rated it."""
    done = Q(bookings__status=BookingStatus.COMPLETED)
    return (
        qs.select_related("partner", "partner__network_profile", "challenge")
        .prefetch_related("sectors", "levels")
        .annotate(
            num_schools=Count("bookings__school", filter=done, distinct=True),
            avg_rating=Avg("bookings__feedback__rating", filter=done),
        )
    )


def with_home_region(user, params, school):
    """The search parameters, on a first visit (no filter given) set to the
    teacher's or coach's own region."""
    data = params.copy()
    if not any(name in data for name in FILTERS):
        network_id = access.home_network_id(user, school)
        if network_id is not None:
            data["network"] = str(network_id)
    return data


@dataclass
class OfferSearch:
    offers: object  # the queryset, ordered by partner and title
    school: object  # the school the teacher searches from (None for others)
    centre: tuple | None  # where distances are measured from

    def add_distances(self, offers) -> None:
        """Set ``distance`` (km, rounded; None when unknown) on each offer shown."""
        for offer in offers:
            offer.distance = _distance(self.centre, offer)


def find_offers(user, filters: dict, *, school=None) -> OfferSearch:
    """The offers the user sees (``access.visible_offers``) that match the
    clean ``filters`` of ``OfferSearchForm``; the distance filter measures
    from ``school`` (the teacher's own)."""
    centre = geo.place(school.city) if school else None
    offers = catalogue(access.visible_offers(user))
    f = {name: filters.get(name) for name in FILTERS}
    if f["q"]:
        offers = offers.filter(
            Q(title__icontains=f["q"]) | Q(description__icontains=f["q"]) | Q(partner__name__icontains=f["q"])
        )
    if f["sector"]:
        offers = offers.filter(sectors=f["sector"])
    if f["kind"]:
        offers = offers.filter(kind=f["kind"])
    if f["network"]:
        offers = offers.filter(partner__networks=f["network"])
    if f["level"]:
        offers = offers.filter(levels=f["level"])
    if f["leerjaar"]:
        offers = offers.filter(leerjaar_min__lte=f["leerjaar"], leerjaar_max__gte=f["leerjaar"])
    if f["date"]:
        available = AvailabilityWindow.objects.filter(start_date__lte=f["date"], end_date__gte=f["date"])
        offers = offers.filter(pk__in=available.values("offer_id"))
    if f["distance"] and centre:
        rows = offers.values_list(
            "pk", "partner__city", "partner__network_profile__latitude", "partner__network_profile__longitude"
        )
        near = [pk for pk, city, lat, lon in rows if _within(centre, city, lat, lon, f["distance"])]
        offers = offers.filter(pk__in=near)
    return OfferSearch(offers=offers.order_by("partner__name", "title"), school=school, centre=centre)


def _position(city, lat, lon):
    if lat is not None and lon is not None:
        return (lat, lon)
    return geo.place(city)


def _within(centre, city, lat, lon, km):
    position = _position(city, lat, lon)
    return position is not None and geo.distance_km(centre, position) <= km


def _distance(centre, offer):
    if centre is None:
        return None
    profile = getattr(offer.partner, "network_profile", None)
    position = _position(offer.partner.city, getattr(profile, "latitude", None), getattr(profile, "longitude", None))
    return round(geo.distance_km(centre, position)) if position else None


def find_bookings(user, *, status="", when="", today):
    """The bookings the user sees (``access.visible_bookings``) in ``status``
    (any when empty); ``when`` "komend" from ``today`` on, soonest first,
    "voorbij" before it; otherwise all, latest first."""
    bookings = access.visible_bookings(user).select_related("offer__partner", "school", "class_group", "requested_by")
    if status:
        bookings = bookings.filter(status=status)
    if when == "komend":
        return bookings.filter(date__gte=today).order_by("date", "pk")
    if when == "voorbij":
        return bookings.filter(date__lt=today).order_by("-date", "-pk")
    return bookings.order_by("-date", "-pk")
