"""The organisation's pages. Every object is loaded through organisation.access
(out of the user's scope: 404); what a page shows of it follows the loader's flags."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.actions import attempt
from core.downloads import no_store
from core.params import choice_param, int_param, paginate, text_param
from organisation import services
from organisation.access import (
    decidable_region_proposals,
    load_class,
    load_network,
    load_partner_organisation,
    load_region_proposal,
    load_school,
    load_student,
    require,
    reviews_region_proposals,
    visible_classes,
    visible_enrolments,
    visible_networks,
    visible_partner_organisations,
    visible_region_proposals,
    visible_schools,
)
from organisation.forms import RegionDecisionForm
from organisation.models import ClassGroup, Enrolment, PartnerOrganisation, RegionProposal, School, SchoolYear
from organisation.people import staff_of_school
from organisation.querying import count_of

PAGE_SIZE = 25


def _current_year():
    return SchoolYear.objects.current()


@login_required
@require_GET
def school_list(request):
    schools = visible_schools(request.user, School.objects.select_related("network", "membership"))
    query = text_param(request, "q")
    if query:
        schools = schools.filter(Q(name__icontains=query) | Q(city__icontains=query) | Q(brin__iexact=query))
    network = int_param(request, "netwerk")
    if network is not None:
        schools = schools.filter(network_id=network)
    page = paginate(request, schools.order_by("name"), PAGE_SIZE)
    networks = visible_networks(request.user).order_by("name")
    return render(
        request,
        "organisation/school_list.html",
        {"page_obj": page, "schools": page.object_list, "query": query, "networks": networks, "network": network},
    )


@login_required
@require_GET
def school_detail(request, pk):
    access = load_school(request.user, pk, qs=School.objects.select_related("network").prefetch_related("levels"))
    year = _current_year()
    classes = teachers = None
    if access.sees_classes:
        classes = (
            visible_classes(request.user)
            .filter(school=access.school, school_year=year)
            .select_related("level", "mentor")
            .annotate(num_students=Count("enrolments"))
        )
    if access.sees_staff:
        teachers = staff_of_school(access.school.pk)
    return render(
        request,
        "organisation/school_detail.html",
        {"access": access, "school": access.school, "classes": classes, "teachers": teachers, "year": year},
    )


@login_required
@require_GET
def class_detail(request, pk):
    class_group = load_class(
        request.user, pk, qs=ClassGroup.objects.select_related("school", "school_year", "level", "mentor")
    ).class_group
    enrolments = (
        visible_enrolments(request.user)
        .filter(class_group=class_group)
        .select_related("student")
        .order_by("student__sort_name")
    )
    return render(request, "organisation/class_detail.html", {"class_group": class_group, "enrolments": enrolments})


@login_required
@require_GET
def student_detail(request, pk):
    access = load_student(request.user, pk)
    enrolments = (
        visible_enrolments(request.user)
        .filter(student=access.student)
        .select_related("school", "school_year", "class_group", "level")
        .order_by("-school_year__start_date")
    )
    return render(
        request,
        "organisation/student_detail.html",
        {"access": access, "student": access.student, "enrolments": enrolments},
    )


@login_required
@require_GET
def network_list(request):
    networks = visible_networks(request.user).annotate(num_schools=Count("schools", distinct=True))
    return render(request, "organisation/network_list.html", {"networks": networks})


@login_required
@require_GET
def network_detail(request, pk):
    network = load_network(request.user, pk).network
    year = _current_year()
    schools = (
        visible_schools(request.user)
        .filter(network=network)
        .select_related("membership")
        .annotate(num_students=count_of(Enrolment.objects.filter(school_year=year)))
        .order_by("name")
    )
    partners = (
        visible_partner_organisations(request.user)
        .filter(networks=network)
        .prefetch_related("sectors")
        .order_by("name")
    )
    return render(
        request,
        "organisation/network_detail.html",
        {"network": network, "schools": schools, "partners": partners, "year": year},
    )


@login_required
@require_GET
def partner_list(request):
    partners = visible_partner_organisations(request.user).prefetch_related("sectors", "networks")
    query = text_param(request, "q")
    if query:
        partners = partners.filter(Q(name__icontains=query) | Q(city__icontains=query))
    kind = choice_param(request, "soort", PartnerOrganisation.Kind.values)
    if kind:
        partners = partners.filter(kind=kind)
    page = paginate(request, partners.order_by("name"), PAGE_SIZE)
    return render(
        request,
        "organisation/partner_list.html",
        {
            "page_obj": page,
            "partners": page.object_list,
            "query": query,
            "kind": kind,
            "kinds": PartnerOrganisation.Kind.choices,
        },
    )


@login_required
@require_GET
def partner_detail(request, pk):
    access = load_partner_organisation(
        request.user, pk, qs=PartnerOrganisation.objects.prefetch_related("sectors", "networks", "contacts")
    )
    return render(request, "organisation/partner_detail.html", {"partner": access.partner})


@login_required
@require_http_methods(["GET", "POST"])
def student_password_reset(request, pk):
    """A coordinator gives a student a temporary password: a confirmation first,
    then the password shown once (never cached, never stored readable)."""
    access = load_student(request.user, pk)
    if not access.can_reset_password:
        raise PermissionDenied
    context = {"student": access.student}
    if request.method == "POST":
        context["temporary"] = services.reset_student_password(access.student)
        return no_store(render(request, "organisation/student_password_reset.html", context))
    return render(request, "organisation/student_password_reset.html", context)
    pending_regions = []
    if access.can_edit:  # the partner's own contacts and the office see what waits for approval
        pending_regions = [
            p.network
            for p in visible_region_proposals(request.user)
            .filter(partner=access.partner, status=RegionProposal.Status.PENDING)
            .select_related("network")
            .order_by("network__name")
        ]
    return render(
        request, "organisation/partner_detail.html", {"partner": access.partner, "pending_regions": pending_regions}
    )


@login_required
@require_GET
def region_proposals(request):
    """Partners asking to serve a region: the network coach (their networks)
    and the office decide; the latest decisions below."""
    require(reviews_region_proposals(request.user))
    pending = (
        decidable_region_proposals(request.user)
        .select_related("partner", "network", "proposed_by")
        .prefetch_related("partner__sectors")
        .order_by("network__name", "proposed_at", "pk")
    )
    decided = (
        visible_region_proposals(request.user)
        .exclude(status=RegionProposal.Status.PENDING)
        .select_related("partner", "network", "decided_by")
        .order_by("-decided_at", "-pk")[:20]
    )
    return render(request, "organisation/region_proposals.html", {"pending": pending, "decided": decided})


@login_required
@require_POST
def region_proposal_decide(request, pk):
    loaded = load_region_proposal(request.user, pk, qs=RegionProposal.objects.select_related("partner", "network"))
    require(loaded.can_decide)
    form = RegionDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject."))
        return redirect("organisation:region_proposals")
    approve = form.cleaned_data["decision"] == "approve"
    names = {"partner": loaded.proposal.partner.name, "network": loaded.proposal.network.name}
    success = (
        _("%(partner)s now serves the region %(network)s. The partner has been told.")
        if approve
        else _("%(partner)s does not serve the region %(network)s. The partner has been told.")
    ) % names
    return attempt(
        request,
        lambda: services.decide_region_proposal(request.user, loaded.proposal, approve=approve),
        success=success,
        then=("organisation:region_proposals",),
    )
