"""Trying a word pattern only where its rare part occurs, not at every character.

A pattern such as ``(?<!\\p{L})\\p{L}{3,}mans\\b`` can only be tried at each position by the
engine: it has no literal to search for, and it backtracks through every word. When every match
holds a cheap-to-find anchor (``mans`` at the word's end, a lower-case letter against a capital)
and starts where a run of letters ending at that anchor starts, finding the anchors and trying
the pattern once at each run's start gives the same matches, at a fraction of the cost.
"""
from __future__ import annotations

from typing import Iterable, Iterator

import regex


def matches_at(pattern: regex.Pattern, text: str, starts: Iterable[int]) -> Iterator[regex.Match]:
    """``pattern.match`` at each of ``starts`` in increasing order, skipping those inside a
    match already found: what ``pattern.finditer(text)`` finds, when every match it finds
    starts at one of ``starts`` (and no match is empty)."""
    end = 0
    for pos in sorted(starts):
        if pos >= end and (m := pattern.match(text, pos)):
            end = max(m.end(), pos + 1)
            yield m


def run_starts(text: str, ends: Iterable[int], run: regex.Pattern) -> Iterator[int]:
    """Where the run of ``run`` (a ``regex.REVERSE`` pattern) that ends at each of ``ends``
    starts: with ``matches_at``, a pattern whose matches open with such a whole run (nothing
    of the run may precede them) and hold its end is tried there alone."""
    for end in ends:
        yield run.match(text, 0, end).start()
