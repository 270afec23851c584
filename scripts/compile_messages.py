"""Compile every locale/**/*.po in the project into the .mo file Django reads, in pure Python.

Django's own compilemessages needs GNU gettext's msgfmt, which a fresh machine may not have; the
project's two commands must set everything up themselves (README, "Start"). This handles what our
catalogues use: msgctxt, msgid, msgid_plural, msgstr and msgstr[n], continued strings, C escapes,
and skips entries marked fuzzy (as msgfmt does). Usage: python scripts/compile_messages.py [root]"""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

SKIP = {".venv", "node_modules", ".git", "var"}


def _unquote(text: str) -> str:
    return ast.literal_eval(text) if text.startswith('"') else ""


def parse(po: str) -> dict[bytes, bytes]:
    """The catalogue as {key: translation} in .mo encoding (context EOT id, plurals NUL-joined)."""
    messages: dict[bytes, bytes] = {}
    entry: dict[str, str] = {}
    fuzzy = False
    field = ""

    def flush() -> None:
        nonlocal entry, fuzzy
        if "msgid" in entry and not fuzzy:
            key = entry["msgid"]
            if "msgid_plural" in entry:
                key += "\0" + entry["msgid_plural"]
                forms = [entry[k] for k in sorted(k for k in entry if k.startswith("msgstr["))]
                value = "\0".join(forms)
            else:
                value = entry.get("msgstr", "")
            if "msgctxt" in entry:
                key = entry["msgctxt"] + "\x04" + key
            if value.replace("\0", "") or key == "":
                messages[key.encode()] = value.encode()
        entry, fuzzy = {}, False

    for raw in po.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            flush()
            fuzzy = True
            continue
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            entry[field] = entry.get(field, "") + _unquote(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and ("msgstr" in entry or any(k.startswith("msgstr[") for k in entry)):
            flush()
        field = keyword
        entry[field] = _unquote(rest.strip())
    flush()
    return messages


def mo_bytes(messages: dict[bytes, bytes]) -> bytes:
    keys = sorted(messages)
    ids = b"".join(k + b"\0" for k in keys)
    strs = b"".join(messages[k] + b"\0" for k in keys)
    count = len(keys)
    start = 7 * 4 + 16 * count
    offsets_ids, offsets_strs, position = [], [], 0
    for k in keys:
        offsets_ids += [len(k), start + position]
        position += len(k) + 1
    ids_end = start + position
    position = 0
    for k in keys:
        offsets_strs += [len(messages[k]), ids_end + position]
        position += len(messages[k]) + 1
    header = struct.pack("<7I", 0x950412DE, 0, count, 7 * 4, 7 * 4 + 8 * count, 0, 0)
    table = struct.pack(f"<{2 * count}I", *offsets_ids) + struct.pack(f"<{2 * count}I", *offsets_strs)
    return header + table + ids + strs


def main(root: Path) -> int:
    compiled = 0
    for po in sorted(root.rglob("locale/*/LC_MESSAGES/*.po")):
        if SKIP & set(po.relative_to(root).parts):
            continue
        po.with_suffix(".mo").write_bytes(mo_bytes(parse(po.read_text(encoding="utf-8"))))
        compiled += 1
    print(f"messages: compiled {compiled} catalogue(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent))
