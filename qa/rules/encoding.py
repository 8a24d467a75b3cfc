"""MT502–MT503: encoding — bytes that were not UTF-8, mojibake and invisible characters."""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from typing import Iterator, Optional

import regex

from ..document import Document, Span
from ..finding import Hit, Severity
from ..patterns import compiled
from .anchors import SPACES, matches_at
from .base import Rule

# The bytes of a UTF-8 sequence seen through cp1252 or Latin-1: a lead character
# (U+00C2–U+00F4) followed by continuation characters (0x80–0xBF, as cp1252 shows them).
_CONTINUATION = "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014" \
                "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_LEAD = "\u00c2-\u00f4"
_MOJIBAKE_HINT = compiled(f"[{_LEAD}][{_CONTINUATION}]|\u00c3 ")
_CONTINUATION_CHAR = compiled(f"[{_CONTINUATION}]")
_C1 = compiled("[\u0080-\u009f]")
# The runs of spaces between words.
_SPACES = re.compile(r"\s+")
# Characters that take no room on the page but change what the words are to software.
_INVISIBLE = compiled("[\u200b-\u200f\u2060-\u2064\ufeff\u180e\u202a-\u202e\u2066-\u2069]+")
_JOINERS = "\u200c\u200d"
_BIDI = compiled("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_RTL = compiled(r"[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}]")
_TRIM = "()[]{},.;:!?\"'"
# Whatever MT503 may report starts with one of these: a paragraph without any is skipped.
# (Plain character classes: the standard engine scans them about twice as fast.)
_ANY_SIGN = re.compile(f"{_MOJIBAKE_HINT.pattern}|\ufffd|{_INVISIBLE.pattern}")
# Every sign opens with a non-ASCII character: _ANY_SIGN is tried only where one stands.
_NON_ASCII = compiled(r"[^\x00-\x7f]")


def _in_mojibake(text: str, i: int) -> bool:
    """Whether the C1 character at ``i`` continues a UTF-8 sequence read as Latin-1."""
    j = i - 1
    while j >= 0 and i - j <= 3 and _CONTINUATION_CHAR.match(text[j]):
        j -= 1
    return j >= 0 and i - j <= 3 and "\u00c2" <= text[j] <= "\u00f4"


class InvalidUtf8(Rule):
    """The input was not valid UTF-8, or carries bytes of a legacy encoding read as Latin-1.

    **What it does**
    Reports the first byte that was not UTF-8 when the reader had to fall back to
    Windows-1252, and C1 control characters (U+0080–U+009F) in the text: they appear
    only when Windows-1252 bytes (curly quotes, dashes, €) were decoded as Latin-1.

    **Why is this bad?**
    The file's encoding is wrong: other characters may be misread too, and the C1
    characters are invisible or shown as boxes where a quote mark or dash belongs.

    **Example**
    bad: The minister didn[[\u0092]]t say when. => \u2019
    good: The minister didn\u2019t say when.

    **Fix safety**
    A C1 character is replaced by the Windows-1252 character its byte stands for (safe);
    a file that failed to decode must be re-saved as UTF-8 (no automatic fix).
    """

    code = "MT502"
    name = "invalid-utf8"
    category = "encoding"
    severity = Severity.MINOR
    fixable = "sometimes"
    confidence = 0.95

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        at = doc.decode_error_at()
        if at is not None:
            yield Hit(at, at + 1, "the input is not valid UTF-8 from here: it was read as Windows-1252; "
                      "re-save the file as UTF-8", None, "none")
        for m in _C1.finditer(text):
            if _in_mojibake(text, m.start()):
                continue  # part of a UTF-8 sequence: MT503 repairs the whole word
            try:
                meant = bytes([ord(m.group())]).decode("cp1252")
            except UnicodeDecodeError:
                meant = None
            yield Hit(m.start(), m.end(), f"control character U+{ord(m.group()):04X}: a Windows-1252 byte "
                      "read as Latin-1", meant, "safe" if meant else "none")


@lru_cache(maxsize=4096)
def mojibake_repairs(paragraph: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, repaired) for every word of ``paragraph`` that ftfy can decode back."""
    import ftfy

    fixed = ftfy.fix_encoding(paragraph, ftfy.TextFixerConfig(fix_c1_controls=False))
    if fixed == paragraph:
        return _ftfy_misses(paragraph)
    spans: list[list[int]] = []  # [start, end, fixed_start, fixed_end], merged per word
    for i1, i2, j1, j2 in _changes(paragraph, fixed):
        left = i1
        while left > 0 and not paragraph[left - 1].isspace():
            left -= 1
        right = i2
        while right < len(paragraph) and not paragraph[right].isspace():
            right += 1
        span = [left, right, j1 - (i1 - left), j2 + (right - i2)]
        if spans and spans[-1][1] >= span[0]:
            spans[-1][1], spans[-1][3] = span[1], span[3]
        else:
            spans.append(span)
    out = []
    for start, end, fstart, fend in spans:
        word, repaired = paragraph[start:end], fixed[fstart:fend]
        # Punctuation around the word is not part of the damage.
        while len(word) > 1 and word[0] in _TRIM and repaired[:1] == word[0]:
            word, repaired, start = word[1:], repaired[1:], start + 1
        while len(word) > 1 and word[-1] in _TRIM and repaired[-1:] == word[-1]:
            word, repaired, end = word[:-1], repaired[:-1], end - 1
        out.append((start, end, repaired))
    return tuple(out) + tuple(m for m in _ftfy_misses(paragraph) if not any(s < m[1] and m[0] < e for s, e, _ in out))


# Capitals ftfy leaves alone, as their cp1252 forms could be meant: Î read as "ÃŽ" (ÃŽle
# d'Yeu), Œ as "Å’" (Å’uvre); before a lower-case letter, they are mojibake.
_FTFY_MISSES = {"\u00c3\u017d": "\u00ce", "\u00c5\u2019": "\u0152"}
_MISSED_WORD = compiled(r"[^\s]*(?:\u00c3\u017d|\u00c5\u2019)\p{Ll}[^\s]*")


def _ftfy_misses(paragraph: str) -> tuple[tuple[int, int, str], ...]:
    if "\u00c3\u017d" not in paragraph and "\u00c5\u2019" not in paragraph:
        return ()
    out = []
    for m in _MISSED_WORD.finditer(paragraph):
        word = m.group().strip(_TRIM)
        start = m.start() + m.group().index(word)
        repaired = word
        for bad, good in _FTFY_MISSES.items():
            repaired = repaired.replace(bad, good)
        out.append((start, start + len(word), repaired))
    return tuple(out)


def _changes(old: str, new: str) -> Iterator[tuple[int, int, int, int]]:
    """(i1, i2, j1, j2) of each region where ``new`` differs from ``old``. Repairs seldom touch
    the spaces: then the two are compared word by word, in linear time; otherwise they are
    diffed (quadratic), between their common beginning and end."""
    if _SPACES.findall(old) == _SPACES.findall(new):
        i = j = 0
        for a, b, space in zip(_SPACES.split(old), _SPACES.split(new), _SPACES.findall(old) + [""]):
            if a != b:
                yield i, i + len(a), j, j + len(b)
            i, j = i + len(a) + len(space), j + len(b) + len(space)
        return
    head = _common_prefix(old, new)
    tail = _common_prefix(old[head:][::-1], new[head:][::-1])
    matcher = difflib.SequenceMatcher(None, old[head:len(old) - tail], new[head:len(new) - tail], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            yield head + i1, head + i2, head + j1, head + j2


def _common_prefix(a: str, b: str) -> int:
    """The length of the longest common beginning of ``a`` and ``b``, by bisection (compared in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        mid = (low + high + 1) // 2
        if a[:mid] == b[:mid]:
            low = mid
        else:
            high = mid - 1
    return low


class Mojibake(Rule):
    """Mojibake, lost characters and invisible characters: Ã©, â€™, �, zero-width spaces.

    **What it does**
    Finds words whose UTF-8 bytes were read as Windows-1252 or Latin-1 (cafÃ©, â€™) and
    proposes the repaired word (decoded with ftfy), the replacement character �
    (a character lost for good), and invisible characters inside the text (zero-width
    spaces, word joiners, byte-order marks, direction marks in left-to-right text).

    **Why is this bad?**
    Mojibake is unreadable; the replacement character hides a letter or a quote mark;
    invisible characters break search, spell-checking and copy-paste ("of the" that
    does not match "of the").

    **Example**
    bad: The ceremony took place at the [[Ã‰lysÃ©e]] on Monday. => Élysée
    bad: The [[mayorâ€™s]] office declined to comment. => mayor’s
    bad: Some 300 people met on the [[ÃŽle]] d'Yeu. => Île
    bad: The main idea of [[\u200b\u200b]]the programme was simple. => (delete)
    bad: The skipper [[Sl\ufffdtten]] finished second. => -
    good: The ceremony took place at the Élysée on Monday.
    good: Antonín Dvořák and Héma-Québec are spelled correctly.

    **Fix safety**
    Repairs decoded by ftfy and deleting invisible characters next to a space are safe;
    an invisible character between two letters may separate words, so deleting it is
    unsafe; a replacement character cannot be repaired automatically.
    """

    code = "MT503"
    name = "mojibake"
    category = "encoding"
    severity = Severity.MAJOR
    fixable = "sometimes"
    confidence = 0.95

    def check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        for para in _paragraphs_with_signs(doc):
            chunk = text[para.start:para.end]
            for offset, piece in _pieces(chunk):
                if _MOJIBAKE_HINT.search(piece):
                    for start, end, repaired in mojibake_repairs(piece):
                        yield Hit(para.start + offset + start, para.start + offset + end,
                                  "mojibake: UTF-8 text read in a legacy encoding", repaired, "safe")
            if "\ufffd" in chunk:
                for start, end in _words_with_replacement(chunk):
                    yield Hit(para.start + start, para.start + end,
                              "replacement character �: a character was lost in decoding", None, "none")
            for m in _INVISIBLE.finditer(chunk):
                hit = self._invisible(chunk, m, para.start)
                if hit:
                    yield hit

    def _invisible(self, chunk: str, m: regex.Match, offset: int) -> Optional[Hit]:
        run = m.group()
        before = chunk[m.start() - 1] if m.start() else " "
        after = chunk[m.end()] if m.end() < len(chunk) else " "
        if all(c in _JOINERS for c in run) and not (_latin(before) and _latin(after)):
            return None  # joiners shape emoji, Indic and Persian text
        if _BIDI.search(run) and _RTL.search(chunk):
            return None  # direction marks belong in mixed right-to-left text
        names = ", ".join(sorted({f"U+{ord(c):04X} {unicodedata.name(c, '')}".strip() for c in run}))
        between_letters = before.isalnum() and after.isalnum()
        return Hit(offset + m.start(), offset + m.end(), f"invisible character inside the text ({names})", "",
                   "unsafe" if between_letters else "safe", None, Severity.MINOR)


def _words_with_replacement(chunk: str) -> Iterator[tuple[int, int]]:
    """The span of each word holding a replacement character �, found from the characters
    (a pattern tried at every character of a long paragraph cost ~0.15 s per MB)."""
    at = chunk.find("\ufffd")
    done = 0  # the end of the last word found: the next starts after it
    while at >= 0:
        before = SPACES.backward.search(chunk, done, at)  # where the word starts
        after = SPACES.forward.search(chunk, at)  # and ends
        start, done = before.end() if before else done, after.start() if after else len(chunk)
        yield start, done
        at = chunk.find("\ufffd", done)


def signs(text: str) -> Iterator[re.Match]:
    """The matches of ``_ANY_SIGN.finditer(text)``, tried only at non-ASCII characters (found
    20× faster than the signs are searched for)."""
    return matches_at(_ANY_SIGN, text, (m.start() for m in _NON_ASCII.finditer(text)))


def _paragraphs_with_signs(doc: Document) -> list[Span]:
    """The paragraphs holding one of MT503's signs, found in one scan of the whole text."""
    if doc.text.isascii():
        return []  # every sign is a non-ASCII character
    found = {doc.paragraph_at(m.start()) for m in signs(doc.text)}
    return sorted((p for p in found if p.end > p.start), key=lambda p: p.start)


def _pieces(paragraph: str, size: int = 3000) -> Iterator[tuple[int, str]]:
    """(offset, piece) of a paragraph cut at spaces into pieces of at most ``size`` characters:
    the diff that maps ftfy's repairs back is quadratic, and one paragraph may be a whole file."""
    start = 0
    while len(paragraph) - start > size:
        cut = paragraph.rfind(" ", start + size // 2, start + size)
        cut = cut if cut > start else start + size
        yield start, paragraph[start:cut]
        start = cut
    yield start, paragraph[start:]


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha() or "\u00c0" <= ch <= "\u024f"
