"""Distances for the offer search. Schools have a city but no coordinates, so
a small gazetteer of Dutch places gives approximate positions; partners may
store exact coordinates in their profile (falling back to their city)."""

import math

# Approximate centre of each place (latitude, longitude).
PLACES = {
    "alkmaar": (52.632, 4.748),
    "amersfoort": (52.156, 5.387),
    "amsterdam": (52.370, 4.895),
    "apeldoorn": (52.211, 5.969),
    "arnhem": (51.985, 5.899),
    "assen": (52.993, 6.564),
    "breda": (51.589, 4.776),
    "delft": (52.012, 4.357),
    "den haag": (52.070, 4.300),
    "deventer": (52.255, 6.163),
    "dordrecht": (51.813, 4.690),
    "drachten": (53.107, 6.099),
    "eindhoven": (51.441, 5.470),
    "emmen": (52.785, 6.897),
    "enschede": (52.222, 6.894),
    "gouda": (52.012, 4.711),
    "groningen": (53.219, 6.567),
    "haarlem": (52.387, 4.646),
    "heerlen": (50.888, 5.980),
    "helmond": (51.480, 5.656),
    "hengelo": (52.266, 6.793),
    "hilversum": (52.223, 5.176),
    "hoogezand": (53.161, 6.760),
    "hoorn": (52.643, 5.060),
    "leeuwarden": (53.201, 5.800),
    "leiden": (52.160, 4.497),
    "maastricht": (50.851, 5.691),
    "middelburg": (51.499, 3.611),
    "nieuwegein": (52.029, 5.081),
    "nijmegen": (51.842, 5.853),
    "oss": (51.765, 5.518),
    "purmerend": (52.505, 4.960),
    "roermond": (51.194, 5.987),
    "rotterdam": (51.922, 4.479),
    "'s-hertogenbosch": (51.697, 5.304),
    "tilburg": (51.560, 5.091),
    "utrecht": (52.091, 5.122),
    "veenendaal": (52.028, 5.559),
    "venlo": (51.370, 6.172),
    "zaandam": (52.438, 4.826),
    "zeist": (52.089, 5.233),
    "zwolle": (52.517, 6.083),
}


def place(city: str):
    """(lat, lon) of a Dutch city, or None when unknown."""
    return PLACES.get((city or "").strip().lower())


def distance_km(a, b) -> float:
    """Great-circle distance between two (lat, lon) pairs in kilometres."""
    lat1, lon1 = (math.radians(float(x)) for x in a)
    lat2, lon2 = (math.radians(float(x)) for x in b)
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def bounding_box(centre, km: float):
    """(min_lat, max_lat, min_lon, max_lon) of a square around ``centre``: a
    cheap database pre-filter; the exact distance is checked afterwards."""
    lat, lon = (float(x) for x in centre)
    dlat = km / 111.0
    dlon = km / (111.0 * max(math.cos(math.radians(lat)), 0.01))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon
