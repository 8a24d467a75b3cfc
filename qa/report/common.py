"""What several renderers share: positions in the file, rule metadata, excerpts, labels."""
from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional
from urllib.parse import quote

from ..engine import FileResult
from ..finding import CATEGORIES, Finding
from ..patterns import compiled

#: Where SARIF consumers send readers for more about the tool.
INFORMATION_URI = "https://github.com/mtlint/mtlint"

_LINE_BREAK = compiled(r"\r\n|\r|\n")
# The end of a sentence: terminal punctuation and closers, then white space before a capital,
# a digit or an opening mark (a cheap cut for excerpts, not the rules' sentence splitter).
_SENTENCE_END = compiled(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*\s+(?=[\p{Lu}\p{N}\"'\u201c\u2018\u00ab(])")
_SPACE = compiled(r"[^\S\r\n]")
_XML_ILLEGAL = compiled(r"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class RuleInfo:
    """A rule as reports describe it (its page comes from ``qa.explain``)."""

    code: str
    name: str
    category: str
    severity: str
    summary: str
    description: str
    page: str
    precision: float


@lru_cache(maxsize=None)
def rule_info(code: str) -> Optional[RuleInfo]:
    """The registered rule with this code, or None for a code this version does not know."""
    from ..engine import rule_confidence
    from ..explain import page
    from ..rules import get_rule

    try:
        rule = get_rule(code)
    except KeyError:
        return None
    return RuleInfo(rule.code, rule.name, rule.category, rule.severity.value, rule.summary(),
                    " ".join(rule.sections().get("What it does", rule.summary()).split()), page(rule),
                    rule_confidence(rule))


def category_order(category: str) -> int:
    """Categories sort in the taxonomy's order; unknown ones last."""
    return CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)


def describe_suggestion(suggestion: Optional[str]) -> str:
    """`` → replacement`` / `` → (delete)`` / nothing, for one-line messages."""
    if suggestion is None:
        return ""
    if suggestion == "":
        return " → (delete)"
    shown = suggestion.rstrip("\r\n")
    return f" → {shown!r}" if not shown.strip() else f" → {shown}"


def source_line(source: str) -> str:
    """An aligned source segment on one line (a paragraph's line breaks become spaces)."""
    return " ".join(source.split())


def spacing_change(flagged: str, suggestion: Optional[str]) -> Optional[tuple[str, str]]:
    """A fix that only changes spacing, with its spaces made visible (``␣``); else None."""
    if suggestion is None or flagged == suggestion or "".join(flagged.split()) != "".join(suggestion.split()):
        return None
    return _SPACE.sub("␣", flagged), _SPACE.sub("␣", suggestion)


def stats_line(result: FileResult) -> str:
    n = len(result.findings)
    return (f"{result.words} words, {n} finding{'s' * (n != 1)}, "
            f"penalty {result.penalty:.1f}, quality {result.quality:.1f}")


def item_label(item: Optional[dict]) -> str:
    """``item 3 (id)`` for a feed item, empty for a whole file."""
    if not item:
        return ""
    ident = item.get("id")
    return f"item {item['index']}" + (f" ({ident})" if ident else "")


def article_title(result: FileResult) -> str:
    label = item_label(result.item)
    return f"{result.path} {label}" if label else result.path


def uri(path: str) -> str:
    """A relative URI reference for a path (forward slashes, percent-encoded)."""
    return quote(path.replace("\\", "/"), safe="/")


def xml_text(text: str) -> str:
    """Text safe for XML 1.0: characters XML cannot carry become U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", text)


class Lines:
    """Line and column (1-based, code points) of offsets into an article's text."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def at(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1


@dataclass(frozen=True)
class Region:
    """Where a finding sits in the file: 1-based lines, columns in code points, end exclusive.

    A span's final line break (a boilerplate line) is left out, so the region ends on the
    span's own line. A feed item's findings point at the line where the item starts: its
    columns and offsets are the item's, not the file's.
    """

    start_line: int
    start_column: Optional[int] = None
    end_line: Optional[int] = None
    end_column: Optional[int] = None
    char_offset: Optional[int] = None
    char_length: Optional[int] = None


def regions(result: FileResult) -> list[Region]:
    """One Region per finding of ``result``, in the same order."""
    if result.item:
        return [Region(result.item["line"]) for _ in result.findings]
    lines = Lines(result.source_text)
    out = []
    for f in result.findings:
        # A span that takes its line break along (boilerplate) ends on its own line.
        end = max(f.start, f.start + len(f.text.rstrip("\r\n")))
        end_line, end_column = lines.at(end)
        out.append(Region(f.line, f.column, end_line, end_column, f.start, end - f.start))
    return out


def fingerprints(result: FileResult) -> list[str]:
    """A stable id per finding: rule, article, flagged text and its occurrence, not its line."""
    seen: dict[tuple[str, str], int] = {}
    article = f"{result.path}\0{(result.item or {}).get('id') or (result.item or {}).get('index', '')}"
    out = []
    for f in result.findings:
        key = (f.rule, f.text)
        seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha256(f"{f.rule}\0{article}\0{f.text}\0{seen[key]}".encode("utf-8", "surrogatepass"))
        out.append(digest.hexdigest()[:32])
    return out


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``, never reaching past its line."""
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    if end > start and text[end - 1] in "\r\n":  # the span takes its line break along
        line_end = end
    else:
        breaks = [i for i in (text.find("\n", end), text.find("\r", end)) if i >= 0]
        line_end = min(breaks) if breaks else len(text)
    lo = line_start
    for m in _SENTENCE_END.finditer(text, line_start, start):
        lo = m.end()
    m = _SENTENCE_END.search(text, end, line_end)
    hi = m.start() + len(m.group().rstrip()) if m else line_end
    return lo, hi


def excerpt(text: str, finding: Finding, limit: int = 160) -> tuple[str, str, str]:
    """(before, flagged, after): the finding's sentence, at most ``limit`` characters each side."""
    lo, hi = sentence_bounds(text, finding.start, finding.end)
    before = text[max(lo, finding.start - limit):finding.start]
    after = text[finding.end:min(hi, finding.end + limit)]
    if lo < finding.start - limit:
        before = "…" + before.lstrip()
    if hi > finding.end + limit:
        after = after.rstrip() + "…"
    return before, text[finding.start:finding.end], after
