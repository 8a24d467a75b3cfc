"""Where to cut a very long article into windows that are checked one at a time.

Every rule is linear, but the structures a document keeps for its rules (word runs, needle
offsets, sentence spans) cost tens of bytes per character: a 100 MB article on one line held
them all at once. An article longer than ``WINDOW`` characters is therefore checked a window
at a time, each cut where a paragraph ends, else after a sentence outside a quotation,
else at a space, so that no phrase a rule reads is split. Real articles (a few KB) are one window.
"""
from __future__ import annotations

from typing import Iterator

from .patterns import compiled

#: The largest window, in characters: about 170,000 words, more than any article.
WINDOW = 1 << 20
_LAST_QUOTE_MARK = compiled(r'(?r)["\u201c\u201d\u00ab\u00bb]')
#: How far back the quotation a cut might fall in is looked for, in characters.
_QUOTE_REACH = 2000
# A sentence end followed by a capital, searched backwards from the window's end.
_SENTENCE_END = compiled(r"(?r)[.!?\u2026][\"'\u201d\u2019\u00bb)\]]*\s+(?=\p{Lu})")
#: How many sentence ends are tried, from the last, for one outside a quotation.
_TRIES = 64


def window_bounds(text: str, size: int = WINDOW) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive windows covering ``text``, none longer than ``size``."""
    start = 0
    while len(text) - start > size:
        end = _cut(text, start + size // 2, start + size)
        yield start, end
        start = end
    yield start, len(text)


def _cut(text: str, lo: int, hi: int) -> int:
    """The best place in ``(lo, hi]`` to end a window: the second half of the longest it may be."""
    line_end = text.rfind("\n", lo, hi)
    if line_end >= 0:
        return line_end + 1
    for tried, m in enumerate(_SENTENCE_END.finditer(text, lo, hi)):
        if tried == _TRIES:
            break
        if not _in_quotation(text, m.end()):
            return m.end()
    space = text.rfind(" ", lo, hi)
    return space + 1 if space >= 0 else hi


def _in_quotation(text: str, pos: int) -> bool:
    """Whether the last double quote mark in the ``_QUOTE_REACH`` characters before ``pos`` opens
    a quotation (a straight mark opens when white space or nothing precedes it)."""
    m = _LAST_QUOTE_MARK.search(text, max(0, pos - _QUOTE_REACH), pos)
    if m is None:
        return False
    mark = m.group()
    return mark in "\u201c\u00ab" or (mark == '"' and (m.start() == 0 or text[m.start() - 1].isspace()))
