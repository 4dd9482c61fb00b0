"""The extractive answerer: typed short answers from retrieved sentences, each cited exactly.

1. Every sentence of the retrieved chunks is scored by how much of the question's content it
   covers (with and without tone marks; words found only in the article title or the chunk count
   half) and by its chunk's retrieval score.
2. The question's anchors — years and proper names — must occur in the sentence's article;
   evidence from an article about another province or year is not evidence.
3. Candidates of the expected answer type (date, number, person, organisation, list items,
   slogan, campaign, directive, place, title) are taken from the best sentences; a candidate
   that merely repeats the question is skipped.
4. The short answer comes first, then the sentence it came from, each with `[n]`. When no
   sentence covers the question well enough, the answer abstains and lists the closest
   passages as "see also".
Thresholds live in `AnswerPolicy`; they were calibrated on eval/sets/demo.jsonl.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.normalize import fold, fold_aligned, spell_out, with_abbreviations
from corpus.records import Article
from corpus.sentences import sentence_spans
from index.glossary import vietnamese_names
from index.retrieval import Hit

from .candidates import OFFICE, OFFICES, ORG_START, Candidate, candidates, role_of
from .question import QuestionAnalysis, analyse_question, split_context
from .records import Answer, Citation

NOT_FOUND = "Không tìm thấy thông tin này trong các bài viết."
_WORD = re.compile(r"\w+")

# Which candidate kinds answer which question type.
KINDS_FOR_TYPE: dict[str, list[str]] = {
    "date": ["date"],
    "number": ["number"],
    "person": ["person"],
    "title": ["title"],
    "role": ["role"],
    "organisation": ["organisation"],
    "place": ["place", "organisation"],
    "locality": ["locality"],
    "theme": ["quote"],
    "campaign": ["campaign", "quote"],
    "directive": ["directive"],
    "list": ["item"],
}


@dataclass(frozen=True)
class AnswerPolicy:
    """Thresholds of the extractive answerer (calibrated on the demo question set)."""

    min_coverage: float = 0.6  # share of question content a sentence must cover to be evidence
    min_local_coverage: float = 0.5  # share of the specific question words near a typed answer
    min_dense_english: float = 0.80  # English questions: cosine of the best chunk
    min_coverage_english: float = 0.8  # ... or coverage of their Vietnamese rendering
    max_support: int = 2  # supporting sentences shown after the short answer
    max_list_sentences: int = 6  # sentences gathered for campaign / slogan lists


@dataclass
class _Sentence:
    hit: Hit
    rank: int
    start: int
    end: int
    coverage: float
    score: float


def extractive_answer(question: str, hits: list[Hit], articles: dict[str, Article],
                      policy: AnswerPolicy = AnswerPolicy()) -> Answer:
    """Answer `question` from `hits`; `articles` maps article ids to stored articles."""
    qa = analyse_question(question)
    sentences = _score_sentences(qa, hits, articles)
    sentences.sort(key=lambda s: -s.score)
    if not _supported(qa, sentences, policy):
        return _abstain(question, sentences, articles)
    kinds = KINDS_FOR_TYPE.get(qa.answer_type)
    if qa.wants_list and qa.answer_type in ("campaign", "theme", "directive", "person", "organisation"):
        answer = _gathered_list(qa, sentences, articles, kinds or ["item"], policy)
    elif kinds:
        answer = _typed_answer(qa, sentences, articles, kinds, policy)
    else:
        answer = None
    if answer is None:
        if kinds and qa.answer_type not in ("list", "place"):
            return _abstain(question, sentences, articles)
        answer = _sentence_answer(qa, sentences, articles, policy)
    return answer


# --- evidence ---------------------------------------------------------------------------------
def _words(text: str) -> set[str]:
    """The folded words of `text`, with civic abbreviations and their spelled-out forms matching
    each other ("UBTƯ MTTQ" answers "Ủy ban Trung ương Mặt trận Tổ quốc")."""
    return with_abbreviations(set(_WORD.findall(fold(text))))


def _phrase_text(text: str) -> str:
    """`text` folded to its words, written a second time with abbreviations spelled out, padded
    with spaces so that `f" {phrase} " in` finds whole phrases in either form."""
    words = " ".join(_WORD.findall(fold(text)))
    return f" {words} \n {spell_out(words)} "


def _score_sentences(qa: QuestionAnalysis, hits: list[Hit], articles: dict[str, Article]) -> list[_Sentence]:
    wanted = qa.content
    years, phrases = _anchors(qa)
    seen: set[tuple[str, int]] = set()
    out: list[_Sentence] = []
    has_names: dict[str, bool] = {}  # per article: folded once, however many of its chunks were hit
    for rank, hit in enumerate(hits):
        article = articles[hit.article_id]
        if phrases and hit.article_id not in has_names:
            folded_article = _phrase_text(article.title + " " + article.text)  # "UBND" and "Ủy ban nhân dân" alike
            has_names[hit.article_id] = all(f" {p} " in folded_article for p in phrases)
        if phrases and not has_names[hit.article_id]:
            continue
        title_words = _words(article.title) | ({article.date[:4]} if article.date else set())
        context = _words(article.title + " " + hit.text)
        for s, e in sentence_spans(article.text, hit.start, hit.end):
            if (hit.article_id, s) in seen:
                continue
            seen.add((hit.article_id, s))
            words = _words(article.text[s:e])
            if years and not all(y in words or y in title_words for y in years):
                continue  # a year the question asks about must be the sentence's or the article's own
            if wanted:
                got = sum(1.0 if qa.found(w, words) else 0.5 if qa.found(w, context) else 0.0 for w in wanted)
                # the conversation's context says which article: its words count nearly in full
                # anywhere in the chunk or title, in full in the sentence
                got += sum(1.0 if w in words else 0.75 if w in context else 0.0 for w in qa.context)
                coverage = got / (len(wanted) + len(qa.context))
            else:
                coverage = 0.0
            score = coverage + 0.35 * hit.score - 0.01 * rank
            if qa.english and not wanted:  # nothing of it said in Vietnamese: the passage's rank only
                score = hit.score - 0.01 * rank
            out.append(_Sentence(hit, rank, s, e, coverage, score))
    return out


def _anchors(qa: QuestionAnalysis) -> tuple[list[str], list[str]]:
    """Years, and folded proper-name phrases (runs of capitalised words after the first word),
    that the evidence must share: the years in its sentence or its article's title or date, the
    names as whole phrases in its article."""
    text = qa.text
    years = re.findall(r"\b(?:19|20)\d{2}\b", text)
    if qa.english:
        return years, vietnamese_names(text)
    phrases: list[str] = _bloc_names(text)
    run: list[str] = []
    for i, word in enumerate(text.split()):
        clean = word.strip("?.,;:!“”\"'()")
        capitalised = i > 0 and clean[:1].isupper() and clean.replace("-", "").isalpha() and len(clean) > 1
        if capitalised:
            run.append(fold(clean))
        if run and (not capitalised or word != clean):
            phrases.append(" ".join(run))
            run = []
    if run:
        phrases.append(" ".join(run))
    return years, phrases


def _phrase_coverage(qa: QuestionAnalysis, sent: _Sentence) -> float:
    """Share of an English question's rendered phrases ("hoi nong dan", "vinh phuc") found whole in
    the sentence's passage and title, abbreviations spelled out: a word-for-word match is not
    enough to answer ("hội" of "hội nghị", "dân" of "UBND" are no "Hội Nông dân")."""
    if not qa.phrases:
        return 0.0
    passage = _phrase_text(sent.hit.title + " " + sent.hit.text)
    return sum(f" {p} " in passage for p in qa.phrases) / len(qa.phrases)


_BLOC = re.compile(r"\b(?:khoi|cum) thi dua (?!(?:da|se|dang|co|la|duoc|trong|cua|va|nam|tinh|nay|do|nao|gi|kia)\b)"
                   r"((?:\w+ ){0,8}?\w+)(?= (?:tinh|thanh pho|tp|huyen|thi xa|nam|giai doan|gom|da|ky|to chuc|\d)\b"
                   r"|\s*[?,.;:()]|\s*$)")


def _bloc_names(question: str) -> list[str]:
    """The distinguishing words of an emulation bloc or cluster the question names: "Khối thi đua
    Nội chính tỉnh Nghệ An" → "noi chinh"; the last two words of the name, which the article must
    contain too (a list of another bloc of the same province is no answer)."""
    m = _BLOC.search(fold(split_context(question)[0]))
    if not m:
        return []
    words = [w for w in m.group(1).split() if w not in ("cac", "so")]
    return [" ".join(words[-2:])] if words else []


def _supported(qa: QuestionAnalysis, sentences: list[_Sentence], policy: AnswerPolicy) -> bool:
    if not sentences:
        return False
    if qa.english:
        best = max(s.hit.scores.get("dense_raw", 0.0) for s in sentences)
        # or its Vietnamese rendering is nearly all in one sentence's passage (its names are
        # already anchors): a rendering is partial, so more is asked of it than of Vietnamese
        return best >= policy.min_dense_english or (
            qa.lexical and max(_phrase_coverage(qa, s) for s in sentences[:12]) >= policy.min_coverage_english)
    return max(s.coverage for s in sentences) >= policy.min_coverage


# --- answers ----------------------------------------------------------------------------------
def _typed_answer(qa, sentences, articles, kinds, policy) -> Answer | None:
    question_folded = qa.folded
    asked_office = _asked_office(qa)
    best: tuple[float, _Sentence, Candidate] | None = None
    for sent in sentences[:12]:
        if qa.lexical and sent.coverage < policy.min_coverage * 0.75:
            continue
        text = articles[sent.hit.article_id].text
        found = [c for c in candidates(text, sent.start, sent.end, set(kinds)) if c.kind in kinds]
        if "item" in kinds:
            items = [c for c in found if c.kind == "item"]
            if len(items) >= 2:
                return _list_answer(qa, sent, items, articles)
            continue
        specific = _specific_words(qa, articles[sent.hit.article_id])
        period = bool(_PERIOD_QUESTION.search(question_folded))
        for cand in found:
            if _repeats_question(cand.text, question_folded):
                continue
            if cand.kind == "date" and period != bool(_YEAR_RANGE.search(cand.text)):
                continue  # "giai đoạn nào" wants "2021–2025"; "ngày nào" never a range
            office = _holds_office(asked_office, cand, text, sent) if cand.kind == "person" and asked_office else None
            if office is False:
                continue  # "Ai là Bí thư Tỉnh ủy?" is not answered by the Bí thư Tỉnh đoàn
            # the office of the body the question names, held by this person, is the evidence that
            # matters; the question's other words ("phát biểu tại Đại hội …") need not be near
            if cand.kind == "number" and qa.noun and not _number_fits(qa.noun, cand, text[cand.end - len(cand.extra):cand.end + 30]):
                continue
            counted = cand.kind == "number" and bool(qa.noun)  # it counts the question's noun (checked above)
            if qa.lexical and not office and _local_coverage(qa, cand, text, sent, specific, counted) < policy.min_local_coverage:
                continue
            value = sent.score + _candidate_bonus(qa, cand, kinds, text, sent, specific)
            if best is None or value > best[0]:
                best = (value, sent, cand)
    if best is None:
        return None
    _, sent, cand = best
    short = _display(qa, cand, articles[sent.hit.article_id].text)
    if cand.kind == "number" and len(qa.nouns) > 1:
        short = _several_counts(qa, cand, articles[sent.hit.article_id].text, sent) or short
    return _compose(qa, short, [sent], sentences, articles, policy)


def _several_counts(qa: QuestionAnalysis, cand: Candidate, text: str, sent: _Sentence) -> str | None:
    """"Bao nhiêu chương, điều?" → "4 chương, 15 điều": one count per asked noun, all from the
    chosen sentence, in the question's order; None unless every noun has its count."""
    found = [c for c in candidates(text, sent.start, sent.end, {"number"}) if c.kind == "number"]
    parts = []
    for noun in qa.nouns:
        match = next((c for c in found if fold(c.extra).startswith(noun)), None)
        if match is None:
            return None
        value = re.match(r"[\d.,]+\s?%?", match.text).group(0).strip()  # type: ignore[union-attr]
        parts.append(f"{value} {' '.join(match.text[len(value):].split()[:len(noun.split())])}")
    return ", ".join(parts)


_MONEY = ("tien", "kinh phi", "ngan sach", "von", "tien thuong", "chi phi")
_PERCENT = ("phan tram", "ti le", "ty le")
_ORG_NOUNS = {"don vi", "co quan", "to chuc", "thanh vien", "dia phuong", "tap the", "ben"}


def _number_fits(noun: str, cand: Candidate, after: str = "") -> bool:
    """Whether a number candidate counts what the question asks for ("bao nhiêu đơn vị" → "07
    đơn vị"; money → đồng/triệu/tỷ; percentages → %)."""
    extra = spell_out(fold(cand.extra))  # "58 ĐB" counts "đại biểu"
    if noun.startswith(_MONEY):
        return extra.startswith(("dong", "trieu", "ty", "nghin", "ngan"))
    if noun.startswith(_PERCENT):
        return "%" in cand.text
    if noun in _ORG_NOUNS or noun.split()[0] in {n.split()[0] for n in _ORG_NOUNS}:
        return any(extra.startswith(n) for n in _ORG_NOUNS)
    # the counted noun first, or in a short list of nouns ("8.742 tố giác, tin báo về tội phạm")
    listed = re.match(r"\w+(?: \w+)?, (\w+)", fold(after))
    return extra.startswith(noun.split()[0]) or bool(listed and listed.group(1) == noun.split()[0])


_ASKED_OFFICE = re.compile(rf"\b({OFFICES}) (\w+ \w+)")
_ASKS_WHO_HOLDS = re.compile(rf"\bai (?:la|dang la|hien la|giu chuc|lam|dam nhiem) (?:{OFFICES})\b|^\s*(?:{OFFICES})\b.*\bla ai\b")


def _asked_office(qa: QuestionAnalysis) -> tuple[str, str] | None:
    """For "Ai là Giám đốc Công an tỉnh …?": (office, first two words of its body), e.g.
    ("giam doc", "cong an"). None unless the question asks who holds an office of a body."""
    if qa.answer_type != "person":
        return None
    own = spell_out(fold(split_context(qa.text)[0]))
    # only a question that asks who holds the office ("Ai là …", "… là ai", "Who is the …"), not
    # one that names it as context ("Ai trao Bằng khen cho Giám đốc Sở Tư pháp?")
    if not (_ASKS_WHO_HOLDS.search(own) or qa.english and re.match(r"\s*who (?:is|was|are|were) (?:the )?", own)):
        return None
    # an English question through its rendering, where "chairman of the People's Committee" reads
    # "chu tich uy ban nhan dan" (office before body, as in Vietnamese)
    if qa.english:  # names and place words dropped: "the Nghe An provincial Farmers' Association"
        named = {w for name in vietnamese_names(qa.text) for w in name.split()} | {"tinh", "huyen", "thanh", "pho"}
        asked = _ASKED_OFFICE.search(" ".join(w for w in qa.rendered.split() if w not in named))
    else:
        asked = _ASKED_OFFICE.search(own)
    if not asked or not ORG_START.match(asked.group(2)):
        return None
    return asked.group(1), asked.group(2)


def _holds_office(asked: tuple[str, str], cand: Candidate, text: str, sent: "_Sentence") -> bool:
    """Whether the person's title is the asked office of the asked body — not the same office of
    another body, nor its deputy ("Phó Giám đốc"). The title is the one written with the name
    ("X – Giám đốc Công an tỉnh"), else the words around the name."""
    office, body = asked
    title = spell_out(fold(cand.extra))
    if re.search(rf"(?<!pho )\b{office} {body}\b", title):
        return True
    held = re.search(rf"(?<!pho )\b{office}\b(?: (\w+))?", title)
    if OFFICE.search(title) and not held:
        return False  # the title written with the name is another office ("Trưởng Ban Nội chính")
    if held and held.group(1) and ORG_START.match(title, held.start(1)):
        return False  # the same office of another body: "Bí thư Tỉnh đoàn"
    # "đại diện Cục Thi hành án dân sự tỉnh có đồng chí X – Phó cục trưởng": the body is named
    # before the name, the office after it (or the other way round)
    around = spell_out(fold(text[max(sent.start, cand.start - 80):cand.start] + " " + text[cand.end:min(sent.end, cand.end + 80)]))
    return bool((held or re.search(rf"(?<!pho )\b{office}\b", around)) and re.search(rf"\b{body}\b", around))


def _specific_words(qa: QuestionAnalysis, article: Article) -> set[str]:
    """The question's content words that the article's title and lead sentence do not already
    account for (they state the event: who, what, when), minus the words of its wh-phrase
    ("đơn vị" in "đơn vị nào")."""
    lead = next(iter(sentence_spans(article.text, 0, min(len(article.text), 400))), (0, 0))
    known = _words(article.title + " " + article.text[lead[0]:lead[1]])
    known |= {article.date[:4]} if article.date else set()
    return {w for w in qa.content if not qa.found(w, known) and w not in qa.frame}


def _local_coverage(qa: QuestionAnalysis, cand: Candidate, text: str, sent: "_Sentence", specific: set[str],
                    counted: bool = False) -> float:
    """Share of the specific question words found near the candidate: in a window around it
    for people, titles and organisations (a list of officials mentions many), else in its
    sentence."""
    if not specific:
        return 1.0
    if cand.kind in ("person", "title", "organisation", "locality"):
        window = text[max(sent.start, cand.start - 90): min(sent.end, cand.end + 90)]
    else:
        # a count of what the question counts: its sentence and the end of the one before, where
        # news often states the event ("Phiên thảo luận … ngày 9-6 …. … 58 ĐB đã trực tiếp phát biểu")
        window = text[max(sent.hit.start, sent.start - 160) if counted else sent.start:sent.end]
    words = _words(window)
    if len(specific) == 1:  # one word left over from the title and lead: look for it in the passage
        words |= _words(sent.hit.text)
    return sum(qa.found(w, words) for w in specific) / len(specific)


def _candidate_bonus(qa: QuestionAnalysis, cand: Candidate, kinds: list[str], text: str, sent: _Sentence,
                     specific: set[str] = frozenset()) -> float:
    bonus = 0.2 * (len(kinds) - kinds.index(cand.kind)) / len(kinds)
    if cand.kind == "number" and qa.noun:
        bonus += 0.5 if fold(cand.extra).startswith(qa.noun) else -0.3
    if cand.kind == "date":
        bonus += 0.1 * len(re.findall(r"\d+", cand.text))
    if cand.kind in ("organisation", "locality"):
        bonus += _role_fit(qa, cand, text, sent)
    if cand.kind == "role":
        bonus += _role_holder_fit(qa, cand, text, sent)
    if cand.kind == "person" and specific:
        # "Chủ tịch Hội Nông dân tỉnh là ai?", "Ai chủ trì hội nghị?": the person whose own clause
        # (name, title, what they did) says what the question says beyond the article's title and lead
        own = _words(_own_clause(text, cand, sent))
        bonus += 0.6 * sum(qa.found(w, own) for w in specific) / len(specific)
    # Closeness to the question's words inside the sentence: the mean distance from the candidate
    # to the nearest occurrence of each question word the sentence contains.
    sentence_folded = fold_aligned(text[sent.start:sent.end])
    where = cand.start - sent.start
    distances = []
    for w in set(qa.content):
        spots = [m.start() for m in re.finditer(rf"\b{re.escape(w)}\b", sentence_folded)]
        if spots:
            distances.append(min(abs(where - p) for p in spots))
    if distances:
        bonus += 0.4 / (1 + (sum(distances) / len(distances)) / 30)
    return bonus


_NEXT_PERSON = re.compile(r"[;:]|\b(?:ông|bà|đồng chí|Ông|Bà|Đồng chí)\s")


def _own_clause(text: str, cand: Candidate, sent: _Sentence) -> str:
    """A person's own part of a sentence: the title just before the name ("Tổng Giám đốc X", back
    to the previous punctuation, at most 40 characters), then the name to the next semicolon or
    the next person ("ông …", "bà …"), at most to the sentence's end."""
    before = text[max(sent.start, cand.start - 40):cand.start]
    before = re.split(r"[,;:.()–]", before)[-1]
    stop = _NEXT_PERSON.search(text, cand.end, sent.end)
    return before + text[cand.start:stop.start() if stop else sent.end]


_PERIOD_QUESTION = re.compile(r"\b(?:(?:giai doan|nhiem ky|thoi ky) nao|what period|which period|what term)\b")
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s?[–\-]\s?(?:19|20)\d{2}")
_ROLE_LINK = re.compile(r"^\s*(?:(?:duoc )?(?:phan cong |giao |bau |chon )?(?:lam|la|giu|dam nhan|dam nhiem)\s+)?(?:(?:don vi|co quan|vai tro)\s+)?")


def _role_fit(qa: QuestionAnalysis, cand: Candidate, text: str, sent: _Sentence) -> float:
    """For "Đơn vị nào làm Phó khối?": +1 for the organisation the sentence gives that role
    ("X làm Phó khối", "X là đơn vị Phó khối", "Phó khối là X", "giao nhiệm vụ Phó khối cho X"),
    −0.8 for one it gives another role."""
    asked = role_of(qa.folded)
    if not asked:
        return 0.0
    after = fold(text[cand.end: min(sent.end, cand.end + 60)])
    link = _ROLE_LINK.match(after)
    given = role_of(after[link.end():], anchored=True) if link and link.end() else None
    if given is None:  # "Phó khối là X", "bàn giao nhiệm vụ Trưởng khối năm 2023 cho X"
        before = fold(text[max(sent.start, cand.start - 60): cand.start])
        m = re.search(r"(\w+(?: \w+){0,3}?)(?: (?:nam )?\d{4})?\s*(?:la|:|cho|giao cho)\s*$", before)
        given = role_of(m.group(1)) if m else None
    if given is None:
        return 0.0
    return 1.0 if given == asked else -0.8


def _role_holder_fit(qa: QuestionAnalysis, cand: Candidate, text: str, sent: _Sentence) -> float:
    """For "X giữ vai trò gì?": +0.8 for a role in the same clause as a name the question gives
    ("X làm Phó cụm", "Phó cụm là X"), none for a role that belongs to another unit."""
    _, phrases = _anchors(qa)
    if not phrases:
        return 0.0
    before = re.split(r"[,;:]", fold(text[sent.start:cand.start]))[-1]
    after = re.split(r"[,;:.]", fold(text[cand.end:sent.end]))[0]
    clause = " " + " ".join(_WORD.findall(before + " " + after)) + " "
    return 0.8 if any(f" {p} " in clause for p in phrases) else 0.0


def _display(qa: QuestionAnalysis, cand: Candidate, text: str = "") -> str:
    if cand.kind == "number":
        number = re.match(r"[\d.,]+\s?%?", cand.text)
        value = number.group(0).strip() if number else cand.text
        if qa.noun and spell_out(fold(cand.extra)).startswith(qa.noun):
            # the counted noun as the question words it ("04 nhóm vấn đề", "21 tháng lương tối
            # thiểu"), spelled as the text spells it, read on in the article past the candidate
            following = text[cand.start + len(value):cand.start + len(value) + 80]
            said = (re.split(r"[,;:.()\n]", following)[0] or cand.text[len(value):]).split()
            asked = qa.noun_phrase.split()
            n = i = 0  # said words, asked words matched ("ĐB" matches "đại biểu")
            while n < len(said) and i < len(asked):
                spelled = spell_out(fold(said[n])).split()
                if not spelled or asked[i:i + len(spelled)] != spelled:
                    break
                n, i = n + 1, i + len(spelled)
            return f"{value} {' '.join(said[:n or len(qa.noun.split())])}".strip()
        return value
    if cand.kind == "person" and cand.extra and fold(cand.extra) not in ("ong", "ba", "dong chi"):
        return f"{cand.text} – {cand.extra}" if not cand.extra.islower() else f"{cand.extra} {cand.text}"
    return cand.text


def _repeats_question(span: str, question_folded: str) -> bool:
    """A candidate whose text already stands in the question is not an answer to it."""
    return bool(_WORD.search(fold(span))) and fold(span) in question_folded


def _list_answer(qa, sent: _Sentence, items: list[Candidate], articles) -> Answer:
    article = articles[sent.hit.article_id]
    count = _stated_count(article.text[sent.start:sent.end])
    names = [c.text for c in items]
    noun = _list_noun(qa, article.text[sent.start:sent.end])
    head = f"Gồm {len(names)} {noun}" + (f" (bài viết nêu {count})" if count and not count.startswith(f"{len(names)} ") and not count.startswith(f"0{len(names)} ") else "")
    citation = _citation(1, sent.hit, article, sent.start, sent.end)
    text = f"{head}: " + "; ".join(as_answer_text(n) for n in names) + ". [1]"
    return Answer(qa.text, text, False, [citation], short_answer="; ".join(names))


def _gathered_list(qa, sentences, articles, kinds, policy) -> Answer | None:
    """Items of one kind gathered across sentences (campaigns, slogans, directives, people)."""
    items: list[tuple[str, Citation]] = []
    seen: set[str] = set()
    citations: list[Citation] = []
    for sent in sentences[: policy.max_list_sentences * 3]:
        if sent.coverage < policy.min_coverage * 0.6 and qa.lexical:
            continue
        article = articles[sent.hit.article_id]
        found = [c for c in candidates(article.text, sent.start, sent.end, set(kinds)) if c.kind == kinds[0]]
        if not found:
            continue
        citation = None
        for cand in found:
            key = fold(cand.text)
            if key in seen:
                continue
            seen.add(key)
            if citation is None:
                citation = _citation(len(citations) + 1, sent.hit, article, sent.start, sent.end)
                citations.append(citation)
            items.append((_display(qa, cand), citation))
        if len(citations) >= policy.max_list_sentences:
            break
    if not items:
        return None
    lines = [f"- {as_answer_text(text)} [{c.n}]" for text, c in items]
    head = f"Tìm thấy {len(items)} mục trong {len({c.article_id for c in citations})} bài viết:"
    return Answer(qa.text, head + "\n" + "\n".join(lines), False, citations,
                  short_answer="; ".join(t for t, _ in items))


def _sentence_answer(qa, sentences, articles, policy) -> Answer:
    best = [s for s in sentences if s.coverage >= policy.min_coverage or not qa.lexical][: policy.max_support] or sentences[:1]
    article = articles[best[0].hit.article_id]
    short = article.text[best[0].start:best[0].end]
    citations = [_citation(i + 1, s.hit, articles[s.hit.article_id], s.start, s.end) for i, s in enumerate(best)]
    text = " ".join(f"{as_answer_text(c.quote)} [{c.n}]" for c in citations)
    return Answer(qa.text, text, False, citations, short_answer=short)


def _compose(qa, short: str, support: list[_Sentence], sentences, articles, policy) -> Answer:
    citations = [_citation(i + 1, s.hit, articles[s.hit.article_id], s.start, s.end) for i, s in enumerate(support)]
    body = " ".join(f"{as_answer_text(c.quote)} [{c.n}]" for c in citations)
    return Answer(qa.text, f"{as_answer_text(short)} [1]\n\n{body}", False, citations, short_answer=short)


def as_answer_text(text: str) -> str:
    """Article text placed in an answer, with any "[12]" it contains written "［12］" so that
    every `[n]` of an answer is one of our citation markers (the quote itself is unchanged)."""
    return re.sub(r"\[(\d+)\]", "［\\1］", text)


def _abstain(question: str, sentences: list[_Sentence], articles) -> Answer:
    near: list[Citation] = []
    for s in sentences:
        if len(near) == 3:
            break
        if any(c.article_id == s.hit.article_id for c in near):
            continue
        near.append(_citation(len(near) + 1, s.hit, articles[s.hit.article_id], s.start, s.end))
    return Answer(question, NOT_FOUND, True, [], see_also=near)


def _citation(n: int, hit: Hit, article: Article, start: int, end: int) -> Citation:
    return Citation(n=n, article_id=article.id, title=article.title, date=article.date, source=article.source,
                    url=article.url, quote=article.text[start:end], start=start, end=end, score=round(hit.score, 4))


def _stated_count(sentence: str) -> str | None:
    m = re.search(r"\b(\d{1,3})\s+(đơn vị|cơ quan|địa phương|huyện|quận|tổ chức|thành viên|sở|ngành|xã|tập thể)", sentence)
    return f"{m.group(1)} {m.group(2)}" if m else None


def _list_noun(qa: QuestionAnalysis, sentence: str) -> str:
    """The counted noun of a list question ("đơn vị"), spelled as the evidence spells it."""
    m = re.search(r"\b(?:nhung|cac)\s+(\w+(?: \w+)?)\s+nao\b", fold(qa.text))
    if not m:
        return "mục"
    noun = m.group(1)
    at = fold_aligned(sentence).find(noun)
    if at >= 0:
        return sentence[at:at + len(noun)]
    start = fold(qa.text).find(noun)
    return qa.text[start:start + len(noun)]


def verify_citations(answer: Answer, articles: dict[str, Article]) -> None:
    """Raise if a citation's quote is not the exact, non-empty article span at 0 <= start < end <=
    len(text) (Python's forgiving slices must not make a bad span pass), or if a marker is not
    exactly the `[n]` of a citation ("[01]", "[١]" are not)."""
    numbers = {str(c.n) for c in answer.citations}
    for c in answer.citations + answer.see_also:
        article = articles.get(c.article_id)
        if (article is None or not 0 <= c.start < c.end <= len(article.text)
                or article.text[c.start:c.end] != c.quote):
            raise ValueError(f"citation [{c.n}] does not quote article {c.article_id} exactly")
    for marker in re.findall(r"\[(\d+)\]", answer.answer):
        if marker not in numbers:
            raise ValueError(f"answer marker [{marker[:20]}] has no citation")
