from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projecten"

    def ready(self):
        from projects import calendar, panels  # noqa: F401
