#!/usr/bin/env python3
"""CPU time per rule over the benchmark corpus: where speed work should look first.

    python bench/rule_times.py                 # the 256 KB corpus of bench/run.py, this tree
    python bench/rule_times.py --tree OTHER    # the same corpus through another copy of the code
    python bench/rule_times.py --kb 1024 --top 20
    python bench/rule_times.py --cold          # as one `mtlint check` run: nothing loaded beforehand

Each document is segmented once (as the engine does), then every rule of the default set
runs on it in turn; the time of each is summed over the corpus (``process_time``, so other
jobs on the machine disturb it less than wall-clock time). The whole corpus is checked once
beforehand, so what a process loads once (lexicons, caches, ftfy, langdetect's profiles) is
not counted; that pass also fills per-process caches, so ``--cold`` (no first pass) gives the
shares of a real run. Compare
two trees by running both, alternately, a few times: differences under ~10% are noise.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tree", type=Path, default=HERE.parent, help="the copy of the code to time")
    ap.add_argument("--kb", type=int, default=256, help="corpus size in KB (default 256)")
    ap.add_argument("--top", type=int, default=15, help="how many rules to list")
    ap.add_argument("--cold", action="store_true",
                    help="no untimed first pass: one-time loads count against the rule that causes them, "
                         "and per-process caches start empty, as in one `mtlint check` run")
    args = ap.parse_args()
    sys.path.insert(0, str(args.tree.resolve()))
    sys.path.insert(1, str(HERE))
    import qa
    from qa.document import Document
    from qa.engine import _instance
    from run import drawn

    texts = drawn(args.kb * 1000)
    size = sum(len(text.encode("utf-8")) for text in texts)
    settings = qa._settings(None, "fr-en")
    if not args.cold:  # a first pass loads lexicons, caches, tables, ftfy and langdetect: not timed
        for text in texts:
            qa.check_text(text)
    # Its own loop rather than the engine's timings (``check --timings``): ``--tree`` may name a
    # copy of the code from before them.
    spent: Counter[str] = Counter()
    begin = time.process_time()
    for text in texts:
        at = time.process_time()
        doc = Document(text, pack=settings.pack(text))
        doc.options.setdefault("langid", settings.langid)
        _ = doc.sentences, doc.quotations
        spent["(segmentation)"] += time.process_time() - at
        for rule in settings.rules():
            at = time.process_time()
            list(_instance(rule).check(doc))
            spent[rule.code] += time.process_time() - at
    total = time.process_time() - begin
    print(f"{args.tree}: {size / 1e6:.2f} MB in {total:.2f} s of CPU = {size / 1e6 / total:.3f} MB/s")
    for code, seconds in spent.most_common(args.top):
        print(f"  {code:15s} {seconds:6.3f} s  {100 * seconds / total:4.1f}%")


if __name__ == "__main__":
    main()
