"""Readers: turn files (and feed items) into Documents whose offsets map back to the input.

``read_path`` yields Documents and InputProblems; a problem never stops the other inputs.
"""
from __future__ import annotations

import os
import shutil
import stat
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO, Iterator, Optional, Union

from ..bilingual import WALKED_EXTENSIONS, is_bilingual, read_bilingual
from ..document import Document
from .decode import SNIFF_BYTES, DecodeError, decode_bytes

TEXT_EXTENSIONS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
                   ".html": "html", ".htm": "html", ".xhtml": "html", ".jsonl": "jsonl",
                   ".ndjson": "jsonl", ".rss": "feed", ".atom": "feed", ".xml": "feed"}


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be read (or a notice about one); ``error`` inputs set exit code 2."""

    path: str
    message: str
    line: Optional[int] = None
    error: bool = True

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


Item = Union[Document, InputProblem]


@dataclass(frozen=True)
class Stdin:
    """What the input ``-`` stands for: the bytes read from standard input (in ``data``, or in
    the temporary file ``spool``), and the file name they are reported under (``check
    --stdin-filename``), whose extension picks the reader. See ``read_stdin``."""

    data: bytes
    name: str = "<stdin>"
    spool: Optional[str] = None
    notice: Optional[InputProblem] = None

    @property
    def kind(self) -> str:
        return kind_of(self.name)

    def raw(self) -> bytes:
        if self.spool is None:
            return self.data
        with open(self.spool, "rb") as fh:
            return fh.read()


STREAMED_KINDS = ("jsonl", "feed")


@contextmanager
def read_stdin(stream: BinaryIO, name: str = "<stdin>", chunk: int = 1 << 20) -> Iterator[Stdin]:
    """``stream`` (standard input) as the input ``-``, reported under ``name``.

    A feed is copied to a temporary file ``chunk`` bytes at a time, then read from there as a
    feed file is, item by item in bounded memory: a pipe cannot be read twice, and the reader
    first reads the whole input to check its encoding. Other kinds are read whole, as files
    are. Where no temporary file can be written (no room, no temporary folder), the input is
    read into memory instead, with a notice, and nothing is lost. The file is removed on exit.
    """
    if kind_of(name) not in STREAMED_KINDS:
        yield Stdin(stream.read(), name)
        return
    try:
        folder = tempfile.mkdtemp(prefix="mtlint-stdin-")
    except OSError as exc:
        yield _held_in_memory(stream.read(), name, exc)
        return
    try:
        yield _spooled(stream, name, os.path.join(folder, "stdin"), chunk)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _spooled(stream: BinaryIO, name: str, spool: str, chunk: int) -> Stdin:
    unwritten = memoryview(b"")
    try:
        with open(spool, "wb", buffering=0) as sink:  # unbuffered: a failed write wrote nothing
            while data := stream.read(chunk):
                unwritten = memoryview(data)
                while unwritten:
                    unwritten = unwritten[sink.write(unwritten):]
    except OSError as exc:
        try:
            with open(spool, "rb") as fh:
                written = fh.read()
        except FileNotFoundError:
            written = b""
        return _held_in_memory(written + bytes(unwritten) + stream.read(), name, exc)
    return Stdin(b"", name, spool)


def _held_in_memory(data: bytes, name: str, error: OSError) -> Stdin:
    reason = error.strerror or str(error)
    return Stdin(data, name, notice=InputProblem(
        name, f"no temporary file for standard input ({reason}): read into memory instead", error=False))


def input_name_and_kind(path: str, stdin: Optional[Stdin]) -> tuple[str, str]:
    """The name an input is reported under, and the reader its name picks."""
    if path == "-":
        stdin = stdin or Stdin(b"")
        return stdin.name, stdin.kind
    return path, kind_of(path)


def kind_of(path: str, forced: Optional[str] = None) -> str:
    if forced:
        return forced
    if is_bilingual(path):  # TSV, XLIFF, TMX, PO: targets aligned with their sources
        return "bilingual"
    return TEXT_EXTENSIONS.get(os.path.splitext(path)[1].lower(), "txt")


def read_text(text: str, path: str, kind: str, field: Optional[str] = None,
              decode_error: Optional[int] = None) -> Iterator[Item]:
    """Documents for an already decoded input."""
    # The feed and markup readers (XML and HTML parsers) are imported only for their kinds.
    if kind == "jsonl":
        from .feeds import read_jsonl

        yield from read_jsonl(text, path, field, decode_error)
        return
    if kind == "feed":
        from .feeds import read_xml_feed

        yield from read_xml_feed(text, path, decode_error)
        return
    if kind == "bilingual":
        yield from read_bilingual(text, path, decode_error)
        return
    if kind == "html":
        from .markup import read_html

        doc, left_open = read_html(text, path)
        if left_open:
            yield InputProblem(path, left_open[1], left_open[0], error=False)
    elif kind == "md":
        from .markup import markdown_document

        doc = markdown_document(text, path)
    else:
        doc = Document(text, path=path)
    doc.decode_error = decode_error
    yield doc


def read_bytes(raw: bytes, path: str, kind: str, field: Optional[str] = None) -> Iterator[Item]:
    try:
        text, bad = decode_bytes(raw)
    except DecodeError as exc:
        yield InputProblem(path, str(exc))
        return
    if not text.strip():
        yield InputProblem(path, "empty input: nothing to check", error=False)
        return
    yield from read_text(text, path, kind, field, bad)


def _walked(path: str) -> bool:
    """Whether a walk checks a file of this name: the text formats and the bilingual ones but
    TSV (see ``WALKED_EXTENSIONS``)."""
    suffix = os.path.splitext(path)[1].lower()
    return suffix in TEXT_EXTENSIONS or suffix in WALKED_EXTENSIONS


def _looks_binary(path: str) -> bool:
    """Whether a file of another type is binary (an image, a PDF, an archive), by its first bytes."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as fh:
            return DecodeError.is_binary(fh.read(SNIFF_BYTES))
    except OSError:
        return False  # not ours to read: a walk leaves other files alone


def walk(paths: list[str]) -> Iterator[tuple[str, bool]]:
    """(file, named on the command line) for every file below ``paths``, in sorted order.

    A walk yields the files it checks and, to be skipped with a notice, binary files of any
    name; other text files (source code, CSV …) are left out without a word.
    """
    for p in paths:
        if p == "-":
            yield p, True
            continue
        if os.path.isdir(p):
            seen: set[tuple[int, int]] = set()
            unlisted: list[str] = []  # folders os.walk could not list: read_path says why
            for root, dirs, files in os.walk(p, followlinks=True, onerror=lambda exc: unlisted.append(exc.filename)):
                yield from ((folder, True) for folder in unlisted)
                unlisted.clear()
                st = os.stat(root)
                if (st.st_dev, st.st_ino) in seen:  # a symlink loop
                    dirs[:] = []
                    continue
                seen.add((st.st_dev, st.st_ino))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    path = os.path.join(root, f)
                    if _walked(path) or _looks_binary(path):
                        yield path, False
            yield from ((folder, True) for folder in unlisted)
        else:
            yield p, True


def read_path(path: str, named: bool = True, kind: Optional[str] = None,
              field: Optional[str] = None, stdin: Optional[Stdin] = None) -> Iterator[Item]:
    """Documents of one input path (``-`` reads ``stdin``)."""
    if path == "-":
        yield from _read_stdin(stdin or Stdin(b""), kind, field)
        return
    kind = kind_of(path, kind)
    try:
        st = os.stat(path)
        if stat.S_ISDIR(st.st_mode):  # one that a walk could not list
            with os.scandir(path):
                pass
            yield InputProblem(path, "cannot list this folder")
            return
        if not stat.S_ISREG(st.st_mode):  # never opened: reading a FIFO or a device may block
            yield InputProblem(path, "not a regular file (FIFO, device or socket): skipped", error=named)
            return
        if not named and not _walked(path):  # a walk passes other files on only when binary
            yield InputProblem(path, "binary file skipped", error=False)
            return
        skip = None  # a feed in UTF-8 is read piece by piece, never whole: see ``streamable``
        if kind in STREAMED_KINDS:
            from .feeds import streamable

            skip = streamable(path)
        if skip is None:
            with open(path, "rb") as fh:
                raw = fh.read()
    except FileNotFoundError:
        yield InputProblem(path, "no such file")
        return
    except PermissionError:
        yield InputProblem(path, "permission denied")
        return
    except OSError as exc:
        yield InputProblem(path, f"cannot read: {exc.strerror or exc}")
        return
    if skip is not None:
        yield from _read_streamed(path, path, kind, skip, field)
        return
    if not named and DecodeError.is_binary(raw):
        yield InputProblem(path, "binary file skipped", error=False)
        return
    yield from read_bytes(raw, path, kind, field)


def _read_stdin(stdin: Stdin, kind: Optional[str], field: Optional[str]) -> Iterator[Item]:
    kind = kind or stdin.kind
    if stdin.notice:
        yield stdin.notice
    if stdin.spool is not None and kind in STREAMED_KINDS:
        from .feeds import streamable

        skip = streamable(stdin.spool)
        if skip is not None:
            yield from _read_streamed(stdin.spool, stdin.name, kind, skip, field)
            return
    yield from read_bytes(stdin.raw(), stdin.name, kind, field)


def _read_streamed(path: str, name: str, kind: str, skip: int, field: Optional[str]) -> Iterator[Item]:
    """The items of the UTF-8 feed file ``path`` (see ``streamable``), reported under ``name``."""
    from .feeds import physical_lines, read_jsonl_lines, read_xml_feed_stream

    try:
        if kind == "jsonl":
            yield from read_jsonl_lines(physical_lines(path, skip), name, field)
        else:
            yield from read_xml_feed_stream(path, skip, name=name)
    except (OSError, UnicodeDecodeError) as exc:  # the first pass found the file whole and in UTF-8
        yield InputProblem(name, f"changed while it was read, the rest is not checked: {exc}")
