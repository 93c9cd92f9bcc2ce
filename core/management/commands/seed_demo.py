import datetime
import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from core.models import DemoSeed
from core.seeding import SeedContext, seeders


class Command(BaseCommand):
    help = "Create the deterministic demo data set (idempotent). Use --scale for larger sets."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--scale", type=int, default=1, help="multiply the number of schools (and so students)")
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)
        parser.add_argument(
            "--refresh-after",
            type=int,
            default=None,
            metavar="DAYS",
            help="empty the database and build the demo anew when it was built for a day more than DAYS ago",
        )

    def handle(self, *args, seed, scale, today, refresh_after, **options):
        today = today or timezone.localdate()
        if refresh_after is not None and self._stale(today, refresh_after):
            call_command("flush", interactive=False, verbosity=0)
        # Every app may ship a seed module that registers its seeders.
        for config in apps.get_app_configs():
            try:
                importlib.import_module(f"{config.name}.seed")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.seed":
                    raise
        ctx = SeedContext(seed=seed, scale=max(1, scale), today=today, stdout=self.stdout)
        for seeder in seeders():
            with transaction.atomic():
                seeder.func(ctx)
            self.stdout.write(f"  {seeder.name}: ok")
        DemoSeed.objects.get_or_create(pk=1, defaults={"today": today, "seed": seed, "scale": max(1, scale)})
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

    def _stale(self, today, days) -> bool:
        """The database holds a demo built for a day more than ``days`` ago."""
        if not get_user_model().objects.exists():
            return False
        built = DemoSeed.objects.filter(pk=1).values_list("today", flat=True).first()
        if built is not None and (today - built).days <= days:
            return False
        when = built.strftime("%d-%m-%Y") if built else "een onbekende dag"
        self.stdout.write(
            f"De demogegevens zijn van {when}; ze worden opnieuw opgebouwd voor vandaag "
            "(bewaren zoals ze zijn: make run KEEP_DEMO=1)."
        )
        return True
