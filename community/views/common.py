from django.contrib import messages

from community.forms import ActionUpdateForm
from core import concurrency, params

PAGE_SIZE = 20


def paginate(request, queryset, size=PAGE_SIZE):
    return params.paginate(request, queryset, size)


def staff_school(user):
    """The school a teacher acts for (their first, by name); coordinators of
    several schools pick through the forms that need it."""
    from community.access import staff_schools

    return staff_schools(user).first()


def with_versions(rows, attr=None) -> list:
    """Rows whose action (the row itself, or ``row.<attr>``) carries the
    version its inline update form posts (core/concurrency.py)."""
    rows = list(rows)
    for row in rows:
        action = getattr(row, attr) if attr else row
        if action is not None:
            action.version = ActionUpdateForm.of(action).seen_version
    return rows


def update_action_unless_changed(request, action, form, update) -> bool:
    """Save an action's status and follow-up unless someone changed them since
    the page was loaded; then a message with both versions (the inline form
    is not shown again)."""
    try:
        with concurrency.unchanged(form, lambda: ActionUpdateForm.of(concurrency.locked(type(action), action.pk))):
            update(request.user, action, **form.cleaned_data)
    except concurrency.EditConflict:
        messages.error(request, concurrency.conflict_message(form))
        return False
    return True
