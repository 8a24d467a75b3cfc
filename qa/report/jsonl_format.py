"""JSON Lines: one object per article (DESIGN.md's file entry plus ``tool`` and ``version``).

A consumer can stream the report line by line instead of parsing one large document.
"""
from __future__ import annotations

import json

from . import RunResult
from .json_format import file_entry

# Characters that str.splitlines() and some readers take for line ends; JSON may escape them.
_LINE_LIKE = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def render(run: RunResult) -> str:
    lines = (json.dumps({"tool": "mtlint", "version": run.version, **file_entry(r)}, ensure_ascii=False)
             for r in run.results)
    return "".join(_escaped(line) + "\n" for line in lines)


def _escaped(line: str) -> str:
    # Translating looks every character up in a table: ~0.1 µs each, so most of a short
    # article's line; the ``in`` tests scan in C, and the characters are rare.
    if "\x85" in line or "\u2028" in line or "\u2029" in line:
        return line.translate(_LINE_LIKE)
    return line
