"""Linted text built from an original text, with a compact map back to original offsets.

Readers strip markup, decode entities and compose Unicode (NFC); rules see the result.
The map is a list of pieces (text_start, orig_start, text_len, orig_len): a *copy* piece
(text_len == orig_len) maps character by character, a *replace* piece maps as a block.
Lookups are binary searches, so the map stays small even for a 50 MB article.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_right

from .patterns import compiled

_CLUSTER = compiled(r"\X")


class OffsetMap:
    __slots__ = ("_tstarts", "_pieces", "_identity")

    def __init__(self, pieces: list[tuple[int, int, int, int]] | None) -> None:
        self._identity = pieces is None
        self._pieces = pieces or []
        self._tstarts = [p[0] for p in self._pieces]

    @property
    def identity(self) -> bool:
        return self._identity

    def _piece(self, t: int) -> tuple[int, int, int, int]:
        i = bisect_right(self._tstarts, t) - 1
        return self._pieces[max(i, 0)]

    def start(self, t: int) -> int:
        """Original offset of the character at text offset ``t``."""
        if self._identity:
            return t
        ts, os_, tl, ol = self._piece(t)
        if tl == ol:
            return os_ + min(t - ts, ol)
        return os_ if t < ts + tl else os_ + ol

    def end(self, t: int) -> int:
        """Original offset just after the character before text offset ``t`` (end exclusive)."""
        if self._identity or t == 0:
            return t
        ts, os_, tl, ol = self._piece(t - 1)
        if tl == ol:
            return os_ + (t - ts)
        return os_ + ol


class TextBuilder:
    """Accumulates linted text from slices of an original string."""

    def __init__(self, original: str) -> None:
        self.original = original
        self._parts: list[str] = []
        self._pieces: list[tuple[int, int, int, int]] = []
        self._tlen = 0
        self._changed = False

    def _add(self, text: str, ostart: int, olen: int, copy: bool) -> None:
        if not text and not olen:
            return
        tl = len(text)
        if copy and self._pieces:
            ts, os_, ptl, pol = self._pieces[-1]
            if ptl == pol and os_ + pol == ostart:
                self._pieces[-1] = (ts, os_, ptl + tl, pol + olen)
                self._parts.append(text)
                self._tlen += tl
                return
        if not copy:
            self._changed = True
        self._pieces.append((self._tlen, ostart, tl, olen))
        self._parts.append(text)
        self._tlen += tl

    @property
    def length(self) -> int:
        """Length of the text built so far."""
        return self._tlen

    def copy(self, start: int, end: int) -> None:
        """Append original[start:end], composed to NFC."""
        chunk = self.original[start:end]
        if unicodedata.is_normalized("NFC", chunk):
            self._add(chunk, start, end - start, True)
            return
        pos = start
        for m in _CLUSTER.finditer(chunk):
            cluster = m.group()
            nfc = unicodedata.normalize("NFC", cluster)
            self._add(nfc, pos, len(cluster), nfc == cluster)
            pos += len(cluster)

    def replace(self, start: int, end: int, text: str) -> None:
        """Append ``text`` standing for original[start:end] (a decoded entity, a tag)."""
        self._add(text, start, end - start, False)

    def build(self) -> tuple[str, OffsetMap]:
        text = "".join(self._parts)
        if not self._changed and text == self.original:
            return text, OffsetMap(None)
        return text, OffsetMap(self._pieces)


def plain(original: str) -> tuple[str, OffsetMap]:
    """Linted text for a plain-text input: the original, composed to NFC."""
    if unicodedata.is_normalized("NFC", original):
        return original, OffsetMap(None)
    b = TextBuilder(original)
    b.copy(0, len(original))
    return b.build()
