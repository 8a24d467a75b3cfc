"""Load and validate lexicon TSV files (format: docs/lexicons.md)."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional, Union

import regex

from ..finding import FIX_SAFETY, Severity

PATTERN_COLUMNS = ("match", "kind", "suggestion", "fix", "case", "unless", "source", "note")
OPTIONAL_COLUMNS = ("severity", "confidence")


class LexiconError(ValueError):
    """A lexicon file that breaks the format; the message names the file and line."""


# No __slots__: a slotted frozen dataclass unpickles through a Python __setstate__, and the
# disk cache holds thousands of rows (~25 ms of every start).
@dataclass(frozen=True)
class Row:
    """One pattern-lexicon entry."""

    match: str
    kind: str
    suggestion: Optional[str]
    fix: str
    case: str
    unless: Optional[str]
    source: str
    note: str
    severity: Optional[Severity]
    confidence: Optional[float]
    origin: str  # "file:line", for messages and tests


Source = Union[str, Path]


def read_tsv(path: Source, text: Optional[str] = None) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, cells) of a TSV file; ``#`` lines and blank lines are skipped."""
    if text is None:
        text = Path(path).read_text(encoding="utf-8")
    header: Optional[list[str]] = None
    rows: list[tuple[int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            continue
        if len(cells) > len(header):
            raise LexiconError(f"{path}:{number}: {len(cells)} cells, header has {len(header)}")
        rows.append((number, cells + [""] * (len(header) - len(cells))))
    if header is None:
        raise LexiconError(f"{path}: no header row")
    return header, rows


def load_table(path: Source, required: Iterable[str], text: Optional[str] = None) -> list[dict[str, str]]:
    """Rows of a simple TSV as dicts; every required column must be present and non-empty."""
    header, rows = read_tsv(path, text)
    required = tuple(required)
    missing = [c for c in required if c not in header]
    if missing:
        raise LexiconError(f"{path}: missing column(s) {', '.join(missing)}")
    out = []
    for number, cells in rows:
        record = dict(zip(header, (c.strip() for c in cells)))
        for column in required:
            if not record[column]:
                raise LexiconError(f"{path}:{number}: empty {column!r}")
        record["origin"] = f"{Path(str(path)).name}:{number}"
        out.append(record)
    return out


def load_rows(path: Source, text: Optional[str] = None) -> list[Row]:
    """Validated pattern-lexicon rows."""
    records = load_table(path, ("match", "kind", "note"), text)
    header_ok = records[0].keys() if records else ()
    unknown = set(header_ok) - set(PATTERN_COLUMNS) - set(OPTIONAL_COLUMNS) - {"origin"}
    if unknown:
        raise LexiconError(f"{path}: unknown column(s) {', '.join(sorted(unknown))}")
    rows = []
    for r in records:
        where = r["origin"]
        kind = r["kind"]
        if kind not in ("literal", "regex"):
            raise LexiconError(f"{where}: kind must be literal or regex, not {kind!r}")
        fix = r.get("fix") or "none"
        if fix not in FIX_SAFETY:
            raise LexiconError(f"{where}: fix must be one of {FIX_SAFETY}, not {fix!r}")
        case = r.get("case") or "any"
        if case not in ("any", "exact"):
            raise LexiconError(f"{where}: case must be any or exact, not {case!r}")
        for column in ("match", "unless") if kind == "regex" else ("unless",):
            if r.get(column):
                try:
                    regex.compile(r[column])
                except regex.error as exc:
                    raise LexiconError(f"{where}: bad {column} pattern: {exc}") from None
        if kind == "regex" and "(?P<" in r["match"]:
            raise LexiconError(f"{where}: named groups are reserved; use plain groups")
        if unicodedata.normalize("NFC", r["match"]) != r["match"]:
            raise LexiconError(f"{where}: match is not NFC")
        severity = r.get("severity") or None
        try:
            sev = Severity(severity) if severity else None
        except ValueError:
            raise LexiconError(f"{where}: unknown severity {severity!r}") from None
        conf = r.get("confidence") or None
        try:
            confidence = float(conf) if conf else None
        except ValueError:
            raise LexiconError(f"{where}: confidence must be a number") from None
        if confidence is not None and not 0 <= confidence <= 1:
            raise LexiconError(f"{where}: confidence must lie in 0..1")
        suggestion = r.get("suggestion", "")
        rows.append(Row(
            match=r["match"], kind=kind,
            suggestion=suggestion if (suggestion or fix != "none") else None,
            fix=fix, case=case, unless=r.get("unless") or None, source=r.get("source", ""),
            note=r["note"], severity=sev, confidence=confidence, origin=where,
        ))
    return rows
