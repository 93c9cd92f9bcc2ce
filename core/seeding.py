"""Demo data: apps register seeders that ``manage.py seed_demo`` runs in order.

A seeder is ``func(ctx)`` where ``ctx`` is a ``SeedContext``. Seeders must be
deterministic (use ``ctx.rng`` or a Random derived from ``ctx.seed``) and
idempotent (running seed_demo twice changes nothing). They build data through
the domain functions, so the demo also exercises the rules.

Time is an input: a seeder never reads the clock. Everything is dated relative
to ``ctx.today`` (``ctx.day(n)``, ``ctx.at(day, hour)``), and every service that
decides on time gets the moment of the action (``now=``/``today=``), so the demo
built for any date is the same, whatever the wall clock says.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone


@dataclass
class SeedContext:
    seed: int
    scale: int
    today: datetime.date
    stdout: object = None
    data: dict = field(default_factory=dict)  # shared between seeders (e.g. demo users)

    def day(self, offset: int) -> datetime.date:
        """The day ``offset`` days from the demo's today (negative: in the past)."""
        return self.today + datetime.timedelta(days=offset)

    def at(self, day: datetime.date | int, hour: int = 10, minute: int = 0) -> datetime.datetime:
        """A moment in the project's time zone: ``day`` is a date or an offset from today."""
        if isinstance(day, int):
            day = self.day(day)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))

    @property
    def now(self) -> datetime.datetime:
        """The moment of "now" in the demo: today at 08:00, before school starts
        (the same on every run, so the demo is deterministic)."""
        return self.at(self.today, 8)

    def rng(self, name: str) -> random.Random:
        """A random generator per seeder, so adding one seeder does not change
        the data of another."""
        return random.Random(f"{self.seed}:{name}")

    def log(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)


@dataclass(frozen=True)
class Seeder:
    name: str
    order: int
    func: Callable


_SEEDERS: dict[str, Seeder] = {}


def register_seeder(name: str, order: int):
    def decorator(func):
        _SEEDERS[name] = Seeder(name=name, order=order, func=func)
        return func

    return decorator


def seeders() -> list[Seeder]:
    return sorted(_SEEDERS.values(), key=lambda s: (s.order, s.name))
