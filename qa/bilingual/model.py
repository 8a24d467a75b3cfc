"""The alignment model: segments of a bilingual file and the Document built from them.

A bilingual input (an aligned pair of plain files, a two-column TSV, XLIFF, TMX or PO) is
linted as one Document per file. Its ``text`` is the target segments, one after another,
separated by line breaks; its offsets map back into the original file, so findings carry
the file's real lines and columns, and ``doc.alignment`` pairs each target segment with its
source text.

For ``--fix``, each Segment records where its target text lies in the original file
(``start``/``end``, the raw form: escapes and entities not yet decoded) and the file's
``escape`` turns replacement text into that raw form, so an edit applied by offset leaves
every other byte of the file as it was.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

from ..document import Document, Span
from ..textmap import TextBuilder

#: Appends the linted form of original[start:end] to a builder (decoding escapes, dropping codes).
Decoder = Callable[[TextBuilder, int, int], None]


class AlignmentError(ValueError):
    """Inputs that cannot be aligned, or a bilingual file that cannot be read; names the place."""

    def __init__(self, message: str, line: Optional[int] = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class Segment:
    """One aligned pair: the source text and where the target text lies in the file.

    ``start``/``end`` are offsets into the original file of the target's raw text;
    ``line`` is the 1-based line where the segment (unit, entry, row) starts; ``id`` is the
    unit's id (XLIFF ``id``, TMX ``tuid``, PO ``msgctxt``) when the format has one.
    """

    index: int
    source: str
    start: int
    end: int
    line: int
    id: Optional[str] = None


def decode_copy(builder: TextBuilder, start: int, end: int) -> None:
    """The decoder of formats whose target is stored as it reads (plain text, TSV)."""
    builder.copy(start, end)


def no_escape(text: str) -> str:
    return text


@dataclass
class BilingualFile:
    """A parsed bilingual file: the original text, its segments and how its targets are encoded."""

    original: str
    path: str
    format: str
    segments: list[Segment]
    decode: Decoder = decode_copy
    #: Turns plain replacement text into the file's raw form (XML or PO escaping).
    escape: Callable[[str], str] = no_escape

    def target_text(self, segment: Segment) -> str:
        """The target of ``segment`` as rules see it (escapes decoded, inline codes dropped)."""
        builder = TextBuilder(self.original)
        self.decode(builder, segment.start, segment.end)
        return builder.build()[0]

    def replace_target(self, segment: Segment, text: str) -> str:
        """The original file with ``segment``'s target replaced by ``text`` (nothing else changes)."""
        return self.original[:segment.start] + self.escape(text) + self.original[segment.end:]

    def document(self) -> Document:
        """One Document: the target segments separated by line breaks, offsets into the file."""
        builder = TextBuilder(self.original)
        alignment: list[tuple[Span, str]] = []
        for i, seg in enumerate(self.segments):
            if i:
                # The separator stands for nothing in the file: it only keeps segments apart.
                builder.replace(seg.start, seg.start, "\n")
            start = builder.length
            self.decode(builder, seg.start, seg.end)
            alignment.append((Span(start, builder.length), seg.source))
        text, offsets = builder.build()
        return Document(self.original, text=text, offsets=offsets, path=self.path, alignment=alignment)
