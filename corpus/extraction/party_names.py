"""Parties of a signing sentence read as names, for `pacts`: organisations the gazetteer knows and
any capitalised name listed with them (a company "Viettel", a country "Hàn Quốc", "tỉnh Phúc Kiến"),
before the verb ("gồm Viettel, MobiFone và GTel ký cam kết …") and after "giữa" or "với"; a sentence
without a subject ("Ngoài ra đã ký kết …") goes on with the organisation opening the sentence before,
and "hai nước" is Việt Nam and the foreign country the article names most. Never a person ("ông
Nguyễn Văn A"), a name cut at a lower-case word ("Cơ" of "Cơ quan Phát triển …") or a head the
gazetteer could not read ("Bộ Tư" of "Bộ Tư lệnh …").
"""
from __future__ import annotations

from . import organisations as orgs
from .gazetteer import COUNTRIES
from .names import is_surname
from .org_parser import head_at
from .pact_mentions import PactMention, signing_verb
from .text import Doc, Tok, WordSet, canon

# words between a signing's subject and its verb ("A và B tổ chức ký kết …")
SUBJECT_GAP = WordSet("tổ chức hội nghị lễ ký kết đã cùng thống nhất chính thức vừa buổi long trọng trọng thể")
_NAME_JOIN = frozenset("&-–")
_LIST_SEP = WordSet("và cùng")
_BETWEEN_SEP = WordSet("và cùng với")
_NOT_NAME_START = WordSet("ngày tháng năm lễ buổi tại sau trước trong theo")
_PLACE_NOUN = WordSet("tỉnh thành phố huyện quận nước")
# words that may follow a one-word name in a signing sentence ("GTel đã ký", "với Lào về …")
_NAME_FOLLOWERS = WordSet("và cùng với về để tại là đã vừa cũng đều thống nhất chính thức trong nhằm ngày")


def _name_item_forward(toks: list[Tok], k: int, org_at: dict[int, orgs.OrgMention]) -> tuple[str, int] | None:
    """The party named from token k: (name, index after it) — an organisation mention, else a run
    of capitalised words ("New Zealand", "PCCC&CNCH", "tỉnh Phúc Kiến") that is neither an
    organisation the gazetteer could not read nor a person's name."""
    if k in org_at:
        o = org_at[k]
        return o.canonical, o.j
    n = len(toks)
    e = k
    while e < n and e - k < 2 and toks[e] in _PLACE_NOUN and not toks[e].cap:
        e += 1  # "giữa tỉnh Quảng Ninh và tỉnh Phúc Kiến"
    if e > k and not (e < n and toks[e].cap):
        return None
    while e < n and toks[e].kind == "w" and toks[e].cap:
        e += 1
        if e + 1 < n and toks[e].text in _NAME_JOIN and toks[e + 1].cap and toks[e].start == toks[e - 1].end:
            e += 1
    return _name_item(toks, k, e)


def _name_item(toks: list[Tok], a: int, e: int) -> tuple[str, int] | None:
    if e <= a or toks[e - 1].kind != "w" or toks[a] in _NOT_NAME_START:
        return None
    first = a
    while a < e and not toks[a].cap:
        a += 1  # a place noun before the name
    if a == e or head_at(toks, a) is not None:
        return None  # "Bộ Tư" of "Bộ Tư lệnh …": an organisation the gazetteer could not read
    if e - a == 1 and e < len(toks) and toks[e].kind == "w" and not toks[e].cap \
            and toks[e] not in _NAME_FOLLOWERS and not signing_verb(toks, e):
        return None  # "Cơ" of "Cơ quan Phát triển …": the name goes on in lower case
    if e - a >= 3 and is_surname(toks[a]):
        return None  # a person ("Nguyễn Văn An") signs for a party, is none
    if a > 0 and toks[a - 1].is_("ông", "bà", "đồng", "chí", "anh", "chị", "ngài"):
        return None
    written = "".join((" " if x > first and toks[x].start > toks[x - 1].end else "") + toks[x].text
                      for x in range(first, e))
    return canon(written), e


def _names_forward(toks: list[Tok], k: int, end: int, org_at: dict[int, orgs.OrgMention],
                   between: bool = False) -> list[str]:
    """The names listed from token k ("Hàn Quốc, Mỹ, New Zealand", "X và Y"); after "giữa"
    (`between`) "với" joins them too ("giữa A với B và C")."""
    out: list[str] = []
    seps = _BETWEEN_SEP if between else _LIST_SEP
    while k < end and len(out) < 12:
        item = _name_item_forward(toks, k, org_at)
        if item is None:
            break
        out.append(item[0])
        k = item[1]
        if k < end and (toks[k].text == "," or toks[k] in seps):
            k += 1
            if k < end and toks[k] in seps:
                k += 1
            continue
        break
    return out


def _names_backward(toks: list[Tok], e: int, start: int, org_end: dict[int, orgs.OrgMention]) -> list[str]:
    """The names listed right before token e ("Viettel, VinaPhone, MobiFone và GTel" ký …)."""
    out: list[str] = []
    while e > start and len(out) < 12:
        if e in org_end:
            o = org_end[e]
            out.insert(0, o.canonical)
            e = o.i
        else:
            a = e
            while a > start and toks[a - 1].kind == "w" and toks[a - 1].cap:
                a -= 1
            item = _name_item(toks, a, e) if a > start or toks[a].cap else None
            if item is None:
                break
            out.insert(0, item[0])
            e = a
        if e > start and (toks[e - 1].text == "," or toks[e - 1] in _LIST_SEP):
            e -= 1
            continue
        break
    return out


BETWEEN_REACH = 40  # tokens after a pact's name within which its "giữa …" may stand
_CLAUSE_END = frozenset(";:")


def between_at(toks: list[Tok], k: int, end: int) -> int | None:
    """The token "giữa" that introduces the parties of the pact named just before token k, when
    only the pact's own name, topic and period stand between ("Chương trình phối hợp về chăm lo …,
    giai đoạn 2023 - 2027 giữa A và B"): not past a clause's end, another signing verb or
    `BETWEEN_REACH` tokens. None when there is none."""
    x = k
    while x < end and x - k < BETWEEN_REACH:
        t = toks[x]
        if t.text in _CLAUSE_END or signing_verb(toks, x):
            return None
        if t.is_("giữa"):
            return x
        x += 1
    return None


_CONNECTIVES = WordSet("ngoài ra bên cạnh đó đồng thời cũng đã vừa còn tiếp theo sau mặt khác")


def _previous_subject(doc: Doc, si: int, org_mentions: list[orgs.OrgMention]) -> list[str]:
    """The organisation that opens the sentence before token si: the subject a sentence without
    one ("Ngoài ra đã ký kết …") goes on with."""
    if si == 0:
        return []
    toks = doc.toks
    prev = doc.sentence_of(toks[si - 1].start)
    k = doc.tok_at(prev[0])
    while k < si and (toks[k] in _CONNECTIVES or toks[k].text == ","):
        k += 1
    return [o.canonical for o in org_mentions if o.i == k and not o.is_bloc][:1]


def _two_countries(doc: Doc) -> list[str]:
    """"Hai nước" of a Vietnamese article: Việt Nam and the foreign country it names most."""
    counts: dict[str, int] = {}
    for _i, _j, country in COUNTRIES.matches(doc.toks):
        counts[country] = counts.get(country, 0) + 1
    if not counts or "Việt Nam" not in doc.text:
        return []
    return ["Việt Nam", max(counts, key=lambda c: (counts[c], -len(c)))]


def named_parties(doc: Doc, m: PactMention, org_mentions: list[orgs.OrgMention]) -> tuple[list[str], list[str]]:
    """Parties of a signing sentence read as names: (the list right before its verb, "… gồm
    Viettel, MobiFone và GTel ký cam kết"; the list after "giữa", or the other side after "với")."""
    toks = doc.toks
    si, sj = doc.tok_at(m.sent[0]), min(doc.tok_at(m.sent[1]), len(toks))
    units = [o for o in org_mentions if m.sent[0] <= o.start < m.sent[1] and not o.is_bloc]
    org_at = {o.i: o for o in units}
    org_end = {o.j: o for o in units}
    verbs = [k for k in range(si, m.i) if signing_verb(toks, k)]
    subject: list[str] = []
    if verbs:
        k = verbs[-1]
        while k > si and toks[k - 1] in SUBJECT_GAP:
            k -= 1
        subject = _names_backward(toks, k, si, org_end)
        if not subject and all(t in _CONNECTIVES or t.text == "," for t in toks[si:k]):
            subject = _previous_subject(doc, si, org_mentions)
    if not subject and not (verbs and _names_backward(toks, verbs[-1], si, org_end)):
        opening = [t for t in toks[si:min(si + 4, sj)] if t.kind == "w"]
        if any(a.is_("hai") and b.is_("nước") for a, b in zip(opening, opening[1:])):
            subject = _two_countries(doc)
    other: list[str] = []
    k = m.j
    while k < sj and k < m.j + 10 and toks[k].kind == "w" and not toks[k].is_("với", "giữa"):
        k += 1
    between = between_at(toks, m.j, sj)
    if k < sj and toks[k].is_("giữa", "với") and (between is None or k <= between):
        other = _names_forward(toks, k + 1, sj, org_at, between=toks[k].is_("giữa"))
    elif between is not None:  # "giữa" after the pact's topic and period
        other = _names_forward(toks, between + 1, sj, org_at, between=True)
    if len(subject) + len(other) < 2 and not other:
        return [], []
    return subject, other
