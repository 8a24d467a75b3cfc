"""JUnit XML, for CI systems that show test reports: each file a test suite, each article a test case.

A feed's items are test cases of the feed's suite (named ``item N (id)``); every finding is
a ``<failure>`` whose type is the rule code (``failures`` counts the failing test cases). An
input that could not be read is a test case with an ``<error>``. Each test case carries its
words, penalty and quality as properties and in ``system-out``.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Optional

from ..engine import FileResult
from . import RunResult
from .common import describe_suggestion, item_label, regions, stats_line, xml_text


def _element(parent: Optional[ET.Element], tag: str, text: str = "", **attrs: object) -> ET.Element:
    """An element (under ``parent`` when given) whose text and attributes XML can carry."""
    values = {k: xml_text(str(v)) for k, v in attrs.items()}
    el = ET.Element(tag, values) if parent is None else ET.SubElement(parent, tag, values)
    if text:
        el.text = xml_text(text)
    return el


def _testcase(suite: ET.Element, result: FileResult) -> None:
    name = item_label(result.item) or result.path
    case = _element(suite, "testcase", classname=result.path, name=name)
    props = _element(case, "properties")
    for key in ("words", "penalty", "quality"):
        value = getattr(result, key)
        _element(props, "property", name=key, value=value if key == "words" else f"{value:.2f}")
    for f, region in zip(result.findings, regions(result)):
        where = f"line {f.line}, column {f.column}"
        if result.item:
            where = f"{item_label(result.item)} (file line {region.start_line}), {where}"
        message = f"{f.message}{describe_suggestion(f.suggestion)}"
        detail = (f"{f.rule} {f.name} [{f.category}/{f.severity.value}] at {where}\n"
                  f"text: {f.text}\nsuggestion: {'(none)' if f.suggestion is None else f.suggestion or '(delete)'}\n"
                  f"confidence: {f.confidence:.2f}, fix: {f.fix}")
        _element(case, "failure", detail, type=f.rule, message=f"{where}: {message}")
    _element(case, "system-out", stats_line(result))


def render(run: RunResult) -> str:
    files: dict[str, tuple[list, list]] = {}
    for result in run.results:
        files.setdefault(result.path, ([], []))[0].append(result)
    for problem in run.problems:
        if problem.error:
            files.setdefault(problem.path, ([], []))[1].append(problem)
    counts = {path: (len(results) + len(problems), sum(bool(r.findings) for r in results), len(problems))
              for path, (results, problems) in files.items()}
    root = _element(None, "testsuites", name="mtlint", tests=sum(c[0] for c in counts.values()),
                    failures=sum(c[1] for c in counts.values()), errors=sum(c[2] for c in counts.values()))
    for path, (results, problems) in files.items():
        tests, failures, errors = counts[path]
        suite = _element(root, "testsuite", name=path, tests=tests, failures=failures, errors=errors)
        for result in results:
            _testcase(suite, result)
        for problem in problems:
            case = _element(suite, "testcase", classname=path, name=f"line {problem.line}" if problem.line else path)
            _element(case, "error", str(problem), message=problem.message, type="input")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
