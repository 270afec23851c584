"""Involvement leads build, publish, close and read their organisation's surveys (issue 5, "Surveys
and consultations built by involvement leads"). Thin views: every write is a call of
voice/services.py, every rule is in voice/definition.py or voice/rules.py. Another organisation's
survey does not exist for the user (404), as everywhere in the service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import allowed_if
from common.service_forms import submit
from organisations.models import Contract, Organisation
from voice import definition, rules, selectors, services
from voice.builder_forms import BasedOnForm, QuestionForm, QuestionTypeForm, SurveyForm
from voice.constants import QuestionType
from voice.models import Survey, SurveyVersion

# Fewer people than this and results could point at someone (ENGINEERING.md, "Disclosure control").
FEW_RESPONSES = 10


def _survey(request: HttpRequest, survey_id: int) -> Survey:
    return get_object_or_404(selectors.surveys_for_user(request.user), pk=survey_id)


def survey_status(survey: Survey) -> str:
    """draft (never published), open, or closed (by hand, or by its closing date)."""
    current = selectors.version_current(survey)
    return selectors.survey_status_of(survey, current_number=current.number if current else None)


def _status_labels() -> dict[str, str]:
    return {"draft": _("Draft"), "open": _("Open"), "closed": _("Closed")}


def _language_names() -> dict[str, str]:
    return {"en": _("English"), "cy": _("Welsh")}


def _language_for(version: SurveyVersion) -> str:
    """The words of the survey in the language the page is shown in, when the survey has them."""
    language = (get_language() or "en")[:2]
    return language if language in definition.languages(version.definition) else "en"


@allowed_if(rules.can_build_surveys)
def survey_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.surveys_listed_for_user(request.user), 25).get_page(request.GET.get("page"))
    rows = [
        {
            "survey": survey,
            "status": selectors.survey_status_of(survey, current_number=survey.current_number),
            "current_number": survey.current_number,
            "responses": survey.responses if survey.current_number else 0,
        }
        for survey in page
    ]
    return render(request, "voice/builder/list.html", {"page": page, "rows": rows, "labels": _status_labels()})


@allowed_if(rules.can_build_surveys)
def survey_new(request: HttpRequest) -> HttpResponse:
    form = SurveyForm(
        request.POST if request.method == "POST" else None,
        services=list(Organisation.objects.filter(active=True, kind__in=services.SERVICE_KINDS).order_by("name")),
        contracts=list(Contract.objects.select_related("provider").order_by("title")),
    )
    created: list[Survey] = []

    def save(data: dict[str, Any]) -> object:
        created.append(
            services.survey_create(
                acting_user=request.user,
                title=data["title"],
                audience=data["audience"],
                eligibility=data["eligibility"],
                about_id=data["about_id"],
                contract_id=data["contract_id"],
                closes_on=data["closes_on"],
                submission_id=data["submission_id"],
            )
        )
        return created[0]

    if submit(request, form, save):
        messages.success(
            request,
            _("Survey created with the standard overall-experience question. Add your own questions, then publish it."),
        )
        return redirect("voice:survey", survey_id=created[0].pk)
    return render(request, "voice/builder/new.html", {"form": form})


def _question_rows(version: SurveyVersion) -> list[dict[str, Any]]:
    questions = definition.questions_in(version.definition, language="en")
    by_id = {q.id: q for q in questions}
    rows = []
    for raw, question in zip(version.definition["questions"], questions, strict=True):
        rule = question.show_if
        shown_when = ""
        if rule:
            earlier = by_id[rule["question"]]
            words = [o.text for o in earlier.options if o.value in rule["in"]]
            shown_when = _("Only when question %(n)s is answered: %(answers)s") % {
                "n": earlier.number,
                "answers": _(" or ").join(words),
            }
        rows.append(
            {
                "question": question,
                "type": QuestionType(question.type).label,
                "welsh": "cy" in raw["text"] or question.type == QuestionType.FFT,
                "shown_when": shown_when,
            }
        )
    return rows


@allowed_if(rules.can_build_surveys)
def survey_detail(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = _survey(request, survey_id)
    latest = selectors.version_latest(survey)
    current = selectors.version_current(survey)
    versions = list(survey.versions.select_related("created_by", "published_by").order_by("-number"))
    return render(
        request,
        "voice/builder/detail.html",
        {
            "survey": survey,
            "status": survey_status(survey),
            "labels": _status_labels(),
            "latest": latest,
            "current": current,
            "is_draft": latest.published_at is None,
            "can_edit": survey.closed_at is None,
            "rows": _question_rows(latest),
            "versions": versions,
            "survey_languages": [_language_names().get(code, code) for code in definition.languages(latest.definition)],
        },
    )


def _save_questions(request: HttpRequest, survey: Survey, questions: list[dict[str, Any]], based_on: int) -> Any:
    return services.survey_questions_save(
        acting_user=request.user, survey_id=survey.pk, questions=questions, based_on=based_on
    )


def _saved_message(version: SurveyVersion) -> str:
    if version.number > 1 and version.published_at is None:
        return _(
            "Saved in draft version %(n)s. People keep answering the published version until you publish this one."
        ) % {"n": version.number}
    return _("Saved in draft version %(n)s") % {"n": version.number}


def _new_question_id(questions: list[dict[str, Any]]) -> str:
    taken = {q["id"] for q in questions}
    n = len(questions) + 1
    while f"q{n}" in taken:
        n += 1
    return f"q{n}"


@allowed_if(rules.can_build_surveys)
def question_new(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = _survey(request, survey_id)
    if survey.closed_at is not None:
        messages.error(request, _("This survey is closed, so its questions cannot change"))
        return redirect("voice:survey", survey_id=survey.pk)
    latest = selectors.version_latest(survey)
    kind_form = QuestionTypeForm(request.GET if "type" in request.GET else None)
    if not kind_form.is_bound or not kind_form.is_valid():
        # First, the kind of question: its form depends on it, and must work without JavaScript.
        return render(request, "voice/builder/question_type.html", {"survey": survey, "form": kind_form})
    kind = kind_form.cleaned_data["type"]
    questions = list(latest.definition["questions"])
    qid = _new_question_id(questions)
    form = QuestionForm(
        request.POST if request.method == "POST" else None,
        kind=kind,
        qid=qid,
        earlier=questions,
        based_on=latest.number,
    )
    saved: list[SurveyVersion] = []

    def save(data: dict[str, Any]) -> object:
        saved.append(_save_questions(request, survey, [*questions, form.question()], data["based_on"]))
        return saved[0]

    if submit(request, form, save):
        messages.success(request, _saved_message(saved[0]))
        return redirect(reverse("voice:survey", args=[survey.pk]) + "#questions")
    return render(
        request,
        "voice/builder/question.html",
        {"survey": survey, "form": form, "kind": kind, "kind_label": QuestionType(kind).label, "is_new": True},
    )


@allowed_if(rules.can_build_surveys)
def question_edit(request: HttpRequest, survey_id: int, question_id: str) -> HttpResponse:
    survey = _survey(request, survey_id)
    if survey.closed_at is not None:
        messages.error(request, _("This survey is closed, so its questions cannot change"))
        return redirect("voice:survey", survey_id=survey.pk)
    latest = selectors.version_latest(survey)
    questions = list(latest.definition["questions"])
    position = next((i for i, q in enumerate(questions) if q["id"] == question_id), None)
    if position is None:
        raise Http404
    existing = questions[position]
    form = QuestionForm(
        request.POST if request.method == "POST" else None,
        kind=existing["type"],
        qid=question_id,
        earlier=questions[:position],
        existing=existing,
        based_on=latest.number,
    )
    saved: list[SurveyVersion] = []

    def save(data: dict[str, Any]) -> object:
        changed = [*questions[:position], form.question(), *questions[position + 1 :]]
        saved.append(_save_questions(request, survey, changed, data["based_on"]))
        return saved[0]

    if submit(request, form, save):
        messages.success(request, _saved_message(saved[0]))
        return redirect(reverse("voice:survey", args=[survey.pk]) + "#questions")
    return render(
        request,
        "voice/builder/question.html",
        {
            "survey": survey,
            "form": form,
            "kind": existing["type"],
            "kind_label": QuestionType(existing["type"]).label,
            "is_new": False,
            "number": position + 1,
            "published": latest.published_at is not None,
        },
    )


def _change_list(request: HttpRequest, survey_id: int, question_id: str, change: Any, done: str) -> HttpResponse:
    """Move or remove a question: the list page's small forms. A refusal (a question that others
    depend on, someone else's newer save) is said above the list and nothing changes."""
    survey = _survey(request, survey_id)
    back = reverse("voice:survey", args=[survey.pk]) + "#questions"
    form = BasedOnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This form could not be read. Open the page again."))
        return redirect(back)
    questions = list(selectors.version_latest(survey).definition["questions"])
    position = next((i for i, q in enumerate(questions) if q["id"] == question_id), None)
    if position is None:
        messages.error(request, _("That question is no longer in the survey. Open it again to see its questions."))
        return redirect(back)
    changed = change(questions, position, form.cleaned_data)
    if changed is None:
        return redirect(back)
    try:
        version = _save_questions(request, survey, changed, form.cleaned_data["based_on"])
    except ValidationError as e:
        for message in e.messages:
            messages.error(request, message)
    else:
        messages.success(request, f"{done} {_saved_message(version)}")
    return redirect(back)


@require_POST
@allowed_if(rules.can_build_surveys)
def question_move(request: HttpRequest, survey_id: int, question_id: str) -> HttpResponse:
    def move(questions: list[dict[str, Any]], position: int, data: dict[str, Any]) -> list[dict[str, Any]] | None:
        other = position - 1 if data.get("direction") == "up" else position + 1
        if not data.get("direction") or not 0 <= other < len(questions):
            return None
        questions[position], questions[other] = questions[other], questions[position]
        return questions

    return _change_list(request, survey_id, question_id, move, _("Question moved."))


@require_POST
@allowed_if(rules.can_build_surveys)
def question_remove(request: HttpRequest, survey_id: int, question_id: str) -> HttpResponse:
    def remove(questions: list[dict[str, Any]], position: int, data: dict[str, Any]) -> list[dict[str, Any]]:
        return questions[:position] + questions[position + 1 :]

    return _change_list(request, survey_id, question_id, remove, _("Question removed."))


@allowed_if(rules.can_build_surveys)
def survey_preview(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = _survey(request, survey_id)
    version = selectors.version_latest(survey)
    available = definition.languages(version.definition)
    language = request.GET.get("language", "en")
    if language not in ("en", "cy"):
        language = "en"
    easy_read = request.GET.get("easy_read") == "1"
    questions = definition.questions_in(version.definition, language=language)
    by_id = {q.id: q for q in questions}
    items = []
    for question in questions:
        rule = question.show_if
        items.append(
            {
                "question": question,
                "words": (question.words if easy_read else question.text),
                "options": [(o, (o.easy_read or o.text) if easy_read else o.text) for o in question.options],
                "after": by_id[rule["question"]] if rule else None,
                "after_answers": [o for o in by_id[rule["question"]].options if o.value in rule["in"]] if rule else [],
            }
        )
    return render(
        request,
        "voice/builder/preview.html",
        {
            "survey": survey,
            "version": version,
            "items": items,
            "language": language,
            "easy_read": easy_read,
            "offered": language in available,
        },
    )


@require_POST
@allowed_if(rules.can_build_surveys)
def survey_publish(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = _survey(request, survey_id)
    try:
        version = services.survey_publish(acting_user=request.user, survey_id=survey.pk)
    except ValidationError as e:
        for message in e.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Version %(n)s published. People are asked these questions from now on; it will not change.")
            % {"n": version.number},
        )
    return redirect("voice:survey", survey_id=survey.pk)


@allowed_if(rules.can_build_surveys)
def survey_close(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = _survey(request, survey_id)
    # Nothing to fill in: the form is the confirmation, and the service's refusal shows on it.
    form = forms.Form(request.POST if request.method == "POST" else None)

    def save(data: dict[str, Any]) -> object:
        return services.survey_close(acting_user=request.user, survey_id=survey.pk)

    if request.method == "POST" and submit(request, form, save):
        messages.success(request, _("Survey closed. No one can answer it now; its results stay here."))
        return redirect("voice:survey", survey_id=survey.pk)
    return render(request, "voice/builder/close.html", {"survey": survey, "form": form})


@allowed_if(rules.can_build_surveys)
def survey_results(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey = _survey(request, survey_id)
    version = selectors.version_current(survey) or selectors.version_latest(survey)
    results = selectors.survey_results(survey, language=_language_for(version))
    held = selectors.alerts_held_count(survey)
    waiting = selectors.responses_waiting(survey)
    questions = []
    for result in results.questions:
        counts = [
            {
                "option": option,
                "count": count,
                "percent": round(100 * count / result.answered) if result.answered else 0,
            }
            for option, count in result.counts
        ]
        numbers = result.numbers
        questions.append(
            {
                "result": result,
                "counts": counts,
                "average": round(sum(numbers) / len(numbers), 1) if numbers else None,
                "smallest": min(numbers) if numbers else None,
                "largest": max(numbers) if numbers else None,
            }
        )
    return render(
        request,
        "voice/builder/results.html",
        {
            "survey": survey,
            "results": results,
            "questions": questions,
            "held": held,
            "waiting": waiting,
            "few": results.responses < FEW_RESPONSES,
            "few_threshold": FEW_RESPONSES,
            "status": survey_status(survey),
            "labels": _status_labels(),
        },
    )


urlpatterns = [
    path("surveys/", survey_list, name="surveys"),
    path("surveys/new/", survey_new, name="survey-new"),
    path("surveys/<int:survey_id>/", survey_detail, name="survey"),
    path("surveys/<int:survey_id>/questions/new/", question_new, name="question-new"),
    path("surveys/<int:survey_id>/questions/<slug:question_id>/", question_edit, name="question-edit"),
    path("surveys/<int:survey_id>/questions/<slug:question_id>/move/", question_move, name="question-move"),
    path("surveys/<int:survey_id>/questions/<slug:question_id>/remove/", question_remove, name="question-remove"),
    path("surveys/<int:survey_id>/preview/", survey_preview, name="survey-preview"),
    path("surveys/<int:survey_id>/publish/", survey_publish, name="survey-publish"),
    path("surveys/<int:survey_id>/close/", survey_close, name="survey-close"),
    path("surveys/<int:survey_id>/results/", survey_results, name="survey-results"),
]
