from django.urls import path

from portfolio.views import coach, dossier, reflection, student

app_name = "portfolio"
urlpatterns = [
    # The student's own portfolio
    path("", student.home, name="home"),
    path("ervaringen/nieuw/", student.experience_add, name="experience_add"),
    path("ervaringen/<int:pk>/", student.experience_detail, name="experience_detail"),
    path("ervaringen/<int:pk>/bewerken/", student.experience_edit, name="experience_edit"),
    path("ervaringen/<int:pk>/verwijderen/", student.experience_delete, name="experience_delete"),
    path("ervaringen/<int:pk>/reflectie/", reflection.reflect, name="reflect"),
    path("ervaringen/<int:pk>/reflectie/concept/", reflection.reflect_draft, name="reflect_draft"),
    path("ervaringen/<int:pk>/kwaliteiten-geven/", student.endorse, name="endorse"),
    path("richtingsgevoel/", reflection.richtingsgevoel, name="richtingsgevoel"),
    path("kwaliteiten/", student.qualities, name="qualities"),
    path("gesprekken/", student.conversation_list, name="conversations"),
    path("mijn-gegevens.json", student.export, name="export"),
    # Transfer dossier
    path("overstapdossier/", dossier.transfer, name="transfer"),
    path("leerlingen/<int:pk>/overstapdossier/maken/", dossier.dossier_generate, name="dossier_generate"),
    path("overstapdossiers/<int:pk>/status/", dossier.dossier_status, name="dossier_status"),
    path("overstapdossiers/<int:pk>/download/", dossier.dossier_download, name="dossier_download"),
    # The LOB coach
    path("coach/", coach.coach_home, name="coach_home"),
    path("coach/klassen/<int:pk>/", coach.coach_class, name="coach_class"),
    path("coach/leerlingen/<int:pk>/", coach.coach_student, name="coach_student"),
    path("coach/leerlingen/<int:pk>/gesprek/", coach.conversation_add, name="conversation_add"),
    path("coach/leerlingen/<int:pk>/notities/", coach.note_add, name="note_add"),
    path("coach/leerlingen/<int:pk>/kwaliteiten/", coach.coach_endorse, name="coach_endorse"),
    path("coach/leerlingen/<int:pk>/advies/", coach.mentor_advice, name="mentor_advice"),
]
