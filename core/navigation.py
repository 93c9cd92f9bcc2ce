"""The main menu. Apps register entries (label, url name, roles); the menu
shows an entry when the user holds one of its roles. The menu is a
convenience: the view's own access check is the security."""

from dataclasses import dataclass
from functools import lru_cache

from django.urls import get_script_prefix, reverse


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    roles: frozenset
    order: int


_ITEMS: dict[str, MenuItem] = {}


def register_menu_item(label, url_name, roles, order=50):
    _ITEMS[url_name] = MenuItem(label=label, url_name=url_name, roles=frozenset(roles), order=order)


@lru_cache(maxsize=256)
def _menu_url(url_name, script_prefix):
    # Menu entries take no arguments: their URL only changes with the prefix
    # the site is served under, which is part of the key.
    return reverse(url_name)


def menu_for(request, scope):
    items = []
    current = request.path
    prefix = get_script_prefix()
    for item in sorted(_ITEMS.values(), key=lambda i: i.order):
        if scope.roles & item.roles:
            url = _menu_url(item.url_name, prefix)
            items.append({"label": item.label, "url": url, "active": current.startswith(url) and url != "/"})
    return items
