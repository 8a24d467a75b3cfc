#!/usr/bin/env python3
"""Check a partitioned corpus with Dask: one mtlint call per partition, results as plain rows.

    python examples/dask_corpus.py "feeds/*.jsonl" --scheduler processes > report.jsonl

Each input line is a JSON object with the article in ``text`` (and an ``id``). The same
``check_partition`` function is what a Spark job hands to ``rdd.mapPartitions`` (see the
README's Performance section): it takes an iterable of records and returns plain, picklable
dictionaries, so any scheduler can move them between processes or machines.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Iterable, Iterator, Optional

import qa

#: Settings for every partition; a plain mapping travels to workers as it is.
DEFAULT_CONFIG = {"min-confidence": 0.5}


def check_partition(records: Iterable[dict], config: Optional[dict] = None) -> Iterator[dict]:
    """mtlint over one partition: each record ``{"id": …, "text": …}`` → one result row."""
    records = list(records)
    results = qa.check_documents((r["text"] for r in records), config=config or DEFAULT_CONFIG)
    for record, result in zip(records, results):
        yield {"id": record.get("id"), "words": result.words, "penalty": round(result.penalty, 2),
               "findings": [f.to_json() for f in result.findings]}


def check_bag(bag, config: Optional[dict] = None):
    """A Dask bag of records → a bag of result rows, one ``check_documents`` run per partition."""
    return bag.map_partitions(lambda part: list(check_partition(part, config)))


def main(argv: Optional[list[str]] = None) -> None:
    import dask.bag as db

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", help="JSONL files (a glob is fine)")
    ap.add_argument("--scheduler", default="processes", choices=("processes", "threads", "synchronous"))
    ap.add_argument("--blocksize", default="16MB", help="partition size when reading the files")
    args = ap.parse_args(argv)
    bag = db.read_text(args.paths, blocksize=args.blocksize).filter(str.strip).map(json.loads)
    for row in check_bag(bag).compute(scheduler=args.scheduler):
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
