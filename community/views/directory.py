"""Who's who: the opt-in directory of TechMakers colleagues."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from community import access, search
from community.forms import ProfileForm, SearchForm
from community.models import DirectoryProfile
from community.services import directory as services
from community.views.common import paginate
from core import concurrency


@login_required
@require_GET
def directory(request):
    access.require_member(request.user)
    form = SearchForm(request.GET or None)
    profiles = access.visible_profiles(request.user).select_related("user", "school__network").prefetch_related("tags")
    q = form.cleaned_data.get("q") if form.is_valid() else ""
    if q:
        profiles = search.matching(profiles, q, ["search_text"])
    own = DirectoryProfile.objects.filter(user=request.user).first()
    context = {
        "form": form,
        "q": q,
        "page_obj": paginate(request, profiles.order_by("user__sort_name", "pk")),
        "can_have_profile": access.can_have_profile(request.user),
        "own": own,
    }
    return render(request, "community/directory/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request):
    access.require(access.can_have_profile(request.user))
    schools = access.staff_schools(request.user)
    own = DirectoryProfile.objects.filter(user=request.user).first()
    form = ProfileForm(request.POST or None, schools=schools, initial=_profile_initial(own, schools))
    if request.method == "POST" and form.is_valid():

        def stored():
            current = DirectoryProfile.objects.select_for_update().filter(user=request.user).first()
            return ProfileForm(schools=schools, initial=_profile_initial(current, schools))

        try:
            with concurrency.unchanged(form, stored):
                profile = services.save_profile(request.user, **form.cleaned_data)
        except concurrency.EditConflict:
            pass
        else:
            if profile.listed:
                messages.success(request, _("Your profile is saved and visible to TechMakers colleagues."))
            else:
                messages.success(request, _("Your profile is saved. It is not visible: you have not opted in."))
            return redirect("community:directory")
    return render(request, "community/directory/form.html", {"form": form}, status=concurrency.status(form))


def _profile_initial(own, schools) -> dict:
    if own is None:
        return {"school": schools.first()}
    return {
        "listed": own.listed,
        "school": own.school,
        "subjects": own.subjects,
        "experience": own.experience,
        "tags": ", ".join(t.name for t in own.tags.all()),
    }
