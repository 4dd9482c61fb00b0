"""Pacts: signed agreements, their kind, year/date, bloc, parties, chair, slogan and province.

1. Pact mentions with their years and dates, grouped into pacts: see `pact_mentions`.
2. Parties: the coordinated subject of the signing sentence ("Công an tỉnh Lạc Sơn và Viện Kiểm
   sát nhân dân tỉnh Lạc Sơn tổ chức ký kết …", "… giữa X và Y"), else the bloc's member list
   ("07 đơn vị khối thi đua Nội chính gồm: …"; award lists "được tặng … gồm:" are not members).
   Besides organisations the gazetteer knows, a party may be any capitalised name in such a list
   (a company "Viettel", a country "Hàn Quốc"), and the other side of "ký … với X, Y và Z" joins
   the subject (`party_names`). The pact's sentence is the first signing sentence that names its parties.
3. Bloc, chair and vice-chair, slogan, stated count and province of each pact.
"""
from __future__ import annotations

from . import organisations as orgs
from .pact_mentions import NEEDS_PARTIES, PactGroup, PactMention, find_mentions, group_mentions
from .party_names import SUBJECT_GAP, between_at, named_parties
from .provinces import Province
from .records import Pact, StatedCount, Theme
from .text import Doc, Tok, WordSet, canon, years_in

_AWARD = WordSet("tặng trao")
_AWARD_PAIRS = (("bằng", "khen"), ("giấy", "khen"), ("cờ", "thi"), ("biểu", "dương"))
_LIST_INTRO = WordSet("gồm là bao")
_FILLERS = WordSet("đại diện lãnh đạo cùng")
_CHAIR_BEFORE_GAP = WordSet("là làm được phân công thống nhất bầu đơn vị đồng thời giữ")
_CHAIR_AFTER_GAP = WordSet("là cho được giao")
_TOPIC_START = WordSet("về trong thực hiện hợp tác phòng bảo đảm đào tạo giữa")


def _named_blocs(org_mentions: list[orgs.OrgMention]) -> list[orgs.OrgMention]:
    return [m for m in org_mentions if m.is_bloc and m.context != "reference"]


def _main_bloc(blocs: list[orgs.OrgMention]) -> orgs.OrgMention | None:
    if not blocs:
        return None
    counts: dict[str, int] = {}
    for b in blocs:
        counts[b.canonical] = counts.get(b.canonical, 0) + (2 if b.body else 1)
    best = max(counts, key=lambda c: (counts[c], -next(i for i, b in enumerate(blocs) if b.canonical == c)))
    return next(b for b in blocs if b.canonical == best)


_BETWEEN_JOIN = WordSet("và với")  # "giữa A với B và C"


def _is_sep(toks: list[Tok], a: int, b: int, joiners: WordSet | None = None) -> bool:
    """Only list separators and fillers between tokens a and b ("," ";" "và" "đại diện"; after
    "giữa", `joiners` adds "với")."""
    k = a
    seen_sep = False
    while k < b:
        t = toks[k]
        if t.text in (",", ";"):
            seen_sep = True
            k += 1
        elif t.is_("và") or (joiners is not None and t in joiners):
            seen_sep = True
            k += 1
        elif t in _FILLERS:
            k += 1
        else:
            return False
    return seen_sep


def _runs(org_mentions: list[orgs.OrgMention], doc: Doc) -> list[list[orgs.OrgMention]]:
    """Maximal runs of organisations separated only by list separators, within one sentence."""
    runs: list[list[orgs.OrgMention]] = []
    cur: list[orgs.OrgMention] = []
    units = [m for m in org_mentions if not m.is_bloc]
    for m in units:
        lead = m.lead_i
        if cur and doc.sentence_of(cur[-1].start) == doc.sentence_of(m.start) and (
            _is_sep(doc.toks, cur[-1].j, m.i) or (lead is not None and _is_sep(doc.toks, cur[-1].j, lead))
            or (cur[-1].written_name and m.written_name and _is_sep(doc.toks, cur[-1].j, m.i))
        ):
            cur.append(m)
        else:
            if cur:
                runs.append(cur)
            cur = [m]
    if cur:
        runs.append(cur)
    return runs


def _membership_lists(doc: Doc, org_mentions: list[orgs.OrgMention]) -> list[tuple[int, list[orgs.OrgMention]]]:
    """(token index of the list's start, members) for member lists of a bloc."""
    toks = doc.toks
    out = []
    blocs_by_sentence: dict[tuple[int, int], bool] = {}
    for b in org_mentions:
        if b.is_bloc:
            blocs_by_sentence[doc.sentence_of(b.start)] = True
    for run in _runs(org_mentions, doc):
        first = run[0]
        lead = first.lead_i if first.lead_i is not None else first.i
        k = lead - 1
        while k >= 0 and toks[k] in _FILLERS:
            k -= 1
        if k < 0:
            continue
        intro_ok = toks[k].text == ":" or toks[k] in _LIST_INTRO or (toks[k].is_("có") and toks[k - 1].is_("gồm"))
        if not intro_ok:
            continue
        if len(run) < 2 and not toks[k].text == ":":
            continue
        sent = doc.sentence_of(first.start)
        a = k
        while a > 0 and toks[a - 1].start >= sent[0] and toks[a - 1].text != ";":
            a -= 1
        clause_toks = toks[a:k]
        # the clause before the list names a bloc or its members, and is not about awards
        if _about_awards(clause_toks):
            continue
        if not (blocs_by_sentence.get(sent) or any(t.is_("khối", "cụm", "thành viên") for t in clause_toks)):
            continue
        out.append((lead, run))
    return out


def _about_awards(clause: list[Tok]) -> bool:
    for x, t in enumerate(clause):
        if t in _AWARD:
            return True
        if x + 1 < len(clause) and not t.cap and any(t.is_(a) and clause[x + 1].is_(b) for a, b in _AWARD_PAIRS):
            return True
        if x + 1 < len(clause) and t.cap and t.is_("Bằng", "Giấy", "Cờ") and clause[x + 1].is_("khen", "thi"):
            return True
    return False


def _subjects(doc: Doc, m: PactMention, org_mentions: list[orgs.OrgMention]) -> list[orgs.OrgMention]:
    """The coordinated organisations that sign in this sentence, or those "giữa X và Y"."""
    toks = doc.toks
    n = len(toks)
    sent_orgs = [o for o in org_mentions if m.sent[0] <= o.start < m.sent[1] and not o.is_bloc]
    before = [o for o in sent_orgs if o.end <= m.start]
    if before:
        last = before[-1]
        gap = toks[last.j:m.i]
        if len(gap) <= 8 and all(t in SUBJECT_GAP for t in gap):
            run = [last]
            for o in reversed(before[:-1]):
                if o.context == "venue":
                    break
                if _is_sep(toks, o.j, run[0].i) and len(run) < 12:
                    run.insert(0, o)
                else:
                    break
            if last.context != "venue":
                return [o for o in run if o.context != "venue"]
    k = between_at(toks, m.j, min(doc.tok_at(m.sent[1]), n))
    if k is not None:
        after = [o for o in sent_orgs if o.start >= toks[k].end]
        if after and after[0].i == k + 1:
            run = [after[0]]
            for o in after[1:]:
                if _is_sep(toks, run[-1].j, o.i, joiners=_BETWEEN_JOIN):
                    run.append(o)
                else:
                    break
            if len(run) >= 2:
                return run
    return []


def _chairs(doc: Doc, org_mentions: list[orgs.OrgMention]) -> list[tuple[str, int | None, str, int]]:
    """(role, year, organisation canonical, offset) for "X là Trưởng khối", "Phó cụm là Y" …"""
    toks = doc.toks
    n = len(toks)
    units = [o for o in org_mentions if not o.is_bloc]
    out = []
    for i in range(n - 1):
        t = toks[i]
        if not (t.is_("Trưởng", "Phó") and toks[i + 1].is_("khối", "cụm")):
            continue
        role = "chair" if t.is_("Trưởng") else "vice_chair"
        if i > 0 and toks[i - 1].is_("Phó") and role == "chair":
            continue
        sent = doc.sentence_of(t.start)
        a, b = doc.clause_bounds(i)
        year = None
        ys = years_in(doc.folded, toks[a].start, toks[b - 1].end if b > a else t.end) \
            or years_in(doc.folded, sent[0], sent[1])
        if ys:
            year = min(ys, key=lambda y: abs(y[0] - t.start))[1]
        found = None
        # "Phó cụm là UBND huyện Mây Xanh", "Trưởng khối năm 2023 cho Viện Kiểm sát …"
        k = i + 2
        if k + 1 < n and toks[k].is_("năm") and toks[k + 1].kind == "n":
            k += 2
        k0 = k
        while k < n and k < i + 8 and toks[k] in _CHAIR_AFTER_GAP:
            k += 1
        nxt = [o for o in units if o.i == k]
        if nxt and k > k0:
            found = nxt[0]
        # "Công an tỉnh được phân công làm Trưởng khối", "Viện Kiểm sát …, Trưởng khối năm 2022"
        prev = [o for o in units if o.end <= t.start and o.start >= sent[0]]
        if found is None and prev:
            o = prev[-1]
            gap = toks[o.j:i]
            if len(gap) <= 6 and all(g in _CHAIR_BEFORE_GAP or g.text in ",–-" for g in gap):
                found = o
        if found is not None:
            out.append((role, year, found.canonical, t.start))
    return out


def _topic(doc: Doc, m: PactMention) -> str | None:
    toks = doc.toks
    n = len(toks)
    k = m.j
    if k < n and toks[k].is_("liên") and k + 1 < n and toks[k + 1].is_("ngành"):
        k += 2
    if k >= n or toks[k] not in _TOPIC_START:
        return None
    e = k
    while e < n and toks[e].end <= m.sent[1] and toks[e].text not in ";:.(" and not (
            toks[e].is_("giai") and e + 1 < n and toks[e + 1].is_("đoạn")):
        e += 1
    if e - k < 2:
        return None
    text = canon(doc.text[toks[k].start:toks[e - 1].end]).rstrip(",")
    return text[:200]


def extract(doc: Doc, province: Province | None, org_mentions: list[orgs.OrgMention],
            themes: list[Theme], counts: list[StatedCount]) -> list[Pact]:
    skip = [(t.start, t.end) for t in themes if t.kind not in ("slogan", "campaign", "model")]
    groups = group_mentions(find_mentions(doc, skip), doc)
    if not groups:
        return []
    blocs = _named_blocs(org_mentions)
    main_bloc = _main_bloc(blocs)
    lists = _membership_lists(doc, org_mentions)
    chairs = _chairs(doc, org_mentions)
    pacts: list[Pact] = []
    for g in groups:
        signings = [x for x in g.mentions if x.signed]
        subjects = {id(x): _subjects(doc, x, org_mentions) for x in signings}
        named = {id(x): named_parties(doc, x, org_mentions) for x in signings}
        first = next((x for x in signings if subjects[id(x)] or any(named[id(x)])), signings[0] if signings else g.mentions[0])
        p = Pact(kind=g.kind, article_id=doc.article_id, start=first.start, end=first.surface_end,
                 surface=doc.text[first.start:first.surface_end], sentence_start=first.sent[0],
                 sentence_end=first.sent[1], year=g.year, signed=any(x.signed for x in g.mentions),
                 mentions=[(x.start, x.surface_end) for x in g.mentions])
        dated = sorted((x for x in g.mentions if x.date), key=lambda x: (x.date_rank, not x.signed, x.start))
        if dated:
            p.date = dated[0].date
            if p.year is None:
                p.year = int(p.date[:4])
        p.period = next((x.period for x in g.mentions if x.period), None)
        p.topic = next((t for t in (_topic(doc, x) for x in g.mentions) if t), None)
        # bloc: named in one of the pact's sentences, else the article's bloc (emulation pacts)
        bloc = None
        emulation = g.kind == "giao ước thi đua"
        for x in g.mentions if emulation else ():
            in_sent = [b for b in blocs if x.sent[0] <= b.start < x.sent[1]]
            if in_sent:
                bloc = in_sent[0]
                break
        if bloc is None and emulation:
            bloc = main_bloc
        if bloc is not None:
            same = [b for b in blocs if b.canonical == bloc.canonical]
            p.bloc = bloc_display(max(same, key=lambda b: len(b.core)))
            p.bloc_canonical = bloc.canonical
        # parties
        parties: list[orgs.OrgMention] = []
        names: list[str] = []
        for x in signings:
            parties = subjects[id(x)]
            if parties:
                names = named[id(x)][1]  # the other side: "… ký cam kết với X"
                break
        if not parties:
            own = named.get(id(first), ([], []))
            subject, other = own if any(own) else next((v for v in named.values() if any(v)), ([], []))
            names = subject + other
        if not parties and not names and lists:
            chosen = None
            for _lead, run in lists:
                sent = doc.sentence_of(run[0].start)
                lb = [b for b in blocs if sent[0] <= b.start < sent[1]]
                if bloc is None or not lb or lb[0].canonical == bloc.canonical:
                    chosen = run
                    break
            if chosen:
                parties = chosen
        seen = set()
        for name in [o.canonical for o in parties] + names:
            if name not in seen:
                seen.add(name)
                p.parties.append(name)
        # stated count: in the member list's sentence, or in a sentence of the pact
        sentences = {x.sent for x in g.mentions}
        if parties:
            sentences.add(doc.sentence_of(parties[0].start))
        for c in counts:
            if any(s <= c.start < e for s, e in sentences) and c.noun in _UNIT_NOUNS:
                p.party_count = c.count
                break
        # chair / vice-chair of the bloc for the pact's year
        for role, year, name, _ in chairs if emulation else ():
            if year is None and pacts and any(q.kind == p.kind for q in pacts):
                continue  # a chair without a year belongs to the article's first pact
            if year is not None and p.year is not None and year != p.year:
                continue
            if role == "chair" and p.chair is None:
                p.chair = name
            elif role == "vice_chair" and p.vice_chair is None:
                p.vice_chair = name
        if g.kind in NEEDS_PARTIES and not p.parties:
            continue
        p.province = _pact_province(p, bloc, parties, province)
        pacts.append(p)
    _assign_slogans(doc, pacts, groups, themes)
    _link_counts(doc, counts, lists)
    return pacts


_UNIT_NOUNS = {"đơn vị", "cơ quan", "cơ quan, đơn vị", "cơ quan đơn vị", "địa phương", "huyện", "quận",
               "thành viên", "sở, ngành", "sở ngành", "bên", "ngành", "lực lượng", "đoàn thể", "tổ chức"}


def bloc_display(b: orgs.OrgMention) -> str:
    """The bloc's own name without its province ("Khối thi đua Nội chính")."""
    return b.core


def _pact_province(p: Pact, bloc, parties, province: Province | None) -> str | None:
    if bloc is not None and bloc.resolved_province is not None:
        return bloc.resolved_province.name
    provs = [o.resolved_province.name for o in parties if o.resolved_province is not None]
    if provs:
        return max(set(provs), key=provs.count)
    return province.name if province else None


def _assign_slogans(doc: Doc, pacts: list[Pact], groups: list[PactGroup], themes: list[Theme]) -> None:
    emulation = [(p, g) for p, g in zip(pacts, groups) if p.kind == "giao ước thi đua"]
    if not emulation:
        return
    for th in themes:
        if th.kind != "slogan":
            continue
        sent = doc.sentence_of(th.start)
        target = None
        for p, g in emulation:
            if any(x.sent == sent for x in g.mentions):
                target = p
                break
        if target is None:
            para = doc.paragraph_of(th.start)
            in_para = [(p, x) for p, g in emulation for x in g.mentions if para[0] <= x.start < para[1]]
            if in_para:
                target = min(in_para, key=lambda px: abs(px[1].start - th.start))[0]
            elif len(emulation) == 1:
                target = emulation[0][0]
        if target is not None and target.slogan is None:
            target.slogan = th.text


def _link_counts(doc: Doc, counts: list[StatedCount], lists) -> None:
    for _lead, run in lists:
        sent = doc.sentence_of(run[0].start)
        before = [c for c in counts if sent[0] <= c.start < run[0].start]
        if before:
            c = before[-1]
            if not c.items:
                seen = []
                for o in run:
                    if o.canonical not in seen:
                        seen.append(o.canonical)
                c.items = seen
