#!/usr/bin/env python3
"""Measure every rule on the gold sets and on clean English; optionally rewrite corpora/precision.tsv.

Gold sets: the project's own samples (corpora/samples/*.gold.jsonl) and, when present, the
shared development sets (../shared/seed, ../shared/data/wmt-fr-en/google-dev). Clean English:
corpora/samples/clean/ and, when present, ../shared/data/wmt-fr-en/ref.en — every finding
there is a false alarm. A rule's measured precision is correct / all of its findings over all
of these, counted before confidence filtering (min-confidence 0). A clean-text finding listed in
scripts/reference-slips.tsv (read and found to be a slip of the human reference itself) counts
as correct.

    python scripts/measure.py                # print the figures
    python scripts/measure.py --write        # also rewrite corpora/precision.tsv
    python scripts/measure.py --rule MT101 -v  # list one rule's false alarms and misses
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.document import Document  # noqa: E402
from qa.engine import Settings, run_rules  # noqa: E402
from qa.evaluate import load_gold, score  # noqa: E402
from qa.rules import all_rules  # noqa: E402

SHARED = ROOT.parent / "shared"


def gold_sets() -> list[tuple[str, Path, Path]]:
    sets = [(p.stem.replace(".gold", ""), p.with_name(p.name.replace(".gold.jsonl", ".txt")), p)
            for p in sorted((ROOT / "corpora" / "samples").glob("*.gold.jsonl"))]
    for name, text, gold in (("seed", SHARED / "seed/lemonde-karabakh-2020.txt",
                              SHARED / "seed/lemonde-karabakh-2020.gold.jsonl"),
                             ("google-dev", SHARED / "data/wmt-fr-en/google-dev.txt",
                              SHARED / "data/wmt-fr-en/google-dev.gold.jsonl")):
        if text.is_file() and gold.is_file():
            sets.append((name, text, gold))
    return sets


def clean_sets() -> list[tuple[str, Path]]:
    sets = [(p.name, p) for p in sorted((ROOT / "corpora" / "samples" / "clean").glob("*.txt"))]
    ref = SHARED / "data/wmt-fr-en/ref.en"
    if ref.is_file():
        sets.append(("ref.en", ref))
    return sets


def reviewed_slips() -> set[tuple[str, int, str]]:
    """(set, line, rule) of the clean-text findings read and found to be slips of the text."""
    rows = (line.split("\t") for line in (ROOT / "scripts" / "reference-slips.tsv").read_text("utf-8").splitlines()
            if line and not line.startswith(("#", "set\t")))
    return {(name, int(number), rule) for name, number, rule, _ in rows}


def findings(path: Path, settings: Settings):
    doc = Document(path.read_text(encoding="utf-8"), pack=settings.pack(), path=str(path))
    return doc, run_rules(doc, settings)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--rule", action="append", default=[])
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    settings = Settings(select=tuple(args.rule), min_confidence=0.0)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, text, gold in gold_sets():
        _, found = findings(text, settings)
        report = [f.to_json() for f in found]
        s = score(load_gold(gold), report)
        shown = [f for f in found if f.confidence >= 0.5]
        s_shown = score(load_gold(gold), [f.to_json() for f in shown])
        print(f"{name:28} {s_shown.line()}")
        for rule, (correct, total) in s.per_rule.items():
            tally[rule][0] += correct
            tally[rule][1] += total
        if args.verbose:
            for f in s.wrong:
                print(f"   false alarm {f['rule']} {f['text']!r} — {f['message'][:70]}")
            for g in s.missed:
                print(f"   missed [{g['category']}] {g.get('text', '')!r}")
    slips = reviewed_slips()
    for name, path in clean_sets():
        doc, found = findings(path, settings)
        shown = [f for f in found if f.confidence >= 0.5]
        print(f"{name:28} words {doc.words} findings {len(shown)} per-1000 {len(shown) * 1000 / max(doc.words, 1):.2f}")
        for f in found:
            slip = (name, f.to_json()["line"], f.rule) in slips
            tally[f.rule][0] += slip
            tally[f.rule][1] += 1
            if args.verbose or f.confidence >= 0.5:
                line = doc.text[doc.sentence_at(f.start).start:doc.sentence_at(f.start).end][:150]
                print(f"   clean hit {f.rule} {f.text!r} conf {f.confidence:.2f}{' (a slip of the text)' * slip} | {line}")
    print("\nper-rule precision (correct/findings, all sets, before confidence filtering):")
    for rule in all_rules():
        c, t = tally.get(rule.code, (0, 0))
        print(f"  {rule.code} {rule.name:30} {c:4}/{t:<4} {c / t if t else float('nan'):.2f}")
    if args.write:
        out = ["# Per-rule precision measured by scripts/measure.py on the gold sets and clean English.",
               "# Regenerate with: python scripts/measure.py --write", "rule\tprecision\tnote"]
        for rule in all_rules():
            c, t = tally.get(rule.code, (0, 0))
            if t >= 3:
                # Laplace-smoothed so that a rule seen few times is not taken for perfect.
                out.append(f"{rule.code}\t{(c + 1) / (t + 2):.3f}\t{c} correct of {t} findings")
        (ROOT / "corpora" / "precision.tsv").write_text("\n".join(out) + "\n", encoding="utf-8")
        print("wrote corpora/precision.tsv")


if __name__ == "__main__":
    main()
