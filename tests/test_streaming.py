"""Feeds of any size: JSONL is read line by line, RSS and Atom item by item, and --format jsonl
writes each article when done."""
from __future__ import annotations

import builtins
import codecs
import errno
import io
import json
import os
import tempfile

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cli import main
from qa.engine import FileResult
from qa.readers import read_path, read_stdin
from qa.readers.decode import decode_bytes
from qa.readers.feeds import streamable
from qa.report import RunResult
from qa.report.jsonl_format import render
from qa.stream import JsonlStream

FLAWED = "Russia said to herself that the talks were “Deeply worrying”, the minister added."
CLEAN = "The minister said the talks had gone well and would resume on Monday."


def feed(tmp_path, raw: bytes, name: str = "feed.jsonl"):
    path = tmp_path / name
    path.write_bytes(raw)
    return path


def whole_file_items(path) -> list:
    """What the reader gives when it decodes the file in one piece."""
    from qa.readers.feeds import read_jsonl

    text, _ = decode_bytes(path.read_bytes())
    return list(read_jsonl(text, str(path)))


def summary(items) -> list:
    return [(type(i).__name__, getattr(i, "original", None), getattr(i, "item", None), str(i)
             if not hasattr(i, "original") else None) for i in items]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(
    st.text(alphabet="ab \u2028\u0085\r\"{}:é", max_size=12).map(lambda t: json.dumps({"text": t})),
    st.sampled_from(["", "{", "[1]", '{"body": 3}', '{"text": "x"}\r', "\u2028"]),
), max_size=8), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_line_by_line_reading_gives_what_reading_the_whole_file_gives(tmp_path_factory, lines, end, bom):
    raw = (codecs.BOM_UTF8 if bom else b"") + end.join(lines).encode("utf-8")
    path = feed(tmp_path_factory.mktemp("feed"), raw)
    if not decode_bytes(raw)[0].strip():
        return  # an empty feed is a notice either way
    assert summary(read_path(str(path))) == summary(whole_file_items(path))


@pytest.mark.parametrize("raw", [b"{\"text\": \"caf\xe9\"}\n", codecs.BOM_UTF16_LE + "{}".encode("utf-16-le"),
                                 b"  \n\n", b"\x00\x01\x02binary"])
def test_files_that_need_whole_file_decoding_are_not_streamed(tmp_path, raw):
    assert streamable(str(feed(tmp_path, raw))) is None


@pytest.fixture
def never_whole(monkeypatch):
    """Fails a test that reads a file of the given path in one piece (a read of no size)."""
    guarded_paths: list[str] = []
    real_open = builtins.open

    class NoWholeRead(io.BufferedReader):
        def read(self, size=-1):
            assert size is not None and size >= 0, "the whole file was read at once"
            return super().read(size)

    def guarded(file, mode="r", *args, **kwargs):
        if str(file) in guarded_paths and "b" in mode:
            return NoWholeRead(real_open(file, "rb", buffering=0))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    return lambda path: guarded_paths.append(str(path))


def test_the_feed_is_never_read_whole(tmp_path, never_whole):
    path = feed(tmp_path, "".join(json.dumps({"id": n, "text": CLEAN}) + "\n" for n in range(50)).encode())
    never_whole(path)
    docs = list(read_path(str(path)))
    assert [d.item["id"] for d in docs] == [str(n) for n in range(50)]


def test_a_feed_that_changes_while_it_is_read_is_an_input_error(tmp_path):
    path = feed(tmp_path, "".join(json.dumps({"id": n, "text": CLEAN}) + "\n" for n in range(20_000)).encode())
    items = read_path(str(path))
    assert next(items).item["id"] == "0"  # the first pass found it in UTF-8; now it is not
    with open(path, "r+b") as fh:
        fh.seek(path.stat().st_size // 2)
        fh.write(b"\xff\xfe")
    *docs, problem = items
    assert 0 < len(docs) < 19_999 and problem.error and "changed while it was read" in problem.message


# -- RSS and Atom ----------------------------------------------------------------------------
def rss(*items: str, end: str = "</channel></rss>\n") -> str:
    return '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Feed</title>\n' \
        + "".join(items) + end


def item(n: int, text: str = CLEAN) -> str:
    return f"<item><guid>g{n}</guid><title>Item {n}</title>\n<description>{text}</description></item>\n"


ITEM_PIECES = [
    item(1), item(2, "&lt;p&gt;" + FLAWED + "&lt;/p&gt;"), item(3, "<![CDATA[<p>A para</p><p>graph.</p>]]>"),
    "<item><title></title></item>\n",  # empty: numbered, not checked
    "<item><title>Broken & unescaped</title></item>\n",  # breaks the XML: left out, named
    "<item><title>Mismatched</titel></item>\n",
    '<entry><id>e1</id><content type="html">Atom text.</content></entry>\n',
    "<item><title>Line\r\nbreaks</title><description>caf\u00e9 \u2028 \U0001F600</description></item>\n",
    "&\n", "</item>\n",  # break the XML between items
    "</channel></rss>\n<rss><channel><title>Second feed</title>\n",  # two feeds run together
    "<item><description><![CDATA[<item> & </item>]]></description></item>\n",
]


def whole_feed_items(path) -> list:
    """What the XML reader gives when it decodes the file in one piece."""
    from qa.readers import read_bytes

    return list(read_bytes(path.read_bytes(), str(path), "feed"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(ITEM_PIECES), max_size=8),
       st.sampled_from(["</channel></rss>\n", "</channel>", "", "</rss>"]), st.booleans(),
       st.sampled_from([1, 5, 64, 1 << 20]))
def test_item_by_item_reading_gives_what_reading_the_whole_feed_gives(tmp_path_factory, items, end, bom, chunk):
    from qa.readers.feeds import read_xml_feed_stream

    raw = (codecs.BOM_UTF8 if bom else b"") + rss(*items, end=end).encode("utf-8")
    path = feed(tmp_path_factory.mktemp("feed"), raw, "feed.rss")
    skip = streamable(str(path))
    assert skip == (3 if bom else 0)
    assert summary(read_xml_feed_stream(str(path), skip, chunk)) == summary(whole_feed_items(path))


def test_a_well_formed_feed_is_never_read_whole(tmp_path, never_whole):
    path = feed(tmp_path, rss(*(item(n) for n in range(50))).encode(), "feed.rss")
    never_whole(path)
    docs = list(read_path(str(path)))
    assert [d.item["id"] for d in docs] == [f"g{n}" for n in range(50)]
    assert [d.item["index"] for d in docs] == list(range(1, 51))


def test_each_item_is_given_before_the_rest_of_the_feed_is_read():
    from qa.readers.feeds import _feed_parser, _items_read

    text = rss(*(item(n) for n in range(20)))
    pieces = [text[i:i + 100] for i in range(0, len(text), 100)]
    fed = []
    handler, parser = _feed_parser()
    handler.setDocumentLocator(parser)
    first = next(_items_read(parser, handler, (fed.append(p) or p for p in pieces)))
    assert first[1] == "g0" and len(fed) < len(pieces) // 4


def test_a_feed_broken_after_items_were_given_gives_the_rest_once(tmp_path):
    from qa.readers.feeds import read_xml_feed_stream

    text = rss(item(1), item(2), "<item><title>A & B</title></item>\n", item(4), end="</channel>")
    path = feed(tmp_path, text.encode(), "feed.rss")
    out = list(read_xml_feed_stream(str(path), 0, chunk=16))  # items 1 and 2 are given before the break
    assert [(type(o).__name__, o.item["index"] if hasattr(o, "item") else o.line) for o in out] == [
        ("Document", 1), ("Document", 2), ("InputProblem", 7), ("Document", 4), ("InputProblem", 10)]
    assert "item 3: malformed item left out" in out[2].message and "malformed feed" in out[4].message


def test_a_break_between_items_leaves_out_only_the_text_between_them(tmp_path):
    for junk, line in (("&\n", 5), ("</channel></rss>\n<rss><channel>\n", 6)):  # a stray character; a second feed
        text = rss(item(1), junk, item(2), item(3))
        path = feed(tmp_path, text.encode(), "feed.rss")
        for out in (list(read_path(str(path))), whole_feed_items(path)):
            assert [d.item["id"] for d in out if hasattr(d, "item")] == ["g1", "g2", "g3"]
            assert [d.item["index"] for d in out if hasattr(d, "item")] == [1, 2, 3]
            (problem,) = [p for p in out if not hasattr(p, "item")]
            assert problem.line == line and "malformed text between items left out" in problem.message


def test_jsonl_output_streams_the_same_lines_the_renderer_makes(tmp_path):
    items = [{"id": "a", "text": FLAWED}, {"id": "b", "text": CLEAN}, {"id": "c", "text": FLAWED}]
    path = feed(tmp_path, "".join(json.dumps(i) + "\n" for i in items).encode())
    streamed = CliRunner().invoke(main, ["check", "--format", "jsonl", "--jobs", "1", str(path)])
    whole = CliRunner().invoke(main, ["check", "--format", "json", "--jobs", "1", str(path)])
    assert streamed.exit_code == whole.exit_code == 1
    report = json.loads(whole.stdout)
    expected = "".join(json.dumps({"tool": "mtlint", "version": report["version"], **entry}, ensure_ascii=False) + "\n"
                       for entry in report["files"])
    assert streamed.stdout == expected


def test_jsonl_output_to_a_file(tmp_path):
    path = feed(tmp_path, (json.dumps({"text": CLEAN}) + "\n").encode())
    out = tmp_path / "out.jsonl"
    done = CliRunner().invoke(main, ["check", "--format", "jsonl", "-o", str(out), str(path)])
    assert done.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["item"]["index"] == 1


def result(text_findings: int, words: int = 100) -> FileResult:
    from qa import check_text

    findings = check_text(FLAWED)[:text_findings]
    return FileResult(path="x.txt", words=words, findings=findings)


def test_each_article_is_written_when_it_is_done():
    out = io.StringIO()
    stream = JsonlStream(out, "0", "fr-en")
    stream.write(result(0))
    assert out.getvalue().count("\n") == 1 and not stream.failing
    stream.write(result(1))
    assert out.getvalue().count("\n") == 2 and stream.failing
    assert out.getvalue() == render(RunResult([result(0), result(1)], version="0"))


def test_the_stream_remembers_only_what_the_exit_code_needs():
    stream = JsonlStream(io.StringIO(), "0", "fr-en", fail_on="critical", max_penalty=1000.0)
    stream.write(result(1))
    assert not stream.failing
    stream = JsonlStream(io.StringIO(), "0", "fr-en", fail_on="critical", max_penalty=1.0)
    stream.write(result(1, words=10))
    assert stream.failing


def test_a_bad_byte_far_into_the_feed_still_sends_it_to_whole_file_decoding(tmp_path):
    good = "".join(json.dumps({"text": CLEAN}) + "\n" for _ in range(400)).encode()
    path = feed(tmp_path, good + b'{"text": "caf\xe9"}\n')
    assert streamable(str(path), chunk=1024) is None
    assert streamable(str(feed(tmp_path, good, "good.jsonl")), chunk=1024) is not None


# -- a feed on standard input ----------------------------------------------------------------
def reported_items(items) -> list:
    return [(type(i).__name__, i.path, getattr(i, "original", None), getattr(i, "item", None),
             getattr(i, "line", None), getattr(i, "message", None)) for i in items]


def test_a_feed_on_stdin_is_held_in_a_temporary_file_and_read_item_by_item(tmp_path, monkeypatch, never_whole):
    monkeypatch.chdir(tmp_path)  # the file is named as stdin is: wire.jsonl
    raw = "".join(json.dumps({"id": n, "text": CLEAN}) + "\n" for n in range(50)).encode()
    with read_stdin(io.BytesIO(raw), "wire.jsonl", chunk=100) as stdin:
        assert stdin.data == b"" and stdin.notice is None
        never_whole(stdin.spool)
        items = list(read_path("-", stdin=stdin))
    assert not os.path.exists(stdin.spool)
    assert reported_items(items) == reported_items(read_path(feed(tmp_path, raw, "wire.jsonl").name))


@pytest.mark.parametrize("raw, name", [(b'{"text": "caf\xe9"}\n', "wire.jsonl"), (b"  \n", "wire.jsonl"),
                                       (b"<rss><item><title>x</title></rss>", "news.rss")])
def test_a_feed_on_stdin_that_cannot_be_streamed_is_read_as_that_file_is(tmp_path, monkeypatch, raw, name):
    monkeypatch.chdir(tmp_path)
    with read_stdin(io.BytesIO(raw), name) as stdin:
        items = list(read_path("-", stdin=stdin))
    assert reported_items(items) == reported_items(read_path(feed(tmp_path, raw, name).name))


def test_other_kinds_on_stdin_are_read_whole():
    with read_stdin(io.BytesIO(FLAWED.encode()), "article.txt") as stdin:
        assert stdin.data == FLAWED.encode() and stdin.spool is None


class FullDisk(io.FileIO):
    """A file on a disk with room for ``room`` more bytes, written four bytes at a time."""

    room = 0

    def write(self, data) -> int:
        if FullDisk.room <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        n = min(len(data), 4, FullDisk.room)
        FullDisk.room -= n
        return super().write(bytes(data[:n]))


@pytest.mark.parametrize("room", [0, 6, 30])
def test_no_room_for_the_temporary_file_reads_stdin_into_memory_losing_nothing(monkeypatch, room):
    from qa import readers

    def full_disk_open(file, mode="r", *args, **kwargs):
        return FullDisk(file, mode) if mode == "wb" else builtins.open(file, mode, *args, **kwargs)

    monkeypatch.setattr(FullDisk, "room", room)
    monkeypatch.setattr(readers, "open", full_disk_open, raising=False)
    raw = "".join(json.dumps({"id": n, "text": CLEAN}) + "\n" for n in range(5)).encode()
    with read_stdin(io.BytesIO(raw), "wire.jsonl", chunk=7) as stdin:
        assert stdin.data == raw and stdin.spool is None
        notice, *docs = read_path("-", stdin=stdin)
    assert not notice.error and "No space left on device" in notice.message and notice.path == "wire.jsonl"
    assert [d.item["id"] for d in docs] == ["0", "1", "2", "3", "4"]


def test_no_temporary_folder_reads_stdin_into_memory(monkeypatch):
    def no_folder(*args, **kwargs):
        raise FileNotFoundError(errno.ENOENT, "No usable temporary directory found")

    def check():
        return CliRunner().invoke(main, ["check", "--format", "json", "--stdin-filename", "wire.jsonl", "-"],
                                  input=json.dumps({"text": FLAWED}).encode())

    spooled = check()
    monkeypatch.setattr(tempfile, "mkdtemp", no_folder)
    in_memory = check()
    assert in_memory.exit_code == spooled.exit_code == 1  # the finding's code: a notice is no input error
    assert "wire.jsonl: no temporary file for standard input (No usable temporary directory found)" in in_memory.stderr
    assert in_memory.stdout == spooled.stdout and json.loads(in_memory.stdout)["files"][0]["findings"]
