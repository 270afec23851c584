"""Thin views for "you said, we did": staff pages for involvement leads and administrators, and
the public board (no sign-in)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.constants import Role
from accounts.decorators import allowed_if
from common.service_forms import form_page, posted, submit
from organisations.models import Contract, Organisation
from yousaid import rules, selectors, services
from yousaid.constants import ActionStatus, IssueStatus, Source
from yousaid.forms import (
    ActionForm,
    CancelForm,
    ClaimForm,
    ClaimRejectForm,
    CloseForm,
    ConfirmForm,
    DeadlineForm,
    IssueForm,
    ProgressForm,
    RespondForm,
)
from yousaid.models import Action, Issue

ISSUE_TAGS = {
    IssueStatus.OPEN: "govuk-tag--blue",
    IssueStatus.OVERDUE: "govuk-tag--red",
    IssueStatus.RESPONDED_ON_TIME: "govuk-tag--green",
    IssueStatus.RESPONDED_LATE: "govuk-tag--yellow",
    IssueStatus.CLOSED: "govuk-tag--grey",
}
ACTION_TAGS = {
    ActionStatus.IN_PROGRESS: "govuk-tag--blue",
    ActionStatus.OVERDUE: "govuk-tag--red",
    ActionStatus.DONE_CLAIMED: "govuk-tag--yellow",
    ActionStatus.CONFIRMED: "govuk-tag--green",
    ActionStatus.CANCELLED: "govuk-tag--grey",
}


def _helpers() -> dict[str, Any]:
    return {
        "issue_status": selectors.issue_status,
        "action_status": selectors.action_status,
        "issue_tags": ISSUE_TAGS,
        "action_tags": ACTION_TAGS,
        "ActionStatus": ActionStatus,
        "IssueStatus": IssueStatus,
        "today": timezone.localdate(),
    }


def _issue(request: HttpRequest, issue_id: int) -> Issue:
    try:
        return selectors.issue_for_user(request.user, issue_id)
    except Issue.DoesNotExist:
        raise Http404 from None


def _action(request: HttpRequest, issue: Issue, action_id: int) -> Action:
    try:
        return selectors.action_for_user(request.user, issue, action_id)
    except Action.DoesNotExist:
        raise Http404 from None


def _issue_url(issue: Issue) -> str:
    return reverse("yousaid:detail", args=[issue.pk])


@allowed_if(rules.can_run_issues)
def issue_list(request: HttpRequest) -> HttpResponse:
    issues = list(selectors.issues_for_user(request.user)[:500])
    return render(request, "yousaid/list.html", {"issues": issues, **_helpers()})


@allowed_if(rules.can_run_issues)
def feedback(request: HttpRequest) -> HttpResponse:
    """Free-text feedback about the lead's organisation, each answer ready to raise as an issue."""
    organisation = request.user.organisation
    if request.user.role == Role.ADMINISTRATOR:
        organisation = Organisation.objects.filter(pk=request.GET.get("organisation") or 0).first()
    answers = selectors.feedback_answers(organisation=organisation) if organisation else []
    organisations = list(Organisation.objects.filter(active=True).order_by("name")) if not organisation else []
    return render(
        request,
        "yousaid/feedback.html",
        {"answers": answers, "organisation": organisation, "organisations": organisations},
    )


def _contract_choices(request: HttpRequest) -> list[Contract]:
    """A lead chooses among the contracts their organisation has a part in; an administrator, who
    also chooses the organisation, among every current contract (the service checks the pair)."""
    today = timezone.localdate()
    contracts = Contract.objects.current(on=today)
    own = request.user.organisation
    if request.user.role != Role.ADMINISTRATOR:
        contracts = contracts.relevant_to(own) if own is not None else contracts.none()
    return list(contracts.order_by("reference"))


@allowed_if(rules.can_run_issues)
def issue_raise(request: HttpRequest) -> HttpResponse:
    source = request.POST if request.method == "POST" else request.GET
    response_id, question_id = source.get("response", ""), source.get("question", "")
    is_admin = request.user.role == Role.ADMINISTRATOR
    organisation_id = source.get("organisation") if is_admin else request.user.organisation_id
    answer = None
    if response_id:
        organisation = Organisation.objects.filter(pk=organisation_id or 0).first()
        answer = organisation and selectors.feedback_answer(
            organisation=organisation, response_id=response_id, question_id=question_id
        )
        if not answer:
            raise Http404
    initial = {"said": answer.words, "response": response_id, "question": question_id} if answer else {}
    if answer and is_admin:
        initial["organisation"] = organisation_id
    form = IssueForm(
        posted(request),
        initial=initial,
        organisations=list(Organisation.objects.filter(active=True).order_by("name")) if is_admin else None,
        from_feedback=bool(answer),
        contracts=_contract_choices(request),
    )

    raised: list[Issue] = []

    def save(data: dict[str, Any]) -> object:
        issue = services.issue_raise(
            acting_user=request.user,
            organisation_id=data.get("organisation"),
            source=Source.FEEDBACK if answer else data.get("source", ""),
            said=data["said"],
            feedback_response_id=response_id or None,
            feedback_question=question_id,
            named_identifier=data.get("named_identifier", ""),
            restricted=data["restricted"] == "yes",
            contract_id=data.get("contract"),
            submission_id=data["submission_id"],
            request=request,
        )
        raised.append(issue)
        return issue

    response = form_page(
        request,
        form=form,
        save=save,
        done=_("Issue raised"),
        back=reverse("yousaid:list"),
        template="yousaid/raise.html",
        context={"answer": answer},
    )
    if raised:
        return redirect("yousaid:detail", raised[0].pk)
    return response


@allowed_if(rules.can_run_issues)
def issue_detail(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = _issue(request, issue_id)
    return render(request, "yousaid/detail.html", {"issue": issue, **_helpers()})


def _issue_form(
    request: HttpRequest,
    issue: Issue,
    *,
    form: Any,
    save: Callable[[dict[str, Any]], object],
    done: str,
    title: str,
    button: str,
    fields: list[tuple[str, str]],
    action: Action | None = None,
) -> HttpResponse:
    return form_page(
        request,
        form=form,
        save=save,
        done=done,
        back=_issue_url(issue),
        template="yousaid/form.html",
        context={"issue": issue, "action": action, "title": title, "button": button, "fields": fields},
    )


@allowed_if(rules.can_run_issues)
def issue_respond(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = _issue(request, issue_id)
    return _issue_form(
        request,
        issue,
        form=RespondForm(posted(request)),
        save=lambda data: services.issue_respond(
            acting_user=request.user, issue_id=issue.pk, response=data["response"], request=request
        ),
        done=_("Response published"),
        title=_("Respond in public"),
        button=_("Publish the response"),
        fields=[("textarea", "response")],
    )


@allowed_if(rules.can_run_issues)
def issue_close(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = _issue(request, issue_id)
    return _issue_form(
        request,
        issue,
        form=CloseForm(posted(request)),
        save=lambda data: services.issue_close(
            acting_user=request.user, issue_id=issue.pk, note=data["note"], request=request
        ),
        done=_("Issue closed"),
        title=_("Close the issue"),
        button=_("Close the issue"),
        fields=[("textarea", "note")],
    )


@allowed_if(rules.can_run_issues)
def action_new(request: HttpRequest, issue_id: int) -> HttpResponse:
    issue = _issue(request, issue_id)
    staff, organisations = selectors.action_owner_choices(issue.organisation_id)
    form = ActionForm(posted(request), staff=staff, organisations=organisations)

    def save(data: dict[str, Any]) -> object:
        user_id, organisation_id = form.owner_ids()
        return services.action_add(
            acting_user=request.user,
            issue_id=issue.pk,
            description=data["description"],
            owner_user_id=user_id,
            owner_organisation_id=organisation_id,
            due_on=data["due_on"],
            submission_id=data["submission_id"],
            request=request,
        )

    return _issue_form(
        request,
        issue,
        form=form,
        save=save,
        done=_("Action added"),
        title=_("Add an action"),
        button=_("Add the action"),
        fields=[("textarea", "description"), ("select", "owner"), ("date", "due_on")],
    )


@allowed_if(rules.can_run_issues)
def action_progress(request: HttpRequest, issue_id: int, action_id: int) -> HttpResponse:
    issue = _issue(request, issue_id)
    action = _action(request, issue, action_id)
    return _issue_form(
        request,
        issue,
        action=action,
        form=ProgressForm(posted(request)),
        save=lambda data: services.action_progress_add(
            acting_user=request.user,
            action_id=action.pk,
            noted_on=data["noted_on"],
            note=data["note"],
            submission_id=data["submission_id"],
            request=request,
        ),
        done=_("Progress recorded"),
        title=_("Record progress"),
        button=_("Save progress"),
        fields=[("date", "noted_on"), ("textarea", "note")],
    )


@allowed_if(rules.can_run_issues)
def action_claim(request: HttpRequest, issue_id: int, action_id: int) -> HttpResponse:
    issue = _issue(request, issue_id)
    action = _action(request, issue, action_id)
    return _issue_form(
        request,
        issue,
        action=action,
        form=ClaimForm(posted(request)),
        save=lambda data: services.action_claim_done(
            acting_user=request.user, action_id=action.pk, note=data["note"], request=request
        ),
        done=_("Marked as done. It counts as done once the council or the people who raised it confirm it."),
        title=_("Mark as done"),
        button=_("We think this is done"),
        fields=[("textarea", "note")],
    )


@allowed_if(rules.can_run_issues)
def action_confirm(request: HttpRequest, issue_id: int, action_id: int) -> HttpResponse:
    issue = _issue(request, issue_id)
    action = _action(request, issue, action_id)
    return _issue_form(
        request,
        issue,
        action=action,
        form=ConfirmForm(posted(request), named=issue.named_person_id is not None),
        save=lambda data: services.action_confirm(
            acting_user=request.user,
            action_id=action.pk,
            confirmed_by=data["confirmed_by"],
            confirmed_on=data["confirmed_on"],
            note=data["note"],
            request=request,
        ),
        done=_("Confirmed as done"),
        title=_("Record that it is confirmed as done"),
        button=_("Record the confirmation"),
        fields=[("radios", "confirmed_by"), ("date", "confirmed_on"), ("textarea", "note")],
    )


@allowed_if(rules.can_run_issues)
def action_claim_reject(request: HttpRequest, issue_id: int, action_id: int) -> HttpResponse:
    """The council or the people who raised it say a claimed-done action is not done yet."""
    issue = _issue(request, issue_id)
    action = _action(request, issue, action_id)
    return _issue_form(
        request,
        issue,
        action=action,
        form=ClaimRejectForm(posted(request), named=issue.named_person_id is not None),
        save=lambda data: services.action_claim_reject(
            acting_user=request.user,
            action_id=action.pk,
            said_by=data["said_by"],
            note=data["note"],
            submission_id=data["submission_id"],
            request=request,
        ),
        done=_("Recorded as not done yet. Their words are on the action's progress, and it is back in progress."),
        title=_("Record that it is not done yet"),
        button=_("Record that it is not done"),
        fields=[("radios", "said_by"), ("textarea", "note")],
    )


@allowed_if(rules.can_run_issues)
def action_cancel(request: HttpRequest, issue_id: int, action_id: int) -> HttpResponse:
    issue = _issue(request, issue_id)
    action = _action(request, issue, action_id)
    return _issue_form(
        request,
        issue,
        action=action,
        form=CancelForm(posted(request)),
        save=lambda data: services.action_cancel(
            acting_user=request.user, action_id=action.pk, reason=data["reason"], request=request
        ),
        done=_("Action cancelled"),
        title=_("Cancel the action"),
        button=_("Cancel the action"),
        fields=[("textarea", "reason")],
    )


def _deadline_organisation(request: HttpRequest) -> Organisation | None:
    """A lead sets their own organisation's deadline (asking for another's is answered as if it
    did not exist); an administrator chooses one, and None means they have not chosen yet."""
    chosen = request.GET.get("organisation", "")
    if request.user.role == Role.ADMINISTRATOR:
        if not chosen:
            return None
        if not chosen.isdigit():
            raise Http404
        return get_object_or_404(Organisation, pk=chosen)
    own = request.user.organisation
    if own is None:
        raise PermissionDenied
    if chosen and chosen != str(own.pk):
        raise Http404
    return own


@allowed_if(rules.can_run_issues)
def deadline(request: HttpRequest) -> HttpResponse:
    """An organisation's own deadline for public responses, or the default. Issues already raised
    keep the deadline they were given (yousaid.services.deadline_set)."""
    organisation = _deadline_organisation(request)
    if organisation is None:
        organisations = list(Organisation.objects.filter(active=True).order_by("name"))
        return render(request, "yousaid/deadline.html", {"organisation": None, "organisations": organisations})
    own = selectors.own_response_deadline(organisation.pk)
    default_days = selectors.default_response_working_days()
    form = DeadlineForm(posted(request), initial={"working_days": own.working_days if own else ""})
    saved: list[int | None] = []

    def save(data: dict[str, Any]) -> object:
        saved.append(data["working_days"])
        return services.deadline_set(
            acting_user=request.user,
            organisation_id=organisation.pk,
            working_days=data["working_days"],
            request=request,
        )

    if submit(request, form, save):
        days = saved[0]
        names = {"name": organisation.name, "n": default_days if days is None else days}
        if days is None:
            done = _("The response deadline for %(name)s is now the default, %(n)s working days") % names
        else:
            done = _("The response deadline for %(name)s is now %(n)s working days") % names
        messages.success(request, done)
        return redirect(request.get_full_path())
    return render(
        request,
        "yousaid/deadline.html",
        {"form": form, "organisation": organisation, "own": own, "default_days": default_days},
    )


@allowed_if(rules.can_view_report)
def report(request: HttpRequest) -> HttpResponse:
    rows = selectors.report_rows_for_user(request.user)
    return render(request, "yousaid/report.html", {"rows": rows})


# --- public --------------------------------------------------------------------------------------


def boards(request: HttpRequest) -> HttpResponse:
    return render(request, "yousaid/boards.html", {"organisations": selectors.board_organisations()})


def board(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=organisation_id, active=True)
    issues = list(selectors.board_issues(organisation=organisation))
    return render(
        request,
        "yousaid/board.html",
        {"organisation": organisation, "issues": issues, **_helpers()},
    )
