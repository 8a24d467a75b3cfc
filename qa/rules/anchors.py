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


def matches_from_run_starts(pattern: regex.Pattern, text: str, ends: Iterable[int],
                            run: regex.Pattern) -> Iterator[regex.Match]:
    """``pattern.match`` at the start of the run of ``run`` (a ``regex.REVERSE`` pattern) that
    ends at each of ``ends``, in order, where it matches.

    Equal to ``pattern.finditer(text)`` when every match starts where such a run starts (its
    first characters are that whole run and nothing of the run may precede it) and holds the
    run's end, and ``ends`` holds every candidate end once, in increasing order.
    """
    for end in ends:
        m = pattern.match(text, run.match(text, 0, end).start())
        if m:
            yield m
