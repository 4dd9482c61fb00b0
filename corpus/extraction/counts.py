"""Counts of participants stated in the text: "07 đơn vị", "08 cơ quan, đơn vị", "05 huyện",
"03 co quan", "12 tập thể và 30 cá nhân"."""
from __future__ import annotations

import re

from .records import StatedCount
from .text import Doc, Lexicon

NOUNS = Lexicon([(w, w) for w in (
    "đơn vị", "cơ quan", "cơ quan, đơn vị", "cơ quan đơn vị", "địa phương", "huyện", "quận", "thị xã",
    "huyện, thành phố", "huyện, thị xã, thành phố", "huyện, thành, thị", "quận, huyện", "xã", "phường",
    "xã, phường, thị trấn", "tập thể", "cá nhân", "thành viên", "sở, ngành", "sở ngành", "tổ chức",
    "doanh nghiệp", "tỉnh", "tỉnh, thành phố", "ngành", "bên", "lực lượng", "đoàn thể", "trường",
)])
_COUNT = re.compile(r"\d{1,3}(?:\.\d{3})*")


def extract(doc: Doc) -> list[StatedCount]:
    toks = doc.toks
    out: list[StatedCount] = []
    for i, t in enumerate(toks):
        if t.kind != "n" or not _COUNT.fullmatch(t.text):
            continue
        if i > 0 and toks[i - 1].text in "/.,%" and toks[i - 1].end == t.start:
            continue  # "08/08", "1.986/2.071"
        if i + 1 < len(toks) and toks[i + 1].text in "/%" and toks[i + 1].start == t.end:
            continue
        hit = NOUNS.match(toks, i + 1)
        if hit is None:
            continue
        end, noun = hit
        s, e = t.start, toks[end - 1].end
        out.append(StatedCount(count=int(t.text.replace(".", "")), noun=noun, article_id=doc.article_id,
                               start=s, end=e, surface=doc.text[s:e]))
    return out
