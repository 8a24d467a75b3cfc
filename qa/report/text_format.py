"""Plain text: ``path:line:col: MT101 [quote-case/minor] message → suggestion``, then a summary."""
from __future__ import annotations

from . import RunResult, location


def _suggestion(s) -> str:
    if s is None:
        return ""
    return " → (delete)" if s == "" else f" → {s.rstrip(chr(10))}"


def render(run: RunResult) -> str:
    lines = []
    for result in run.results:
        where = location(result)
        for f in result.findings:
            lines.append(f"{where}:{f.line}:{f.column}: {f.rule} [{f.category}/{f.severity.value}] "
                         f"{f.message}{_suggestion(f.suggestion)}")
    articles = len(run.results)
    fixable = sum(1 for r in run.results for f in r.findings if f.fix == "safe")
    quality = (sum(r.quality for r in run.results) / articles) if articles else 100.0
    summary = (f"{run.findings} finding{'s' * (run.findings != 1)} in {articles} "
               f"article{'s' * (articles != 1)} ({fixable} fixable with --fix); mean quality {quality:.1f}")
    lines.append(summary)
    return "\n".join(lines) + "\n"
