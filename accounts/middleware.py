import secrets

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.adapter import CLIENT_COOKIE, CLIENT_SALT


class UserLanguageMiddleware:
    """Apply the logged-in user's preferred language (stored in the session at
    login and when changed) before LocaleMiddleware picks the language, so the
    choice follows the person to every device they log in on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lang = request.session.get("preferred_language")
        if lang in dict(settings.LANGUAGES):
            request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = lang
        return self.get_response(request)


class LoginClientMiddleware:
    """Give a browser that opens the login page its own random id (a signed,
    first-party cookie used for nothing but counting failed logins), so one
    person's wrong passwords slow down that browser, not everyone's account."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "GET"
            and request.path == resolve_url(settings.LOGIN_URL)
            and CLIENT_COOKIE not in request.COOKIES
        ):
            response.set_signed_cookie(
                CLIENT_COOKIE,
                secrets.token_urlsafe(16),
                salt=CLIENT_SALT,
                max_age=60 * 60 * 24 * 365,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response


class PasswordChangeRequiredMiddleware:
    """Someone whose password was reset by a coordinator first chooses their own:
    every page leads to the password form until they have (logging out stays possible)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse("account_change_password"), reverse("account_logout")}
            if request.path not in allowed and not request.path.startswith(settings.STATIC_URL):
                messages.info(request, _("You have a temporary password. Choose your own password first."))
                return redirect("account_change_password")
        return self.get_response(request)
