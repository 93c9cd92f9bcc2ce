from django.urls import path

from assignments import views

app_name = "assignments"
urlpatterns = [
    path("", views.library, name="library"),
    path("mijn/", views.mine, name="mine"),
    path("nieuw/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/bewerken/", views.edit, name="edit"),
    path("<int:pk>/publiceren/", views.publish, name="publish"),
    path("<int:pk>/archiveren/", views.archive, name="archive"),
    path("<int:pk>/overnemen/", views.adopt, name="adopt"),
    path("<int:pk>/beoordelen/", views.rate, name="rate"),
    path("<int:pk>/versies/", views.versions, name="versions"),
    path("<int:pk>/versies/<int:number>/", views.version_detail, name="version_detail"),
    path("<int:pk>/materiaal/", views.material_add, name="material_add"),
    path("<int:pk>/materiaal/<int:material_pk>/", views.material_download, name="material_download"),
    path("<int:pk>/materiaal/<int:material_pk>/verwijderen/", views.material_remove, name="material_remove"),
    path("uitdagingen/", views.challenge_list, name="challenge_list"),
    path("uitdagingen/nieuw/", views.challenge_create, name="challenge_create"),
    path("uitdagingen/<int:pk>/", views.challenge_detail, name="challenge_detail"),
    path("uitdagingen/<int:pk>/bewerken/", views.challenge_edit, name="challenge_edit"),
    path("uitdagingen/<int:pk>/reageren/", views.challenge_respond, name="challenge_respond"),
    path("uitdagingen/<int:pk>/status/", views.challenge_status, name="challenge_status"),
]
