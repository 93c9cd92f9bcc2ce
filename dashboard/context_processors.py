from core.navigation import menu_for
from organisation.access import get_scope


def navigation(request):
    """The main menu of the roles the user holds. Templates get the menu, never
    the scope: what a page may show comes from its app's access module."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": menu_for(request, get_scope(user))}
