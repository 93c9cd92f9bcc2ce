from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    path("e-mail/", views.mail_failures, name="mail_failures"),
    path("e-mail/<int:pk>/opnieuw/", views.mail_retry, name="mail_retry"),
]
