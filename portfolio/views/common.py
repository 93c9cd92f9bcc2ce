from functools import wraps

from django.http import HttpResponse
from django.utils.translation import gettext as _

PAGE_SIZE = 25


def login_required_htmx(view):
    """Like login_required, but an expired session answers 401 instead of a
    redirect, so an autosave request never swaps the login page into the form
    (portfolio.js tells the student their text is kept on this device)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return HttpResponse(_("You are logged out. Log in again; your text is kept on this device."), status=401)
        return view(request, *args, **kwargs)

    return wrapper
