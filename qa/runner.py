"""A whole run: inputs → documents → results, plus the exit code (DESIGN.md's table)."""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass, field
from typing import Callable, Iterator, Optional

from .config import RunConfig
from .engine import FileResult, Settings, lint
from .finding import Finding, Severity
from .readers import InputProblem, read_path, walk
from .rules import resolve

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


@dataclass
class Outcome:
    results: list[FileResult] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)


def _ignored_here(path: str, per_file: tuple, finding: Finding) -> bool:
    for glob, selectors in per_file:
        if fnmatch.fnmatch(path, glob) or fnmatch.fnmatch(path.replace("\\", "/"), glob):
            if any(finding.rule == r.code for r in resolve(selectors)):
                return True
    return False


def iter_results(paths: list[str], config: RunConfig, stdin: Optional[bytes] = None,
                 on_problem: Optional[Callable[[InputProblem], None]] = None) -> Iterator[FileResult]:
    """Lint every input in order; problems go to ``on_problem`` as they are met."""
    settings: Settings = config.settings()
    per_file = config.get("per-file-ignores", ())
    field_name = config.get("field")
    for path, named in walk(paths):
        for item in read_path(path, named=named, field=field_name, stdin=stdin):
            if isinstance(item, InputProblem):
                if on_problem:
                    on_problem(item)
                continue
            result = lint(item, settings)
            if per_file:
                result.findings = [f for f in result.findings if not _ignored_here(path, per_file, f)]
            yield result


def exit_code(outcome: Outcome, fail_on: str = "minor", max_penalty: Optional[float] = None) -> int:
    if any(p.error for p in outcome.problems):
        return EXIT_INPUT
    threshold = Severity(fail_on).rank
    for result in outcome.results:
        if any(f.severity.rank >= threshold for f in result.findings):
            return EXIT_FINDINGS
        if max_penalty is not None and result.penalty > max_penalty:
            return EXIT_FINDINGS
    return EXIT_OK
