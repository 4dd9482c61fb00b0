"""Pact mentions: every mention of a pact kind in an article ("giao ước thi đua", "quy chế phối
hợp" …) with its year, date and period, grouped by (kind, year) into the article's pacts.

1. Every mention gets a year: "năm 2021" right after it, a date or "năm YYYY" later in its clause
   ("ký kết ngày 15/3/2022", "được ký năm 2018"), else a date or year in its sentence.
2. Mentions are grouped by (kind, year); a mention without a year joins the article's main pact
   of that kind. A group is kept when one of its sentences says it was signed ("ký", "ký kết"),
   or when it is a giao ước thi đua.
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
_SIGN = WordSet("ký")
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
        signed = any(toks[k] in _SIGN for k in range(si, min(sj, n)))
        m = PactMention(i, j, kind, t.start, toks[j - 1].end, sent, signed, surface_end=toks[j - 1].end)
        _date_and_year(doc, m, skip)
        out.append(m)
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
