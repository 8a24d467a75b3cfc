"""Streaming output: one JSON line per article, written as soon as the article is checked.

With ``--format jsonl`` the run keeps no results: each is rendered, written and dropped, so
the memory a run needs does not grow with the size of the feed. Only what the exit code
needs is remembered.
"""
from __future__ import annotations

from typing import Optional, TextIO

from .engine import FileResult
from .finding import Severity


class JsonlStream:
    """Writes each result as a JSON line and remembers whether one fails the run."""

    def __init__(self, out: TextIO, version: str, lang: str, fail_on: str = "minor",
                 max_penalty: Optional[float] = None, close: bool = False) -> None:
        self.out = out
        self._close = close
        self.version = version
        self.lang = lang
        self.threshold = Severity(fail_on).rank
        self.max_penalty = max_penalty
        self.articles = 0
        #: True once an article has a finding at or above ``fail_on`` or exceeds ``max_penalty``.
        self.failing = False

    def write(self, result: FileResult) -> None:
        from .report import RunResult
        from .report.jsonl_format import render

        self.out.write(render(RunResult([result], lang=self.lang, version=self.version)))
        self.out.flush()
        self.articles += 1
        if not self.failing:
            self.failing = (any(f.severity.rank >= self.threshold for f in result.findings)
                            or (self.max_penalty is not None and result.penalty > self.max_penalty))

    def close(self) -> None:
        """Close the output if the stream opened it (a file), else just flush it."""
        if self._close:
            self.out.close()
        else:
            self.out.flush()
