"""People are listed in Dutch name order: tussenvoegsels do not count."""

import pytest

from accounts.names import sort_name
from organisation.tests.factories import UserFactory


def test_tussenvoegsels_are_skipped_and_accents_ignored():
    names = ["van der Berg", "de Graaf", "Bakker", "Özdemir", "de Vries", "van Dijk", "Graaf"]
    ordered = sorted(names, key=sort_name)
    assert ordered == ["Bakker", "van der Berg", "van Dijk", "Graaf", "de Graaf", "Özdemir", "de Vries"]
    assert sort_name("Van") == "van,,"  # a surname that is only a word like a tussenvoegsel stays itself


@pytest.mark.django_db
def test_lists_of_people_follow_the_dutch_order(client, world):
    from organisation.services import enrol_student

    for first, last in (("Anna", "de Graaf"), ("Bas", "Hoek"), ("Cor", "van Aalst")):
        enrol_student(UserFactory(first_name=first, last_name=last), world.class_a)
    client.force_login(world.docent)
    page = client.get(f"/klassen/{world.class_a.pk}/").content.decode()
    positions = [page.index(name) for name in ("van Aalst", "de Graaf", "Hoek")]
    assert positions == sorted(positions), "van Aalst (A), de Graaf (G), Hoek (H)"
    renamed = UserFactory(first_name="Dirk", last_name="Zwart")
    renamed.last_name = "van Amstel"
    renamed.save(update_fields=["last_name"])
    renamed.refresh_from_db()
    assert renamed.sort_name == "amstel,dirk,van"
