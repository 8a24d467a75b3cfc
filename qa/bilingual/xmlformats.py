"""XLIFF 1.2, XLIFF 2.x and TMX: aligned segments with offsets into the XML file.

The file is first parsed with defusedxml (well-formedness; DTDs and entities refused), then
scanned once more with a tokenizer that keeps offsets, so that each target lies at a known
place in the file. Inside a target, entities are decoded, inline markup that wraps text
(``<g>``, ``<mrk>``, ``<pc>``, ``<hi>``) is dropped and its text kept, and native-code
elements (``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``, ``<ut>``) are dropped with their content.

- XLIFF 1.2: each ``<trans-unit>``'s ``<source>`` and ``<target>`` (``<alt-trans>`` ignored);
  the segment id is the unit's ``id``.
- XLIFF 2.x: each ``<segment>`` of a ``<unit>``; the id is ``unit-id`` or ``unit-id/segment-id``.
- TMX: each ``<tu>``; the source ``<tuv>`` is the one in the header's ``srclang`` (else the
  first), the target the first other one, or the one in ``target_lang`` when given; the id is
  the ``tuid``.

Units without a target, or with an empty one, are left out.
"""
from __future__ import annotations

import html
from bisect import bisect_right
from typing import Iterator, Optional
from xml.sax.saxutils import escape

import regex

from ..patterns import compiled
from ..textmap import TextBuilder
from .model import AlignmentError, BilingualFile, Segment

_TOKEN = compiled(
    r"(?P<comment><!--.*?-->)"
    r"|(?P<cdata><!\[CDATA\[.*?\]\]>)"
    r"|(?P<pi><\?.*?\?>)"
    r"|(?P<decl><![^>]*>)"
    r"|(?P<tag><(?P<close>/)?(?P<name>[^\s/>]+)(?P<attrs>(?:[^>\"'/]|/(?!>)|\"[^\"]*\"|'[^']*')*)(?P<empty>/)?>)"
    r"|(?P<entity>&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][\w.-]*);)",
    regex.DOTALL,
)
_ATTR = compiled(r"([^\s=]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
#: Inline elements whose content is native code (markup of the original document), not text.
CODE_ELEMENTS = frozenset({"ph", "bpt", "ept", "it", "ut"})


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _attrs(raw: str) -> dict[str, str]:
    return {m.group(1): html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
            for m in _ATTR.finditer(raw)}


def decode_xml(builder: TextBuilder, start: int, end: int) -> None:
    """Append the text content of original[start:end] (element content) to ``builder``."""
    source = builder.original
    pos = start
    skip_depth = 0  # inside a native-code element: everything is dropped
    for m in _TOKEN.finditer(source, start, end):
        if m.start() > pos:
            if skip_depth:
                builder.replace(pos, m.start(), "")
            else:
                builder.copy(pos, m.start())
        kind = m.lastgroup
        if m.group("tag"):
            name = _local(m.group("name"))
            if name in CODE_ELEMENTS and not m.group("empty"):
                skip_depth += -1 if m.group("close") else 1
            elif name == "cp" and not skip_depth:  # XLIFF 2: a character XML cannot carry
                code = _attrs(m.group("attrs")).get("hex", "")
                builder.replace(m.start(), m.end(), chr(int(code, 16)) if code else "")
                pos = m.end()
                continue
            builder.replace(m.start(), m.end(), "")
        elif skip_depth:
            builder.replace(m.start(), m.end(), "")
        elif kind == "entity":
            builder.replace(m.start(), m.end(), html.unescape(m.group()))
        elif kind == "cdata":
            builder.replace(m.start(), m.start() + 9, "")
            builder.copy(m.start() + 9, m.end() - 3)
            builder.replace(m.end() - 3, m.end(), "")
        else:
            builder.replace(m.start(), m.end(), "")
        pos = m.end()
    if pos < end:
        if skip_depth:
            builder.replace(pos, end, "")
        else:
            builder.copy(pos, end)


def _validate(original: str) -> None:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        # Parsed from the decoded text, so an encoding declaration (UTF-16 in many TMX files)
        # cannot make the parser decode it a second time.
        fromstring(original, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise AlignmentError(f"malformed XML: {exc}", line) from None
    except DefusedXmlException as exc:
        raise AlignmentError(f"refused XML: {type(exc).__name__} (DTDs and entities are not allowed)") from None


class _Scanner:
    """One pass over the tags, keeping the element stack and the offsets of element contents."""

    def __init__(self, original: str) -> None:
        self.original = original
        self._line_starts = [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", original)]

    def line(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    def elements(self) -> Iterator[tuple[str, str, dict[str, str], int, int]]:
        """(event, local name, attrs, offset, tag start) with event ``start`` or ``end``; ``offset``
        is where the element's content starts (start) or ends (end)."""
        for m in _TOKEN.finditer(self.original):
            if not m.group("tag"):
                continue
            name = _local(m.group("name"))
            if m.group("close"):
                yield "end", name, {}, m.start(), m.start()
                continue
            attrs = _attrs(m.group("attrs"))
            yield "start", name, attrs, m.end(), m.start()
            if m.group("empty"):
                yield "end", name, attrs, m.end(), m.end()


def _decoded(original: str, span: Optional[tuple[int, int]]) -> str:
    """The text of an element's content (empty for a missing element)."""
    if span is None:
        return ""
    builder = TextBuilder(original)
    decode_xml(builder, *span)
    return builder.build()[0]


def _segment(scan: _Scanner, segments: list[Segment], source: Optional[tuple[int, int]],
             target: Optional[tuple[int, int]], unit_start: int, ident: Optional[str]) -> None:
    if target is None or not _decoded(scan.original, target).strip():
        return
    segments.append(Segment(len(segments) + 1, _decoded(scan.original, source), target[0], target[1],
                            scan.line(unit_start), ident))


def _xliff(scan: _Scanner, version: str) -> list[Segment]:
    unit_tag = "trans-unit" if version.startswith("1") else "segment"
    segments: list[Segment] = []
    stack: list[str] = []
    unit_id: Optional[str] = None
    seg_id: Optional[str] = None
    unit_start = 0
    opened: dict[str, int] = {}
    spans: dict[str, tuple[int, int]] = {}
    for event, name, attrs, offset, tag_start in scan.elements():
        if event == "start":
            if name == "unit":
                unit_id = attrs.get("id")
            if name == unit_tag:
                seg_id, unit_start, spans = attrs.get("id"), tag_start, {}
                if unit_tag == "trans-unit":
                    unit_id, seg_id = seg_id, None
            elif name in ("source", "target") and stack and stack[-1] == unit_tag:
                opened[name] = offset
            stack.append(name)
            continue
        stack.pop()
        if name in ("source", "target") and stack and stack[-1] == unit_tag and name in opened:
            spans[name] = (opened.pop(name), offset)
        elif name == unit_tag:
            ident = unit_id if not seg_id else f"{unit_id}/{seg_id}"
            _segment(scan, segments, spans.get("source"), spans.get("target"), unit_start, ident)
    return segments


def _tmx(scan: _Scanner, target_lang: Optional[str]) -> list[Segment]:
    segments: list[Segment] = []
    srclang = ""
    tuvs: list[tuple[str, tuple[int, int]]] = []
    lang = ""
    seg_start = 0
    tu_start = 0
    tuid: Optional[str] = None
    for event, name, attrs, offset, tag_start in scan.elements():
        if event == "start":
            if name == "header":
                srclang = attrs.get("srclang", "").lower()
            elif name == "tu":
                tuvs, tu_start, tuid = [], tag_start, attrs.get("tuid")
            elif name == "tuv":
                lang = (attrs.get("xml:lang") or attrs.get("lang") or "").lower()
            elif name == "seg":
                seg_start = offset
            continue
        if name == "seg":
            tuvs.append((lang, (seg_start, offset)))
        elif name == "tu" and len(tuvs) >= 2:
            source, target = _pick(tuvs, srclang, target_lang)
            _segment(scan, segments, source, target, tu_start, tuid)
    return segments


def _pick(tuvs: list[tuple[str, tuple[int, int]]], srclang: str,
          target_lang: Optional[str]) -> tuple[tuple[int, int], Optional[tuple[int, int]]]:
    def same(lang: str, wanted: str) -> bool:
        return bool(wanted) and (lang == wanted or lang.split("-")[0] == wanted.split("-")[0])

    source = next((span for lang, span in tuvs if same(lang, srclang)), tuvs[0][1])
    others = [(lang, span) for lang, span in tuvs if span != source]
    if target_lang:
        wanted = [span for lang, span in others if same(lang, target_lang.lower())]
        return source, wanted[0] if wanted else None
    return source, others[0][1] if others else None


def read_xml(original: str, path: str, target_lang: Optional[str] = None) -> BilingualFile:
    """XLIFF or TMX, told apart by the root element."""
    _validate(original)
    scan = _Scanner(original)
    root = next(((name, attrs) for event, name, attrs, _, _ in scan.elements() if event == "start"), None)
    if root is None:
        raise AlignmentError("no XML element found")
    name, attrs = root
    if name == "xliff":
        version = attrs.get("version", "1.2")
        segments = _xliff(scan, version)
        fmt = f"xliff-{version}"
    elif name == "tmx":
        segments = _tmx(scan, target_lang)
        fmt = "tmx"
    else:
        raise AlignmentError(f"<{name}> is neither XLIFF nor TMX")
    return BilingualFile(original, path, fmt, segments, decode=decode_xml, escape=escape)
