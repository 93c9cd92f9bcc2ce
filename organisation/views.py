"""The organisation's pages. Every object is loaded through organisation.access
(out of the user's scope: 404); what a page shows of it follows the loader's flags."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from core.downloads import no_store
from organisation.access import (
    load_class,
    load_network,
    load_partner_organisation,
    load_school,
    load_student,
    visible_classes,
    visible_enrolments,
    visible_networks,
    visible_partner_organisations,
    visible_schools,
)
from organisation.models import ClassGroup, Enrolment, PartnerOrganisation, School, SchoolYear
from organisation.people import staff_of_school
from organisation.querying import count_of
from organisation.services import reset_student_password

PAGE_SIZE = 25


def _current_year():
    return SchoolYear.objects.current()


@login_required
@require_GET
def school_list(request):
    schools = visible_schools(request.user, School.objects.select_related("network", "membership"))
    query = request.GET.get("q", "").strip()
    if query:
        schools = schools.filter(Q(name__icontains=query) | Q(city__icontains=query) | Q(brin__iexact=query))
    network = request.GET.get("netwerk", "")
    if network.isdigit():
        schools = schools.filter(network_id=int(network))
    page = Paginator(schools.order_by("name"), PAGE_SIZE).get_page(request.GET.get("page"))
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
    query = request.GET.get("q", "").strip()
    if query:
        partners = partners.filter(Q(name__icontains=query) | Q(city__icontains=query))
    kind = request.GET.get("soort", "")
    if kind in PartnerOrganisation.Kind.values:
        partners = partners.filter(kind=kind)
    page = Paginator(partners.order_by("name"), PAGE_SIZE).get_page(request.GET.get("page"))
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
        context["temporary"] = reset_student_password(access.student)
        return no_store(render(request, "organisation/student_password_reset.html", context))
    return render(request, "organisation/student_password_reset.html", context)
