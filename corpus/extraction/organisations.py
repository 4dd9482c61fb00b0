"""Organisations in an article: every mention, left to right, including the places of a
distributed list ("UBND các huyện: Bảo Lâm, Di Linh").

The pieces, one job each: `corpus.lexicon` (heads, bodies: data), `gazetteer` (the compiled token
lexicons), `org_parser` (one mention at a token: head, body, administrative suffix), `org_names`
(the mention record, canonical names and keys), and this module (scanning a whole article).
"""
from __future__ import annotations

from .gazetteer import Head
from .org_names import OrgMention, canonical_name, org_key
from .org_parser import collective_after, head_at, parse_org, place_run, rejoin
from .provinces import admin_word
from .text import Doc, Tok, WordSet, canon

__all__ = ["Head", "OrgMention", "canonical_name", "collective_after", "head_at", "org_key", "parse_org", "scan"]


def scan(doc: Doc) -> list[OrgMention]:
    """Every organisation mention in the article, left to right, not overlapping."""
    toks = doc.toks
    out: list[OrgMention] = []
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if t.kind != "w":
            i += 1
            continue
        dist = _distributed(toks, i)
        if dist:
            out.extend(dist)
            i = dist[-1].j
            continue
        m = parse_org(toks, i)
        if m is None:
            i += 1
            continue
        if collective_after(toks, m.j) and not m.is_bloc:
            i = m.j
            continue
        if m.admin == "tỉnh" and not m.place and not m.province and m.j + 2 < n and toks[m.j].text == "," \
                and (admin_word(toks, m.j + 1) or (0, ""))[1] == "thành phố" and head_at(toks, m.j + 1) is None:
            i = m.j  # "UBND tỉnh, thành phố trực thuộc Trung ương": every province
            continue
        if i > 0 and toks[i - 1].is_("các", "những", "hai", "ba", "nhiều", "mỗi") and not m.qualified:
            i = m.j
            continue
        if i > 0 and toks[i - 1] in _NOT_ORG_BEFORE:
            i = m.j  # "thôn Hội Phú", "tổ chức phi Chính phủ"
            continue
        out.append(m)
        i = m.j
    return out


_NOT_ORG_BEFORE = WordSet("thôn xóm làng ấp bản phi đường phố")


def _distributed(toks: list[Tok], i: int) -> list[OrgMention]:
    """"UBND các huyện: Bảo Lâm, Di Linh, Cát Tiên" → one mention per place, spanning its name."""
    h = head_at(toks, i)
    if h is None or h[1].mode != "admin":
        return []
    j, head = h
    n = len(toks)
    if not (j + 1 < n and toks[j].is_("các")):
        return []
    adm = admin_word(toks, j + 1)
    if adm is None or adm[1] not in ("huyện", "quận", "xã", "phường", "thị xã"):
        return []
    k = adm[0]
    if k < n and toks[k].text == ":":
        k += 1
    out = []
    while k < n:
        e = place_run(toks, k)
        if e == k:
            break
        d = OrgMention(i=k, j=e, start=toks[k].start, end=toks[e - 1].end, head=head,
                       admin=adm[1], place=canon(" ".join(t.text for t in toks[k:e])))
        d.written_name = f"{rejoin(toks, i, j)} {adm[1]} {d.place}"
        if not out:
            d.lead_i = i
        out.append(d)
        k = e
        if k < n and toks[k].text in ",;":
            k += 1
        elif k < n and toks[k].is_("và"):
            k += 1
        else:
            break
    return out if len(out) >= 2 else []
