"""Pact mentions: every mention of a pact kind in an article ("giao ước thi đua", "quy chế phối
hợp" …) with its year, date and period, grouped by (kind, year) into the article's pacts.

1. Every mention gets a year: "năm 2021" right after it, a date or "năm YYYY" later in its clause
   ("ký kết ngày 15/3/2022", "được ký năm 2018"), else a date or year in its sentence.
2. Mentions are grouped by (kind, year); a mention without a year joins the article's main pact
   of that kind. A group is kept when one of its sentences says it was signed ("ký", "ký kết"),
   or when it is a giao ước thi đua. "ký" is the verb, not a part of another word ("đăng ký",
   "thư ký", "ký hiệu"), and a signing still to come ("sẽ ký", "dự kiến ký") is no signing.
3. Documents of any other name (a commitment, a treaty, "văn kiện") are pacts only where the
   sentence reports signing that very document: "ký (kết) [bản] cam kết …", "… văn kiện … đã được
   ký kết" — not the activity ("đàm phán, ký kết các hiệp định …"). Contracts ("hợp đồng": loans,
   sales, services) are not pacts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import DASHES, Doc, Lexicon, Tok, WordSet, find_dates, years_in

KINDS = Lexicon([(w, k) for w, k in (
    ("giao ước thi đua", "giao ước thi đua"), ("giao ước", "giao ước thi đua"),
    ("quy chế phối hợp", "quy chế phối hợp"), ("quy chế phối hợp liên ngành", "quy chế phối hợp"),
    ("quy chế liên tịch", "quy chế phối hợp"),
    ("chương trình phối hợp", "chương trình phối hợp"), ("chương trình hợp tác", "chương trình hợp tác"),
    ("biên bản ghi nhớ", "biên bản ghi nhớ"), ("bản ghi nhớ", "biên bản ghi nhớ"),
    ("biên bản ghi nhớ hợp tác", "biên bản ghi nhớ"),
    ("thỏa thuận hợp tác", "thỏa thuận hợp tác"), ("thỏa thuận phối hợp", "thỏa thuận hợp tác"),
    ("kế hoạch phối hợp", "kế hoạch phối hợp"), ("nghị quyết liên tịch", "nghị quyết liên tịch"),
)])
# documents that are pacts only as the object of a signing ("ký kết hợp đồng", "hiệp định … được ký")
SIGNED_DOCUMENTS = Lexicon([(w, k) for w, k in (
    ("cam kết", "cam kết"), ("bản cam kết", "cam kết"), ("hiệp định", "hiệp định"),
    ("hiệp ước", "hiệp ước"), ("công ước", "công ước"), ("điều ước", "điều ước"), ("nghị định thư", "nghị định thư"),
    ("văn kiện", "văn kiện"), ("thỏa thuận", "thỏa thuận"), ("văn bản thỏa thuận", "thỏa thuận"),
    ("thư ý định", "thư ý định"),
)])
_SIGN = WordSet("ký kí")
# "đăng ký", "thư ký", "nhật ký", "chữ ký"; in text without tone marks "nhiệm kỳ", "định kỳ", "học kỳ", "thời kỳ"
_NOT_SIGN_BEFORE = WordSet("đăng thư nhật chữ bút nhiệm định học thời trường")
# "ký hiệu", "ký túc xá", "ký sinh", "ký ức", "ký giả", "ký quỹ", "ký gửi", "ký sự", "ký họa"; tone-free "kỳ họp",
# "kỷ niệm", "kỷ luật", "kỷ lục", "kỹ thuật", "kỹ năng", "kỳ vọng", "kỳ thi"
_NOT_SIGN_AFTER = WordSet("hiệu túc sinh ức giả quỹ gửi sự họa họp niệm luật lục thuật năng vọng thi cương")
_PLANNED = WordSet("sẽ sắp chưa sớm cần")
_PLANNED_PAIRS = (("dự", "kiến"), ("chuẩn", "bị"), ("tiến", "tới"), ("dự", "định"), ("hướng", "tới"),
                  ("đề", "nghị"), ("mong", "muốn"), ("kêu", "gọi"))
# a pledge ("ký cam kết không …") or an agreement counted in passing is no pact unless its parties are named
NEEDS_PARTIES = frozenset({"cam kết", "thỏa thuận", "thư ý định"})
_ACTIVITY = WordSet("đàm hoạt")                # "đàm phán, ký kết …", "hoạt động … ký kết …"
_DOC_DETERMINERS = WordSet("bản các một số những hai ba nhiều kết tiếp lại văn")


def signing_verb(toks: list[Tok], k: int) -> bool:
    """Whether token k is the verb "ký" of a signing (not "đăng ký", "ký hiệu" …)."""
    if toks[k] not in _SIGN:
        return False
    if k > 0 and toks[k - 1] in _NOT_SIGN_BEFORE:
        return False
    return not (k + 1 < len(toks) and toks[k + 1] in _NOT_SIGN_AFTER)


def planned(toks: list[Tok], k: int) -> bool:
    """Whether the signing at token k is still to come ("sẽ ký", "dự kiến tiến hành ký kết")."""
    a = k
    while a > 0 and k - a < 5 and toks[a - 1].kind == "w":
        a -= 1
        if toks[a].cap:
            continue  # "Cần Thơ"
        if toks[a] in _PLANNED or any(toks[a].is_(x) and toks[a + 1].is_(y) for x, y in _PLANNED_PAIRS):
            return True
    return False


def signed_in(toks: list[Tok], a: int, b: int) -> bool:
    """Whether tokens [a, b) report a signing that took place."""
    return any(signing_verb(toks, k) and not planned(toks, k) for k in range(a, b))


def _activity(toks: list[Tok], k: int) -> bool:
    """Whether the signing at token k is named as an activity ("đàm phán, ký kết", "hoạt động … và ký kết")."""
    return any(t in _ACTIVITY for t in toks[max(0, k - 6):k])


def _signed_document(toks: list[Tok], i: int, j: int, clause_end: int) -> bool:
    """Whether the document at tokens [i, j) is what the sentence signs: right after the verb
    ("ký kết bản cam kết", "ký các văn kiện") or the subject of "… (đã) được ký (kết)"."""
    k = i - 1
    while k >= 0 and i - k <= 3 and toks[k] in _DOC_DETERMINERS and not signing_verb(toks, k):
        k -= 1
    if k >= 0 and signing_verb(toks, k) and not planned(toks, k):
        return not _activity(toks, k)
    for k in range(j, min(clause_end, j + 10, len(toks) - 1)):
        if toks[k].kind == "p" and toks[k].text not in "&-–":
            return False
        if toks[k].is_("được") and signing_verb(toks, k + 1) and not planned(toks, k):
            return all(t.kind == "w" for t in toks[j:k])
    return False
_YEAR = re.compile(r"(?:19|20)\d\d$")


@dataclass
class PactMention:
    """One mention of a pact kind (tokens [i, j)), with the year, date and period found for it."""

    i: int
    j: int
    kind: str
    start: int
    end: int
    sent: tuple[int, int]
    signed: bool
    year: int | None = None
    date: str | None = None
    date_rank: int = 9
    period: str | None = None
    surface_end: int = 0


@dataclass
class PactGroup:
    """The mentions of one pact: same kind, same year."""

    kind: str
    year: int | None
    mentions: list[PactMention] = field(default_factory=list)


def _year_tok(t: Tok) -> int | None:
    return int(t.text) if t.kind == "n" and _YEAR.match(t.text) else None


def find_mentions(doc: Doc, skip: list[tuple[int, int]]) -> list[PactMention]:
    toks = doc.toks
    out: list[PactMention] = []
    n = len(toks)
    for i, j, kind in KINDS.matches(toks):
        t = toks[i]
        sent = doc.sentence_of(t.start)
        si, sj = doc.tok_at(sent[0]), doc.tok_at(sent[1])
        signed = signed_in(toks, si, min(sj, n))
        m = PactMention(i, j, kind, t.start, toks[j - 1].end, sent, signed, surface_end=toks[j - 1].end)
        _date_and_year(doc, m, skip)
        out.append(m)
    taken = [(m.i, m.j) for m in out]
    for i, j, kind in SIGNED_DOCUMENTS.matches(toks):
        if any(a < j and i < b for a, b in taken):
            continue
        _, clause_end = doc.clause_bounds(i)
        if not _signed_document(toks, i, j, clause_end):
            continue
        t = toks[i]
        m = PactMention(i, j, kind, t.start, toks[j - 1].end, doc.sentence_of(t.start), True,
                        surface_end=toks[j - 1].end)
        _date_and_year(doc, m, skip)
        out.append(m)
    out.sort(key=lambda m: m.start)
    return out


def _date_and_year(doc: Doc, m: PactMention, skip: list[tuple[int, int]]) -> None:
    """Year, date and period of one mention; dates inside document references ("Chỉ thị …
    ngày 07/4/2014") are not the pact's."""
    toks = doc.toks
    n = len(toks)
    j = m.j
    # "giao ước thi đua năm 2021", "Theo giao ước, năm 2020 …"
    if j + 1 < n and toks[j].is_("năm") and _year_tok(toks[j + 1]):
        m.year = _year_tok(toks[j + 1])
        m.surface_end = toks[j + 1].end
    elif j + 2 < n and toks[j].text == "," and toks[j + 1].is_("năm") and _year_tok(toks[j + 2]):
        m.year = _year_tok(toks[j + 2])
    a, b = doc.clause_bounds(m.i)
    b = min(b, m.j + 10)
    clause_end = toks[b - 1].end if b > 0 else m.end

    def free(d) -> bool:
        return not any(s <= d.start < e for s, e in skip)

    # "giai đoạn 2019–2023" in the clause after the mention
    for k in range(j, min(b, n) - 3):
        if toks[k].is_("giai") and toks[k + 1].is_("đoạn") and _year_tok(toks[k + 2]):
            y1 = _year_tok(toks[k + 2])
            if k + 4 < n and toks[k + 3].text in DASHES and _year_tok(toks[k + 4]):
                m.period = f"{y1}–{_year_tok(toks[k + 4])}"
            break
    dates_after = [d for d in find_dates(doc.folded, m.end, clause_end) if d.day and free(d)]
    sent_dates = [d for d in find_dates(doc.folded, m.sent[0], m.sent[1]) if d.day and free(d)]
    if m.year is None and dates_after and dates_after[0].year:
        m.year = dates_after[0].year
    if m.year is None:
        ys = [y for y in years_in(doc.folded, m.end, clause_end) if not any(s <= y[0] < e for s, e in skip)]
        if ys:
            m.year = ys[0][1]
    default_year = m.year or doc.year
    for rank, ds in ((0, dates_after), (1, sent_dates)):
        for d in ds:
            iso = d.iso(default_year if d.year is None else None)
            if iso is None:
                continue
            y = int(iso[:4])
            if m.year is not None and abs(y - m.year) > 1:
                continue
            m.date, m.date_rank = iso, rank
            break
        if m.date:
            break
    if m.year is None and m.date:
        m.year = int(m.date[:4])
    if m.year is None:
        ys = [y for y in years_in(doc.folded, m.sent[0], m.sent[1]) if not any(s <= y[0] < e for s, e in skip)]
        if ys:
            m.year = min(ys, key=lambda y: abs(y[0] - m.start))[1]
    if m.year is None and m.period:
        m.year = int(m.period[:4])


def group_mentions(mentions: list[PactMention], doc: Doc) -> list[PactGroup]:
    groups: dict[tuple[str, int | None], PactGroup] = {}
    loose: list[PactMention] = []
    for m in mentions:
        if m.year is None:
            loose.append(m)
            continue
        groups.setdefault((m.kind, m.year), PactGroup(m.kind, m.year)).mentions.append(m)
    for m in loose:
        same = [g for g in groups.values() if g.kind == m.kind]
        if same:
            main = min(same, key=lambda g: (not any(x.signed for x in g.mentions), g.mentions[0].start))
            main.mentions.append(m)
        else:
            groups.setdefault((m.kind, None), PactGroup(m.kind, None)).mentions.append(m)
    out = []
    for g in groups.values():
        g.mentions.sort(key=lambda x: x.start)
        if g.kind != "giao ước thi đua" and not any(x.signed for x in g.mentions):
            continue
        out.append(g)
    out.sort(key=lambda g: g.mentions[0].start)
    return out
