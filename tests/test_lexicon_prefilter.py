"""The lexicon prefilters change speed, never matches: compare with one plain alternation."""
from __future__ import annotations

from typing import Iterator

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.lexicon.compile import _BOUNDARY_L, _BOUNDARY_R, PatternLexicon, _scoped
from qa.lexicon.prefilter import analyse, prefilter_for, split_branches
from qa.pack import available_pairs, corpora_root, get_pack

LEXICONS = sorted({(pair, p.stem) for pair in available_pairs()
                   for p in (corpora_root() / pair).glob("*.tsv")
                   if p.read_text(encoding="utf-8").count("\tliteral\t") + p.read_text(encoding="utf-8").count("\tregex\t")})


def plain_alternation(lex: PatternLexicon, text: str, overlapped: bool = False) -> Iterator[tuple]:
    """The matches of the lexicon as one alternation per kind, without any prefilter."""
    for phrases in lex._patterns:
        for m in phrases.pattern.finditer(text, overlapped=overlapped):
            yield m.start(), m.end()
    rows = [row for row, _ in lex._regex_rows]
    if rows:
        parts = [f"(?P<r{i}>{_scoped(row)})" for i, row in enumerate(rows)]
        combined = regex.compile(_BOUNDARY_L + "(?:" + "|".join(parts) + ")" + _BOUNDARY_R)
        for m in combined.finditer(text, overlapped=overlapped):
            yield m.start(), m.end(), next(k for k, v in m.groupdict().items() if v is not None)


def fast(lex: PatternLexicon, text: str, overlapped: bool = False) -> list[tuple]:
    rows = {id(row): i for i, (row, _) in enumerate(lex._regex_rows)}
    return [(m.start, m.end) if m.row.kind == "literal" else (m.start, m.end, f"r{rows[id(m.row)]}")
            for m in lex.finditer(text, overlapped)]


def phrases_of(lex: PatternLexicon) -> list[str]:
    """Text that exercises the lexicon: every literal phrase and a sample of each regex row's words."""
    words = list(lex._exact) + list(lex._folded)
    for row, _ in lex._regex_rows:
        words += regex.findall(r"[A-Za-z][a-z]{2,}", row.match)[:6]
    return words


@pytest.fixture(scope="module", params=LEXICONS, ids=lambda p: f"{p[0]}/{p[1]}")
def lexicon(request) -> PatternLexicon:
    pair, name = request.param
    return get_pack(pair).lexicon(name)


def test_same_matches_on_text_made_of_its_own_phrases(lexicon):
    words = phrases_of(lexicon)
    lines = [" ".join(words[i:i + 7]) + "." for i in range(0, len(words), 7)]
    text = "\n".join(lines) + "\n" + " ".join(w.upper() for w in words[:50]) + "\n\n" + "\n".join(lines[::-1])
    for sample in (text, text.replace("\n", " "), "Stra\u00dfe " + text, text + "\n\u017fome \u212aey \u0130stanbul",
                   text.replace("\n", " ").replace(" ", " " * 70, 3)):  # one line; the same with long spaces
        assert fast(lexicon, sample) == list(plain_alternation(lexicon, sample))
        assert fast(lexicon, sample, overlapped=True) == list(plain_alternation(lexicon, sample, overlapped=True))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_same_matches_on_random_mixtures(lexicon, data):
    words = phrases_of(lexicon)
    pieces = data.draw(st.lists(st.one_of(st.sampled_from(words or ["the"]),
                                          st.sampled_from(["\n", " ", "\t", ", ", ". ", "-", "'", "\u00df", "\u017f",
                                                           "\u212a", "\u0130", "\u00e9", "The", "of the"])),
                                max_size=40))
    text = "".join(p if i % 3 else p + " " for i, p in enumerate(pieces))
    assert fast(lexicon, text) == list(plain_alternation(lexicon, text))


@pytest.mark.parametrize("pattern, needs, stops", [
    (r"\bpolemic\s+over\b", {"polemic"}, ".!?;"),
    (r"\b(?:the|a|new)[ \t]+polemic\b", {" polemic"}, "\n.!?;"),  # a space or a tab before it
    (r"\b(?:austerity|slimming)[ \t]+cure\b", {"austerity ", "slimming "}, "\n.!?;"),
    (r"\bon[ \t]+(?:his|its)[ \t]+side[ \t]*,", {" side"}, "\n.!?;"),
    (r"\bfair[ \t]play\b", {"fair play"}, "\n.!?;"),
    (r"\btubes?\b", {"tube"}, "\n.!?;"),
    # Short alternatives and optional letters multiply out: each spelling is longer than its parts.
    (r"\b(?:this|that) (?:one|last)\b", {"this one", "that one", "this last", "that last"}, "\n.!?;"),
    (r"\bcolou?r(?:ed|ing)\b", {"colored", "coloured", "coloring", "colouring"}, "\n.!?;"),
    (r"(?<=AIDS.{0,80})\bcondoms?\b", {"condom"}, "\n"),
    (r"\bmandate[ \t]+of[ \t]+\d+\b(?!\s+race)", {"mandate "}, ".!?;"),
    (r"\bU\.S\.[ \t]+forces\b(?=[ ,])", {" forces"}, "\n!?;"),
    (r"\bforces\b(?=\W)", {"forces"}, ""),
    (r"\bof[ \t]+(?:a|an)\b[^,]", None, ""),  # "of " has two letters: in every text
    (r"\bat[ \t]+the[ \t]+key\b", {" key"}, "\n.!?;"),  # " the " is in nearly every sentence
    (r"\bsaid[ \t]+the\b", None, "\n.!?;"),  # words in nearly every sentence: one search of the text
    (r"\x41bc", None, ""),
    (r"^Read more$", {"read more"}, ""),
])
def test_requirements(pattern, needs, stops):
    req = analyse(pattern)
    assert req.needs == (frozenset(needs) if needs else None)
    assert req.stops == stops


@pytest.mark.parametrize("pattern, also", [
    # The verb is the needle; the noun must be there too. " the " is in every text: not worth testing.
    (r"\b(?:call|calls)[ \t]+to[ \t]+the[ \t]+(?:calm|restraint)\b", [{" calm", " restraint"}]),
    (r"\bpolemic\s+over\b", [{"over"}]),
    (r"(?<=AIDS.{0,80})\bcondoms?\b", []),  # what a lookbehind sees is no part of the match
    (r"\b(?:austerity|slimming)[ \t]+(?:cure|diet)?\b", []),  # an optional word is no requirement
])
def test_further_requirements(pattern, also):
    assert [set(group) for group in analyse(pattern).also] == also


def test_a_branch_runs_only_where_each_of_its_requirements_is_present():
    from qa.lexicon.load import Row

    row = Row(match=r"\b(?:call|calls)[ \t]+to[ \t]+the[ \t]+(?:calm|restraint)\b", kind="regex", suggestion=None,
              fix="none", case="any", unless=None, source="", note="", severity=None, confidence=None, origin="test:1")
    lex = PatternLexicon([row])
    assert list(lex._live(prefilter_for("They call to the crowd.", lex._tables))[1]) == []
    assert list(lex._live(prefilter_for("They call to the calm.", lex._tables))[1]) == [0]
    assert [(m.start, m.end) for m in lex.finditer("They call to the calm.")] == [(5, 21)]


@pytest.mark.parametrize("pattern, reach", [
    (r"a{2,5}b", 6 + 3),  # six characters at most, and what the lexicon's boundary looks at after them
    (r"\bfoo(?=.{0,80}\bbar)", 3 + 80 + 3 + 3),
    (r"(?<=AIDS.{0,80})\bcondoms?\b", 7 + 1 + 3),  # a lookbehind looks back only
    (r"\bgrand[ \t]+public\b", 5 + 15 + 6 + 1 + 3),  # spaces between words: bounded in texts without long runs
    (r"\bfoo(?=.*bar)", None),
    (r"\bfoo\w+", None),
])
def test_reach_of_a_branch(pattern, reach):
    assert analyse(pattern).reach == reach


def test_long_runs_of_spaces_or_any_tab_unbound_the_spaces_between_words():
    from qa.lexicon.prefilter import LONG_SPACES, Prefilter, Tables

    assert not Prefilter("a  b", Tables.build()).long_spaces
    assert Prefilter("a\tb", Tables.build()).long_spaces
    assert Prefilter("a" + LONG_SPACES + "b", Tables.build()).long_spaces


def test_branches_split_only_at_top_level():
    assert split_branches(r"a(?:b|c)|[|]d|e\|f") == ["a(?:b|c)", "[|]d", r"e\|f"]
    assert split_branches(r"a|(?i)b|c") == [r"a|(?i)b|c"]


def spanning(lex: PatternLexicon, text: str) -> tuple | None:
    """The first match of ``finditer`` that spans the whole text (what ``whole`` must return)."""
    return next(((m.start, m.end, id(m.row)) for m in lex.finditer(text) if m.start == 0 and m.end == len(text)),
                None)


def test_whole_is_the_spanning_match_of_finditer(lexicon):
    """``whole`` finds by anchored tries what scanning would: on every phrase and regex row
    written out (the boilerplate lines themselves), on lines that merely start with them, and
    on the rows' words."""
    lines = list(lexicon._exact) + list(lexicon._folded) + phrases_of(lexicon)
    for row, _ in lexicon._regex_rows:  # a line each regex row matches, from its own examples
        lines += [row.source, row.note.split(";")[0], regex.sub(r"\\.|[()?:|\[\]*+$^]", "", row.match)[:40]]
    lines += [line + " and more words" for line in lines] + [line.upper() for line in lines]
    for line in lines:
        if line:
            found = lexicon.whole(line)
            assert (None if found is None else (found.start, found.end, id(found.row))) == spanning(lexicon, line), line


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_whole_agrees_with_finditer_on_random_lines(lexicon, data):
    words = phrases_of(lexicon)
    line = " ".join(data.draw(st.lists(st.sampled_from(words or ["the"]), min_size=1, max_size=4)))
    found = lexicon.whole(line)
    assert (None if found is None else (found.start, found.end, id(found.row))) == spanning(lexicon, line)


def test_needles_present_are_found_for_each_lexicon_even_when_a_later_one_brings_new_needles():
    from qa.lexicon.prefilter import Prefilter, Tables

    pre = Prefilter("The Committee met in Brussels; the vote was postponed.", Tables.build())
    assert pre.present(frozenset({"committee", "senate"})) == {"committee"}
    # A lexicon seen for the first time while the same text is checked: its needles are looked for too.
    assert pre.present(frozenset({"postponed", "brussels", "absent-word"})) == {"postponed", "brussels"}
    assert pre.present(frozenset({"committee", "vote"})) == {"committee", "vote"}
    assert pre.present(frozenset()) == set()


@pytest.mark.parametrize("phrase, prefix", [
    ("décrue", "décrue"),  # É and é alone lower-case to é: the whole phrase is the needle
    ("Garde à vue", "garde à vue"),
    ("d'Ajaccio", "d'ajaccio"),
    ("logos λόγος", "logos λόγο"),  # Σ matches ς and lower-cases to σ: the needle stops before it
    ("the ΐ word", "the "),  # ΐ folds to three characters (ι and two accents), which a text may write instead
    ("straße", None),  # a look-alike (ß folds to "ss"): searched for instead
])
def test_a_phrase_is_looked_for_up_to_the_first_letter_a_text_may_write_otherwise(phrase, prefix):
    from qa.lexicon.prefilter import ascii_lookalikes, phrase_prefix

    assert phrase_prefix(phrase, ascii_lookalikes()) == prefix
