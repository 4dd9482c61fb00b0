"""Offline extraction of pacts, participants, themes and stated counts from one article.

    from corpus.extraction import extract
    ex = extract(article)              # corpus.records.Article
    ex.pacts, ex.participants, ex.themes, ex.counts, ex.organisations, ex.people, ex.province

Rule- and gazetteer-based (no model, no network); every record carries the article id and a
span with `article.text[start:end] == record.surface`. See docs/extraction.md.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from ..records import Article
from . import counts as _counts
from . import organisations as _orgs
from . import pacts as _pacts
from . import people as _people
from . import themes as _themes
from .provinces import Province, detect_province, explicit_mentions
from .records import Extraction, Pact, Participant, StatedCount, Theme
from .text import Doc, WordSet, canon, key
from .version import EXTRACTION_VERSION

_T = TypeVar("_T")

__all__ = ["extract", "Extraction", "Pact", "Participant", "Theme", "StatedCount", "org_key", "EXTRACTION_VERSION"]

org_key = _orgs.org_key

_DOC_KINDS = {"directive", "resolution", "decision", "decree", "circular", "conclusion", "plan",
              "guideline", "law", "regulation", "official_letter", "notice", "dispatch"}
_NOT_PARTICIPANT_BEFORE = WordSet("biểu")     # "đại biểu Quốc hội", "đại biểu HĐND"
_DOC_WORDS = WordSet("nghị quyết chỉ thị quyết định kế hoạch kết luận thông tư luật hướng dẫn văn bản")
_TARGET_BEFORE = WordSet("trình mưu")  # "trình HĐND tỉnh", "tham mưu (cho) UBND tỉnh": not an actor there
_ELECTION = WordSet("cử")                     # "bầu cử Quốc hội"


def extract(article: Article) -> Extraction:
    """Pacts, participants (organisations, blocs, people), themes and counts of one article."""
    doc = Doc(article.text, article.title or "", article.date, article.id)
    province = detect_province(doc)
    themes = _themes.extract(doc, province)
    doc_spans = [span for t in themes if t.kind in _DOC_KINDS for span in (t.mentions or [(t.start, t.end)])]
    org_mentions = _orgs.scan(doc)
    person_mentions = _people.scan(doc)
    # organisations named only inside a position ("Phó Trưởng ban Thi đua – Khen thưởng tỉnh")
    taken = [(m.start, m.end) for m in org_mentions]
    for pm in person_mentions:
        for pos in pm.positions:
            o = pos.org
            if o is not None and not any(s < o.end and o.start < e for s, e in taken):
                org_mentions.append(o)
                taken.append((o.start, o.end))
    org_mentions.sort(key=lambda m: m.start)
    _resolve_orgs(doc, org_mentions, province, doc_spans)
    for pm in person_mentions:
        _people.link_implicit_org(doc, pm, org_mentions)
    counts = _counts.extract(doc)
    pacts = _pacts.extract(doc, province, org_mentions, themes, counts)
    participants = _org_participants(doc, org_mentions) + _person_participants(doc, person_mentions, province)
    _assign_roles(participants, pacts, person_mentions)
    return Extraction(article_id=article.id, province=province.name if province else None,
                      pacts=pacts, participants=participants, themes=themes, counts=counts)


# --- organisations ------------------------------------------------------------------------------


def _resolve_orgs(doc: Doc, mentions: list[_orgs.OrgMention], province: Province | None,
                  doc_spans: list[tuple[int, int]]) -> None:
    """Canonical names, contexts (venue / issuer / not a participant), and within-article
    coreference: a bare "Hội Nông dân" is the "Hội Nông dân tỉnh Lạc Sơn" named elsewhere."""
    toks = doc.toks
    doc_spans = _with_subjects(doc, doc_spans)
    named = explicit_mentions(doc)
    for m in mentions:
        m.canonical, m.resolved_province = _orgs.canonical_name(m, _local_province(doc, m, named, province))
        if m.context == "reference":
            continue
        prev = toks[m.i - 1] if m.i > 0 else None
        prev2 = toks[m.i - 2] if m.i > 1 else None
        if any(s <= m.start < e for s, e in doc_spans) or _after_document_of(toks, m.i):
            m.context = "issuer"
        elif prev is not None and (prev.is_("tại") or (prev.is_("sở") and prev2 is not None and prev2.is_("trụ"))):
            m.context = "venue"
        elif prev is not None and prev2 is not None and (
            (prev in _NOT_PARTICIPANT_BEFORE and prev2.is_("đại")) or (prev in _ELECTION and prev2.is_("bầu"))
        ):
            m.context = "skip"
        elif prev is not None and (prev.is_("trình") or (prev.is_("mưu") and prev2 is not None and prev2.is_("tham"))
                                   or (prev.is_("cho") and prev2 is not None and prev2.is_("mưu"))):
            m.context = "target"
    # "tại Sở Tư pháp, Trung tâm Trợ giúp pháp lý nhà nước và …": the whole list is the venue
    for prev_m, m in zip(mentions, mentions[1:]):
        if prev_m.context == "venue" and m.context is None and _only_separators(toks, prev_m.j, m.i):
            m.context = "venue"
    # bare mentions → the one qualified organisation with the same head and name
    qualified: dict[str, set[str]] = {}
    for m in mentions:
        if m.qualified and not m.is_bloc:
            qualified.setdefault(_orgs.org_key(m.core), set()).add(m.canonical)
    for m in mentions:
        if m.is_bloc or m.qualified or m.head.provincial or m.head.mode == "bare":
            continue
        cands = qualified.get(_orgs.org_key(m.core), set())
        if len(cands) == 1:
            target = next(iter(cands))
            src = next(x for x in mentions if x.canonical == target)
            m.canonical, m.resolved_province = target, src.resolved_province
    # a bloc named by its number only ("Cụm thi đua số 2") is the fully named one
    full = {}
    for m in mentions:
        if m.is_bloc and m.context != "reference" and m.bloc_number and m.body:
            full.setdefault((m.head.canonical, m.bloc_number), m)
    for m in mentions:
        if m.is_bloc and m.bloc_number and not m.body and (m.head.canonical, m.bloc_number) in full:
            src = full[(m.head.canonical, m.bloc_number)]
            m.canonical, m.resolved_province = src.canonical, src.resolved_province


def _local_province(doc: Doc, m: _orgs.OrgMention, named: list[tuple[int, Province]],
                    article: Province | None) -> Province | None:
    """The province an implicit "tỉnh"/"thành phố" (or a bare Sở, Tỉnh ủy, bloc) refers to: the
    last province named earlier in the same sentence ("tỉnh Bắc Giang … của Tỉnh ủy"), else the
    article's province."""
    s, _ = doc.sentence_of(m.start)
    before = [p for off, p in named if s <= off < m.start]
    if not before:
        return article
    want = m.admin if m.admin in ("tỉnh", "thành phố") else None
    for p in reversed(before):
        if want is None or p.kind == want:
            return p
    return article


def _only_separators(toks, a: int, b: int) -> bool:
    return a < b and all(t.text in (",", ";") or t.is_("và") for t in toks[a:b])


def _with_subjects(doc: Doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A document reference followed by "về …" extends to the end of the clause: organisations
    in a document's subject ("… về phối hợp giữa Bộ Công an và Bộ Quốc phòng") did not act."""
    out = []
    toks = doc.toks
    for s, e in spans:
        j = doc.tok_at(e)
        if j < len(toks) and toks[j].is_("về"):
            _, sent_end = doc.sentence_of(s)
            k = j
            while k < len(toks) and toks[k].start < sent_end and toks[k].text not in ";:":
                k += 1
            e = toks[k - 1].end
        out.append((s, e))
    return out


def _after_document_of(toks, i: int) -> bool:
    """ "Nghị quyết của HĐND tỉnh về …", "Kế hoạch … của UBND tỉnh": the organisation issued a
    document; it is not a participant for that mention."""
    if i < 2 or not toks[i - 1].is_("của"):
        return False
    for k in range(i - 2, max(-1, i - 9), -1):
        t = toks[k]
        if t.kind == "p" and t.text in ";:.!?":
            return False
        if t in _DOC_WORDS:
            return True
    return False


def _grouped(items: list[_T], key_of: Callable[[_T], str]) -> dict[str, list[_T]]:
    """`items` grouped by `key_of`, groups in the order of their first item."""
    groups: dict[str, list[_T]] = {}
    for item in items:
        groups.setdefault(key_of(item), []).append(item)
    return groups


def _org_participants(doc: Doc, mentions: list[_orgs.OrgMention]) -> list[Participant]:
    # "reference" and "skip" mentions make no participant ("target" ones are kept as mentions)
    actors_or_targets = [m for m in mentions if m.context not in ("reference", "skip")]
    out = []
    for ms in _grouped(actors_or_targets, lambda m: _orgs.org_key(m.canonical)).values():
        actors = [m for m in ms if m.context is None]
        if not actors:
            continue  # named only as a venue ("tại …") or as a document's issuer
        first = actors[0]
        longest = max(ms, key=lambda m: (m.qualified, m.end - m.start))
        name = first.written_name or canon(doc.text[first.start:first.end])
        out.append(Participant(
            kind="bloc" if first.is_bloc else "organisation",
            name=name if not first.is_bloc else canon(doc.text[longest.start:longest.end]),
            canonical=first.canonical, key=key(first.canonical), article_id=doc.article_id,
            start=first.start, end=first.end, surface=doc.text[first.start:first.end],
            province=first.resolved_province.name if first.resolved_province else None,
            org_type=first.head.org_type, mentions=[(m.start, m.end) for m in ms],
        ))
    return out


# --- people -------------------------------------------------------------------------------------


def _person_participants(doc: Doc, mentions: list[_people.PersonMention], province: Province | None) -> list[Participant]:
    out = []
    for k, pms in _grouped(mentions, lambda pm: key(pm.name)).items():
        primary = next((pm for pm in pms if pm.positions), pms[0])
        hon = next((pm.honorific for pm in pms if pm.honorific), None)
        pos = next((p for p in primary.positions if p.org is not None), None) or \
            (primary.positions[0] if primary.positions else None)
        org_name = org_canon = prov = None
        if pos is not None and pos.org is not None:
            org_name = canon(doc.text[pos.org.start:pos.org.end])
            org_canon = pos.org.canonical or _orgs.canonical_name(pos.org, province)[0]
            if pos.org.resolved_province is not None:
                prov = pos.org.resolved_province.name
        spans = _name_occurrences(doc, primary.name) or [(pm.start, pm.end) for pm in pms]
        s, e = primary.span_start, primary.span_end
        out.append(Participant(
            kind="person", name=primary.name, canonical=canon(primary.name), key=k,
            article_id=doc.article_id, start=s, end=e, surface=doc.text[s:e], province=prov,
            title=pos.title if pos else None,
            position=canon(doc.text[pos.start:pos.end]) if pos else None,
            honorific=hon, organisation=org_name, organisation_canonical=org_canon,
            other_positions=[canon(doc.text[p.start:p.end]) for p in primary.positions if p is not pos],
            mentions=spans,
        ))
    return out


def _name_occurrences(doc: Doc, name: str) -> list[tuple[int, int]]:
    folded_name = key(name)
    if not folded_name:
        return []
    pattern = re.compile(r"(?<!\w)" + r"\W+".join(re.escape(w) for w in folded_name.split()) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(doc.folded)]


# --- roles --------------------------------------------------------------------------------------


def _assign_roles(participants: list[Participant], pacts: list[Pact], person_mentions) -> None:
    by_canon = {p.canonical: p for p in participants if p.kind != "person"}
    for pact in pacts:
        for name in pact.parties:
            if name in by_canon and "party" not in by_canon[name].roles:
                by_canon[name].roles.append("party")
        for role, name in (("chair", pact.chair), ("vice_chair", pact.vice_chair)):
            if name and name in by_canon and role not in by_canon[name].roles:
                by_canon[name].roles.append(role)
    for p in participants:
        if p.kind == "person" and p.organisation_canonical in by_canon:
            org = by_canon[p.organisation_canonical]
            if "affiliation" not in org.roles:
                org.roles.append("affiliation")
