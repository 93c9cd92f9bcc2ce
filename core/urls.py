from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("<int:pk>/", views.job_status, name="job_status"),
    path("<int:pk>/download/", views.job_download, name="job_download"),
]
