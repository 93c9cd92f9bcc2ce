from django.urls import path

from organisation import views

app_name = "organisation"
urlpatterns = [
    path("scholen/", views.school_list, name="school_list"),
    path("scholen/<int:pk>/", views.school_detail, name="school_detail"),
    path("klassen/<int:pk>/", views.class_detail, name="class_detail"),
    path("leerlingen/<int:pk>/", views.student_detail, name="student_detail"),
    path("leerlingen/<int:pk>/wachtwoord/", views.student_password_reset, name="student_password_reset"),
    path("netwerken/", views.network_list, name="network_list"),
    path("netwerken/<int:pk>/", views.network_detail, name="network_detail"),
    path("organisaties/", views.partner_list, name="partner_list"),
    path("organisaties/<int:pk>/", views.partner_detail, name="partner_detail"),
    path("regio-aanvragen/", views.region_proposals, name="region_proposals"),
    path("regio-aanvragen/<int:pk>/besluit/", views.region_proposal_decide, name="region_proposal_decide"),
]
