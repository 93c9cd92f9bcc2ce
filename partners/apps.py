from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partnernetwerk"

    def ready(self):
        from partners import panels  # noqa: F401  (registers dashboard panels and menu entries)
