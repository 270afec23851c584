"""Turns Django forms into parameters for the GOV.UK Frontend Jinja macros.

Templates call e.g. ``govukInput(govuk.input(form.prison_number))``; everything a macro needs
(id, name, value, label, hint, error message) comes from the bound field, so no template repeats it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.utils.translation import gettext as _

from common.forms import DateInputField


def _error(field: BoundField) -> dict[str, str] | None:
    return {"text": " ".join(str(e) for e in field.errors)} if field.errors else None


def _label(field: BoundField, label: dict[str, Any] | None) -> dict[str, Any]:
    return {"text": str(field.label), **(label or {})}


def _hint(field: BoundField) -> dict[str, str] | None:
    return {"text": str(field.help_text)} if field.help_text else None


def _base(field: BoundField, extra: dict[str, Any]) -> dict[str, Any]:
    params = {
        "id": f"id_{field.html_name}",
        "name": field.html_name,
        "hint": _hint(field),
        "errorMessage": _error(field),
    }
    params.update(extra)
    return params


def input(field: BoundField, *, label: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:  # noqa: A001
    value = field.value()
    widget = field.field.widget
    params = _base(field, {"label": _label(field, label), "value": "" if value is None else value})
    if isinstance(widget, forms.PasswordInput):
        params["type"] = "password"
        params["value"] = ""
    elif isinstance(widget, forms.EmailInput):
        params["type"] = "email"
    params.update(extra)
    return params


def textarea(field: BoundField, *, label: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    value = field.value()
    return _base(field, {"label": _label(field, label), "value": "" if value is None else value, **extra})


def _choice_items(field: BoundField) -> list[dict[str, Any]]:
    value = field.value()
    selected = {str(v) for v in value} if isinstance(value, (list, tuple)) else {str(value)}
    items = []
    for choice_value, choice_label in field.field.choices:  # type: ignore[attr-defined]
        choice_value = getattr(choice_value, "value", choice_value)
        items.append(
            {
                "value": "" if choice_value is None else str(choice_value),
                "text": str(choice_label),
                "selected": str(choice_value) in selected,
                "checked": str(choice_value) in selected,
            }
        )
    return items


def select(field: BoundField, *, label: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    return _base(field, {"label": _label(field, label), "items": _choice_items(field), **extra})


def radios(field: BoundField, *, legend: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    items = [item for item in _choice_items(field) if item["value"] != ""]
    return _base(
        field,
        {
            "idPrefix": f"id_{field.html_name}",
            "fieldset": {"legend": {"text": str(field.label), **(legend or {})}},
            "items": items,
            **extra,
        },
    )


def date_input(field: BoundField, *, legend: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    assert isinstance(field.field, DateInputField)
    widget = field.field.widget
    values = field.value()
    if not isinstance(values, (list, tuple)):
        values = widget.decompress(values)  # type: ignore[attr-defined]
    error_class = " govuk-input--error" if field.errors else ""
    items = []
    for part, value, width in zip(("day", "month", "year"), values, (2, 2, 4), strict=True):
        items.append(
            {
                "id": f"id_{field.html_name}_{part}",
                "name": f"{field.html_name}_{part}",
                "label": {"day": _("Day"), "month": _("Month"), "year": _("Year")}[part],
                "value": "" if value is None else value,
                "classes": f"govuk-input--width-{width}{error_class}",
            }
        )
    return _base(
        field,
        {
            "id": f"id_{field.html_name}",
            "fieldset": {"legend": {"text": str(field.label), **(legend or {})}},
            "items": items,
            **extra,
        },
    )


def _anchor(field: BoundField) -> str:
    if isinstance(field.field, DateInputField):
        return f"#id_{field.html_name}_day"
    return f"#id_{field.html_name}"


def error_summary(form: forms.BaseForm) -> dict[str, Any] | None:
    """The error summary at the top of the page, each error linking to its field (GOV.UK pattern)."""
    if not form.errors:
        return None
    errors = [{"text": str(e), "href": "#main-content"} for e in form.non_field_errors()]
    # In the order the fields appear on the page, whichever check found the error first.
    for name in (n for n in form.fields if n in form.errors):
        field = form[name]
        errors.extend({"text": str(e), "href": _anchor(field)} for e in field.errors)
    return {"titleText": _("There is a problem"), "errorList": errors}
