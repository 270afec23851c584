import datetime

from django import forms
from hypothesis import given
from hypothesis import strategies as st

from common import govuk_forms
from common.forms import DateInputField


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As on their ID", error_messages={"required": "Enter a name"})
    colour = forms.ChoiceField(label="Colour", choices=[("", "Choose"), ("red", "Red"), ("blue", "Blue")])
    when = DateInputField(label="When", error_messages={"required": "Enter a date"})


def _date_data(day, month, year):
    return {"when_day": day, "when_month": month, "when_year": year}


@given(st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(9999, 12, 31)))
def test_any_real_date_typed_as_three_boxes_round_trips(date):
    field = DateInputField()
    assert field.clean([str(date.day), str(date.month), str(date.year)]) == date


def test_date_errors_say_what_is_wrong():
    for parts, message in (
        (["", "", ""], "Enter a date"),
        (["1", "", ""], "Date must include a month and year"),
        (["", "2", "2026"], "Date must include a day"),
        (["31", "2", "2026"], "Enter a real date"),
        (["1", "2", "26"], "Enter a real date, with a 4-digit year"),
        (["x", "2", "2026"], "Enter a real date, with a 4-digit year"),
    ):
        form = ExampleForm(data={"name": "A", "colour": "red", **_date_data(*parts)})
        assert not form.is_valid()
        assert form.errors["when"] == [message], parts


def test_input_params_carry_label_hint_value_and_error():
    form = ExampleForm(data={"name": "", "colour": "red", **_date_data("1", "2", "2026")})
    form.is_valid()
    params = govuk_forms.input(form["name"], classes="x")
    assert params["id"] == "id_name" and params["name"] == "name" and params["classes"] == "x"
    assert params["label"] == {"text": "Name"} and params["hint"] == {"text": "As on their ID"}
    assert params["errorMessage"] == {"text": "Enter a name"}


def test_select_and_radios_mark_the_chosen_item():
    form = ExampleForm(data={"colour": "blue"})
    items = govuk_forms.select(form["colour"])["items"]
    assert [i["value"] for i in items if i["selected"]] == ["blue"]
    radios = govuk_forms.radios(form["colour"])
    assert [i["value"] for i in radios["items"]] == ["red", "blue"]  # the empty choice is not a radio


def test_date_params_keep_what_was_typed_and_mark_every_box_on_error():
    form = ExampleForm(data={"name": "A", "colour": "red", **_date_data("31", "2", "2026")})
    form.is_valid()
    params = govuk_forms.date_input(form["when"])
    assert [i["value"] for i in params["items"]] == ["31", "2", "2026"]
    assert all("govuk-input--error" in i["classes"] for i in params["items"])
    assert [i["name"] for i in params["items"]] == ["when_day", "when_month", "when_year"]


def test_error_summary_links_each_error_to_its_field():
    form = ExampleForm(data={})
    form.is_valid()
    summary = govuk_forms.error_summary(form)
    assert summary["titleText"] == "There is a problem"
    assert {e["href"] for e in summary["errorList"]} == {"#id_name", "#id_colour", "#id_when_day"}
    assert (
        govuk_forms.error_summary(ExampleForm(data={"name": "A", "colour": "red", **_date_data("1", "1", "2020")}))
        is None
    )


def test_error_summary_lists_errors_in_page_order_whichever_check_found_them():
    class LaterCheck(forms.Form):
        first = forms.CharField(required=False)
        second = forms.CharField(error_messages={"required": "Enter the second"})

        def clean(self):
            self.add_error("first", "Enter the first")  # added after the field checks

    form = LaterCheck(data={})
    form.is_valid()
    assert [e["text"] for e in govuk_forms.error_summary(form)["errorList"]] == ["Enter the first", "Enter the second"]
