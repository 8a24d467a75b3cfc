"""Readers: every format maps findings back into the original file; bad input is reported."""
from __future__ import annotations

import json

from qa.document import Document
from qa.readers import InputProblem, read_bytes, read_path, walk
from qa.readers.markup import html_document, markdown_document


def docs(raw: bytes, kind: str, path: str = "in"):
    return list(read_bytes(raw, path, kind))


def original_of(doc: Document, needle: str) -> str:
    i = doc.text.index(needle)
    return doc.original[doc.offsets.start(i):doc.offsets.end(i + len(needle))]


def test_html_text_maps_back_past_tags_and_entities():
    source = '<p class="x">Russia said &ldquo;<b>Deeply</b> concerned&rdquo;.</p><script>var a = "“No”";</script>'
    d = html_document(source, "a.html")
    assert "var a" not in d.text and "class" not in d.text
    assert "said “Deeply concerned”." in d.text
    assert original_of(d, "“Deeply") == "&ldquo;<b>Deeply"
    assert original_of(d, "concerned”") == "concerned&rdquo;"


def test_html_block_tags_make_paragraphs():
    d = html_document("<div>One.</div><p>Two.<br>Three.</p>", "a.html")
    assert [d.text[p.start:p.end] for p in d.paragraphs] == ["One.", "Two.", "Three."]


def test_markdown_markup_is_not_linted():
    source = "# Title\n\nSee [the **report**](http://example.com/x) and `code`.\n\n```\nMoscou « x »\n```\n"
    d = markdown_document(source, "a.md")
    assert "http" not in d.text and "Moscou" not in d.text and "#" not in d.text
    assert "See the report and" in d.text
    assert original_of(d, "report") == "report"


def test_jsonl_items_and_problems():
    lines = [json.dumps({"id": "a1", "text": "First article."}), "{not json", json.dumps({"id": 3}),
             json.dumps({"body": ["x"]}), "", json.dumps({"url": "u", "content": "Second <p>article</p>."})]
    out = docs("\n".join(lines).encode(), "jsonl", "feed.jsonl")
    good = [d for d in out if isinstance(d, Document)]
    bad = [p for p in out if isinstance(p, InputProblem)]
    assert [d.item["index"] for d in good] == [1, 5]
    assert good[0].item == {"index": 1, "line": 1, "id": "a1", "field": "text"}
    assert good[1].item["line"] == 6 and good[1].text.strip().startswith("Second")
    assert [(p.line, p.error) for p in bad] == [(2, True), (3, True), (4, True)]
    assert "malformed JSON" in bad[0].message and "feed.jsonl" in str(bad[0])


def test_rss_items_with_lines_and_ids():
    rss = b"""<?xml version="1.0"?>
<rss><channel><title>Feed</title>
<item><guid>g1</guid><title>One</title><description>&lt;p&gt;Body one.&lt;/p&gt;</description></item>
<item><link>http://x/2</link><title>Two</title><description>Body two.</description></item>
</channel></rss>"""
    out = docs(rss, "feed", "f.rss")
    assert [d.item["id"] for d in out] == ["g1", "http://x/2"]
    assert [d.item["line"] for d in out] == [3, 4]
    assert "Body one." in out[0].text and "<p>" not in out[0].text


def test_atom_entries():
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>e1</id><title>T</title>
<content type="html">Text here.</content></entry></feed>"""
    (d,) = docs(atom, "feed", "f.atom")
    assert d.item["id"] == "e1" and "Text here." in d.text


def test_malformed_feed_keeps_earlier_items_and_names_the_line():
    rss = b"<rss><channel>\n<item><title>Good</title></item>\n<item><title>Bad</title>\n</channel>"
    out = docs(rss, "feed", "f.rss")
    assert isinstance(out[0], Document)
    assert isinstance(out[-1], InputProblem) and out[-1].line == 4 and out[-1].error


def test_entity_expansion_is_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><rss><item><title>&b;</title></item></rss>'
    (p,) = docs(bomb, "feed", "bomb.rss")
    assert isinstance(p, InputProblem) and p.error


def test_invalid_utf8_falls_back_to_cp1252_and_records_the_offset():
    # A legacy Windows file: the whole text is read as cp1252 (one finding marks the place).
    (d,) = docs("Café naïve “quoted”".encode("cp1252"), "txt")
    assert d.text == "Café naïve “quoted”" and d.decode_error == len("Caf")


def test_bom_is_removed_and_utf16_is_read():
    (d,) = docs(b"\xef\xbb\xbfHello.", "txt")
    assert d.text == "Hello."
    (d,) = docs("Héllo.".encode("utf-16"), "txt")
    assert d.text == "Héllo."


def test_binary_and_empty_inputs():
    (p,) = docs(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "txt")
    assert p.error and "binary" in p.message
    (p,) = docs(b"  \n\t\n", "txt")
    assert not p.error and "empty" in p.message


def test_walk_skips_binary_files_with_a_notice(tmp_path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "c.png").write_bytes(b"\x89PNG")
    found = list(walk([str(tmp_path)]))
    assert [p.rsplit("/", 1)[1] for p, _ in found] == ["a.txt", "b.txt"]
    (problem,) = read_path(found[1][0], named=False)
    assert not problem.error and "binary" in problem.message


def test_missing_file_and_fifo(tmp_path):
    (p,) = read_path(str(tmp_path / "missing.txt"))
    assert p.error and "no such file" in p.message
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (p,) = read_path(str(fifo))
    assert p.error and "not a regular file" in p.message
