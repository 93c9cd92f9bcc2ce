from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import PreferencesForm


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request):
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        user.save(update_fields=["preferred_language"])
        request.session["preferred_language"] = user.preferred_language
        translation.activate(user.preferred_language)
        messages.success(request, _("Your settings have been saved."))
        return redirect("accounts:settings")
    roles = request.user.role_assignments.select_related("school", "network", "partner")
    return render(request, "accounts/settings.html", {"form": form, "roles": roles})
