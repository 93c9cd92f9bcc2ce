"""Builders for projects in the test world. Objects are built through the
services (so the rules are exercised) and cached on the world object, so
permission-matrix cases can create them lazily."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assignments.tests.factories import make_assignment
from organisation import services as org_services
from organisation.tests.factories import ClassGroupFactory, UserFactory
from projects import services
from projects.models import Phase, Project, Team

PDF = b"%PDF-1.4\n% test\n"


def make_project(w, *, school, teacher, classes, assignments, **fields):
    today = timezone.localdate()
    values = {
        "title": "Project De Slimme Stad",
        "period": "periode 3",
        "start_date": today - datetime.timedelta(days=20),
        "end_date": today + datetime.timedelta(days=30),
        "team_size_min": 2,
        "team_size_max": 4,
        "min_choices": 2,
        "choice_deadline": timezone.now() + datetime.timedelta(days=3),
        "deadline_orienteren": today - datetime.timedelta(days=10),
        "deadline_plannen": today + datetime.timedelta(days=2),
        "deadline_uitvoeren": today + datetime.timedelta(days=15),
        "deadline_presenteren": today + datetime.timedelta(days=25),
        "deadline_terugkijken": today + datetime.timedelta(days=30),
    }
    values.update(fields)
    return services.create_project(
        teacher,
        school=school,
        school_year=w.year,
        assignments=assignments,
        classes=classes,
        coaches=[teacher],
        **values,
    )


def _cached(w, name, model):
    """The matrix rolls back after every persona: an object cached on the
    world that no longer exists must be made again."""
    obj = getattr(w, name, None)
    return obj if obj is not None and model.objects.filter(pk=obj.pk).exists() else None


def assignments_a(w):
    """Two published assignments of school A; the first has the world's
    partner as client."""
    from assignments.models import Assignment

    if not _cached(w, "assignment_a", Assignment):
        w.assignment_a = make_assignment(
            w.docent, w.school_a, status="published", title="Een veilige bouwplaats", client=w.partner_org
        )
        w.assignment_a2 = make_assignment(
            w.docent, w.school_a, status="published", title="Een groen schoolplein", client_name="Gemeente"
        )
    return [w.assignment_a, w.assignment_a2]


def project_a(w):
    """A running project at school A: team 1 (leerling, klasgenoot) works on
    the partner's assignment, with work in every part of the workspace."""
    if _cached(w, "project_a", Project):
        return w.project_a
    pas = assignments_a(w)
    project = make_project(w, school=w.school_a, teacher=w.docent, classes=[w.class_a], assignments=pas)
    services.open_choice(w.docent, project)
    pa1, pa2 = list(project.project_assignments.order_by("order"))
    for student in (w.leerling, w.classmate):
        participant = project.participants.get(student=student)
        services.submit_choices(student, participant, [pa1, pa2], ["maken"])
    services.run_allocation(w.docent, project)
    services.publish_allocation(w.docent, project)
    project.refresh_from_db()
    w.project_a = project
    w.team_a = Team.objects.get(project=project, memberships__student=w.leerling)
    team = w.team_a
    w.task_a = services.create_task(w.leerling, team, title="Interview met de uitvoerder", owner_id=w.leerling.pk)
    w.log_a = services.add_log_entry(w.leerling, team, text="We hebben de opdrachtgever gebeld.")
    w.deliverable_a = services.add_deliverable(
        w.leerling,
        team,
        title="Plan van aanpak",
        kind="plan",
        file=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
    )
    w.version_a = w.deliverable_a.versions.get()
    w.requirement_a = services.add_requirement(w.leerling, team, text="Het bord is van 10 meter te lezen")
    w.slot_a = services.add_presentation_slot(
        w.docent, team.project_assignment, starts_at=timezone.now() + datetime.timedelta(days=20), team=team
    )
    w.constraint_a = services.add_pair_constraint(w.docent, project, w.leerling, w.classmate, "samen")
    return project


def project_b(w):
    """A running project at school B with a team containing leerling2."""
    if _cached(w, "project_b", Project):
        return w.project_b
    assignment = make_assignment(
        w.docent2, w.school_b, status="published", title="De haven van morgen", client=w.partner_org_b
    )
    other = UserFactory(username="haven-leerling", first_name="Havenleerling")
    org_services.enrol_student(other, w.class_b)
    project = make_project(
        w, school=w.school_b, teacher=w.docent2, classes=[w.class_b], assignments=[assignment], min_choices=1
    )
    services.open_choice(w.docent2, project)
    services.run_allocation(w.docent2, project)
    services.publish_allocation(w.docent2, project)
    project.refresh_from_db()
    w.project_b = project
    w.team_b = Team.objects.get(project=project, memberships__student=w.leerling2)
    w.task_b = services.create_task(w.leerling2, w.team_b, title="Schets maken")
    w.log_b = services.add_log_entry(w.leerling2, w.team_b, text="Gestart.")
    w.deliverable_b = services.add_deliverable(
        w.leerling2, w.team_b, title="Schets", kind="werk", url="https://example.nl"
    )
    w.version_b = w.deliverable_b.versions.get()
    w.requirement_b = services.add_requirement(w.leerling2, w.team_b, text="Waterdicht")
    w.slot_b = services.add_presentation_slot(
        w.docent2, w.team_b.project_assignment, starts_at=timezone.now() + datetime.timedelta(days=20)
    )
    w.constraint_b = None
    return project


def setup_project_a(w):
    """A project of school A still being set up (students do not see it)."""
    if not _cached(w, "setup_project_a", Project):
        w.setup_project_a = make_project(
            w,
            school=w.school_a,
            teacher=w.docent,
            classes=[w.class_a],
            assignments=assignments_a(w),
            title="Nog in te richten",
        )
    return w.setup_project_a


def set_phase(team, phase):
    Team.objects.filter(pk=team.pk).update(phase=phase)
    team.refresh_from_db()
    return team


def big_class(w, school, name, size, *, leerjaar=2):
    class_group = ClassGroupFactory(school=school, school_year=w.year, name=name, leerjaar=leerjaar)
    students = [
        UserFactory(username=f"{name.lower()}-{i}", first_name=f"Leerling{i}", last_name=name) for i in range(size)
    ]
    org_services.enrol_students(students, class_group)
    return class_group, students


__all__ = [
    "PDF",
    "Phase",
    "Project",
    "assignments_a",
    "big_class",
    "make_project",
    "project_a",
    "project_b",
    "set_phase",
]
