"""A generated corpus of hostile and broken inputs, with what the readers must make of each one.

`write_hostile_corpus(folder)` writes 200+ files (truncated and invalid JSON Lines, records
without text, binary files, UTF-16/UTF-32/Windows-1258/TCVN3/VNI text, empty files, 10 MB single
lines, HTML nested thousands of levels deep or full of scripts and frames, odd file names,
symbolic-link loops, unreadable files and folders, a FIFO) and returns one `Expectation` per
input: the articles it must yield (a Vietnamese substring each) and the errors (line number and
a piece of the message). `url_expectations(base, www)` does the same for hostile URLs served by
the `http_server` fixture of tests/conftest.py. `write_huge_jsonl(path)` writes the 100 MB file.

As a script, writes the corpus into a folder so it can be fed to `civic ingest` by hand:

    .venv/bin/python tests/hostile_corpus.py /tmp/hostile [--huge]
"""
from __future__ import annotations

import codecs
import json
import os
import random
import stat
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

TOPIC = "Khối thi đua Nội chính"
BODY = ("Sáng 17/3/2021, các cơ quan {topic} tỉnh Vĩnh Phúc ký kết giao ước thi đua năm 2021, "
        "hưởng ứng phong trào “Vì an ninh Tổ quốc”. Mã kiểm tra {tag}.")  # short: the index tests embed ~200
TITLE = "Hội nghị ký kết giao ước thi đua năm 2021 ({tag})"
SCRIPT_MARKERS = ("alert(", "ĐỘC_HẠI", "evil.example", "document.cookie", "onerror", "iframe-text", "javascript:")
HUGE_BYTES = 100 * 1024 * 1024
LINE_10MB = 10 * 1024 * 1024


@dataclass
class Expectation:
    """What reading one input must give.

    `path`: relative to the corpus folder exactly as it is given to the reader (may hold "../"),
    or an absolute URL. `articles`: one substring per expected article, in order. `errors`:
    (line or None, substring of the message) per expected error, in order. `in_directory`:
    whether reading the whole folder reads this input too (hidden files, unknown suffixes,
    aliases and URLs are not)."""

    path: str
    category: str
    articles: list[str] = field(default_factory=list)
    errors: list[tuple[int | None, str]] = field(default_factory=list)
    in_directory: bool = True
    note: str = ""


def body(tag: str) -> str:
    return BODY.format(topic=TOPIC, tag=tag)


def title(tag: str) -> str:
    return TITLE.format(tag=tag)


def record(tag: str, **extra) -> dict:
    return {"id": f"hostile-{tag}", "title": title(tag), "text": body(tag), "date": "2021-03-17",
            "source": "Báo Pháp luật Việt Nam", "url": f"https://example.vn/{tag}", **extra}


def jline(tag: str, **extra) -> str:
    return json.dumps(record(tag, **extra), ensure_ascii=False)


def article_text(tag: str) -> str:
    return f"{title(tag)}\n\n{body(tag)}\n"


def html_page(tag: str, extra_head: str = "", before: str = "", after: str = "", meta_charset: str = "utf-8") -> str:
    paragraphs = "".join(f"<p>{body(f'{tag}-{n}')}</p>" for n in range(3))
    return (f"<!DOCTYPE html><html><head><meta charset=\"{meta_charset}\"><title>{title(tag)}</title>{extra_head}"
            f"</head><body><article><h1>{title(tag)}</h1>{before}{paragraphs}{after}</article></body></html>")


# --- legacy Vietnamese encoders (test data only) -------------------------------------------------
_TONES = {"\u0301": "sac", "\u0300": "huyen", "\u0309": "hoi", "\u0303": "nga", "\u0323": "nang"}


def _split(ch: str) -> tuple[str, str, str]:
    """A Vietnamese letter as (base letter, modifier: '' | 'hat' | 'breve' | 'horn', tone name)."""
    parts = unicodedata.normalize("NFD", ch)
    base, modifier, tone = parts[0], "", ""
    for mark in parts[1:]:
        if mark in _TONES:
            tone = _TONES[mark]
        elif mark == "\u0302":
            modifier = "hat"
        elif mark == "\u0306":
            modifier = "breve"
        elif mark == "\u031b":
            modifier = "horn"
    return base, modifier, tone


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows wrote it: precomposed where the code page has the
    letter, else base letter (with hat, breve or horn) plus a combining tone mark."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in decomposed if c in _TONES)
            rest = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
            out.append((rest + tones).encode("cp1258"))
    return b"".join(out)


_TCVN3_PLAIN = {"ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
                "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7}
_TCVN3_TONED = dict(zip(
    "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ",
    [0xB5, 0xB6, 0xB7, 0xB8, 0xB9, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB,
     0xCC, 0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xDC, 0xDD, 0xDE,
     0xDF, 0xE1, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0xEA, 0xEB, 0xEC, 0xED, 0xEE,
     0xEF, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE]))


def encode_tcvn3(text: str) -> bytes:
    """TCVN3 (ABC, the .VnTime fonts): one byte per letter; capitals with tones share the
    lower-case codes (they came from a separate capitals font)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 128:
            out.append(ord(ch))
        elif ch in _TCVN3_PLAIN:
            out.append(_TCVN3_PLAIN[ch])
        elif ch.lower() in _TCVN3_TONED:
            out.append(_TCVN3_TONED[ch.lower()])
        else:
            out += b"?"
    return bytes(out)


_VNI_TONE = {"sac": "ù", "huyen": "ø", "hoi": "û", "nga": "õ", "nang": "ï"}
_VNI_HAT_TONE = {"": "â", "sac": "á", "huyen": "à", "hoi": "å", "nga": "ã", "nang": "ä"}
_VNI_BREVE_TONE = {"": "ê", "sac": "é", "huyen": "è", "hoi": "ú", "nga": "ü", "nang": "ë"}
_VNI_I = {"sac": "í", "huyen": "ì", "hoi": "æ", "nga": "ó", "nang": "ò"}


def encode_vni(text: str) -> bytes:
    """VNI Windows: a base letter followed by accent characters of the Windows-1252 page."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ord(ch) < 128:
            out.append(ch)
            continue
        if ch in "đĐ":
            out.append("ñ" if ch == "đ" else "Ñ")
            continue
        base, modifier, tone = _split(ch)
        upper = base.isupper()
        b = base.lower()
        if modifier == "hat":
            piece = b + _VNI_HAT_TONE[tone]
        elif modifier == "breve":
            piece = b + _VNI_BREVE_TONE[tone]
        elif modifier == "horn":
            piece = ("ô" if b == "o" else "ö") + _VNI_TONE.get(tone, "")
        elif b == "i" and tone:
            piece = _VNI_I[tone]
        else:
            piece = b + _VNI_TONE.get(tone, "")
        out.append(piece.upper() if upper else piece)
    return "".join(out).encode("cp1252", "replace")


# --- the corpus ----------------------------------------------------------------------------------
def write_hostile_corpus(folder: str | os.PathLike[str], large: bool = True) -> list[Expectation]:
    """Write the hostile corpus into `folder` (created); returns what reading each input must give.
    `large=False` leaves out the 10 MB single-line files."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    expectations: list[Expectation] = []
    rng = random.Random(20210317)

    def add(rel: str, category: str, data: bytes | str | None = None, articles=(), errors=(),
            in_directory: bool = True, note: str = "") -> Path:
        path = root / rel
        if data is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expectations.append(Expectation(rel, category, list(articles), list(errors), in_directory, note))
        return path

    # 1. Truncated JSON Lines: a good record, then one cut short at many points (and cut in the
    #    middle of a multi-byte character); the good record is always read.
    full = jline("trunc-2").encode("utf-8")
    points = sorted({1, 2, 5, 9, 17, 30, 31, 45, 60, 61, 62, 80, 100, 101, 102, 150, 151, 200, 201, 202, 250,
                     300, 301, 400, 401, 402, 500, len(full) - 40, len(full) - 3, len(full) - 2, len(full) - 1})
    for cut in (p for p in points if 0 < p < len(full)):
        piece = full[:cut]
        try:
            piece.decode("utf-8")
            message = "invalid JSON"
        except UnicodeDecodeError:
            message = "not UTF-8"
        add(f"jsonl/truncated/cut-{cut:04d}.jsonl", "truncated JSON Lines",
            (jline(f"trunc-ok-{cut}") + "\n").encode("utf-8") + piece,
            articles=[f"trunc-ok-{cut}"], errors=[(2, message)])
    # A file whose only record is cut, and one cut right after the closing brace's last field.
    add("jsonl/truncated/only-record-cut.jsonl", "truncated JSON Lines", full[: len(full) // 2 - 1],
        errors=[(1, "")])
    add("jsonl/truncated/missing-brace.jsonl", "truncated JSON Lines", full[:-1] + b"\n" + (jline("after-cut") + "\n").encode(),
        articles=["after-cut"], errors=[(1, "invalid JSON")])
    # Truncated text files: cut in the middle of a character at the very end → read, the partial
    # character dropped. Truncated HTML: cut inside a tag after the first paragraphs → read.
    text = article_text("trunc-txt").encode("utf-8")
    for n, cut in enumerate((len(text) - 2, len(text) - 5, len(text) - 30, len(text) - 61, 200)):
        piece = text[:cut]
        while True:  # make sure the cut is inside a multi-byte character
            try:
                piece.decode("utf-8")
                piece = piece[:-1]
            except UnicodeDecodeError as exc:
                if exc.reason == "unexpected end of data":
                    break
                piece = piece[:-1]
        add(f"text/truncated/text-cut-{n}.txt", "truncated text", piece, articles=["Sáng 17/3/2021"])
    page = html_page("trunc-html").encode("utf-8")
    for n, cut in enumerate((len(page) - 20, len(page) - 200, len(page) // 2 + 150)):
        add(f"html/truncated/html-cut-{n}.html", "truncated HTML", page[:cut], articles=["Khối thi đua Nội chính"])

    # 2. Invalid JSON of many kinds on line 2 (after a blank line), then a good record that is read.
    invalid = {
        "single-quotes": ("{'text': 'Nội dung'}", "invalid JSON"),
        "trailing-comma": ('{"text": "Nội dung",}', "invalid JSON"),
        "unquoted-key": ('{text: "Nội dung"}', "invalid JSON"),
        "comment": ('// {"text": "Nội dung"}', "invalid JSON"),
        "two-objects": ('{"text": "Một"}{"text": "Hai"}', "invalid JSON"),
        "python-repr": ("{'text': u'Nội dung', 'id': None}", "invalid JSON"),
        "missing-quote": ('{"text": "Nội dung}', "invalid JSON"),
        "missing-colon": ('{"text" "Nội dung"}', "invalid JSON"),
        "raw-control-char": ('{"text": "Nội\tdung\x01"}', "invalid JSON"),
        "raw-nul-byte": ('{"text": "Nội\x00dung"}', "invalid JSON"),
        "bad-escape": ('{"text": "Nội dung \\x41"}', "invalid JSON"),
        "truncated-unicode-escape": ('{"text": "Nội dung \\u12"}', "invalid JSON"),
        "lone-surrogate": ('{"id": "sur", "text": "Nội dung \\ud800 bài viết"}', "surrogate"),
        "lone-surrogate-title": ('{"id": "sur2", "title": "\\udfff", "text": "Nội dung bài viết"}', "surrogate"),
        "huge-integer": ('{"text": "Nội dung", "views": ' + "9" * 5000 + "}", "invalid JSON"),
        "deep-nesting": ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        "deep-object": ('{"a":' * 50_000 + "1" + "}" * 50_000, "nested too deeply"),
        "bare-string": ('"Nội dung bài viết"', "expected a JSON object"),
        "bare-number": ("42", "expected a JSON object"),
        "bare-null": ("null", "expected a JSON object"),
        "bare-true": ("true", "expected a JSON object"),
        "array-of-records": (json.dumps([record("in-array")], ensure_ascii=False), "expected a JSON object"),
        "only-brace": ("}", "invalid JSON"),
        "html-line": ("<html><body>Nội dung</body></html>", "invalid JSON"),
        "csv-line": ("id,title,text", "invalid JSON"),
        "bom-mid-file": ("\ufeff" + jline("bom-mid"), "invalid JSON"),
        "cp1258-line": (None, "not UTF-8"),
        "yaml": ("text: Nội dung bài viết", "invalid JSON"),
    }
    for name, (line, message) in invalid.items():
        raw = encode_cp1258(jline(f"cp-{name}")) if line is None else line.encode("utf-8")
        data = b"\n" + raw + b"\n" + (jline(f"inv-{name}") + "\n").encode()  # a blank line 1 still counts
        add(f"jsonl/invalid/{name}.jsonl", "invalid JSON", data, articles=[f"inv-{name}"], errors=[(2, message)])
    # Accepted oddities: NaN, duplicate keys (last wins), CRLF, a BOM on line 1, blank lines, a
    # final line without newline, a NUL and an escape character written as JSON escapes.
    odd_ok = {
        "nan-field": jline("odd-nan", score=float("nan")),
        "duplicate-keys": '{"text": "bị ghi đè", ' + jline("odd-dup")[1:],
        "crlf": jline("odd-crlf"),
        "escaped-controls": json.dumps(record("odd-esc", text=body("odd-esc") + " \u0000\u001b[31m"), ensure_ascii=False),
        "ascii-escaped": json.dumps(record("odd-ascii"), ensure_ascii=True),
        "nfd-text": unicodedata.normalize("NFD", jline("odd-nfd")),
        "extra-fields": jline("odd-extra", tags=["a", {"b": [1, 2.5, None]}], views=10 ** 30),
    }
    for name, line in odd_ok.items():
        ending = "\r\n" if name == "crlf" else "\n"
        tag = "odd-" + {"nan-field": "nan", "duplicate-keys": "dup", "escaped-controls": "esc", "ascii-escaped": "ascii",
                        "nfd-text": "nfd", "extra-fields": "extra"}.get(name, name)
        add(f"jsonl/odd-ok/{name}.jsonl", "unusual but valid JSON Lines", line + ending, articles=[tag])
    add("jsonl/odd-ok/bom-first-line.jsonl", "unusual but valid JSON Lines", "\ufeff" + jline("bom1") + "\n",
        articles=["bom1"])
    add("jsonl/odd-ok/blank-lines.jsonl", "unusual but valid JSON Lines",
        "\n\n   \n" + jline("blank-a") + "\n\t\n\n" + jline("blank-b"), articles=["blank-a", "blank-b"])

    # 3. Records without usable text, and other bad fields (line 1), then a good one (line 2).
    bad_records = {
        "no-text": ({"id": "x1", "title": "Không có nội dung"}, "'text' is missing"),
        "null-text": ({"id": "x2", "text": None}, "'text' is missing"),
        "empty-text": ({"id": "x3", "text": ""}, "'text' is empty"),
        "blank-text": ({"id": "x4", "text": " \n\t \u3000"}, "'text' is empty"),
        "number-text": ({"id": "x5", "text": 42}, "not a string"),
        "list-text": ({"id": "x6", "text": ["Nội", "dung"]}, "not a string"),
        "object-text": ({"id": "x7", "text": {"vi": "Nội dung"}}, "not a string"),
        "bool-text": ({"id": "x8", "text": True}, "not a string"),
        "boilerplate-only": ({"id": "x9", "text": "Đọc thêm\nChia sẻ\nTin liên quan"}, "no content after cleaning"),
        "title-number": ({"text": body("tn"), "title": 5}, "'title' must be a string"),
        "url-list": ({"text": body("ul"), "url": ["https://a"]}, "'url' must be a string"),
        "id-bool": ({"text": body("ib"), "id": True}, "'id' must be"),
        "id-float": ({"text": body("if"), "id": 1.5}, "'id' must be"),
        "id-object": ({"text": body("io"), "id": {"a": 1}}, "'id' must be"),
        "id-too-long": ({"text": body("il"), "id": "x" * 5000}, "'id' is too long"),
        "title-too-long": ({"text": body("tl"), "title": "Tiêu đề " * 1000}, "'title' is too long"),
        "source-too-long": ({"text": body("sl"), "source": "S" * 100_000}, "'source' is too long"),
        "date-not-iso": ({"text": body("dn"), "date": "17/3/2021"}, "'date' is not an ISO date"),
        "date-impossible": ({"text": body("di"), "date": "2021-02-30"}, "'date' is not an ISO date"),
        "date-number": ({"text": body("dnum"), "date": 20210317}, "'date' must be a string"),
        "text-too-long": ({"id": "x10", "text": "Nội dung dài. " * 150_000}, "too long"),
        "bad-metadata-surrogate": (None, "surrogate"),
    }
    for name, (rec, message) in bad_records.items():
        line = (json.dumps(rec, ensure_ascii=False) if rec is not None
                else '{"text": "Nội dung", "tags": ["ok", "\\udc80"]}')
        add(f"jsonl/bad-records/{name}.jsonl", "records without text / bad fields",
            line + "\n" + jline(f"badrec-{name}") + "\n", articles=[f"badrec-{name}"], errors=[(1, message)])
    # A JSON Lines file of nothing but bad records: the reader stops after 50 and says why.
    add("jsonl/bad-records/all-bad.jsonl", "records without text / bad fields",
        "".join(json.dumps({"id": f"b{n}", "title": "Không có nội dung"}) + "\n" for n in range(500)),
        errors=[(n, "'text' is missing") for n in range(1, 51)] + [(50, "is this really a JSON Lines file")])

    # 4. Binary files, by content and by suffix.
    headers = {
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        "zip": b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        "elf": b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00",
        "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n\x00\xff\x10",
        "gzip": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03",
        "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01",
        "docx": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
        "sqlite": b"SQLite format 3\x00\x10\x00\x01\x01",
    }
    for name, head in headers.items():
        blob = head + bytes(rng.getrandbits(8) for _ in range(4000))
        for suffix in (".txt", ".jsonl", ".html", ".md"):
            add(f"binary/{name}-as{suffix}", "binary files", blob, errors=[(None, "binary")])
        add(f"binary/real.{name}", "binary files", blob, errors=[(None, "binary")], in_directory=False,
            note="unknown suffix: skipped in a folder, refused when named")
    for n in range(6):  # random bytes with no NUL at all: caught by the encoding checks
        blob = bytes(rng.randrange(1, 256) for _ in range(3000 + 1000 * n))
        suffix = (".txt", ".md", ".html")[n % 3]
        add(f"binary/random-no-nul-{n}{suffix}", "binary files", blob, errors=[(None, "")])
    blob = b"\n".join(bytes(rng.choice(range(11, 256)) for _ in range(2000)) for _ in range(10))
    add("binary/random-no-nul.jsonl", "binary files", blob, errors=[(n, "") for n in range(1, 11)],
        note="no NUL in the first bytes: every line is reported (not UTF-8)")
    add("binary/nul-bytes-in-text.txt", "binary files", article_text("nul").encode() + b"\x00\x00\x00",
        errors=[(None, "binary")])
    add("binary/control-chars.txt", "binary files", bytes(range(1, 32)) * 40 + b"abc", errors=[(None, "binary")])

    # 5. Encodings.
    vi = article_text("enc")
    enc_ok = {
        "utf8-bom.txt": codecs.BOM_UTF8 + vi.encode("utf-8"),
        "utf16-le-bom.txt": vi.encode("utf-16"),  # native order with BOM
        "utf16-le-bom-explicit.txt": codecs.BOM_UTF16_LE + vi.encode("utf-16-le"),
        "utf16-be-bom.txt": codecs.BOM_UTF16_BE + vi.encode("utf-16-be"),
        "utf16-le-no-bom.txt": vi.encode("utf-16-le"),
        "utf16-be-no-bom.txt": vi.encode("utf-16-be"),
        "utf32-le-bom.txt": codecs.BOM_UTF32_LE + vi.encode("utf-32-le"),
        "utf16-le-bom.md": codecs.BOM_UTF16_LE + ("# " + vi).encode("utf-16-le"),
        "windows-1258.txt": encode_cp1258(vi),
        "windows-1258.md": encode_cp1258("# " + vi),
        "windows-1258-crlf.txt": encode_cp1258(vi.replace("\n", "\r\n")),
        "nfd-utf8.txt": unicodedata.normalize("NFD", vi).encode("utf-8"),
        "crlf.txt": vi.replace("\n", "\r\n").encode("utf-8"),
        "cr-only.txt": vi.replace("\n", "\r").encode("utf-8"),
        "utf16-le-bom.html": codecs.BOM_UTF16_LE + html_page("enc-html", meta_charset="utf-16").encode("utf-16-le"),
        "windows-1258-declared.html": encode_cp1258(html_page("enc-1258", meta_charset="windows-1258")),
        "windows-1258-undeclared.html": encode_cp1258(html_page("enc-1258u", meta_charset="utf-8")),
        "utf8-bom.html": codecs.BOM_UTF8 + html_page("enc-bom").encode("utf-8"),
    }
    for name, data in enc_ok.items():  # file names differ in their stem: the stem is the article id
        stem, suffix = name.rsplit(".", 1)
        add(f"encodings/{stem}-{suffix}.{suffix}", "encodings", data, articles=["Khối thi đua Nội chính"])
    add("encodings/utf16-le-bom.jsonl", "encodings",
        (jline("u16-1") + "\n" + jline("u16-2") + "\n").encode("utf-16"), articles=["u16-1", "u16-2"])
    add("encodings/utf8-bom.jsonl", "encodings", codecs.BOM_UTF8 + (jline("u8bom") + "\n").encode(),
        articles=["u8bom"])
    add("encodings/utf32.jsonl", "encodings", (jline("u32") + "\n").encode("utf-32"), errors=[(None, "UTF-32")])
    add("encodings/windows-1258.jsonl", "encodings", encode_cp1258(jline("cp-1") + "\n" + jline("cp-2") + "\n"),
        errors=[(1, "not UTF-8"), (2, "not UTF-8")])
    for n, text in enumerate((vi, article_text("legacy-2") * 3)):
        add(f"encodings/tcvn3-{n}.txt", "encodings", encode_tcvn3(text), errors=[(None, "TCVN3")])
        add(f"encodings/vni-{n}.txt", "encodings", encode_vni(text), errors=[(None, "VNI")])
    add("encodings/tcvn3.html", "encodings", encode_tcvn3(html_page("tcvn3-html", meta_charset="x-user-defined")),
        errors=[(None, "TCVN3")])
    add("encodings/utf8-invalid-middle.txt", "encodings",
        vi.encode()[:100] + b"\xff\xfe" + vi.encode()[100:], errors=[(None, "UTF-8")])
    add("encodings/utf16-bom-odd-length.txt", "encodings", vi.encode("utf-16") + b"\x00",
        articles=["Khối thi đua Nội chính"], note="truncated mid-character: the partial character is dropped")
    add("encodings/utf16-lone-surrogate.txt", "encodings",
        codecs.BOM_UTF16_LE + vi.encode("utf-16-le") + b"\x00\xd8A\x00" + "thêm".encode("utf-16-le"),
        errors=[(None, "UTF-16")])

    # 6. Empty and whitespace-only.
    empties = {
        "empty.txt": b"", "empty.md": b"", "empty.html": b"", "empty.jsonl": b"",
        "spaces.txt": b"     ", "newlines.txt": b"\n\n\n\n", "tabs-crlf.md": b"\t\r\n\t\r\n",
        "nbsp.txt": "\u00a0\u00a0\n\u3000".encode(), "bom-only.txt": codecs.BOM_UTF8,
        "utf16-bom-only.txt": codecs.BOM_UTF16_LE, "blank-lines.jsonl": b"\n\n  \n\t\n",
        "whitespace.html": b"   \n  ", "empty-body.html": b"<html><head><title>T</title></head><body></body></html>",
        "scripts-only.html": b"<html><body><script>alert(1)</script><style>p{}</style></body></html>",
        "title-only.txt": "Chỉ có tiêu đề\n\n\n".encode(),
    }
    for name, data in empties.items():
        add(f"empty/{name}", "empty files", data, errors=[(None, "")])

    # 7. Long lines (10 MB) — JSON Lines and text; the record after the long line is still read.
    if large:
        chunk = "Nội dung rất dài không có dấu xuống dòng. "
        repeat = LINE_10MB // len(chunk.encode()) + 1
        (root / "large").mkdir(parents=True, exist_ok=True)
        with open(root / "large" / "ten-mb-line.jsonl", "w", encoding="utf-8") as handle:
            handle.write('{"id": "ten-mb", "text": "' + chunk * repeat + '"}\n')
            handle.write(jline("after-ten-mb") + "\n")
        expectations.append(Expectation("large/ten-mb-line.jsonl", "10 MB single line",
                                        ["after-ten-mb"], [(1, "too long")]))
        with open(root / "large" / "ten-mb-line.txt", "w", encoding="utf-8") as handle:
            handle.write(chunk * repeat)
        expectations.append(Expectation("large/ten-mb-line.txt", "10 MB single line", [], [(None, "too large")]))
        with open(root / "large" / "two-mb-line.md", "w", encoding="utf-8") as handle:  # under the size limit
            handle.write(chunk * (2_100_000 // len(chunk) + 1))
        expectations.append(Expectation("large/two-mb-line.md", "10 MB single line", [], [(None, "too long")]))
        with open(root / "large" / "twenty-mb-junk-line.jsonl", "wb") as handle:
            handle.write(b"[" + b"1," * (10 * 1024 * 1024) + b"1]\n")
            handle.write((jline("after-twenty-mb") + "\n").encode())
        expectations.append(Expectation("large/twenty-mb-junk-line.jsonl", "10 MB single line",
                                        ["after-twenty-mb"], [(1, "line too long")]))
        # Sparse files: 100 MB by size, refused before a byte is read.
        for name in ("hundred-mb.txt", "hundred-mb.html"):
            with open(root / "large" / name, "wb") as handle:
                handle.truncate(HUGE_BYTES)
            expectations.append(Expectation(f"large/{name}", "100 MB file", [], [(None, "too large")]))

    # 8. HTML: nesting thousands deep, scripts, frames, event handlers, entity tricks.
    paragraph = "".join(f"<p>{body(f'deep-{n}')}</p>" for n in range(3))
    for depth, tag in ((5000, "div"), (20000, "div"), (6000, "span"), (5000, "section"), (3000, "font")):
        page = (f"<html><head><title>{title(f'deep-{tag}-{depth}')}</title></head><body>" + f"<{tag}>" * depth
                + paragraph + f"</{tag}>" * depth + "</body></html>")
        add(f"html/deep/{tag}-{depth}.html", "deeply nested HTML", page, articles=["Khối thi đua Nội chính"])
    page = ("<html><head><title>Không đóng thẻ</title></head><body>" + "<div>" * 8000 + paragraph + "</body></html>")
    add("html/deep/unclosed-div-8000.html", "deeply nested HTML", page, articles=["Khối thi đua Nội chính"])
    page = ("<html><body>" + "<table><tr><td>" * 3000 + paragraph + "</td></tr></table>" * 3000 + "</body></html>")
    add("html/deep/tables-3000.html", "deeply nested HTML", page, errors=[(None, "no article text")],
        note="nested tables are kept (not wrappers): the parser stops at depth 255, no text is found")
    page = ("<html><body>" + "<b><i>" * 4000 + paragraph + "</i></b>" * 4000 + "</body></html>")
    add("html/deep/inline-8000.html", "deeply nested HTML", page, articles=["Khối thi đua Nội chính"])

    hostile_bits = {
        "script": "<script>alert('ĐỘC_HẠI'); document.cookie='x'</script>",
        "script-in-paragraph": "<p>Đoạn <script>alert('ĐỘC_HẠI')</script> xen kẽ.</p>",
        "script-unclosed-comment": "<script><!-- alert('ĐỘC_HẠI') </script>",
        "iframe": "<iframe src='https://evil.example/'>iframe-text ĐỘC_HẠI</iframe>",
        "iframe-srcdoc": "<iframe srcdoc=\"<p>iframe-text ĐỘC_HẠI</p><script>alert(1)</script>\"></iframe>",
        "img-onerror": "<img src=x onerror=\"alert('ĐỘC_HẠI')\"><p onclick=\"alert('ĐỘC_HẠI')\">Bấm vào đây.</p>",
        "svg-onload": "<svg onload=\"alert('ĐỘC_HẠI')\"><script>alert('ĐỘC_HẠI')</script></svg>",
        "style": "<style>body{background:url('https://evil.example/ĐỘC_HẠI')}</style>",
        "noscript": "<noscript>ĐỘC_HẠI alert(</noscript>",
        "template": "<template><p>ĐỘC_HẠI alert(</p></template>",
        "object-embed": "<object data='https://evil.example/x.swf'>ĐỘC_HẠI</object><embed src='https://evil.example'>",
        "javascript-link": "<a href=\"javascript:alert('ĐỘC_HẠI')\">liên kết</a>",
        "meta-refresh": "",
        "base-href": "",
        "form": "<form action='https://evil.example'><input value='ĐỘC_HẠI'><button>Gửi</button></form>",
        "comment": "<!-- ĐỘC_HẠI alert( -->",
        "cdata": "<![CDATA[ ĐỘC_HẠI alert( ]]>",
        "entity-bomb": "",
        "surrogate-charref": "<p>Ký tự lạ &#xD800; &#0; &#x110000; giữa câu.</p>",
        "script-uppercase": "<SCRIPT>alert('ĐỘC_HẠI')</SCRIPT><ScRiPt src=//evil.example></ScRiPt>",
        "math": "<math><mtext><script>alert('ĐỘC_HẠI')</script></mtext></math>",
        "textarea": "<textarea>ĐỘC_HẠI alert(</textarea>",
        "frameset-inside": "<frameset><frame src='https://evil.example'></frameset>",
    }
    for n, (name, bit) in enumerate(hostile_bits.items()):
        head = {"meta-refresh": "<meta http-equiv='refresh' content='0;url=javascript:alert(1)'>",
                "base-href": "<base href='javascript:alert(1)//'>"}.get(name, "")
        prefix = ""
        if name == "entity-bomb":
            prefix = ('<!DOCTYPE html [<!ENTITY a "ĐỘC_HẠI ĐỘC_HẠI ĐỘC_HẠI ĐỘC_HẠI">'
                      '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>')
            bit = "<p>&c;&c;&c;&c;</p>"
        page = prefix + html_page(f"xss-{n}", extra_head=head, before=bit, after=bit)
        if prefix:
            page = page.replace("<!DOCTYPE html>", "", 1)
        add(f"html/hostile/{name}.html", "HTML with scripts, frames and handlers", page,
            articles=["Khối thi đua Nội chính"])
    add("html/hostile/only-iframe.html", "HTML with scripts, frames and handlers",
        "<html><body><iframe src='https://evil.example/'></iframe></body></html>", errors=[(None, "no article text")])
    add("html/hostile/frameset.html", "HTML with scripts, frames and handlers",
        "<html><frameset><frame src='a.html'><frame src='b.html'></frameset></html>",
        errors=[(None, "no article text")])
    add("html/hostile/xhtml.xhtml", "HTML with scripts, frames and handlers",
        '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&e;</p>' + paragraph + "</body></html>",
        articles=["Khối thi đua Nội chính"], note="external entities are never resolved")

    # 9. File names: "../" spelled into names, odd characters, and paths given with "../".
    odd_names = [
        "..%2F..%2Fetc%2Fpasswd.txt", "..%5C..%5Cwindows.txt", "....txt", "-rf.txt", "--help.txt",
        "name with spaces.txt", "tên tiếng Việt.txt", unicodedata.normalize("NFD", "tên dựng sẵn NFD.txt"),
        "new\nline.txt", "tab\tname.txt", "ansi-\x1b[31mred.txt", "[red]markup[/red].txt", "[/bold]close.txt",
        "semi;colon&amp.txt", "$(reboot).txt", "`whoami`.txt", "quote'double\".txt", "percent%s%n.txt",
        "emoji-📰.txt", "rtl-\u202eexe.txt", "zero\u200bwidth.txt", "UPPER.TXT", "double.txt.html", "x" * 240 + ".txt",
        "a:b.txt", "star*.txt", "question?.txt", "<script>.txt", "null%00byte.txt",
    ]
    for n, name in enumerate(odd_names):
        data = (html_page(f"name-{n}") if name.endswith(".html") else article_text(f"name-{n}")).encode()
        add(f"names/{name}", "odd file names", data, articles=[f"name-{n}"], in_directory=not name.startswith("."),
            note="a leading dot makes it hidden: skipped in a folder, read when named" if name.startswith(".") else "")
    # Bad files whose names are terminal escapes or console markup: the error must print as text.
    for name in ("[/red]-empty.txt", "[bold]-empty.txt", "ansi-\x1b[2J-empty.txt", "line\nbreak-empty.txt"):
        add(f"names/markup/{name}", "odd file names", b"", errors=[(None, "empty file")])
    non_utf8 = os.fsdecode(b"names/latin1-\xe9\xff.txt")
    (root / "names").mkdir(exist_ok=True)
    with open(os.fsencode(root) + b"/names/latin1-\xe9\xff.txt", "wb") as handle:
        handle.write(article_text("name-bytes").encode())
    expectations.append(Expectation(non_utf8, "odd file names", ["name-bytes"], []))
    add("names/.hidden.txt", "odd file names", article_text("hidden"), articles=["hidden"], in_directory=False,
        note="hidden: skipped in a folder, read when named")
    add("names/noextension", "odd file names", article_text("noext"), articles=["noext"], in_directory=False)
    add("names/trailing.dot.", "odd file names", article_text("dot"), articles=["dot"], in_directory=False)
    add("names/sub/inner.txt", "odd file names", article_text("inner"), articles=["inner"])
    for alias in ("names/sub/../sub/inner.txt", "names/./sub/./inner.txt", "names//sub//inner.txt",
                  "names/sub/../../names/sub/inner.txt", "names/../names/sub/inner.txt"):
        add(alias, "paths with ../", None, articles=["inner"], in_directory=False)
    add("names/sub/../missing/../../nowhere.txt", "paths with ../", None, errors=[(None, "no such file")],
        in_directory=False)
    add("names/dir-named.txt/inside-dir.md", "odd file names", "# " + article_text("dirtxt"), articles=["dirtxt"])

    # 10. Symbolic links: loops, self-references, dangling links, links to folders.
    links = root / "links"
    links.mkdir(exist_ok=True)
    add("links/target.txt", "symbolic links", article_text("link-target"), articles=["link-target"])
    os.symlink("target.txt", links / "to-target.txt")
    expectations.append(Expectation("links/to-target.txt", "symbolic links", ["link-target"], []))
    os.symlink("self.txt", links / "self.txt")
    expectations.append(Expectation("links/self.txt", "symbolic links", [], [(None, "symbolic links")]))
    os.symlink("loop-b.txt", links / "loop-a.txt")
    os.symlink("loop-a.txt", links / "loop-b.txt")
    expectations.append(Expectation("links/loop-a.txt", "symbolic links", [], [(None, "symbolic links")]))
    expectations.append(Expectation("links/loop-b.txt", "symbolic links", [], [(None, "symbolic links")]))
    os.symlink("does-not-exist.txt", links / "dangling.txt")
    expectations.append(Expectation("links/dangling.txt", "symbolic links", [], [(None, "broken symbolic link")]))
    os.symlink(".", links / "loop-dir")  # a folder containing itself
    os.symlink("..", links / "parent-dir")
    expectations.append(Expectation("links/loop-dir/target.txt", "symbolic links", ["link-target"], [],
                                    in_directory=False, note="through a looping folder link, named explicitly"))
    os.symlink("self-dir", links / "self-dir")
    expectations.append(Expectation("links/self-dir", "symbolic links", [], [(None, "symbolic links")],
                                    in_directory=False))

    # 11. Unreadable files and folders (root can read them anyway: then they must read fine).
    perm = root / "perm"
    (perm / "locked-dir").mkdir(parents=True)
    (perm / "locked.txt").write_text(article_text("locked"), encoding="utf-8")
    (perm / "locked.jsonl").write_text(jline("locked-jsonl") + "\n", encoding="utf-8")
    (perm / "locked-dir" / "inside.txt").write_text(article_text("locked-inside"), encoding="utf-8")
    for name in ("locked.txt", "locked.jsonl", "locked-dir"):
        (perm / name).chmod(0)
    # Root reads them anyway (then they must be read correctly); anyone else gets a clear error.
    for name, tag, message in (("locked.txt", "locked", "Permission denied"),
                               ("locked.jsonl", "locked-jsonl", "Permission denied"),
                               ("locked-dir", "locked-inside", "cannot read folder")):
        if os.access(perm / name, os.R_OK):
            expectations.append(Expectation(f"perm/{name}", "unreadable files", [tag], []))
        else:
            expectations.append(Expectation(f"perm/{name}", "unreadable files", [], [(None, message)]))
    # A FIFO with a readable suffix: opening it would block forever.
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "perm" / "pipe.txt")
        expectations.append(Expectation("perm/pipe.txt", "unreadable files", [], [(None, "not a regular file")]))
    return expectations


def url_expectations(base: str, www: str | os.PathLike[str]) -> list[Expectation]:
    """Hostile URLs against the `http_server` fixture (files are written into `www`)."""
    www = Path(www)
    (www / "good.html").write_text(html_page("url-good"), encoding="utf-8")
    (www / "good.txt").write_text(article_text("url-txt"), encoding="utf-8")
    (www / "page-1258.html").write_bytes(encode_cp1258(html_page("url-1258", meta_charset="windows-1258")))
    (www / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    (www / "data.bin").write_bytes(bytes(range(256)))
    (www / "script.html").write_text(html_page("url-xss", before="<script>alert('ĐỘC_HẠI')</script>"
                                                                 "<iframe src='https://evil.example'></iframe>"),
                                     encoding="utf-8")
    cases = [
        ("good.html", ["url-good"], []),
        ("good.txt", ["url-txt"], []),
        ("page-1258.html", ["url-1258"], []),
        ("script.html", ["url-xss"], []),
        ("slow", [], [(None, "timed out")]),
        ("trickle", [], [(None, "timed out")]),
        ("endless", [], [(None, "")]),
        ("redirect-loop", [], [(None, "redirect")]),
        ("redirect-forever/0", [], [(None, "redirect")]),
        ("redirect-file", [], [(None, "non-http")]),
        ("missing.html", [], [(None, "404")]),
        ("status/500", [], [(None, "500")]),
        ("status/503", [], [(None, "503")]),
        ("status/418", [], [(None, "418")]),
        ("binary", [], [(None, "Content-Type")]),
        ("png", [], [(None, "Content-Type")]),
        ("image.png", [], [(None, "Content-Type")]),
        ("data.bin", [], [(None, "Content-Type")]),
        ("huge", [], [(None, "larger than")]),
        ("garbage", [], [(None, "cannot fetch")]),
        ("bad-chunked", [], [(None, "cannot fetch")]),
        ("empty", [], [(None, "empty")]),
    ]
    result = [Expectation(f"{base}/{path}", "URLs", articles, errors, in_directory=False)
              for path, articles, errors in cases]
    port = base.rsplit(":", 1)[1]
    for url, message in (("http://127.0.0.1:9/closed-port", "cannot fetch"),
                         ("http://", "cannot fetch"),
                         ("http://[::1", "cannot fetch"),
                         ("http://127.0.0.1:99999/", "cannot fetch"),
                         (f"http://127.0.0.1:{port}/../../etc/passwd", "404"),
                         ("https://127.0.0.1:" + port + "/good.html", "cannot fetch")):
        result.append(Expectation(url, "URLs", [], [(None, message)], in_directory=False))
    return result


def write_huge_jsonl(path: str | os.PathLike[str], size: int = HUGE_BYTES) -> int:
    """A JSON Lines file of about `size` bytes of good ~20 KB records; returns the record count.
    Record n has id "huge-n" and its text ends with "Mã kiểm tra huge-n."."""
    count = 0
    written = 0
    paragraph = body("x").rsplit("Mã kiểm tra", 1)[0]
    with open(path, "w", encoding="utf-8") as handle:
        while written < size:
            text = "\n\n".join([paragraph] * 40) + f"\n\nMã kiểm tra huge-{count}."
            line = json.dumps({"id": f"huge-{count}", "title": f"Bài {count}", "text": text}, ensure_ascii=False) + "\n"
            handle.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count


def write_big_html(path: str | os.PathLike[str], size: int) -> None:
    """An HTML page of about `size` bytes of article paragraphs (the largest page a reader takes)."""
    paragraph = "".join(f"<p>{body(f'big-{n}')}</p>" for n in range(10))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f"<!DOCTYPE html><html><head><title>{title('big')}</title></head><body><article>")
        written = 200
        while written < size - len(paragraph.encode()) - 40:
            handle.write(paragraph)
            written += len(paragraph.encode())
        handle.write("</article></body></html>")


def restore_permissions(folder: str | os.PathLike[str]) -> None:
    """Make everything in `folder` deletable again (the corpus holds chmod 000 entries)."""
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            if not os.path.islink(path):
                os.chmod(path, stat.S_IRWXU)
    for entry in Path(folder).rglob("*"):
        if entry.is_dir() and not entry.is_symlink():
            entry.chmod(stat.S_IRWXU)


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        sys.exit(2)
    out = Path(sys.argv[1])
    found = write_hostile_corpus(out, large=True)
    if "--huge" in sys.argv[2:]:
        print(f"{write_huge_jsonl(out / 'large' / 'hundred-mb.jsonl')} records in large/hundred-mb.jsonl")
    categories: dict[str, int] = {}
    for item in found:
        categories[item.category] = categories.get(item.category, 0) + 1
    print(f"{len(found)} hostile inputs in {out}")
    for name, count in categories.items():
        print(f"  {count:4d}  {name}")
