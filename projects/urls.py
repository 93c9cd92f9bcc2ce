from django.urls import path

from projects.views import allocation, assessment, board, choice, coaching, partner, projects, workspace

app_name = "projects"
urlpatterns = [
    # Projects (teachers), my projects (students)
    path("", projects.project_list, name="project_list"),
    path("nieuw/", projects.project_create, name="project_create"),
    path("<int:pk>/", projects.project_detail, name="project_detail"),
    path("<int:pk>/bewerken/", projects.project_edit, name="project_edit"),
    path("<int:pk>/keuze-openen/", projects.project_open_choice, name="project_open_choice"),
    path("<int:pk>/afronden/", projects.project_finish, name="project_finish"),
    path("<int:pk>/planning/", projects.project_schedule, name="project_schedule"),
    path("<int:pk>/planning/<int:slot_pk>/verwijderen/", projects.slot_delete, name="slot_delete"),
    # Choosing
    path("<int:pk>/kiezen/", choice.choose, name="choose"),
    path("<int:pk>/keuzes/", choice.choice_status, name="choice_status"),
    path("<int:pk>/keuzes/herinneren/", choice.choice_remind, name="choice_remind"),
    path("<int:pk>/keuzes/voorwaarden/", choice.constraint_add, name="constraint_add"),
    path(
        "<int:pk>/keuzes/voorwaarden/<int:constraint_pk>/verwijderen/",
        choice.constraint_delete,
        name="constraint_delete",
    ),
    # Allocation and teams
    path("<int:pk>/indeling/", allocation.allocation, name="allocation"),
    path("<int:pk>/indeling/maken/", allocation.allocate, name="allocate"),
    path("<int:pk>/indeling/verplaatsen/", allocation.allocation_move, name="allocation_move"),
    path("<int:pk>/indeling/publiceren/", allocation.allocation_publish, name="allocation_publish"),
    # Coaching and results
    path("<int:pk>/teams/", coaching.coach_overview, name="coach_overview"),
    path("<int:pk>/resultaten/", assessment.results, name="results"),
    path("<int:pk>/resultaten.csv", assessment.results_export, name="results_export"),
    # Team workspace
    path("teams/<int:pk>/", workspace.team_detail, name="team_detail"),
    path("teams/<int:pk>/rollen/", workspace.team_roles, name="team_roles"),
    path("teams/<int:pk>/fase/", workspace.team_phase, name="team_phase"),
    path("teams/<int:pk>/go-no-go/", workspace.team_decision, name="team_decision"),
    path("teams/<int:pk>/programma-van-eisen/", workspace.team_requirements, name="team_requirements"),
    path(
        "teams/<int:pk>/programma-van-eisen/<int:requirement_pk>/toetsen/",
        workspace.requirement_check,
        name="requirement_check",
    ),
    path(
        "teams/<int:pk>/programma-van-eisen/<int:requirement_pk>/verwijderen/",
        workspace.requirement_delete,
        name="requirement_delete",
    ),
    path("teams/<int:pk>/programma-van-eisen/indienen/", workspace.requirements_submit, name="requirements_submit"),
    path("teams/<int:pk>/programma-van-eisen/beoordelen/", workspace.requirements_review, name="requirements_review"),
    path("teams/<int:pk>/programma-van-eisen/heropenen/", workspace.requirements_reopen, name="requirements_reopen"),
    path("teams/<int:pk>/berichten/", workspace.team_messages, name="team_messages"),
    path("teams/<int:pk>/planbord/", board.team_board, name="team_board"),
    path("teams/<int:pk>/planbord/<int:task_pk>/", board.task_update, name="task_update"),
    path("teams/<int:pk>/planbord/<int:task_pk>/verwijderen/", board.task_delete, name="task_delete"),
    path("teams/<int:pk>/logboek/", board.team_log, name="team_log"),
    path("teams/<int:pk>/logboek/<int:entry_pk>/feedback/", board.log_feedback, name="log_feedback"),
    path("teams/<int:pk>/producten/", board.team_deliverables, name="team_deliverables"),
    path("teams/<int:pk>/producten/<int:deliverable_pk>/", board.deliverable_detail, name="deliverable_detail"),
    path("teams/<int:pk>/bestanden/<int:version_pk>/", board.deliverable_download, name="deliverable_download"),
    path("teams/<int:pk>/gesprekken/", coaching.team_conversations, name="team_conversations"),
    path("teams/<int:pk>/beoordelen/", assessment.team_assess, name="team_assess"),
    path("teams/<int:pk>/beoordelen/opdrachtgever-vragen/", assessment.team_ask_client, name="team_ask_client"),
    path("teams/<int:pk>/peer-evaluatie/", assessment.team_peer, name="team_peer"),
    path("teams/<int:pk>/terugkijken/", assessment.team_reflection, name="team_reflection"),
    # Partners (clients)
    path("mijn-projectteams/", partner.partner_teams, name="partner_teams"),
    path("mijn-projectteams/<int:pk>/", partner.partner_team, name="partner_team"),
]
