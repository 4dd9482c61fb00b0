"""Answers from the structured layer: complete, cited lists of pact parties, counts, the pacts an
organisation signed, and the campaigns / slogans / directives mentioned.

Plain top-k passages miss items of long lists and cannot aggregate across articles; these
questions are answered from the records extracted at ingest (`corpus.extraction`), and every
item is cited with the sentence it was extracted from. `route` decides whether a question is
one of these; when it is not, or no record fits, the passage answerer takes over.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.extraction import extract, org_key
from corpus.extraction.provinces import BY_NAME as PROVINCES_BY_NAME
from corpus.extraction.themes import DOC_KIND_NAMES, LAW_KIND_NAMES
from corpus.lexicon import CORE_TITLES_FOLDED
from corpus.normalize import fold
from corpus.records import Article
from corpus.sentences import sentence_spans
from index.catalog import Catalog
from index.glossary import vietnamese_terms
from index.retrieval import Hit

from .answering import as_answer_text
from .candidates import is_surname
from .question import QuestionAnalysis
from .reading.enumeration import asked_item_kind, asked_noun, asked_noun_as_written
from .records import Answer, Citation

_PACT_WORDS = re.compile(
    r"\b(giao uoc|quy che|chuong trinh phoi hop|bien ban|thoa thuan|ky ket|ky|tham gia|thanh vien|khoi|cum|"
    r"signed|sign|signing|pacts?|agreements?|members?|blocs?|clusters?|participat\w*)\b"
)
_MEMBER_NOUNS = re.compile(
    r"\b(don vi|co quan|dia phuong|thanh vien|ben|huyen|quan|to chuc|nganh|so|units?|agencies|members?|parties|bodies|organi[sz]ations)\b"
)
# Counted member nouns of a question (folded) as an answer spells them.
_COUNTED = {"don vi": "đơn vị", "co quan": "cơ quan", "dia phuong": "địa phương", "thanh vien": "thành viên",
            "huyen": "huyện", "to chuc": "tổ chức", "nganh": "ngành", "ben": "bên"}
_PACT_NOUNS = re.compile(r"\b(giao uoc|quy che|chuong trinh|van ban|thoa thuan|bien ban|pacts?|agreements?)\b")
_KINDS = {
    "giao uoc": "giao ước thi đua", "quy che": "quy chế phối hợp", "chuong trinh": "chương trình phối hợp",
    "bien ban": "biên bản ghi nhớ",
}
_THEME_KINDS = {
    "campaign": ("campaign", "model"),
    "theme": ("slogan",),
    "directive": ("directive", "resolution", "decision", "decree", "conclusion", "plan", "law", "circular"),
}


@dataclass
class Facets:
    """What the question pins down: province, year, bloc, organisations, pact kind."""

    province: str | None
    years: list[int]
    blocs: list[str]
    organisations: list[str]
    kind: str | None


def question_facets(question: str, records: RecordSource | None = None) -> Facets:
    """The facets of a question. Names are found by the extractor when the question is written
    with normal capitals; otherwise (e.g. "cong an tinh lac son …") by looking the stored
    organisation and bloc names and the province names up in the folded question."""
    extraction = extract(Article(id="question", title="", text=question))
    folded = _padded_words(question)
    kind = next((v for k, v in _KINDS.items() if k in folded), None)
    province = extraction.province or _longest_in(folded, {fold(n): n for n in PROVINCES_BY_NAME})
    blocs = [org_key(p.canonical) for p in extraction.participants if p.kind == "bloc"]
    organisations = [p.canonical for p in extraction.participants if p.kind == "organisation"]
    if records is not None and not (blocs or organisations):
        names = records.participant_names()
        found = _longest_in(folded, {k: k for k in names})
        if found:
            kind_of, written = names[found]
            (blocs if kind_of == "bloc" else organisations).append(found if kind_of == "bloc" else written)
    return Facets(
        province=province,
        years=[int(y) for y in re.findall(r"\b((?:19|20)\d{2})\b", question)],
        blocs=blocs,
        organisations=organisations,
        kind=kind,
    )


def _padded_words(text: str) -> str:
    """The words of `text`, folded and lower-cased, between single spaces and padded with one, so
    that `f" {phrase} " in _padded_words(text)` finds a whole phrase."""
    return " " + " ".join(re.findall(r"\w+", fold(text).lower())) + " "


def _longest_in(folded_question: str, candidates: dict[str, str]) -> str | None:
    """The value of the longest key that occurs in the question as whole words."""
    best = None
    for k, value in candidates.items():
        if k and f" {k} " in folded_question and (best is None or len(k) > len(best[0])):
            best = (k, value)
    return best[1] if best else None


# A question about the post a named person holds ("X giữ chức vụ nào?", "chức danh của X",
# "What is X's position?"), not about a post they were given (appointed, elected, moved to: the new
# post is the event's, not a title the article writes beside the name)
_ASKS_POSITION = re.compile(
    r"\b(?:chuc vu|chuc danh|cuong vi)\b(?:(?! cua ).)*\b(?:gi|nao)\b|\b(?:chuc vu|chuc danh) (?:cua|hien nay cua)\b"
    r"|\b(?:what|which) (?:is |was )?(?:the )?(?:position|title|post|role|job)\b|\b(?:position|title|post|job) (?:of|does|did)\b"
    r"|'s (?:position|title|post|job)\b")
_APPOINTED = re.compile(r"\b(?:bo nhiem|chi dinh|bau|dieu dong|phan cong|gioi thieu|duoc giao|chuyen sang|luan chuyen|"
                        r"de bat|appointed|elected|named|transferred|moved|promoted)\b")


# Posts held in a period or earlier ("từng giữ", "giai đoạn 1962 - 1965", "trước khi được luân chuyển"):
# a career, read from the passages, not the title the records hold beside the name
# ("từng" only as written: folded, it is the name "Tùng" too)
_IN_A_PERIOD = re.compile(r"\b(?:giai doan|lan luot|truoc khi|trong thoi gian|thoi ky|previously|formerly)\b"
                          r"|\b\d{4}\s*[-–]\s*(?:\d{1,2}/)?\d{4}\b")
_EVER = re.compile(r"\btừng\b", re.IGNORECASE)


def asks_position(folded_question: str, question: str = "") -> bool:
    """Whether a (folded) question asks which post a person it names holds (now, not in a period);
    `question`: as written, for what only tone marks tell apart."""
    return bool(_ASKS_POSITION.search(folded_question)) and not _APPOINTED.search(folded_question) \
        and not _IN_A_PERIOD.search(folded_question) and not _EVER.search(question)


# "Ông Lò Văn Khoa là ai?", "Who is Lo Van Khoa?": the whole question is a person's name and the
# question word; the name is capitalised and opens with a family name (a title does not: "Chủ tịch
# UBND tỉnh là ai?" asks who holds it)
_WHO_SOMEONE_IS = re.compile(
    r"^\s*(?:(?:ong|ba|dong chi|anh|chi)\s+)?(?P<name>[^\W\d_]+(?:\s+[^\W\d_]+){1,3})\s+la\s+ai\s*\??\s*$"
    r"|^\s*who\s+(?:is|was)\s+(?P<english>[^\W\d_]+(?:\s+[^\W\d_]+){1,3})\s*\??\s*$")


def asks_who_someone_is(question: str) -> bool:
    """Whether a question asks only who a person it names is ("Bà Mai Thị Hạnh là ai?", "Who is
    Mai Thi Hanh?"): what the records hold beside a name is the person's post."""
    folded = fold(question).lower()
    m = _WHO_SOMEONE_IS.match(folded)
    if not m or len(folded) != len(question):
        return False
    start, end = m.span("name") if m.group("name") else m.span("english")
    words = question[start:end].split()  # fold keeps each letter's place: the words as written
    return is_surname(words[0]) and all(w[:1].isupper() for w in words)


# Routes matched by what the question itself names (a person, or a title and a body) in whichever
# retrieved article names it: the chain does not ask their answers to come from the evidence's articles
NAMED_ROUTES = frozenset({"position", "holder"})


def route(qa: QuestionAnalysis) -> str | None:
    """Which structured answer fits the question: parties, count, org_pacts, themes, position, or None.

    The slot decides first: the records hold the parties of pacts (organisations), the pacts an
    organisation signed and the themes of articles; a question asking for anything else (people
    who signed, documents a meeting adopted, localities) is read from the passages."""
    folded = qa.folded_text
    slot = asked_item_kind(qa)
    if qa.answer_type in _THEME_KINDS and qa.wants_list:
        return "themes"
    if (qa.wants_list or qa.answer_type in ("list", "organisation")) and _PACT_NOUNS.search(folded) and re.search(
        r"\b(nhung|cac) (\w+ ){0,2}(giao uoc|quy che|chuong trinh|van ban|thoa thuan|bien ban)\b|\bwhich (pacts|agreements)\b", folded
    ):
        return "org_pacts"
    if (qa.wants_list or qa.answer_type == "list") and slot == "organisation" and _PACT_WORDS.search(folded) \
            and _MEMBER_NOUNS.search(folded):
        return "parties"
    if qa.answer_type == "number" and qa.noun and _MEMBER_NOUNS.match(qa.noun) and _PACT_WORDS.search(folded):
        return "count"
    if asks_position(folded, qa.text) or asks_who_someone_is(qa.text):
        return "position"
    if qa.answer_type == "person" and not qa.wants_list and (asked_title(folded) or _WHO_IS.match(folded)):
        return "holder"
    return None


def structured_answer(qa: QuestionAnalysis, intent: str, hits: list[Hit], records: RecordSource,
                      articles: dict[str, Article], evidence: list[tuple[str, int, int]] | None = None) -> Answer | None:
    """The records answer for `intent`; `evidence` (the reader's best sentences, best first, as
    (article id, start, end)) picks, among the pacts that fit the question, the one whose signing
    sentence the reader ranks highest."""
    facets = question_facets(qa.text, records)
    ranks: dict[str, int] = {}
    for rank, hit in enumerate(hits):
        ranks.setdefault(hit.article_id, rank)
    if intent in ("parties", "count"):
        return _parties_answer(qa, intent, facets, ranks, records, articles, evidence or [])
    if intent == "org_pacts":
        return _org_pacts_answer(qa, facets, records, articles)
    if intent == "themes":
        return _themes_answer(qa, facets, ranks, records, articles, evidence or [])
    if intent == "position":
        return _position_answer(qa, ranks, records, articles, evidence or [])
    if intent == "holder":
        return _holder_answer(qa, facets, ranks, records, articles, evidence or [])
    return None


_NAMES_CACHE: dict[int, tuple[tuple, dict[str, tuple[str, str]]]] = {}  # catalog → (state, names)


class RecordSource:
    """Access to stored records and articles (the catalog), limited to the allowed articles."""

    def __init__(self, catalog: Catalog, allowed: list[str] | None) -> None:
        self.catalog = catalog
        self.allowed = allowed

    def participant_names(self) -> dict[str, tuple[str, str]]:
        """Every stored organisation and bloc name, by its key: (kind, name as written); built
        once per state of the records."""
        key = (self.catalog.records_version(), tuple(self.allowed) if self.allowed is not None else None)
        cached = _NAMES_CACHE.get(id(self.catalog))
        if cached and cached[0] == key:
            return cached[1]
        names: dict[str, tuple[str, str]] = {}
        for kind, canonical, name in self.catalog.participant_names(self.allowed):
            for written in (canonical, name):
                if written:
                    names.setdefault(org_key(written), (kind, written))
        _NAMES_CACHE[id(self.catalog)] = (key, names)
        return names

    def records(self, record_type: str, article_ids: list[str] | None = None, kind: str | None = None) -> list[dict]:
        ids = article_ids
        if self.allowed is not None:
            ids = [i for i in (ids if ids is not None else self.allowed) if i in set(self.allowed)]
        return self.catalog.records(record_type, kind=kind, article_ids=ids)

    def article(self, article_id: str) -> Article:
        return self.catalog.article(article_id)


# --- pact parties and counts ------------------------------------------------------------------
def _pact_fits(pact: dict, facets: Facets) -> bool:
    if facets.province and pact.get("province") and pact["province"] != facets.province:
        return False
    if facets.years:
        years = {pact.get("year")} | ({int(pact["date"][:4])} if pact.get("date") else set())
        if not years & set(facets.years):
            return False
    if facets.blocs:
        bloc = org_key(pact.get("bloc_canonical") or pact.get("bloc") or "")
        if not any(_same_bloc(b, bloc) for b in facets.blocs):
            return False
    if facets.kind and fold(pact.get("kind") or "").split()[:2] != fold(facets.kind).split()[:2]:
        return False
    return True


def _same_organisation(asked: str, stored: str) -> bool:
    """Organisation keys that name the same body, one perhaps without its province ("so noi vu tinh"
    in an article about one province, "so noi vu tinh lang son" in the question)."""
    return bool(asked and stored) and (asked == stored or stored.startswith(asked + " ") or asked.startswith(stored + " "))


def _names_asked_party(pact: dict, facets: Facets) -> bool:
    """A question that names organisations asks about a pact they signed: one of them is a party."""
    if not facets.organisations:
        return True
    asked = [org_key(o) for o in facets.organisations]
    return any(_same_organisation(a, org_key(p)) for p in pact.get("parties") or [] for a in asked)


# "A ký … với những bên nào / với ai / với bao nhiêu …", "with which / whom": the question names
# one side and asks for the other
_COUNTERPART = re.compile(r"\bvoi (?:(?:nhung|cac|mot so) )?(?:\w+ ){0,4}?(?:nao|ai|bao nhieu)\b"
                          r"|\bwith (?:which|whom|what|how many)\b|\b(?:which|who|whom|how many)\b.*\bwith\W*$")


def asks_counterpart(question: str) -> bool:
    """Whether the question asks with whom a pact was signed (its signer named, the other side asked)."""
    return bool(_COUNTERPART.search(fold(question).lower()))


def _same_bloc(asked: str, stored: str) -> bool:
    """Bloc names match when the asked one (province dropped when not given) is in the stored one."""
    asked_words = [w for w in asked.split() if w not in ("tinh", "thanh", "pho")]
    return bool(stored) and all(w in stored.split() for w in asked_words)


def _parties_answer(qa: QuestionAnalysis, intent: str, facets: Facets, ranks: dict[str, int], records: RecordSource,
                    articles: dict[str, Article], evidence: list[tuple[str, int, int]]) -> Answer | None:
    # a pact is signed by two parties or more: a record with one was read short (the others are
    # named where extraction did not follow), and the passage path answers instead
    pacts = [p for p in records.records("pact") if len(p.get("parties") or []) >= 2 and _pact_fits(p, facets)
             and _names_asked_party(p, facets)]
    if not pacts:
        return None
    content = set(qa.all_content)

    def sentence_rank(p: dict) -> int:
        """The reader's rank of the pact's signing sentence (99: not among its best)."""
        return next((i for i, (aid, s, e) in enumerate(evidence)
                     if aid == p["article_id"] and s < p["sentence_end"] and p["sentence_start"] < e), 99)

    def score(p: dict) -> tuple:
        words = set(fold(" ".join([p.get("bloc_canonical") or "", p.get("kind") or "", p.get("province") or ""])).split())
        return (sentence_rank(p), -len(content & words), ranks.get(p["article_id"], 99), p["article_id"])

    pacts.sort(key=score)
    best = pacts[0]
    article = _load(best["article_id"], articles, records)
    participants = {r.get("canonical"): r for r in records.records("participant", [article.id])}
    citations: list[Citation] = []
    head_cite = _cite_sentence(article, best["start"], best["end"], citations)
    aside = [p for p in best["parties"] if qa.sets_aside(p)]  # "Ngoài X, cụm còn những thành viên nào?"
    parties = [p for p in best["parties"] if p not in aside]
    if not parties:
        return None
    signers: list[str] = []
    if intent != "count" and facets.organisations and asks_counterpart(qa.text):
        # the side the question names is not what it asks for: the other parties are listed
        asked = [org_key(o) for o in facets.organisations]
        signers = [p for p in parties if any(_same_organisation(a, org_key(p)) for a in asked)]
        if signers and len(signers) < len(parties):
            parties = [p for p in parties if p not in signers]
        else:
            signers = []
    items: list[tuple[str, Citation]] = []
    for party in parties:
        record = participants.get(party)
        start, end = (record["start"], record["end"]) if record else (best["sentence_start"], best["sentence_end"])
        citation = _cite_sentence(article, start, end, citations)
        items.append((_display_name(record, party), citation))
    others = [p for p in pacts[1:] if p["article_id"] != best["article_id"] and score(p)[1] == score(best)[1]][:3]
    what = best.get("bloc_canonical") or best.get("kind") or "văn bản"
    when = best.get("date") or best.get("year")
    stated = best.get("party_count")
    if intent == "count":
        number = stated or len(items)
        noun = _COUNTED.get(qa.noun or "", "đơn vị")  # "bao nhiêu ngành" → "06 ngành"
        short = f"{number:02d} {noun}" if number < 10 else f"{number} {noun}"
        text = (f"{short} [{head_cite.n}] — {what}" + (f" ({_fmt_date(when)})" if when else "") + ":\n"
                + "\n".join(f"- {as_answer_text(name)} [{c.n}]" for name, c in items))
        return Answer(qa.text, text, False, citations, short_answer=short)
    head = _pact_heading(best, what, when)
    count_note = f"; bài viết nêu {stated} đơn vị" if stated and stated != len(items) + len(signers) + len(aside) else ""
    if aside:
        besides = ", ".join(_display_name(participants.get(p), p) for p in aside)
        lead = f"{head}: ngoài {as_answer_text(besides)}, còn {len(items)} bên tham gia, theo 1 bài viết{count_note}"
    elif signers:
        signer = _display_name(participants.get(signers[0]), signers[0])
        lead = f"{head}: {as_answer_text(signer)} ký với {len(items)} bên, theo 1 bài viết{count_note}"
    else:
        lead = f"{head} gồm {len(items)} bên tham gia, theo 1 bài viết{count_note}"
    text = (f"{lead} [{head_cite.n}]:\n"
            + "\n".join(f"- {as_answer_text(name)} [{c.n}]" for name, c in items))
    if others:
        text += "\n\nCác bài viết khác cũng nêu: " + "; ".join(
            f"{o.get('bloc_canonical') or o.get('kind')} ({_fmt_date(o.get('date') or o.get('year'))}, {o['article_id']})"
            for o in others
        ) + "."
    return Answer(qa.text, text, False, citations, short_answer="; ".join(name for name, _ in items))


def _pact_heading(pact: dict, what: str, when: object) -> str:
    """"Khối thi đua Nội chính (giao ước thi đua, 17/3/2021)"; a pact named only by its kind is
    written once, with its period: "Chương trình phối hợp giai đoạn 2023–2026 (8/9/2023)"."""
    kind = pact.get("kind") or ""
    if what == kind:
        name = what[:1].upper() + what[1:] + (f" giai đoạn {pact['period']}" if pact.get("period") else "")
        return name + (f" ({_fmt_date(when)})" if when else "")
    return what + (f" ({kind}, {_fmt_date(when)})" if when else f" ({kind})")


# --- the post a named person holds ------------------------------------------------------------

# "ai" + an adverb of time or none + "là" / "giữ chức (vụ)" / "đảm nhiệm (chức)" + the title
_HOLDER_ADVERBS = ("", "dang ", "hien ", "hien dang ")
_HOLDER_VERBS = ("la", "giu chuc", "giu chuc vu", "dam nhiem", "dam nhiem chuc")
_HOLDER_FRAMES = tuple(f"ai {adverb}{verb} {{t}} " for adverb in _HOLDER_ADVERBS for verb in _HOLDER_VERBS)
_HOLDER_ENDS = re.compile(r" (?:la ai|ten la gi|la ai vay|hien nay la ai) $")


def asked_title(folded_question: str) -> str | None:
    """The title of office a (folded) question asks the holder of — "ai là phó giám đốc công an tỉnh
    …", "chủ tịch hội nông dân tỉnh … là ai" → "pho giam doc", "chu tich" (longest first); None for
    any other question (one that asks who else chaired a meeting a named minister chaired names a
    title and asks no holder)."""
    padded = _padded_words(folded_question)
    for t in CORE_TITLES_FOLDED:
        if any(" " + frame.format(t=t) in padded for frame in _HOLDER_FRAMES):
            return t
    # "<title> … là ai?", the title opening the question or its clause after a comma
    opening = _padded_words(folded_question.rsplit(",", 1)[-1])
    if _HOLDER_ENDS.search(opening):
        return next((t for t in CORE_TITLES_FOLDED if opening.startswith(f" {t} ")), None)
    return None


# "Who is the secretary of …?": an English question for a holder, its title and body read from the
# glossary's Vietnamese terms
_WHO_IS = re.compile(r"who (?:is|was) (?:the |a )?(?:current )?\w")
_PLACE_WORDS = frozenset("tinh thanh pho huyen quan xa phuong".split())
_LEVELS = frozenset({"tinh", "huyen"})  # a province's, a district's (one syllable each, no other word's)


def _english_holder(question: str) -> tuple[str | None, set[str]]:
    """The title (folded, longest first) and the set of Vietnamese words an English "who is the
    <title> of <body>" question renders to (`index.glossary.vietnamese_terms`)."""
    terms = vietnamese_terms(question)
    rendered = " " + " ".join(terms) + " "
    return next((t for t in CORE_TITLES_FOLDED if f" {t} " in rendered), None), set(terms)


def _body_in_terms(stored: str, terms: set[str]) -> bool:
    """Whether every word of a stored organisation's key but its place nouns ("tỉnh", "thành phố")
    is among an English question's Vietnamese words: the question names that body. A question that
    names a level ("… District People's Committee") names no body of another level (a province's)."""
    words = set(stored.split()) - _PLACE_WORDS
    asked_levels = terms & _LEVELS
    return len(words) >= 2 and words <= terms and (not asked_levels or set(stored.split()) & _LEVELS <= asked_levels)


def _holder_answer(qa: QuestionAnalysis, facets: Facets, ranks: dict[str, int], records: RecordSource,
                   articles: dict[str, Article], evidence: list[tuple[str, int, int]]) -> Answer | None:
    """"Chánh Thanh tra tỉnh X là ai?": the person a retrieved article writes with that title of
    that organisation (the title exactly: a deputy is not the head), cited by the sentence that
    writes it; the holders other articles name are added, each cited. None when the question names
    no organisation, or no retrieved article names a holder."""
    if qa.english:
        title, terms = _english_holder(qa.text)

        def names_body(stored: str) -> bool:
            return _body_in_terms(stored, terms)
    else:
        title = asked_title(qa.folded_text)
        asked = [org_key(o) for o in facets.organisations]

        def names_body(stored: str) -> bool:
            return any(_same_organisation(a, stored) for a in asked)
    if title is None or not (qa.english or facets.organisations):
        return None
    holders = [r for r in records.records("participant", list(ranks), kind="person")
               if fold(r.get("title") or "").lower() == title
               and names_body(org_key(r.get("organisation_canonical") or r.get("organisation") or ""))]
    if facets.years:  # "năm 2022, ai là …": the holder an article of that year names, when one does
        holders = [r for r in holders if str(r.get("article_date") or "")[:4] in {str(y) for y in facets.years}] or holders
    if not holders:
        return None
    holders.sort(key=_by_evidence(evidence, ranks))
    citations: list[Citation] = []
    lines: list[str] = []
    names: list[str] = []
    for r in holders:
        if r["name"] in names or len(names) == 3:
            continue
        article = _load(r["article_id"], articles, records)
        cite = _cite_sentence(article, r["start"], r["end"], citations)
        post = _post(r)
        when = f" ({_fmt_date(r['article_date'])})" if r.get("article_date") and names else ""
        lines.append(f"{as_answer_text(r['name'])} – {as_answer_text(post.strip())}{when} [{cite.n}]")
        names.append(r["name"])
    text = lines[0] if len(lines) == 1 else lines[0] + "\n\nCác bài viết khác nêu: " + "; ".join(lines[1:])
    return Answer(qa.text, text, False, citations, short_answer=names[0])


def _by_evidence(evidence: list[tuple[str, int, int]], ranks: dict[str, int]):
    """Sort key of person records: the article of the reader's best evidence sentence first, then
    the retrieval rank of the article, then the mention's place in it."""
    order = {aid: i for i, (aid, _s, _e) in reversed(list(enumerate(evidence)))}
    return lambda r: (order.get(r["article_id"], 99), ranks.get(r["article_id"], 99), r["start"])


def _post(person: dict) -> str:
    """A person record's post with its organisation written out: "Phó Giám đốc" of "Công an tỉnh"
    → "Phó Giám đốc Công an tỉnh Phú Thọ"; "Chủ tịch Hội Nông dân tỉnh" → "… tỉnh Vĩnh Phúc"."""
    post, organisation = person.get("position") or person.get("title") or "", person.get("organisation") or ""
    if not organisation:
        return post
    shown = _display_name({"name": organisation}, person.get("organisation_canonical") or organisation)
    if post.endswith(organisation):
        return post[: len(post) - len(organisation)] + shown
    return post if org_key(organisation) in org_key(post) else f"{post} {shown}"


def _position_answer(qa: QuestionAnalysis, ranks: dict[str, int], records: RecordSource,
                     articles: dict[str, Article], evidence: list[tuple[str, int, int]]) -> Answer | None:
    """"X giữ chức vụ nào?": the post the article beside the question's evidence writes with the
    person's name (the person records of the retrieved articles whose name the question holds,
    with or without tone marks), cited by the sentence that writes it. None when no retrieved
    article names the person with a post."""
    padded = _padded_words(qa.text)
    named = [r for r in records.records("participant", list(ranks), kind="person") if r.get("position") and len((r.get("key") or "").split()) >= 2
             and f" {r['key']} " in padded]
    if not named:
        return None
    best = min(named, key=_by_evidence(evidence, ranks))
    article = _load(best["article_id"], articles, records)
    citations: list[Citation] = []
    cite = _cite_sentence(article, best["start"], best["end"], citations)
    post = _post(best)
    posts = [post] + [p for p in best.get("other_positions") or [] if isinstance(p, str) and p != post]
    short = "; ".join(posts)
    text = f"{as_answer_text(best['name'])}: {as_answer_text(short)} [{cite.n}]"
    return Answer(qa.text, text, False, citations, short_answer=short)


# --- pacts signed by an organisation ----------------------------------------------------------
def _org_pacts_answer(qa: QuestionAnalysis, facets: Facets, records: RecordSource,
                      articles: dict[str, Article]) -> Answer | None:
    if not facets.organisations:
        return None
    asked = [org_key(o) for o in facets.organisations]
    found = []
    for pact in records.records("pact"):
        if not _pact_fits(pact, Facets(None, facets.years, [], [], facets.kind)):
            continue
        keys = [org_key(p) for p in pact.get("parties") or []]
        if any(any(k == a or k.startswith(a + " ") for k in keys) for a in asked):
            found.append(pact)
    if not found:
        return None
    citations: list[Citation] = []
    lines = []
    seen = set()
    for pact in sorted(found, key=lambda p: (p.get("date") or str(p.get("year") or ""), p["article_id"])):
        signature = (pact.get("kind"), pact.get("bloc_canonical"), pact.get("year"), tuple(pact.get("parties") or []))
        if signature in seen:
            continue
        seen.add(signature)
        article = _load(pact["article_id"], articles, records)
        c = _cite_sentence(article, pact["start"], pact["end"], citations)
        partners = [p for p in pact.get("parties") or [] if not any(org_key(p).startswith(a) for a in asked)]
        what = pact.get("kind") or "văn bản"
        if pact.get("bloc_canonical"):
            what += f" của {pact['bloc_canonical']}"
        elif partners:
            what += " với " + ", ".join(partners[:4]) + ("…" if len(partners) > 4 else "")
        when = pact.get("date") or pact.get("year")
        lines.append(f"- {as_answer_text(what)}" + (f" ({_fmt_date(when)})" if when else "") + f" [{c.n}]")
    n_articles = len({c.article_id for c in citations})
    name = facets.organisations[0]
    text = f"{name}: {len(lines)} văn bản đã ký, trong {n_articles} bài viết:\n" + "\n".join(lines)
    return Answer(qa.text, text, False, citations, short_answer="; ".join(line[2:].split(" [")[0] for line in lines))


# --- campaigns, slogans, directives -----------------------------------------------------------
THEME_EVIDENCE_SENTENCES = 3  # campaigns and slogans are listed from the articles of this many best sentences


def _themes_answer(qa: QuestionAnalysis, facets: Facets, ranks: dict[str, int], records: RecordSource,
                   articles: dict[str, Article], evidence: list[tuple[str, int, int]] | None = None) -> Answer | None:
    kinds = _THEME_KINDS[qa.answer_type]
    # the articles of the reader's best sentences: a question about one event lists its campaigns,
    # not those of every article retrieved beside it
    near = {aid for aid, _, _ in (evidence or [])[:THEME_EVIDENCE_SENTENCES]}
    scoped = [aid for aid in ranks if aid in near] or list(ranks)
    if facets.province or facets.years or facets.blocs or facets.organisations:
        pacts = [p for p in records.records("pact") if _pact_fits(p, facets)]
        scoped = list(dict.fromkeys([p["article_id"] for p in pacts] + [a for a in scoped if a in {p["article_id"] for p in pacts}]))
    if not scoped:
        return None
    themes = _of_asked_kind(qa, _not_set_aside(qa, [t for t in records.records("theme", scoped) if t.get("kind") in kinds]))
    if not themes:
        return None
    order = {aid: i for i, aid in enumerate(scoped)}
    themes.sort(key=lambda t: (order.get(t["article_id"], 99), t["start"]))
    citations: list[Citation] = []
    lines, seen = [], set()
    for theme in themes:
        k = fold(theme.get("text") or "")
        if k in seen:
            continue
        seen.add(k)
        article = _load(theme["article_id"], articles, records)
        c = _cite_sentence(article, theme["start"], theme["end"], citations)
        lines.append((theme["text"], c))
    n_articles = len({c.article_id for c in citations})
    label = {"campaign": "phong trào, cuộc vận động", "theme": "chủ đề, khẩu hiệu", "directive": "văn bản chỉ đạo"}[qa.answer_type]
    if _DOCUMENT_KIND_BY_NOUN.get(asked_noun(qa) or "") and (written := asked_noun_as_written(qa)):
        label = written  # "Tìm thấy 2 nghị định …": the kind asked, as the question writes it
    text = (f"Tìm thấy {len(lines)} {label} trong {n_articles} bài viết:\n"
            + "\n".join(f"- {as_answer_text(t)} [{c.n}]" for t, c in lines))
    return Answer(qa.text, text, False, citations, short_answer="; ".join(t for t, _ in lines))


# A document kind by the noun that names it (folded): "những nghị định nào" asks for decrees alone
_DOCUMENT_KIND_BY_NOUN = {fold(name).lower(): kind for name, kind in DOC_KIND_NAMES + LAW_KIND_NAMES}


def _of_asked_kind(qa: QuestionAnalysis, themes: list[dict]) -> list[dict]:
    """The documents of the kind the question's noun names ("những nghị định nào": decrees, no law or
    plan of the same article); all of them when its noun names none ("những văn bản nào")."""
    kind = _DOCUMENT_KIND_BY_NOUN.get(asked_noun(qa) or "") if qa.answer_type == "directive" else None
    return themes if kind is None else [t for t in themes if t.get("kind") == kind]


def _not_set_aside(qa: QuestionAnalysis, themes: list[dict]) -> list[dict]:
    """The themes but those the question sets aside by the words that introduced them ("Ngoài các
    phong trào thi đua, … những cuộc vận động nào": none introduced as "phong trào thi đua …")."""
    def introduced(theme: dict) -> str:
        return " " + " ".join(re.findall(r"\w+", fold(theme.get("trigger") or "").lower())) + " "

    aside = [re.sub(r"^(?:cac|nhung)\s+", "", x) for x in qa.excluded]
    return [t for t in themes if not any(f" {x} " in introduced(t) for x in aside if x)]


# --- helpers ----------------------------------------------------------------------------------
def _load(article_id: str, articles: dict[str, Article], records: RecordSource) -> Article:
    """An article by id, from those already loaded for this answer or from the catalog (the
    verifier checks every citation against `articles`, so it is added there)."""
    if article_id not in articles:
        articles[article_id] = records.article(article_id)
    return articles[article_id]


def _cite_sentence(article: Article, start: int, end: int, citations: list[Citation]) -> Citation:
    """The citation of the sentence containing [start, end), reusing an existing one."""
    s, e = start, end
    for ss, se in sentence_spans(article.text):
        if ss <= start < se or (start <= ss < end):
            s, e = min(ss, start), max(se, end)
            break
    for c in citations:
        if c.article_id == article.id and c.start == s and c.end == e:
            return c
    c = Citation(n=len(citations) + 1, article_id=article.id, title=article.title, date=article.date,
                 source=article.source, url=article.url, quote=article.text[s:e], start=s, end=e,
                 date_inferred=bool(article.metadata.get("date_inferred")))
    citations.append(c)
    return c


def _display_name(record: dict | None, canonical: str) -> str:
    """The name as the article writes it, completed with what the canonical form adds
    ("Công an tỉnh" in a Lạc Sơn article → "Công an tỉnh Lạc Sơn"; "UBND huyện Mường Khoa" stays)."""
    if not record:
        return canonical
    name = record.get("name") or canonical
    name_key, canonical_key = org_key(name).split(), org_key(canonical).split()
    if canonical_key[: len(name_key)] != name_key:
        return f"{name} ({canonical})"
    extra = len(canonical_key) - len(name_key)
    return name if extra <= 0 else f"{name} {' '.join(canonical.split()[-extra:])}"


def _fmt_date(value: object) -> str:
    if isinstance(value, str) and re.match(r"\d{4}-\d{2}-\d{2}$", value):
        y, m, d = value.split("-")
        return f"{int(d)}/{int(m)}/{y}"
    return f"năm {value}" if value else ""
