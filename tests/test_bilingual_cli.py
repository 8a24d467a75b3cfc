"""Bilingual files met while walking a directory, and `mtlint eval --source`."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from click.testing import CliRunner

from cli import main
from qa.engine import Settings, run_rules
from qa.evaluate import load_gold, score
from qa.pack import corpora_root
from qa.readers import walk

from .conftest import ROOT, shared_file

SAMPLES = corpora_root() / "samples" / "bilingual"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


# -- directory walking -----------------------------------------------------------------------------
def test_a_walk_takes_xliff_tmx_and_po_but_not_tsv_or_templates(tmp_path: Path):
    for name in ("a.xlf", "b.xliff", "c.tmx", "d.po", "e.pot", "f.tsv", "g.tab", "h.txt", "i.csv"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    walked = sorted(Path(p).name for p, named in walk([str(tmp_path)]))
    assert walked == ["a.xlf", "b.xliff", "c.tmx", "d.po", "h.txt"]
    # Named on the command line, a TSV file is taken (and read as bilingual).
    assert list(walk([str(tmp_path / "f.tsv")])) == [(str(tmp_path / "f.tsv"), True)]


def test_checking_a_folder_lints_its_bilingual_files_and_leaves_lexicons_alone(tmp_path: Path):
    (tmp_path / "bridge.xlf").write_bytes((SAMPLES / "bridge-closure.xlf").read_bytes())
    lexicon = tmp_path / "corpora" / "calques.tsv"
    lexicon.parent.mkdir()
    lexicon.write_text("match\tkind\tsuggestion\tnote\nil y a\tliteral\tthere is\ta calque\n", encoding="utf-8")
    data = json.loads(run("check", "--select", "MT8", "--format", "json", str(tmp_path)).stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["bridge.xlf"]
    assert all(f["source"] for f in data["files"][0]["findings"])
    # The same lexicon named on the command line is a bilingual file, and not a valid one.
    result = run("check", str(lexicon))
    assert result.exit_code == 2 and "a bilingual TSV has two" in result.stderr


# -- eval --source -----------------------------------------------------------------------------------
def _pair(tmp_path: Path, source_lines: list[str]) -> tuple[Path, Path, Path]:
    target = tmp_path / "dev.en.txt"
    target.write_text("The works will last 35 months.\nThe bridge reopens in May.\n", encoding="utf-8")
    source = tmp_path / "dev.fr.txt"
    source.write_text("".join(line + "\n" for line in source_lines), encoding="utf-8")
    gold = tmp_path / "dev.gold.jsonl"
    gold.write_text(json.dumps({"text": "35", "start": 20, "end": 22, "category": "number", "severity": "major",
                                "suggestion": "3.5", "note": "3,5 read as 35", "needs_source": True}) + "\n",
                    encoding="utf-8")
    return target, source, gold


def test_eval_with_source_finds_what_only_the_source_shows(tmp_path: Path):
    target, source, gold = _pair(tmp_path, ["Les travaux dureront 3,5 mois.", "Le pont rouvrira en mai."])
    alone = run("eval", "--gold", str(gold), str(target), "--with-source")
    assert alone.stdout.splitlines()[-1].startswith("gold 1 findings 0 ")
    result = run("eval", "--gold", str(gold), str(target), "--source", str(source), "--with-source")
    assert result.exit_code == 0, result.output
    assert "MT801 1/1" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("gold 1 findings 1 precision 1.000 recall 1.000")


def test_eval_aligns_a_target_with_the_first_lines_of_a_longer_source(tmp_path: Path):
    target, source, gold = _pair(tmp_path, ["Les travaux dureront 3,5 mois.", "Le pont rouvrira en mai.",
                                            "Le conseil votera mardi.", "La mairie a publié un plan."])
    result = run("eval", "--gold", str(gold), str(target), "--source", str(source), "--with-source")
    assert "recall 1.000" in result.stdout
    assert "only its first 2 lines (as many as the target has) are aligned, of 4" in result.stderr


def test_eval_refuses_a_source_that_does_not_align(tmp_path: Path):
    target, source, gold = _pair(tmp_path, ["Une seule ligne."])
    result = run("eval", "--gold", str(gold), str(target), "--source", str(source))
    assert result.exit_code == 2 and "do not align" in result.output


def test_eval_with_source_gives_the_figures_of_the_measuring_script():
    text = shared_file("data", "wmt-fr-en", "google-dev.txt")
    source, gold = text.with_name("src.fr"), text.with_name("google-dev.gold.jsonl")
    spec = importlib.util.spec_from_file_location("measure_bilingual", ROOT / "scripts" / "measure_bilingual.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    settings = Settings(select=("MT8",), min_confidence=0.0)
    found = run_rules(script.aligned(text, source, settings), settings)
    expected = score(load_gold(gold), [f.to_json() for f in found], with_source=True)
    result = run("eval", "--gold", str(gold), str(text), "--source", str(source), "--with-source",
                 "--select", "MT8", "--min-confidence", "0")
    assert result.stdout.splitlines()[-1] == expected.line()
    per_rule = ", ".join(f"{r} {c}/{t}" for r, (c, t) in expected.per_rule.items())
    assert f"per-rule precision: {per_rule}" in result.stdout
