"""The offer catalogue (teachers search), offer pages, and the partner's own
side: "Mijn aanbod", the profile and the offer forms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Avg, Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from organisation.access import get_scope, load_partner_organisation
from organisation.models import PartnerOrganisation, School
from partners import geo, services
from partners.forms import ContactFormSet, OfferForm, OfferSearchForm, OrganisationForm, ProfileForm, WindowFormSet
from partners.models import AvailabilityWindow, Booking, BookingStatus, Feedback, Offer, OfferKind

PAGE_SIZE = 25


def _home_school(scope):
    """The school a teacher searches from (their first school)."""
    if not scope.staff_school_ids:
        return None
    return School.objects.filter(pk__in=scope.staff_school_ids).select_related("network").order_by("name").first()


def catalogue(user):
    """Published offers with what a teacher wants to know at a glance."""
    done = Q(bookings__status=BookingStatus.COMPLETED)
    return (
        Offer.objects.visible_to(user)
        .select_related("partner", "partner__network_profile", "challenge")
        .prefetch_related("sectors", "levels")
        .annotate(
            num_schools=Count("bookings__school", filter=done, distinct=True),
            avg_rating=Avg("bookings__feedback__rating", filter=done),
        )
    )


@login_required
@require_GET
def offer_list(request):
    scope = get_scope(request.user)
    if not (scope.national or scope.staff_school_ids or scope.network_ids or scope.partner_ids):
        raise PermissionDenied
    school = _home_school(scope)
    data = request.GET.copy()
    if not any(k in data for k in ("q", "sector", "kind", "network", "level", "leerjaar", "date", "distance")):
        # First visit: the teacher's or coach's own region.
        if school:
            data["network"] = str(school.network_id)
        elif len(scope.network_ids) == 1:
            data["network"] = str(next(iter(scope.network_ids)))
    form = OfferSearchForm(data)
    offers = catalogue(request.user)
    centre = geo.place(school.city) if school else None
    if form.is_valid():
        f = form.cleaned_data
        if f["q"]:
            offers = offers.filter(
                Q(title__icontains=f["q"]) | Q(description__icontains=f["q"]) | Q(partner__name__icontains=f["q"])
            )
        if f["sector"]:
            offers = offers.filter(sectors=f["sector"])
        if f["kind"]:
            offers = offers.filter(kind=f["kind"])
        if f["network"]:
            offers = offers.filter(partner__networks=f["network"])
        if f["level"]:
            offers = offers.filter(levels=f["level"])
        if f["leerjaar"]:
            offers = offers.filter(leerjaar_min__lte=f["leerjaar"], leerjaar_max__gte=f["leerjaar"])
        if f["date"]:
            offers = offers.filter(
                pk__in=AvailabilityWindow.objects.filter(start_date__lte=f["date"], end_date__gte=f["date"]).values(
                    "offer_id"
                )
            )
        if f["distance"] and centre:
            rows = offers.values_list(
                "pk", "partner__city", "partner__network_profile__latitude", "partner__network_profile__longitude"
            )
            near = [pk for pk, city, lat, lon in rows if _within(centre, city, lat, lon, f["distance"])]
            offers = offers.filter(pk__in=near)
    offers = offers.order_by("partner__name", "title")
    page = Paginator(offers, PAGE_SIZE).get_page(request.GET.get("page"))
    for offer in page.object_list:
        offer.distance = _distance(centre, offer)
    context = {
        "form": form,
        "page_obj": page,
        "offers": page.object_list,
        "school": school,
        "can_book": bool(scope.staff_school_ids),
        "has_centre": centre is not None,
    }
    if request.htmx:
        return render(request, "partners/offer_list.html#results", context)
    return render(request, "partners/offer_list.html", context)


def _position(city, lat, lon):
    if lat is not None and lon is not None:
        return (lat, lon)
    return geo.place(city)


def _within(centre, city, lat, lon, km):
    position = _position(city, lat, lon)
    return position is not None and geo.distance_km(centre, position) <= km


def _distance(centre, offer):
    if centre is None:
        return None
    profile = getattr(offer.partner, "network_profile", None)
    position = _position(offer.partner.city, getattr(profile, "latitude", None), getattr(profile, "longitude", None))
    return round(geo.distance_km(centre, position)) if position else None


@login_required
@require_GET
def offer_detail(request, pk):
    offer = get_object_or_404(catalogue(request.user).prefetch_related("windows"), pk=pk)
    scope = get_scope(request.user)
    today = timezone.localdate()
    feedback = list(
        Feedback.objects.filter(booking__offer=offer)
        .select_related("booking__school", "author")
        .order_by("-created_at")[:6]
    )
    windows = [w for w in offer.windows.all() if w.end_date > today]
    return render(
        request,
        "partners/offer_detail.html",
        {
            "offer": offer,
            "profile": getattr(offer.partner, "network_profile", None),
            "windows": windows,
            "feedback": feedback,
            "can_book": bool(scope.staff_school_ids) and offer.is_published,
            "can_edit": Offer.objects.editable_by(request.user).filter(pk=offer.pk).exists(),
            "is_partner": offer.partner_id in scope.partner_ids,
        },
    )


@login_required
@require_GET
def partner_home(request):
    """'Mijn aanbod': the partner's profile, offers and open requests."""
    scope = get_scope(request.user)
    if not scope.partner_ids:
        raise PermissionDenied
    today = timezone.localdate()
    organisations = (
        PartnerOrganisation.objects.filter(pk__in=scope.partner_ids)
        .select_related("network_profile")
        .prefetch_related(
            "sectors",
            "networks",
            Prefetch(
                "offers",
                queryset=Offer.objects.annotate(
                    num_open=Count(
                        "bookings", filter=Q(bookings__status__in=[BookingStatus.REQUESTED, BookingStatus.PROPOSED])
                    ),
                    num_done=Count("bookings", filter=Q(bookings__status=BookingStatus.COMPLETED)),
                ).order_by("title"),
            ),
        )
        .order_by("name")
    )
    bookings = Booking.objects.filter(offer__partner_id__in=scope.partner_ids).select_related(
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


def _editable_partner(request, pk):
    access = load_partner_organisation(request.user, pk)
    if not access.can_edit:
        raise PermissionDenied
    return access.partner


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request, pk):
    organisation = _editable_partner(request, pk)
    profile = services.profile_for(organisation)
    data = request.POST if request.method == "POST" else None
    org_form = OrganisationForm(data, instance=organisation, prefix="org")
    profile_form = ProfileForm(data, instance=profile, prefix="profile")
    contacts = ContactFormSet(data, instance=organisation, prefix="contacts")
    if request.method == "POST" and org_form.is_valid() and profile_form.is_valid() and contacts.is_valid():
        services.update_partner_profile(request.user, organisation, org_form, profile_form, contacts)
        messages.success(request, _("Your profile has been saved."))
        return redirect("partners:partner_home" if get_scope(request.user).partner_ids else "partners:offer_list")
    return render(
        request,
        "partners/profile_form.html",
        {"organisation": organisation, "org_form": org_form, "profile_form": profile_form, "contacts": contacts},
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer_create(request, pk):
    organisation = _editable_partner(request, pk)
    return _offer_form(request, organisation, Offer(partner=organisation))


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit(request, pk):
    offer = get_object_or_404(Offer.objects.visible_to(request.user).select_related("partner"), pk=pk)
    if not Offer.objects.editable_by(request.user).filter(pk=pk).exists():
        raise PermissionDenied
    return _offer_form(request, offer.partner, offer)


def _offer_form(request, organisation, offer):
    data = request.POST if request.method == "POST" else None
    initial = {}
    if offer.pk is None:
        initial = {"sectors": list(organisation.sectors.filter(kind="domein")), "kind": OfferKind.COMPANY_VISIT}
    form = OfferForm(data, instance=offer, initial=initial, partner=organisation)
    windows = WindowFormSet(data, instance=offer, prefix="windows")
    if request.method == "POST" and form.is_valid() and windows.is_valid():
        saved = services.save_offer(request.user, organisation, form, windows)
        messages.success(request, _("The offer has been saved."))
        return redirect("partners:offer_detail", saved.pk)
    return render(
        request,
        "partners/offer_form.html",
        {"organisation": organisation, "offer": offer, "form": form, "windows": windows},
    )
