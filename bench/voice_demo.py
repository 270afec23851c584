"""Feedback and surveys in the demo worlds (issue 5), made through the voice services.

For each establishment (small: all; national: a sample of NATIONAL_SAMPLE) a standard feedback
survey "Tell us about <prison>", run by that establishment's involvement lead (one is made where
there is none, like the other demo staff: `involvement.<code>.1`, the demo password), open to
people in custody. At the demo prison also a one-per-person survey with a single-choice question
in English and Welsh and skip logic, and a survey for families and visitors. Then synthetic
responses: ratings in a plausible spread, short invented comments, a few that the safeguarding
screen routes to the safer custody team (and one allegation against staff, restricted), some on
paper entered by staff.

Small: every response goes through voice.services.response_submit (one-per-person ones with a
real pass from eligibility_pass_issue). National: the surveys go through the services and the
responses are bulk-inserted with exactly the fields response_submit sets (the same screen, the
same digest), so generation stays fast. Responses are then spread over the last six months, as a
real service's would be; only the month is kept (voice/models.py)."""

from __future__ import annotations

import datetime
import random
import uuid
from typing import Any

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.constants import Role
from accounts.models import User
from bench.dataset import DEMO_PASSWORD, DEMO_USERNAMES
from insight.redaction import redact
from insight.screening import concerns as screen
from organisations.constants import OrganisationKind
from organisations.models import Organisation
from people.models import ServiceUser
from voice import anonymity, definition
from voice.constants import Audience, Channel, Concern, Eligibility
from voice.mixing_services import responses_mix
from voice.models import Response, SafeguardingAlert, Survey, SurveyVersion
from voice.services import ALERT_CONCERNS, eligibility_pass_issue, response_submit, survey_create, survey_publish

NATIONAL_SAMPLE = 30
RESPONSES = {"small": 30, "national": 300}  # per feedback survey
MONTHS = 6
PAPER_SHARE = 0.2
EASY_READ_SHARE = 0.15

RATINGS = ("very_good", "good", "neither", "poor", "very_poor", "dont_know")
RATING_WEIGHTS = (0.28, 0.34, 0.13, 0.11, 0.08, 0.06)
COMMENTS = {
    "very_good": (
        "The library is open more now and the staff there are helpful",
        "My key worker actually listens",
        "Gym sessions are good and they run on time",
        "Education staff helped me get my maths certificate",
    ),
    "good": (
        "Mostly fine, visits could be longer",
        "The chaplaincy is good to talk to",
        "Food is better than it was",
        "Got help with my bank account before release",
    ),
    "neither": ("Some days are better than others", "Nothing has changed much", "Depends which wing you are on"),
    "poor": (
        "Applications take weeks to get an answer",
        "Canteen is always short of things",
        "We are behind our doors too long at weekends",
        "Nobody told me about my release plan",
    ),
    "very_poor": (
        "Showers have been broken for a month",
        "I have put in a complaint about my property and heard nothing",
        "Phone credit goes missing and nobody sorts it",
    ),
    "dont_know": ("I have only just arrived", ""),
}
# Words the safeguarding screen routes to a human before anything else happens (insight/screening.py).
ALERTING = (
    "Some nights I feel like I want to end it all",
    "If he keeps on at me I am going to hurt someone",
)
ALLEGATION = "An officer hit a lad on our landing last week"
ALERT_SHARE = 0.01

FOOD_QUESTIONS: list[dict[str, Any]] = [
    {
        "id": "food",
        "type": "single",
        "required": True,
        "text": {"en": "Do you get enough to eat?", "cy": "Ydych chi'n cael digon i'w fwyta?"},
        "easy_read": {"en": "Do you get enough food?", "cy": "Ydych chi'n cael digon o fwyd?"},
        "options": [
            {"value": "yes", "text": {"en": "Yes", "cy": "Ydw"}},
            {"value": "no", "text": {"en": "No", "cy": "Nac ydw"}},
        ],
    },
    {
        "id": "food_why",
        "type": "text",
        "text": {"en": "What would make the food better?", "cy": "Beth fyddai'n gwella'r bwyd?"},
        "easy_read": {"en": "How can the food be better?", "cy": "Sut gall y bwyd fod yn well?"},
        "show_if": {"question": "food", "in": ["no"]},
    },
    {
        "id": "hot",
        "type": "scale",
        "required": False,
        "text": {
            "en": "How hot is your food when it gets to you?",
            "cy": "Pa mor boeth yw eich bwyd pan ddaw atoch chi?",
        },
    },
]
FOOD_WHY = ("Bigger portions at tea time", "More fresh fruit", "Food is cold by the time it reaches the top landing")
FAMILY_COMMENTS = (
    "The visits hall staff were kind to my children",
    "We waited 40 minutes outside in the rain",
    "Booking a visit by phone takes ages",
    "The play area is lovely",
)


def _months(today: datetime.date) -> list[datetime.date]:
    first = today.replace(day=1)
    out = [first]
    for _ in range(MONTHS - 1):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
        out.append(first)
    return out


def _rating(rng: random.Random) -> str:
    return rng.choices(RATINGS, weights=RATING_WEIGHTS)[0]


def _feedback_answers(rng: random.Random) -> dict[str, Any]:
    rating = _rating(rng)
    answers: dict[str, Any] = {"overall": rating}
    roll = rng.random()
    if roll < ALERT_SHARE:
        answers["overall_why"] = rng.choice(ALERTING)
    elif roll < ALERT_SHARE * 1.3:
        answers["overall_why"] = ALLEGATION
    elif roll < 0.75:
        comment = rng.choice(COMMENTS[rating])
        if comment:
            answers["overall_why"] = comment
    return answers


def _lead_for(establishment: Organisation, password: str) -> User:
    lead = (
        User.objects.filter(role=Role.INVOLVEMENT_LEAD, organisation=establishment, is_active=True)
        .order_by("pk")
        .first()
    )
    if lead is not None:
        return lead
    return User.objects.create(
        username=f"involvement.{(establishment.code or str(establishment.pk)).lower()}.1",
        first_name="Robin",
        last_name="Quillard",
        password=password,
        role=Role.INVOLVEMENT_LEAD,
        organisation=establishment,
    )


# Demo sign-ins for the two duties that route what people say (bench.dataset.MORE_DEMO_SIGN_INS).
DUTY_USERS = {"safercustody": "safer_custody", "standards": "professional_standards"}


def _duty_users(prison: Organisation, password: str) -> None:
    for username, duty in DUTY_USERS.items():
        if not User.objects.filter(username=username).exists():
            User.objects.create(
                username=username,
                first_name="Demo",
                last_name="Safer custody" if duty == "safer_custody" else "Professional standards",
                password=password,
                role=Role.PRISON_STAFF,
                organisation=prison,
                **{duty: True},
            )


def _publish(lead: User, **kwargs: Any) -> Survey:
    survey = survey_create(acting_user=lead, **kwargs)
    survey_publish(acting_user=lead, survey_id=survey.pk)
    return survey


def voice_demo_load(*, size: str, rng: random.Random, today: datetime.date | None = None) -> dict[str, int]:
    """Make the demo surveys and responses; returns what was made, by kind."""
    today = today or timezone.localdate()
    users_before = User.objects.count()
    establishments = list(Organisation.objects.filter(kind=OrganisationKind.ESTABLISHMENT, active=True).order_by("pk"))
    if not establishments:
        return {"voice_surveys": 0, "voice_responses": 0, "voice_alerts": 0}
    demo_lead = User.objects.filter(username=DEMO_USERNAMES[Role.INVOLVEMENT_LEAD]).first()
    demo_prison = demo_lead.organisation if demo_lead and demo_lead.organisation else establishments[0]
    if size != "small" and len(establishments) > NATIONAL_SAMPLE:
        others = [e for e in establishments if e.pk != demo_prison.pk]
        establishments = [demo_prison, *rng.sample(others, NATIONAL_SAMPLE - 1)]
    # One hash for every new account, as the demo staff have (hashing is slow on purpose).
    any_staff = User.objects.exclude(password="").order_by("pk").first()
    password = any_staff.password if any_staff else make_password(DEMO_PASSWORD)
    _duty_users(demo_prison, password)
    months = _months(today)
    per_survey = RESPONSES.get(size, RESPONSES["national"])
    made: list[Survey] = []
    rows: list[Response] = []
    for establishment in establishments:
        lead = _lead_for(establishment, password)
        survey = _publish(
            lead,
            title=f"Tell us about {establishment.name}",
            audience=Audience.IN_CUSTODY,
            eligibility=Eligibility.OPEN,
            about_id=establishment.pk,
        )
        made.append(survey)
        version = survey.versions.get(number=1)
        officer = User.objects.filter(role=Role.PRISON_STAFF, organisation=establishment).order_by("pk").first()
        for _ in range(per_survey):
            answers = _feedback_answers(rng)
            paper = rng.random() < PAPER_SHARE
            entered_by = (officer or lead) if paper else None
            easy_read = rng.random() < EASY_READ_SHARE
            if size == "small":
                response_submit(
                    survey_id=survey.pk,
                    version_number=1,
                    answers=answers,
                    submission_id=str(uuid.UUID(int=rng.getrandbits(128))),
                    channel=Channel.PAPER if paper else Channel.KIOSK,
                    easy_read=easy_read,
                    entered_by=entered_by,
                )
            else:
                rows.append(
                    _bulk_row(
                        survey=survey,
                        version=version,
                        answers=answers,
                        channel=Channel.PAPER if paper else Channel.KIOSK,
                        easy_read=easy_read,
                        entered_by=entered_by,
                        month=months[rng.randrange(MONTHS)],
                        rng=rng,
                    )
                )
    demo_lead = demo_lead or _lead_for(demo_prison, password)
    food = _publish(
        demo_lead,
        title="Food and mealtimes",
        audience=Audience.IN_CUSTODY,
        eligibility=Eligibility.ONE_PER_PERSON,
        about_id=demo_prison.pk,
        questions=FOOD_QUESTIONS,
    )
    families = _publish(
        demo_lead,
        title=f"Visiting {demo_prison.name}",
        audience=Audience.FAMILIES,
        eligibility=Eligibility.OPEN,
        about_id=demo_prison.pk,
    )
    made += [food, families]
    held = list(
        ServiceUser.objects.filter(
            custody_episodes__establishment=demo_prison, custody_episodes__released_on__isnull=True
        ).values_list("pk", flat=True)[:per_survey]
    )
    for person_id in held:
        token = eligibility_pass_issue(person_id=person_id, survey_id=food.pk)
        enough = rng.random() < 0.55
        answers = {"food": "yes" if enough else "no", "hot": rng.choice(definition.SCALE_VALUES)}
        if not enough and rng.random() < 0.7:
            answers["food_why"] = rng.choice(FOOD_WHY)
        welsh = rng.random() < 0.1
        response_submit(
            survey_id=food.pk,
            version_number=1,
            answers=answers,
            submission_id=str(uuid.UUID(int=rng.getrandbits(128))),
            channel=Channel.KIOSK,
            language="cy" if welsh else "en",
            token=token,
        )
    for _ in range(max(5, per_survey // 3)):
        answers = {"overall": _rating(rng)}
        if rng.random() < 0.6:
            answers["overall_why"] = rng.choice(FAMILY_COMMENTS)
        response_submit(
            survey_id=families.pk,
            version_number=1,
            answers=answers,
            submission_id=str(uuid.UUID(int=rng.getrandbits(128))),
            channel=rng.choice((Channel.VISITS_KIOSK, Channel.PUBLIC_WEB)),
        )
    # Whatever is still sealed waiting for a batch is mixed in, as the daily `voice_mix` would.
    responses_mix(minimum=1)
    if rows:
        Response.objects.bulk_create(rows, batch_size=2000)
        SafeguardingAlert.objects.bulk_create(
            [
                SafeguardingAlert(
                    response=r,
                    organisation_id=r.organisation_id,
                    concerns=[c for c in r.concerns if c in {a.value for a in ALERT_CONCERNS}],
                    raised_on=r.month,
                )
                for r in rows
                if set(r.concerns) & {a.value for a in ALERT_CONCERNS}
            ],
            batch_size=2000,
        )
    else:
        # Made through the services this month; a real service's would have come in over months.
        by_month: dict[datetime.date, list[uuid.UUID]] = {}
        for pk in Response.objects.filter(version__survey__in=made).order_by("pk").values_list("pk", flat=True):
            by_month.setdefault(months[rng.randrange(MONTHS)], []).append(pk)
        for month, pks in by_month.items():
            Response.objects.filter(pk__in=pks).update(month=month)
            SafeguardingAlert.objects.filter(response_id__in=pks).update(raised_on=month)
    responses = Response.objects.filter(version__survey__in=made)
    return {
        "voice_surveys": len(made),
        "voice_responses": responses.count(),
        "voice_paper_responses": responses.filter(channel=Channel.PAPER).count(),
        "voice_alerts": SafeguardingAlert.objects.filter(response__version__survey__in=made).count(),
        # Staff made here (involvement leads where a prison had none, the duty sign-ins).
        "voice_users": User.objects.count() - users_before,
    }


def _bulk_row(
    *,
    survey: Survey,
    version: SurveyVersion,
    answers: dict[str, Any],
    channel: str,
    easy_read: bool,
    entered_by: User | None,
    month: datetime.date,
    rng: random.Random,
) -> Response:
    """A response with the fields voice.services.response_submit would set for it."""
    cleaned = definition.answers_clean(version.definition, answers)
    written = definition.free_text_by_id(version.definition, cleaned)
    found = screen(*written.values())
    # Stored redacted, as response_submit stores them (the demo's words name no one, so no words
    # as written need keeping).
    cleaned.update({question: redact(words).text for question, words in written.items()})
    return Response(
        version=version,
        organisation_id=survey.about_id,
        contract_id=survey.contract_id,
        month=month,
        channel=channel,
        language="en",
        easy_read=easy_read,
        answers=cleaned,
        submission_digest=anonymity.submission_digest(str(uuid.UUID(int=rng.getrandbits(128)))),
        entered_by=entered_by,
        concerns=sorted(found),
        restricted=Concern.STAFF_ALLEGATION in found,
    )
