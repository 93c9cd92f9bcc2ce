"""The 'what to do next' panel every role starts with."""

from core.panels import register_panel
from organisation.roles import Role


@register_panel(roles=set(Role), order=1)
def next_steps(request, scope):
    return {"template": "dashboard/panels/next_steps.html"}
