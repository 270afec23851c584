import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import RequestFactory

from common.service_forms import submit
from people.models import ServiceUser


class NameForm(forms.Form):
    name = forms.CharField()


def _post(data):
    return RequestFactory().post("/", data)


def test_a_services_field_errors_land_on_the_field_and_the_rest_above_the_form():
    form = NameForm(data={"name": "Ada"})

    def refuse(data):
        raise ValidationError({"name": ["Enter another name"], "elsewhere": ["Not on this form"]})

    assert not submit(_post({"name": "Ada"}), form, refuse)
    assert form.errors["name"] == ["Enter another name"]
    assert form.non_field_errors() == ["Not on this form"]


def test_a_record_out_of_sight_answers_404_and_a_get_or_invalid_form_calls_nothing():
    def out_of_sight(data):
        raise ServiceUser.DoesNotExist

    with pytest.raises(Http404):
        submit(_post({"name": "Ada"}), NameForm(data={"name": "Ada"}), out_of_sight)
    called = []
    assert not submit(RequestFactory().get("/"), NameForm(), called.append)
    assert not submit(_post({}), NameForm(data={}), called.append)
    assert called == []
    assert submit(_post({"name": "Ada"}), NameForm(data={"name": "Ada"}), called.append)
    assert called == [{"name": "Ada"}]


def test_posted_binds_a_post_and_leaves_a_get_unbound(rf):
    from common.service_forms import posted

    assert posted(rf.get("/")) is None
    assert posted(rf.post("/", {"a": "1"}))["a"] == "1"
