"""Bytes → text without mangling Swedish letters.

Municipal sites still serve windows-1252 and latin-1; a file saved from them and read as
UTF-8 turns "Köping" into "K\ufffdping". We try strict UTF-8 first (by far the most common and
unambiguous), then let charset-normalizer choose, and reject input that is not text at all.

Pages assembled from several sources mix encodings: UTF-8 with one paragraph pasted in from a
windows-1252 document. Such bytes fail strict UTF-8 although most of them are UTF-8; whole-file
detection then picks one wrong encoding for everything ("LĂ¶fte"). When the bytes carry valid
UTF-8 multi-byte sequences, each line is decoded on its own: UTF-8 when it is, else cp1252.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

_UTF8_MULTIBYTE = re.compile(rb"[\xc3\xc2\xe2][\x80-\xbf]")
#: Control bytes that plain text does not contain (tab, newlines, form feed and CR are allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b < 32)


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can trust."""


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return control > max(8, len(sample) // 50)


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode ``data``; ``declared`` is an encoding named by the container (HTTP, meta tag)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if _looks_binary(data):
        raise DecodeError("binary content (not text)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    if _UTF8_MULTIBYTE.search(data):
        return _decode_lines(data)
    best = from_bytes(data, cp_isolation=["cp1252", "latin_1", "iso8859_15", "utf_16", "mac_roman"]).best()
    if best is None:
        best = from_bytes(data).best()
    if best is None:
        raise DecodeError("could not detect the text encoding")
    return str(best)


def _decode_lines(data: bytes) -> str:
    """Mixed UTF-8 and windows-1252, line by line (see the module docstring)."""
    out = []
    for line in data.splitlines(keepends=True):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(line.decode("cp1252", errors="replace"))
    return "".join(out)
