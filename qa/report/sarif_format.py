"""SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, VS Code's SARIF viewer).

Columns count code points (``columnKind: unicodeCodePoints``). A feed item's findings point
at the line where the item starts in the feed file; the item and the position inside its
text go in the result's ``properties``, and no fix is offered since its offsets are not the
file's. Per-article words, penalty and quality are in the run's ``properties.articles``.
"""
from __future__ import annotations

import json
from typing import Optional

from . import RunResult
from .common import INFORMATION_URI, Region, fingerprints, regions, rule_info, uri

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"minor": "note", "major": "warning", "critical": "error"}


def _descriptor(code: str, name: str, category: str) -> dict:
    info = rule_info(code)
    if info is None:  # a code this version does not document
        return {"id": code, "name": name, "shortDescription": {"text": name},
                "properties": {"category": category}}
    properties: dict = {"category": info.category, "tags": [info.category]}
    if info.precision is not None:
        properties["precision"] = round(info.precision, 3)
    return {
        "id": info.code, "name": info.name,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": info.description},
        "help": {"text": info.page},
        "defaultConfiguration": {"level": LEVEL[info.severity]},
        "properties": properties,
    }


def _region(r: Region) -> dict:
    out = {"startLine": r.start_line}
    for key, value in (("startColumn", r.start_column), ("endLine", r.end_line), ("endColumn", r.end_column),
                       ("charOffset", r.char_offset), ("charLength", r.char_length)):
        if value is not None:
            out[key] = value
    return out


def _fix(path: str, finding, group: list) -> Optional[dict]:
    """Every edit of the finding's group (a group is fixed together or not at all)."""
    edits = group or [finding]
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


def render(run: RunResult) -> str:
    descriptors: dict[str, dict] = {}
    results = []
    articles = []
    for result in run.results:
        articles.append({"path": result.path, **({"item": dict(result.item)} if result.item else {}),
                         "words": result.words, "penalty": round(result.penalty, 2),
                         "quality": round(result.quality, 2), "findings": len(result.findings)})
        groups: dict[str, list] = {}
        for f in result.findings:
            if f.group is not None:
                groups.setdefault(f.group, []).append(f)
        for f, region, fingerprint in zip(result.findings, regions(result), fingerprints(result)):
            if f.rule not in descriptors:
                descriptors[f.rule] = _descriptor(f.rule, f.name, f.category)
            properties: dict = {"category": f.category, "severity": f.severity.value, "confidence": round(f.confidence, 3),
                                "fix": f.fix, "text": f.text, "suggestion": f.suggestion}
            if f.group is not None:
                properties["group"] = f.group
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
            fix = None if result.item else _fix(result.path, f, groups.get(f.group, []) if f.group else [])
            if fix:
                entry["fixes"] = [fix]
            results.append(entry)
    rules = [descriptors[code] for code in sorted(descriptors)]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    for entry in results:
        entry["ruleIndex"] = index[entry["ruleId"]]
    notifications = [{"level": "error" if p.error else "note", "message": {"text": p.message},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(p.path)},
                                                          **({"region": {"startLine": p.line}} if p.line else {})}}]}
                     for p in run.problems]
    sarif = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "mtlint", "version": run.version or "0", "informationUri": INFORMATION_URI,
                                "rules": rules}},
            "invocations": [{"executionSuccessful": not any(p.error for p in run.problems),
                             "toolExecutionNotifications": notifications}],
            "columnKind": "unicodeCodePoints",
            "results": results,
            "properties": {"lang": run.lang, "articles": articles},
        }],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
