from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from organisation.access import get_scope
from portfolio.models import Experience, coached_students

PAGE_SIZE = 25


def is_student(user) -> bool:
    return bool(get_scope(user).student_school_ids)


def require_student(user):
    """Pages of one's own portfolio: only students have one."""
    if not is_student(user):
        raise Http404


def visible_experience(request, pk, *, related=()):
    return get_object_or_404(Experience.objects.visible_to(request.user).select_related(*related), pk=pk)


def own_experience(request, pk, *, related=()):
    """The student's own experience: invisible -> 404, a coach's view -> 403."""
    experience = visible_experience(request, pk, related=related)
    if experience.student_id != request.user.pk:
        raise PermissionDenied
    return experience


def coached_student(request, pk):
    return get_object_or_404(coached_students(request.user), pk=pk)


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
