"""The offer catalogue (teachers search), offer pages, and the partner's own
side: "Mijn aanbod", the profile and the offer forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core import concurrency
from core.params import paginate
from organisation.access import visible_region_proposals
from organisation.models import PartnerOrganisation, RegionProposal
from partners import access, search, services
from partners.forms import ContactFormSet, OfferForm, OfferSearchForm, OrganisationForm, ProfileForm, WindowFormSet
from partners.models import OPEN_STATES, BookingStatus, Offer, OfferKind, PartnerProfile

PAGE_SIZE = 25


@login_required
@require_GET
def offer_list(request):
    access.require(access.can_browse_offers(request.user))
    school = access.home_school(request.user)
    form = OfferSearchForm(search.with_home_region(request.user, request.GET, school))
    found = search.find_offers(request.user, form.cleaned_data if form.is_valid() else {}, school=school)
    page = paginate(request, found.offers, PAGE_SIZE)
    found.add_distances(page.object_list)
    context = {
        "form": form,
        "page_obj": page,
        "offers": page.object_list,
        "school": school,
        "can_book": access.can_request_bookings(request.user),
        "has_centre": found.centre is not None,
    }
    if request.htmx:
        return render(request, "partners/offer_list.html#results", context)
    return render(request, "partners/offer_list.html", context)


@login_required
@require_GET
def offer_detail(request, pk):
    offer_access = access.load_offer(request.user, pk, qs=search.catalogue(Offer.objects.prefetch_related("windows")))
    offer = offer_access.offer
    return render(
        request,
        "partners/offer_detail.html",
        {
            "offer": offer,
            "access": offer_access,
            "profile": getattr(offer.partner, "network_profile", None),
            "windows": offer.windows_after(timezone.localdate()),
        },
    )


@login_required
@require_GET
def partner_home(request):
    """'Mijn aanbod': the partner's profile, offers and open requests."""
    access.require(access.is_partner_contact(request.user))
    today = timezone.localdate()
    organisations = (
        access.own_partners(request.user)
        .select_related("network_profile")
        .prefetch_related(
            "sectors",
            "networks",
            Prefetch(
                "offers",
                queryset=Offer.objects.annotate(
                    num_open=Count("bookings", filter=Q(bookings__status__in=OPEN_STATES)),
                    num_done=Count("bookings", filter=Q(bookings__status=BookingStatus.COMPLETED)),
                ).order_by("title"),
            ),
        )
        .order_by("name")
    )
    bookings = access.partner_side_bookings(request.user).select_related(
        "offer", "school", "class_group", "requested_by"
    )
    waiting = bookings.filter(status=BookingStatus.REQUESTED).order_by("date")[:25]
    upcoming = bookings.filter(status__in=[BookingStatus.CONFIRMED, BookingStatus.PROPOSED], date__gte=today).order_by(
        "date"
    )[:25]
    return render(
        request,
        "partners/partner_home.html",
        {"organisations": organisations, "waiting": waiting, "upcoming": upcoming},
    )


def _editable_partner(user, pk):
    partner = access.load_partner_profile(user, pk)
    access.require(partner.can_edit)
    return partner.organisation


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request, pk):
    organisation = _editable_partner(request.user, pk)
    profile = services.profile_for(organisation)
    data = request.POST if request.method == "POST" else None
    # The organisation's version covers its contacts too; the profile has its own.
    org_form = OrganisationForm(
        data, instance=organisation, prefix="org", version=lambda: concurrency.stamp(org_form, contacts)
    )
    profile_form = ProfileForm(data, instance=profile, prefix="profile")
    contacts = ContactFormSet(data, instance=organisation, prefix="contacts")
    if request.method == "POST" and org_form.is_valid() and profile_form.is_valid() and contacts.is_valid():

        def stored_organisation():
            stored = concurrency.locked(PartnerOrganisation, organisation.pk)
            form = OrganisationForm(instance=stored, prefix="org")
            version = concurrency.stamp(form, ContactFormSet(instance=stored, prefix="contacts"))
            return concurrency.Stored(form, version=version)

        def stored_profile():
            stored = services.profile_for(organisation)
            return ProfileForm(
                instance=concurrency.locked(PartnerProfile, stored.pk) if stored.pk else stored, prefix="profile"
            )

        try:
            with concurrency.all_unchanged([(org_form, stored_organisation), (profile_form, stored_profile)]):
                services.update_partner_profile(
                    request.user,
                    organisation,
                    details=org_form.cleaned_data,
                    profile=profile_form.cleaned_data,
                    contacts=contacts.values(),
                )
        except concurrency.EditConflict:
            organisation.refresh_from_db()
        else:
            messages.success(request, _("Your profile has been saved."))
            waiting = ", ".join(p.network.name for p in _pending_regions(request.user, organisation))
            if waiting:
                messages.info(
                    request, _("Waiting for the network coach's approval: %(regions)s.") % {"regions": waiting}
                )
            return redirect(
                "partners:partner_home" if access.is_partner_contact(request.user) else "partners:offer_list"
            )
    return render(
        request,
        "partners/profile_form.html",
        {
            "organisation": organisation,
            "org_form": org_form,
            "profile_form": profile_form,
            "contacts": contacts,
            "pending_regions": _pending_regions(request.user, organisation),
        },
        status=concurrency.status(org_form, profile_form),
    )


def _pending_regions(user, organisation):
    return list(
        visible_region_proposals(user)
        .filter(partner=organisation, status=RegionProposal.Status.PENDING)
        .select_related("network")
        .order_by("network__name")
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request, pk):
    organisation = _editable_partner(request.user, pk)
    return _offer_form(request, organisation, Offer(partner=organisation))


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request, pk):
    offer = access.load_offer(request.user, pk)
    access.require(offer.can_edit)
    return _offer_form(request, offer.offer.partner, offer.offer)


def _as_new_periods(data):
    """The posted availability as periods without row ids: a save replaces
    all windows, so ids from an older page (someone saved in between) would
    make the form invalid instead of showing the conflict."""
    data = data.copy()
    data["windows-INITIAL_FORMS"] = "0"
    for key in [k for k in data if k.startswith("windows-") and k.endswith("-id")]:
        data[key] = ""
    return data


def _offer_form(request, organisation, offer):
    data = _as_new_periods(request.POST) if request.method == "POST" else None
    initial = {}
    if offer.pk is None:
        initial = {"sectors": list(organisation.sectors.filter(kind="domein")), "kind": OfferKind.COMPANY_VISIT}
    # The offer's version covers its availability windows.
    form = OfferForm(
        data, instance=offer, initial=initial, partner=organisation, version=lambda: concurrency.stamp(form, windows)
    )
    windows = WindowFormSet(data, instance=offer, prefix="windows")
    if request.method == "POST" and form.is_valid() and windows.is_valid():

        def stored():
            current = concurrency.locked(Offer, offer.pk)
            stored_form = OfferForm(instance=current, partner=organisation)
            version = concurrency.stamp(stored_form, WindowFormSet(instance=current, prefix="windows"))
            return concurrency.Stored(stored_form, version=version)

        def save():
            return services.save_offer(
                request.user, organisation, offer if offer.pk else None, windows=windows.periods(), **form.cleaned_data
            )

        try:
            if offer.pk:
                with concurrency.unchanged(form, stored):
                    saved = save()
            else:
                saved = save()
        except concurrency.EditConflict:
            offer.refresh_from_db()
        else:
            messages.success(request, _("The offer has been saved."))
            return redirect("partners:offer_detail", saved.pk)
    return render(
        request,
        "partners/offer_form.html",
        {"organisation": organisation, "offer": offer, "form": form, "windows": windows},
        status=concurrency.status(form),
    )
