"""Language packs: every pack under corpora/ is picked up by these tests without code changes.

A pack with a gold sample (corpora/samples/<pair>/article.txt + .gold.jsonl) is checked for
gold integrity and scored with its own pack; a pack translating into English must stay quiet
on clean English; rules follow the pack's target language.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa.document import Document
from qa.engine import Settings, run_rules
from qa.evaluate import load_gold, score
from qa.finding import CATEGORIES
from qa.pack import available_pairs, corpora_root, get_pack
from qa.rules import all_rules

from .conftest import WMT

ROOT = corpora_root()
PAIRS = available_pairs()
SAMPLED = [p for p in PAIRS if (ROOT / "samples" / p / "article.gold.jsonl").is_file()]
#: Every pack file a pattern rule reads, and the rules reading it.
ROW_RULES = ("MT201", "MT301", "MT302", "MT611")
#: Recall and precision a pack must reach on its own sample (default confidence filter).
MIN_RECALL, MIN_PRECISION = 0.5, 0.8


def sample_paths(pair: str) -> tuple[Path, Path]:
    folder = ROOT / "samples" / pair
    return folder / "article.txt", folder / "article.gold.jsonl"


def test_new_packs_are_available():
    assert {"fr-en", "de-en", "es-en", "it-en", "en-fr"} <= set(PAIRS)
    assert get_pack("en-fr").target_lang == "fr"


@pytest.mark.parametrize("pair", SAMPLED)
def test_gold_sample_is_consistent(pair: str):
    text_path, gold_path = sample_paths(pair)
    text = text_path.read_text(encoding="utf-8")
    assert text.endswith("\n") and "\r" not in text
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    assert gold, "an empty gold file"
    assert [g["start"] for g in gold] == sorted(g["start"] for g in gold)
    for g in gold:
        assert text[g["start"]:g["end"]] == g["text"], g
        assert g["category"] in CATEGORIES and g["severity"] in ("minor", "major", "critical")
        assert g["note"]
        if g["category"] == "boilerplate":
            assert g["text"].endswith("\n") and g["suggestion"] == ""


@pytest.mark.parametrize("pair", SAMPLED)
def test_pack_finds_the_artifacts_of_its_sample(pair: str):
    text_path, gold_path = sample_paths(pair)
    settings = Settings(lang=pair)
    doc = Document(text_path.read_text(encoding="utf-8"), pack=settings.pack())
    found = [f.to_json() for f in run_rules(doc, settings) if f.confidence >= settings.min_confidence]
    result = score(load_gold(gold_path), found)
    assert result.precision >= MIN_PRECISION, [f["text"] for f in result.wrong]
    assert result.recall >= MIN_RECALL, [g["text"] for g in result.missed]


def english_clean_texts():
    texts = sorted((ROOT / "samples" / "clean").glob("*.txt"))
    if (WMT / "ref.en").is_file():
        texts.append(WMT / "ref.en")
    return texts


@pytest.mark.parametrize("pair", [p for p in PAIRS if p.endswith("-en") and p != "fr-en"])
def test_no_pack_row_fires_on_clean_english(pair: str):
    settings = Settings(lang=pair, select=ROW_RULES, min_confidence=0.0)
    hits = []
    for path in english_clean_texts():
        doc = Document(path.read_text(encoding="utf-8"), pack=settings.pack())
        hits += [f"{path.name}: {f.rule} {f.text!r}" for f in run_rules(doc, settings)]
    assert not hits, hits[:10]


def test_rules_follow_the_target_language():
    french = {r.code for r in Settings(lang="en-fr").rules()}
    english = {r.code for r in Settings(lang="de-en").rules()}
    assert {"MT613", "MT614", "MT615"} <= french
    assert not french & {"MT101", "MT603", "MT611", "MT612"}
    assert not english & {"MT613", "MT614", "MT615"}
    for rule in all_rules():
        assert (rule.code in french) == ("fr" in rule.targets)


def test_english_typography_is_found_in_french():
    settings = Settings(lang="en-fr", select=("typography",))
    text = "Le taux atteint 3.5 % et la ministre a dit “non” : rien n'est décidé!"
    found = [(f.rule, f.suggestion) for f in run_rules(Document(text, pack=settings.pack()), settings)]
    assert found == [("MT615", "3,5"), ("MT614", "\u00ab\u00a0"), ("MT614", "\u00a0\u00bb"), ("MT613", "\u202f!")]


def test_capitalised_nouns_need_the_pack_convention():
    text = "The town gave the Refugees new Apartments and cheaper Tickets for the buses."
    for pair, expected in (("de-en", 3), ("fr-en", 0), ("it-en", 0)):
        settings = Settings(lang=pair, select=("MT612",))
        found = run_rules(Document(text, pack=settings.pack()), settings)
        assert len(found) == expected, pair
    settings = Settings(lang="de-en", select=("MT612",))
    lone = run_rules(Document("The town housed the Refugees in a school.", pack=settings.pack()), settings)
    assert [f.confidence for f in lone] == [0.4]


@pytest.mark.parametrize("text,suggestion", [
    ("The minister called it „a scandal“ on Monday.", "“a scandal”"),
    ("Some 1.500 people marched through the city.", "1,500"),
    ("Prices rose by 3 Mrd. euros, z. B. for energy.", "3 billion"),
])
def test_german_residue(text: str, suggestion: str):
    settings = Settings(lang="de-en", select=("MT611",))
    found = run_rules(Document(text, pack=settings.pack()), settings)
    assert suggestion in [f.suggestion for f in found]


def test_spanish_residue():
    settings = Settings(lang="es-en", select=("MT611",))
    found = run_rules(Document("¿Who will pay? Officials in EE. UU. asked.", pack=settings.pack()), settings)
    assert [f.suggestion for f in found] == ["Who will pay?", "US"]
