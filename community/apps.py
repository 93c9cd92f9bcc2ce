from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = "Professionele gemeenschap"

    def ready(self):
        from community import panels  # noqa: F401
