"""Lexicon-driven rules, written once: a rule names its lexicon and a message; rows do the rest."""
from __future__ import annotations

from typing import ClassVar, Iterator, Optional

from .document import Document
from .finding import Hit
from .lexicon.compile import LexiconMatch
from .rules.base import Rule


def transfer_case(matched: str, replacement: str) -> str:
    """Give ``replacement`` the case pattern of ``matched`` (ALL CAPS, Capitalised or as is)."""
    if not replacement or not matched:
        return replacement
    letters = [c for c in matched if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if matched[0].isupper() and replacement[0].islower():
        return replacement[0].upper() + replacement[1:]
    if matched[0].islower() and replacement[0].isupper() and not replacement[:2].isupper():
        return replacement[0].lower() + replacement[1:]
    return replacement


class LexiconRule(Rule):
    """A rule whose findings are the rows of one pattern lexicon matched in the text.

    Subclasses set ``lexicon`` (the TSV name in the pack) and ``message`` (a template with
    ``{text}``, ``{suggestion}``, ``{source}`` and ``{note}``), and may override ``accept``.
    """

    lexicon: ClassVar[str]
    message: ClassVar[str] = "{note}"

    def accept(self, doc: Document, m: LexiconMatch) -> Optional[float]:
        """None to drop a match; otherwise a confidence (or -1 for the row's own)."""
        return -1

    def check(self, doc: Document) -> Iterator[Hit]:
        lexicon = doc.pack.lexicon(self.lexicon)
        text = doc.norm
        for m in lexicon.finditer(text):
            row = m.row
            sentence = doc.sentence_at(m.start)
            context = text[sentence.start:sentence.end] if sentence.end > sentence.start else text[m.start:m.end]
            if lexicon.vetoed(row, context):
                continue
            confidence = self.accept(doc, m)
            if confidence is None:
                continue
            matched = doc.text[m.start:m.end]
            suggestion = m.suggestion
            if suggestion is not None and row.case == "any":
                suggestion = transfer_case(matched, suggestion)
            yield Hit(
                m.start, m.end,
                self.message.format(text=matched, suggestion=suggestion or "", source=row.source, note=row.note),
                suggestion, row.fix if suggestion is not None else "none",
                row.confidence if confidence == -1 else confidence, row.severity,
            )
