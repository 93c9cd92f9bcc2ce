from django.urls import path

from partners import views

app_name = "partners"
urlpatterns = [
    path("aanbod/", views.offer_list, name="offer_list"),
    path("aanbod/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("aanbod/<int:pk>/aanvragen/", views.booking_create, name="booking_create"),
    path("aanbod/<int:pk>/bewerken/", views.offer_edit, name="offer_edit"),
    path("mijn-aanbod/", views.partner_home, name="partner_home"),
    path("organisaties/<int:pk>/profiel/", views.profile_edit, name="profile_edit"),
    path("organisaties/<int:pk>/nieuw-aanbod/", views.offer_create, name="offer_create"),
    path("boekingen/", views.booking_list, name="booking_list"),
    path("boekingen/<int:pk>/", views.booking_detail, name="booking_detail"),
    path("boekingen/<int:pk>/accepteren/", views.booking_accept, name="booking_accept"),
    path("boekingen/<int:pk>/afwijzen/", views.booking_decline, name="booking_decline"),
    path("boekingen/<int:pk>/andere-datum/", views.booking_propose, name="booking_propose"),
    path("boekingen/<int:pk>/datum-accepteren/", views.booking_accept_proposal, name="booking_accept_proposal"),
    path("boekingen/<int:pk>/annuleren/", views.booking_cancel, name="booking_cancel"),
    path("boekingen/<int:pk>/aanwezigheid/", views.booking_attendance, name="booking_attendance"),
    path("boekingen/<int:pk>/feedback/", views.booking_feedback, name="booking_feedback"),
    path("boekingen/<int:pk>/agenda.ics", views.booking_ics, name="booking_ics"),
    path("agenda/", views.calendar, name="calendar"),
    path("agenda/school/<int:pk>/nieuwe-link/", views.school_feed_renew, name="school_feed_renew"),
    path("agenda/partner/<int:pk>/nieuwe-link/", views.partner_feed_renew, name="partner_feed_renew"),
    path("agenda/school/<str:token>.ics", views.school_feed, name="school_feed"),
    path("agenda/partner/<str:token>.ics", views.partner_feed, name="partner_feed"),
    path("dekking/", views.coverage, name="coverage"),
]
