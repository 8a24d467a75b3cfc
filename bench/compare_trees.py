#!/usr/bin/env python3
"""CPU time of two copies of the code on the same corpus, timed in turn in one process.

    python bench/compare_trees.py REFERENCE_TREE [CANDIDATE_TREE] [--codes MT210,MT211] [--kb 1000] [--passes 6]

Each tree is a copy of the repository (``git clone`` one, apply a change to the other). Both
are imported into this process under the name ``qa`` (the first is set aside before the
second is imported), warmed by one pass over the corpus, then timed pass by pass, one tree
after the other: a drift of the machine's speed, which alternating runs of ``rule_times.py``
see as ±15%, then touches both alike. A pass segments every article and runs the selected
rules (all by default; ``--codes NONE`` times segmentation alone). Prints the fastest and the
median pass of each, and their ratios (below 1: the candidate is faster).
"""
from __future__ import annotations

import argparse
import importlib
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent


def loaded(tree: Path, codes: list[str] | None, texts: list[str]) -> Callable[[], float]:
    """A function timing one pass of ``tree``'s code over ``texts``."""
    for name in [n for n in sys.modules if n == "qa" or n.startswith("qa.")]:
        del sys.modules[name]  # the other tree's modules stay alive through its closure
    sys.path.insert(0, str(tree))
    try:
        qa = importlib.import_module("qa")
        document = importlib.import_module("qa.document")
        engine = importlib.import_module("qa.engine")
    finally:
        sys.path.remove(str(tree))
    settings = qa._settings(None, "fr-en")
    rules = [engine._instance(r) for r in settings.rules() if codes is None or r.code in codes]

    def one_pass() -> float:
        begin = time.process_time()
        for text in texts:
            doc = document.Document(text, pack=settings.pack(text))
            doc.options.setdefault("langid", settings.langid)
            _ = doc.sentences, doc.quotations
            for rule in rules:
                list(rule.check(doc))
        return time.process_time() - begin

    one_pass()  # loads lexicons, caches and tables: not timed
    return one_pass


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("reference", type=Path)
    ap.add_argument("candidate", type=Path, nargs="?", default=HERE.parent)
    ap.add_argument("--codes", help="comma-separated rule codes (default: the default rule set; NONE: segmentation)")
    ap.add_argument("--kb", type=int, default=1000, help="corpus size in KB (default 1000)")
    ap.add_argument("--passes", type=int, default=6, help="timed passes of each tree (default 6)")
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    from run import drawn

    texts = drawn(args.kb * 1000)
    size = sum(len(text.encode("utf-8")) for text in texts)
    codes = None if args.codes is None else [c for c in args.codes.split(",") if c != "NONE"]
    trees = [loaded(args.reference.resolve(), codes, texts), loaded(args.candidate.resolve(), codes, texts)]
    times: list[list[float]] = [[], []]
    for _ in range(args.passes):
        for tree, spent in zip(trees, times):
            spent.append(tree())
    (fast_a, mid_a), (fast_b, mid_b) = ((min(t), statistics.median(t)) for t in times)
    print(f"{size / 1e6:.2f} MB, {args.passes} passes each")
    print(f"  reference {fast_a:.3f} s fastest, {mid_a:.3f} s median")
    print(f"  candidate {fast_b:.3f} s fastest, {mid_b:.3f} s median")
    print(f"  candidate / reference: {fast_b / fast_a:.3f} fastest, {mid_b / mid_a:.3f} median")


if __name__ == "__main__":
    main()
