"""Language identification: langdetect on paragraphs (``--langid all``) and the source
language guessed from residues (``--lang auto-en``)."""
from __future__ import annotations

import pytest

from qa.document import Document
from qa.engine import Settings, lint, run_rules
from qa.langid import (MIN_PROB, MIN_WORDS, ParagraphLanguage, describe, detect, guess_pair,
                       paragraph_languages)
from qa.pack import available_pairs, corpora_root

GERMAN = "Die Regierung will die Genehmigung neuer Windparks in diesem Jahr deutlich beschleunigen."
ENGLISH = "The government wants to speed up the approval of new wind farms this year."


def test_detect_names_the_language_and_its_probability():
    lang, prob = detect(GERMAN)
    assert lang == "de" and prob >= MIN_PROB
    assert detect(ENGLISH)[0] == "en"


def test_detect_is_reproducible():
    text = "Oh là là, c'est la vie."
    assert len({detect(text) for _ in range(5)}) == 1


def test_packed_profiles_give_langdetects_own_probabilities():
    """The profiles come from the disk cache as one flat array: every result must be the one
    a factory that parsed langdetect's JSON profiles gives, to the last bit."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    from qa.langid import _factory

    parsed = DetectorFactory()
    parsed.load_profile(PROFILES_DIRECTORY)
    packed = _factory()
    assert sorted(packed.langlist) == sorted(parsed.langlist)
    for text in (GERMAN, ENGLISH, "Oh là là, c'est la vie.", "Le gouvernement veut accélérer les parcs éoliens."):
        results = []
        for factory in (parsed, packed):
            DetectorFactory.seed = 0
            detector = factory.create()
            detector.append(text)
            results.append(sorted((p.lang, p.prob) for p in detector.get_probabilities()))
        assert results[0] == results[1]


def test_the_fast_sampling_loop_gives_langdetects_own_probabilities():
    """detect() runs langdetect's sampling loop on arrays: for every text, the probabilities
    must be those of langdetect's own Detector to the last bit, including texts that converge
    early, texts that hit the iteration limit and texts with no feature at all."""
    from langdetect.lang_detect_exception import LangDetectException

    from qa.langid import _detector_class, _factory

    texts = (GERMAN, ENGLISH, "Oh là là, c'est la vie.", "Le gouvernement veut accélérer les parcs éoliens.",
             "Il a dit « on ne lâchera rien » before the vote in the Assemblée nationale on Tuesday.",
             "a", "12 345 678", "Mzansi ke nako, ba re ngwana wa tau.", ENGLISH * 40)
    for text in texts:
        results = []
        for make in (_factory().create, lambda: _detector_class()(_factory())):
            detector = make()
            detector.append(text)
            try:
                results.append([(p.lang, p.prob) for p in detector.get_probabilities()])
            except LangDetectException as problem:
                results.append(str(problem))
        assert results[0] == results[1], text


def test_profiles_are_mapped_from_the_cache_and_rebuilt_when_damaged(tmp_path, monkeypatch):
    from qa.langid import _profiles

    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    langs, words, built = _profiles()  # parsed, then written
    assert not isinstance(built, memoryview)
    again = _profiles()
    assert isinstance(again[2], memoryview) and again[:2] == (langs, words) and list(again[2]) == list(built)
    (raw,) = tmp_path.glob("langdetect-*.f64")
    raw.write_bytes(raw.read_bytes()[:-8])  # a file cut short is parsed again, not mapped
    repaired = _profiles()
    assert not isinstance(repaired[2], memoryview) and list(repaired[2]) == list(built)
    assert isinstance(_profiles()[2], memoryview)


def test_detect_without_letters_is_unknown():
    assert detect("12 345 — 67") == ("und", 0.0)


def test_paragraph_languages_skips_short_paragraphs():
    doc = Document(f"Kurz und gut.\n\n{GERMAN}\n\n{ENGLISH}\n")
    found = paragraph_languages(doc)
    assert [f.lang for f in found] == ["de", "en"]
    assert doc.text[found[0].span.start:found[0].span.end] == GERMAN
    assert all(f.words >= MIN_WORDS for f in found)


@pytest.mark.parametrize("lang,prob,words,foreign", [
    ("de", 0.99, 9, True), ("de", 0.90, 9, False), ("de", 0.99, MIN_WORDS - 1, False),
    ("en", 0.99, 9, False), ("und", 1.0, 9, False),
])
def test_a_paragraph_is_foreign_only_on_strong_evidence(lang, prob, words, foreign):
    doc = Document("x")
    assert ParagraphLanguage(doc.paragraphs[0], lang, prob, words).is_foreign("en") is foreign


def foreign_paragraphs(text: str, langid: str, lang: str = "fr-en"):
    settings = Settings(lang=lang, select=("MT510",), langid=langid)
    return run_rules(Document(text, pack=settings.pack()), settings)


def test_foreign_paragraph_runs_only_with_langid_all():
    text = f"{ENGLISH}\n\n{GERMAN}\n"
    assert foreign_paragraphs(text, "marked") == []
    found = foreign_paragraphs(text, "all")
    assert [f.text for f in found] == [GERMAN]
    assert "de" in found[0].message and "probability" in found[0].message
    assert found[0].category == "untranslated"


def test_a_mixed_paragraph_is_not_flagged():
    mixed = "The minister quoted the motto of the campaign, Wir schaffen das, and left the room at noon."
    assert foreign_paragraphs(mixed, "all") == []


def test_foreign_paragraph_follows_the_target_language():
    french = "Le gouvernement veut accélérer l'autorisation des nouveaux parcs éoliens cette année."
    assert foreign_paragraphs(f"{french}\n\n{ENGLISH}\n", "all", lang="en-fr")[0].text == ENGLISH


def sample(pair: str) -> str:
    return (corpora_root() / "samples" / pair / "article.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("pair", [p for p in available_pairs()
                                  if (corpora_root() / "samples" / p / "article.txt").is_file()])
def test_guess_pair_finds_each_pack_from_its_sample(pair: str):
    guessed, evidence = guess_pair(sample(pair), pair.split("-")[1])
    assert guessed == pair
    assert evidence


def test_guess_pair_falls_back_on_the_default_without_residue():
    clean = sorted((corpora_root() / "samples" / "clean").glob("*.txt"))[0].read_text(encoding="utf-8")
    assert guess_pair(clean) == ("fr-en", [])
    assert "default" in describe("fr-en", [])


def test_lone_function_words_are_no_evidence():
    # A particle in a name is not a phrase of the source language.
    assert guess_pair("The painter Bartolomé de las Casas and the singer Lana del Rey met.") == ("fr-en", [])
    pair, evidence = guess_pair("He said: dass die Regierung nicht mehr warten wird. Then he left.")
    assert pair == "de-en" and {e.kind for e in evidence} == {"source_markers"}


def test_describe_counts_repeated_evidence():
    _, evidence = guess_pair("Trains from Moskau reached Warschau. Moskau said so.")
    assert "“Moskau” ×2" in describe("de-en", evidence)


def test_auto_en_chooses_a_pack_per_document_and_says_so():
    settings = Settings(lang="auto-en")
    result = lint(Document(sample("it-en"), path="rome.txt"), settings)
    assert result.lang == "it-en"
    assert any("it-en" in n and "auto-en" in n for n in result.notices)
    assert any(f.rule == "MT201" and f.text == "Londra" for f in result.findings)
    plain = lint(Document(sample("it-en"), path="rome.txt"), Settings(lang="it-en"))
    assert plain.lang is None and plain.notices == []


def test_settings_know_the_target_without_a_pack():
    assert Settings(lang="auto-en").target_lang == "en"
    assert Settings(lang="auto-en").pack(sample("de-en")).pair == "de-en"
    assert all("en" in r.targets for r in Settings(lang="auto-en").rules())


def test_command_line_reports_the_guessed_pack(tmp_path):
    import json

    from click.testing import CliRunner

    from cli import main

    article = tmp_path / "madrid.txt"
    article.write_text(sample("es-en"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--lang", "auto-en", "--format", "json", str(article)])
    report = json.loads(result.stdout)
    assert report["lang"] == "es-en" and report["files"][0]["lang"] == "es-en"
    assert "using es-en" in result.stderr
    quiet = CliRunner().invoke(main, ["check", "--lang", "es-en", "--langid", "all", "--format", "json",
                                      "--select", "MT510", str(article)])
    found = json.loads(quiet.stdout)["files"][0]["findings"]
    assert found[0]["rule"] == "MT510" and found[0]["text"].startswith("El plan")
    bad = CliRunner().invoke(main, ["check", "--langid", "some", str(article)])
    assert bad.exit_code == 2
