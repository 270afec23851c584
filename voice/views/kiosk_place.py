"""Where a survey is taken, and the words of a survey for the screens and for kiosk.js: the
place (channel and service) a kiosk, phone or families' page is at, how long a shared device waits
before wiping a survey, the privacy promise shown before every survey, and everything kiosk.js
needs to run a survey on the device (`survey_data`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from organisations.constants import OrganisationKind
from organisations.models import Organisation
from voice import definition, services
from voice.constants import Audience, Channel
from voice.models import Survey, SurveyVersion

IDLE_SECONDS = {Channel.KIOSK: 120, Channel.VISITS_KIOSK: 120, Channel.PHONE: 30 * 60, Channel.PUBLIC_WEB: 30 * 60}
FAMILY_CHANNELS = (Channel.PUBLIC_WEB, Channel.VISITS_KIOSK)
PERSON_CHANNELS = (Channel.KIOSK, Channel.PHONE)
SHARED_DEVICES = (Channel.KIOSK, Channel.VISITS_KIOSK)
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}


def idle_seconds(channel: str) -> int:
    """How long a survey page may sit unused before a shared kiosk wipes it for the next person.
    The setting VOICE_IDLE_SECONDS, when set, shortens it for every channel (browser tests)."""
    return int(getattr(settings, "VOICE_IDLE_SECONDS", None) or IDLE_SECONDS[Channel(channel)])


# Where a survey is taken.


@dataclass(frozen=True)
class Place:
    """Where the person is answering: the channel, and the service the kiosk or page is at."""

    channel: str
    organisation: Organisation | None

    @property
    def organisation_id(self) -> int | None:
        return self.organisation.pk if self.organisation else None

    @property
    def shared(self) -> bool:
        return self.channel in SHARED_DEVICES

    @property
    def idle_seconds(self) -> int:
        return idle_seconds(self.channel)

    @property
    def home_url(self) -> str:
        """The page the person started from, and "Finish" goes back to."""
        if self.channel == Channel.PUBLIC_WEB or self.organisation is None:
            return reverse("voice:families") + (f"?at={self.organisation.pk}" if self.organisation else "")
        name = {Channel.KIOSK: "voice:kiosk", Channel.PHONE: "voice:phone", Channel.VISITS_KIOSK: "voice:visits"}
        return reverse(name[Channel(self.channel)], args=[self.organisation.pk])

    def audiences(self) -> tuple[str, ...]:
        if self.channel in FAMILY_CHANNELS:
            return (Audience.FAMILIES.value,)
        kind = self.organisation.kind if self.organisation else None
        if kind == OrganisationKind.ESTABLISHMENT:
            return (Audience.IN_CUSTODY.value,)
        if kind == OrganisationKind.DELIVERY_UNIT:
            return (Audience.ON_PROBATION.value,)
        return (Audience.IN_CUSTODY.value, Audience.ON_PROBATION.value)

    def offers(self, survey: Survey) -> bool:
        return survey.audience in self.audiences()


def service_from(organisation_id: Any) -> Organisation:
    try:
        pk = int(organisation_id)
    except (TypeError, ValueError):
        raise Http404 from None
    found = Organisation.objects.filter(pk=pk, active=True, kind__in=services.SERVICE_KINDS).first()
    if found is None:
        raise Http404
    return found


def prison_from(organisation_id: Any) -> Organisation | None:
    """An active establishment by its id, or None."""
    try:
        pk = int(organisation_id)
    except (TypeError, ValueError):
        return None
    return Organisation.objects.filter(pk=pk, active=True, kind=OrganisationKind.ESTABLISHMENT).first()


def place_from(channel: Any, organisation_id: Any) -> Place:
    """The place a start page or a form names; unknown ones are not found. The families' web form
    names the prison the feedback is about (chosen by the person), or none yet."""
    if channel not in Channel.values or channel == Channel.PAPER:
        raise Http404
    if channel == Channel.PUBLIC_WEB:
        if organisation_id in (None, ""):
            return Place(channel=channel, organisation=None)
        prison = prison_from(organisation_id)
        if prison is None:
            raise Http404
        return Place(channel=channel, organisation=prison)
    return Place(channel=channel, organisation=service_from(organisation_id))


# The words of a survey, for the screens and for kiosk.js.


def privacy_promise(place: Place, *, easy_read: bool, can_name: bool = False) -> list[str]:
    """The promise shown before every survey, in the active language. A person signed in to their
    own view is told that they may choose to give their name at the end (and are anonymous if not)."""
    probation = Audience.ON_PROBATION.value in place.audiences() and place.channel not in FAMILY_CHANNELS
    if easy_read:
        found = [
            _("You do not have to tell us your name."),
            _("We keep only the place and the month. We do not keep the day or the time."),
            _(
                "If you write that someone may be hurt, we tell the safer custody team what you wrote. We do not tell"
                " them your name."
            ),
            _(
                "This is not a complaint. To complain, ask for a complaint form. You can also talk to the Independent"
                " Monitoring Board or write to the Prisons and Probation Ombudsman."
            ),
        ]
    else:
        found = [
            _("Your answers are anonymous unless you choose to give your name."),
            _(
                "We keep only the service your answers are about and the month you gave them: not the day, the time "
                "or the device."
            ),
            _(
                "If you write that someone may be harmed, we pass your words, but not your name, to the safer custody"
                " team so that they can help."
            ),
            _(
                "This survey is not a complaint. To make a complaint, use the formal complaints process. You can also"
                " contact the Independent Monitoring Board or the Prisons and Probation Ombudsman."
            ),
        ]
    if can_name:
        found.insert(
            1,
            _("At the end, you can choose to give your name. Then staff can tell you what happens.")
            if easy_read
            else _(
                "At the end you can choose to give your name, so that staff can tell you what happens because of "
                "your answers. If you do not choose to, your answers are anonymous."
            ),
        )
    if probation:
        found.append(
            _(
                "If you are on probation, you can complain to your probation office, and then to the Prisons and "
                "Probation Ombudsman."
            )
        )
    return found


def ui_words(place: Place) -> dict[str, Any]:
    """The words kiosk.js shows, in the active language."""
    return {
        "question_n_of": _("Question %(n)s of %(total)s"),
        "back": _("Back"),
        "next": _("Next"),
        "start": _("Start the survey"),
        "listen": _("Listen"),
        "listen_to": _("Listen to: %(words)s"),
        "optional": _("(optional)"),
        "required": _("Answer this question to go on"),
        "select_all": _("Select all that apply."),
        "check_title": _("Check your answers"),
        "check_intro": _("You can change an answer before you send them."),
        "change": _("Change"),
        "change_answer": _("your answer to: %(question)s"),
        "not_answered": _("Not answered"),
        "submit": _("Send my answers"),
        "thanks_title": _("Thank you"),
        "thanks_body": _(
            "Your answers will be read by the people who run this service, with everyone else’s. They will tell "
            "you what they changed because of them."
        ),
        "thanks_complaints": _(
            "You wrote about a complaint or about a member of staff. Our staff will not see your name. If you "
            "want it dealt with as a complaint, use the formal complaints process, or contact the Independent "
            "Monitoring Board or the Prisons and Probation Ombudsman."
        ),
        "thanks_safer_custody": _(
            "You wrote that someone may be harmed. We have passed your words, but not your name, to the safer "
            "custody team. If you or someone else is in danger now, tell a member of staff."
        ),
        "finish": _("Finish"),
        "give_name_legend": _("Your name"),
        "give_name": _("Give my name so staff can tell me what happens"),
        "give_name_hint": _("If you leave this unticked, your answers are anonymous."),
        "thanks_named": _("You gave your name, so staff can tell you what happens because of your answers."),
        "queue_waiting": _("%(n)s answers waiting to send"),
        "queue_waiting_one": _("1 answer waiting to send"),
        "queue_sent": _("All answers sent"),
        "queue_refused": _("Some answers could not be sent: %(message)s"),
        "privacy_title": _("Before you start"),
        "number_hint": _("Enter a number"),
        "date_hint": _("For example, 27 3 2026"),
        "idle_seconds": place.idle_seconds,
    }


def _question_json(question: definition.Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "type": question.type,
        "required": question.required,
        "text": question.text,
        "easy_read": question.words,
        "show_if": question.show_if,
        "min": question.min,
        "max": question.max,
        "options": [
            {"value": o.value, "text": o.text, "easy_read": o.easy_read or o.text, "face": o.face}
            for o in question.options
        ],
    }


def survey_data(
    survey: Survey, version: SurveyVersion, place: Place, token: str | None = None, name_offer: str | None = None
) -> dict[str, Any]:
    """Everything kiosk.js needs to run the survey on the device, in every language it is in."""
    by_language = {}
    for code in definition.languages(version.definition):
        with override(code):
            by_language[code] = {
                "name": LANGUAGE_NAMES.get(code, code),
                "words": ui_words(place),
                "promise": privacy_promise(place, easy_read=False),
                "promise_easy": privacy_promise(place, easy_read=True),
                # For a person offered the choice to give their name (data's name_offer).
                "promise_named": privacy_promise(place, easy_read=False, can_name=True),
                "promise_named_easy": privacy_promise(place, easy_read=True, can_name=True),
                "questions": [_question_json(q) for q in definition.questions_in(version.definition, language=code)],
            }
    return {
        "survey_id": survey.pk,
        "title": survey.title,
        "version": version.number,
        "channel": place.channel,
        "organisation_id": place.organisation_id,
        "pass": token,
        "name_offer": name_offer,
        "api": reverse("voice:api-responses"),
        "home": place.home_url,
        "languages": by_language,
    }
