"""People with their titles and organisations.

Patterns (the name is a run of 2–5 capitalised words starting with a family name):
- HONORIFIC NAME [SEP POSITION]…   "đồng chí Phùng Huy Thuận – Phó cục trưởng",
                                    "ông Lê Đức Thắng, Chánh án Tòa án nhân dân tỉnh",
                                    "Đại tá Hoàng Minh Khải – Phó Giám đốc Công an tỉnh"
- POSITION [, POSITION]… [HONORIFIC] NAME [SEP POSITION]…
                                    "Tổng Bí thư Nguyễn Phú Trọng", "Phó Thủ tướng Trương Hòa Bình
                                    - Chủ tịch Ủy ban An toàn giao thông Quốc gia"
POSITION = TITLE [ORGANISATION]; SEP is "–", "-" or ",". When the title names its organisation
only implicitly ("Phó cục trưởng"), the person is linked to the nearest organisation of that
kind earlier in the sentence ("đại diện Cục Thi hành án dân sự tỉnh có đồng chí …").
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicon import DEGREES, PERSON_NAME_STOPWORDS, TITLES_NEEDING_ORG
from . import org_parser as orgs
from .gazetteer import HONORIFICS, TITLES
from .names import is_surname
from .org_names import OrgMention
from .provinces import province_at
from .text import DASHES, Doc, Tok, WordSet, canon, key, squash

# honorifics after which a single-syllable reference ("ông Đạt") is not a person we record
_WEAK_HONORIFICS = WordSet("anh chị")
_PLACE_WORDS = WordSet("đường phố phường xã quận huyện chùa đền cầu chợ trường tượng lăng ngõ hẻm hồ sông núi tỉnh")
_NOT_NAMES = frozenset({"ho chi minh"})
_NAME_STOP = WordSet(PERSON_NAME_STOPWORDS)
_SEPARATORS = frozenset({",", "(", ":"}) | DASHES


@dataclass
class Position:
    title: str                  # core title ("Phó Giám đốc")
    heads: tuple[str, ...]      # organisation heads it implies
    start: int                  # char span of title + organisation as written
    end: int
    org: OrgMention | None = None


@dataclass
class PersonMention:
    name_i: int
    name_j: int
    start: int
    end: int
    name: str
    honorific: str | None = None
    positions: list[Position] = field(default_factory=list)
    span_start: int = 0  # whole mention (honorific … last position)
    span_end: int = 0


def _honorifics_at(toks: list[Tok], i: int) -> tuple[int, str] | None:
    """One or more honorifics/ranks/degrees at token i ("PGS.TS.", "đồng chí Đại tá")."""
    j = i
    parts: list[str] = []
    n = len(toks)
    while j < n:
        hit = HONORIFICS.match(toks, j)
        if hit is None:
            break
        k = hit[0]
        word_toks = toks[j:k]
        # degrees must be written as such ("TS." or "PGS.TS."), ranks capitalised or not
        if hit[1] in DEGREES and not word_toks[0].text[0].isupper():
            break
        if hit[1] in DEGREES:
            if k < n and toks[k].text == "." and toks[k].start == toks[k - 1].end:
                k += 1
            elif hit[1] == "CN":
                break
        parts.append(canon("".join(t.text if t.kind != "w" or idx == 0 else " " + t.text for idx, t in enumerate(toks[j:k]))))
        j = k
    if not parts:
        return None
    written = canon(_join(toks, i, j))
    return j, written


def _join(toks: list[Tok], i: int, j: int) -> str:
    out = ""
    for k in range(i, j):
        if k > i and toks[k].start > toks[k - 1].end:
            out += " "
        out += toks[k].text
    return out


def _name_at(toks: list[Tok], i: int, strong: bool) -> int:
    """End of a person's name starting at token i (i when there is none)."""
    n = len(toks)
    if i >= n or toks[i].kind != "w" or not toks[i].cap or toks[i].upper and len(toks[i].text) > 2:
        return i
    single_ok = "’" in toks[i].text or "'" in toks[i].text
    if not (is_surname(toks[i]) or single_ok or strong):
        return i
    if province_at(toks, i) and (not is_surname(toks[i]) or province_at(toks, i)[0] >= i + 2):
        return i  # "Luật sư Hà Nội" (Đoàn Luật sư Hà Nội) is a place, not a person
    j = i
    while j < n and j - i < 5:
        t = toks[j]
        if t.kind != "w" or not t.cap or (t.upper and len(t.text) > 1 and j > i):
            break
        if j > i and ((t.exact and t in _NAME_STOP) or t.start - toks[j - 1].end > 1):
            break  # "… Nguyễn Văn Thiện  Ngày 25.5": a new sentence, not the name
        if j > i and (TITLES.match(toks, j) or (orgs.head_at(toks, j) and orgs.parse_org(toks, j))):
            break
        j += 1
    if j - i == 1 and not single_ok:
        return i
    if j - i >= 5 and j < n and toks[j].kind == "w" and toks[j].cap:
        return i  # an over-long capitalised run is not a name
    return j


def _position_at(doc: Doc, j: int, allow_lower: bool) -> tuple[int, Position] | None:
    """TITLE [ORG] at token j."""
    toks = doc.toks
    n = len(toks)
    if j >= n or toks[j].kind != "w":
        return None
    if not toks[j].cap and not allow_lower:
        return None
    hit = TITLES.match(toks, j)
    if hit is None:
        return None
    k, (title, heads) = hit
    org = None
    if k < n:
        org = orgs.parse_org(toks, k)
        if org is not None and (org.is_bloc or orgs.collective_after(toks, org.j)):
            org = None
    # "Phó Trưởng ban Thi đua – Khen thưởng tỉnh", "Phó Tổng Thanh tra Chính phủ": the title's
    # last word(s) head the organisation
    for s in (k - 2, k - 1):
        if s <= j or toks[s].kind != "w" or not orgs.head_at(toks, s, allow_lower=True):
            continue
        cand = orgs.parse_org(toks, s, allow_lower=True)
        if cand is not None and cand.j > k and not cand.is_bloc and (org is None or cand.j >= org.j):
            org = cand
            break
    if org is None and title in TITLES_NEEDING_ORG:
        return None
    end = org.j if org is not None else k
    written = canon(_join(toks, j, k))
    # in a tone-free article the gazetteer spelling restores the marks ("Giam doc" → "Giám đốc")
    shown = written if all(t.exact for t in toks[j:k]) else title
    pos = Position(title=shown, heads=heads, start=toks[j].start, end=toks[end - 1].end, org=org)
    return end, pos


def _positions_after(doc: Doc, j: int) -> tuple[int, list[Position]]:
    """SEP POSITION [SEP POSITION]… after a name."""
    toks = doc.toks
    n = len(toks)
    out: list[Position] = []
    while j < n and toks[j].text in _SEPARATORS:
        p = _position_at(doc, j + 1, allow_lower=True)
        if p is None:
            break
        if p[0] < n and _name_at(toks, p[0], strong=False) > p[0]:
            break  # ", Chủ tịch HĐND tỉnh X Nguyễn Văn B": the next person's title
        j, pos = p
        out.append(pos)
        if j < n and toks[j].text == ")":
            j += 1
    return j, out


def scan(doc: Doc) -> list[PersonMention]:
    toks = doc.toks
    n = len(toks)
    out: list[PersonMention] = []
    i = 0
    while i < n:
        t = toks[i]
        if t.kind != "w":
            i += 1
            continue
        # title-first: "Tổng Bí thư Nguyễn Phú Trọng", "Phó Thủ tướng X - Chủ tịch …"
        before: list[Position] = []
        k = i
        if t.cap:
            while True:
                p = _position_at(doc, k, allow_lower=False)
                if p is None:
                    break
                k, pos = p
                before.append(pos)
                if k < n and toks[k].text == "," and k + 1 < n and TITLES.match(toks, k + 1) and toks[k + 1].cap:
                    k += 1
                    continue
                break
        hon = None
        h_start = k
        if before and k < n and toks[k].text == ",":
            k += 1
        h = _honorifics_at(toks, k)
        if h is not None:
            if k > 0 and toks[k - 1] in _PLACE_WORDS:
                h = None
            elif province_at(toks, k):
                h = None  # "Bà Rịa – Vũng Tàu"
        if h is not None:
            h_start = k
            k, hon = h
        name_end = _name_at(toks, k, strong=hon is not None and hon[:1].isupper() and hon not in ("Ông", "Bà", "Anh", "Chị"))
        if name_end == k or (hon is None and not before):
            i = (k if (before or hon) and k > i else i + 1)
            continue
        if hon is not None and toks[h_start] in _WEAK_HONORIFICS and not is_surname(toks[k]):
            i = name_end
            continue
        name = squash(_join(toks, k, name_end))
        if key(name) in _NOT_NAMES:
            i = name_end
            continue
        end, after = _positions_after(doc, name_end)
        if not is_surname(toks[k]) and not after and not ("’" in toks[k].text or "'" in toks[k].text):
            # without a family name, only accept a name that a title explains
            i = name_end
            continue
        pm = PersonMention(name_i=k, name_j=name_end, start=toks[k].start, end=toks[name_end - 1].end,
                           name=name, honorific=hon, positions=before[::-1] + after,
                           span_start=toks[i].start if before else toks[h_start].start,
                           span_end=toks[end - 1].end)
        out.append(pm)
        i = end
    return out


def link_implicit_org(doc: Doc, pm: PersonMention, org_mentions: list[OrgMention]) -> None:
    """A position without an explicit organisation ("Phó cục trưởng") takes the nearest earlier
    organisation of a matching kind in the same sentence."""
    s, _ = doc.sentence_of(pm.start)
    for pos in pm.positions:
        if pos.org is not None or not pos.heads:
            continue
        best = None
        for m in org_mentions:
            if m.end > pm.start:
                break
            if m.start < s or m.is_bloc:
                continue
            heads = {m.head.canonical}
            if m.inner is not None:
                heads.add(m.inner.head.canonical)
            if heads & set(pos.heads):
                best = m
        if best is not None:
            pos.org = best
