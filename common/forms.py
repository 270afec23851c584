"""Form fields that follow GOV.UK Design System patterns (dates as day, month and year boxes)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class DateInputWidget(forms.MultiWidget):
    """Three text boxes named <name>_day, <name>_month and <name>_year (GOV.UK date input)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        box = {"inputmode": "numeric"}
        super().__init__(
            widgets={"day": forms.TextInput(box), "month": forms.TextInput(box), "year": forms.TextInput(box)},
            attrs=attrs,
        )

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateInputField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK error messages for each way it can be wrong."""

    widget = DateInputWidget

    def __init__(self, **kwargs: Any) -> None:
        # The parts are optional one by one so that compress() can say which part is missing.
        fields = (forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False))
        kwargs.setdefault("error_messages", {})
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[str]) -> datetime.date | None:
        if not data_list or not any(data_list):
            return None
        day, month, year = (part.strip() if part else "" for part in data_list)
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(
                _("Date must include a %(parts)s") % {"parts": _(" and ").join(str(_(m)) for m in missing)},
                code="incomplete",
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise ValidationError(_("Enter a real date, with a 4-digit year"), code="invalid")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(_("Enter a real date"), code="invalid") from None
