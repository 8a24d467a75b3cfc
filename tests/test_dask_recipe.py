"""The Dask recipe: mtlint mapped over a partitioned corpus gives what one process gives."""
from __future__ import annotations

import importlib.util

import pytest

from .conftest import ROOT

db = pytest.importorskip("dask.bag")


def recipe():
    spec = importlib.util.spec_from_file_location("dask_corpus", ROOT / "examples" / "dask_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def records() -> list[dict]:
    samples = ROOT / "corpora" / "samples"
    texts = sorted(samples.glob("*.txt")) + sorted((samples / "clean").glob("*.txt"))
    return [{"id": f"{p.stem}-{n}", "text": p.read_text(encoding="utf-8")} for n in range(2) for p in texts]


def test_partitions_checked_by_processes_match_one_run(records):
    example = recipe()
    bag = db.from_sequence(records, npartitions=4)
    rows = example.check_bag(bag).compute(scheduler="processes", num_workers=2)
    assert rows == list(example.check_partition(records))
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert any(r["findings"] for r in rows)


def test_partition_rows_are_plain_data_with_the_json_contract(records):
    row = next(recipe().check_partition(records[:1]))
    assert set(row) == {"id", "words", "penalty", "findings"}
    assert {"rule", "category", "start", "end", "text", "confidence"} <= set(row["findings"][0])


def test_the_recipe_reads_jsonl_files(tmp_path, capsys, records):
    import json

    (tmp_path / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records[:3]), encoding="utf-8")
    recipe().main([str(tmp_path / "*.jsonl"), "--scheduler", "synchronous"])
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [r["id"] for r in records[:3]]
