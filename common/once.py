"""Once-only forms: a form that creates something carries a submission id made when its page was
drawn; the service that acts on it spends the id in the same transaction as its write. The same
form sent twice (a double click, the back button and resend, a retried request) is refused the
second time with a clear message, and changes nothing."""

from __future__ import annotations

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.models import UsedSubmission


class AlreadySubmitted(ValidationError):
    """This form was sent before and acted on then; nothing was changed this time."""


def submission_spend(*, submission_id: uuid.UUID | str | None) -> None:
    """Call inside the service's transaction, before its write. None means the caller has no form
    (a script, an import): nothing to spend."""
    if submission_id is None:
        return
    try:
        with transaction.atomic():
            UsedSubmission.objects.create(submission_id=uuid.UUID(str(submission_id)))
    except IntegrityError:
        raise AlreadySubmitted(
            _("This form has already been sent, so nothing was changed the second time. Check the page to see it."),
            code="already_submitted",
        ) from None
    except ValueError:
        raise ValidationError(
            _("This form could not be read. Open the page again."), code="bad_submission_id"
        ) from None


class OnceOnlyForm(forms.Form):
    """A form whose page carries a fresh submission id (see submission_spend)."""

    submission_id = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={"required": gettext_lazy("This form could not be read. Open the page again.")},
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not self.is_bound:
            self.initial.setdefault("submission_id", uuid.uuid4())
