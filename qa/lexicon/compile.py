"""Compile pattern-lexicon rows into one matcher per lexicon.

Literal rows are expanded (``{lemma}`` → every inflection) into concrete phrases and
compiled into a ``regex`` named list, a set lookup that stays linear however many rows
there are; regex rows are joined into one alternation. Each match is traced back to its
row and to the concrete suggestion, inflected like the matched word.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Optional

import regex

from .load import Row

_BRACED = regex.compile(r"\{([^{}]+)\}")
_BOUNDARY_L = r"(?<![\p{L}\p{N}_'-])"
_BOUNDARY_R = r"(?![\p{L}\p{N}_]|'\p{L}|-\p{L})"


@dataclass(frozen=True, slots=True)
class LexiconMatch:
    start: int
    end: int
    row: Row
    suggestion: Optional[str]


@lru_cache(maxsize=None)
def inflections(lemma: str) -> dict[str, str]:
    """Every inflected form of ``lemma`` mapped to its Penn tag (the lemma itself as VB)."""
    from lemminflect import getAllInflections

    forms: dict[str, str] = {}
    for tag, words in sorted(getAllInflections(lemma).items()):
        for word in words:
            forms.setdefault(word, tag)
    forms.setdefault(lemma, "VB")
    return forms


def inflect(lemma: str, tag: str) -> str:
    from lemminflect import getInflection

    got = getInflection(lemma, tag=tag)
    return got[0] if got else lemma


def expand(row: Row) -> Iterator[tuple[str, Optional[str]]]:
    """Concrete (phrase, suggestion) pairs for a literal row."""
    lemmas = _BRACED.findall(row.match)
    if not lemmas:
        yield row.match, row.suggestion
        return
    choices = [sorted(inflections(lemma).items()) for lemma in lemmas]
    for combo in itertools.product(*choices):
        words = iter(w for w, _ in combo)
        phrase = _BRACED.sub(lambda _m: next(words), row.match)
        suggestion = row.suggestion
        if suggestion:
            tags = [t for _, t in combo]
            k = itertools.count()

            def sub(m: regex.Match, tags=tags, k=k) -> str:
                i = next(k)
                return inflect(m.group(1), tags[min(i, len(tags) - 1)])

            suggestion = _BRACED.sub(sub, suggestion)
        yield phrase, suggestion


def _key(phrase: str) -> str:
    return " ".join(phrase.split()).casefold()


class PatternLexicon:
    """All rows of one lexicon file, compiled once; ``finditer`` scans a text in one pass per kind."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = rows
        self._exact: dict[str, tuple[Row, Optional[str]]] = {}
        self._folded: dict[str, tuple[Row, Optional[str]]] = {}
        regex_rows: list[Row] = []
        for row in rows:
            if row.kind == "regex":
                regex_rows.append(row)
                continue
            for phrase, suggestion in expand(row):
                if row.case == "exact":
                    self._exact.setdefault(" ".join(phrase.split()), (row, suggestion))
                else:
                    self._folded.setdefault(_key(phrase), (row, suggestion))
        self._patterns = []
        if self._exact:
            self._patterns.append((regex.compile(
                _BOUNDARY_L + r"\L<phrases>" + _BOUNDARY_R, phrases=list(self._exact)), self._exact, False))
        if self._folded:
            self._patterns.append((regex.compile(
                _BOUNDARY_L + r"\L<phrases>" + _BOUNDARY_R, regex.IGNORECASE | regex.V1,
                phrases=list(self._folded)), self._folded, True))
        self._regex_rows = [(row, regex.compile(_scoped(row))) for row in regex_rows]
        self._regex = None
        if regex_rows:
            parts = [f"(?P<r{i}>{_scoped(row)})" for i, row in enumerate(regex_rows)]
            self._regex = regex.compile(_BOUNDARY_L + "(?:" + "|".join(parts) + ")" + _BOUNDARY_R)
        self._unless = {id(r): regex.compile(r.unless, regex.IGNORECASE) for r in rows if r.unless}

    def finditer(self, text: str, overlapped: bool = False) -> Iterator[LexiconMatch]:
        for pattern, table, folded in self._patterns:
            for m in pattern.finditer(text, overlapped=overlapped):
                key = _key(m.group()) if folded else " ".join(m.group().split())
                row, suggestion = table[key]
                yield LexiconMatch(m.start(), m.end(), row, suggestion)
        if self._regex is not None:
            for m in self._regex.finditer(text, overlapped=overlapped):
                name = next(k for k, v in m.groupdict().items() if v is not None)
                row, own = self._regex_rows[int(name[1:])]
                yield LexiconMatch(m.start(), m.end(), row,
                                   _expand_template(own.match(text, m.start()), row.suggestion))

    def vetoed(self, row: Row, context: str) -> bool:
        veto = self._unless.get(id(row))
        return bool(veto and veto.search(context))


def _scoped(row: Row) -> str:
    return row.match if row.case == "exact" else f"(?i:{row.match})"


def _expand_template(m: Optional[regex.Match], suggestion: Optional[str]) -> Optional[str]:
    """Regex rows may use \\1-style references to their own groups in the suggestion."""
    if m is None or not suggestion or "\\" not in suggestion:
        return suggestion
    try:
        return m.expand(suggestion)
    except (regex.error, IndexError):
        return suggestion
