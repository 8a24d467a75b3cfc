"""Two-column TSV: ``source<TAB>target`` on each line.

Cells are taken as they are (no quoting, no escapes); blank lines are skipped, and so is a
first row of column names (``source<TAB>target``, or two language codes such as ``fr<TAB>en``).
A row whose target is empty is left out (nothing to check); a row without exactly two cells
is an error naming its line.
"""
from __future__ import annotations

import regex

from ..patterns import compiled
from .model import AlignmentError, BilingualFile, Segment

_LINE = compiled(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_HEADER_CELL = compiled(r"^(?:(?i:source|target|src|tgt|translation)|[a-z]{2}(?:[-_][A-Z]{2})?)$")


def escape_cell(text: str) -> str:
    if regex.search(r"[\t\r\n]", text):
        raise ValueError("a TSV cell cannot hold a tab or a line break")
    return text


def read_tsv(original: str, path: str) -> BilingualFile:
    segments: list[Segment] = []
    first = True
    for line_number, m in enumerate(_LINE.finditer(original), 1):
        line = m.group().rstrip("\r\n")
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 2:
            raise AlignmentError(f"line {line_number}: {len(cells)} columns; a bilingual TSV has "
                                 "two (source<TAB>target)", line_number)
        if first and all(_HEADER_CELL.match(c.strip()) for c in cells):
            first = False
            continue
        first = False
        if not cells[1].strip():
            continue
        start = m.start() + len(cells[0]) + 1
        segments.append(Segment(len(segments) + 1, cells[0], start, m.start() + len(line), line_number))
    return BilingualFile(original, path, "tsv", segments, escape=escape_cell)
