from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.panels import panels_for
from organisation.access import get_scope
from organisation.roles import Role

ROLE_ORDER = [Role.STUDENT, Role.TEACHER, Role.COORDINATOR, Role.NETWORK_COACH, Role.OFFICE, Role.PARTNER, Role.JUROR]


@login_required
@require_GET
def home(request):
    """One dashboard per role the user holds, composed of the panels that the
    domain apps register (core.panels)."""
    scope = get_scope(request.user)
    sections = []
    shown = set()  # a panel registered for several roles the user holds appears once
    for role in ROLE_ORDER:
        if not scope.has(role):
            continue
        rendered = []
        for panel in panels_for(role):
            if panel.name in shown:
                continue
            shown.add(panel.name)
            context = panel.build(request, scope)
            if context:
                context.setdefault("role", role.value)
                rendered.append(context)
        sections.append({"role": role, "panels": rendered})
    return render(request, "dashboard/home.html", {"sections": sections})
