"""Reference metrics: the figures are sacrebleu's own, read and signed the way its command does."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from qa.score import (ScoreError, corpus_scores, metrics_line, read_segments, reference_metrics, render_json,
                      render_text, score_files, segment_scores, target_segments)

from .conftest import shared_file

HYPS = ["The cat sat on the mat.", "It rained all day in the city.", "Prices rose by 3.5 percent."]
REFS = ["The cat was sitting on the mat.", "It rained all day long in town.", "Prices rose 3.5 percent."]


def sacrebleu_cli(*args: str) -> list[float]:
    out = subprocess.run([sys.executable, "-m", "sacrebleu", *args, "-b", "-w", "4"],
                         capture_output=True, text=True, check=True).stdout
    return [float(x) for x in json.loads(out)] if out.lstrip().startswith("[") else [float(out)]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    hyp, ref = tmp_path / "hyp.en", tmp_path / "ref.en"
    hyp.write_text("\n".join(HYPS) + "\n", encoding="utf-8")
    ref.write_text("\n".join(REFS) + "\n", encoding="utf-8")
    return hyp, ref


def test_corpus_scores_have_names_and_signatures():
    names = [s.name for s in corpus_scores(HYPS, [REFS])]
    assert names == ["BLEU", "chrF2", "TER"]
    assert [s.name for s in corpus_scores(HYPS, [REFS], chrf_plus=True)] == ["BLEU", "chrF2++", "TER"]
    bleu = corpus_scores(HYPS, [REFS])[0]
    assert bleu.signature.startswith("nrefs:1|") and "tok:13a" in bleu.signature
    assert bleu.verbose.startswith(f"BLEU|{bleu.signature} = ")


def test_scores_agree_with_the_sacrebleu_command_on_small_files(files):
    hyp, ref = files
    ours = [round(s.score, 4) for s in score_files(str(hyp), [str(ref)]).corpus]
    assert ours == sacrebleu_cli(str(ref), "-i", str(hyp), "-m", "bleu", "chrf", "ter")


def test_bootstrap_adds_a_confidence_interval_to_every_metric():
    for s in corpus_scores(HYPS * 10, [REFS * 10], n_bootstrap=50):
        assert s.ci is not None and s.mean is not None
        assert "bs:50" in s.signature and "seed:12345" in s.signature and "±" in s.verbose


def test_segment_scores_cover_every_segment():
    rows = segment_scores(HYPS, [REFS])
    assert [r["segment"] for r in rows] == [1, 2, 3]
    assert set(rows[0]) == {"segment", "BLEU", "chrF2", "TER"}
    identical = segment_scores(["Same words here."], [["Same words here."]])[0]
    assert identical["BLEU"] == 100 and identical["TER"] == 0


def test_lengths_must_agree(files, tmp_path: Path):
    hyp, _ = files
    short = tmp_path / "short.en"
    short.write_text("Only one line.\n", encoding="utf-8")
    with pytest.raises(ScoreError, match="short.en has 1 segments, the hypothesis 3"):
        score_files(str(hyp), [str(short)])
    with pytest.raises(ScoreError, match="cannot read"):
        read_segments(tmp_path / "missing.en")


def test_text_and_json_renderings(files):
    hyp, ref = files
    report = score_files(str(hyp), [str(ref)], segments=True)
    text = render_text(report)
    assert text.splitlines()[0].startswith("BLEU|nrefs:1") and len(text.splitlines()) == 3 + 3
    data = json.loads(render_json(report))
    assert set(data["metrics"]) == {"BLEU", "chrF2", "TER"} and len(data["segments"]) == 3


def test_check_metrics_score_a_bilingual_files_targets(tmp_path: Path):
    po = tmp_path / "m.po"
    po.write_text('msgid "Le chat noir dort sur le tapis."\nmsgstr "The black cat sleeps on the mat."\n\n'
                  'msgid "Le chien aboie."\nmsgstr "The dog barks at night."\n', encoding="utf-8")
    ref = tmp_path / "ref.en"
    ref.write_text("The black cat sleeps on the mat.\nThe dog barks at night.\n", encoding="utf-8")
    assert target_segments(str(po)) == ["The black cat sleeps on the mat.", "The dog barks at night."]
    metrics = reference_metrics(str(po), [str(ref)])
    assert metrics["BLEU"]["score"] == 100 and metrics["TER"]["score"] == 0
    assert metrics_line(metrics) == "BLEU 100.00 · chrF2 100.00 · TER 0.00"


# -- agreement with the sacrebleu command on the shared WMT sample -----------------------------
@pytest.fixture(scope="module")
def wmt500(tmp_path_factory) -> tuple[Path, Path, Path]:
    root = tmp_path_factory.mktemp("wmt")
    out = []
    for name in ("sys-google-translate.en", "ref.en", "sys-bing-translator.en"):
        lines = shared_file("data", "wmt-fr-en", name).read_text(encoding="utf-8").splitlines(keepends=True)[:500]
        path = root / name
        path.write_text("".join(lines), encoding="utf-8")
        out.append(path)
    return tuple(out)


def test_corpus_figures_equal_sacrebleus_on_the_shared_sample(wmt500):
    hyp, ref, _ = wmt500
    ours = [round(s.score, 4) for s in score_files(str(hyp), [str(ref)]).corpus]
    assert ours == sacrebleu_cli(str(ref), "-i", str(hyp), "-m", "bleu", "chrf", "ter")


def test_chrf_plus_plus_equals_sacrebleus(wmt500):
    hyp, ref, _ = wmt500
    (chrf,) = score_files(str(hyp), [str(ref)], chrf_plus=True, metrics=("chrf",)).corpus
    assert [round(chrf.score, 4)] == sacrebleu_cli(str(ref), "-i", str(hyp), "-m", "chrf", "--chrf-word-order", "2")


def test_two_references_and_signatures_equal_sacrebleus(wmt500):
    hyp, ref, ref2 = wmt500
    ours = score_files(str(hyp), [str(ref), str(ref2)], metrics=("bleu", "chrf")).corpus
    out = subprocess.run([sys.executable, "-m", "sacrebleu", str(ref), str(ref2), "-i", str(hyp), "-m", "bleu",
                          "chrf", "-f", "json", "-w", "4"], capture_output=True, text=True, check=True).stdout
    cli = json.loads(out)
    assert [(round(s.score, 4), s.signature) for s in ours] == [(c["score"], c["signature"]) for c in cli]


def test_bootstrap_interval_equals_sacrebleus(wmt500):
    hyp, ref, _ = wmt500
    out = subprocess.run([sys.executable, "-m", "sacrebleu", str(ref), "-i", str(hyp), "-m", "bleu", "--confidence",
                          "--confidence-n", "200", "-f", "json", "-w", "4"], capture_output=True, text=True,
                         check=True).stdout
    cli = json.loads(out)
    (ours,) = score_files(str(hyp), [str(ref)], n_bootstrap=200, metrics=("bleu",)).corpus
    assert round(ours.mean, 4) == cli["confidence_mean"] and round(ours.ci, 4) == cli["confidence_var"]
    assert ours.signature == cli["signature"]


# -- command line ------------------------------------------------------------------------------
def run_cli(*args: str):
    from click.testing import CliRunner

    from cli import main

    return CliRunner().invoke(main, list(args))


def test_score_command_prints_sacrebleus_lines_and_json(files):
    hyp, ref = files
    result = run_cli("score", str(hyp), "--ref", str(ref))
    assert result.exit_code == 0
    assert [line.split(" = ")[0].split("|")[0] for line in result.output.splitlines()] == ["BLEU", "chrF2", "TER"]
    data = json.loads(run_cli("score", str(hyp), "--ref", str(ref), "--ref", str(ref), "--format", "json",
                              "--segments", "--chrf-plus", "--bootstrap", "20").output)
    assert set(data["metrics"]) == {"BLEU", "chrF2++", "TER"} and len(data["segments"]) == 3
    assert data["metrics"]["BLEU"]["signature"].startswith("nrefs:2|bs:20|seed:12345")


def test_score_command_reports_length_mismatch_as_a_usage_error(files, tmp_path: Path):
    hyp, _ = files
    short = tmp_path / "short.en"
    short.write_text("One line.\n", encoding="utf-8")
    result = run_cli("score", str(hyp), "--ref", str(short))
    assert result.exit_code == 2 and "1 segments, the hypothesis 3" in result.output
