"""HTML: one self-contained page for editors (inline CSS and script, no request leaves it).

Each article is a section: its words, findings, penalty and quality, a chart of findings by
category, the text with every finding highlighted in its category's colour, and a side list
with each finding's message and suggestion (and, in an aligned input, its source segment).
Accept and reject buttons edit the shown text; the corrected article can be copied or
downloaded. Filters hide categories and severities.

Everything taken from the article is escaped (``html.escape``); the data the script reads is
JSON in a ``<script type="application/json">`` element with ``<``, ``>`` and ``&`` escaped,
so neither ``</script>`` nor ``<!--`` can end it early. A Content-Security-Policy allows only
the page's own script (by hash) and inline styles.
"""
from __future__ import annotations

import base64
import hashlib
import json
import posixpath
from bisect import bisect_left
from collections import Counter, defaultdict
from html import escape
from typing import Callable

import regex

from ..engine import FileResult
from ..finding import Finding, Severity
from ..patterns import compiled
from . import RunResult
from .common import (
    article_title,
    category_order,
    describe_suggestion,
    excerpt,
    source_line,
    spacing_change,
)
from .html_assets import CATEGORY_COLOURS, CSS, JS, OTHER_COLOUR

_SCRIPT_HASH = base64.b64encode(hashlib.sha256(JS.encode("utf-8")).digest()).decode("ascii")
# Nothing loads from outside; the only script that runs is the page's own.
_POLICY = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{_SCRIPT_HASH}'"
_JSON_IN_SCRIPT = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
_ASTRAL = compiled(r"[\U00010000-\U0010FFFF]")


def css_class(category: str) -> str:
    """The class naming a category's colour (category names are kebab-case already)."""
    return regex.sub(r"[^a-z0-9-]", "", category.lower()) or "other"


def _colour_rules(categories: list[str]) -> str:
    return "\n".join(f".c-{css_class(c)} {{ --c: {CATEGORY_COLOURS.get(c, OTHER_COLOUR)}; }}" for c in categories)


def utf16_offsets(text: str) -> Callable[[int], int]:
    """Code-point offsets → the UTF-16 offsets JavaScript strings use."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]  # each takes two UTF-16 units
    return lambda offset: offset + bisect_left(astral, offset)


def _priority(findings: list[Finding]) -> list[int]:
    """Which finding gives an overlapped stretch its colour: the most severe, then the first."""
    return sorted(range(len(findings)), key=lambda j: (-findings[j].severity.rank, findings[j].start, j))


def _label(f: Finding) -> str:
    return f"{f.rule} {f.name} ({f.category}, {f.severity.value}): {f.message}{describe_suggestion(f.suggestion)}"


def _span(findings: list[Finding], covering: list[int], body: str, point: bool = False) -> str:
    first = findings[covering[0]]
    classes = f"hl c-{css_class(first.category)} s-{first.severity.value}" + (" multi" if len(covering) > 1 else "")
    title = "\n".join(_label(findings[j]) for j in covering)
    return (f'<span class="{classes}" data-f="{" ".join(map(str, covering))}"{" data-point" if point else ""} '
            f'title="{escape(title)}">{body}</span>')


def highlighted_text(text: str, findings: list[Finding]) -> str:
    """The article as HTML: each stretch covered by findings is one span listing them all."""
    rank = {j: r for r, j in enumerate(_priority(findings))}
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, list[int]] = defaultdict(list)
    points: dict[int, list[int]] = defaultdict(list)
    for j, f in enumerate(findings):
        if f.start == f.end:
            points[f.start].append(j)
        else:
            starts[f.start].append(j)
            ends[f.end].append(j)
    cuts = sorted({0, len(text), *starts, *ends, *points})
    active: set[int] = set()
    parts = []
    for i, pos in enumerate(cuts):
        active.difference_update(ends.get(pos, ()))
        active.update(starts.get(pos, ()))
        if pos in points:  # an insertion point: an empty span the style sheet marks with a caret
            parts.append(_span(findings, sorted(points[pos], key=rank.__getitem__), "", point=True))
        if i + 1 < len(cuts):
            body = escape(text[pos:cuts[i + 1]])
            parts.append(_span(findings, sorted(active, key=rank.__getitem__), body) if active else body)
    return "".join(parts)


def _chart(findings: list[Finding]) -> str:
    counts = Counter(f.category for f in findings)
    if not counts:
        return '<p class="empty">No findings.</p>'
    top = max(counts.values())
    rows = "".join(
        f'<div class="row c-{css_class(c)}"><span>{escape(c)}</span><span class="track">'
        f'<span class="bar" style="width:{100 * n / top:.0f}%"></span></span><span>{n}</span></div>'
        for c, n in sorted(counts.items(), key=lambda kv: (category_order(kv[0]), kv[0])))
    return (f'<figure class="chart" aria-label="Findings by category"><figcaption>Findings by category</figcaption>'
            f'{rows}</figure>')


def _finding_item(result: FileResult, j: int, f: Finding) -> str:
    before, flagged, after = excerpt(result.source_text, f)
    where = f"line {f.line}, column {f.column}" + (" of the item" if result.item else "")
    spacing = spacing_change(f.text, f.suggestion)
    if f.suggestion is None:
        suggestion = '<span class="none">no wording proposed</span>'
    elif spacing:
        suggestion = f"<del>{escape(spacing[0])}</del> → <ins>{escape(spacing[1])}</ins>"
    elif f.suggestion.strip() == "":
        suggestion = "→ delete"
    else:
        suggestion = f"→ <ins>{escape(f.suggestion)}</ins>"
    accept = ('<button type="button" class="accept" data-act="accept">Accept</button>'
              if f.suggestion is not None else "")
    source = (f'<div class="meta source">source: {escape(source_line(f.source))}</div>'
              if f.source is not None else "")
    return (
        f'<li class="finding c-{css_class(f.category)}" data-f="{j}">'
        f'<div class="meta"><span class="sev s-{f.severity.value}">{f.severity.value}</span> '
        f'<code>{escape(f.rule)}</code> {escape(f.name)} · {escape(f.category)} · {where} · '
        f'confidence {f.confidence:.2f}</div>'
        f'<p class="msg">{escape(f.message)}</p>'
        f'<div class="excerpt" title="Show in the text">{escape(before)}<mark>{escape(flagged)}</mark>'
        f'{escape(after)}</div>{source}'
        f'<div class="suggestion">{suggestion}</div>'
        f'<div class="actions">{accept}<button type="button" class="reject" data-act="reject">Reject</button>'
        f'<button type="button" data-act="undo" hidden>Undo</button><span class="state"></span></div></li>')


def _download_name(result: FileResult) -> str:
    stem, ext = posixpath.splitext(posixpath.basename(result.path.replace("\\", "/")) or "article.txt")
    if result.item:
        return f"{stem}-item{result.item['index']}.corrected.txt"
    return f"{stem}.corrected{ext or '.txt'}"


def _article(i: int, result: FileResult) -> str:
    findings = result.findings
    n = len(findings)
    items = "".join(_finding_item(result, j, f) for j, f in enumerate(findings))
    side = f'<ol class="findings">{items}</ol>' if findings else '<p class="empty">Nothing to review.</p>'
    safe = sum(f.fix == "safe" for f in findings)
    return f"""<section class="article" id="article-{i}" data-i="{i}">
<h2>{escape(article_title(result))}</h2>
<div class="stats"><span><b>{result.words}</b> words</span><span><b>{n}</b> finding{'s' * (n != 1)}</span>
<span>penalty <b>{result.penalty:.2f}</b></span><span>quality <b>{result.quality:.2f}</b></span>
<meter min="0" max="100" low="50" high="90" optimum="100" value="{result.quality:.2f}" title="quality"></meter></div>
<div class="overview">{_chart(findings)}
<div class="tools">
<button type="button" data-act="accept-safe"{' disabled' if not safe else ''}>Accept all safe fixes ({safe})</button>
<button type="button" data-act="copy">Copy corrected text</button>
<button type="button" data-act="download">Download corrected text</button><span class="changes"></span></div></div>
<div class="grid"><pre class="text">{highlighted_text(result.source_text, findings)}</pre>
<aside class="side">{side}</aside></div>
</section>"""


def _data(result: FileResult) -> dict:
    u16 = utf16_offsets(result.source_text)
    return {
        "path": result.path, "item": result.item, "download": _download_name(result),
        "text": result.source_text,
        "findings": [{"start": u16(f.start), "end": u16(f.end), "suggestion": f.suggestion, "fix": f.fix,
                      "group": f.group, "category": f.category, "cls": css_class(f.category),
                      "severity": f.severity.value, "label": _label(f)} for f in result.findings],
    }


def _filters(run: RunResult) -> str:
    categories = Counter(f.category for r in run.results for f in r.findings)
    severities = Counter(f.severity.value for r in run.results for f in r.findings)
    cats = "".join(f'<label class="c-{css_class(c)}"><input type="checkbox" data-filter="cat" value="{escape(c)}" '
                   f'checked> <span class="swatch"></span> {escape(c)} ({n})</label>'
                   for c, n in sorted(categories.items(), key=lambda kv: (category_order(kv[0]), kv[0])))
    sevs = "".join(f'<label><input type="checkbox" data-filter="sev" value="{s}" checked> {s} ({severities[s]})</label>'
                   for s in (level.value for level in Severity) if severities[s])
    if not cats:
        return ""
    return (f'<div class="filters"><fieldset><legend>Categories</legend>{cats}</fieldset>'
            f'<fieldset><legend>Severity</legend>{sevs}</fieldset></div>')


def render(run: RunResult) -> str:
    articles = len(run.results)
    categories = sorted({f.category for r in run.results for f in r.findings} | set(CATEGORY_COLOURS),
                        key=lambda c: (category_order(c), c))
    data = json.dumps({"articles": [_data(r) for r in run.results]}, ensure_ascii=False).translate(_JSON_IN_SCRIPT)
    mean = sum(r.quality for r in run.results) / articles if articles else 100.0
    title = article_title(run.results[0]) if articles == 1 else f"{articles} articles"
    problems = "".join(f"<li>{escape(str(p))}</li>" for p in run.problems if p.error)
    sections = "\n".join(_article(i, r) for i, r in enumerate(run.results))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_POLICY}">
<meta name="generator" content="mtlint {escape(run.version)}">
<title>mtlint report: {escape(title)}</title>
<style>{CSS}
{_colour_rules(categories)}
</style>
</head>
<body>
<header class="top"><h1>mtlint report</h1>
<span class="run">mtlint {escape(run.version)} · {escape(run.lang)} · {articles} article{'s' * (articles != 1)} ·
{run.findings} finding{'s' * (run.findings != 1)} · mean quality {mean:.1f}</span>
{_filters(run)}</header>
<main>
{f'<ul class="problems">{problems}</ul>' if problems else ''}
{sections or '<p class="empty">No article was checked.</p>'}
</main>
<script type="application/json" id="mtlint-data">{data}</script>
<script>{JS}</script>
</body>
</html>
"""
