#!/usr/bin/env python3
"""Measure the source-aware rules (MT8xx) on the shared WMT sample, aligned with its French source.

- google-dev: google-dev.txt aligned line by line with the first 400 lines of src.fr, scored
  against google-dev.gold.jsonl with needs_source items counted (``--with-source``): per-rule
  precision, recall of the needs_source items, and the whole rule set's figures.
- ref.en aligned with src.fr (3,000 lines of human translation): every finding is a false alarm.

    python scripts/measure_bilingual.py          # figures
    python scripts/measure_bilingual.py -v       # also list false alarms and needs_source misses
    python scripts/measure_bilingual.py --rule MT806 -v
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.bilingual import align_plain  # noqa: E402
from qa.document import Document  # noqa: E402
from qa.engine import Settings, run_rules  # noqa: E402
from qa.evaluate import load_gold, score  # noqa: E402

WMT = ROOT.parent / "shared" / "data" / "wmt-fr-en"


def aligned(target: Path, source: Path, settings: Settings) -> Document:
    text = target.read_text(encoding="utf-8")
    lines = source.read_text(encoding="utf-8").splitlines()[:len(text.splitlines())]
    doc = Document(text, pack=settings.pack(), path=str(target))
    doc.alignment = align_plain(doc.text, "\n".join(lines) + "\n")
    return doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rule", action="append", default=[])
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    if not (WMT / "google-dev.txt").is_file():
        sys.exit(f"shared data not found: {WMT}")
    settings = Settings(select=tuple(args.rule or ["MT8"]), min_confidence=0.0)
    doc = aligned(WMT / "google-dev.txt", WMT / "src.fr", settings)
    found = run_rules(doc, settings)
    gold = load_gold(WMT / "google-dev.gold.jsonl")
    s = score(gold, [f.to_json() for f in found], with_source=True)
    needs = [g for g in gold if g.get("needs_source") and not g.get("optional")]
    hit = [g for g in needs if any(f.start < g["end"] and g["start"] < f.end for f in found)]
    print(f"google-dev (aligned): {s.line()}")
    print(f"  needs_source recall {len(hit)}/{len(needs)} = {len(hit) / max(len(needs), 1):.3f}")
    for rule, (correct, total) in s.per_rule.items():
        print(f"  {rule} precision {correct}/{total} = {correct / total:.2f}")
    if args.verbose:
        for f in s.wrong:
            print(f"   false alarm {f['rule']} line {f['line']} {f['text'][:60]!r} — {f['message'][:90]}")
        for g in needs:
            if g not in hit:
                print(f"   missed needs_source [{g['category']}] line {g['line']} {g['text']!r}")
    ref = aligned(WMT / "ref.en", WMT / "src.fr", settings)
    ref_found = run_rules(ref, settings)
    shown = [f for f in ref_found if f.confidence >= 0.5]
    print(f"ref.en (aligned, human): words {ref.words} findings {len(shown)} "
          f"per-1000 {len(shown) * 1000 / ref.words:.2f} (before confidence filter: {len(ref_found)})")
    by_rule: dict[str, int] = {}
    for f in ref_found:
        by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    print("  " + ", ".join(f"{r} {n}" for r, n in sorted(by_rule.items())))
    if args.verbose:
        for f in ref_found:
            print(f"   ref hit {f.rule} line {f.line} conf {f.confidence:.2f} {f.text[:60]!r} — {f.message[:90]}")


if __name__ == "__main__":
    main()
