"""Cheap exact prefilters that let a lexicon skip what a text cannot match.

A lexicon of a few hundred case-insensitive regex rows, scanned as one alternation, costs
tens of microseconds per character: the engine tries every row at every position. Most rows
(and every literal phrase) contain plain ASCII words that any match must contain, so a text
that lacks those words cannot match and the row need not run; and a row that can never match
a line break need only run on the lines that hold one of its words.

The tests are exact, never guesses:

- ``Prefilter.low`` is the text lower-cased after mapping the three characters that simple
  case folding equates with an ASCII letter (İ ſ K), so it contains every required ASCII
  literal of a case-insensitive match, at the same offsets.
- A literal phrase (matched with full case folding) is looked up among ASCII-letter tokens
  only on lines free of characters that fold to or from ASCII letters (ß, ﬁ …); such
  "dirty" lines are scanned with the full pattern. Phrases never span a line break.
"""
from __future__ import annotations

import re
import sys
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

import regex

# Runs of ASCII letters: the tokens a literal phrase's words are looked up among.
_ASCII_RUN = re.compile(r"[a-z]+")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
# A quantifier after an atom; groups 1 and 2 give the {m,n} bounds.
_QUANTIFIER = regex.compile(r"[?*+]|\{(\d*)(?:,(\d*))?\}")
_ESCAPE_ZERO_WIDTH = set("bBAZzGmM")
_ESCAPE_CLASS = set("dDwWsShHvVpPR")
# Zero-width items that behave differently at a truncated line end than before a line break.
_LINE_SENSITIVE = {"^", "$", "\\A", "\\Z", "\\z", "\\G"}
#: Shortest required literal worth testing: shorter ones are in nearly every text.
MIN_ANCHOR = 3


class Unsupported(ValueError):
    """A pattern construct the analysis does not model: the row runs on every text."""


def _every_character() -> str:
    return "".join(chr(c) for c in range(0x80, sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


@lru_cache(maxsize=None)
def ascii_lookalikes() -> str:
    """Non-ASCII characters that case-fold (simply or fully) to or from an ASCII letter."""
    every = _every_character()
    cased = set(regex.findall(r"[\p{Changes_When_Casefolded}\p{Changes_When_Lowercased}"
                              r"\p{Changes_When_Uppercased}]", every))
    found = {c for c in cased if _ASCII_LETTERS & set((c.lower() + c.upper() + c.casefold()).lower())}
    found |= set(regex.findall(r"(?i)[a-z]", every))
    return "".join(sorted(found))


@lru_cache(maxsize=None)
def simple_folds() -> dict[int, str]:
    """Non-ASCII characters that simple case folding equates with an ASCII letter → that letter."""
    return {ord(c): next(a for a in sorted(_ASCII_LETTERS) if regex.match("(?i)" + a, c))
            for c in regex.findall(r"(?i)[a-z]", _every_character())}


@dataclass(frozen=True)
class Tables:
    """The character tables a prefilter needs, computed when a lexicon is compiled (and cached)."""

    lookalikes: re.Pattern
    folds: dict[int, str]

    @classmethod
    def build(cls) -> "Tables":
        return cls(re.compile("[" + re.escape(ascii_lookalikes()) + "]"), simple_folds())


class Prefilter:
    """What the lexicons ask of one text: its folded lower-case form, its tokens, its lines."""

    __slots__ = ("text", "low", "exact", "_tokens", "_dirty", "_tables")

    def __init__(self, text: str, tables: Tables) -> None:
        self.text = text
        self.low = text.translate(tables.folds).lower()
        #: False when lower-casing changed the length: then nothing is filtered.
        self.exact = len(self.low) == len(text)
        self._tables = tables
        self._tokens: Optional[frozenset[str]] = None
        self._dirty: Optional[list[tuple[int, int]]] = None

    @property
    def tokens(self) -> frozenset[str]:
        if self._tokens is None:
            self._tokens = frozenset(_ASCII_RUN.findall(self.low))
        return self._tokens

    def line(self, pos: int) -> tuple[int, int]:
        """The line holding ``pos``: from after the previous ``\\n`` to before the next."""
        end = self.text.find("\n", pos)
        return self.text.rfind("\n", 0, pos) + 1, len(self.text) if end < 0 else end

    @property
    def dirty_lines(self) -> list[tuple[int, int]]:
        """Lines holding a character that folds to or from an ASCII letter, in order."""
        if self._dirty is None:
            spans: list[tuple[int, int]] = []
            pos = 0
            while (m := self._tables.lookalikes.search(self.text, pos)):
                spans.append(self.line(m.start()))
                pos = spans[-1][1] + 1
            self._dirty = spans
        return self._dirty

    def in_dirty_line(self, pos: int) -> bool:
        dirty = self.dirty_lines
        i = bisect_right(dirty, (pos, len(self.text) + 1)) - 1
        return i >= 0 and dirty[i][0] <= pos <= dirty[i][1]

    def contains(self, needles: frozenset[str]) -> bool:
        return any(s in self.low for s in needles)

    def lines_with(self, needles: Iterable[str]) -> list[tuple[int, int]]:
        """The lines (in order) that hold one of ``needles``."""
        low, spans = self.low, set()
        for needle in needles:
            i = low.find(needle)
            while i >= 0:
                span = self.line(i)
                spans.add(span)
                i = low.find(needle, span[1] + 1)
        return sorted(spans)

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


def prefilter_for(text: str, tables: Tables) -> Prefilter:
    """The prefilter of ``text``, shared by every lexicon that scans the same string object."""
    global _last
    if _last is None or _last.text is not text:
        _last = Prefilter(text, tables)
    return _last


def phrase_runs(phrase: str, lookalikes: str) -> Optional[tuple[str, ...]]:
    """The ASCII-letter runs of a literal phrase, or None when it does not start with an ASCII
    letter or holds a character that folds onto ASCII (such a phrase is always tried)."""
    low = phrase.lower()
    if len(low) != len(phrase) or not low[:1] or low[0] not in _ASCII_LETTERS or "\n" in phrase:
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


@dataclass(frozen=True)
class Requirement:
    """What a regex branch needs: one of ``needs`` in every match (None: unknown), and whether
    neither the match nor its lookarounds can cross a line break (``line_local``)."""

    needs: Optional[frozenset[str]]
    line_local: bool


def analyse(pattern: str) -> Requirement:
    try:
        alternatives, end = _parse(pattern, 0)
        if end != len(pattern):
            raise Unsupported("unbalanced")
    except (Unsupported, IndexError, ValueError):
        return Requirement(None, False)
    found = _union(alternatives)
    if found is not None and min(len(s) for s in found) < MIN_ANCHOR:
        found = None
    return Requirement(found, all(_line_local(a) for seq in alternatives for a, _, _ in seq))


# -- a small parser for the subset of regex syntax lexicon rows use ------------------------
# Atoms: ("lit", char) | ("any", source) | ("zero", source) | ("group", alternatives)
#        | ("look", alternatives)
Atom = tuple
Sequence_ = list[tuple[Atom, int, bool]]  # (atom, minimum count, may repeat)


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


def _parse(p: str, i: int) -> tuple[list[Sequence_], int]:
    """Alternatives up to the closing ``)`` (or the end) and the index after it."""
    alternatives: list[Sequence_] = [[]]
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
            return ("zero", p[i:i + 2]), i + 2
        if e in _ESCAPE_CLASS:
            end = p.index("}", i) + 1 if e in "pP" and p[i + 2:i + 3] == "{" else i + 2
            return ("any", p[i:end]), end
        if e.isalnum():  # \x41, \u00e9, \n, \N{…}, back-references …: not modelled
            raise Unsupported(p[i:i + 2])
        return ("lit", e), i + 2
    if c == "[":
        end = _class_end(p, i)
        return ("any", p[i:end]), end
    if c == "(":
        if not p.startswith("?", i + 1):
            alternatives, end = _parse(p, i + 1)
            return ("group", alternatives), end
        m = regex.match(r"\(\?(?::|<?[=!]|-?i:|i-?:|>)", p[i:])
        if not m:
            raise Unsupported(p[i:i + 4])
        alternatives, end = _parse(p, i + m.end())
        return ("look" if m.group().endswith(("=", "!")) else "group", alternatives), end
    if c == ".":
        return ("any", c), i + 1
    if c in "^$":
        return ("zero", c), i + 1
    if c == "{" and not _QUANTIFIER.match(p, i):
        return ("lit", c), i + 1
    if c in "?*+{":
        raise Unsupported(c)
    return ("lit", c), i + 1


def _union(alternatives: list[Sequence_]) -> Optional[frozenset[str]]:
    found: set[str] = set()
    for sequence in alternatives:
        best = _best(sequence)
        if best is None:
            return None
        found |= best
    return frozenset(found)


def _best(sequence: Sequence_) -> Optional[frozenset[str]]:
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


def _line_local(atom: Atom) -> bool:
    kind = atom[0]
    if kind == "lit":
        return atom[1] != "\n"
    if kind == "zero":
        return atom[1] not in _LINE_SENSITIVE
    if kind == "any":
        return regex.match(atom[1], "\n") is None
    return all(_line_local(a) for seq in atom[1] for a, _, _ in seq)
