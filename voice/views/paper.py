"""Paper surveys (issue 5, "Paper"): the printable PDF of any survey, and the fast data-entry screen
where staff type in the paper forms people have filled in ("entered by" recorded).

Who: the involvement lead who runs the survey, or prison and probation staff where the survey is
about their own service (voice.rules.can_enter_paper)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.constants import Role
from common.service_forms import add_service_errors
from organisations.models import Organisation
from voice import definition, paper, rules, selectors, services
from voice.constants import Channel, Concern
from voice.models import Survey, SurveyVersion
from voice.paper_forms import PaperResponseForm

LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}
SESSION_KEY = "voice_paper"


def _survey_for_paper(request: HttpRequest, survey_id: int) -> Survey:
    survey = get_object_or_404(Survey.objects.select_related("owner", "about"), pk=survey_id)
    if not rules.can_enter_paper(request.user, survey):
        raise PermissionDenied
    return survey


def _version(survey: Survey, number: str | None) -> SurveyVersion:
    """The published version asked for (the one the paper was printed from), else the current one."""
    published = survey.versions.filter(published_at__isnull=False)
    if number:
        try:
            found = published.filter(number=int(number)).first()
        except ValueError:
            found = None
    else:
        found = selectors.version_current(survey)
    if found is None:
        raise Http404(_("This survey has no published version with that number"))
    return found


def _language_choices(version: SurveyVersion) -> list[tuple[str, str]]:
    return [(code, LANGUAGE_NAMES.get(code, code)) for code in definition.languages(version.definition)]


@login_required
def paper_surveys(request: HttpRequest) -> HttpResponse:
    """The open surveys this member of staff may type paper responses in for."""
    user: Any = request.user
    found = selectors.surveys_open().select_related("owner", "about").order_by("title", "pk")
    if user.role != Role.ADMINISTRATOR:
        found = found.filter(Q(owner_id=user.organisation_id) | Q(about_id=user.organisation_id))
    surveys = [s for s in found if rules.can_enter_paper(user, s)]
    return render(request, "voice/paper/surveys.html", {"surveys": surveys})


@login_required
def survey_pdf(request: HttpRequest, survey_id: int) -> HttpResponse:
    """The survey as a printable, tagged PDF: ?lang=cy for Welsh, ?easy_read=1 for easy read,
    ?version=N for an earlier published version."""
    survey = _survey_for_paper(request, survey_id)
    version = _version(survey, request.GET.get("version"))
    language = request.GET.get("lang") or "en"
    if language not in definition.languages(version.definition):
        raise Http404(_("This survey is not written in that language"))
    easy_read = request.GET.get("easy_read") in ("1", "true", "yes")
    pdf = paper.survey_pdf(survey=survey, version=version, language=language, easy_read=easy_read)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"survey-{survey.pk}-v{version.number}-{language}{'-easy-read' if easy_read else ''}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _services(survey: Survey) -> list[tuple[int, str]] | None:
    """The services a response can be about, when the survey is about no one service."""
    if survey.about_id is not None:
        return None
    found = Organisation.objects.filter(active=True, kind__in=services.SERVICE_KINDS).order_by("name")
    return list(found.values_list("pk", "name"))


def _question_params(form: PaperResponseForm, *, focus_first: bool) -> list[tuple[str, dict[str, Any]]]:
    """(macro, parameters) for each question, in order. The first field gets the focus on a fresh
    form, so the next paper form can be typed straight in."""
    from common import govuk_forms as govuk

    out: list[tuple[str, dict[str, Any]]] = []
    for position, (q, field) in enumerate(form.question_fields()):
        hint = None
        if q.show_if:
            source = next(s for s in form.questions if s.id == q.show_if["question"])
            words = [o.text for o in source.options if o.value in q.show_if["in"]]
            hint = _("Only if the answer to question %(n)s was %(answers)s") % {
                "n": source.number,
                "answers": _(" or ").join(words),
            }
        elif not q.required:
            hint = _("Optional")
        focus = {"autofocus": "autofocus"} if focus_first and position == 0 else {}
        if q.type in ("single", "scale", "fft"):
            params = govuk.radios(field, legend={"classes": "govuk-fieldset__legend--s"})
            params["classes"] = "govuk-radios--small govuk-radios--inline"
            if focus and params["items"]:
                params["items"][0]["attributes"] = focus
            macro = "radios"
        elif q.type == "multiple":
            params = govuk.radios(field, legend={"classes": "govuk-fieldset__legend--s"})
            params["classes"] = "govuk-checkboxes--small"
            if focus and params["items"]:
                params["items"][0]["attributes"] = focus
            macro = "checkboxes"
        elif q.type == "number":
            params = govuk.input(
                field, label={"classes": "govuk-label--s"}, classes="govuk-input--width-5", inputmode="decimal"
            )
            params["attributes"] = focus
            macro = "input"
        elif q.type == "date":
            params = govuk.date_input(field, legend={"classes": "govuk-fieldset__legend--s"})
            if focus:
                params["items"][0]["attributes"] = focus
            macro = "date"
        else:
            params = govuk.textarea(field, label={"classes": "govuk-label--s"}, rows=2)
            params["attributes"] = focus
            macro = "textarea"
        if hint:
            params["hint"] = {"text": hint}
        out.append((macro, params))
    return out


def _saved_message(result: services.Submitted, count: int) -> dict[str, Any]:
    if result.duplicate:
        return {
            "text": _("This form had already been entered, so it was not stored again."),
            "safeguarding": False,
            "restricted": False,
        }
    return {
        "text": ngettext("Response %(n)s entered.", "Response %(n)s entered.", count) % {"n": count},
        "safeguarding": result.routed_to_safer_custody,
        "restricted": Concern.STAFF_ALLEGATION in result.concerns,
    }


@login_required
def paper_entry(request: HttpRequest, survey_id: int) -> HttpResponse:
    """Type in paper responses, one after another: all the questions on one page; after each save
    a fresh form with the focus on its first field."""
    survey = _survey_for_paper(request, survey_id)
    version = _version(survey, request.GET.get("version") or request.POST.get("version"))
    store = request.session.get(SESSION_KEY, {})
    mine = store.get(str(survey.pk), {})
    languages = _language_choices(version)
    choices = _services(survey)
    kwargs: dict[str, Any] = {
        "survey_definition": version.definition,
        "languages": languages,
        "services": choices,
    }
    if request.method == "POST":
        form = PaperResponseForm(request.POST, **kwargs)
        if form.is_valid():
            data = form.cleaned_data
            language = data.get("language") or "en"
            try:
                result = services.response_submit(
                    survey_id=survey.pk,
                    version_number=version.number,
                    answers=form.answers(),
                    submission_id=str(data["submission_id"]),
                    channel=Channel.PAPER,
                    language=language,
                    easy_read=bool(data.get("easy_read")),
                    organisation_id=data.get("organisation"),
                    entered_by=request.user,  # type: ignore[arg-type]
                )
            except ValidationError as e:
                add_service_errors(form, e)
            else:
                count = mine.get("count", 0) + (0 if result.duplicate else 1)
                # The next form is most likely from the same pile: same language, same kind, same service.
                store[str(survey.pk)] = {
                    "count": count,
                    "language": language,
                    "easy_read": bool(data.get("easy_read")),
                    "organisation": data.get("organisation"),
                    "saved": _saved_message(result, count),
                }
                request.session[SESSION_KEY] = store
                return redirect(f"{reverse('voice:paper-entry', args=[survey.pk])}?version={version.number}")
    else:
        initial = {"language": mine.get("language") or languages[0][0], "easy_read": mine.get("easy_read", False)}
        organisation = mine.get("organisation") or (
            request.user.organisation_id  # type: ignore[attr-defined]
            if choices and any(pk == request.user.organisation_id for pk, _ in choices)  # type: ignore[attr-defined]
            else None
        )
        if organisation:
            initial["organisation"] = organisation
        form = PaperResponseForm(initial=initial, **kwargs)
    saved = None
    if request.method == "GET" and mine.get("saved"):
        saved = mine.pop("saved")
        store[str(survey.pk)] = mine
        request.session[SESSION_KEY] = store
    versions = list(survey.versions.filter(published_at__isnull=False).order_by("-number"))
    prints = [
        (
            _("%(language)s, %(kind)s") % {"language": name, "kind": _("easy read") if easy else _("standard")},
            f"{reverse('voice:survey-pdf', args=[survey.pk])}?version={version.number}&lang={code}"
            + ("&easy_read=1" if easy else ""),
        )
        for code, name in languages
        for easy in (False, True)
    ]
    return render(
        request,
        "voice/paper/entry.html",
        {
            "survey": survey,
            "version": version,
            "versions": versions,
            "form": form,
            "questions": _question_params(form, focus_first=not form.errors),
            "is_open": selectors.survey_is_open(survey),
            "saved": saved,
            "count": mine.get("count", 0),
            "prints": prints,
            "show_language": len(languages) > 1,
        },
    )


urlpatterns = [
    path("paper/", paper_surveys, name="paper-surveys"),
    path("surveys/<int:survey_id>/paper.pdf", survey_pdf, name="survey-pdf"),
    path("surveys/<int:survey_id>/paper/", paper_entry, name="paper-entry"),
]
