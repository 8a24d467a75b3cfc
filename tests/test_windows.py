"""A very long article is checked a window at a time: cuts that split no phrase, findings unchanged."""
from __future__ import annotations

import pytest

from qa import engine
from qa.engine import Settings, run_rules
from qa.pack import get_pack
from qa.readers import read_bytes
from qa.windows import window_bounds

ARTICLE = ("The prefecture said she would not comment. Officials were “Deeply concerned” about the "
           "talks, and Vladimir Poutine spoke on Tuesday. The mayor said «\u00a0nothing\u00a0» had changed. ")


def bounds(text: str, size: int) -> list[tuple[int, int]]:
    return list(window_bounds(text, size))


def test_windows_cover_the_text_in_order_and_none_is_longer_than_the_limit():
    text = ARTICLE * 40
    cuts = bounds(text, 1000)
    assert cuts[0][0] == 0 and cuts[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:]))
    assert all(0 < end - start <= 1000 for start, end in cuts)


def test_a_short_text_is_one_window():
    assert bounds(ARTICLE, 1000) == [(0, len(ARTICLE))]


def test_a_window_ends_with_a_paragraph_when_one_ends_in_its_second_half():
    text = "First paragraph here.\n" + "word " * 100 + "end.\nNext one."
    [(_, end), _] = bounds(text, 530)
    assert text[end - 5:end] == "end.\n"


def test_on_one_line_a_window_ends_after_a_sentence_outside_any_quotation():
    text = ("He spoke. " * 30 + "“We will stay. We will fight. We will win,” said the mayor. ") * 3
    for _, end in bounds(text, 400)[:-1]:
        before = text[:end]
        assert before.endswith(". ")
        assert before.count("“") == before.count("”")


def test_with_no_sentence_end_a_window_ends_at_a_space():
    text = "word " * 300
    for _, end in bounds(text, 256)[:-1]:
        assert text[end - 1] == " "


def test_a_windowed_article_has_the_findings_of_the_whole(monkeypatch):
    text = "\n".join([ARTICLE * 3] * 12)
    whole = run_rules(_doc(text), Settings())
    monkeypatch.setattr(engine, "WINDOW", 700)
    windowed = run_rules(_doc(text), Settings())
    assert len(list(window_bounds(text, 700))) > 10
    assert whole and [(f.rule, f.start, f.end, f.line, f.column) for f in windowed] == [
        (f.rule, f.start, f.end, f.line, f.column) for f in whole]


def test_a_bad_byte_in_a_later_window_is_reported_where_it_stands(monkeypatch):
    raw = ("The mayor spoke on Monday.\n" * 100 + "The café is open.\n").encode("cp1252")
    monkeypatch.setattr(engine, "WINDOW", 500)
    [f] = [f for f in run_rules(_doc_from(raw), Settings()) if f.rule == "MT502"]
    assert (f.text, f.line) == ("é", 101)


def _doc(text: str):
    return _doc_from(text.encode("utf-8"))


def _doc_from(raw: bytes):
    [doc] = list(read_bytes(raw, "article.txt", "txt"))
    doc.pack = get_pack("fr-en")
    return doc


@pytest.mark.parametrize("size", [64, 300, 4096])
def test_any_window_size_covers_a_text_without_spaces(size):
    text = "x" * 5000
    cuts = bounds(text, size)
    assert "".join(text[a:b] for a, b in cuts) == text
