from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = "LOB-portfolio"

    def ready(self):
        from portfolio import panels, receivers  # noqa: F401
