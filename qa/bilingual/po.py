"""gettext PO files: each ``msgstr`` (each ``msgstr[N]`` of a plural entry) is a segment.

polib parses the file; a scan of its lines then finds where each ``msgstr`` lies, so that a
target's offsets run from just inside its first string literal to just inside its last one
(continuation literals included). Obsolete (``#~``) entries, the header and entries without a
translation are left out; fuzzy ones are checked. The segment id is the ``msgctxt``.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Optional

import regex

from ..patterns import compiled
from ..textmap import TextBuilder
from .model import AlignmentError, BilingualFile, Segment

_LINE = compiled(
    r'^[ \t]*(?P<kw>msgctxt|msgid_plural|msgid|msgstr(?:\[(?P<n>\d+)\])?)?[ \t]*"(?P<body>(?:[^"\\\r\n]|\\.)*)"[ \t]*$',
    regex.MULTILINE)
# Inside a target's raw range: an escape, or the seam between two continuation literals.
_RAW = compiled(r'\\(?P<esc>.)|"[ \t]*(?:\r\n|\r|\n)[ \t]*"')
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_ESCAPE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"})


def escape_po(text: str) -> str:
    """Plain text → the body of one PO string literal."""
    return text.translate(_ESCAPE)


def decode_po(builder: TextBuilder, start: int, end: int) -> None:
    """Append the value of the string literal(s) between ``start`` and ``end`` to ``builder``."""
    pos = start
    for m in _RAW.finditer(builder.original, start, end):
        if m.start() > pos:
            builder.copy(pos, m.start())
        esc = m.group("esc")
        builder.replace(m.start(), m.end(), _UNESCAPE.get(esc, esc) if esc is not None else "")
        pos = m.end()
    if pos < end:
        builder.copy(pos, end)


@dataclass
class _Entry:
    """Where one entry's string literals lie: keyword → (start, end) of each literal's body."""

    line: int
    fields: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def span(self, key: str) -> tuple[int, int]:
        parts = self.fields[key]
        return parts[0][0], parts[-1][1]


def _scan(original: str) -> list[_Entry]:
    """Every live entry's literals, in file order (``#~`` obsolete lines never match)."""
    line_starts = [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", original)]
    entries: list[_Entry] = []
    key: Optional[str] = None
    for m in _LINE.finditer(original):
        kw = m.group("kw")
        body = (m.start("body"), m.end("body"))
        if kw is None:
            if entries and key:
                entries[-1].fields[key].append(body)
            continue
        current = entries[-1] if entries else None
        if kw == "msgctxt" or (kw == "msgid" and (current is None or "msgid" in current.fields)):
            current = _Entry(bisect_right(line_starts, m.start()))
            entries.append(current)
        if current is None:
            raise AlignmentError(f"{kw} before any msgid", bisect_right(line_starts, m.start()))
        key = kw if m.group("n") is None else f"msgstr[{m.group('n')}]"
        current.fields[key] = [body]
    return entries


def _text(original: str, span: tuple[int, int]) -> str:
    builder = TextBuilder(original)
    decode_po(builder, *span)
    return builder.build()[0]


def read_po(original: str, path: str) -> BilingualFile:
    import polib

    try:
        po = polib.pofile(original, encoding="utf-8")
    except (OSError, ValueError) as exc:
        raise AlignmentError(f"malformed PO file: {exc}") from None
    entries = [e for e in po if not e.obsolete]
    located = [e for e in _scan(original) if "msgctxt" in e.fields or _text(original, e.span("msgid"))]
    if len(located) != len(entries):
        raise AlignmentError(f"found {len(located)} entries where polib read {len(entries)}")
    segments: list[Segment] = []
    for entry, place in zip(entries, located):
        if _text(original, place.span("msgid")) != entry.msgid:
            raise AlignmentError(f"entry at line {place.line} could not be located", place.line)
        if entry.msgid_plural:
            forms = sorted((k for k in place.fields if k.startswith("msgstr[")), key=lambda k: int(k[7:-1]))
            pairs = [(k, entry.msgid if k == "msgstr[0]" else entry.msgid_plural) for k in forms]
        else:
            pairs = [("msgstr", entry.msgid)]
        for key, source in pairs:
            if key not in place.fields:
                continue
            start, end = place.span(key)
            if not _text(original, (start, end)).strip():
                continue  # not translated yet: nothing to check
            segments.append(Segment(len(segments) + 1, source, start, end, place.line, entry.msgctxt))
    return BilingualFile(original, path, "po", segments, decode=decode_po, escape=escape_po)
