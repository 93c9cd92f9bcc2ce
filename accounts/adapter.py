from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from django.conf import settings
from django.urls import reverse

# The browser a login comes from: a random id in a signed cookie, set on the login page.
CLIENT_COOKIE = "tm_client"
CLIENT_SALT = "accounts.client"


def login_client(request) -> str:
    """Who is trying: this browser (its cookie), else the address it comes from."""
    value = request.get_signed_cookie(CLIENT_COOKIE, default="", salt=CLIENT_SALT)
    return f"browser:{value}" if value else f"ip:{AccountAdapter().get_client_ip(request)}"


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are made by schools and the programme office, never by self sign-up.

    Guessing passwords is slowed per browser *and* account (``login_failed``,
    growing windows: 5 failures in 5 minutes, 10 in an hour, 20 in a day), so a
    classmate who types a wrong password five times locks out only their own
    browser, never the account. Because a new browser id is cheap, failures per
    network address and account are counted too (``login_failed_network``), and
    per address overall. Every login form (the site's and /beheer/) goes through
    this adapter."""

    def is_open_for_signup(self, request):
        return False

    def get_reset_password_from_key_url(self, key: str) -> str:
        """The reset link goes to the site's real address (SITE_URL), whatever
        host the request used (a forged Host header must not end up in a mail)."""
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return settings.SITE_URL.rstrip("/") + path.replace("UID-KEY", quote(key))

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        login = credentials.get("email", credentials.get("username", "")).lower()
        return f"{login_client(request)}:{login}"

    def pre_authenticate(self, request, **credentials) -> None:
        login = credentials.get("email", credentials.get("username", "")).lower()
        network_key = f"{self.get_client_ip(request)}:{login}"
        if not ratelimit.consume(request, action="login_failed_network", key=network_key, dry_run=True):
            raise self.validation_error("too_many_login_attempts")
        super().pre_authenticate(request, **credentials)

    def authentication_failed(self, request, **credentials) -> None:
        login = credentials.get("email", credentials.get("username", "")).lower()
        ratelimit.consume(request, action="login_failed_network", key=f"{self.get_client_ip(request)}:{login}")
