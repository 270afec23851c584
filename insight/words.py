"""Words as people write them, brought to one form before any rule reads them.

Feedback written on a kiosk or on paper has no reliable case, punctuation or spelling: "kiling
myself", "KMS", "im gonna do him in", "cuttin again". Every rule in insight/ reads text through
`stems()`, which lower-cases, expands text-speak and contractions, strips the common English
endings (killing, killed, kills → kil), and brings a near-miss spelling of a word the rules use
to that word ("sucide", "strangel"), so one rule covers the inflections and misspellings of the
words it names. Rules are written in plain words and compiled through the same steps (`pattern`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA
from spellchecker import SpellChecker

# Text-speak and run-together forms, read as the words they stand for (before stemming).
SPEAK = {
    "u": "you",
    "ur": "your",
    "im": "i am",
    "ima": "i am going to",
    "imma": "i am going to",
    "gonna": "going to",
    "gna": "going to",
    "gunna": "going to",
    "wanna": "want to",
    "wana": "want to",
    "gotta": "got to",
    "kms": "kill myself",
    "kys": "kill yourself",
    "myslef": "myself",
    "meself": "myself",
    "mesel": "myself",
    "mysel": "myself",
    "maself": "myself",
    "masel": "myself",
    "himsel": "himself",
    "hisself": "himself",
    "selfharm": "self harm",
    "selfharming": "self harming",
    "cant": "can not",
    "cannot": "can not",
    "wont": "will not",
    "dont": "do not",
    "aint": "am not",
    "ill": "i will",
    "id": "i would",
    "ive": "i have",
    "hes": "he is",
    "shes": "she is",
    "theyre": "they are",
    "tho": "though",
    "coz": "because",
    "cos": "because",
    "cuz": "because",
    "n": "and",
    "2": "to",
    "4": "for",
    "b4": "before",
    "wiv": "with",
    "wit": "with",
    "da": "the",
    "dat": "that",
    "dem": "them",
    "em": "them",
    "summat": "something",
    "sumthing": "something",
    "smthg": "something",
    "nuffin": "nothing",
    "nothin": "nothing",
    "od": "overdose",
    "oding": "overdosing",
    "kut": "cut",
    "kutting": "cutting",
    "kuttin": "cutting",
    "evry": "every",
    "nite": "night",
    "propa": "proper",
}
# Irregular forms the suffix rules below would not find.
IRREGULAR = {
    "hung": "hang",
    "hanged": "hang",
    "died": "die",
    "dies": "die",
    "dying": "die",
    "dyin": "die",
    "dead": "dead",
    "slit": "slit",
    "slitting": "slit",
    "beat": "beat",
    "beaten": "beat",
    "beating": "beat",
    # The act and the thing are told apart where the thing is ordinary ("have a stab at the quiz",
    # "fish in batter", "a stab vest"): the past and the -ing forms keep their own stems.
    "stabbed": "stabbed",
    "stabbing": "stabbed",
    "stabbin": "stabbed",
    "battered": "battered",
    "battering": "battered",
    "threw": "throw",
    "thrown": "throw",
    "took": "take",
    "taken": "take",
    "taking": "take",
    "lives": "life",
    "living": "live",
    "livin": "live",
    "better": "better",
    "fed": "fed",
    "bled": "bleed",
    "bleeding": "bleed",
    "swallowed": "swallow",
    "burnt": "burn",
    "set": "set",
    "raping": "rape",
    "raped": "rape",
    "rapes": "rape",
    "choked": "choke",
    "choking": "choke",
    "strangled": "strangle",
    "strangling": "strangle",
    "done": "do",
    "doing": "do",
    "did": "do",
    "does": "do",
    "doin": "do",
    "gave": "give",
    "given": "give",
    "giving": "give",
    "made": "make",
    "making": "make",
    "was": "was",
    "has": "has",
    "is": "is",
    "this": "this",
    "us": "us",
    "bus": "bus",
    "his": "his",
    "yes": "yes",
    "less": "less",
    "always": "always",
    "sometimes": "sometimes",
    "nothing": "nothing",
    "something": "something",
    "anything": "anything",
    "everything": "everything",
    "thing": "thing",
    "things": "thing",
    "morning": "morning",
    "evening": "evening",
    "during": "during",
    "being": "be",
    "going": "go",
    "goin": "go",
    "gone": "go",
    "went": "go",
    "wing": "wing",
    "ring": "ring",
    "bring": "bring",
    "spring": "spring",
    "string": "string",
    "king": "king",
    "sing": "sing",
    "sting": "sting",
    "swing": "swing",
    "ceiling": "ceiling",
    # Cutting (oneself) is not a cut (in visits, pay or hours): the rules must tell them apart.
    "cutting": "cutting",
    "cuttin": "cutting",
    "cutin": "cutting",
    "off": "off",
    "glasses": "glasses",
    "glassed": "glassed",
    "glassing": "glassed",
    "kettled": "kettled",
    "kettling": "kettled",
    "kettles": "kettle",
    "harming": "harming",
    "attacked": "attacked",
}
_SUFFIXES = ("ings", "ing", "in", "ed", "es", "s")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_CONTRACTIONS = (
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"'ll\b"), " will"),
    (re.compile(r"'m\b"), " am"),
    (re.compile(r"'re\b"), " are"),
    (re.compile(r"'ve\b"), " have"),
    (re.compile(r"'d\b"), " would"),
    (re.compile(r"in'(?=\s|$)"), "ing"),
)
_REPEATS = re.compile(r"(\w)\1{2,}")
_WELSH_CLITIC = re.compile(r"'(?=(?:r|n|w|i|ch|th)\b)")
# Fuzzy matching is for words long enough that one slip cannot turn an ordinary word into a rule's
# word; and it never changes the first letter ("filling" is not "killing").
_FUZZY_MIN = 5
# The rules' words, registered by `pattern` as it compiles them; fuzzy matching aims only at these.
_VOCABULARY: set[str] = set()
_FUZZY_TARGETS: list[str] = []
# The English word list cannot vouch for Welsh words, so a Welsh word is never a fuzzy target ("llawn",
# full, is not "llafn", a blade); English words rarely begin with these letters.
_WELSH_LOOKING = re.compile(r"^(?:ll|dd|ff|rh|ngh|mh|nh|ng)|[âêîôûŵŷ]|w[^aeiouhrs]")


def stem(word: str) -> str:
    """A word's stem, by the English endings alone: cutting, cuttin, cuts → cut; killed → kil."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    base = word
    for suffix in _SUFFIXES:
        if base.endswith(suffix) and len(base) - len(suffix) >= 3 and not base.endswith("ss"):
            base = base[: -len(suffix)]
            break
    # Welsh writes dd, ll, ff as letters of their own ("ladd" is not "lad"); "killing" keeps its ll too.
    if len(base) >= 3 and base[-1] == base[-2] and base[-1] not in "aeioudlfs":
        base = base[:-1]
    return base


def _prepared(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    for contraction, expanded in _CONTRACTIONS:
        text = contraction.sub(expanded, text)
    # Welsh joins its little words with an apostrophe (o'r, fi'n, i'w): they stay words of their own.
    text = _WELSH_CLITIC.sub(" ", text).replace("'", "")
    return _REPEATS.sub(r"\1\1", text)


def words(text: str) -> list[str]:
    """The text's words, lower-cased, contractions and text-speak expanded (no stemming)."""
    out: list[str] = []
    for token in _TOKEN.findall(_prepared(text)):
        out.extend(SPEAK.get(token, token).split())
    return out


@lru_cache(maxsize=1)
def _english() -> dict[str, int]:
    """Word frequencies of English (pyspellchecker's list, from subtitles): a word people use
    often is a word, not a slip, and is never corrected ("group" is not "grope", "meditation"
    is not "medication")."""
    return SpellChecker(language="en").word_frequency.dictionary


_KNOWN_WORD = 50  # uses in the frequency list


@lru_cache(maxsize=65536)
def canonical(word: str) -> str:
    """A word's stem; a near miss of a rule's word (one letter wrong, missing, extra or swapped,
    first letter kept) that is not itself a common English word becomes that word's stem."""
    stemmed = stem(word)
    if stemmed in _VOCABULARY or len(word) < _FUZZY_MIN or word.isdigit():
        return stemmed
    if _english().get(word, 0) >= _KNOWN_WORD:
        return stemmed
    found = process.extractOne(stemmed, _FUZZY_TARGETS, scorer=OSA.distance, score_cutoff=1)
    if found is not None and found[0][0] == stemmed[0] and abs(len(found[0]) - len(stemmed)) <= 1:
        return found[0]
    return stemmed


def stems(text: str) -> str:
    """The text as one line of canonical stems, each surrounded by single spaces."""
    return " " + " ".join(canonical(w) for w in words(text)) + " "


def pattern(spec: str) -> str:
    """A regular expression over `stems()` from a rule written in words: words separated by spaces
    are a sequence; `a|b` is either; `a_b` is a phrase inside an alternative; a trailing `?` makes
    a step optional; `!a|b` means the next word is neither; `#` is any number; `*N` allows up to N words of anything
    between two steps."""
    parts: list[str] = []
    for step in spec.split():
        if step.startswith("*"):
            parts.append(r"(?:\S+ ){0," + str(int(step[1:])) + "}")
            continue
        if step == "#":  # any number: "took 40 of my tablets"
            parts.append(r"\d+ ")
            continue
        if step.startswith("!"):
            parts.append("(?!" + _alternatives(step[1:]) + ")")
            continue
        group = _alternatives(step.rstrip("?"))
        parts.append(f"(?:{group})?" if step.endswith("?") else group)
    return " " + "".join(parts)


def _alternatives(step: str) -> str:
    alternatives = []
    for alternative in step.split("|"):
        phrase = [canonical_stem(w) for w in words(alternative.replace("_", " "))]
        alternatives.append(" ".join(re.escape(p) for p in phrase) + " ")
    return "(?:" + "|".join(sorted(set(alternatives), key=len, reverse=True)) + ")"


def canonical_stem(word: str) -> str:
    """A rule's word, registered as a target for fuzzy matching when it is long enough."""
    stemmed = stem(word)
    if stemmed not in _VOCABULARY:
        _VOCABULARY.add(stemmed)
        if len(word) >= _FUZZY_MIN and not _WELSH_LOOKING.match(word):
            _FUZZY_TARGETS.append(stemmed)
        canonical.cache_clear()
    return stemmed
