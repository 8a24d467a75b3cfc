"""Score findings against gold annotations by span overlap (same figures as the shared scorer).

A gold item is found when a finding overlaps it; a finding is correct when it overlaps any
gold item (optional and needs-source items included). Items marked ``optional``, and
``needs_source`` ones unless ``with_source``, are never misses. Adds per-rule precision.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping


def load_gold(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _overlaps(a: Mapping, b: Mapping) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


@dataclass
class Score:
    gold: int
    findings: int
    precision: float
    recall: float
    strict_recall: float
    f1: float
    per_category: dict[str, tuple[int, int]] = field(default_factory=dict)
    per_rule: dict[str, tuple[int, int]] = field(default_factory=dict)  # rule → (correct, total)
    missed: list[dict] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)

    def line(self) -> str:
        return (f"gold {self.gold} findings {self.findings} precision {self.precision:.3f} "
                f"recall {self.recall:.3f} strict-recall {self.strict_recall:.3f} f1 {self.f1:.3f}")


def score(gold_items: list[dict], findings: Iterable[Mapping], with_source: bool = False) -> Score:
    found = list(findings)
    counted = [g for g in gold_items if not g.get("optional") and (with_source or not g.get("needs_source"))]
    hit = [any(_overlaps(g, f) for f in found) for g in counted]
    strict = [any(_overlaps(g, f) and f.get("category") == g["category"] for f in found) for g in counted]
    correct = [any(_overlaps(f, g) for g in gold_items) for f in found]
    recall = sum(hit) / len(counted) if counted else 1.0
    precision = sum(correct) / len(found) if found else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    per = Counter(g["category"] for g in counted)
    per_hit = Counter(g["category"] for g, h in zip(counted, hit) if h)
    rules: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for f, ok in zip(found, correct):
        rules[f.get("rule", "?")][0] += ok
        rules[f.get("rule", "?")][1] += 1
    return Score(
        gold=len(counted), findings=len(found), precision=precision, recall=recall,
        strict_recall=sum(strict) / len(counted) if counted else 1.0, f1=f1,
        per_category={c: (per_hit[c], n) for c, n in sorted(per.items())},
        per_rule={r: (c, t) for r, (c, t) in sorted(rules.items())},
        missed=[g for g, h in zip(counted, hit) if not h],
        wrong=[dict(f) for f, ok in zip(found, correct) if not ok],
    )
