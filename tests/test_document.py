"""The Document model: segments, quotations, normalised view and offset mapping."""
from __future__ import annotations

import unicodedata

from qa.document import Document
from qa.pack import get_pack


def doc(text: str) -> Document:
    return Document(text, pack=get_pack("fr-en"))


def sentences(text: str) -> list[str]:
    d = doc(text)
    return [text[s.start:s.end] for s in d.sentences]


def test_sentences_split_on_terminal_punctuation():
    assert sentences("The talks failed. The minister left! Why? Nobody knows.") == [
        "The talks failed.", "The minister left!", "Why?", "Nobody knows."]


def test_sentences_keep_abbreviations_and_initials_together():
    assert sentences("Mr. Smith met Dr. Jones in the U.S. capital. J. R. R. Tolkien wrote it.") == [
        "Mr. Smith met Dr. Jones in the U.S. capital.", "J. R. R. Tolkien wrote it."]


def test_sentence_does_not_end_before_a_lower_case_word():
    # "in control. competition." is one garbled sentence, not two.
    assert len(sentences("Powers are already in control. competition. The war goes on.")) == 2


def test_sentence_ends_after_a_closing_quote():
    assert sentences("He said “we will win.” The crowd cheered.") == ["He said “we will win.”", "The crowd cheered."]


def test_paragraphs_are_non_blank_lines():
    d = doc("First line.\n\n  Second line.\r\nThird.")
    assert [d.text[p.start:p.end] for p in d.paragraphs] == ["First line.", "  Second line.", "Third."]


def test_quotations_pair_curly_straight_and_guillemets():
    d = doc('He said “yes” and "no" and « oui » too.')
    assert [d.text[q.start:q.end] for q in d.quotations] == ["“yes”", '"no"', "« oui »"]
    assert d.quote_problems == []


def test_nested_single_quotes_and_apostrophes():
    d = doc("“They told me ‘never again’, and the Kremlin’s envoy agreed,” she said.")
    texts = [d.text[q.start:q.end] for q in d.quotations]
    assert "‘never again’" in texts and len(texts) == 2
    assert d.quote_problems == []


def test_unpaired_marks_are_recorded():
    d = doc("not to ” to aim “ civilians.")
    assert [(p.kind, p.mark) for p in d.quote_problems] == [("unmatched-close", "”"), ("unmatched-open", "“")]


def test_normalised_view_keeps_offsets():
    text = "l’huile “sur” le\u00a0feu"
    d = doc(text)
    assert d.norm == "l'huile \"sur\" le feu"
    assert len(d.norm) == len(d.text)


def test_nfd_input_is_composed_and_offsets_map_back():
    original = unicodedata.normalize("NFD", "Pékin et Moscou")
    d = doc(original)
    assert d.text == "Pékin et Moscou"
    start = d.text.index("Moscou")
    o_start, o_end = d.offsets.start(start), d.offsets.end(start + len("Moscou"))
    assert original[o_start:o_end] == "Moscou"
    assert original[d.offsets.start(0):d.offsets.end(5)] == unicodedata.normalize("NFD", "Pékin")


def test_line_and_column_count_code_points_and_all_line_breaks():
    d = doc("a\r\nb\rc\nd“é")
    assert d.line_col(0) == (1, 1)
    assert d.line_col(3) == (2, 1)
    assert d.line_col(5) == (3, 1)
    assert d.line_col(9) == (4, 3)


def test_word_count_ignores_punctuation():
    assert doc("The U.S. economy grew 3.5% — “fast”, it's said.").words == 8
