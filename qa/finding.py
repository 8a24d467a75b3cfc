"""Findings: what a rule reports, in the shape of the JSON contract."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Optional

#: The category taxonomy: names are part of the public contract.
CATEGORIES: tuple[str, ...] = (
    "quote-case", "quote-marks", "gender", "calque", "false-friend", "name", "agreement",
    "word-order", "garbled", "consistency", "untranslated", "typography", "boilerplate",
    "encoding", "omission", "addition", "number",
)

FIX_SAFETY: tuple[str, ...] = ("safe", "unsafe", "none")


class Severity(str, Enum):
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"

    @property
    def points(self) -> int:
        return SEVERITY_POINTS[self]

    @property
    def rank(self) -> int:
        return list(Severity).index(self)


SEVERITY_POINTS = {Severity.MINOR: 1, Severity.MAJOR: 5, Severity.CRITICAL: 10}


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule yields: a span of the document's linted text and what to say about it."""

    start: int
    end: int
    message: str
    suggestion: Optional[str] = None
    fix: str = "none"
    confidence: Optional[float] = None
    severity: Optional[Severity] = None
    group: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported artifact; offsets index the original input text (end exclusive)."""

    rule: str
    name: str
    category: str
    severity: Severity
    start: int
    end: int
    line: int
    column: int
    text: str
    message: str
    suggestion: Optional[str]
    fix: str
    confidence: float
    group: Optional[str] = None
    extra: tuple = field(default=(), compare=False)
    #: The source segment aligned with the finding (a bilingual input or ``--source``), else None.
    source: Optional[str] = field(default=None, compare=False)

    def to_json(self) -> dict:
        out = {
            "rule": self.rule, "name": self.name, "category": self.category,
            "severity": self.severity.value, "start": self.start, "end": self.end,
            "line": self.line, "column": self.column, "text": self.text,
            "message": self.message, "suggestion": self.suggestion, "fix": self.fix,
            "confidence": round(self.confidence, 3),
        }
        if self.group is not None:
            out["group"] = self.group
        if self.source is not None:
            out["source"] = self.source
        return out

    @property
    def sort_key(self) -> tuple:
        return (self.start, self.end, self.rule, self.message)
