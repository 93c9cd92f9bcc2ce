from allauth.account import views as allauth_views
from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from core import views as core_views

# The admin has no login form of its own: /beheer/login/ sends people to the
# site's login, so every login goes through the same guessing protection.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "TechMakers beheer"
admin.site.site_title = "TechMakers beheer"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="dashboard:home", permanent=False), name="root"),
    path("login/", allauth_views.login, name="account_login"),
    path("logout/", allauth_views.logout, name="account_logout"),
    path("account/wachtwoord/", allauth_views.password_change, name="account_change_password"),
    path("wachtwoord-vergeten/", allauth_views.password_reset, name="account_reset_password"),
    path("wachtwoord-vergeten/verstuurd/", allauth_views.password_reset_done, name="account_reset_password_done"),
    re_path(
        r"^wachtwoord-vergeten/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        allauth_views.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "wachtwoord-vergeten/klaar/",
        allauth_views.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    path("account/instellingen/", include("accounts.urls")),
    path("dashboard/", include("dashboard.urls")),
    path("", include("organisation.urls")),
    path("opdrachten/", include("assignments.urls")),
    path("projecten/", include("projects.urls")),
    path("partnernetwerk/", include("partners.urls")),
    path("portfolio/", include("portfolio.urls")),
    path("gemeenschap/", include("community.urls")),
    path("meldingen/", include("notifications.urls")),
    path("taken/", include("core.urls")),
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("beheer/", admin.site.urls),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
