from core import params

PAGE_SIZE = 20


def paginate(request, queryset, size=PAGE_SIZE):
    return params.paginate(request, queryset, size)


def staff_school(user):
    """The school a teacher acts for (their first, by name); coordinators of
    several schools pick through the forms that need it."""
    from community.access import staff_schools

    return staff_schools(user).first()
