"""Suppressions: inline directives in HTML/Markdown comments, and ignored words.

Directives (selectors are codes, code prefixes, rule names or categories; none means all)::

    <!-- mtlint-disable MT101, calque -->   … findings here are not reported …
    <!-- mtlint-enable -->                  (bare: ends every open region; with
                                             selectors: ends the regions opened with them)
    <!-- mtlint-disable-next-line MT7 -->   the line after the comment only

A directive that suppressed nothing is reported as a notice (not as a finding: a notice
never changes the exit code or the penalty, and a stale directive is not a translation
artifact). A directive whose rules were not run this time is never reported.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import regex

from .document import Document
from .finding import Finding
from .patterns import compiled
from .rules import known_selector, resolve

ALL = "ALL"
_DIRECTIVE = compiled(
    r"<!--\s*mtlint-(?P<verb>disable-next-line|disable|enable)\b(?P<args>(?:(?!-->).)*?)\s*-->",
    regex.DOTALL | regex.IGNORECASE,
)
_SEPARATOR = compiled(r"[\s,]+")
# The same quote folding as the normalised view, so ignored words match ’ and ' alike.
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " "})


@lru_cache(maxsize=256)
def codes_of(selector: str) -> frozenset[str]:
    """The rule codes a selector (code, prefix, name, category or ALL) stands for."""
    return frozenset(rule.code for rule in resolve([selector]))


@dataclass
class Directive:
    """One selector of one comment; ``used`` counts the findings it suppressed."""

    verb: str
    selector: str
    line: int
    start: int  # region start (offset into the document's original text)
    end: int  # region end; for disable-next-line, unused
    used: int = 0

    def covers(self, finding: Finding) -> bool:
        if finding.rule not in codes_of(self.selector):
            return False
        if self.verb == "disable-next-line":
            return finding.line == self.line + 1
        return self.start <= finding.start < self.end

    def describe(self) -> str:
        return f"mtlint-{self.verb}" + ("" if self.selector == ALL else f" {self.selector}")


@dataclass
class Suppressions:
    """The directives of one document and the problems met while reading them."""

    directives: list[Directive] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def apply(self, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(kept, suppressed) findings; each directive counts what it suppressed."""
        kept, suppressed = [], []
        for f in findings:
            hits = [d for d in self.directives if d.covers(f)]
            for d in hits:
                d.used += 1
            (suppressed if hits else kept).append(f)
        return kept, suppressed

    def unused(self, active_codes: frozenset[str]) -> list[str]:
        """Notices for directives that suppressed nothing although their rules ran."""
        return [f"{d.line}: unused suppression `{d.describe()}`: no finding to suppress"
                for d in self.directives if not d.used and codes_of(d.selector) & active_codes]


def parse(doc: Document) -> Suppressions:
    """Read the directives in ``doc.original`` (offsets are those of findings)."""
    out = Suppressions()
    text = doc.original
    open_regions: list[Directive] = []
    for m in _DIRECTIVE.finditer(text):
        verb = m.group("verb").lower()
        line = doc.line_col(m.end())[0]
        selectors = [s for s in _SEPARATOR.split(m.group("args")) if s]
        unknown = [s for s in selectors if not known_selector(s)]
        if unknown:
            out.problems.append(f"{line}: `mtlint-{verb}` names no known rule: {', '.join(unknown)}")
            selectors = [s for s in selectors if s not in unknown]
            if not selectors:
                continue
        if verb == "enable":
            wanted = {s.casefold() for s in selectors}
            closing = [d for d in open_regions if not wanted or d.selector.casefold() in wanted]
            if not closing:
                out.problems.append(f"{line}: `mtlint-enable` without a matching `mtlint-disable`")
            for d in closing:
                d.end = m.start()
                open_regions.remove(d)
            continue
        for selector in selectors or [ALL]:
            d = Directive(verb, selector, line, m.end(), len(text))
            out.directives.append(d)
            if verb == "disable":
                open_regions.append(d)
    return out


class IgnoredWords:
    """Terms whose presence in a finding's text (whole word, any case) drops the finding."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = tuple(sorted({t.strip().translate(_FOLD) for t in terms if t.strip()}, key=str.casefold))
        alternation = "|".join(regex.escape(t) for t in sorted(self.terms, key=len, reverse=True))
        self._pattern = (regex.compile(rf"(?<![\p{{L}}\p{{N}}_])(?:{alternation})(?![\p{{L}}\p{{N}}_])",
                                       regex.IGNORECASE | regex.V1)
                         if self.terms else None)

    @classmethod
    def from_file(cls, path: Path) -> "IgnoredWords":
        """One term a line; blank lines and lines starting with ``#`` are skipped."""
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        return cls(line for line in lines if not line.lstrip().startswith("#"))

    def matches(self, finding: Finding) -> bool:
        return bool(self._pattern and self._pattern.search(finding.text.translate(_FOLD)))


def ignored_words(path: Optional[str]) -> Optional[IgnoredWords]:
    return IgnoredWords.from_file(Path(path)) if path else None
