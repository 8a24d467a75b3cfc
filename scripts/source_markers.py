#!/usr/bin/env python3
"""Propose source-language markers: frequent words of the source language that English lacks.

The untranslated rule (MT501) looks closer at a sentence only when it holds two markers, so a
short French sentence made of words missing from the hand-written list ("Le mouvement ne
faiblit pas.") went unseen. This script draws candidates from word frequencies and appends
them to the pack's ``source_markers.tsv``; the file stays the one source of truth at run time
(mtlint does not need wordfreq).

    pip install wordfreq
    python scripts/source_markers.py                 # print the candidates
    python scripts/source_markers.py --write         # append them to corpora/fr-en/source_markers.tsv

A candidate is alphabetic, at least three letters long, frequent in the source language (Zipf
≥ ``--min-source``), rare in English (Zipf ≤ ``--max-english``), not a common English word of
the pack's lists, and not French that English uses (the pack's ``french_in_english``). Review
the run's effect on clean English (``scripts/measure.py``) before committing.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pair", default="fr-en")
    ap.add_argument("--top", type=int, default=20000, help="how many of the source language's words to consider")
    ap.add_argument("--min-source", type=float, default=4.0)
    ap.add_argument("--max-english", type=float, default=1.5)
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    import wordfreq

    from qa.pack import Pack

    pack = Pack(args.pair)
    source = args.pair.split("-")[0]
    path = ROOT / "corpora" / args.pair / "source_markers.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    have = {line.split("\t")[0] for line in lines if line and not line.startswith("#")}
    borrowed = {p.lower() for p in pack.words("french_in_english", "phrase")}
    rows = []
    for word in wordfreq.top_n_list(source, args.top):
        if not word.isalpha() or len(word) < 3 or word in have or word in borrowed or pack.is_common_word(word):
            continue
        in_source, in_english = wordfreq.zipf_frequency(word, source), wordfreq.zipf_frequency(word, "en")
        if in_source >= args.min_source and in_english <= args.max_english:
            rows.append(f"{word}\tfrequent {source} word not used in English "
                        f"(word frequency, Zipf {in_source:.1f} in {source}, {in_english:.1f} in en)")
    print(f"{len(rows)} candidates", file=sys.stderr)
    if not args.write:
        print("\n".join(rows))
        return
    header = [line for line in lines if line.startswith("#")]
    columns, body = lines[len(header)], lines[len(header) + 1:]
    body = sorted(body + rows, key=lambda row: row.split("\t")[0].casefold())
    path.write_text("\n".join(header + [columns] + body) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
