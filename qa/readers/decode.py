"""Bytes → text: BOMs, UTF-8, a cp1252 fallback, and refusal of what is not text."""
from __future__ import annotations

import codecs
from typing import Optional

#: Control bytes (other than tab, line breaks and escape) that, at 5 % of the first 8 KiB, make data binary.
MIN_CONTROLS = 16
#: Signatures that open common binary files (images, PDF, archives, compressed data, executables).
BINARY_SIGNATURES = (b"\x89PNG\r\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"PK\x03\x04",
                     b"PK\x05\x06", b"\x1f\x8b\x08", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07",
                     b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd", b"\x7fELF", b"\xd0\xcf\x11\xe0")
#: How much of a file tells whether it is text.
SNIFF_BYTES = 8192
# Every byte but the control characters a text does not hold (tab, line and form feeds, escape
# aside): deleting these leaves the ones that count against a text.
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13, 27)))


class DecodeError(ValueError):
    """Bytes that are not text."""

    @staticmethod
    def is_binary(raw: bytes) -> bool:
        head = raw[:SNIFF_BYTES]
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return False
        if head.startswith(BINARY_SIGNATURES):
            return True
        if b"\x00" in head:
            return True
        controls = len(head.translate(None, _NOT_CONTROL))
        # A share, but of enough bytes: a few stray control characters do not make a short text
        # binary (nor does a fix that shortens it).
        return controls >= MIN_CONTROLS and controls / len(head) > 0.05


def decode_bytes(raw: bytes) -> tuple[str, Optional[int]]:
    """The decoded text and, when UTF-8 failed, the offset of the first bad byte's character."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16 at byte {exc.start}") from None
    if DecodeError.is_binary(raw):
        raise DecodeError("binary data, not text")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        bad = exc.start
    text = raw.decode("cp1252", errors="replace")
    # cp1252 maps one byte to one character, so the bad byte's index is its offset.
    return text, bad
