"""The safeguarding screen at the door (issue 5, "Safeguarding and complaints at the door"): what
someone wrote is checked, before anything else happens to it, for words about self-harm or harm to
others (routed to a human in the safer custody team), an allegation against a member of staff
(a restricted route, never published) and a complaint (signposted to the formal process).

Deliberately a cautious word list, not a model: a false alarm costs a person a minute of a
safer-custody officer's reading, a miss can cost a life (PSI 64/2011, ACCT: "any member of staff
who receives information ... that a prisoner may be at risk of harming themselves must act").
Words are matched on whole words, case-insensitive, in English and Welsh."""

from __future__ import annotations

import re
from functools import cache

from insight.constants import Concern

PHRASES: dict[str, tuple[str, ...]] = {
    Concern.SELF_HARM: (
        "kill myself",
        "killing myself",
        "end my life",
        "end it all",
        "take my own life",
        "suicide",
        "suicidal",
        "self harm",
        "self-harm",
        "selfharm",
        "harm myself",
        "hurt myself",
        "hurting myself",
        "cut myself",
        "cutting myself",
        "hang myself",
        "overdose",
        "want to die",
        "better off dead",
        "no reason to live",
        "can't go on",
        "cannot go on",
        "lladd fy hun",
        "hunanladdiad",
        "niweidio fy hun",
        "hunan-niweidio",
        "eisiau marw",
    ),
    Concern.HARM_TO_OTHERS: (
        "kill him",
        "kill her",
        "kill them",
        "kill someone",
        "kill you",
        "stab",
        "stabbed",
        "going to hurt",
        "gonna hurt",
        "hurt someone",
        "beat him up",
        "beat her up",
        "attack",
        "attacked",
        "assault",
        "assaulted",
        "weapon",
        "shank",
        "bully",
        "bullied",
        "bullying",
        "threatened",
        "threatening",
        "abuse",
        "abused",
        "lladd e",
        "lladd hi",
        "ymosod",
        "bwlio",
    ),
    Concern.STAFF_ALLEGATION: (
        "officer hit",
        "officer assaulted",
        "officer abused",
        "officer threatened",
        "staff hit",
        "staff assaulted",
        "staff abused",
        "staff threatened",
        "guard hit",
        "screw hit",
        "screws hit",
        "mr ",
        "mrs ",
        "ms ",
        "officer ",
        "swyddog",
    ),
    Concern.COMPLAINT: (
        "complain",
        "complaint",
        "complaints",
        "comp1",
        "ombudsman",
        "cwyn",
        "cwyno",
    ),
}

# Naming a member of staff is only an allegation when it comes with wrongdoing.
WRONGDOING = (
    "hit",
    "hits",
    "punched",
    "kicked",
    "assaulted",
    "abused",
    "threatened",
    "racist",
    "sexual",
    "touched",
    "bribe",
    "drugs",
    "smuggling",
    "bullied",
    "bullying",
    "restrained",
    "spat",
    "beat",
    "beaten",
    "taro",
    "bygwth",
)


@cache
def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    parts = sorted((re.escape(p.strip()) for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


def concerns(*texts: str) -> set[str]:
    """The concerns raised by any of the texts (see PHRASES); an empty set when none."""
    text = " ".join(t for t in texts if t)
    if not text.strip():
        return set()
    text = re.sub(r"\s+", " ", text)
    found = set()
    for concern in (Concern.SELF_HARM, Concern.HARM_TO_OTHERS, Concern.COMPLAINT):
        if _pattern(PHRASES[concern]).search(text):
            found.add(concern.value)
    if _pattern(PHRASES[Concern.STAFF_ALLEGATION]).search(text + " ") and _pattern(WRONGDOING).search(text):
        found.add(Concern.STAFF_ALLEGATION.value)
    return found
