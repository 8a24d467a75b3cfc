"""`mtlint eval` prints the same figures as the shared scorer, and adds per-rule precision."""
from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from cli import main
from qa.evaluate import score

from .conftest import shared_file


def test_score_counts_optional_and_needs_source_like_the_contract():
    gold = [{"start": 0, "end": 5, "category": "calque"},
            {"start": 10, "end": 15, "category": "name", "optional": True},
            {"start": 20, "end": 25, "category": "number", "needs_source": True}]
    found = [{"start": 1, "end": 3, "category": "garbled", "rule": "MT401"},
             {"start": 11, "end": 12, "category": "name", "rule": "MT201"},
             {"start": 30, "end": 31, "category": "name", "rule": "MT201"}]
    s = score(gold, found)
    assert (s.gold, s.findings) == (1, 3)
    assert s.recall == 1.0 and s.strict_recall == 0.0
    assert s.precision == pytest.approx(2 / 3)
    assert s.per_rule == {"MT201": (1, 2), "MT401": (1, 1)}
    assert score(gold, found, with_source=True).gold == 2


@pytest.mark.parametrize("text,gold", [
    (("seed", "lemonde-karabakh-2020.txt"), ("seed", "lemonde-karabakh-2020.gold.jsonl")),
    (("data", "wmt-fr-en", "google-dev.txt"), ("data", "wmt-fr-en", "google-dev.gold.jsonl")),
])
@pytest.mark.parametrize("with_source", [False, True])
def test_eval_agrees_with_the_shared_scorer(tmp_path, text, gold, with_source):
    text_path, gold_path = shared_file(*text), shared_file(*gold)
    scorer = shared_file("tools", "score_findings.py")
    runner = CliRunner()
    report = runner.invoke(main, ["check", "--format", "json", str(text_path)])
    assert report.exit_code in (0, 1), report.output
    findings = tmp_path / "findings.json"
    findings.write_text(report.output, encoding="utf-8")
    flag = ["--with-source"] if with_source else []
    expected = subprocess.run([sys.executable, str(scorer), str(gold_path), str(findings), *flag],
                              capture_output=True, text=True, check=True).stdout.strip().splitlines()
    ours = runner.invoke(main, ["eval", "--gold", str(gold_path), str(text_path), *flag])
    assert ours.exit_code == 0, ours.output
    lines = ours.output.strip().splitlines()
    assert lines[-1] == expected[-1]
    assert lines[0] == expected[0]
    assert lines[1].startswith("per-rule precision:")
