"""The organisation's pages. Every object is loaded through organisation.access
(out of the user's scope: 404); what a page shows of it follows the loader's flags."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.params import choice_param, int_param, paginate, text_param
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
        .order_by("student__last_name", "student__first_name")
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
