"""The three measuring sticks, and the project's own samples.

The shared development sets are third-party; these tests skip when they are absent.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from qa.document import Document
from qa.engine import Settings, check_document
from qa.evaluate import load_gold, score
from qa.pack import corpora_root

from .conftest import shared_file

SAMPLES = corpora_root() / "samples"


def findings(path: Path):
    settings = Settings()
    doc = Document(path.read_text(encoding="utf-8"), pack=settings.pack(), path=str(path))
    return doc, check_document(doc, settings)


def test_seed_article_recall_and_precision():
    text = shared_file("seed", "lemonde-karabakh-2020.txt")
    _, found = findings(text)
    s = score(load_gold(text.with_name("lemonde-karabakh-2020.gold.jsonl")), [f.to_json() for f in found])
    assert s.recall >= 0.85, s.line()
    assert s.precision >= 0.90, s.line()


def test_google_dev_precision():
    text = shared_file("data", "wmt-fr-en", "google-dev.txt")
    _, found = findings(text)
    s = score(load_gold(text.with_name("google-dev.gold.jsonl")), [f.to_json() for f in found])
    assert s.precision >= 0.80, s.line()


def reviewed_slips(text: Path) -> set[tuple[int, str]]:
    """(line, rule) of the findings on ``text`` read and found to be slips of the text itself
    (scripts/reference-slips.tsv)."""
    spec = importlib.util.spec_from_file_location("measure", Path(__file__).parents[1] / "scripts" / "measure.py")
    measure = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(measure)
    return {(line, rule) for name, line, rule in measure.reviewed_slips() if name == text.name}


def test_human_reference_stays_quiet():
    """Every finding on the human reference is a false alarm unless it was read and listed as
    a slip of the reference."""
    ref = shared_file("data", "wmt-fr-en", "ref.en")
    doc, found = findings(ref)
    slips = reviewed_slips(ref)
    false_alarms = [f for f in found if (f.to_json()["line"], f.rule) not in slips]
    per_thousand = len(false_alarms) * 1000 / doc.words
    offenders = sorted({f.rule for f in false_alarms})
    assert per_thousand <= 0.25, f"{per_thousand:.2f} false alarms per 1,000 words from {offenders}"
    assert len(found) * 1000 / doc.words <= 1.0  # slips included


def test_each_reviewed_slip_of_the_reference_is_still_found():
    """A slip listed in scripts/reference-slips.tsv counts as a correct finding in the measured
    precision; a listing that no finding matches any more would count nothing, so it must go."""
    ref = shared_file("data", "wmt-fr-en", "ref.en")
    slips = reviewed_slips(ref)
    settings = Settings(min_confidence=0.0)
    doc = Document(ref.read_text(encoding="utf-8"), pack=settings.pack(), path=str(ref))
    found = {(f.to_json()["line"], f.rule) for f in check_document(doc, settings)}
    assert len(slips) >= 10 and slips <= found, sorted(slips - found)


def test_clean_corpus_is_big_enough_and_silent():
    paths = sorted((SAMPLES / "clean").glob("*.txt"))
    words = 0
    for path in paths:
        doc, found = findings(path)
        words += doc.words
        assert found == [], f"{path.name}: " + "; ".join(f"{f.rule} {f.text!r}" for f in found[:5])
    assert words >= 3000


@pytest.mark.parametrize("gold", sorted(SAMPLES.glob("*.gold.jsonl")), ids=lambda p: p.name)
def test_own_samples(gold: Path):
    text = gold.with_name(gold.name.replace(".gold.jsonl", ".txt"))
    source = text.read_text(encoding="utf-8")
    items = load_gold(gold)
    for item in items:
        assert source[item["start"]:item["end"]] == item["text"], item
    _, found = findings(text)
    s = score(items, [f.to_json() for f in found])
    assert s.precision >= 0.8, s.line()
    assert s.recall >= 0.6, s.line()


def test_every_category_has_a_sample():
    categories = {json.loads(line)["category"] for gold in SAMPLES.glob("*.gold.jsonl")
                  for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()}
    target_only = {"quote-case", "quote-marks", "gender", "calque", "false-friend", "name", "agreement",
                   "word-order", "garbled", "consistency", "untranslated", "typography", "boilerplate",
                   "encoding"}
    assert target_only <= categories, sorted(target_only - categories)
