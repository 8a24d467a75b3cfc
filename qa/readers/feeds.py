"""Feeds: JSONL (one article a line) and RSS/Atom (one article an item).

Each item becomes a Document whose ``original`` is the item's text after JSON/XML
unescaping; ``item`` records where it sits in the file. A malformed line or item is an
InputProblem naming the file and line; the other items are still checked.
"""
from __future__ import annotations

import json
from typing import Iterable, Iterator, Optional

import regex

from ..document import Document
from .markup import html_document

DEFAULT_FIELDS = ("text", "body", "content")
ID_FIELDS = ("id", "guid", "url", "link")
_LOOKS_HTML = regex.compile(r"</?(?:p|div|br|span|a|em|strong|b|i|h[1-6]|li|ul|ol|blockquote|figure|img)\b[^>]*>",
                            regex.IGNORECASE)


def _article(text: str, path: str, item: dict) -> Document:
    if _LOOKS_HTML.search(text):
        return html_document(text, path, item)
    return Document(text, path=path, item=item)


def read_jsonl(text: str, path: str, field: Optional[str] = None) -> Iterator:
    return read_jsonl_lines(text.splitlines(), path, field)


def jsonl_lines(path: str, chunk: int = 1 << 20) -> Optional[Iterator[str]]:
    """The lines of a JSONL file (as ``str.splitlines`` gives them), read one at a time so that
    a feed of any size fits in memory; None when the file must be decoded whole instead
    (a UTF-16 BOM, bytes that are not UTF-8, binary data, nothing but white space)."""
    import codecs

    from .decode import DecodeError

    decoder = codecs.getincrementaldecoder("utf-8")()
    text_seen = False
    with open(path, "rb") as fh:
        head = fh.read(8192 + len(codecs.BOM_UTF8))
        bom = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or DecodeError.is_binary(head) \
                or DecodeError.is_binary(head[bom:]):
            return None
        data = head[bom:]
        while data:  # a first pass checks that the whole file is UTF-8, in bounded memory
            try:
                text_seen = text_seen or bool(decoder.decode(data).strip())
            except UnicodeDecodeError:
                return None
            data = fh.read(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return _physical_lines(path, bom) if text_seen else None


def _physical_lines(path: str, skip: int) -> Iterator[str]:
    # str.splitlines() on each b"\n"-terminated line gives the same lines as on the whole text.
    with open(path, "rb") as fh:
        fh.seek(skip)
        for raw in fh:
            yield from raw.decode("utf-8").splitlines()


def read_jsonl_lines(lines: Iterable[str], path: str, field: Optional[str] = None) -> Iterator:
    from . import InputProblem

    fields = (field,) if field else DEFAULT_FIELDS
    index = 0
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        index += 1
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(path, f"item {index}: malformed JSON: {exc.msg} (column {exc.colno})", number)
            continue
        if not isinstance(record, dict):
            yield InputProblem(path, f"item {index}: a JSON object was expected", number)
            continue
        name = next((f for f in fields if f in record), None)
        if name is None:
            yield InputProblem(path, f"item {index}: no field {' / '.join(fields)}", number)
            continue
        value = record[name]
        if not isinstance(value, str):
            yield InputProblem(path, f"item {index}: field {name!r} is not a string", number)
            continue
        ident = next((str(record[k]) for k in ID_FIELDS if isinstance(record.get(k), (str, int))), None)
        item = {"index": index, "line": number, "id": ident, "field": name}
        if not value.strip():
            yield InputProblem(path, f"item {index}: empty {name!r}: nothing to check", number, error=False)
            continue
        yield _article(value, path, item)


def read_xml_feed(text: str, path: str) -> Iterator:
    """RSS 2.0 ``<item>`` and Atom ``<entry>`` elements; DTDs and entities are refused."""
    import xml.sax
    from defusedxml import DefusedXmlException
    from defusedxml.sax import parseString

    from . import InputProblem

    handler = _FeedHandler()
    problem = None
    try:
        parseString(text.encode("utf-8"), handler, forbid_dtd=True, forbid_entities=True,
                    forbid_external=True)
    except xml.sax.SAXParseException as exc:
        problem = InputProblem(path, f"malformed feed: {exc.getMessage()}", exc.getLineNumber())
    except DefusedXmlException as exc:
        problem = InputProblem(path, f"refused feed: {type(exc).__name__} (DTDs and entities are not allowed)")
    for index, (line, ident, title, body) in enumerate(handler.items, 1):
        article = "\n\n".join(p for p in (title.strip(), body.strip()) if p)
        item = {"index": index, "line": line, "id": ident, "field": "title+content"}
        if article:
            yield _article(article, path, item)
    if problem:
        yield problem
    elif not handler.items:
        yield InputProblem(path, "no RSS <item> or Atom <entry> found", error=False)


class _FeedHandler:
    ITEM = {"item", "entry"}
    TITLE = {"title"}
    BODY = {"description", "content:encoded", "encoded", "content", "summary"}
    IDS = {"guid", "id", "link"}

    def __init__(self) -> None:
        self.items: list[tuple[int, Optional[str], str, str]] = []
        self._locator = None
        self._current: Optional[dict] = None
        self._field: Optional[str] = None
        self._buf: list[str] = []

    # xml.sax ContentHandler protocol
    def setDocumentLocator(self, locator) -> None:
        self._locator = locator

    def startDocument(self) -> None: ...
    def endDocument(self) -> None: ...
    def startPrefixMapping(self, *a) -> None: ...
    def endPrefixMapping(self, *a) -> None: ...
    def ignorableWhitespace(self, *a) -> None: ...
    def processingInstruction(self, *a) -> None: ...
    def skippedEntity(self, *a) -> None: ...

    def startElement(self, name: str, attrs) -> None:
        local = name.split(":")[-1] if name != "content:encoded" else name
        if local in self.ITEM:
            self._current = {"line": self._locator.getLineNumber() if self._locator else None,
                             "id": None, "title": "", "body": ""}
        elif self._current is not None and (local in self.TITLE | self.BODY | self.IDS or name in self.BODY):
            self._field = name if name in self.BODY else local
            self._buf = []
            if local == "link" and attrs.get("href") and not self._current["id"]:
                self._current["id"] = attrs.get("href")

    def characters(self, content: str) -> None:
        if self._field:
            self._buf.append(content)

    def endElement(self, name: str) -> None:
        local = name.split(":")[-1] if name != "content:encoded" else name
        if self._current is None:
            return
        if local in self.ITEM:
            c = self._current
            self.items.append((c["line"], c["id"], c["title"], c["body"]))
            self._current = None
        elif self._field and (name == self._field or local == self._field):
            value = "".join(self._buf)
            if self._field in self.TITLE:
                self._current["title"] = self._current["title"] or value
            elif self._field in self.IDS:
                self._current["id"] = self._current["id"] or value.strip() or None
            elif len(value) > len(self._current["body"]):
                self._current["body"] = value
            self._field = None
