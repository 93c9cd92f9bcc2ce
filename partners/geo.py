"""Distances for the offer search. Schools have a city but no coordinates, so
a small gazetteer of Dutch places gives approximate positions; partners may
store exact coordinates in their profile (falling back to their city)."""

import math
import re

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


# The centre of each two-digit postcode area (the first two digits of a Dutch
# postcode), about its main town: a partner's position within some 10-15 km
# without asking anyone for coordinates.
POSTCODE_AREAS = {
    "10": (52.370, 4.895),
    "11": (52.305, 4.865),
    "12": (52.223, 5.176),
    "13": (52.371, 5.222),
    "14": (52.505, 4.959),
    "15": (52.439, 4.814),
    "16": (52.642, 5.060),
    "17": (52.787, 4.800),
    "18": (52.632, 4.748),
    "19": (52.483, 4.657),
    "20": (52.381, 4.637),
    "21": (52.302, 4.690),
    "22": (52.205, 4.430),
    "23": (52.160, 4.497),
    "24": (52.129, 4.656),
    "25": (52.070, 4.300),
    "26": (52.012, 4.357),
    "27": (52.061, 4.494),
    "28": (52.012, 4.711),
    "29": (51.900, 4.580),
    "30": (51.922, 4.479),
    "31": (51.912, 4.365),
    "32": (51.845, 4.330),
    "33": (51.813, 4.690),
    "34": (52.029, 5.081),
    "35": (52.091, 5.122),
    "36": (52.139, 5.041),
    "37": (52.089, 5.231),
    "38": (52.156, 5.387),
    "39": (52.027, 5.558),
    "40": (51.886, 5.430),
    "41": (51.958, 5.227),
    "42": (51.836, 4.972),
    "43": (51.650, 3.919),
    "44": (51.504, 3.891),
    "45": (51.335, 3.828),
    "46": (51.495, 4.287),
    "47": (51.531, 4.465),
    "48": (51.589, 4.776),
    "49": (51.640, 4.861),
    "50": (51.556, 5.091),
    "51": (51.683, 5.070),
    "52": (51.690, 5.304),
    "53": (51.810, 5.250),
    "54": (51.656, 5.617),
    "55": (51.420, 5.403),
    "56": (51.441, 5.478),
    "57": (51.476, 5.662),
    "58": (51.530, 5.975),
    "59": (51.370, 6.172),
    "60": (51.230, 5.800),
    "61": (51.000, 5.869),
    "62": (50.851, 5.691),
    "63": (50.870, 5.830),
    "64": (50.888, 5.980),
    "65": (51.842, 5.853),
    "66": (51.808, 5.722),
    "67": (52.040, 5.665),
    "68": (51.985, 5.899),
    "69": (51.927, 6.073),
    "70": (51.965, 6.289),
    "71": (51.966, 6.721),
    "72": (52.138, 6.201),
    "73": (52.211, 5.969),
    "74": (52.255, 6.163),
    "75": (52.221, 6.894),
    "76": (52.356, 6.663),
    "77": (52.576, 6.618),
    "78": (52.785, 6.897),
    "79": (52.723, 6.476),
    "80": (52.517, 6.083),
    "81": (52.388, 6.275),
    "82": (52.518, 5.471),
    "83": (52.711, 5.748),
    "84": (52.959, 5.919),
    "85": (52.967, 5.790),
    "86": (53.033, 5.659),
    "87": (53.064, 5.531),
    "88": (53.187, 5.541),
    "89": (53.201, 5.799),
    "90": (53.150, 5.900),
    "91": (53.326, 5.998),
    "92": (53.107, 6.099),
    "93": (53.140, 6.430),
    "94": (52.993, 6.564),
    "95": (52.994, 6.955),
    "96": (53.160, 6.760),
    "97": (53.219, 6.567),
    "98": (53.330, 6.520),
    "99": (53.320, 6.860),
}


def position_of(postcode: str = "", city: str = ""):
    """Where a partner is, from what it filled in (never typed coordinates):
    its town when the gazetteer knows it, otherwise its postcode area; None
    when neither is known."""
    known_place = place(city)
    if known_place:
        return known_place
    digits = re.sub(r"[^0-9]", "", postcode or "")  # ASCII digits only
    return POSTCODE_AREAS.get(digits[:2]) if len(digits) >= 4 else None


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
