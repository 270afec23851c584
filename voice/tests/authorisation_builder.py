"""Authorisation rows for the builder views (voice/views/builder.py). The survey is run by the
world's involvement lead (at the world's prison); only involvement leads and administrators build
surveys, so everyone else is refused (403). Another organisation's lead is told the survey does not
exist (404): voice/tests/test_builder_views.py checks that, since the world has one user per role."""

from __future__ import annotations

from tests.matrix import World, expect
from voice.tests.helpers import published_survey

BUILDERS = expect(403, involvement_lead=200, administrator=200)
# The small forms on the survey page: sent empty they change nothing and go back with a message.
BUILDERS_POST = expect(403, involvement_lead=302, administrator=302)

MATRIX = {
    ("voice:surveys", "get"): BUILDERS,
    ("voice:survey-new", "get"): BUILDERS,
    ("voice:survey", "get"): BUILDERS,
    ("voice:question-new", "get"): BUILDERS,
    ("voice:question-edit", "get"): BUILDERS,
    ("voice:question-move", "post"): BUILDERS_POST,
    ("voice:question-remove", "post"): BUILDERS_POST,
    ("voice:survey-preview", "get"): BUILDERS,
    # A published survey has no draft to publish: refused with a message, nothing changes.
    ("voice:survey-publish", "post"): BUILDERS_POST,
    ("voice:survey-close", "get"): BUILDERS,
    ("voice:survey-results", "get"): BUILDERS,
}


def arrange(world: World) -> dict[str, list[object]]:
    survey = published_survey(lead=world.users["involvement_lead"])
    one = [survey.pk]
    question = [survey.pk, "food"]
    return {
        "voice:survey": one,
        "voice:question-new": one,
        "voice:question-edit": question,
        "voice:question-move": question,
        "voice:question-remove": question,
        "voice:survey-preview": one,
        "voice:survey-publish": one,
        "voice:survey-close": one,
        "voice:survey-results": one,
    }
