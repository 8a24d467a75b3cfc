"""Bad bytes and odd sizes: every reader falls back, refuses or skips, and says where.

- Bytes that are not UTF-8 are read as Windows-1252, with one ``invalid-utf8`` finding (MT502)
  on the first bad byte, in every reader (a feed puts it in the item that holds the byte).
- UTF-16 with a byte-order mark is read; bytes that are not text are an input error when the
  file is named, and skipped with a notice inside a directory.
- Empty and white-space-only inputs are a notice, not an error.
- A very long line and a feed of many small articles run in bounded memory and linear time.
"""
from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import regex

from qa import check_text
from qa.document import Document
from qa.readers import InputProblem, read_path

from ..conftest import ROOT
from .conftest import BAD, check, findings

CAFE = "The new caf\u00e9 on the quay opens in May."
CAFE_1252 = CAFE.encode("cp1252")  # one byte, 0xE9, that is not UTF-8
BAD_CHAR = "\u00e9"

#: One input per reader, each with a Windows-1252 byte inside the text that is linted.
LEGACY = {
    "article.txt": b"The harbour committee met on Tuesday.\n\n" + CAFE_1252 + b"\n",
    "article.md": b"# Harbour notes\n\nThe committee met. " + CAFE_1252 + b"\n",
    "article.html": b"<html><body><p>The committee met.</p><p>" + CAFE_1252 + b"</p></body></html>\n",
    "feed.jsonl": b'{"id": "q1", "text": "The committee met."}\n{"id": "q2", "text": "' + CAFE_1252 + b'"}\n',
    "feed.rss": (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>\n<item><guid>q1</guid><title>Quay</title>'
                 b'<description>The committee met.</description></item>\n<item><guid>q2</guid><title>Caf'
                 b'</title><description>' + CAFE_1252 + b'</description></item>\n</channel></rss>\n'),
    "feed.atom": (b'<feed xmlns="http://www.w3.org/2005/Atom">\n<entry><id>q1</id><title>Quay</title>'
                  b'<content>' + CAFE_1252 + b'</content></entry>\n</feed>\n'),
    # A Latin-1 feed that says so: the declaration must not make the parser decode it twice.
    "latin1.xml": (b'<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss><channel><item><title>Quay</title>'
                   b'<description>' + CAFE_1252 + b'</description></item></channel></rss>\n'),
    "pairs.tsv": b"source\ttarget\nLe quai.\t" + CAFE_1252 + b"\n",
    "units.xlf": (b'<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="fr" target-language="en">'
                  b'<body>\n<trans-unit id="1"><source>Le quai.</source><target>' + CAFE_1252
                  + b'</target></trans-unit></body></file></xliff>\n'),
    "memory.tmx": (b'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="fr" segtype="sentence" o-tmf="x" '
                   b'adminlang="en" datatype="plaintext" creationtool="t" creationtoolversion="1"/><body>\n'
                   b'<tu tuid="1"><tuv xml:lang="fr"><seg>Le quai.</seg></tuv><tuv xml:lang="en"><seg>' + CAFE_1252
                   + b'</seg></tuv></tu></body></tmx>\n'),
    "catalog.po": (b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   b'msgid "Le quai."\nmsgstr "' + CAFE_1252 + b'"\n'),
}


@pytest.mark.parametrize("name", sorted(LEGACY))
def test_invalid_utf8_is_read_as_cp1252_with_one_finding_on_the_bad_byte(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(LEGACY[name])
    result = check("--format", "json", "--select", "MT502,MT503", "--min-confidence", "0", str(path))
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr
    (finding,) = findings(result)
    assert finding["rule"] == "MT502" and finding["text"] == BAD_CHAR
    # The rest of the text was read correctly: no mojibake invented by a second decoding.
    texts = [f["text"] for f in findings(result)]
    assert not any("\u00c3" in t for t in texts)


def test_invalid_utf8_item_finding_points_into_the_item_holding_the_byte(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(LEGACY["feed.jsonl"])
    docs = list(read_path(str(path)))
    assert [d.decode_error for d in docs] == [None, CAFE.index(BAD_CHAR)]
    assert docs[1].original == CAFE and docs[1].item["id"] == "q2"


def test_digits_the_regex_engine_knows_and_python_does_not_break_no_rule():
    # The regex module's Unicode tables are newer than Python's: U+116E0… (Kirat Rai) match \d,
    # but int() rejects them. Ordinals, times, dates, ages and amounts are read from ASCII digits.
    d = "".join(chr(0x116E0 + i) for i in range(10))
    assert regex.match(r"\d", d[1]) and not d[1].isdecimal()
    text = (f"On Monday {d[1]} March {d[2]}{d[0]}{d[2]}{d[5]}, at {d[1]}{d[6]}h{d[3]}{d[0]}, the {d[1]}er prize went to "
            f"Anne Roy, {d[5]}{d[2]}. Anne Roy, {d[5]}{d[4]}, said {d[3]} {d[0]}{d[0]}{d[0]},{d[5]} € of which "
            f"{d[1]},{d[0]}{d[0]}{d[0]} and {d[2]}{d[0]}{d[0]} came from 62 firefighters, {d[4]}0 from Nantes.")
    assert isinstance(check_text(text), list)


def test_invalid_utf8_inside_dropped_markup_is_reported_on_prose_before_it(tmp_path):
    # An unclosed code fence drops the line that holds the bad byte: the finding stands on the
    # last prose character before it (not on a line break, which has no column of its own).
    path = tmp_path / "note.md"
    path.write_bytes(b"Vladimir\nPoutine\r\n```\nl'a\xffcord de Paris ")
    result = check("--format", "json", "--select", "MT502", "--min-confidence", "0", str(path))
    (finding,) = findings(result)
    assert finding["text"] == "e" and (finding["line"], finding["column"]) == (2, 7)


def test_invalid_utf8_outside_any_linted_text_is_a_notice_naming_the_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b'{"id": "caf\xe9", "text": "The committee met."}\n')
    (doc, notice) = read_path(str(path))
    assert doc.item["id"] == "caf\u00e9" and doc.decode_error is None
    assert isinstance(notice, InputProblem) and not notice.error and notice.line == 1
    assert "UTF-8" in notice.message


@pytest.mark.parametrize("bom, encoding", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")])
@pytest.mark.parametrize("name, text", [
    ("a.txt", "Line one.\r\nThe plan was called \u00ab historic \u00bb.\n"),
    ("a.md", "# Title\n\nThe plan was called \u00ab historic \u00bb.\n"),
    ("a.jsonl", json.dumps({"text": "The plan was called \u00ab historic \u00bb."}, ensure_ascii=False) + "\n"),
])
def test_utf16_with_a_bom_is_detected_and_offsets_count_characters(tmp_path, bom, encoding, name, text):
    path = tmp_path / name
    path.write_bytes(bom + text.encode(encoding))
    result = check("--format", "json", "--select", "MT601", str(path))
    assert result.exit_code == 1, result.stderr
    found = findings(result)
    assert found and found[0]["text"].startswith("\u00ab")
    (doc,) = read_path(str(path))
    assert all(doc.original[f["start"]:f["end"]] == f["text"] for f in found)


def test_named_binary_file_is_an_input_error_and_the_others_are_checked(tmp_path):
    (tmp_path / "good.txt").write_text("The plan was called \u00ab historic \u00bb.\n", encoding="utf-8")
    result = check("--format", "json", str(BAD / "binary.txt"), str(tmp_path / "good.txt"))
    assert result.exit_code == 2
    assert "binary.txt: binary data, not text" in result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == [str(tmp_path / "good.txt")]


def test_binary_file_in_a_directory_is_skipped_with_a_notice(tmp_path):
    (tmp_path / "a.txt").write_text("The minister spoke on Monday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes((BAD / "binary.txt").read_bytes())
    (tmp_path / "c.md").write_bytes(b"\x00\x01\x02\x03" * 64)
    result = check("--format", "json", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "b.txt: binary file skipped" in result.stderr and "c.md: binary file skipped" in result.stderr
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["a.txt"]


@pytest.mark.parametrize("name", ["image.png", "document.pdf", "articles.zip"])
def test_images_pdfs_and_archives_in_a_folder_are_skipped_with_a_notice(tmp_path, name):
    (tmp_path / "a.txt").write_text("The minister spoke on Monday.\n", encoding="utf-8")
    (tmp_path / name).write_bytes((BAD / name).read_bytes())
    (tmp_path / "renamed.txt").write_bytes((BAD / name).read_bytes())
    (tmp_path / "tool.py").write_text("print('not an article')\n", encoding="utf-8")
    result = check("--format", "json", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert f"{name}: binary file skipped" in result.stderr and "renamed.txt: binary file skipped" in result.stderr
    assert "tool.py" not in result.stderr  # a text file of another kind is not ours: no word
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["a.txt"]


@pytest.mark.parametrize("name", ["image.png", "document.pdf", "articles.zip"])
def test_an_image_pdf_or_archive_named_on_the_command_line_is_an_input_error(tmp_path, name):
    (tmp_path / "a.txt").write_text("The minister spoke on Monday.\n", encoding="utf-8")
    result = check("--format", "json", str(BAD / name), str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert f"{name}: binary data, not text" in result.stderr
    assert [Path(f["path"]).name for f in json.loads(result.stdout)["files"]] == ["a.txt"]


@pytest.mark.parametrize("name", ["empty.txt", "whitespace-only.txt"])
@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".jsonl", ".rss", ".xlf", ".po", ".tsv"])
def test_empty_and_blank_inputs_are_a_notice_in_every_reader(tmp_path, name, suffix):
    path = tmp_path / f"input{suffix}"
    path.write_bytes((BAD / name).read_bytes())
    result = check(str(path))
    assert result.exit_code == 0, result.stderr
    assert "empty input: nothing to check" in result.stderr
    assert check("--quiet", str(path)).stderr == ""


def test_markup_without_prose_is_checked_and_silent(tmp_path):
    (tmp_path / "a.html").write_text("<html><body><p> </p><script>x = 1;</script></body></html>", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "   "}\n', encoding="utf-8")
    result = check("--format", "json", str(tmp_path / "a.html"), str(tmp_path / "b.jsonl"))
    assert result.exit_code == 0, result.stderr
    assert findings(result) == []
    assert "item 1: empty 'text'" in result.stderr


# -- size ------------------------------------------------------------------------------------------
def _prose() -> str:
    """The project's clean sample texts as one line of prose."""
    texts = sorted((ROOT / "corpora" / "samples" / "clean").glob("*.txt"))
    return " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in texts) + " "


def _one_line(path: Path, size: int) -> None:
    prose = _prose()
    path.write_text((prose * (size // len(prose) + 1))[:size] + "\n", encoding="utf-8")


def _tiny_feed(path: Path, articles: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(articles):
            fh.write(json.dumps({"id": f"n{i}", "text": f"Item {i} was filed on Monday."}) + "\n")


#: Prints the process's and its children's peak resident memory (KiB) on stderr at exit.
_MEASURED = ("import atexit, resource, sys\n"
             "atexit.register(lambda: sys.stderr.write('\\npeak-rss %d %d\\n' % ("
             "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
             "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)))\n"
             "import cli; cli.main()\n")


def _measured_run(*args: str, timeout: float) -> tuple[float, int, subprocess.CompletedProcess]:
    """Seconds, peak memory (MiB, largest process) and the completed run of ``mtlint ARGS``."""
    begin = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _MEASURED, *args], capture_output=True, timeout=timeout)
    seconds = time.perf_counter() - begin
    peak = [line for line in done.stderr.decode().splitlines() if line.startswith("peak-rss")][-1]
    return seconds, max(int(v) for v in peak.split()[1:]) // 1024, done


@pytest.fixture(scope="module")
def baseline_run(tmp_path_factory) -> tuple[float, int]:
    """Seconds and memory of checking a one-sentence file: start-up and loaded data."""
    path = tmp_path_factory.mktemp("base") / "tiny.txt"
    path.write_text("The minister spoke on Monday.\n", encoding="utf-8")
    seconds, mib, done = _measured_run("check", str(path), timeout=300)
    assert done.returncode == 0, done.stderr
    return seconds, mib


def _long_line(tmp_path: Path, baseline_run, size: int, timeout: float) -> None:
    small, big = tmp_path / "small.txt", tmp_path / "big.txt"
    _one_line(small, size // 5)
    _one_line(big, size)
    t_small, _, done = _measured_run("check", "--format", "jsonl", "-o", os.devnull, str(small), timeout=timeout)
    assert done.returncode in (0, 1), done.stderr
    t_big, mib, done = _measured_run("check", "--format", "jsonl", "-o", os.devnull, str(big), timeout=timeout)
    assert done.returncode in (0, 1), done.stderr
    start_up, base_mib = baseline_run
    # Linear: five times the text takes about five times as long (a quadratic step: 25 times).
    assert (t_big - start_up) < 10 * max(t_small - start_up, 1.0)
    # Memory grows with the one article that must be held, by a bounded factor.
    assert mib - base_mib < 40 * size / 2**20 + 100


def _many_articles(tmp_path: Path, baseline_run, articles: int, timeout: float) -> None:
    small, big = tmp_path / "small.jsonl", tmp_path / "big.jsonl"
    _tiny_feed(small, articles // 10)
    _tiny_feed(big, articles)
    t_small, mib_small, done = _measured_run("check", "--format", "jsonl", "-o", os.devnull, str(small),
                                             timeout=timeout)
    assert done.returncode in (0, 1), done.stderr
    t_big, mib_big, done = _measured_run("check", "--format", "jsonl", "-o", os.devnull, str(big), timeout=timeout)
    assert done.returncode in (0, 1), done.stderr
    start_up, _ = baseline_run
    assert (t_big - start_up) < 20 * max(t_small - start_up, 1.0)  # ten times the articles; 100 if quadratic
    # Streamed: ten times the articles need no more than a few MiB more.
    assert mib_big < mib_small + 64


def test_a_5_mb_single_line(tmp_path, baseline_run):
    _long_line(tmp_path, baseline_run, 5 * 2**20, timeout=900)


def test_10_000_small_articles_in_one_jsonl_file(tmp_path, baseline_run):
    _many_articles(tmp_path, baseline_run, 10_000, timeout=900)


@pytest.mark.slow
def test_a_100_mb_single_line(tmp_path, baseline_run):
    _long_line(tmp_path, baseline_run, 100 * 2**20, timeout=6 * 3600)


@pytest.mark.slow
def test_a_million_small_articles_in_one_jsonl_file(tmp_path, baseline_run):
    _many_articles(tmp_path, baseline_run, 1_000_000, timeout=6 * 3600)


def test_long_line_document_keeps_offsets_exact():
    text = ("word " * 200_000) + "\u00ab end \u00bb"
    doc = Document(text)
    assert doc.line_col(len(text) - 1) == (1, len(text))
    assert len(doc.paragraphs) == 1
