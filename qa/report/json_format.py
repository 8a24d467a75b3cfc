"""JSON: exactly the contract of DESIGN.md.

A finding in an aligned input (a bilingual file, or a target checked with ``--source``) adds
one field, ``source``: its aligned source segment.
"""
from __future__ import annotations

import json

from . import RunResult


def file_entry(result) -> dict:
    entry = {"path": result.path}
    if result.item:
        entry["item"] = dict(result.item)
    if getattr(result, "lang", None):  # the pack --lang auto-<tgt> chose for this article
        entry["lang"] = result.lang
    entry.update({
        "words": result.words, "penalty": round(result.penalty, 2), "quality": round(result.quality, 2),
        "findings": [f.to_json() for f in result.findings],
    })
    return entry


def render(run: RunResult) -> str:
    report = {
        "tool": "mtlint", "version": run.version, "lang": run.lang,
        "files": [file_entry(r) for r in run.results],
        "summary": {"files": len(run.results), "findings": run.findings, "by_category": run.by_category()},
    }
    if run.metrics:
        report["metrics"] = run.metrics
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
