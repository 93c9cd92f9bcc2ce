"""Dutch name order: a surname is filed under its first capital word, not its
tussenvoegsel ("de Graaf" under G, "van der Berg" under B), as in every Dutch
school roster and telephone book."""

import unicodedata

TUSSENVOEGSELS = frozenset(
    (
        "van de der den het 't te ter ten op in aan bij onder uit over voor "
        "la le les du d' da dos del della di el l' vd v.d."
    ).split()
)


def _plain(text: str) -> str:
    """Lower case without accents: 'Özdemir' sorts with 'Ozdemir', 'é' with 'e'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def sort_name(last_name: str, first_name: str = "") -> str:
    """The key a list of people is sorted on: surname without its leading
    tussenvoegsels, then the first name, then the tussenvoegsels ("Graaf, Anna de")."""
    words = (last_name or "").split()
    prefix = []
    while len(words) > 1 and _plain(words[0]) in TUSSENVOEGSELS:
        prefix.append(words.pop(0))
    return _plain(",".join([" ".join(words), (first_name or "").strip(), " ".join(prefix)]))[:150]
