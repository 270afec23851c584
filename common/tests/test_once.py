import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from common.models import UsedSubmission
from common.once import AlreadySubmitted, OnceOnlyForm, submission_spend

pytestmark = pytest.mark.django_db


def test_a_submission_id_is_spent_once_and_refused_the_second_time():
    sid = uuid.uuid4()
    submission_spend(submission_id=sid)
    with pytest.raises(AlreadySubmitted, match="already been sent"):
        submission_spend(submission_id=str(sid))
    assert UsedSubmission.objects.count() == 1


def test_a_refused_write_does_not_spend_its_id_so_the_corrected_form_can_be_sent():
    sid = uuid.uuid4()

    def refused_write():
        with transaction.atomic():
            submission_spend(submission_id=sid)
            raise ValidationError("the service refused the write")

    with pytest.raises(ValidationError):
        refused_write()
    submission_spend(submission_id=sid)  # not refused: the first attempt was rolled back
    assert UsedSubmission.objects.filter(submission_id=sid).count() == 1


def test_no_id_spends_nothing_and_a_malformed_id_is_refused():
    submission_spend(submission_id=None)
    with pytest.raises(ValidationError, match="could not be read"):
        submission_spend(submission_id="not-a-uuid")
    assert not UsedSubmission.objects.exists()


def test_each_drawing_of_a_form_gets_a_new_id_and_a_bound_form_keeps_the_one_sent():
    first, second = OnceOnlyForm(), OnceOnlyForm()
    assert first.initial["submission_id"] != second.initial["submission_id"]
    sid = str(uuid.uuid4())
    bound = OnceOnlyForm(data={"submission_id": sid})
    assert bound.is_valid() and str(bound.cleaned_data["submission_id"]) == sid
    assert not OnceOnlyForm(data={}).is_valid()
