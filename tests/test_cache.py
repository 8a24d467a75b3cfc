"""The disk cache: built once, keyed by everything that shapes an entry, never in the way."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time

import pytest

from qa import cache
from qa.lexicon import PatternLexicon, load_rows
from qa.pack import corpora_root

from .conftest import ROOT

SAMPLE = (ROOT / "corpora" / "samples" / "article-fr-en.txt").read_text(encoding="utf-8")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    return tmp_path / "cache"


class Builds:
    """A builder that counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> dict:
        self.calls += 1
        return {"value": self.calls}


def test_an_entry_is_built_once_then_read_from_disk(cache_dir, tmp_path):
    source = tmp_path / "data.tsv"
    source.write_text("a\n", encoding="utf-8")
    build = Builds()
    assert cache.cached("test", (source,), build.__call__) == {"value": 1}
    assert cache.cached("test", (source,), build.__call__) == {"value": 1}
    assert build.calls == 1
    assert len(list(cache_dir.glob("test-*.pickle"))) == 1


def test_a_changed_source_is_a_new_entry(cache_dir, tmp_path):
    source = tmp_path / "data.tsv"
    source.write_text("a\n", encoding="utf-8")
    build = Builds()
    cache.cached("test", (source,), build.__call__)
    source.write_text("b\n", encoding="utf-8")
    assert cache.cached("test", (source,), build.__call__) == {"value": 2}


def test_a_corrupt_entry_is_rebuilt(cache_dir, tmp_path):
    build = Builds()
    cache.cached("test", (), build.__call__)
    for entry in cache_dir.glob("test-*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert cache.cached("test", (), build.__call__) == {"value": 2}


def test_the_cache_can_be_turned_off(cache_dir, monkeypatch):
    monkeypatch.setenv("MTLINT_NO_CACHE", "1")
    build = Builds()
    cache.cached("test", (), build.__call__)
    cache.cached("test", (), build.__call__)
    assert build.calls == 2 and not cache_dir.exists()


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("MTLINT_CACHE_DIR", str(blocker / "cache"))  # below a file: cannot be created
    assert cache.cached("test", (), Builds().__call__) == {"value": 1}


def test_the_default_place_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("MTLINT_CACHE_DIR", raising=False)
    monkeypatch.delenv("MTLINT_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "mtlint"


def _entry(directory, name: str, size: int, age_days: float):
    path = directory / name
    path.write_bytes(b"x" * size)
    stamp = time.time() - age_days * 86400
    os.utime(path, (stamp, stamp))
    return path


def test_writing_an_entry_evicts_the_least_recently_used_beyond_the_limit(cache_dir, monkeypatch):
    monkeypatch.setenv("MTLINT_CACHE_MAX_MB", "0.01")  # 10,000 bytes
    cache_dir.mkdir(parents=True)
    oldest = _entry(cache_dir, "lexicon-old.pickle", 4000, age_days=30)
    older = _entry(cache_dir, "words-older.pickle", 4000, age_days=20)
    recent = _entry(cache_dir, "table-recent.pickle", 2000, age_days=1)
    half_written = _entry(cache_dir, ".tmp-1234.pickle", 4000, age_days=60)  # another process's write
    cache.store(cache_dir / "test-new.pickle", b"y" * 3000)
    # 13,000+ bytes > 10,000: the oldest go until at most 7,500 are left; the new entry stays.
    assert not oldest.exists() and not older.exists()
    assert recent.exists() and half_written.exists() and (cache_dir / "test-new.pickle").exists()


def test_a_cache_within_its_limit_is_left_alone(cache_dir, monkeypatch):
    monkeypatch.delenv("MTLINT_CACHE_MAX_MB", raising=False)
    cache_dir.mkdir(parents=True)
    old = _entry(cache_dir, "lexicon-old.pickle", 4000, age_days=365)
    cache.store(cache_dir / "test-new.pickle", {"a": 1})
    assert old.exists()


def test_an_entry_read_counts_as_used_and_outlives_younger_unread_ones(cache_dir):
    build = Builds()
    cache.cached("test", (), build.__call__)
    (read,) = cache_dir.glob("test-*.pickle")
    stamp = time.time() - 10 * 86400
    os.utime(read, (stamp, stamp))
    unread = _entry(cache_dir, "words-unread.pickle", 4000, age_days=5)
    assert cache.cached("test", (), build.__call__) == {"value": 1}  # read: marked as used now
    assert read.stat().st_mtime > time.time() - 60
    assert cache.evict(cache_dir, limit=read.stat().st_size + 100) == [unread.name]
    assert read.exists() and build.calls == 1


def test_a_bad_size_limit_falls_back_to_the_default(monkeypatch):
    monkeypatch.setenv("MTLINT_CACHE_MAX_MB", "lots")
    assert cache.max_bytes() == cache.DEFAULT_MAX_MB * 1_000_000
    monkeypatch.setenv("MTLINT_CACHE_MAX_MB", "64")
    assert cache.max_bytes() == 64_000_000


def test_a_lexicon_read_back_matches_like_a_fresh_one(cache_dir):
    path = corpora_root() / "fr-en" / "calques.tsv"
    fresh = PatternLexicon(load_rows(path))
    again = pickle.loads(pickle.dumps(fresh))
    text = SAMPLE + "\nat the current hour, a salty note and all of a blow.\n"
    as_tuples = lambda lex: [(m.start, m.end, m.row, m.suggestion) for m in lex.finditer(text)]  # noqa: E731
    assert as_tuples(again) == as_tuples(fresh)
    assert as_tuples(fresh)
    row = next(r for r in fresh.rows if r.unless)
    assert again.vetoed(row, "x") == fresh.vetoed(row, "x")


def test_lemma_words_agree_with_lemminflect(cache_dir):
    from lemminflect import getAllLemmas

    for word in ("said", "running", "houses", "the", "xqzzy", "poutine", "better", "geese", "Said", "OPENS",
                 "house", "fast", "well", "quickly", "of"):
        assert cache.has_lemma(word) == bool(getAllLemmas(word)), word
        for upos in ("VERB", "NOUN", "ADJ", "ADV"):
            assert cache.has_lemma(word, upos) == (upos in getAllLemmas(word)), (word, upos)


def test_base_forms_are_the_words_lemminflect_gives_as_their_own_lemma(cache_dir):
    from lemminflect import getAllLemmas

    for word in ("keep", "kept", "keeps", "have", "were", "be", "is", "rise", "rose", "march", "houses",
                 "xqzzy", "better", "run", "ran"):
        for upos in ("VERB", "NOUN"):
            assert (word in cache.base_forms(upos)) == (word in getAllLemmas(word, upos).get(upos, ())), (word, upos)
    assert {"keep", "have", "rise"} <= cache.base_forms("VERB")
    assert not {"kept", "were", "rose"} & cache.base_forms("VERB")


def test_sole_base_forms_are_their_own_and_only_lemma(cache_dir):
    from lemminflect import getAllLemmas

    for word in ("keep", "kept", "saw", "found", "see", "find", "lay", "cut", "represent", "rose", "xqzzy"):
        assert (word in cache.sole_base_forms("VERB")) == (getAllLemmas(word, "VERB").get("VERB") == (word,)), word
    assert {"keep", "represent", "cut"} <= cache.sole_base_forms("VERB")
    assert not {"saw", "found", "lay", "kept"} & cache.sole_base_forms("VERB")


def test_the_word_set_is_loaded_once_whether_the_part_of_speech_is_given_or_defaulted(cache_dir):
    assert cache.lemma_words() is cache.lemma_words("")


def _run_python(code: str, env_dir, hash_seed: str = "") -> str:
    env = {**os.environ, "MTLINT_CACHE_DIR": str(env_dir)}
    env.pop("MTLINT_NO_CACHE", None)
    if hash_seed:
        env["PYTHONHASHSEED"] = hash_seed
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True, cwd=ROOT).stdout


def test_module_patterns_are_compiled_once_then_read_from_disk(cache_dir):
    """The first process compiles the modules' patterns and leaves them at exit; the next one
    reads every one of them from disk (``regex.compile`` is never called while importing)."""
    _run_python("import qa.rules; qa.rules.all_rules()", cache_dir)
    assert len(list(cache_dir.glob("patterns-*.pickle"))) == 1
    out = _run_python("import regex, sys\n"
                      "calls = []\n"
                      "real = regex.compile\n"
                      "regex.compile = lambda *a, **k: calls.append(a) or real(*a, **k)\n"
                      "import qa.patterns, qa.rules; qa.rules.all_rules()\n"
                      "print(len(qa.patterns._known), len([a for a in calls if (a[0], int(a[1] if len(a) > 1 else 0))"
                      " in qa.patterns._known]))", cache_dir)
    known, compiled_again = map(int, out.split())
    assert known > 100 and compiled_again == 0


def test_a_read_back_lexicon_unpickles_only_the_patterns_a_text_needs(cache_dir):
    from qa.lexicon.compile import Deferred

    fresh = PatternLexicon(load_rows(corpora_root() / "fr-en" / "calques.tsv"))
    again = pickle.loads(pickle.dumps(fresh))
    deferred = [d for _, _, d, _ in again._branches]
    assert deferred and all(isinstance(d, Deferred) and d._pattern is None for d in deferred)
    list(again.finditer("The mayor put the small dishes in the big ones."))
    used = sum(d._pattern is not None for d in deferred)
    assert 0 < used < len(deferred) / 10
    # A holder read back and used pickles again as it came, source included.
    twice = pickle.loads(pickle.dumps(deferred[0]))
    assert twice.source == deferred[0].source and twice().pattern == deferred[0]().pattern


def test_a_pattern_read_back_matches_like_a_fresh_one():
    import regex

    from qa import patterns
    from qa.rules import all_rules

    all_rules()
    text = "Le « président » a dit: «Non»… L’État, 3,5 %. Russia said to herself “Deeply concerned”."
    assert len(patterns._loaded()) > 100
    for (source, flags, *named_lists), pattern in patterns._loaded().items():
        read_back = pickle.loads(pickle.dumps(pattern))
        fresh = regex.compile(source, flags, **dict(named_lists))
        assert [m.span() for m in read_back.finditer(text)] == [m.span() for m in fresh.finditer(text)]


def test_a_second_run_on_the_same_inputs_adds_no_entry(cache_dir):
    """Every key is the same from process to process (set iteration order, which changes with
    the hash seed, must not leak into one): a run that finds its entries writes none."""
    text = "Il a dit que les plans sont prêts. The minister said, with a certain je ne sais quoi, “Yes.”"
    check = f"import qa; qa.check_text({text!r})"
    def entries() -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in cache_dir.iterdir()}

    _run_python(check, cache_dir, hash_seed="1")
    first = entries()
    _run_python(check, cache_dir, hash_seed="2")
    assert entries() == first  # the module patterns' entry too: not rewritten with a new key
