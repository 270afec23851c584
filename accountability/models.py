"""What the public dashboard has published: each level's rows for each period of a financial year,
as made on one day (accountability.public_figures). The public sees one publication all day, so
figures cannot be differenced between two moments of the same day, and a page reads one row
instead of recounting the year."""

from __future__ import annotations

from django.db import models


class PublishedTable(models.Model):
    year = models.CharField(max_length=8)  # the financial year's key, e.g. "2025"
    made_on = models.DateField()
    period = models.CharField(max_length=10)  # the quarter's or the year's key
    level = models.CharField(max_length=16)
    rows = models.JSONField()  # [{"code", "name", "measures": {key: {...}}}], suppressed values "*"
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["made_on", "period", "level"], name="one_published_table_a_day")]
        indexes = [models.Index(fields=["year", "made_on"])]

    def __str__(self) -> str:
        return f"{self.level} {self.period} as published on {self.made_on}"
