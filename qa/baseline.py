"""Baselines: record today's findings so that a run reports only the ones added since.

A finding's fingerprint never holds a line or an offset, so editing elsewhere in the
article, or appending and reordering feed items, leaves it unchanged:

- ``item``: the feed item's id when it has one, else ``path`` (relative to the baseline
  file's folder, with ``/`` separators);
- ``rule`` and ``text`` (the flagged text);
- ``sentence``: a hash of the sentence holding the finding, normalised (quotes folded,
  white space collapsed, case folded);
- ``occurrence``: 1 for the first finding with that rule, text and sentence hash in the
  same file or item, 2 for the next, and so on.

The file is JSON, sorted, with a format version.
"""
from __future__ import annotations

import hashlib
import json
import os
from bisect import bisect_right
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Optional

from .document import Document
from .finding import Finding
from .patterns import compiled

VERSION = 1
_SPACE = compiled(r"\s+")


class BaselineError(ValueError):
    """A baseline file that cannot be read; the message names the file."""


@dataclass(frozen=True, order=True)
class Fingerprint:
    location: str  # "item:<id>" for a feed item with an id, else "path:<path>"
    rule: str
    text: str
    sentence: str
    occurrence: int

    def to_json(self) -> dict:
        kind, _, where = self.location.partition(":")
        return {kind: where, **{k: v for k, v in asdict(self).items() if k != "location"}}

    @classmethod
    def from_json(cls, entry: dict) -> "Fingerprint":
        kind = "item" if "item" in entry else "path"
        return cls(f"{kind}:{entry[kind]}", str(entry["rule"]), str(entry["text"]), str(entry["sentence"]),
                   int(entry["occurrence"]))


def location(doc: Document, base: Path) -> str:
    """Where a document's findings are filed: its item id, else its path relative to ``base``."""
    if doc.item and doc.item.get("id"):
        return f"item:{doc.item['id']}"
    if doc.path.startswith("<"):  # <stdin>, <text 1>
        return f"path:{doc.path}"
    try:
        rel = os.path.relpath(os.path.abspath(doc.path), base)
    except ValueError:  # another drive
        rel = os.path.abspath(doc.path)
    return "path:" + rel.replace(os.sep, "/")


def _sentence_hash(text: str) -> str:
    normal = _SPACE.sub(" ", text).strip().casefold()
    return hashlib.sha256(normal.encode("utf-8", "surrogatepass")).hexdigest()[:16]  # lone surrogates too


class Fingerprinter:
    """Fingerprints for the findings of a file's documents, counting occurrences per location."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self._seen: Counter = Counter()

    def __call__(self, doc: Document, findings: Iterable[Finding]) -> list[Fingerprint]:
        where = location(doc, self.base)
        # Sentence spans in original offsets (findings index the original text).
        spans = [(doc.offsets.start(s.start), doc.offsets.end(s.end), s) for s in doc.sentences]
        starts = [s[0] for s in spans]
        out = []
        for f in findings:
            i = bisect_right(starts, f.start) - 1
            if i >= 0 and spans[i][0] <= f.start < max(spans[i][1], spans[i][0] + 1):
                sentence = spans[i][2]
                context = doc.norm[sentence.start:sentence.end]
            else:  # outside every sentence (white space, markup): the line is the context
                line_start = doc.original.rfind("\n", 0, f.start) + 1
                line_end = doc.original.find("\n", f.end)
                context = doc.original[line_start:line_end if line_end >= 0 else len(doc.original)]
            digest = _sentence_hash(context)
            key = (where, f.rule, f.text, digest)
            self._seen[key] += 1
            out.append(Fingerprint(where, f.rule, f.text, digest, self._seen[key]))
        return out


class Baseline:
    """The set of accepted fingerprints."""

    def __init__(self, prints: Iterable[Fingerprint], path: Optional[Path] = None) -> None:
        self.prints = frozenset(prints)
        self.path = path

    @property
    def base(self) -> Path:
        return (self.path.parent if self.path else Path.cwd()).resolve()

    def __contains__(self, fingerprint: Fingerprint) -> bool:
        return fingerprint in self.prints

    def __len__(self) -> int:
        return len(self.prints)

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise BaselineError(f"{path}: no such baseline file") from None
        except (OSError, ValueError, RecursionError) as exc:  # bad JSON, bad UTF-8, a number too long, deep nesting
            raise BaselineError(f"{path}: not a readable baseline: {exc}") from None
        if not isinstance(data, dict) or data.get("tool") != "mtlint" or "version" not in data:
            raise BaselineError(f"{path}: not an mtlint baseline")
        if data["version"] != VERSION:
            raise BaselineError(f"{path}: baseline version {data['version']} is not supported (expected {VERSION})")
        try:
            prints = [Fingerprint.from_json(e) for e in data.get("findings", [])]
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise BaselineError(f"{path}: malformed baseline entry ({exc})") from None
        return cls(prints, path)

    @staticmethod
    def dumps(prints: Iterable[Fingerprint]) -> str:
        entries = [p.to_json() for p in sorted(set(prints))]
        return json.dumps({"tool": "mtlint", "version": VERSION, "findings": entries},
                          ensure_ascii=False, indent=2, sort_keys=True) + "\n"
