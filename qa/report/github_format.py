"""GitHub Actions workflow commands: one annotation per finding, on the pull request's diff.

``::warning file=a.txt,line=3,col=5,endLine=3,endColumn=12,title=MT101 quote-capitalization::message → suggestion``

minor findings are notices, major ones warnings and critical ones errors. Columns count
code points, the end column is exclusive. A feed item's findings point at the line where
the item starts and say where in the item's text they are. Each article ends with a plain
log line giving its words, penalty and quality; inputs that could not be read are errors.
"""
from __future__ import annotations

from . import RunResult, location
from .common import describe_suggestion, item_label, regions, stats_line

COMMAND = {"minor": "notice", "major": "warning", "critical": "error"}


def escape_data(text: str) -> str:
    """A command's message: ``%``, CR and LF are percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as a message, plus ``:`` and ``,``, which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(name: str, props: dict, message: str) -> str:
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{name} {fields}::{escape_data(message)}"


def render(run: RunResult) -> str:
    lines = []
    for result in run.results:
        for f, region in zip(result.findings, regions(result)):
            props = {"file": result.path, "line": region.start_line, "col": region.start_column,
                     "endLine": region.end_line, "endColumn": region.end_column,
                     "title": f"{f.rule} {f.name}"}
            where = f"{item_label(result.item)}, line {f.line}, column {f.column}: " if result.item else ""
            message = f"{where}{f.message}{describe_suggestion(f.suggestion)}"
            lines.append(_command(COMMAND[f.severity.value], props, message))
        lines.append(escape_data(f"{location(result)}: {stats_line(result)}"))
    for p in run.problems:
        props = {"file": p.path, "line": p.line, "title": "mtlint input error" if p.error else "mtlint notice"}
        lines.append(_command("error" if p.error else "notice", props, p.message))
    return "".join(line + "\n" for line in lines)
