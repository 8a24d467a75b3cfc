"""--jobs: work spread over processes gives the same output, in input order, as one process."""
from __future__ import annotations

import concurrent.futures
import json
import pickle

import pytest
from click.testing import CliRunner

from cli import main
from qa import parallel
from qa.config import load
from qa.engine import SEGMENTATION
from qa.readers import walk
from qa.rules import resolve
from qa.runner import Checker

from .conftest import ROOT

SAMPLES = sorted((ROOT / "corpora" / "samples").glob("*.txt"))


@pytest.fixture
def corpus(tmp_path):
    """Many small articles in nested folders, a feed of them, and an unreadable input."""
    for i in range(3):
        folder = tmp_path / f"part{i}"
        folder.mkdir()
        for sample in SAMPLES:
            (folder / sample.name).write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    items = [{"id": f"a{n}", "text": s.read_text(encoding="utf-8")} for n, s in enumerate(SAMPLES)]
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(i) + "\n" for i in items * 2) + "not json\n",
                                         encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    return tmp_path


@pytest.fixture
def small_batches(monkeypatch):
    """One document a batch, so that even a small corpus is spread over the workers."""
    monkeypatch.setattr(parallel, "BATCH_DOCS", 1)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("fmt", ["json", "text", "sarif"])
def test_two_jobs_print_exactly_what_one_job_prints(corpus, small_batches, fmt):
    one = run("check", "--format", fmt, "--jobs", "1", str(corpus))
    two = run("check", "--format", fmt, "--jobs", "2", str(corpus))
    assert one.exit_code == two.exit_code == 2  # a malformed feed line is an input error
    assert one.stdout == two.stdout
    bad = 2 * len(SAMPLES) + 1
    assert f"feed.jsonl:{bad}: item {bad}: malformed JSON" in two.stderr


def test_results_come_in_input_order(corpus, small_batches):
    checker = Checker(load(None, {}))
    inputs = list(walk([str(corpus)]))
    pairs = [(path, c.doc.item["index"] if c.doc.item else 0)
             for _, path, c in parallel.iter_checked(checker, inputs, jobs=2)]
    expected = [(path, doc.item["index"] if doc.item else 0)
                for path, docs in checker.iter_documents(inputs) for doc in docs]
    assert pairs == expected
    assert len(pairs) == 3 * len(SAMPLES) + 2 * len(SAMPLES)


def test_results_carry_their_text_and_findings_back(corpus, small_batches):
    checker = Checker(load(None, {}))
    inputs = list(walk([str(corpus / "part0")]))
    alone = [c.result for _, docs in checker.iter_files(inputs) for c in docs]
    spread = [c.result for _, _, c in parallel.iter_checked(checker, inputs, jobs=2)]
    assert [(r.path, r.words, r.findings, r.source_text) for r in spread] == \
           [(r.path, r.words, r.findings, r.source_text) for r in alone]


def test_workers_time_their_rules_when_asked(corpus, small_batches):
    checker = Checker(load(None, {"select": ["MT1"]}), timed=True)
    spread = [c.result for _, _, c in parallel.iter_checked(checker, walk([str(corpus / "part0")]), jobs=2)]
    assert len(spread) == len(SAMPLES)
    assert all(set(r.timings) == {rule.code for rule in resolve(("MT1",))} | {SEGMENTATION} for r in spread)
    untimed = Checker(load(None, {"select": ["MT1"]}))
    assert all(c.result.timings is None for _, _, c in parallel.iter_checked(untimed, walk([str(corpus / "part0")]),
                                                                             jobs=2))


def test_findings_and_results_survive_pickling(corpus):
    checker = Checker(load(None, {}))
    result = next(c.result for _, docs in checker.iter_files(walk([str(SAMPLES[0])])) for c in docs)
    assert result.findings
    assert pickle.loads(pickle.dumps(result)).findings == result.findings


def test_a_single_batch_is_checked_without_starting_processes(corpus, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("no process pool for one batch")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refuse)
    checker = Checker(load(None, {}))
    assert len(list(parallel.iter_checked(checker, walk([str(SAMPLES[0])]), jobs=4))) == 1


def test_a_rule_failing_in_a_worker_is_an_internal_error_naming_it(corpus, small_batches, monkeypatch):
    from qa.rules.quotes import QuoteContinuationCapital

    def broken(self, doc):
        raise ValueError("boom")

    monkeypatch.setattr(QuoteContinuationCapital, "check", broken)
    done = run("check", "--jobs", "2", str(corpus / "part0"))
    assert done.exit_code == 3
    assert "MT101" in done.stderr and "boom" in done.stderr


def test_default_jobs_is_at_least_one():
    assert parallel.default_jobs() >= 1


def batches_read_before_the_first_result(corpus, monkeypatch, jobs: int) -> int:
    """How many batches the parent has read when the first result comes out (all results are
    then checked to arrive)."""
    pulled = []
    real = parallel._batches

    def counted(*args):
        for batch in real(*args):
            pulled.append(batch)
            yield batch

    monkeypatch.setattr(parallel, "_batches", counted)
    checker = Checker(load(None, {}))
    results = parallel.iter_checked(checker, walk([str(corpus)]), jobs=jobs)
    next(results)
    read = len(pulled)
    assert len(list(results)) == 5 * len(SAMPLES) - 1
    return read


@pytest.mark.parametrize("jobs", [1, 2])
def test_inputs_are_read_only_a_few_batches_ahead(corpus, small_batches, monkeypatch, jobs):
    assert batches_read_before_the_first_result(corpus, monkeypatch, jobs) <= parallel.IN_FLIGHT * jobs + 2


def test_long_articles_are_read_only_a_few_ahead(corpus, monkeypatch):
    """Memory stays bounded by a few articles when each is long: the deeper queue of short
    batches does not apply to them."""
    monkeypatch.setattr(parallel, "BATCH_CHARS", 100)  # every sample counts as long: one article a batch
    assert batches_read_before_the_first_result(corpus, monkeypatch, 2) <= parallel.IN_FLIGHT_LONG * 2 + 2
