"""Bytes → text for the readers: byte-order marks, UTF-8 (a character cut off at the very end is
dropped), UTF-16 without a BOM, a charset declared by the page or the server, one detected by
`charset_normalizer` (optional), and Windows-1258 — each kept only when the result reads as
Vietnamese. Legacy font encodings (TCVN3/ABC, VNI) and binary data get a clear `ReadError`."""
from __future__ import annotations

import codecs
import re

from ..errors import ReadError
from ..normalize import nfc

_VI_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
_VI_LETTERS |= {c.upper() for c in _VI_LETTERS}
_COMMON_MARKS = set("“”‘’–—…«»°·•€£¥©§×÷±¹²³½¼¾\u00a0\u200b\u200c\u200d\ufeff\u2009\u202f")
_ALLOWED_CONTROLS = set("\t\n\r\f\v")


def decode(raw: bytes, source: str, html: bool = False, declared: str | None = None) -> str | ReadError:
    """Bytes → text: BOM, else UTF-8, else UTF-16 without BOM, a declared charset, a detected one
    or Windows-1258 when the result reads as Vietnamese; else a clear error."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as exc:
                if exc.reason == "truncated data" and exc.end == len(raw):  # cut mid-character
                    return _binary_check(raw[: exc.start].decode(codec), source)
                return ReadError(source, f"invalid {codec.upper().replace('-SIG', '')} text (byte {exc.start})")
            return _binary_check(text, source)
    if b"\x00" in raw[:8192]:
        text = _utf16_without_bom(raw)
        if text is None:
            return ReadError(source, "binary file (contains NUL bytes), not text")
        return text
    try:
        return _binary_check(raw.decode("utf-8"), source)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.end == len(raw):
            return _binary_check(raw[: exc.start].decode("utf-8"), source)  # truncated mid-character
        offset = exc.start
    candidates: list[str] = []
    if declared:
        candidates.append(declared)
    if html:
        match = re.search(rb"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", raw[:4096], re.IGNORECASE)
        if match:
            candidates.append(match.group(1).decode("ascii"))
    candidates.extend(_detected_charset(raw))
    candidates.append("cp1258")
    for name in candidates:
        try:
            text = raw.decode(name)
        except (LookupError, UnicodeDecodeError, ValueError):
            continue
        if _reads_as_vietnamese(nfc(text)):
            return _binary_check(text, source)
    if _looks_binary(raw.decode("latin-1")):
        return ReadError(source, "binary file, not text")
    return ReadError(source, f"not UTF-8 text (invalid byte at offset {offset}), nor Windows-1258 Vietnamese; "
                             "legacy font encodings (TCVN3/ABC, VNI) are not supported — convert the file to UTF-8")


def _detected_charset(raw: bytes) -> list[str]:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # optional: without it, Windows-1258 is still tried
        return []
    try:
        best = from_bytes(raw[:200_000]).best()
    except Exception:  # noqa: BLE001
        return []
    return [best.encoding] if best is not None and best.encoding else []


def _utf16_without_bom(raw: bytes) -> str | None:
    sample = raw[:8192]
    even, odd = sample[0::2], sample[1::2]
    if not odd:
        return None
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if high.count(0) >= 0.3 * len(high) and low.count(0) <= 0.02 * len(low):
            try:
                text = raw[: len(raw) // 2 * 2].decode(codec)
            except UnicodeDecodeError:
                return None
            if _reads_as_vietnamese(nfc(text)) and not _looks_binary(text):
                return text
    return None


def _reads_as_vietnamese(text: str) -> bool:
    """Whether decoded text is plausible: its non-ASCII characters are Vietnamese letters or common
    punctuation (mojibake and TCVN3/VNI bytes read as Windows code pages are not)."""
    sample = text[:200_000]
    odd = sum(1 for ch in sample if ord(ch) > 127 and ch not in _VI_LETTERS and ch not in _COMMON_MARKS)
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    letters = sum(1 for ch in sample if ch.isalpha())
    return letters > 0 and controls == 0 and odd <= max(2, letters // 200)


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ch < " " and ch not in _ALLOWED_CONTROLS) or ch == "\x7f")
    return controls > max(8, len(sample) // 100)


def _binary_check(text: str, source: str) -> str | ReadError:
    if _looks_binary(text):
        return ReadError(source, "binary file (control characters), not text")
    return text
