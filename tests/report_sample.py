"""A small fixed run for the report tests: built by hand, so it does not depend on any rule.

Three articles (a file with overlapping, grouped and astral-plane findings, a feed item and a
clean file) and one unreadable input.
"""
from __future__ import annotations

from typing import Optional

from qa.engine import FileResult
from qa.finding import Finding, Severity
from qa.readers import InputProblem
from qa.report import RunResult

ARTICLE = (
    "Talks resume in Geneva\n"
    "\n"
    "The minister said she was \u201cDeeply worried\u201d about the 50% rise, a sign of A|B *tension*.\n"
    "Vladimir Poutine \U0001F600 met the envoy, and called them not to \u201d to aim \u201c civilians.\n"
    "Read also: <b>Markets</b> & more\n"
    "The end.\n"
)
FEED_ITEM = "Turnout reached 3,5 % in Paris, officials said.\n"
CLEAN = "The committee met on Tuesday and agreed a budget for next year.\n"
ITEM = {"index": 2, "line": 2, "id": "urn:news:2", "field": "text"}


def finding(text: str, needle: str, rule: str, name: str, category: str, severity: str, message: str,
            suggestion: Optional[str], fix: str = "safe", confidence: float = 0.9,
            group: Optional[str] = None, occurrence: int = 1) -> Finding:
    """A Finding on the ``occurrence``-th ``needle`` of ``text``, with its line and column."""
    start = -1
    for _ in range(occurrence):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Finding(rule=rule, name=name, category=category, severity=Severity(severity), start=start,
                   end=start + len(needle), line=line, column=column, text=needle, message=message,
                   suggestion=suggestion, fix=fix, confidence=confidence, group=group)


def article_findings() -> list[Finding]:
    a = ARTICLE
    found = [
        finding(a, "\u201cDeeply", "MT101", "quote-capitalization", "quote-case", "minor",
                "quotation continues the sentence: \u201cDeeply\u201d should be lower case", "\u201cdeeply"),
        finding(a, "Poutine", "MT201", "name-form", "name", "major",
                "French form of a name (Poutine)", "Putin", fix="unsafe", confidence=0.95),
        finding(a, "met the envoy, and called them", "MT401", "garbled-clause", "garbled", "critical",
                "this clause no longer parses: rewrite it", None, fix="none", confidence=0.6),
        finding(a, "called them not to", "MT301", "calque-phrase", "calque", "minor",
                "word-for-word rendering of \u00ab appeler \u00e0 \u00bb", "urged them not to", fix="unsafe"),
        finding(a, "\u201d", "MT102", "reversed-quote-marks", "quote-marks", "major",
                "closing quote mark where the quotation opens", "\u201c", group="q1", occurrence=2),
        finding(a, "\u201c", "MT102", "reversed-quote-marks", "quote-marks", "major",
                "opening quote mark where the quotation closes", "\u201d", group="q1", occurrence=2),
        finding(a, "Read also: <b>Markets</b> & more\n", "MT701", "read-also-line", "boilerplate", "minor",
                "page furniture, not part of the article", ""),
    ]
    return sorted(found, key=lambda f: f.sort_key)


def sample_run() -> RunResult:
    results = [
        FileResult(path="news/article.txt", words=1200, findings=article_findings(), source_text=ARTICLE),
        FileResult(path="feed.jsonl", words=40, item=dict(ITEM), source_text=FEED_ITEM, findings=[
            finding(FEED_ITEM, "3,5 %", "MT601", "decimal-comma", "typography", "minor",
                    "French number format", "3.5%")]),
        FileResult(path="clean.txt", words=12, findings=[], source_text=CLEAN),
    ]
    problems = [InputProblem("broken.jsonl", "item 3: malformed JSON: Expecting value (column 1)", 3)]
    return RunResult(results, lang="fr-en", problems=problems, version="9.9.9")


def single_article_run(path: str, text: str, findings: list[Finding], words: int = 10) -> RunResult:
    return RunResult([FileResult(path=path, words=words, findings=findings, source_text=text)], version="9.9.9")
