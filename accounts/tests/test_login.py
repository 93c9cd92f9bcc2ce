import pytest
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _login(client, username, password):
    return client.post(reverse("account_login"), {"login": username, "password": password})


def test_login_lands_on_dashboard(client, world):
    response = _login(client, "docent", "techmakers")
    assert response.status_code == 302 and response.url == reverse("dashboard:home")


def test_wrong_login_message_is_generic_and_dutch(client, world):
    wrong_password = _login(client, "docent", "fout").content.decode()
    unknown_user = _login(client, "bestaat-niet", "fout").content.decode()
    assert "Je gebruikersnaam en/of wachtwoord zijn incorrect." in wrong_password
    assert "Je gebruikersnaam en/of wachtwoord zijn incorrect." in unknown_user
    assert 'value="docent"' in wrong_password  # what the user typed is kept


def test_login_is_rate_limited_after_repeated_failures(client, world):
    for _ in range(5):
        assert _login(client, "docent", "fout").status_code == 200
    # Even the right password is refused while the limit holds.
    blocked = _login(client, "docent", "techmakers")
    assert blocked.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Te veel inlogpogingen" in blocked.content.decode()


def test_signup_is_closed(client, world):
    response = client.get("/account/aanmelden/")
    assert response.status_code == 404


def test_language_preference_switches_interface_to_english(client, world):
    client.force_login(world.docent)
    response = client.post(reverse("accounts:settings"), {"preferred_language": "en"}, follow=True)
    assert "Your settings have been saved." in response.content.decode()
    world.docent.refresh_from_db()
    assert world.docent.preferred_language == "en"
    page = client.get(reverse("dashboard:home")).content.decode()
    assert '<html lang="en">' in page and "My classes" in page


def test_logout_requires_post(client, world):
    client.force_login(world.docent)
    client.get(reverse("account_logout"))
    assert "_auth_user_id" in client.session
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session
