"""SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, VS Code's SARIF viewer).

Columns count code points (``columnKind: unicodeCodePoints``). A feed item's findings point
at the line where the item starts in the feed file; the item and the position inside its
text go in the result's ``properties``, and no fix is offered since its offsets are not the
file's. In an aligned input, ``properties.source`` holds the finding's source segment.
Per-article words, penalty and quality are in the run's ``properties.articles``.
"""
from __future__ import annotations

import json
from typing import Optional

from ..engine import FileResult
from ..finding import Finding
from . import RunResult
from .common import INFORMATION_URI, Region, fingerprints, regions, rule_info, uri

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"minor": "note", "major": "warning", "critical": "error"}


def _descriptor(f: Finding) -> dict:
    info = rule_info(f.rule)
    if info is None:  # a code this version does not document
        return {"id": f.rule, "name": f.name, "shortDescription": {"text": f.name},
                "properties": {"category": f.category}}
    return {
        "id": info.code, "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": info.description},
        "help": {"text": info.page},
        "defaultConfiguration": {"level": LEVEL[info.severity]},
        "properties": {"category": info.category, "precision": round(info.precision, 3), "tags": [info.category]},
    }


def _region(r: Region) -> dict:
    fields = {"startLine": r.start_line, "startColumn": r.start_column, "endLine": r.end_line,
              "endColumn": r.end_column, "charOffset": r.char_offset, "charLength": r.char_length}
    return {k: v for k, v in fields.items() if v is not None}


def _fix(path: str, edits: list[Finding]) -> Optional[dict]:
    """The finding's edit, or its whole group's (a group is fixed together or not at all)."""
    if any(f.suggestion is None for f in edits):
        return None
    return {
        "description": {"text": "; ".join(f"replace {f.text!r} with {f.suggestion!r}" if f.suggestion
                                          else f"delete {f.text!r}" for f in edits)},
        "artifactChanges": [{
            "artifactLocation": {"uri": uri(path)},
            "replacements": [{"deletedRegion": {"charOffset": f.start, "charLength": f.end - f.start},
                              "insertedContent": {"text": f.suggestion}} for f in edits],
        }],
    }


def _results(result: FileResult) -> list[dict]:
    groups: dict[str, list[Finding]] = {}
    for f in result.findings:
        if f.group is not None:
            groups.setdefault(f.group, []).append(f)
    out = []
    for f, region, fingerprint in zip(result.findings, regions(result), fingerprints(result)):
        properties: dict = {"category": f.category, "severity": f.severity.value,
                            "confidence": round(f.confidence, 3), "fix": f.fix, "text": f.text,
                            "suggestion": f.suggestion}
        if f.group is not None:
            properties["group"] = f.group
        if f.source is not None:
            properties["source"] = f.source
        if result.item:
            properties.update(item=dict(result.item), line=f.line, column=f.column, start=f.start, end=f.end)
        entry = {
            "ruleId": f.rule,
            "level": LEVEL[f.severity.value],
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(result.path)},
                                                "region": _region(region)}}],
            "partialFingerprints": {"mtlint/v1": fingerprint},
            "properties": properties,
        }
        fix = None if result.item else _fix(result.path, groups[f.group] if f.group is not None else [f])
        if fix:
            entry["fixes"] = [fix]
        out.append(entry)
    return out


def _article(result: FileResult) -> dict:
    return {"path": result.path, **({"item": dict(result.item)} if result.item else {}), "words": result.words,
            "penalty": round(result.penalty, 2), "quality": round(result.quality, 2),
            "findings": len(result.findings)}


def _notification(problem) -> dict:
    location: dict = {"artifactLocation": {"uri": uri(problem.path)}}
    if problem.line:
        location["region"] = {"startLine": problem.line}
    return {"level": "error" if problem.error else "note", "message": {"text": problem.message},
            "locations": [{"physicalLocation": location}]}


def render(run: RunResult) -> str:
    descriptors = {f.rule: _descriptor(f) for r in run.results for f in r.findings}
    rules = [descriptors[code] for code in sorted(descriptors)]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [{**entry, "ruleIndex": index[entry["ruleId"]]} for r in run.results for entry in _results(r)]
    sarif = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "mtlint", "version": run.version or "0", "informationUri": INFORMATION_URI,
                                "rules": rules}},
            "invocations": [{"executionSuccessful": not any(p.error for p in run.problems),
                             "toolExecutionNotifications": [_notification(p) for p in run.problems]}],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"lang": run.lang, "articles": [_article(r) for r in run.results]},
        }],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
