"""Cheap exact prefilters that let a lexicon skip the patterns a text cannot match.

A lexicon of a few hundred case-insensitive regex rows, scanned as one alternation, costs
tens of microseconds per character: the engine tries every row at every position. Most rows
(and every literal phrase) contain plain ASCII words that any match must contain, so a text
that lacks those words cannot match and the row need not run.

The test is exact, never a guess. A match's ASCII letters are ASCII letters of the text
unless the text holds a character that case-folds to or from an ASCII letter (ſ, K, ß, ﬁ,
İ …); such a text (``Prefilter.exact`` false) runs every row. Otherwise ``text.lower()``
contains every required literal of a match, and every ASCII-letter run of a literal phrase
is a whole token of it.
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Optional

import regex

# Runs of ASCII letters: the tokens a literal phrase's words are looked up among.
_ASCII_RUN = re.compile(r"[a-z]+")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
# A quantifier after an atom; group 1/2 give {m,n} bounds.
_QUANTIFIER = regex.compile(r"[?*+]|\{(\d*)(?:,(\d*))?\}")
_ESCAPE_ZERO_WIDTH = set("bBAZzGmM")
_ESCAPE_CLASS = set("dDwWsShHvVpPR")
#: Shortest required literal worth testing: shorter ones are in nearly every text.
MIN_ANCHOR = 3


class Unsupported(ValueError):
    """A pattern construct the requirement analysis does not model: the row always runs."""


@lru_cache(maxsize=None)
def ascii_lookalikes() -> str:
    """Non-ASCII characters that case-fold to or from something holding an ASCII letter."""
    every = "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    cased = set(regex.findall(r"[\p{Changes_When_Casefolded}\p{Changes_When_Lowercased}"
                              r"\p{Changes_When_Uppercased}]", every))
    found = {c for c in cased if _ASCII_LETTERS & set((c.lower() + c.upper() + c.casefold()).lower())}
    found |= set(regex.findall(r"(?i)[a-z]", every))
    return "".join(sorted(found))


def lookalike_pattern() -> re.Pattern:
    return re.compile("[" + re.escape(ascii_lookalikes()) + "]")


class Prefilter:
    """What the lexicons ask of one text: its lower-case form and its ASCII-letter tokens."""

    __slots__ = ("text", "exact", "low", "_tokens")

    def __init__(self, text: str, lookalikes: re.Pattern) -> None:
        self.text = text
        self.low = text.lower()
        self.exact = len(self.low) == len(text) and not lookalikes.search(text)
        self._tokens: Optional[frozenset[str]] = None

    @property
    def tokens(self) -> frozenset[str]:
        if self._tokens is None:
            self._tokens = frozenset(_ASCII_RUN.findall(self.low))
        return self._tokens

    def token_starts(self, word: str) -> list[int]:
        """Offsets where ``word`` (lower-case ASCII letters) stands as a whole token."""
        low, out, n = self.low, [], len(word)
        i = low.find(word)
        while i >= 0:
            if (i == 0 or low[i - 1] not in _ASCII_LETTERS) and low[i + n:i + n + 1] not in _ASCII_LETTERS:
                out.append(i)
            i = low.find(word, i + 1)
        return out


_last: Optional[Prefilter] = None


def prefilter_for(text: str, lookalikes: re.Pattern) -> Prefilter:
    """The prefilter of ``text``, shared by every lexicon that scans the same string object."""
    global _last
    if _last is None or _last.text is not text:
        _last = Prefilter(text, lookalikes)
    return _last


def phrase_runs(phrase: str, lookalikes: str) -> Optional[tuple[str, ...]]:
    """The ASCII-letter runs of a literal phrase, or None when its first character is no ASCII
    letter or it holds a character that folds onto ASCII (such a phrase is always tried)."""
    low = phrase.lower()
    if len(low) != len(phrase) or not low[:1] or low[0] not in _ASCII_LETTERS:
        return None
    if any(c in lookalikes for c in phrase):
        return None
    return tuple(_ASCII_RUN.findall(low))


def split_branches(pattern: str) -> list[str]:
    """The top-level alternatives of a regex (the pattern itself when a global flag is set)."""
    out, depth, start, i, n = [], 0, 0, 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i)
            continue
        if c == "(":
            if depth == 0 and regex.match(r"\(\?[a-zA-Z]+\)", pattern[i:]):
                return [pattern]  # a bare inline flag reaches into the following branches
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def required_literals(pattern: str) -> Optional[frozenset[str]]:
    """Lower-case ASCII strings one of which every match of ``pattern`` contains (None: unknown)."""
    try:
        alternatives, end = _parse(pattern, 0)
    except (Unsupported, IndexError):
        return None
    if end != len(pattern):
        return None
    found = _union(alternatives)
    if found is None or min(len(s) for s in found) < MIN_ANCHOR:
        return None
    return found


# -- a small parser for the subset of regex syntax lexicon rows use ------------------------
Atom = tuple  # ("lit", char) | ("zero",) | ("any",) | ("group", alternatives)


def _class_end(p: str, i: int) -> int:
    """Index just after the character class opening at ``p[i]``."""
    j = i + 1
    if p[j:j + 1] == "^":
        j += 1
    if p[j:j + 1] == "]":
        j += 1
    while p[j] != "]":
        if p[j] == "\\":
            j += 1
        elif p.startswith("[:", j):
            j = p.index(":]", j + 2) + 1
        j += 1
    return j + 1


def _parse(p: str, i: int) -> tuple[list[list[tuple[Atom, int, bool]]], int]:
    """Alternatives (sequences of (atom, minimum count, repeatable)) up to ``)`` or the end."""
    alternatives: list[list[tuple[Atom, int, bool]]] = [[]]
    while i < len(p):
        c = p[i]
        if c == ")":
            return alternatives, i + 1
        if c == "|":
            alternatives.append([])
            i += 1
            continue
        atom, i = _atom(p, i)
        minimum, repeat = 1, False
        q = _QUANTIFIER.match(p, i)
        if q:
            text = q.group()
            if text in "?*" or (text.startswith("{") and (q.group(1) or "0") == "0"):
                minimum = 0
            repeat = text != "?" and not (text.startswith("{") and q.group(2) is None and q.group(1) == "1")
            i = q.end()
            if p[i:i + 1] in ("?", "+"):
                i += 1
        alternatives[-1].append((atom, minimum, repeat))
    return alternatives, i


def _atom(p: str, i: int) -> tuple[Atom, int]:
    c = p[i]
    if c == "\\":
        e = p[i + 1]
        if e in _ESCAPE_ZERO_WIDTH:
            return ("zero",), i + 2
        if e in _ESCAPE_CLASS:
            if e in "pP" and p[i + 2:i + 3] == "{":
                return ("any",), p.index("}", i) + 1
            return ("any",), i + 2
        if e.isalnum():  # \x41, \u00e9, \N{…}, back-references …: not modelled
            raise Unsupported(p[i:i + 2])
        return ("lit", e), i + 2
    if c == "[":
        return ("any",), _class_end(p, i)
    if c == "(":
        if not p.startswith("?", i + 1):
            alternatives, end = _parse(p, i + 1)
            return ("group", alternatives), end
        m = regex.match(r"\(\?(?::|<?[=!]|-?i:|i-?:|>)", p[i:])
        if not m:
            raise Unsupported(p[i:i + 4])
        alternatives, end = _parse(p, i + m.end())
        kind = m.group()
        return (("zero",) if kind.endswith(("=", "!")) else ("group", alternatives)), end
    if c in ".":
        return ("any",), i + 1
    if c in "^$":
        return ("zero",), i + 1
    if c == "{" and not _QUANTIFIER.match(p, i):
        return ("lit", c), i + 1
    if c in "?*+{":
        raise Unsupported(c)
    return ("lit", c), i + 1


def _union(alternatives: list[list[tuple[Atom, int, bool]]]) -> Optional[frozenset[str]]:
    found: set[str] = set()
    for sequence in alternatives:
        best = _best(sequence)
        if best is None:
            return None
        found |= best
    return frozenset(found)


def _best(sequence: list[tuple[Atom, int, bool]]) -> Optional[frozenset[str]]:
    """The most selective requirement of one sequence: a literal run or a required group."""
    candidates: list[frozenset[str]] = []
    run = ""
    for atom, minimum, repeat in sequence:
        if atom[0] == "lit" and minimum >= 1 and atom[1].isascii():
            run += atom[1].lower()
            if not repeat:
                continue
        if run:
            candidates.append(frozenset({run}))
            run = ""
        if atom[0] == "group" and minimum >= 1:
            group = _union(atom[1])
            if group is not None:
                candidates.append(group)
    if run:
        candidates.append(frozenset({run}))
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(len(x) for x in s), -len(s)))
