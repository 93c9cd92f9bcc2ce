import datetime
import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from core.seeding import SeedContext, seeders


class Command(BaseCommand):
    help = "Create the deterministic demo data set (idempotent). Use --scale for larger sets."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--scale", type=int, default=1, help="multiply the number of schools (and so students)")
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, seed, scale, today, **options):
        # Every app may ship a seed module that registers its seeders.
        for config in apps.get_app_configs():
            try:
                importlib.import_module(f"{config.name}.seed")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.seed":
                    raise
        ctx = SeedContext(seed=seed, scale=max(1, scale), today=today or timezone.localdate(), stdout=self.stdout)
        for seeder in seeders():
            with transaction.atomic():
                seeder.func(ctx)
            self.stdout.write(f"  {seeder.name}: ok")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
