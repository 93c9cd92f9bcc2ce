"""Dashboard panels: how domain apps contribute to the role dashboards without
the dashboard importing them (and without apps editing one shared view).

An app registers panels in its AppConfig.ready() (usually from ``panels.py``):

    @register_panel(roles={Role.TEACHER}, order=20)
    def my_projects(request, scope):
        return {"template": "projects/panels/mine.html", "projects": ...}

The function returns a context dict with a ``template`` key, or None to hide
the panel. Every panel must issue a bounded number of queries.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    name: str
    roles: frozenset
    order: int
    build: Callable


_PANELS: dict[str, Panel] = {}


def register_panel(*, roles, order=50, name=None):
    def decorator(func):
        key = name or f"{func.__module__}.{func.__name__}"
        _PANELS[key] = Panel(name=key, roles=frozenset(roles), order=order, build=func)
        return func

    return decorator


def panels_for(role) -> list[Panel]:
    return sorted((p for p in _PANELS.values() if role in p.roles), key=lambda p: (p.order, p.name))
