"""A partner is placed for the distance search by its town or postcode; nobody
types coordinates."""

import pytest
from django.urls import reverse

from core.testing.forms import form_data
from partners import geo
from partners.forms import ProfileForm
from partners.models import PartnerProfile

pytestmark = pytest.mark.django_db


def test_position_from_town_else_postcode_area():
    assert geo.position_of("3811 AB", "Amersfoort") == geo.PLACES["amersfoort"]
    # A village the gazetteer does not know: its postcode area (38: Amersfoort and around).
    hoevelaken = geo.position_of("3871 KA", "Hoevelaken")
    assert geo.distance_km(hoevelaken, geo.PLACES["amersfoort"]) < 15
    assert geo.distance_km(geo.position_of("9712 CP", ""), geo.PLACES["groningen"]) < 15
    assert geo.position_of("", "Nergenshuizen") is None and geo.position_of("٣٨١١", "") is None
    assert set(geo.POSTCODE_AREAS) == {str(n) for n in range(10, 100)}
    assert all(50.7 < lat < 53.6 and 3.3 < lon < 7.3 for lat, lon in geo.POSTCODE_AREAS.values())


def test_the_profile_form_asks_no_coordinates(world, client):
    assert not {"latitude", "longitude"} & set(ProfileForm().fields)
    client.force_login(world.partner)
    page = client.get(reverse("partners:profile_edit", args=[world.partner_org.pk])).content.decode()
    assert "latitude" not in page and "Breedtegraad" not in page


def test_saving_the_profile_places_the_partner(world, client):
    from organisation.models import PartnerContact

    own = PartnerContact.objects.get(user=world.partner)
    data = {
        "org-name": world.partner_org.name, "org-kind": "bedrijf", "org-city": "Hoevelaken",
        "org-sectors": [s.pk for s in world.partner_org.sectors.all()], "org-networks": [world.network_a.pk],
        "profile-for_students": "Wij bouwen.", "profile-postcode": "3871ka",
        "contacts-TOTAL_FORMS": 1, "contacts-INITIAL_FORMS": 1, "contacts-MIN_NUM_FORMS": 0,
        "contacts-MAX_NUM_FORMS": 1000, "contacts-0-id": own.pk, "contacts-0-name": own.name,
    }  # fmt: skip
    client.force_login(world.partner)
    url = reverse("partners:profile_edit", args=[world.partner_org.pk])
    rendered = form_data(client.get(url), having="org-name")  # the versions the page was filled with
    response = client.post(url, {**rendered, **data})
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = PartnerProfile.objects.get(organisation=world.partner_org)
    assert (float(profile.latitude), float(profile.longitude)) == geo.POSTCODE_AREAS["38"]
    page = client.get(reverse("partners:profile_edit", args=[world.partner_org.pk])).content.decode()
    assert "postcodegebied 38" in page
