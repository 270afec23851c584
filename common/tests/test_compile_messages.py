"""scripts/compile_messages.py: catalogues compile without GNU gettext, and read back as written."""

from __future__ import annotations

import gettext
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("compile_messages", ROOT / "scripts" / "compile_messages.py")
assert _spec and _spec.loader
compile_messages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compile_messages)

PO = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#: voice/views/kiosk.py
msgid "Next"
msgstr "Nesaf"

msgid ""
"A long message "
"on two lines"
msgstr "Neges hir "
"ar ddwy linell"

msgctxt "button"
msgid "Send"
msgstr "Anfon"

msgid "%(n)s answer waiting"
msgid_plural "%(n)s answers waiting"
msgstr[0] "%(n)s ateb yn aros"
msgstr[1] "%(n)s ateb yn aros i'w anfon"

#, fuzzy
msgid "Back"
msgstr "Yn ôl?"

msgid "Untranslated"
msgstr ""

msgid "Quote \" and newline\n"
msgstr "Dyfyniad \" a llinell\n"
"""


def test_a_catalogue_compiles_and_reads_back(tmp_path):
    po = tmp_path / "locale" / "cy" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO, encoding="utf-8")
    assert compile_messages.main(tmp_path) == 0
    with po.with_suffix(".mo").open("rb") as f:
        catalogue = gettext.GNUTranslations(f)
    assert catalogue.gettext("Next") == "Nesaf"
    assert catalogue.gettext("A long message on two lines") == "Neges hir ar ddwy linell"
    assert catalogue.pgettext("button", "Send") == "Anfon"
    assert catalogue.ngettext("%(n)s answer waiting", "%(n)s answers waiting", 1) == "%(n)s ateb yn aros"
    assert catalogue.ngettext("%(n)s answer waiting", "%(n)s answers waiting", 3) == "%(n)s ateb yn aros i'w anfon"
    assert catalogue.gettext("Back") == "Back"  # fuzzy entries are not used
    assert catalogue.gettext("Untranslated") == "Untranslated"
    assert catalogue.gettext('Quote " and newline\n') == 'Dyfyniad " a llinell\n'
