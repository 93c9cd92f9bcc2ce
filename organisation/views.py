from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from organisation.access import get_scope
from organisation.models import (
    ClassGroup,
    Enrolment,
    Membership,
    Network,
    PartnerOrganisation,
    School,
    SchoolYear,
)
from organisation.people import staff_of_school, students_visible_to
from organisation.querying import count_of

PAGE_SIZE = 25


def _current_year():
    return SchoolYear.objects.current()


@login_required
@require_GET
def school_list(request):
    schools = School.objects.visible_to(request.user).select_related("network", "membership")
    query = request.GET.get("q", "").strip()
    if query:
        schools = schools.filter(Q(name__icontains=query) | Q(city__icontains=query) | Q(brin__iexact=query))
    network = request.GET.get("netwerk", "")
    if network.isdigit():
        schools = schools.filter(network_id=int(network))
    schools = schools.order_by("name")
    page = Paginator(schools, PAGE_SIZE).get_page(request.GET.get("page"))
    networks = Network.objects.visible_to(request.user).order_by("name")
    return render(
        request,
        "organisation/school_list.html",
        {"page_obj": page, "schools": page.object_list, "query": query, "networks": networks, "network": network},
    )


@login_required
@require_GET
def school_detail(request, pk):
    school = get_object_or_404(
        School.objects.visible_to(request.user).select_related("network").prefetch_related("levels"), pk=pk
    )
    scope = get_scope(request.user)
    is_staff = school.pk in scope.staff_school_ids
    membership = Membership.objects.visible_to(request.user).filter(school=school).first()
    year = _current_year()
    classes = teachers = None
    if is_staff:
        classes = (
            ClassGroup.objects.visible_to(request.user)
            .filter(school=school, school_year=year)
            .select_related("level", "mentor")
            .annotate(num_students=Count("enrolments"))
        )
        teachers = staff_of_school(school.pk)
    return render(
        request,
        "organisation/school_detail.html",
        {
            "school": school,
            "membership": membership,
            "classes": classes,
            "teachers": teachers,
            "is_staff": is_staff,
            "year": year,
        },
    )


@login_required
@require_GET
def class_detail(request, pk):
    class_group = get_object_or_404(
        ClassGroup.objects.visible_to(request.user).select_related("school", "school_year", "level", "mentor"), pk=pk
    )
    enrolments = (
        Enrolment.objects.visible_to(request.user)
        .filter(class_group=class_group)
        .select_related("student")
        .order_by("student__last_name", "student__first_name")
    )
    return render(request, "organisation/class_detail.html", {"class_group": class_group, "enrolments": enrolments})


@login_required
@require_GET
def student_detail(request, pk):
    student = get_object_or_404(students_visible_to(request.user), pk=pk)
    enrolments = (
        Enrolment.objects.visible_to(request.user)
        .filter(student=student)
        .select_related("school", "school_year", "class_group", "level")
        .order_by("-school_year__start_date")
    )
    return render(request, "organisation/student_detail.html", {"student": student, "enrolments": enrolments})


@login_required
@require_GET
def network_list(request):
    networks = Network.objects.visible_to(request.user).annotate(num_schools=Count("schools", distinct=True))
    return render(request, "organisation/network_list.html", {"networks": networks})


@login_required
@require_GET
def network_detail(request, pk):
    network = get_object_or_404(Network.objects.visible_to(request.user), pk=pk)
    year = _current_year()
    schools = (
        School.objects.visible_to(request.user)
        .filter(network=network)
        .select_related("membership")
        .annotate(num_students=count_of(Enrolment.objects.filter(school_year=year)))
        .order_by("name")
    )
    partners = (
        PartnerOrganisation.objects.visible_to(request.user)
        .filter(networks=network)
        .prefetch_related(Prefetch("sectors"))
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
    partners = PartnerOrganisation.objects.visible_to(request.user).prefetch_related("sectors", "networks")
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
    partner = get_object_or_404(
        PartnerOrganisation.objects.visible_to(request.user).prefetch_related("sectors", "networks", "contacts"), pk=pk
    )
    return render(request, "organisation/partner_detail.html", {"partner": partner})
