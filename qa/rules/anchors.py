"""Trying a word pattern only where its rare part occurs, not at every character.

A pattern such as ``(?<!\\p{L})\\p{L}{3,}mans\\b`` can only be tried at each position by the
engine: it has no literal to search for, and it backtracks through every word. When every match
holds a cheap-to-find anchor (``mans`` at the word's end, a lower-case letter against a capital)
and starts where a run of letters ending at that anchor starts, finding the anchors and trying
the pattern once at each run's start gives the same matches, at a fraction of the cost.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator, Optional

import ahocorasick
import regex

from ..lexicon.prefilter import needle_finder
from ..patterns import compiled

_WORD_BEFORE = compiled(r"\w+", regex.REVERSE)
#: The run of lower-case letters that ends where it is matched (for ``run_starts``).
LOWER_RUN_BEFORE = compiled(r"\p{Ll}+", regex.REVERSE)


@dataclass(frozen=True)
class Cuts:
    """Characters that no match of some pattern holds (a space for a URL or a word), searched
    for forwards and backwards: a search between the nearest ones around a span finds there
    what a search of the whole text finds."""

    forward: regex.Pattern
    backward: regex.Pattern

    @classmethod
    def of(cls, character_class: str) -> "Cuts":
        return cls(compiled(character_class), compiled(character_class, regex.REVERSE))


SPACES = Cuts.of(r"\s")
# The characters that IGNORECASE (simple case folding) equates with an ASCII letter other than
# its two cases: İ, ſ and the Kelvin sign. Mapped before lower-casing, they keep every offset.
FOLD_TO_ASCII = {0x130: "i", 0x17F: "s", 0x212A: "k"}


def matches_at(pattern: regex.Pattern, text: str, starts: Iterable[int],
               limit: Optional[Callable[[int], int]] = None) -> Iterator[regex.Match]:
    """``pattern.match`` at each of ``starts`` in increasing order, skipping those inside a
    match already found: what ``pattern.finditer(text)`` finds, when every match it finds
    starts at one of ``starts`` (and no match is empty).

    ``limit(pos)``, if given, ends the text a try at ``pos`` sees (a point no match from there
    can reach past, nor look beyond): ``regex`` may search ahead for a literal the pattern
    needs, and many tries in a text that lacks it must not each search to its end.
    """
    end = 0
    for pos in sorted(starts):
        if pos >= end and (m := pattern.match(text, pos, limit(pos) if limit else len(text))):
            end = max(m.end(), pos + 1)
            yield m


def run_starts(text: str, ends: Iterable[int], run: regex.Pattern) -> Iterator[int]:
    """Where the run of ``run`` (a ``regex.REVERSE`` pattern) that ends at each of ``ends``
    starts: with ``matches_at``, a pattern whose matches open with such a whole run (nothing
    of the run may precede them) and hold its end is tried there alone."""
    for end in ends:
        yield run.match(text, 0, end).start()


def word_starts_before_words(text: str, groups: dict[str, tuple[frozenset[str], int]]) -> dict[str, set[int]]:
    """For each group of ``groups`` (lower-case words, a count), the starts of the ``count``
    words before every place one of its words stands as a whole word: one Aho–Corasick pass
    finds the words of every group (a regular expression of many alternatives tries each at
    every space)."""
    finder = needle_finder(frozenset(f" {word}" for words, _ in groups.values() for word in words))
    starts: dict[str, set[int]] = {group: set() for group in groups}
    if finder is None:
        return starts
    for end, needle in finder.iter(text):
        if end + 1 < len(text) and (text[end + 1].isalnum() or text[end + 1] == "_"):
            continue  # part of a longer word
        for group, (words, count) in groups.items():
            if needle[1:] in words:
                before = _WORD_BEFORE.finditer(text, 0, end - len(needle) + 1)
                starts[group].update(word.start() for word in itertools.islice(before, count))
    return starts


def word_starts_before(text: str, anchor: regex.Pattern, count: int) -> set[int]:
    """The starts of the ``count`` words (runs of \\w) before each match of ``anchor``."""
    starts: set[int] = set()
    for m in anchor.finditer(text):
        starts.update(word.start() for word in itertools.islice(_WORD_BEFORE.finditer(text, 0, m.start()), count))
    return starts


def caseless_starts(text: str, words: frozenset[str]) -> Optional[list[int]]:
    """Where one of ``words`` (lower-case ASCII) stands in ``text`` as an IGNORECASE match of
    it would: one Aho–Corasick pass over the text lower-cased. With ``matches_at``, a
    case-insensitive pattern whose matches open with one of ``words`` is tried there alone.
    None when a word is not lower-case ASCII: then the whole text must be scanned."""
    finder = _finder(words)
    if finder is None:
        return None
    # İ, the one character whose lower case is longer, is mapped first: offsets do not move.
    low = (text.translate(FOLD_TO_ASCII) if any(chr(c) in text for c in FOLD_TO_ASCII) else text).lower()
    return sorted({end - len(word) + 1 for end, word in finder.iter(low)})


@lru_cache(maxsize=16)
def _finder(words: frozenset[str]) -> Optional[ahocorasick.Automaton]:
    if not words or not all(w.isascii() and w == w.lower() for w in words):
        return None
    return needle_finder(words)
