from core.navigation import menu_for
from organisation.access import get_scope
from organisation.roles import Role


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "scope": None}
    scope = get_scope(user)
    return {"nav_items": menu_for(request, scope), "scope": scope, "Role": Role}
