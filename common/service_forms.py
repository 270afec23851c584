"""The one shape of a form page that calls a service: validate the form, call the service, show the
service's refusals on the fields they name (or above the form), and go on when it succeeded.
A record the user may not see (any DoesNotExist from the service) answers 404, as everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

Save = Callable[[dict[str, Any]], object]


def posted(request: HttpRequest) -> Any:
    """The form data to bind: the POST on a POST, None (an unbound form) on a GET."""
    return request.POST if request.method == "POST" else None


def add_service_errors(form: Form, error: ValidationError) -> None:
    """A service's errors on their fields where the form has them, otherwise above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            for message in errors:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def submit(request: HttpRequest, form: Form, save: Save) -> bool:
    """True when the form was posted, valid, and the service accepted it."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        save(form.cleaned_data)
    except ObjectDoesNotExist:
        raise Http404 from None
    except ValidationError as e:
        add_service_errors(form, e)
        return False
    return True


def form_page(
    request: HttpRequest,
    *,
    form: Form,
    save: Save,
    done: str,
    back: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Render the form, or on success say `done` and go to `back`."""
    if submit(request, form, save):
        messages.success(request, done)
        return redirect(back)
    return render(request, template, {"form": form, **context})
