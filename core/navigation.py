"""The main menu. Apps register entries (label, url name, roles); the menu
shows an entry when the user holds one of its roles. The menu is a
convenience: the view's own access check is the security."""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    roles: frozenset
    order: int


_ITEMS: dict[str, MenuItem] = {}


def register_menu_item(label, url_name, roles, order=50):
    _ITEMS[url_name] = MenuItem(label=label, url_name=url_name, roles=frozenset(roles), order=order)


def menu_for(request, scope):
    items = []
    current = request.path
    for item in sorted(_ITEMS.values(), key=lambda i: i.order):
        if scope.roles & item.roles:
            url = reverse(item.url_name)
            items.append({"label": item.label, "url": url, "active": current.startswith(url) and url != "/"})
    return items
