"""Themes: quoted slogans ("chủ đề hành động"), named campaigns and models ("phong trào thi đua
“…”", "cuộc vận động “…”", "mô hình “…”"), and documents with their numbers, dates and issuers
("Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị", "Luật Thi đua, khen thưởng năm 2022",
"Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX").

Quoted text counts only when a trigger introduces it: quoted speech, titles ("danh hiệu “Gia
đình văn hóa”") and funds ("Quỹ “Vì người nghèo”") are not themes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import organisations as orgs
from .provinces import Province
from .records import Theme
from .text import CLOSE_QUOTES, DASHES, Doc, Lexicon, Tok, WordSet, canon, find_dates, key

SLOGAN_TRIGGERS = Lexicon([(w, w) for w in (
    "chủ đề", "chủ đề hành động", "chủ đề năm", "khẩu hiệu", "phương châm", "chủ đề thi đua",
)])
CAMPAIGN_TRIGGERS = Lexicon([(w, k) for w, k in (
    ("phong trào", "campaign"), ("phong trào thi đua", "campaign"), ("cuộc vận động", "campaign"),
    ("vận động", "campaign"), ("chương trình", "campaign"), ("chiến dịch", "campaign"),
    ("đợt thi đua", "campaign"), ("phong trào thi đua chuyên đề", "campaign"),
    ("mô hình", "model"), ("điển hình", "model"), ("mô hình điểm", "model"),
)])
DOC_KIND_NAMES = (
    ("Chỉ thị", "directive"), ("Chỉ thị liên tịch", "directive"), ("Nghị quyết", "resolution"),
    ("Nghị quyết liên tịch", "resolution"), ("Quyết định", "decision"), ("Nghị định", "decree"),
    ("Thông tư", "circular"), ("Thông tư liên tịch", "circular"), ("Kết luận", "conclusion"),
    ("Kế hoạch", "plan"), ("Hướng dẫn", "guideline"), ("Quy định", "regulation"),
    ("Công văn", "official_letter"), ("Thông báo", "notice"), ("Công điện", "dispatch"),
)
DOC_KINDS = Lexicon(DOC_KIND_NAMES)
LAW_KIND_NAMES = (("Luật", "law"), ("Bộ luật", "law"), ("Hiến pháp", "law"), ("Pháp lệnh", "law"))
LAW_KINDS = Lexicon(LAW_KIND_NAMES)
ISSUER_TITLES = Lexicon([(w, w) for w in (
    "Thủ tướng Chính phủ", "Thủ tướng", "Chủ tịch nước", "Chủ tịch UBND tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh",
    "Chủ tịch UBND thành phố", "Chủ tịch Ủy ban nhân dân thành phố", "Bộ trưởng", "Thống đốc",
    "Tổng Thanh tra Chính phủ", "Chánh án Tòa án nhân dân tối cao", "Viện trưởng Viện Kiểm sát nhân dân tối cao",
)])
_NUMBER = re.compile(r"\d{1,5}(?:[/.]\d{4})?(?:[/-][0-9A-Za-zĐđ&]+)*")
_ROMAN = re.compile(r"^[IVXLC]+$")
_NOT_AFTER_NUMBER = WordSet("năm tháng ngày người lần đơn vị vụ cơ quan tỷ triệu nghìn xã huyện")
_STOP_THEME = WordSet("về để nhằm nhưng")


@dataclass
class _Quote:
    start: int  # inner start
    end: int    # inner end
    open_tok: int
    close_tok: int


def find_quotes(doc: Doc) -> list[_Quote]:
    """Quoted spans: “…”, «…», and straight "…" paired within a paragraph."""
    toks = doc.toks
    out: list[_Quote] = []
    i, n = 0, len(toks)
    pending_straight: int | None = None
    para_end = -1
    while i < n:
        t = toks[i]
        if t.start >= para_end:
            para_end = doc.paragraph_of(t.start)[1]
            pending_straight = None
        if t.text in ("“", "«"):
            close = "”" if t.text == "“" else "»"
            j = i + 1
            while j < n and toks[j].text != close and toks[j].start < para_end and toks[j].text != t.text:
                j += 1
            if j < n and toks[j].text == close:
                out.append(_Quote(t.end, toks[j].start, i, j))
                i = j + 1
                continue
        elif t.text == '"':
            if pending_straight is None:
                pending_straight = i
            else:
                o = pending_straight
                out.append(_Quote(toks[o].end, t.start, o, i))
                pending_straight = None
        i += 1
    return [q for q in out if 2 <= q.end - q.start <= 300 and "\n" not in doc.text[q.start:q.end]]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace()):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".,;:…"):
        e -= 1
    return s, e


def _trigger_before(toks: list[Tok], q: _Quote, lex: Lexicon, max_gap: int, sent_start: int) -> tuple[str, int] | None:
    """A trigger phrase ending at most `max_gap` tokens before the opening quote, in the sentence."""
    for gap in range(0, max_gap + 1):
        end = q.open_tok - gap  # exclusive end of the trigger
        if end <= 0:
            break
        if toks[end - 1].start < sent_start:
            break
        if toks[end - 1].text in CLOSE_QUOTES or toks[end - 1].text in "“«\"":
            break
        for length in (4, 3, 2, 1):
            s = end - length
            if s < 0 or toks[s].start < sent_start:
                continue
            hit = lex.match(toks, s, limit=end)
            if hit and hit[0] == end:
                return hit[1], s
    return None


def extract_quoted(doc: Doc) -> list[Theme]:
    toks = doc.toks
    out: list[Theme] = []
    prev_campaign: tuple[_Quote, str, str] | None = None
    for q in find_quotes(doc):
        s, e = _trim(doc.text, q.start, q.end)
        if e - s < 2:
            continue
        sent_s, _ = doc.sentence_of(toks[q.open_tok].start)
        kind = trigger = None
        hit = _trigger_before(toks, q, SLOGAN_TRIGGERS, 10, sent_s)
        if hit:
            kind, trigger = "slogan", hit[0]
        else:
            after = q.close_tok + 1
            if after + 2 < len(toks) and toks[after].is_("là", "được"):
                h2 = SLOGAN_TRIGGERS.match(toks, after + 1) or (
                    SLOGAN_TRIGGERS.match(toks, after + 2) if toks[after + 1].is_("chọn", "lấy") else None
                )
                if h2:
                    kind, trigger = "slogan", h2[1]
        if kind is None:
            hit = _trigger_before(toks, q, CAMPAIGN_TRIGGERS, 2, sent_s)
            if hit:
                trig_start = hit[1]
                kind = CAMPAIGN_TRIGGERS.match(toks, trig_start)[1]
                trigger = canon(doc.text[toks[trig_start].start:toks[q.open_tok - 1].end]).lower()
            elif prev_campaign is not None:
                pq, pkind, ptrig = prev_campaign
                between = [t for t in toks[pq.close_tok + 1:q.open_tok]]
                if between and all(t.text in (",", ";") or t.is_("và", "cùng") for t in between) and len(between) <= 2:
                    kind, trigger = pkind, ptrig
        if kind is None:
            prev_campaign = None
            continue
        text = doc.text[s:e]
        out.append(Theme(kind=kind, text=text, key=key(text), article_id=doc.article_id, start=s, end=e,
                         surface=text, trigger=trigger))
        prev_campaign = (q, kind, trigger) if kind in ("campaign", "model") else None
    return out


def _date_after(doc: Doc, j: int) -> tuple[int, str | None] | None:
    """A date starting at token j (optionally after "ngày"): (token index after it, ISO)."""
    toks = doc.toks
    k = j
    has_ngay = k < len(toks) and toks[k].is_("ngày")
    if has_ngay:
        k += 1
    if k >= len(toks) or toks[k].kind != "n":
        return None
    start = toks[k].start
    scan_from = toks[j].start if has_ngay else start  # "ngày 05 tháng 7 năm 1994" starts at "ngày"
    for d in find_dates(doc.folded, scan_from, min(len(doc.text), start + 40)):
        if d.start in (start, scan_from) and d.year:
            end_tok = doc.tok_at(d.end)
            return end_tok, d.iso()
    return None


def _issuer_after(doc: Doc, j: int, province: Province | None) -> tuple[int, str] | None:
    toks = doc.toks
    if j + 1 >= len(toks) or not toks[j].is_("của"):
        return None
    k = j + 1
    title = ISSUER_TITLES.match(toks, k)
    if title and toks[k].cap:
        end = title[0]
        m = orgs.parse_org(toks, end) if end < len(toks) else None
        if m is not None and m.start == toks[end].start:
            end = m.j
        return end, canon(doc.text[toks[k].start:toks[end - 1].end])
    m = orgs.parse_org(toks, k)
    if m is None or m.is_bloc:
        return None
    name, _ = orgs.canonical_name(m, province)
    return m.j, name


def extract_documents(doc: Doc, province: Province | None) -> list[Theme]:
    toks = doc.toks
    out: list[Theme] = []
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if t.kind != "w":
            i += 1
            continue
        hit = DOC_KINDS.match(toks, i)
        if hit:
            th = _document_at(doc, i, hit, province)
            if th is not None:
                out.append(th[0])
                i = th[1]
                continue
        law = LAW_KINDS.match(toks, i) if t.cap else None
        if law:
            th = _law_at(doc, i, law[0])
            if th is not None:
                out.append(th[0])
                i = th[1]
                continue
        if t.cap and t.is_("Đại") and i + 1 < n and toks[i + 1].is_("hội"):
            th = _congress_at(doc, i)
            if th is not None:
                out.append(th[0])
                i = th[1]
                continue
        if t.cap and t.is_("Chương") and i + 4 < n:
            th = _programme_at(doc, i)
            if th is not None:
                out.append(th[0])
                i = th[1]
                continue
        i += 1
    return out


def _document_at(doc: Doc, i: int, hit, province: Province | None):
    toks = doc.toks
    n = len(toks)
    j, kind = hit
    cap = toks[i].cap
    issuer = None
    # "Nghị quyết HĐND tỉnh Lạc Sơn số 42"
    if j < n and not toks[j].is_("số") and toks[j].kind == "w" and toks[j].cap:
        m = orgs.parse_org(toks, j)
        if m is not None and m.j < n and toks[m.j].is_("số"):
            issuer = orgs.canonical_name(m, province)[0]
            j = m.j
    has_so = j < n and toks[j].is_("số")
    if has_so:
        j += 1
    if j >= n or toks[j].kind != "n":
        return None
    mnum = _NUMBER.match(doc.text, toks[j].start)
    if mnum is None:
        return None
    number = mnum.group()
    is_code = any(c in number for c in "/-")
    if not is_code:
        if not (has_so or cap):
            return None
        nxt = doc.tok_at(mnum.end())
        if not has_so and nxt < n and toks[nxt] in _NOT_AFTER_NUMBER:
            return None
    if not cap and not has_so:
        return None
    number = number.rstrip(".-/")
    end_tok = doc.tok_at(toks[j].start + len(number))
    date = None
    d = _date_after(doc, end_tok)
    if d is not None:
        end_tok, date = d
    iss = _issuer_after(doc, end_tok, province)
    if iss is not None:
        end_tok, issuer = iss
    s, e = toks[i].start, toks[end_tok - 1].end
    surface = doc.text[s:e]
    return Theme(kind=kind, text=surface, key=key(surface), article_id=doc.article_id, start=s, end=e,
                 surface=surface, number=number, date=date, issuer=issuer), end_tok


def _law_at(doc: Doc, i: int, j: int):
    """"Luật Thi đua, khen thưởng năm 2022", "Bộ luật Tố tụng hình sự năm 2015"."""
    toks = doc.toks
    n = len(toks)
    if j >= n or toks[j].kind != "w" or not toks[j].cap:
        return None
    k = j
    while k < n and k - j < 16:
        t = toks[k]
        if t.is_("năm") and k + 1 < n and toks[k + 1].kind == "n" and re.fullmatch(r"(19|20)\d\d", toks[k + 1].text):
            s, e = toks[i].start, toks[k + 1].end
            surface = doc.text[s:e]
            year = toks[k + 1].text
            return Theme(kind="law", text=surface, key=key(surface), article_id=doc.article_id, start=s, end=e,
                         surface=surface, date=year), k + 2
        if t.kind == "p" and t.text not in (",",) and t.text not in DASHES:
            return None
        if t.kind == "n" or t in _STOP_THEME:
            return None
        k += 1
    return None


def _congress_at(doc: Doc, i: int):
    """"Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX", "Đại hội đại biểu toàn quốc lần thứ XIII của Đảng"."""
    toks = doc.toks
    n = len(toks)
    k = i + 2
    while k < n and k - i < 14:
        t = toks[k]
        if t.is_("lần") and k + 2 < n and toks[k + 1].is_("thứ") and _ROMAN.match(toks[k + 2].text):
            end = k + 3
            if end + 1 < n and toks[end].is_("của") and toks[end + 1].is_("Đảng") and toks[end + 1].cap:
                end += 2
            s, e = toks[i].start, toks[end - 1].end
            surface = doc.text[s:e]
            return Theme(kind="congress", text=surface, key=key(surface), article_id=doc.article_id,
                         start=s, end=e, surface=surface, number=toks[k + 2].text), end
        if t.kind != "w":
            return None
        k += 1
    return None


_PROGRAMME = Lexicon([("Chương trình mục tiêu quốc gia", "programme")])
_PROGRAMME_END = WordSet("giai năm đến từ tại của")


def _programme_at(doc: Doc, i: int):
    toks = doc.toks
    hit = _PROGRAMME.match(toks, i)
    if hit is None:
        return None
    n = len(toks)
    k = hit[0]
    while k < n and k - i < 40:
        t = toks[k]
        if t.kind == "w" and t not in _PROGRAMME_END:
            k += 1
            continue
        if t.kind == "p" and t.text in DASHES and k + 1 < n and toks[k + 1].kind == "w":
            k += 1
            continue
        break
    if k - hit[0] < 2:
        return None
    s, e = toks[i].start, toks[k - 1].end
    surface = doc.text[s:e]
    return Theme(kind="programme", text=surface, key=key(surface), article_id=doc.article_id,
                 start=s, end=e, surface=surface), k


_FAMILY = {"model": "campaign"}


def extract(doc: Doc, province: Province | None) -> list[Theme]:
    """All themes, one record per distinct theme (the first mention; the rest in `mentions`)."""
    items = extract_quoted(doc) + extract_documents(doc, province)
    items.sort(key=lambda t: t.start)
    merged: dict[tuple[str, str], Theme] = {}
    for th in items:
        fam = _FAMILY.get(th.kind, th.kind)
        k = (fam, th.number.lower() if th.number and "/" in th.number else th.key)
        if th.kind in ("slogan",):
            k = ("quote", th.key)
        prev = merged.get(k)
        if prev is None:
            th.mentions = [(th.start, th.end)]
            merged[k] = th
            continue
        prev.mentions.append((th.start, th.end))
        if prev.kind == "model" and th.kind == "campaign":
            prev.kind, prev.trigger = th.kind, th.trigger
        if not prev.date and th.date:
            prev.date = th.date
        if not prev.issuer and th.issuer:
            prev.issuer = th.issuer
    # "Nghị định 24" / "Nghị định 24/2014" / "Nghị định 24/2014/NĐ-CP": one decree
    docs = sorted((t for t in merged.values() if t.number and t.kind not in ("congress",)),
                  key=lambda t: -len(t.number))
    for short in list(docs):
        for full in docs:
            if full is short or full.kind != short.kind or len(full.number) <= len(short.number):
                continue
            if full.number.lower().startswith(short.number.lower()) and \
                    full.number[len(short.number)] in "/-":
                full.mentions.extend(short.mentions)
                full.mentions.sort()
                for k2, v in list(merged.items()):
                    if v is short:
                        del merged[k2]
                break
    # a quote that is a slogan somewhere is a slogan everywhere, and not also a campaign
    slogans = {t.key for t in merged.values() if t.kind == "slogan"}
    result = [t for t in merged.values() if not (t.kind in ("campaign", "model") and t.key in slogans)]
    result.sort(key=lambda t: t.start)
    return result
