from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts import rules
from accounts.decorators import allowed_if
from people.models import ServiceUser
from resettlement import questionnaire, selectors, services
from resettlement.constants import ActionState, AnswerStatus, NeedStatus
from resettlement.forms import SectionForm
from resettlement.models import Screening


def person_panel(request: HttpRequest, person: ServiceUser) -> str:
    """The resettlement part of a person's page: screenings, needs, risk and the plan; for a partner,
    only the plan actions their own organisation owns."""
    if not rules.can_view_whole_record(request.user):
        return _partner_panel(request, person)
    screenings = list(selectors.screening_list_for_person(person=person))
    plan = selectors.plan_for_person(person=person)
    today = timezone.localdate()
    actions = [(a, a.state(today=today)) for a in selectors.plan_actions(plan=plan)] if plan else []
    return render_to_string(
        "resettlement/_person_panel.html",
        {
            "person": person,
            "screenings": screenings,
            "draft": next((s for s in screenings if not s.is_submitted), None),
            "needs": selectors.need_list_for_person(person=person),
            "need_labels": dict(NeedStatus.choices),
            "actions": actions,
            "action_labels": dict(ActionState.choices),
            "uncovered": selectors.uncovered_needs(person=person),
            "can_edit_plan": rules.can_edit_plan(request.user),
            **_risk_context(request, person),
            "can_screen": rules.can_screen_on_reception(request.user)
            and person.custody_episodes.filter(released_on__isnull=True, establishment_id=request.user.organisation_id)
            .exclude(screenings__submitted_at__isnull=False)
            .exists(),
        },
        request=request,
    )


def _partner_panel(request: HttpRequest, person: ServiceUser) -> str:
    plan = selectors.plan_for_person(person=person)
    today = timezone.localdate()
    actions = (
        [
            (a, a.state(today=today))
            for a in selectors.plan_actions(plan=plan).filter(owner_id=request.user.organisation_id)
        ]
        if plan
        else []
    )
    return render_to_string(
        "resettlement/_partner_panel.html",
        {"person": person, "actions": actions, "action_labels": dict(ActionState.choices)},
        request=request,
    )


def _risk_context(request: HttpRequest, person: ServiceUser) -> dict[str, object]:
    """Risk is shown only to the roles that manage it (accounts.rules.can_view_risk)."""
    if not rules.can_view_risk(request.user):
        return {"can_view_risk": False}
    return {
        "can_view_risk": True,
        "risk": selectors.risk_current(person=person),
        "concerns": selectors.risk_concerns(person=person),
        "unmitigated": selectors.unmitigated_concerns(person=person),
    }


def _answer_row(question: questionnaire.Question, answer: questionnaire.Answer | None) -> dict[str, object]:
    """How one answer reads on the check-answers page."""
    if answer is None:
        text = _("Not answered") if question.required else _("No answer (optional)")
    elif not answer.is_answered():
        text = f"{AnswerStatus(answer.status).label}: {answer.reason}"
    elif isinstance(answer.value, list):
        text = ", ".join(question.label_for(v) for v in answer.value)
    else:
        text = question.label_for(answer.value)
    missing = answer is None and question.required
    html = format_html('<strong class="govuk-tag govuk-tag--red">{}</strong>', text) if missing else escape(text)
    return {"question": question, "html": html, "missing": missing}


def _screening(request: HttpRequest, person_id: int, screening_id: int) -> Screening:
    """A screening of a person the user may see; 404 for anyone else's."""
    person = get_object_or_404(ServiceUser.objects.visible_one(request.user, person_id))
    return get_object_or_404(Screening.objects.select_related("person"), pk=screening_id, person=person)


@require_POST
@allowed_if(rules.can_screen_on_reception)
def screening_start(request: HttpRequest, person_id: int) -> HttpResponse:
    try:
        screening = services.screening_start(acting_user=request.user, person_id=person_id, request=request)
    except ServiceUser.DoesNotExist:
        raise Http404 from None
    except ValidationError as e:
        messages.error(request, e.messages[0])
        return redirect("people:detail", person_id=person_id)
    first = selectors.screening_questionnaire(screening=screening).sections[0]
    return redirect(
        "resettlement:screening-section", person_id=person_id, screening_id=screening.pk, section_id=first.id
    )


@allowed_if(rules.can_screen_on_reception)
def screening_section(request: HttpRequest, person_id: int, screening_id: int, section_id: str) -> HttpResponse:
    screening = _screening(request, person_id, screening_id)
    if screening.is_submitted:
        return redirect("resettlement:screening", person_id=person_id, screening_id=screening_id)
    config = selectors.screening_questionnaire(screening=screening)
    try:
        section = config.section(section_id)
    except KeyError:
        raise Http404 from None
    answers = selectors.screening_answers(screening=screening)
    questions = questionnaire.visible_questions(section, answers)
    if request.method == "POST":
        # The questions on the page when it was shown, even if an answer now hides or shows others.
        shown = [q for q in section.questions if q.id in request.POST.getlist("shown")]
        form = SectionForm(request.POST, questions=shown)
        try:
            ask_next = services.screening_save_section(
                acting_user=request.user,
                screening_id=screening.pk,
                section_id=section.id,
                raw_answers=form.raw_answers(request.POST),
                request=request,
            )
        except ValidationError as e:
            form.is_valid()
            for field, errors in e.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
            questions = shown
        else:
            if ask_next:
                # An answer made a follow-up question apply: ask it on the same page.
                return redirect(request.get_full_path())
            following = config.next_section(section.id)
            if following is None or request.POST.get("then") == "check":
                return redirect("resettlement:screening", person_id=person_id, screening_id=screening.pk)
            return redirect(
                "resettlement:screening-section",
                person_id=person_id,
                screening_id=screening.pk,
                section_id=following.id,
            )
    else:
        form = SectionForm(initial=SectionForm.initial_from(answers), questions=questions)
    position = [s.id for s in config.sections].index(section.id) + 1
    return render(
        request,
        "resettlement/screening_section.html",
        {
            "form": form,
            "person": screening.person,
            "screening": screening,
            "section": section,
            "questions": questions,
            "position": position,
            "total": len(config.sections),
        },
    )


@allowed_if(rules.can_view_whole_record)
def screening_detail(request: HttpRequest, person_id: int, screening_id: int) -> HttpResponse:
    """Check answers before submitting; after submission, the screening as it was submitted."""
    screening = _screening(request, person_id, screening_id)
    config = selectors.screening_questionnaire(screening=screening)
    answers = selectors.screening_answers(screening=screening)
    errors: list[str] = []
    if request.method == "POST":
        if not rules.can_screen_on_reception(request.user):
            raise Http404
        try:
            needs = services.screening_submit(acting_user=request.user, screening_id=screening.pk, request=request)
        except ValidationError as e:
            errors = e.messages
        else:
            messages.success(
                request,
                ngettext(
                    "Screening submitted: %(count)s need identified",
                    "Screening submitted: %(count)s needs identified",
                    len(needs),
                )
                % {"count": len(needs)},
            )
            return redirect("people:detail", person_id=person_id)
    sections = [
        {
            "section": section,
            "rows": [_answer_row(q, answers.get(q.id)) for q in questionnaire.visible_questions(section, answers)],
        }
        for section in config.sections
    ]
    return render(
        request,
        "resettlement/screening_check.html",
        {
            "person": screening.person,
            "screening": screening,
            "sections": sections,
            "missing": questionnaire.unanswered(config, answers),
            "submit_errors": errors,
            "can_submit": rules.can_screen_on_reception(request.user) and not screening.is_submitted,
        },
    )


@allowed_if(rules.can_view_people)
def person_timeline(request: HttpRequest, person_id: int) -> HttpResponse:
    from people.services import person_open
    from people.timeline import timeline_for_person

    try:
        person = person_open(acting_user=request.user, person_id=person_id, request=request)
    except ServiceUser.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "resettlement/timeline.html",
        {"person": person, "entries": timeline_for_person(person=person, viewer=request.user)},
    )


@allowed_if(rules.can_record_action_results)
def my_actions(request: HttpRequest) -> HttpResponse:
    """The user's open actions across everyone they work with, overdue first."""
    today = timezone.localdate()
    actions = [(a, a.state(today=today)) for a in selectors.open_actions_for_user(user=request.user)]
    team_overdue = list(selectors.overdue_actions_for_manager(user=request.user))
    return render(
        request,
        "resettlement/my_actions.html",
        {"actions": actions, "team_overdue": team_overdue, "action_labels": dict(ActionState.choices)},
    )
