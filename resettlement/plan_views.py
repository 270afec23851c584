from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts import rules
from accounts.decorators import allowed_if
from common.service_forms import add_service_errors
from people.models import ServiceUser
from resettlement import plan_services, selectors
from resettlement.models import Need, Plan, PlanAction
from resettlement.plan_forms import (
    ActionResultForm,
    NeedStatusForm,
    NeedWithoutActionForm,
    PlanActionForm,
    RiskAssessmentForm,
    RiskConcernForm,
)


def _person(request: HttpRequest, person_id: int) -> ServiceUser:
    return get_object_or_404(ServiceUser.objects.visible_one(request.user, person_id))


def _revision(person: ServiceUser) -> int:
    plan = Plan.objects.filter(person=person).first()
    return plan.revision if plan else 0


def _plan_form(
    request: HttpRequest,
    *,
    person: ServiceUser,
    form: Form,
    save: Callable[[dict[str, Any]], object],
    done: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """The shared shape of every plan form: validate, call the service with the page's revision,
    show the service's errors on the fields (or above them), and go back to the person."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ServiceUser.DoesNotExist:
            raise Http404 from None
        except ValidationError as e:
            add_service_errors(form, e)
            if isinstance(e, plan_services.PlanChanged):
                # Show the plan as it is now; the user makes their change again on top of it.
                form.data = form.data.copy()
                form.data["revision"] = str(_revision(person))
        else:
            messages.success(request, done)
            return redirect("people:detail", person_id=person.pk)
    return render(request, template, {"form": form, "person": person, **context})


@allowed_if(rules.can_edit_plan)
def action_new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    need_id, concern_id = request.GET.get("need", ""), request.GET.get("concern", "")
    initial = {
        "revision": _revision(person),
        "need": int(need_id) if need_id.isdigit() else None,
        "concern": int(concern_id) if concern_id.isdigit() else None,
    }
    form = PlanActionForm(
        request.POST if request.method == "POST" else None, initial=initial, person=person, user=request.user
    )

    def save(data: dict[str, Any]) -> object:
        return plan_services.plan_action_add(
            acting_user=request.user,
            person_id=person.pk,
            expected_revision=data["revision"],
            description=data["description"],
            owner_id=data["owner"],
            assignee_id=data["assignee"],
            due_on=data["due_on"],
            need_id=data["need"],
            pathway=data["pathway"],
            concern_id=data.get("concern"),
            request=request,
        )

    return _plan_form(
        request,
        person=person,
        form=form,
        save=save,
        done=_("Action added to the plan"),
        template="resettlement/action_new.html",
        context={},
    )


@allowed_if(rules.can_record_action_results)
def action_result(request: HttpRequest, person_id: int, action_id: int) -> HttpResponse:
    person = _person(request, person_id)
    action = get_object_or_404(
        PlanAction.objects.select_related("owner", "assignee"), pk=action_id, plan__person=person
    )
    if not rules.can_edit_plan(request.user) and action.owner_id != request.user.organisation_id:
        raise PermissionDenied  # a partner records results only for their own organisation's actions
    form = ActionResultForm(request.POST if request.method == "POST" else None, initial={"revision": _revision(person)})

    def save(data: dict[str, Any]) -> object:
        return plan_services.plan_action_record_result(
            acting_user=request.user,
            person_id=person.pk,
            action_id=action.pk,
            expected_revision=data["revision"],
            result=data["result"],
            note=data["note"],
            request=request,
        )

    return _plan_form(
        request,
        person=person,
        form=form,
        save=save,
        done=_("Result recorded"),
        template="resettlement/action_result.html",
        context={"action": action},
    )


@allowed_if(rules.can_edit_plan)
def need_without_action(request: HttpRequest, person_id: int, need_id: int) -> HttpResponse:
    person = _person(request, person_id)
    need = get_object_or_404(Need, pk=need_id, person=person)
    form = NeedWithoutActionForm(
        request.POST if request.method == "POST" else None, initial={"revision": _revision(person)}
    )

    def save(data: dict[str, Any]) -> object:
        return plan_services.need_record_without_action(
            acting_user=request.user,
            person_id=person.pk,
            need_id=need.pk,
            expected_revision=data["revision"],
            reason=data["reason"],
            request=request,
        )

    return _plan_form(
        request,
        person=person,
        form=form,
        save=save,
        done=_("Reason recorded"),
        template="resettlement/need_without_action.html",
        context={"need": need},
    )


@allowed_if(rules.can_edit_plan)
def need_status(request: HttpRequest, person_id: int, need_id: int) -> HttpResponse:
    person = _person(request, person_id)
    need = get_object_or_404(Need, pk=need_id, person=person)
    form = NeedStatusForm(
        request.POST if request.method == "POST" else None,
        initial={"revision": _revision(person), "status": selectors.need_status(need=need)},
    )

    def save(data: dict[str, Any]) -> object:
        return plan_services.need_set_status(
            acting_user=request.user,
            person_id=person.pk,
            need_id=need.pk,
            expected_revision=data["revision"],
            status=data["status"],
            note=data["note"],
            request=request,
        )

    return _plan_form(
        request,
        person=person,
        form=form,
        save=save,
        done=_("Need updated"),
        template="resettlement/need_status.html",
        context={"need": need},
    )


@allowed_if(rules.can_edit_plan)
def risk_assessment_new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    current = selectors.risk_current(person=person)
    initial = {"revision": _revision(person)}
    if current:
        initial.update(
            rosh_level=current.rosh_level, mappa_category=current.mappa_category, mappa_level=current.mappa_level
        )
    form = RiskAssessmentForm(request.POST if request.method == "POST" else None, initial=initial)

    def save(data: dict[str, Any]) -> object:
        return plan_services.risk_assess(
            acting_user=request.user,
            person_id=person.pk,
            expected_revision=data["revision"],
            rosh_level=data["rosh_level"],
            mappa_category=data["mappa_category"],
            mappa_level=data["mappa_level"],
            request=request,
        )

    return _plan_form(
        request,
        person=person,
        form=form,
        save=save,
        done=_("Risk assessment recorded"),
        template="resettlement/risk_assessment.html",
        context={},
    )


@allowed_if(rules.can_edit_plan)
def risk_concern_new(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    form = RiskConcernForm(request.POST if request.method == "POST" else None, initial={"revision": _revision(person)})

    def save(data: dict[str, Any]) -> object:
        return plan_services.risk_concern_add(
            acting_user=request.user,
            person_id=person.pk,
            expected_revision=data["revision"],
            kind=data["kind"],
            description=data["description"],
            request=request,
        )

    return _plan_form(
        request,
        person=person,
        form=form,
        save=save,
        done=_("Concern recorded: add an action that mitigates it"),
        template="resettlement/risk_concern.html",
        context={},
    )
