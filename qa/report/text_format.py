"""Plain text: ``path:line:col: MT101 [quote-case/minor] message → suggestion``, then a summary.

A finding in an aligned input (a bilingual file, or a target checked with ``--source``) is
followed by an indented ``source: …`` line holding its source segment.

Each article's findings are followed by its figures (``path: N words, … penalty P, quality Q``);
the last line sums up the run.
"""
from __future__ import annotations

from ..score import metrics_line
from . import RunResult, location
from .common import describe_suggestion, source_line, stats_line


def render(run: RunResult) -> str:
    lines = []
    for result in run.results:
        where = location(result)
        for f in result.findings:
            lines.append(f"{where}:{f.line}:{f.column}: {f.rule} [{f.category}/{f.severity.value}] "
                         f"{f.message}{describe_suggestion(f.suggestion)}")
            if f.source is not None:
                lines.append(f"    source: {source_line(f.source)}")
        lines.append(f"{where}: {stats_line(result)}")
    articles = len(run.results)
    fixable = sum(1 for r in run.results for f in r.findings if f.fix == "safe")
    quality = (sum(r.quality for r in run.results) / articles) if articles else 100.0
    summary = (f"{run.findings} finding{'s' * (run.findings != 1)} in {articles} "
               f"article{'s' * (articles != 1)} ({fixable} fixable with --fix); mean quality {quality:.1f}")
    lines.append(summary)
    if run.metrics:
        lines.append(f"reference metrics: {metrics_line(run.metrics)}")
    return "\n".join(lines) + "\n"
