"""Markdown: an editor's report, readable as plain text and on any Markdown renderer.

Per article: a heading, its words, penalty and quality, then the findings grouped by
category, each shown in its sentence with the problem struck through (or in bold when no
wording is proposed) and the suggestion in bold, followed by the rule's message and, in an
aligned input, the source segment as a quoted line. Everything taken from the article (and
its source) is escaped, so no markup, link or raw HTML from it gets through.
"""
from __future__ import annotations

import unicodedata
from itertools import groupby
from typing import Optional

import regex

from ..engine import FileResult
from ..finding import Finding
from ..patterns import compiled
from . import RunResult
from .common import article_title, category_order, excerpt, source_line, spacing_change

# Characters that start inline markup (emphasis, code, links, tables, strike-through, math,
# headings' closing marks); ``&``, ``<`` and ``>`` become entities, so no HTML gets through.
_INLINE = compiled(r"[\\`*_\[\]|~#$]")
# What would start a block (list, quote, heading underline, fence) at the beginning of a line.
_BLOCK_START = compiled(r"^(?:[-+=]|\d+[.)])")
_LINE_BREAK = compiled(r"\r\n|\r|\n")
# Control characters (an escape sequence would drive the terminal that shows the report) are
# shown as their Control Pictures symbols (␛, ␀ …), or as U+FFFD for the C1 range.
_CONTROL = compiled(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _visible(m: regex.Match) -> str:
    code = ord(m.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def md(text: str) -> str:
    """Text shown as itself: line breaks become spaces, markup characters are escaped."""
    text = _INLINE.sub(r"\\\g<0>", _CONTROL.sub(_visible, _LINE_BREAK.sub(" ", text)))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_line(text: str) -> str:
    """A composed line whose start must not read as a list item, heading underline or the like."""
    return _BLOCK_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], text)


def _punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _emphasis(delim: str, text: str) -> str:
    return f"{delim}{md(text)}{delim}" if text else ""


def highlight(before: str, flagged: str, after: str, suggestion: Optional[str]) -> str:
    """The sentence with ``~~problem~~ **suggestion**`` (or ``**problem**`` without a suggestion)."""
    spacing = spacing_change(flagged, suggestion)
    if spacing:  # spaces are the change: show them
        core, proposal = spacing
        left, right = md(before), md(after)
    else:
        core, proposal = flagged.strip(), (suggestion or "").strip()
        left = md(before) + (" " if flagged[:1].isspace() else "")
        right = (" " if flagged[-1:].isspace() else "") + md(after)
    if suggestion is None:
        mark = _emphasis("**", core)
    else:
        mark = " ".join(filter(None, (_emphasis("~~", core), _emphasis("**", proposal))))
    if not mark:
        return md_line(md(before + flagged + after).strip())
    # Emphasis glued to a letter on the side of a punctuation mark neither opens nor closes
    # in CommonMark (its "flanking" rules): a space keeps the highlight working.
    if left[-1:].isalnum() and _punct((core or proposal)[0]):
        left += " "
    if right[:1].isalnum() and _punct((proposal or core)[-1]):
        right = " " + right
    return md_line(f"{left}{mark}{right}".strip())


def _finding(result: FileResult, f: Finding) -> list[str]:
    where = f"line {f.line}, column {f.column}" + (" of the item's text" if result.item else "")
    before, flagged, after = excerpt(result.source_text, f)
    spacing = spacing_change(f.text, f.suggestion)
    if f.suggestion is None:
        advice = "No wording proposed"
    elif spacing:
        advice = f"Suggestion: **{md(spacing[1])}**"
    elif f.suggestion.strip() == "":
        advice = "Suggestion: delete"
    else:
        advice = f"Suggestion: **{md(f.suggestion.strip())}**"
    lines = [f"- **{md(f.rule)} {md(f.name)}** · {f.severity.value} · {where} · confidence {f.confidence:.2f}\\",
             f"  {highlight(before, flagged, after, f.suggestion)}\\",
             f"  {advice} · {md(f.message)}"]
    if f.source is not None:
        lines.append(f"  > Source: {md(source_line(f.source))}")
    return lines


def _article(result: FileResult) -> list[str]:
    n = len(result.findings)
    out = ["", f"## {md(article_title(result))}", "",
           f"**{result.words}** words · penalty **{result.penalty:.2f}** · quality **{result.quality:.2f}** · "
           f"**{n}** finding{'s' * (n != 1)}"]
    if not n:
        return out + ["", "No findings."]
    ordered = sorted(result.findings, key=lambda f: (category_order(f.category), f.category, f.start))
    for category, group in groupby(ordered, key=lambda f: f.category):
        findings = list(group)
        out += ["", f"### {md(category)} ({len(findings)})", ""]
        for f in findings:
            out += _finding(result, f)
    return out


def render(run: RunResult) -> str:
    articles = len(run.results)
    lines = ["# mtlint report", "",
             f"mtlint {md(run.version)} · language pair {md(run.lang)} · "
             f"{articles} article{'s' * (articles != 1)} · {run.findings} finding{'s' * (run.findings != 1)}"]
    if articles > 1:
        lines += ["", "| article | words | findings | penalty | quality |", "|---|---:|---:|---:|---:|"]
        lines += [f"| {md(article_title(r))} | {r.words} | {len(r.findings)} | {r.penalty:.2f} | {r.quality:.2f} |"
                  for r in run.results]
    for result in run.results:
        lines += _article(result)
    problems = [p for p in run.problems if p.error]
    if problems:
        lines += ["", "## Inputs that could not be read", ""] + [f"- {md(str(p))}" for p in problems]
    return "\n".join(lines) + "\n"
