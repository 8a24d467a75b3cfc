"""Feeds: JSONL (one article a line) and RSS/Atom (one article an item).

Each item becomes a Document whose ``original`` is the item's text after JSON/XML
unescaping; ``item`` records where it sits in the file. A malformed line or item is an
InputProblem naming the file and line; the other items are still checked.
"""
from __future__ import annotations

import json
import xml.sax
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Iterator, Optional

import regex

from ..document import Document
from ..patterns import compiled
from .markup import read_html

if TYPE_CHECKING:
    from . import InputProblem

DEFAULT_FIELDS = ("text", "body", "content")
ID_FIELDS = ("id", "guid", "url", "link")
# A tag stops at the next "<": an unclosed one is given up at once, not scanned to the end.
_LOOKS_HTML = compiled(r"</?(?:p|div|br|span|a|em|strong|b|i|h[1-6]|li|ul|ol|blockquote|figure|img)\b[^<>]*>",
                            regex.IGNORECASE)
_NOT_UTF8 = "not valid UTF-8 from here: the file was read as Windows-1252; re-save it as UTF-8"


def _article(text: str, path: str, item: dict, bad: Optional["_BadByte"] = None) -> Iterator:
    """The item's Document, then a notice if its HTML leaves a construct open."""
    from . import InputProblem

    at = None
    if bad is not None and bad.marker in text:
        at, text = text.index(bad.marker), bad.restore(text)
    if _LOOKS_HTML.search(text):
        doc, left_open = read_html(text, path, item)
    else:
        doc, left_open = Document(text, path=path, item=item), None
    doc.decode_error = at
    yield doc
    if left_open:
        line, message = left_open
        yield InputProblem(path, f"item {item['index']}: line {line} of its text: {message}", item["line"],
                           error=False)


class _BadByte:
    """The first character that was not UTF-8, swapped for a letter the text does not hold.

    After JSON or XML unescaping, the letter shows where that character lands in an item's
    text, so the item's ``invalid-utf8`` finding points at it.
    """

    def __init__(self, text: str, pos: int) -> None:
        self.char = text[pos]
        self.marker = next(chr(c) for c in range(0x4E00, 0xA000) if chr(c) not in text)
        self.marked = text[:pos] + self.marker + text[pos + 1:]
        self.line = len(text[:pos + 1].splitlines())  # numbered as str.splitlines numbers them
        self.placed = False

    def restore(self, value: str) -> str:
        self.placed = self.placed or self.marker in value
        return value.replace(self.marker, self.char)

    def notice(self, path: str) -> Optional["InputProblem"]:
        """A notice when the character is in no linted text (an id, a tag, a malformed item)."""
        from . import InputProblem

        return None if self.placed else InputProblem(path, _NOT_UTF8, self.line, error=False)


def read_jsonl(text: str, path: str, field: Optional[str] = None, decode_error: Optional[int] = None) -> Iterator:
    """The items of a decoded JSONL file; ``decode_error`` is the offset of the first byte that was not UTF-8."""
    if decode_error is None:
        yield from read_jsonl_lines(text.splitlines(), path, field)
        return
    bad = _BadByte(text, decode_error)
    yield from read_jsonl_lines(bad.marked.splitlines(), path, field, bad)
    notice = bad.notice(path)
    if notice:
        yield notice


def streamable(path: str, chunk: int = 1 << 20) -> Optional[int]:
    """How many bytes (a UTF-8 byte order mark) to skip before reading the file piece by piece,
    or None when it must be decoded whole instead: a UTF-16 BOM, bytes that are not UTF-8,
    binary data, nothing but white space. A first pass reads the whole file, in bounded memory."""
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
        while data:
            try:
                decoded = decoder.decode(data)
            except UnicodeDecodeError:
                return None
            text_seen = text_seen or bool(decoded.strip())
            data = fh.read(chunk)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return bom if text_seen else None


def physical_lines(path: str, skip: int) -> Iterator[str]:
    # str.splitlines() on each b"\n"-terminated line gives the same lines as on the whole text.
    with open(path, "rb") as fh:
        fh.seek(skip)
        for raw in fh:
            yield from raw.decode("utf-8").splitlines()


def _decoded_pieces(path: str, skip: int, chunk: int) -> Iterator[str]:
    import codecs

    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as fh:
        fh.seek(skip)
        while True:
            data = fh.read(chunk)
            if not data:
                return
            yield decoder.decode(data)


def read_jsonl_lines(lines: Iterable[str], path: str, field: Optional[str] = None,
                     bad: Optional[_BadByte] = None) -> Iterator:
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
        except (ValueError, RecursionError) as exc:  # a number too long to convert, nesting too deep
            yield InputProblem(path, f"item {index}: unreadable JSON: {str(exc).split(':')[0]}", number)
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
        if bad is not None and ident is not None:
            ident = ident.replace(bad.marker, bad.char)
        item = {"index": index, "line": number, "id": ident, "field": name}
        if not value.strip():
            yield InputProblem(path, f"item {index}: empty {name!r}: nothing to check", number, error=False)
            continue
        yield from _article(value, path, item, bad)


#: A feed whose items break the XML is read again without each broken item, up to this many.
MAX_BROKEN_ITEMS = 100
_ITEM_START = compiled(r"(?r)<(?:[\w.-]+:)?(item|entry)\b")  # searched backwards from an error
_NEXT_ITEM = compiled(r"<(?:[\w.-]+:)?(?:item|entry)\b")


def read_xml_feed(text: str, path: str, decode_error: Optional[int] = None, given: int = 0) -> Iterator:
    """RSS 2.0 ``<item>`` and Atom ``<entry>`` elements; DTDs and entities are refused.

    The parser is given the decoded text, so an ``encoding`` declaration cannot make it
    decode the text a second time. An item that breaks the XML (an unescaped ``&``, a
    mismatched tag) is reported with its line and left out; the other items are read.
    ``given``: the number of items already read from the file (``read_xml_feed_stream``),
    which are not given again.
    """
    from defusedxml import DefusedXmlException

    from . import InputProblem

    bad = _BadByte(text, decode_error) if decode_error is not None else None
    source = bad.marked if bad else text
    broken: list[tuple[int, _Broken]] = []  # (line, what was left out) for each break
    while True:
        handler, error = _parse_feed(source)
        span = _broken_span(source, error, handler.last_end) if isinstance(error, xml.sax.SAXParseException) else None
        if span is None or len(broken) == MAX_BROKEN_ITEMS:
            break
        start, end, item = span
        broken.append((error.getLineNumber(), _Broken(error.getMessage(), item)))
        # Blank the span out, keeping its line breaks: the lines of the other items stay true.
        source = source[:start] + regex.sub(r"[^\r\n]", " ", source[start:end]) + source[end:]
    parsed = [(line, (ident, title, body)) for line, ident, title, body in handler.items]
    entries = sorted([*parsed, *broken], key=lambda entry: entry[0])  # document order (by line)
    index = 0
    for line, entry in entries:
        if isinstance(entry, _Broken) and not entry.item:
            yield InputProblem(path, f"malformed text between items left out: {entry.message}", line)
            continue
        index += 1
        if index <= given:
            continue
        if isinstance(entry, _Broken):
            yield InputProblem(path, f"item {index}: malformed item left out: {entry.message}", line)
        else:
            yield from _feed_item(path, index, line, *entry, bad)
    notice = bad.notice(path) if bad is not None else None
    if notice:
        yield notice
    if isinstance(error, xml.sax.SAXParseException):
        yield InputProblem(path, f"malformed feed: {error.getMessage()}", error.getLineNumber())
    elif isinstance(error, DefusedXmlException):
        yield InputProblem(path, f"refused feed: {type(error).__name__} (DTDs and entities are not allowed)")
    elif not entries:
        yield InputProblem(path, "no RSS <item> or Atom <entry> found", error=False)


def read_xml_feed_stream(path: str, skip: int, chunk: int = 1 << 20, name: Optional[str] = None) -> Iterator:
    """``read_xml_feed`` of a UTF-8 file (see ``streamable``), each item given as soon as the
    parser has read it: a feed of any size is checked in bounded memory. Where the XML breaks,
    the file is read again whole and ``read_xml_feed`` gives the rest, the items after a broken
    one included (a parser cannot go on past an error). ``name``: the name the file is reported
    under, when not its path (standard input held in a temporary file)."""
    from defusedxml import DefusedXmlException

    from . import InputProblem

    name = name or path
    handler, parser = _feed_parser()
    handler.setDocumentLocator(parser)  # ``parse`` sets it; ``feed`` does not
    given = 0
    try:
        for line, ident, title, body in _items_read(parser, handler, _decoded_pieces(path, skip, chunk)):
            given += 1
            yield from _feed_item(name, given, line, ident, title, body)
    except (xml.sax.SAXParseException, DefusedXmlException):
        with open(path, "rb") as fh:
            text = fh.read()[skip:].decode("utf-8")
        yield from read_xml_feed(text, name, given=given)
        return
    if not given:
        yield InputProblem(name, "no RSS <item> or Atom <entry> found", error=False)


def _items_read(parser: "xml.sax.xmlreader.IncrementalParser", handler: "_FeedHandler",
                pieces: Iterable[str]) -> Iterator[tuple[int, Optional[str], str, str]]:
    """The handler's items, each as soon as the parser, fed ``pieces``, has read it."""
    for piece in pieces:
        parser.feed(piece)
        yield from handler.taken()
    parser.close()
    yield from handler.taken()


def _feed_item(path: str, index: int, line: int, ident: Optional[str], title: str, body: str,
               bad: Optional[_BadByte] = None) -> Iterator:
    article = "\n\n".join(p for p in (title.strip(), body.strip()) if p)
    if bad is not None and ident is not None:
        ident = ident.replace(bad.marker, bad.char)
    item = {"index": index, "line": line, "id": ident, "field": "title+content"}
    if article:
        yield from _article(article, path, item, bad)


def _feed_parser() -> tuple["_FeedHandler", "xml.sax.xmlreader.IncrementalParser"]:
    from defusedxml.sax import make_parser

    handler = _FeedHandler()
    parser = make_parser()
    parser.forbid_dtd = parser.forbid_entities = parser.forbid_external = True
    parser.setContentHandler(handler)
    return handler, parser


def _parse_feed(text: str) -> tuple["_FeedHandler", Optional[Exception]]:
    """The items read from ``text``, and the error that stopped the parser (None when it did not)."""
    import io
    from xml.sax.xmlreader import InputSource

    from defusedxml import DefusedXmlException

    handler, parser = _feed_parser()
    source = InputSource()
    source.setCharacterStream(io.StringIO(text))
    try:
        parser.parse(source)
    except (xml.sax.SAXParseException, DefusedXmlException) as exc:
        return handler, exc
    return handler, None


@dataclass(frozen=True)
class _Broken:
    """What a break in the XML made the reader leave out: an item (numbered like the others),
    or text between two items (``item`` False)."""

    message: str
    item: bool


def _broken_span(text: str, error: xml.sax.SAXParseException, last_end: Optional[tuple[int, int]]
                 ) -> Optional[tuple[int, int, bool]]:
    """(start, end, whether it is an item) of what to leave out so that the parser gets past
    ``error``: the ``<item>`` or ``<entry>`` element it stopped in, or, when it stopped between
    two items (a stray ``&``, a second feed run on after the first), the text from the end of
    the last complete item (``last_end``: where its end tag stands) to the start of the next.
    None when there is no such span: the feed stops there. A complete item is never left out,
    so the items that ``read_xml_feed_stream`` gave before the error stay true."""
    at = _offset(text, error.getLineNumber(), error.getColumnNumber())
    ended = _offset(text, *last_end) if last_end else None
    if at is None or (last_end and ended is None):
        return None
    start = _ITEM_START.search(text, 0, at + 1)
    if start is not None and (ended is None or start.start() > ended):
        closing = regex.compile(rf"</(?:[\w.-]+:)?{start.group(1)}\s*>").search(text, at)
        return (start.start(), closing.end(), True) if closing else None
    if ended is None:  # before the first item
        return None
    after, following = text.find(">", ended) + 1, _NEXT_ITEM.search(text, at)
    return (after, following.start(), False) if following and 0 < after <= at else None


def _offset(text: str, line: int, column: int) -> Optional[int]:
    """The offset of a parser's (line, column) in ``text``; None past its last line break."""
    begin = 0
    for _ in range(max(line, 1) - 1):
        begin = text.find("\n", begin) + 1
        if begin == 0:
            return None
    return begin + max(column, 0)


class _FeedHandler:
    ITEM = {"item", "entry"}
    TITLE = {"title"}
    BODY = {"description", "content:encoded", "encoded", "content", "summary"}
    IDS = {"guid", "id", "link"}

    def __init__(self) -> None:
        self.items: list[tuple[int, Optional[str], str, str]] = []
        #: (line, column) of the last complete item's end tag.
        self.last_end: Optional[tuple[int, int]] = None
        self._locator = None
        self._current: Optional[dict] = None
        self._field: Optional[str] = None
        self._buf: list[str] = []

    def taken(self) -> list[tuple[int, Optional[str], str, str]]:
        """The items read since the last call (a stream hands them on and keeps none)."""
        items, self.items = self.items, []
        return items

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
            if self._locator:
                self.last_end = self._locator.getLineNumber(), self._locator.getColumnNumber()
        elif self._field and (name == self._field or local == self._field):
            value = "".join(self._buf)
            if self._field in self.TITLE:
                self._current["title"] = self._current["title"] or value
            elif self._field in self.IDS:
                self._current["id"] = self._current["id"] or value.strip() or None
            elif len(value) > len(self._current["body"]):
                self._current["body"] = value
            self._field = None
