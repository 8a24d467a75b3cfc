"""Renderers: one module per output format, each ``render(run) -> str``."""
from __future__ import annotations

import importlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from ..engine import FileResult

FORMATS = ("text", "json", "jsonl", "sarif", "github", "junit", "markdown", "html")


@dataclass
class RunResult:
    """Everything a renderer needs: the per-article results and the run's context."""

    results: list[FileResult]
    lang: str = "fr-en"
    problems: list = field(default_factory=list)
    version: str = ""
    color: bool = False
    #: Corpus reference metrics (``check --ref``): metric name → qa.score.CorpusScore.to_json().
    metrics: Optional[dict] = None

    @property
    def findings(self) -> int:
        return sum(len(r.findings) for r in self.results)

    def by_category(self) -> dict[str, int]:
        return dict(sorted(Counter(f.category for r in self.results for f in r.findings).items()))

    def by_rule(self) -> dict[str, int]:
        return dict(sorted(Counter(f.rule for r in self.results for f in r.findings).items()))


def location(result: FileResult) -> str:
    """``path`` or ``path#N`` for the N-th item of a feed."""
    if result.item:
        return f"{result.path}#{result.item['index']}"
    return result.path


def render(fmt: str, run: RunResult, options: Optional[dict] = None) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    module = importlib.import_module(f"{__name__}.{fmt}_format")
    return module.render(run, **(options or {}))
