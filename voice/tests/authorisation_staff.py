"""Authorisation rows for the staff views (voice/views/staff.py). Reading safeguarding alerts and
allegations against staff depends on the flags `safer_custody` and `professional_standards`, not on
a role, and the world's users have neither: so here the prison's member of staff is made a safer
custody officer (at the prison the feedback is about) and the probation practitioner a member of
professional standards, to show the pages answer 200 to them and 403 to everyone else, the
administrator included."""

from __future__ import annotations

import uuid

from tests.matrix import World, expect
from voice.constants import Channel
from voice.services import response_submit
from voice.tests.helpers import published_survey

MATRIX = {
    ("voice:alerts", "get"): expect(403, prison_staff=200),
    ("voice:alert-review", "get"): expect(403, prison_staff=200),
    ("voice:restricted", "get"): expect(403, probation_practitioner=200),
}


def arrange(world: World) -> dict[str, list[object]]:
    safer = world.users["prison_staff"]
    safer.safer_custody = True
    safer.save(update_fields=["safer_custody"])
    standards = world.users["probation_practitioner"]
    standards.professional_standards = True
    standards.save(update_fields=["professional_standards"])
    survey = published_survey(lead=world.users["involvement_lead"], title="Safer custody matrix survey")
    for words in ("Some days I want to end it all", "Officer Testman punched me on the landing"):
        response_submit(
            survey_id=survey.pk,
            version_number=1,
            answers={"overall": "poor", "overall_why": words, "food": "yes"},
            submission_id=str(uuid.uuid4()),
            channel=Channel.KIOSK,
        )
    # Either answer may raise an alert (the screen reads a threat of harm in both): any one will do.
    alert = survey.versions.get().responses.filter(alert__isnull=False).order_by("alert__pk").first().alert
    return {"voice:alert-review": [alert.pk]}
