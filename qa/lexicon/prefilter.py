"""Cheap exact prefilters that let a lexicon skip what a text cannot match.

A lexicon of a few hundred case-insensitive regex rows, scanned as one alternation, costs
tens of microseconds per character: the engine tries every row at every position. Most rows
(and every literal phrase) contain plain ASCII words that any match must contain, so a text
that lacks those words cannot match and the row need not run; and a row that can never match
a line break or a full stop need only run on the lines or sentences that hold one of its words.

The tests are exact, never guesses:

- ``Prefilter.low`` is the text lower-cased after mapping the three characters that simple
  case folding equates with an ASCII letter (İ ſ K), and tabs to spaces, so it contains every
  required ASCII literal of a case-insensitive match, at the same offsets; a space-or-tab class
  (``[ \t]``, what rows write between words) stands there as a space.
- A literal phrase (matched with full case folding) is tried where its lower-cased leading
  ASCII characters stand in ``low``; a match that holds a character folding to or from ASCII
  letters (ß, ﬁ …) is tried at every start close enough to that character.
- A regex branch that can never match some of ``STOPS`` runs only on the segments between
  them that hold one of its required words.
"""
from __future__ import annotations

import math
import re
import sys
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

import ahocorasick
import regex

from ..patterns import compiled

_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
# A quantifier after an atom; groups 1 and 2 give the {m,n} bounds.
_QUANTIFIER = compiled(r"[?*+]|\{(\d*)(?:,(\d*))?\}")
_ESCAPE_ZERO_WIDTH = set("bBAZzGmM")
# Classes that match a space or a tab and nothing else: the separator lexicon rows write between words.
_SPACE_OR_TAB = {"[ \\t]", "[\\t ]"}
_ESCAPE_CLASS = set("dDwWsShHvVpPR")
# Zero-width items that behave differently at a truncated line end than before a line break.
_LINE_SENSITIVE = {"^", "$", "\\A", "\\Z", "\\z", "\\G"}
#: Shortest required literal worth testing (spaces not counted): shorter ones are in nearly every text.
MIN_ANCHOR = 3
#: Shortest further requirement worth testing besides a branch's needles: each occurrence costs
#: the shared needle pass, and the three-letter ones (" the ", "for") are in every text.
MIN_FURTHER = 4
#: Most spellings a requirement may list: more would cost the needle pass more than they save.
MAX_SPELLINGS = 64


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
    #: Finds a character of ``folds`` (rare: most texts need no mapping before lower-casing).
    to_fold: re.Pattern

    @classmethod
    def build(cls) -> "Tables":
        folds = {**simple_folds(), ord("\t"): " "}
        return cls(re.compile("[" + re.escape(ascii_lookalikes()) + "]"), folds,
                   re.compile("[" + re.escape("".join(map(chr, folds))) + "]"))


class Prefilter:
    """What the lexicons ask of one text: its folded lower-case form and its segments."""

    __slots__ = ("text", "low", "exact", "_lookalikes", "_tables", "_segments", "_found", "_cuts", "_seen",
                 "_applied")

    def __init__(self, text: str, tables: Tables) -> None:
        WATCHED.merge()
        self.text = text
        self.low = (text.translate(tables.folds) if tables.to_fold.search(text) else text).lower()
        #: False when lower-casing changed the length: then nothing is filtered.
        self.exact = len(self.low) == len(text)
        self._tables = tables
        self._lookalikes: Optional[list[int]] = None
        self._segments: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self._found: dict[str, list[int]] = {}
        self._cuts: dict[str, list[int]] = {}
        #: Every watched needle the automata found, with the offsets where it starts, in order.
        self._seen: dict[str, list[int]] = {}
        self._applied = (-1, 0)  # WATCHED's merges and how many of its finders filled ``_seen``

    @property
    def lookalike_positions(self) -> list[int]:
        """Offsets of the characters that fold to or from an ASCII letter (ß, ﬁ, K …)."""
        if self._lookalikes is None:
            self._lookalikes = [m.start() for m in self._tables.lookalikes.finditer(self.text)]
        return self._lookalikes

    def present(self, needles: frozenset[str]) -> frozenset[str]:
        """Those of ``needles`` that occur in the text. One pass finds the needles of every
        lexicon that has asked (a pass per lexicon walked the text ten times over)."""
        if not needles:
            return frozenset()
        WATCHED.watch(needles)
        merges, done = self._applied
        if merges != WATCHED.merges:
            self._seen, done = {}, 0
        seen = self._seen
        for finder in WATCHED.finders[done:]:
            # The same pass keeps where each needle starts: ``offsets`` need not search again.
            for end, needle in finder.iter(self.low):
                found = seen.get(needle)
                if found is None:
                    seen[needle] = [end - len(needle) + 1]
                else:
                    found.append(end - len(needle) + 1)
        self._applied = WATCHED.merges, len(WATCHED.finders)
        # ``intersection`` walks the smaller side (the few needles a text holds); ``&`` with a
        # keys view walks all of ``needles``, thousands, on every call.
        return needles.intersection(seen)

    def segments_with(self, needles: Iterable[str], stops: str) -> list[tuple[int, int]]:
        """The segments (in order) that hold one of ``needles``, where segments are the text cut
        at every character of ``stops`` (which ``needles`` do not contain)."""
        needles = list(needles)
        if len(needles) == 1:  # one needle's segments are found in order, each once
            return self._segments_of(needles[0], stops)
        spans: set[tuple[int, int]] = set()
        for needle in needles:
            spans.update(self._segments_of(needle, stops))
        return sorted(spans)

    @property
    def long_spaces(self) -> bool:
        """Whether the text may hold a run of spaces and tabs as long as ``LONG_SPACES``."""
        return "\t" in self.text or LONG_SPACES in self.text

    def starts_near(self, needles: Iterable[str], reach: int) -> list[tuple[int, int]]:
        """Disjoint ranges [first, last], in order, of the offsets where a match holding one of
        ``needles`` and no longer than ``reach`` may start (at most ``reach`` before a needle ends)."""
        ranges = sorted((max(0, at + len(needle) - reach), at) for needle in needles for at in self.offsets(needle))
        merged: list[tuple[int, int]] = []
        for first, last in ranges:
            if merged and first <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], last))
            else:
                merged.append((first, last))
        return merged

    def offsets(self, needle: str) -> list[int]:
        """Every offset of ``needle`` in ``low``, in order: those the automata found, or (for a
        needle no automaton watches) searched once per text."""
        found = self._seen.get(needle)
        if found is None:
            found = self._found.get(needle)
            if found is None:
                found = self._found[needle] = _occurrences(self.low, needle)
        return found

    def _segments_of(self, needle: str, stops: str) -> list[tuple[int, int]]:
        """Found once per text: lexicons share needles."""
        found = self._segments.get((needle, stops))
        if found is None:
            found, cuts, offsets = [], self._cuts_at(stops), self.offsets(needle)
            k = 0
            while k < len(offsets):  # the segment holding it, then the next occurrence past that segment
                i = bisect_right(cuts, offsets[k])
                found.append(((cuts[i - 1] + 1 if i else 0), (cuts[i] if i < len(cuts) else len(self.text))))
                k = bisect_right(offsets, found[-1][1], k)
            self._segments[needle, stops] = found
        return found

    def _cuts_at(self, stops: str) -> list[int]:
        """Every offset of a character of ``stops``, found in one pass (a bisection then finds a
        segment's ends: searching back from each needle would be quadratic on a text without
        line breaks)."""
        found = self._cuts.get(stops)
        if found is None:
            # A search per character, in C, costs half a character-class scan.
            found = self._cuts[stops] = sorted(at for stop in set(stops) for at in _occurrences(self.text, stop))
        return found


def _occurrences(text: str, sub: str) -> list[int]:
    """Every offset of ``sub`` in ``text``, overlapping ones included."""
    found, at = [], text.find(sub)
    while at >= 0:
        found.append(at)
        at = text.find(sub, at + 1)
    return found


class _Watched:
    """The needles of every lexicon that has asked for them. New ones get an automaton of their
    own, looked for at once in the text being checked; the next text merges every automaton
    into one. Lexicons ask one by one while the first text is checked: rebuilding one automaton
    for each would build it ten times over."""

    def __init__(self) -> None:
        self.needles: frozenset[str] = frozenset()
        self.finders: list[ahocorasick.Automaton] = []  # after a merge, one
        self.merges = 0
        # The needle sets already taken in, by identity (held, so that no id is reused): a
        # lexicon asks with the same set for every text, and comparing sets each time cost more.
        self._taken: dict[int, frozenset[str]] = {}

    def watch(self, needles: frozenset[str]) -> None:
        if id(needles) in self._taken:
            return
        self._taken[id(needles)] = needles
        new = needles - self.needles
        if new:
            self.needles |= new
            self.finders.append(needle_finder(new))

    def merge(self) -> None:
        if len(self.finders) > 1:
            self.finders = [needle_finder(self.needles)]
            self.merges += 1


WATCHED = _Watched()
_last: Optional[Prefilter] = None


def prefilter_for(text: str, tables: Tables) -> Prefilter:
    """The prefilter of ``text``, shared by every lexicon that scans the same string object."""
    global _last
    if _last is None or _last.text is not text:
        _last = Prefilter(text, tables)
    return _last


def needle_finder(needles: Iterable[str]) -> Optional[ahocorasick.Automaton]:
    """An Aho–Corasick automaton finding every needle in one pass over a text (None for none)."""
    finder = ahocorasick.Automaton()
    for needle in sorted(set(needles)):
        finder.add_word(needle, needle)
    if not len(finder):
        return None
    finder.make_automaton()
    return finder


def phrase_prefix(phrase: str, lookalikes: str) -> Optional[str]:
    """What a case-insensitive match of a literal phrase that holds no look-alike puts at its
    start in a prefilter's ``low``: its lower-cased leading characters, up to the first one that
    a text character with another lower case can match (full case folding matches ς to σ, and
    "ﬀ" to "ff"). None when the phrase does not start with an ASCII letter or holds a look-alike
    (it is searched for)."""
    low = phrase.lower()
    if len(low) != len(phrase) or not low[:1] or low[0] not in _ASCII_LETTERS or "\n" in phrase:
        return None
    if any(c in lookalikes for c in phrase):
        return None
    # Accented letters count: "décrue" is looked for as itself, not as a "d" found everywhere.
    end = next((i for i, c in enumerate(low) if not (c.isascii() or _lowers_alone(c))), len(low))
    return low[:end]


def _lowers_alone(c: str) -> bool:
    """Whether every text character that the lower-case ``c`` matches case-insensitively (full
    folding) is ``c`` once lower-cased, and no character folds to several that include it (é: É
    and é only; not σ, which Σ and ς match)."""
    shared, expanding = _fold_tables()
    return c.casefold() not in shared and c.casefold() not in expanding


@lru_cache(maxsize=1)
def _fold_tables() -> tuple[frozenset[str], str]:
    """The one-character case folds that characters of different lower cases share (σ: Σ, σ, ς),
    and the folds of more than one character (ß → ss, ﬀ → ff) run together. One pass over every
    character, made when a lexicon is compiled (the compiled lexicons are cached on disk)."""
    lowers: dict[str, set[str]] = {}
    expanding = []
    # A character that neither case folding nor lower-casing changes joins only its own fold (cased
    # letters are all asked: `regex` does not count ΐ, which folds to three characters, as changing).
    for x in regex.findall(r"[\p{Cased}\p{Changes_When_Casefolded}\p{Changes_When_Lowercased}]", _every_character()):
        fold = x.casefold()
        if len(fold) > 1:
            expanding.append(fold)
        else:
            lowers.setdefault(fold, set()).add(x.lower())
    return frozenset(fold for fold, seen in lowers.items() if len(seen | {fold}) > 1), "".join(expanding)


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


#: Characters that may cut a text into segments for a branch that can never match them.
STOPS = "\n.!?;"
#: A run of spaces no text holds, in practice: in a text without it (and without tabs, which
#: are rarer still) a space-or-tab repetition is bounded.
LONG_SPACES = " " * 16
#: What a lexicon adds around each branch: a lookahead of two characters (``_BOUNDARY_R`` of
#: ``compile``), plus one for safety.
_BOUNDARY_REACH = 3


@dataclass(frozen=True)
class Requirement:
    """What a regex branch needs: one of ``needs`` in every match (None: unknown), and the
    characters of ``STOPS`` that neither the branch nor its lookarounds can match (``stops``):
    a match then lies inside one segment of the text cut at them, and scanning that segment
    alone (its end truncated) finds the same matches. ``reach``, when the branch is bounded:
    how far from where it starts a try may look (its match, lookaheads and boundaries)."""

    needs: Optional[frozenset[str]]
    stops: str
    reach: Optional[int] = None
    #: Further requirements of every match, besides ``needs``: a text must hold one needle of
    #: each (a calque's verb and its noun), or the branch cannot match there.
    also: tuple[frozenset[str], ...] = ()


def analyse(pattern: str) -> Requirement:
    try:
        alternatives, end = _parse(pattern, 0)
        if end != len(pattern):
            raise Unsupported("unbalanced")
    except (Unsupported, IndexError, ValueError):
        return Requirement(None, "")
    found = _union(alternatives)
    if found is not None and min(map(_weight, found)) < MIN_ANCHOR:
        found = None
    also = () if found is None or len(alternatives) > 1 else tuple(
        group for group in _requirements(alternatives[0]) if group != found and min(map(_weight, group)) >= MIN_FURTHER)
    atoms = [a for seq in alternatives for a, _, _ in seq]
    extent = _spans(alternatives)
    return Requirement(found, "".join(c for c in STOPS if all(_never_matches(a, c) for a in atoms)),
                       None if extent is None else extent[1] + _BOUNDARY_REACH, also)


# -- a small parser for the subset of regex syntax lexicon rows use ------------------------
# Atoms: ("lit", char) | ("any", source) | ("zero", source) | ("group", alternatives)
#        | ("ahead", alternatives) | ("behind", alternatives)   (lookarounds)
Atom = tuple
Sequence_ = list[tuple[Atom, int, float]]  # (atom, minimum count (0 or 1), repetitions beyond one: 0 to inf)


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
        minimum, extra = 1, 0.0
        q = _QUANTIFIER.match(p, i)
        if q:
            text = q.group()
            if text in "?*" or (text.startswith("{") and (q.group(1) or "0") == "0"):
                minimum = 0
            if text in "*+" or q.group(2) == "":  # *, + and {m,}
                extra = math.inf
            elif text.startswith("{"):  # {m} and {m,n}
                extra = max(int(q.group(2) if q.group(2) is not None else q.group(1)) - 1, 0)
            i = q.end()
            if p[i:i + 1] in ("?", "+"):
                i += 1
        alternatives[-1].append((atom, minimum, extra))
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
        if not m.group().endswith(("=", "!")):
            return ("group", alternatives), end
        return ("behind" if m.group().startswith("(?<") else "ahead", alternatives), end
    if c == ".":
        return ("any", c), i + 1
    if c in "^$":
        return ("zero", c), i + 1
    if c == "{" and not _QUANTIFIER.match(p, i):
        return ("lit", c), i + 1
    if c in "?*+{":
        raise Unsupported(c)
    return ("lit", c), i + 1


def _spans(alternatives: list[Sequence_]) -> Optional[tuple[int, int]]:
    """(longest match, furthest character looked at) of the alternatives, from where a try
    starts: beyond the match, what lookaheads and zero-width tests (\\b, $) see; lookbehinds
    look back only, at text a search started later still sees. None when a repetition is
    unbounded, but for the spaces between words: in a text without ``LONG_SPACES`` (see
    ``Prefilter.long_spaces``) those are at most ``len(LONG_SPACES) - 1`` characters."""
    longest = furthest = 0
    for sequence in alternatives:
        pos = far = 0
        for atom, _, extra in sequence:
            if extra == math.inf:
                if atom[0] != "any" or atom[1] not in _SPACE_OR_TAB:
                    return None
                extra = len(LONG_SPACES) - 2
            kind = atom[0]
            if kind in ("lit", "any"):
                width, looks = (2, 2) if atom[1] == "\\R" else (1, 1)  # \R may match "\r\n"
            elif kind == "zero":
                width, looks = 0, 1  # the character at the position
            else:
                inner = _spans(atom[1])
                if inner is None:
                    return None
                width, looks = {"group": inner, "ahead": (0, inner[1]),
                                "behind": (0, max(inner[1] - inner[0], 0))}[kind]
            far = max(far, pos + width * int(extra) + looks)  # from the start of the last repetition
            pos += width * (1 + int(extra))
        longest, furthest = max(longest, pos), max(furthest, far, pos)
    return longest, furthest


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
    candidates = _requirements(sequence)
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(map(_weight, s)), -len(s)))


def _requirements(sequence: Sequence_) -> list[frozenset[str]]:
    """Every requirement of one sequence, in order: each run of atoms with few spellings (one
    of whose spellings every match holds) and each required group.

    A run goes on through literals, zero-width tests (they consume nothing, so what stands on
    either side is adjacent in the match) and short optional or alternative literals, as long
    as it has at most ``MAX_SPELLINGS`` spellings: "(?:this|that)[ \\t]one" needs "this one"
    or "that one", where its parts alone would need only the common "this", "that" or "one"."""
    candidates: list[frozenset[str]] = []
    run = {""}
    for atom, minimum, extra in sequence:
        spellings = _spellings(atom)
        if spellings is not None and minimum == 0:
            spellings = None if extra else spellings | {""}
        if spellings is not None and len(run) * len(spellings) <= MAX_SPELLINGS:
            run = {before + after for before in run for after in spellings}
            if not extra:
                continue
        if run != {""}:
            candidates.append(_shortest(run))
        # A repeated atom's last repetition precedes what follows.
        run = spellings if spellings is not None and len(spellings) <= MAX_SPELLINGS else {""}
        if atom[0] == "group" and minimum >= 1 and run == {""}:
            group = _union(atom[1])
            if group is not None:
                candidates.append(group)
    if run != {""}:
        candidates.append(_shortest(run))
    return candidates


def _shortest(spellings: set[str]) -> frozenset[str]:
    """``spellings`` less those that hold another (a text holding "tubes" holds "tube")."""
    return frozenset(s for s in spellings if not any(t != s and t in s for t in spellings))


def _spellings(atom: Atom) -> Optional[set[str]]:
    """Every string ``atom`` may stand for in ``Prefilter.low`` (zero-width ones: the empty
    string), or None when it may stand for more than ``MAX_SPELLINGS`` or for a character no
    needle holds."""
    kind = atom[0]
    if kind in ("zero", "ahead", "behind"):
        return {""}
    if kind != "group":
        char = _needle_char(atom)
        return None if char is None else {char}
    found: set[str] = set()
    for sequence in atom[1]:
        spelled = {""}
        for inner, minimum, extra in sequence:
            options = _spellings(inner)
            if options is None or extra:
                return None
            if minimum == 0:
                options = options | {""}
            spelled = {before + after for before in spelled for after in options}
            if len(spelled) > MAX_SPELLINGS:
                return None
        found |= spelled
        if len(found) > MAX_SPELLINGS:
            return None
    return found


def _weight(needle: str) -> int:
    """How selective a needle is: its characters other than spaces, and none worth testing for
    a word in nearly every sentence (" the ", " with "): a branch run on each segment holding
    one costs more than one search of the whole text."""
    if needle.strip() in _EVERYWHERE:
        return 1
    return len(needle) - needle.count(" ")


_EVERYWHERE = frozenset("""the and for that with this from are was were has have had his her its not but who which
will would said they their""".split())


def _needle_char(atom: Atom) -> Optional[str]:
    """The character ``atom`` stands for in ``Prefilter.low``: an ASCII literal lower-cased, and
    a space or a tab as a space (``low`` reads tabs as spaces); None for anything else."""
    if atom[0] == "lit" and atom[1].isascii():
        return atom[1].lower()
    if atom[0] == "any" and atom[1] in _SPACE_OR_TAB:
        return " "
    return None


def _never_matches(atom: Atom, stop: str) -> bool:
    """Whether ``atom`` (or anything inside it) can never match the character ``stop``, and
    behaves the same at a truncated end of text as before ``stop`` (a non-word character)."""
    kind = atom[0]
    if kind == "lit":
        return atom[1] != stop
    if kind == "zero":
        return atom[1] not in _LINE_SENSITIVE
    if kind == "any":
        return regex.match(f"(?i:{atom[1]})", stop) is None
    return all(_never_matches(a, stop) for seq in atom[1] for a, _, _ in seq)
