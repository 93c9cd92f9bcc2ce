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


# --- Guessing protection on every login path (issue: hardening) ----------------


def _browser():
    """A fresh browser that opens the login page first (and so gets its own id)."""
    from django.test import Client

    browser = Client()
    assert browser.get(reverse("account_login")).status_code == 200
    return browser


def test_every_login_url_goes_through_the_same_limiter(world):
    """/beheer/ has no login form of its own: it sends people to the site's login."""
    from django.urls import get_resolver

    login_paths = sorted(
        {f"/{p}" for p, *_ in (get_resolver().reverse_dict.getlist(n)[0][0] for n in ("account_login",))}
        | {"/beheer/login/"}
    )
    for path in login_paths:
        browser = _browser()
        for _ in range(30):
            browser.post(path, {"login": "bureau", "username": "bureau", "password": "fout"})
            assert "_auth_user_id" not in browser.session, path
        # After 30 wrong passwords, the right one is refused too (from this browser).
        browser.post(path, {"login": "bureau", "username": "bureau", "password": "techmakers"})
        assert "_auth_user_id" not in browser.session, path
    admin = _browser().get("/beheer/login/")
    assert admin.status_code == 302 and admin.url.startswith(reverse("account_login"))


def test_a_classmate_cannot_lock_someone_out(world):
    """Five wrong passwords for 'leerling' from one browser slow that browser
    down; the student on their own browser (same school network) logs in."""
    classmate = _browser()
    for _ in range(6):
        _login(classmate, "leerling", "fout")
    assert "Te veel inlogpogingen" in _login(classmate, "leerling", "techmakers").content.decode()
    own = _browser()
    response = _login(own, "leerling", "techmakers")
    assert response.status_code == 302 and "_auth_user_id" in own.session


def test_many_fresh_browsers_are_counted_per_network_and_account(world):
    for _ in range(30):
        _login(_browser(), "docent", "fout")
    fresh = _browser()
    response = _login(fresh, "docent", "techmakers")
    assert "_auth_user_id" not in fresh.session
    assert "Te veel inlogpogingen" in response.content.decode()


def test_the_wait_grows_with_the_failures(world, time_machine):
    import datetime

    time_machine.move_to(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC))
    browser = _browser()
    for _ in range(5):
        _login(browser, "docent", "fout")
    assert "_auth_user_id" not in _login(browser, "docent", "techmakers").wsgi_request.session
    time_machine.move_to(datetime.datetime(2026, 12, 1, 9, 6, tzinfo=datetime.UTC))  # 5 minutes later: a new try
    for _ in range(5):
        _login(browser, "docent", "fout")
    time_machine.move_to(datetime.datetime(2026, 12, 1, 9, 12, tzinfo=datetime.UTC))
    refused = _login(browser, "docent", "techmakers")
    assert "Te veel inlogpogingen" in refused.content.decode()  # 10 in an hour: the wait is now an hour
    time_machine.move_to(datetime.datetime(2026, 12, 1, 10, 1, tzinfo=datetime.UTC))
    assert _login(browser, "docent", "techmakers").status_code == 302
