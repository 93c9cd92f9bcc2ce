"""The sector taxonomy, shipped as data (loaded by a migration and kept in sync
by ``sync_taxonomy``). Slugs are stable identifiers; names are Dutch proper
names of profiles and domains as schools use them."""

LEVELS = [
    # code, name, order
    ("vmbo-gl", "vmbo-GL", 1),
    ("vmbo-tl", "vmbo-TL", 2),
    ("havo", "havo", 3),
]

DOMAINS = [
    # slug, name
    ("techniek", "Techniek"),
    ("zorg-en-welzijn", "Zorg en welzijn"),
    ("economie", "Economie"),
    ("groen", "Groen"),
    ("creatief-ontwerp", "Creatief en ontwerp"),
    ("sport", "Sport en bewegen"),
    ("horeca-voeding", "Horeca en voeding"),
    ("dienstverlening", "Dienstverlening en veiligheid"),
    ("ict-media", "ICT en media"),
    ("bouw", "Bouw en infra"),
    ("logistiek", "Logistiek en transport"),
    ("onderwijs", "Onderwijs"),
]

# The ten vmbo profiles (beroepsgerichte profielen) with the domains they open.
VMBO_PROFILES = [
    ("bwi", "Bouwen, wonen en interieur", ["bouw", "techniek", "creatief-ontwerp"]),
    ("pie", "Produceren, installeren en energie", ["techniek", "bouw"]),
    ("mobiliteit-transport", "Mobiliteit en transport", ["logistiek", "techniek"]),
    ("maritiem-techniek", "Maritiem en techniek", ["techniek", "logistiek"]),
    ("zorg-welzijn", "Zorg en welzijn", ["zorg-en-welzijn", "sport", "onderwijs"]),
    ("economie-ondernemen", "Economie en ondernemen", ["economie", "dienstverlening"]),
    ("hbr", "Horeca, bakkerij en recreatie", ["horeca-voeding", "sport"]),
    ("mvi", "Media, vormgeving en ICT", ["ict-media", "creatief-ontwerp"]),
    ("dp", "Dienstverlening en producten", ["dienstverlening", "economie", "techniek", "sport"]),
    ("groen", "Groen", ["groen", "horeca-voeding"]),
]

# The four havo profiles with the domains they lead to.
HAVO_PROFILES = [
    ("cm", "Cultuur en Maatschappij", ["creatief-ontwerp", "onderwijs", "dienstverlening"]),
    ("em", "Economie en Maatschappij", ["economie", "dienstverlening", "logistiek"]),
    ("ng", "Natuur en Gezondheid", ["zorg-en-welzijn", "groen", "sport"]),
    ("nt", "Natuur en Techniek", ["techniek", "ict-media", "bouw"]),
]

NETWORKS = [
    # slug, name, region
    ("noord", "Noord", "Groningen, Friesland en Drenthe"),
    ("oost", "Oost", "Overijssel en Gelderland"),
    ("utrecht", "Utrecht", "Provincie Utrecht en Gooi"),
    ("noord-holland", "Noord-Holland", "Amsterdam, Zaanstreek en West-Friesland"),
    ("zuid-holland", "Zuid-Holland", "Rotterdam, Den Haag en Leiden"),
    ("brabant", "Brabant", "Noord-Brabant"),
    ("limburg-zeeland", "Zuid", "Limburg en Zeeland"),
]


def sync_taxonomy(apps=None):
    """Create or update levels and sectors. Usable from a migration (``apps``
    given) or from code (``apps`` None)."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Level = apps.get_model("organisation", "Level")
    Sector = apps.get_model("organisation", "Sector")
    for code, name, order in LEVELS:
        Level.objects.update_or_create(code=code, defaults={"name": name, "order": order})
    order = 0
    by_slug = {}
    for slug, name in DOMAINS:
        order += 1
        by_slug[slug], _ = Sector.objects.update_or_create(
            slug=slug, defaults={"name": name, "kind": "domein", "order": order}
        )
    for kind, rows in (("vmbo_profiel", VMBO_PROFILES), ("havo_profiel", HAVO_PROFILES)):
        for slug, name, domains in rows:
            order += 1
            sector, _ = Sector.objects.update_or_create(
                slug=f"{kind.split('_')[0]}-{slug}", defaults={"name": name, "kind": kind, "order": order}
            )
            sector.domains.set([by_slug[d] for d in domains])
