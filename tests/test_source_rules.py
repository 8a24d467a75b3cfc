"""Source-aware rules (MT8xx): what they compare, where they point, and how they measure."""
from __future__ import annotations

import pytest

from qa.bilingual import align_plain, parse_bilingual
from qa.bilingual.quantities import load_words, source_quantities, target_quantities
from qa.document import Document, Span
from qa.engine import Settings, run_rules
from qa.evaluate import load_gold, score
from qa.pack import corpora_root, get_pack
from qa.rules import all_rules
from qa.rules.source_aware import facing_sentence

from .conftest import shared_file

SOURCE_RULES = [r for r in all_rules() if r.code.startswith("MT8")]
PACK = get_pack("fr-en")
SOURCE_WORDS = load_words(PACK.dir / "source_numbers.tsv")
TARGET_WORDS = load_words(PACK.root / "en" / "number_words.tsv", PACK.root / "en" / "calendar.tsv")


def findings(target: str, source: str | None, select: str = "MT8"):
    settings = Settings(select=(select,), min_confidence=0.0)
    alignment = align_plain(target, source) if source is not None else []
    doc = Document(target, pack=settings.pack(), alignment=alignment)
    return run_rules(doc, settings)


def test_every_source_aware_rule_targets_english_and_a_source_aware_category():
    assert {r.code for r in SOURCE_RULES} >= {f"MT80{i}" for i in range(1, 9)}
    for rule in SOURCE_RULES:
        assert rule.targets == ("en",)
        assert rule.category in {"number", "omission", "addition", "untranslated", "name", "quote-marks"}
        assert all(e.source for e in rule.examples()), f"{rule.code}: every example needs its source"


@pytest.mark.parametrize("rule", SOURCE_RULES, ids=lambda r: r.code)
def test_source_aware_rules_stay_silent_without_a_source(rule):
    for example in rule.examples():
        assert findings(example.text, None, rule.code) == []


def values(quantities):
    return [sorted(v for kind, v in q.values if kind == "n") for q in quantities]


@pytest.mark.parametrize("source,target", [
    ("3,5 %", "3.5%"),
    ("150 000 personnes", "150,000 people"),
    ("1.000 euros", "1,000 euros"),
    ("700 milliards de dollars", "$700 billion"),
    ("entre 327 et 440 milliards", "between 327 billion and 440 billion"),
    ("quatre-vingts", "eighty"),
    ("soixante-dix-sept", "seventy-seven"),
    ("vingt et un", "twenty-one"),
    ("trois mille", "three thousand"),
    ("à 14h30", "at 2:30 p.m."),
    ("le 30 septembre", "on September 30"),
    ("dans les années 90", "in the 1990s"),
    ("une dizaine de blessés", "about ten injured"),
])
def test_locale_formats_normalise_to_the_same_values(source, target):
    allowed = {v for q in source_quantities(source, SOURCE_WORDS) for v in q.values}
    found = target_quantities(target, TARGET_WORDS)
    assert found and all(q.values & allowed for q in found), (values(found), sorted(allowed))


@pytest.mark.parametrize("source,target", [
    ("12 billions de couronnes", "12 billion crowns"),
    ("quatre-vingts", "four to twenty"),
    ("3,5 %", "35%"),
    ("le 30 septembre", "on October 30"),
    ("mardi", "on Wednesday"),
])
def test_changed_values_do_not_match(source, target):
    allowed = {v for q in source_quantities(source, SOURCE_WORDS) for v in q.values}
    assert any(not q.values & allowed for q in target_quantities(target, TARGET_WORDS))


@pytest.mark.parametrize("target", ["the G20 summit", "a 3D printer", "one of them", "May I come in?",
                                    "a three-year plan", "Tiger Holding Four"])
def test_target_words_that_are_no_counts_are_ignored(target):
    assert target_quantities(target, TARGET_WORDS) == []


def test_a_weekday_is_checked_only_against_the_sources_own():
    assert findings("The vote took place on Monday.", "Le vote a eu lieu hier.", "MT801") == []
    (f,) = findings("The vote took place on Monday.", "Le vote a eu lieu mardi.", "MT801")
    assert f.text == "Monday"


def test_facing_sentence_follows_the_relative_position():
    target = "The mayor spoke. The bridge will be reopened soon. Shops are angry."
    source = "Le maire a parlé. Le pont ne sera pas rouvert de sitôt. Les commerçants sont en colère."
    doc = Document(target, pack=PACK)
    where = facing_sentence(doc, Span(0, len(target)), source, source.index("ne sera"))
    assert target[where.start:where.end] == "The bridge will be reopened soon."
    (f,) = findings(target, source, "MT806")
    assert f.text == "The bridge will be reopened soon."


def test_length_rules_use_the_documents_own_ratio():
    # Twenty segments whose translations are all half as long: that is the norm here.
    source = "".join(f"Phrase numéro {i} assez longue pour être jugée sur sa longueur, vraiment.\n" for i in range(20))
    target = "".join(f"Sentence {i} is long enough here.\n" for i in range(20))
    assert findings(target, source, "MT805") == []


def test_rules_are_silent_on_a_faithful_translation():
    source = ("Le gouvernement a annoncé mardi 30 septembre un plan de 3,5 milliards d'euros.\n"
              "« Nous n'avons pas le choix », a déclaré la ministre Věra Novotná.\n")
    target = ("The government announced a €3.5 billion plan on Tuesday, September 30.\n"
              "“We have no choice,” said minister Věra Novotná.\n")
    assert findings(target, source) == []


def test_the_shipped_bilingual_sample_shows_each_kind_of_problem():
    path = corpora_root() / "samples" / "bilingual" / "bridge-closure.xlf"
    settings = Settings(select=("MT8",))
    doc = parse_bilingual(path.read_text(encoding="utf-8"), str(path)).document()
    doc.pack = settings.pack()
    assert {f.rule for f in run_rules(doc, settings)} == {"MT801", "MT802", "MT804", "MT805", "MT806", "MT807"}


# -- measured on the shared WMT sample ---------------------------------------------------------
def aligned(target_name: str) -> Document:
    target = shared_file("data", "wmt-fr-en", target_name).read_text(encoding="utf-8")
    source_lines = shared_file("data", "wmt-fr-en", "src.fr").read_text(encoding="utf-8").splitlines()
    doc = Document(target, pack=PACK)
    doc.alignment = align_plain(doc.text, "\n".join(source_lines[:len(target.splitlines())]) + "\n")
    return doc


def test_google_dev_with_source_precision_and_needs_source_recall():
    doc = aligned("google-dev.txt")
    found = run_rules(doc, Settings(select=("MT8",)))
    gold = load_gold(shared_file("data", "wmt-fr-en", "google-dev.gold.jsonl"))
    s = score(gold, [f.to_json() for f in found], with_source=True)
    needs = [g for g in gold if g.get("needs_source") and not g.get("optional")]
    hit = [g for g in needs if any(f.start < g["end"] and g["start"] < f.end for f in found)]
    assert s.precision >= 0.8, s.line()
    assert len(hit) / len(needs) >= 0.25, f"needs_source recall {len(hit)}/{len(needs)}"


def test_human_reference_aligned_with_its_source_stays_quiet():
    doc = aligned("ref.en")
    found = run_rules(doc, Settings(select=("MT8",)))
    # ref.en and src.fr were translated separately from a third language, so they disagree
    # now and then on figures and negations; the bar allows for it.
    assert len(found) * 1000 / doc.words <= 1.2, len(found)
