"""Demo data: apps register seeders that ``manage.py seed_demo`` runs in order.

A seeder is ``func(ctx)`` where ``ctx`` is a ``SeedContext``. Seeders must be
deterministic (use ``ctx.rng`` or a Random derived from ``ctx.seed``, and
``ctx.today`` rather than the clock where it changes the data) and idempotent
(running seed_demo twice changes nothing). They build data through the domain
functions, so the demo also exercises the rules.
"""

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class SeedContext:
    seed: int
    scale: int
    today: datetime.date
    stdout: object = None
    data: dict = field(default_factory=dict)  # shared between seeders (e.g. demo users)

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
