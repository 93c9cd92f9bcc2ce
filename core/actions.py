"""The shape of a view that asks a service to do one thing and then goes back
to a page: try it; a ValidationError (a rule of the domain, in Dutch) becomes
an error message, success a success message; then redirect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect


def attempt(request, action, *, success: str, then, failed=None):
    """Run ``action()``. Redirect to ``then`` (a URL, or a (name, *args) tuple),
    or on failure to ``failed`` when given. Returns the redirect response."""
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        target = failed or then
    else:
        messages.success(request, success)
        target = then
    return redirect(*target) if isinstance(target, tuple) else redirect(target)
