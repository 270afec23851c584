"""The guidance library's text format, kept tiny so that leads need no HTML and a page can never
carry markup of its own (everything typed is escaped):

    blank line     a new paragraph
    "## Heading"   a heading
    "- item"       a bulleted list
    "1. item"      a numbered list
    https://…      a bare web address becomes a link

Rendered with GOV.UK Frontend's typography classes, so pages look like the rest of the service."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

HEADING = "## "
BULLET = "- "
NUMBERED = re.compile(r"^\d{1,3}[.)] ")
# A bare https address, ending before whitespace or a character that cannot be in one; trailing
# punctuation belongs to the sentence, not the address.
ADDRESS = re.compile(r"https://[^\s<>\"'`]+")
TRAILING = ".,;:!?)]}"


def _inline(text: str) -> str:
    """Escape everything, turning bare https addresses into links."""
    out: list[str] = []
    last = 0
    for match in ADDRESS.finditer(text):
        address = match.group(0).rstrip(TRAILING)
        if len(address) <= len("https://"):
            continue
        end = match.start() + len(address)
        out.append(str(escape(text[last : match.start()])))
        safe = str(escape(address))
        out.append(f'<a class="govuk-link" href="{safe}">{safe}</a>')
        last = end
    out.append(str(escape(text[last:])))
    return "".join(out)


def _kind(line: str) -> str:
    if line.startswith(HEADING):
        return "h2"
    if line.startswith(BULLET):
        return "ul"
    if NUMBERED.match(line):
        return "ol"
    return "p"


def _content(line: str, kind: str) -> str:
    if kind == "h2":
        return line[len(HEADING) :].strip()
    if kind == "ul":
        return line[len(BULLET) :].strip()
    if kind == "ol":
        return NUMBERED.sub("", line, count=1).strip()
    return line.strip()


OPEN = {
    "p": '<p class="govuk-body">',
    "h2": '<h2 class="govuk-heading-m">',
    "ul": '<ul class="govuk-list govuk-list--bullet">',
    "ol": '<ol class="govuk-list govuk-list--number">',
}


def guidance_html(text: str) -> Markup:
    """The page text as safe HTML. Consecutive plain lines join into one paragraph; consecutive
    list lines into one list; a heading stands alone."""
    blocks: list[str] = []
    kind = ""  # the block being built: "p", "ul", "ol", or "" for none
    parts: list[str] = []

    def close() -> None:
        nonlocal kind, parts
        if kind == "p":
            blocks.append(OPEN["p"] + " ".join(parts) + "</p>")
        elif kind in ("ul", "ol"):
            items = "".join(f"<li>{item}</li>" for item in parts)
            blocks.append(OPEN[kind] + items + f"</{kind}>")
        kind, parts = "", []

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            close()
            continue
        line_kind = _kind(line)
        content = _content(line, line_kind)
        if not content:
            # A marker with nothing after it ("## " or "- ") is shown as typed.
            line_kind, content = "p", line
        if line_kind == "h2":
            close()
            blocks.append(OPEN["h2"] + _inline(content) + "</h2>")
            continue
        if line_kind != kind:
            close()
            kind = line_kind
        parts.append(_inline(content))
    close()
    return Markup("\n".join(blocks))  # noqa: S704 - every piece of text above went through escape()
