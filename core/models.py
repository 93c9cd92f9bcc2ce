"""core holds no domain data; only the record of when the demo data was built."""

from django.db import models


class DemoSeed(models.Model):
    """The demo data in this database was built for ``today`` (one row). ``make
    run`` rebuilds a demo that has grown old, so it stays relative to its date."""

    today = models.DateField()
    seed = models.IntegerField()
    scale = models.PositiveIntegerField()
    built_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"demo of {self.today.isoformat()}"
