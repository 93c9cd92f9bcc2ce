from django.conf import settings


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
