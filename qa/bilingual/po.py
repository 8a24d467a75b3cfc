"""gettext PO files: each ``msgstr`` (each ``msgstr[N]`` of a plural entry) is a segment.

polib parses the file; a scan of the lines then finds where each ``msgstr`` lies, so that a
target's offsets run from just inside its first string literal to just inside its last one
(continuation literals included). Obsolete (``#~``) entries, the header and entries without a
translation are left out; fuzzy ones are checked. The segment id is the ``msgctxt``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import regex

from ..textmap import TextBuilder
from .model import AlignmentError, BilingualFile, Segment

_LINE = regex.compile(
    r'^[ \t]*(?P<kw>msgctxt|msgid_plural|msgid|msgstr(?:\[(?P<n>\d+)\])?)?[ \t]*"(?P<body>(?:[^"\\\r\n]|\\.)*)"[ \t]*$',
    regex.MULTILINE)
# Inside a target's raw range: an escape, or the boundary between two continuation literals.
_RAW = regex.compile(r'\\(?P<esc>.)|(?P<join>"[ \t]*(?:\r\n|\r|\n)[ \t]*")')
_UNESCAPE = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "\\": "\\", '"': '"'}
_ESCAPE = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"})


def escape_po(text: str) -> str:
    """Plain text → the body of one PO string literal."""
    return text.translate(_ESCAPE)


def decode_po(builder: TextBuilder, start: int, end: int) -> None:
    """Append the value of the string literals between ``start`` and ``end`` to ``builder``."""
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
    line: int
    fields: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def span(self, key: str) -> tuple[int, int]:
        parts = self.fields[key]
        return parts[0][0], parts[-1][1]


def _scan(original: str) -> list[_Entry]:
    """Every entry's string-literal bodies by keyword, in file order (obsolete entries excluded)."""
    entries: list[_Entry] = []
    current: Optional[_Entry] = None
    key: Optional[str] = None
    line_starts = [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", original)]
    for m in _LINE.finditer(original):
        kw = m.group("kw")
        span = (m.start("body"), m.end("body"))
        if kw is None:
            if current is not None and key is not None:
                current.fields[key].append(span)
            continue
        starts_entry = kw == "msgctxt" or (kw == "msgid" and (current is None or "msgid" in current.fields))
        if starts_entry:
            from bisect import bisect_right

            current = _Entry(bisect_right(line_starts, m.start()))
            entries.append(current)
        if current is None:
            raise AlignmentError(f"{kw} before any msgid", bisect_right_line(line_starts, m.start()))
        key = kw if m.group("n") is None else f"msgstr[{m.group('n')}]"
        current.fields[key] = [span]
    return entries


def bisect_right_line(line_starts: list[int], offset: int) -> int:
    from bisect import bisect_right

    return bisect_right(line_starts, offset)
