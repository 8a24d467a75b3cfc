#!/usr/bin/env python3
"""Check that two source trees report byte-identical findings (for behaviour-preserving speed work).

    python bench/same_findings.py REFERENCE_TREE [CANDIDATE_TREE]

Each tree is a copy of the repository (``cli.py``, ``qa/``, ``corpora/``). Both run
``mtlint check --format json`` on the shipped samples and, when present, the shared seed
article, google-dev, the WMT reference and the French source; the script prints the first
difference and exits 1, or prints ``identical`` for every input.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RULE_KEY = b'"rule":'


def inputs() -> list[Path]:
    found = sorted((ROOT / "corpora" / "samples").rglob("*.txt"))
    found += [SHARED / "seed/lemonde-karabakh-2020.txt", SHARED / "data/wmt-fr-en/google-dev.txt",
              SHARED / "data/wmt-fr-en/ref.en", SHARED / "data/wmt-fr-en/sys-google-translate.en"]
    return [p for p in found if p.is_file()]


def report(tree: Path, path: Path) -> bytes:
    env = {**os.environ, "PYTHONPATH": str(tree), "MTLINT_NO_CACHE": "1"}
    code = "import sys, cli; sys.argv = ['mtlint'] + sys.argv[1:]; cli.main()"
    done = subprocess.run([sys.executable, "-c", code, "check", "--format", "json", "-q", "--min-confidence", "0", str(path)],
                          env=env, cwd=tree, capture_output=True)
    if done.returncode not in (0, 1, 2):  # 2: an unreadable input, reported the same way by both
        sys.exit(f"{tree}: mtlint failed on {path}: {done.stderr.decode()[-2000:]}")
    return done.stdout


def main() -> None:
    reference = Path(sys.argv[1]).resolve()
    candidate = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else ROOT
    status = 0
    for path in inputs():
        a, b = report(reference, path), report(candidate, path)
        if a == b:
            print(f"identical  {path.name} ({a.count(RULE_KEY)} findings)")
            continue
        status = 1
        for n, (x, y) in enumerate(zip(a.splitlines(), b.splitlines()), 1):
            if x != y:
                print(f"DIFFERENT  {path.name}: line {n}\n  - {x.decode()}\n  + {y.decode()}")
                break
        else:
            print(f"DIFFERENT  {path.name}: lengths {len(a)} and {len(b)}")
    sys.exit(status)


if __name__ == "__main__":
    main()
