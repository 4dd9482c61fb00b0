"""The reader: ranks the evidence sentences of the retrieved chunks and writes the cited answer.

1. Candidates: every whole sentence of the retrieved chunks (`sentences`), each with its
   similarity to the question from the sentence vectors stored at ingest (`index.sentence_vectors`).
2. Each is scored by the learned sentence model over `features.FEATURES`: the probability that it
   answers the question.
3. Abstention: the answerable model reads the best sentences' scores and the question's evidence
   (`ANSWERABLE_FEATURES`); below the threshold fitted for ≤ 5 % false abstention on training
   questions, the answer is "Không tìm thấy…" with the closest passages as "see also".
4. The answer: for a question with an answer type (who, when, how many…), the typed spans of the
   best sentences are scored with the span model; a confident span becomes the short answer and
   its sentence the evidence. Otherwise the best sentence is the answer. The second-best sentence
   follows when it is likely to answer as well and the answer stays short; when the main sentence
   holds no span of the asked type, the sentence of the likeliest span follows instead (about as
   likely as the best; quoted by a window around the span when too long to add whole). A list question whose
   best sentence (or, when that one lists nothing, one of the three best) introduces an
   enumeration of the asked kind is answered item by item, then by that sentence. Every piece is
   cited with its exact quote; a very long sentence is quoted by a window of it.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from corpus.lexicon import COMMON_SURNAMES_FOLDED
from corpus.normalize import fold, has_tone_marks, match_form
from corpus.records import Article
from index.retrieval import Hit
from index.sentence_vectors import SentenceDense

from ..answer_types import display_span
from ..answering import NOT_FOUND, as_answer_text, citation
from ..candidates import Candidate, candidates
from ..question import QuestionAnalysis, as_analysis, counted_words, route_ends, stated_count
from ..records import Answer, Citation
from .enumeration import (
    AskedWords,
    Enumeration,
    asked_item_kind,
    asked_name_head,
    asked_noun,
    asked_noun_as_written,
    colon_before,
    enumerates,
    headed_by,
    holds_kind,
    motto_parts,
    noun_heads,
    noun_kind,
    of_kind,
    read_enumeration,
    semicolon_clauses,
    set_aside_kinds,
    written_as,
)
from .features import FEATURES, feature_rows
from .list_choice import list_row
from .model import ReaderModel
from .sentences import EvidenceSentence, article_sentences, evidence_sentences
from .spans import (
    SPAN_FEATURES,
    asked_office_title,
    asks_exact_form,
    has_asked_form,
    holds_title,
    repeats_question,
    span_rows,
    typed_candidates,
)
from .terms import Frequencies, QuestionTerms, phrase_text, question_terms

MAX_QUOTE = 360  # characters of one quoted sentence; a longer one is quoted by a window of it
MAX_LIST_QUOTE = 900  # ... for a question that asks for a list: an enumeration is quoted whole up to this
MAX_ANSWER = 400  # a second sentence is added only while the answer stays within this length
MIN_SECOND_WINDOW = 120  # ... or, for the sentence of a span of the asked type, while this much of it fits
INTRODUCING_QUOTE = 160  # characters of a sentence quoted before what its colon introduces (`introduced_after`)
PAIR_SENTENCES = 5  # the best sentences whose typed spans are scored
LISTED_ITEMS = 3  # names of the asked kind that make a best sentence's unintroduced list the answer
LIST_SENTENCES = 6  # the best sentences searched for an enumeration of the asked items
MAX_ENUMERATION = 1500  # characters of an enumeration quoted whole (a sentence and its bullet lines)
# How an answer names the items it lists, by their kind.
ITEM_LABELS = {"organisation": "cơ quan, đơn vị", "person": "người", "title": "chức danh", "locality": "địa phương",
               "document": "văn bản", "campaign": "phong trào, chủ đề", "name": "tên", None: "nội dung"}
# Asked nouns whose items are the parts of a quoted motto ("tiêu chí", "giá trị"), folded.
MOTTO_NOUNS = frozenset({"yeu to", "tieu chi", "tu khoa", "gia tri", "phuong cham"})
_EN_MOTTO = re.compile(r"\b(?:which|what)\s+(?:\w+\s+){0,2}?(?:qualities|values|criteria|keywords|watchwords|"
                       r"principles|elements)\b")  # the same, asked in English
# Forms of address ("ông", "bà"), folded: they stand before any person's name.
_ADDRESS_WORDS = frozenset({"ong", "ba"})
# "giữa các cơ quan nào", "between which agencies": a question for all the parties of something
_BETWEEN_WHICH = re.compile(r"\bgiua\s+(?:(?:nhung|cac)\s+)?(?:\w+\s+){1,3}?nao\b|\bbetween\s+which\b")
_COUNTED_NOUN = re.compile(r"\b(?:bao nhiêu|mấy|bao nhieu|may|how many)\s+(\w+(?:\s\w+)?)", re.IGNORECASE)

ANSWERABLE_FEATURES = (
    "logit1",        # the best sentence's log-odds
    "logit2",        # the second best's
    "margin",        # their difference
    "cov1",          # the best sentence's coverage of the question's words
    "cov_ctx1",      # ... with its neighbours
    "cov_local1",    # ... weighted towards the words few candidates share
    "rarest1",       # the question's rarest word in the best sentence
    "pairs1",        # the question's word pairs in it
    "anchors1",      # share of the question's anchors in the best sentence
    "anchors_ctx1",  # ... in it and its neighbours
    "anchors_art1",  # ... in its article
    "anchors_best",  # the largest share of anchors in any candidate's article
    "has_anchors",
    "numbers_ctx1",  # share of the question's numbers in the best sentence and its neighbours
    "numbers_art1",  # ... in its article
    "numbers_best",  # the largest share of numbers in any candidate's article
    "typed_asked1",  # the question asks for a typed span and the best sentence holds one
    "typed_near1",   # how close that span is to the question's words
    "typed_cov1",    # how much of the question the words around that span say
    "counted1",      # the best sentence counts what a "how many" question counts
    "form_missing1",  # the question asks for a date or number and the best sentence holds none of the asked form
    "exact_missing2",  # it asks for a day, month, year, sum or share and neither of the two best sentences holds one
    "form_missing_share",  # the share of all candidates that hold none of the asked date or number form
    "focus1",        # share of the words framing the asked slot in the best sentence
    "focus_span1",   # ... in the clause of its typed span
    "typed_question",
    "span1",         # the best typed span's probability (0 without one)
    "unseen",        # share of the question's words that no indexed chunk holds
    "dense1",        # the best chunk's similarity to the question
    "dense_sent1",   # the best sentence's own similarity to the question
    "dense_sent_best",  # the largest similarity of any candidate sentence
    "english",
    "plain",         # a Vietnamese question typed without tone marks
    "conflict1",     # share of the question's frames the best sentence's article writes only with other values
)
# Evidence against: words no article holds, no date or number of the asked form, none of the exact
# form asked in the two best sentences, few candidates with the asked form (weights kept ≤ 0).
ANSWERABLE_NEGATIVE = frozenset({"unseen", "form_missing1", "exact_missing2", "form_missing_share", "conflict1"})
# Evidence that the question is answered: learned weights kept ≥ 0.
ANSWERABLE_POSITIVE = frozenset(ANSWERABLE_FEATURES) - ANSWERABLE_NEGATIVE - {"logit2", "margin", "has_anchors",
                                                                              "typed_question", "english", "plain"}


@dataclass
class ScoredSpan:
    """A typed span of a candidate sentence, with its features (the sentence's log-odds and rank
    among them) and the probability that it is the answer."""

    kind: str
    start: int
    end: int
    text: str
    probability: float
    features: dict[str, float]


@dataclass
class ScoredSentence:
    """A candidate sentence with its features and the probability that it answers the question."""

    article_id: str
    start: int
    end: int
    text: str
    probability: float
    features: dict[str, float]
    chunk_rank: int
    spans: list[ScoredSpan] = field(default_factory=list)


@dataclass
class Pair:
    """A typed span in one of the best sentences (`sentence` indexes `Reading.sentences`)."""

    sentence: int
    candidate: Candidate
    probability: float
    features: np.ndarray


@dataclass
class Reading:
    """Everything the reader derived for one question (sentences sorted best first)."""

    question: QuestionAnalysis
    terms: QuestionTerms
    sentences: list[EvidenceSentence]
    rows: np.ndarray
    logits: np.ndarray
    pairs: list[Pair] = field(default_factory=list)  # best first
    answerable: float | None = None
    answerable_row: np.ndarray = field(default_factory=lambda: np.zeros(len(ANSWERABLE_FEATURES)))


class Reader:
    """Ranks evidence and answers; `frequencies` gives BM25 document frequencies (IDF weights)."""

    def __init__(self, model: ReaderModel | None, frequencies: Frequencies | None = None,
                 enumerate_lists: bool = True, dense: SentenceDense | None = None) -> None:
        if model is not None:
            model.check(FEATURES, ANSWERABLE_FEATURES, SPAN_FEATURES)
        self.model = model
        self.frequencies = frequencies
        # the question's vector and the sentences' stored ones (`index.sentence_vectors`); without
        # them each sentence takes its chunk's similarity
        self.dense = dense
        # Lists answered item by item and then by the sentence they were read from (`_enumerated`);
        # False answers with the sentence alone (docs/evaluation.md, "Lists and pacts")
        self.enumerate_lists = enumerate_lists

    # --- ranking --------------------------------------------------------------------------------
    def read(self, question: str | QuestionAnalysis, hits: list[Hit], articles: dict[str, Article]) -> Reading:
        """Candidates, features and (with a model) scores for `question`, best first."""
        qa = as_analysis(question)
        terms = question_terms(qa, self.frequencies)
        sentences = evidence_sentences(hits, articles)
        rows = feature_rows(qa, terms, sentences, articles, self._similarities(qa.text, sentences))
        if self.model is None or not sentences:
            return Reading(qa, terms, sentences, rows, np.zeros(len(sentences)))
        logits = self.model.sentence.logit(rows)
        order = np.argsort(-logits, kind="stable")
        sentences = [sentences[i] for i in order]
        rows, logits = rows[order], logits[order]
        reading = Reading(qa, terms, sentences, rows, logits)
        reading.pairs = self._pairs(reading, articles)
        reading.answerable_row = answerable_row(rows, logits, reading.pairs[0].probability if reading.pairs else 0.0)
        reading.answerable = float(self.model.answerable.probability(reading.answerable_row)[0])
        return reading

    def _similarities(self, question: str, sentences: list[EvidenceSentence]) -> list[float | None] | None:
        """Each sentence's cosine similarity to the question, from the stored sentence vectors
        (None for a sentence whose article has none, or none that match its sentences)."""
        if self.dense is None or not sentences:
            return None
        stored = self.dense.sentences(sorted({s.article_id for s in sentences}))
        if not stored:
            return None
        asked = self.dense.question(question)
        out: list[float | None] = []
        for s in sentences:
            vectors = stored.get(s.article_id)
            out.append(float(vectors[s.index] @ asked) if vectors is not None and len(vectors) == len(s.spans) else None)
        return out

    def _pairs(self, reading: Reading, articles: dict[str, Article]) -> list[Pair]:
        """The typed spans of the best `PAIR_SENTENCES` sentences, scored, best first."""
        pairs = []
        exact = asks_exact_form(reading.question)
        for i, sent in enumerate(reading.sentences[:PAIR_SENTENCES]):
            text = articles[sent.article_id].text
            found = typed_candidates(reading.question, text, sent.start, sent.end)
            if not found:
                continue
            rows = span_rows(reading.question, reading.terms, found, text, sent.start, sent.end,
                             float(reading.logits[i]), i)
            for cand, row, p in zip(found, rows, self.model.span.probability(rows)):
                # a span of another form than the exact one asked ("năm 2016" for "ngày nào") is
                # not the answer; it is scored among its sentence's spans all the same
                if not exact or has_asked_form(reading.question, cand):
                    pairs.append(Pair(i, cand, float(p), row))
        # "Phó Chủ tịch nào …": when a span is written with the asked title, those written without it
        # (another office, a deputy for the head, a photographer's credit) are not the answer
        title = asked_office_title(reading.question)
        if title is not None and any(holds_title(p.candidate, title) for p in pairs):
            pairs = [p for p in pairs if holds_title(p.candidate, title)]
        return sorted(pairs, key=lambda pair: -pair.probability)

    def scored(self, question: str | QuestionAnalysis, hits: list[Hit], articles: dict[str, Article]) -> tuple[list[ScoredSentence], Reading]:
        """The candidate sentences with their features and probabilities, best first."""
        reading = self.read(question, hits, articles)
        probs = 1.0 / (1.0 + np.exp(-reading.logits))
        out = []
        for i, (s, p, row, logit) in enumerate(zip(reading.sentences, probs, reading.rows, reading.logits)):
            text = articles[s.article_id].text
            found = typed_candidates(reading.question, text, s.start, s.end)
            span_table = span_rows(reading.question, reading.terms, found, text, s.start, s.end, float(logit), i)
            span_probs = self.model.span.probability(span_table) if self.model is not None else [math.nan] * len(found)
            out.append(ScoredSentence(
                s.article_id, s.start, s.end, text[s.start:s.end], float(p) if self.model is not None else math.nan,
                dict(zip(FEATURES, map(float, row))), s.rank,
                [ScoredSpan(c.kind, c.start, c.end, c.text, float(sp), dict(zip(SPAN_FEATURES, map(float, r))))
                 for c, r, sp in zip(found, span_table, span_probs)]))
        return out, reading

    # --- answering ------------------------------------------------------------------------------
    def answer(self, question: str | QuestionAnalysis, hits: list[Hit], articles: dict[str, Article],
               reading: Reading | None = None) -> Answer:
        """The cited answer to `question` from `hits` (read here unless `reading` is given), or an
        abstention."""
        if self.model is None:
            raise ValueError("the reader has no model; fit one with `python -m eval.fit_reader`")
        reading = reading if reading is not None else self.read(question, hits, articles)
        text = question.text if isinstance(question, QuestionAnalysis) else question
        if not reading.sentences or (reading.answerable or 0.0) < self.model.thresholds["answerable"]:
            answer = abstention(text, reading.sentences, articles)
        else:
            answer = self._compose(text, reading, articles)
        answer.confidence = round(reading.answerable or 0.0, 4)
        return answer

    def best_person(self, question: str | QuestionAnalysis, hits: list[Hit], articles: dict[str, Article]) -> str | None:
        """The person a "who" question is most likely answered by: the best-scored person span of
        its two best sentences that the question does not name itself, even below the span
        threshold (a follow-up's "ông ấy" needs a name, not a confident short answer); None when the
        reader would abstain or sees no such person."""
        if self.model is None:
            return None
        reading = self.read(question, hits, articles)
        if not reading.sentences or (reading.answerable or 0.0) < self.model.thresholds["answerable"]:
            return None
        # a person the recogniser reads with an office first; else a name that opens with a family name
        people = [p for p in reading.pairs if p.sentence <= 1 and _a_person(p.candidate)
                  and not repeats_question(p.candidate.text, reading.question)]
        pair = next((p for p in people if p.candidate.kind == "person"), people[0] if people else None)
        return pair.candidate.text if pair is not None else None

    def _compose(self, question: str, reading: Reading, articles: dict[str, Article]) -> Answer:
        qa = reading.question
        if (qa.wants_list or qa.answer_type == "number") and self.enumerate_lists:
            listed = self._enumerated(question, reading, articles)
            if listed is not None:
                return listed
        pair = reading.pairs[0] if reading.pairs and not qa.wants_list else None
        if pair is not None and pair.probability < self.model.thresholds["span"]:
            pair = None
        main = pair.sentence if pair is not None else 0
        best = reading.sentences[main]
        article = articles[best.article_id]
        short = "" if pair is None else display_span(pair.candidate) if pair.candidate.kind != "number" \
            else shown_count(article.text, pair.candidate.start, pair.candidate.end, question)
        # a long sentence is quoted around its span of the asked type: the confident one, else the
        # sentence's likeliest (shown in the quote, not as a short answer)
        shown = pair or (None if qa.wants_list else next((p for p in reading.pairs if p.sentence == main), None))
        span = (shown.candidate.start, shown.candidate.end) if shown is not None else None
        follows = None if span is not None else introduced_after(article.text, best.start, best.end)
        if follows is not None:  # "… đề ra một số nhiệm vụ trọng tâm như:" — what it introduces is the answer
            span = (best.end - 1, best.end)  # quoted up to its colon
        start, end = quote_window(article.text, best.start, best.end, span, qa,
                                  INTRODUCING_QUOTE if follows is not None else MAX_LIST_QUOTE if qa.wants_list else MAX_QUOTE)
        citations = [citation(1, best.hit, article, start, end)]
        body = f"{as_answer_text(citations[0].quote)} [1]"
        head = f"{as_answer_text(short)} [1]\n\n" if short else ""
        if follows is not None:
            start, end = quote_window(article.text, *follows, (follows[0], follows[0]), qa,
                                      max(MIN_SECOND_WINDOW, MAX_ANSWER - len(head) - len(body) - 5))
            if end < follows[1] and (part := article.text.rfind(";", start, end)) > (start + end) // 2:
                end = part  # cut after its last whole part ("A; B; C"), not within one
            citations.append(citation(2, best.hit, article, start, end))
            body += f" {as_answer_text(citations[1].quote)} [2]"
            return Answer(question, head + body, False, citations, short_answer=short or citations[0].quote)
        second = self._second(reading, main, len(head) + len(body))
        if second is not None and _same_words(articles[second.article_id].text[second.start:second.end],
                                              article.text[best.start:best.end]):
            second = None  # an article that repeats its lead: the same sentence again says nothing more
        if second is not None:
            start, end = second.start, second.end
            spanned = next((p for p in reading.pairs if reading.sentences[p.sentence] is second), None)
            if spanned is not None and len(head) + len(body) + (end - start) + 5 > MAX_ANSWER:
                # the sentence of the likeliest span, quoted around it in the room left
                start, end = quote_window(articles[second.article_id].text, start, end,
                                          (spanned.candidate.start, spanned.candidate.end), qa,
                                          MAX_ANSWER - len(head) - len(body) - 5)
            citations.append(citation(2, second.hit, articles[second.article_id], start, end))
            body += f" {as_answer_text(citations[1].quote)} [2]"
        return Answer(question, head + body, False, citations, short_answer=short or citations[0].quote)

    def _list_reader(self, question: str, reading: Reading, articles: dict[str, Article]):
        """What a list question asks, for reading its sentences: the asked name head, the asked noun,
        the count it states, and `read(sentence)` → the sentence's `Enumeration` (memoised)."""
        qa = reading.question
        kind = asked_item_kind(qa)
        counting = qa.answer_type == "number"
        # what the question names is no item: all its words, the syllables that are also English
        # function words too ("an" of "tòa án", "Công an")
        asked = set(qa.all_content) | set(re.findall(r"\w+", fold(qa.text)))
        asked |= set(re.findall(r"\w+", match_form(qa.text)))  # with tone marks: "Sở" of the question is no "số"
        # the two ends of a route or pair the question names ("tuyến Lạc Sơn – Mây Xanh đi qua những tỉnh
        # nào") are places it passes, not things it sets aside
        asked -= {w for end in route_ends(qa.text) for form in (fold(end), match_form(end)) for w in re.findall(r"\w+", form)}
        if _BETWEEN_WHICH.search(qa.folded_text):
            asked = set()  # "ký giữa các cơ quan nào": every party, also those the question names
        elif not qa.english:  # as written: "Hà Nam" restates no question saying "Hà", "năm"
            asked = AskedWords(asked, asked & set(re.findall(r"\w+", match_form(qa.text))) if has_tone_marks(qa.text)
                               else None, " ".join(re.findall(r"\w+", qa.folded_text)))
        head, noun = asked_name_head(qa), asked_noun(qa)
        count = stated_count(question)  # "ba đơn vị nào", "which two units": the list of that many
        # the question's codes and dates, and its counts with their nouns ("3 cuộc"), pin a clause
        anchors = [n for n in reading.terms.numbers if " " in n] + counts_with_noun(qa.text)
        memo: dict[tuple[str, int], Enumeration] = {}

        def read(sent: EvidenceSentence) -> Enumeration:
            key = (sent.article_id, sent.start)
            if key in memo:
                return memo[key]
            text = articles[sent.article_id].text
            start, end = (sent.start, sent.end) if counting else anchored_clause(text, sent.start, sent.end, anchors)
            found = read_enumeration(text, start, end, kind, asked, head, noun)
            if count is not None and len(found.items) != count:
                # the question may name one of the things it counts ("the three members, one of them
                # A"): an introduced list of as many as it says, that one kept, is that list
                whole = read_enumeration(text, start, end, kind, set(), head, noun)
                if (whole.introduced and len(whole.items) == count == len(found.items) + 1
                        and {fold(i.text) for i in found.items} <= {fold(i.text) for i in whole.items}):
                    found = whole
            memo[key] = found
            return found

        return head, noun, count, read

    def list_rows(self, question: str, reading: Reading, articles: dict[str, Article],
                  read: Callable[[EvidenceSentence], Enumeration] | None = None) -> list[list[float]]:
        """The `LIST_FEATURES` of the `LIST_SENTENCES` best sentences for a list question, in the
        reader's order: what the list-choice model scores (and `eval.fit_list_choice` fits).
        `read`: the question's enumeration reader (`_list_reader`), when there is one already."""
        noun = asked_noun(reading.question)
        if read is None:
            read = self._list_reader(question, reading, articles)[3]
        focus = set(reading.question.focus)
        rows = []
        for i, sent in enumerate(reading.sentences[:LIST_SENTENCES]):
            text, found = articles[sent.article_id].text, read(sent)
            noun_before = bool(noun and found.items and _noun_introduces(text, sent.start, found.items[0].start, noun))
            headed = bool(noun and any(headed_by(item.text, h) for item in found.items for h in noun_heads(noun)))
            rows.append(list_row(float(reading.logits[i] - reading.logits[0]), i, found, text, sent.start, sent.end,
                                 noun_before, headed, focus))
        return rows

    def _list_order(self, question: str, reading: Reading, articles: dict[str, Article],
                    read: Callable[[EvidenceSentence], Enumeration]) -> list[EvidenceSentence]:
        """The reader's sentences with its `LIST_SENTENCES` best reordered by the list-choice model
        (highest score first, ties in the reader's order); the reader's order without one."""
        choice = self.model.list_choice if self.model is not None else None
        if choice is None or len(reading.sentences) < 2:
            return list(reading.sentences)
        top = reading.sentences[:LIST_SENTENCES]
        scores = choice.logit(np.asarray(self.list_rows(question, reading, articles, read), dtype=float))
        order = sorted(range(len(top)), key=lambda i: -scores[i])
        return [top[i] for i in order] + list(reading.sentences[LIST_SENTENCES:])

    def _enumerated(self, question: str, reading: Reading, articles: dict[str, Article]) -> Answer | None:
        """A list question answered item by item, then by the sentence they were read from: the
        best sentence's enumeration of at least two items of the asked kind or, when the best
        sentence lists nothing, the first such enumeration among the `LIST_SENTENCES` best, else the
        things of the asked kind the best sentence names (two or more); a "how
        many" question whose best sentence states no count of its noun, answered by counting such a
        list. None when there is none."""
        qa = reading.question
        kind = asked_item_kind(qa)
        counting = qa.answer_type == "number"
        if counting and (kind is None or self._states_count(reading, articles)):
            return None
        head, noun, count, read = self._list_reader(question, reading, articles)
        # the best sentence; the next ones only when it enumerates nothing itself (an enumeration a
        # little lower beats a lead that names the event, never a best sentence that lists things).
        # "Best" for a list: by the list-choice model when the reader model has one
        ranked = self._list_order(question, reading, articles, read)
        best = ranked[0]
        first = read(best)

        # the word the question quotes within its noun heads the items ("những hành vi 'lạc' nào": "lạc A", "lạc B")
        quoted = quoted_in(qa.text, noun) if noun is not None else set()
        heads = noun_heads(noun) | quoted if noun is not None else set()

        def introduced_by_noun(sent: EvidenceSentence, found: Enumeration) -> bool:
            return noun is not None and bool(found.items) and (
                _noun_introduces(articles[sent.article_id].text, sent.start, found.items[0].start, noun)
                or _noun_recalls(articles[sent.article_id].text, found.items[-1].end, sent.end, noun)
                or _noun_exemplified(articles[sent.article_id].text, sent.start, noun)
                or any(headed_by(i.text, head) for i in found.items for head in heads))  # "như: Dự án A, …"

        def of_asked_noun(sent: EvidenceSentence, found: Enumeration) -> bool:
            # an untyped list, or a list of documents of a kind that names them, is the asked noun's own
            # when the noun introduces it or heads an item ("những kế hoạch nào": no list of reports)
            if noun is None or not found.items or (kind is not None and noun not in DOCUMENT_KINDS):
                return True
            return introduced_by_noun(sent, found)

        # a best sentence that introduces a list of its own, names several items of the asked kind
        # in a list, or lists anything when any item or a count would do, is the one read; otherwise
        # the enumeration a little lower (one or two names in a list of other things are mentions)
        stays = (len(first.items) >= 2 and first.introduced) or (
            enumerates(articles[best.article_id].text[best.start:best.end])
            and (len(first.items) >= LISTED_ITEMS or kind is None or counting))
        focus = set(qa.focus)

        def words_up_to(sent: EvidenceSentence, end: int) -> set[str]:  # the folded words of the sentence before `end`
            return set(re.findall(r"\w+", fold(articles[sent.article_id].text[sent.start:end])))

        def frames(sent: EvidenceSentence, found: Enumeration) -> bool:
            # the words that frame the asked slot ("cấp vốn cho hộ nghèo tại những thôn nào") in
            # what introduces the list: the list of what was asked, not another list of the same event
            return focus <= words_up_to(sent, found.items[0].start)

        stays = stays and of_asked_noun(best, first) and (count is None or len(first.items) == count)
        searched = ranked[:1 if stays else LIST_SENTENCES]
        readings = [(best, first)] + [(sent, read(sent)) for sent in searched[1:]]
        # only an introduced enumeration ("gồm: A, B, C", "giữa A và B"): names merely found in a
        # sentence miss the items the recognisers do not know, and the sentence itself says more
        def listing(pairs: list[tuple[EvidenceSentence, Enumeration]]) -> list[tuple[EvidenceSentence, Enumeration]]:
            return [(sent, found) for sent, found in pairs
                    if len(found.items) >= 2 and found.introduced and of_asked_noun(sent, found)]

        listed = listing(readings)
        # the words that frame the slot, not the asked noun's own ("lãnh đạo" of "những lãnh đạo cấp cao nào")
        # nor a number or "do" of "do ai"
        framing = {w for w in focus if not w.isdigit() and w not in ("do", "boi", "duoc") and w not in (noun or "").split()
                   and w not in _ADDRESS_WORDS}  # a form of address frames nothing ("bà" of "bà ấy cùng ai …")
        if listed and framing and kind in ("person", "organisation") and not any(
                framing & words_up_to(sent, found.items[0].start) for sent, found in listed):
            # "do những ai chủ trì": the names a sentence says did what was asked ("A và B chủ trì …") beat a
            # list whose introduction says none of it (the delegation at the talks)
            others = readings if not stays else readings + [(sent, read(sent)) for sent in ranked[1:LIST_SENTENCES]]
            named = [(sent, found) for sent, found in others
                     if len(found.items) >= 2 and not found.introduced and of_asked_noun(sent, found)
                     and (count is None or len(found.items) == count)
                     and framing <= words_up_to(sent, sent.end)]
            listed = named[:1] or listed
        # the things of the asked kind the best sentence names, two or more
        best_names = kind is not None and not counting and len(first.items) >= 2 and of_asked_noun(best, first)
        if not listed and stays and not best_names:
            # the best sentence lists things but neither introduces a list nor names the asked ones
            # ("A, B và C đã ban hành Nghị quyết …"): a list a little lower that the asked noun itself
            # introduces is the answer ("những nội dung nào" → "… gồm các nội dung sau: …")
            lower = [(sent, read(sent)) for sent in ranked[1:LIST_SENTENCES]]
            listed = [(sent, found) for sent, found in listing(lower) if introduced_by_noun(sent, found)]
        shown = [sent for sent, _ in listed] or reading.sentences[:1]  # what would answer: a list, else the best sentence
        if len(framing) >= 2 and not counting and not any(framing <= words_up_to(sent, sent.end) for sent in shown):
            # "phối hợp chặt chẽ với những lực lượng nào": when what would answer does not say what frames
            # the slot, a list a little lower whose introduction does ("… phối hợp chặt chẽ với A, B, C …")
            # beats the event's other list (who attended)
            framed = [(sent, found) for sent, found in ((sent, read(sent)) for sent in ranked[:LIST_SENTENCES])
                      if len(found.items) >= 2 and (found.introduced or found.running) and of_asked_noun(sent, found)
                      and (count is None or len(found.items) == count) and frames(sent, found)]
            listed = framed[:1] or listed
        if not listed and best_names:
            listed = [(best, first)]  # no list anywhere: the asked things the best sentence names
        if not listed and noun and not counting:
            # "… trình sửa Nghị định A và Nghị định B …" for "những nghị định nào": two things or more
            # that the asked noun itself heads, named side by side in one of the best sentences
            listed = [(sent, found) for sent, found in readings if len(found.items) >= 2 and all(
                any(_names_after(i.text, head) for head in noun_heads(noun)) for i in found.items)][:1]
        motto_asked = noun in MOTTO_NOUNS or (qa.english and _EN_MOTTO.search(qa.text.lower()) is not None)
        if not listed and kind is None and not counting and motto_asked \
                and (motto := motto_parts(articles[best.article_id].text, best.start, best.end)) is not None:
            listed = [(best, motto)]  # the elements asked of a motto: the parts it quotes
        if not listed and kind is None and not counting and reading.sentences \
                and (top := read(reading.sentences[0])).running and len(top.items) >= 2:
            # no list anywhere: the items the reader's best sentence runs through with no introduction
            # ("… vẫn nạo vét, kè bờ, lấn dòng …") instead of the sentence alone
            listed = [(reading.sentences[0], top)]
        readings = listed
        # stable: by rank within; a list of as many items as the question says, then one framed as asked
        readings.sort(key=lambda r: (count is not None and len(r[1].items) != count, not frames(*r)))
        for sent, found in readings[:1]:
            article = articles[sent.article_id]
            end = found.end if found.end - found.start <= MAX_ENUMERATION else found.items[-1].end
            # "Ngoài X, … những … nào": what the question sets aside is not listed
            aside = set_aside_kinds(qa)  # "Ngoài các huyện, …": no district is listed
            items = [i for i in found.items if i.end <= end and not qa.sets_aside(i.text)
                     and not any(of_kind(i.text, k) for k in aside)]
            if len(headed := [i for i in items if any(headed_by(i.text, word) for word in quoted)]) >= 2:
                items = headed  # "những hành vi 'lạc' nào": the "lạc" ones, not the part before them
            elif kind is None and noun is not None and (kinds := _specific_pieces(items, _specific_words(qa, noun))):
                items = kinds  # "những nhà máy điện gió nào": "điện gió A", "điện gió B" of "X, điện gió A, điện gió B; Y"
            if not items:
                return None
            cite = citation(1, sent.hit, article, *list_clause(article.text, found.start, end, items, kind))
            lines = "\n".join(f"- {as_answer_text(display_span(i))} [1]" for i in items)
            if end - found.start <= MAX_LIST_QUOTE:  # the sentence itself after its items: what each item is, in context
                lines += f"\n\n{as_answer_text(cite.quote)} [1]"
            if counting and (stated := stated_count_before(article.text, sent.start, items[0].start, qa)):
                short = stated  # "… ký 7 thỏa thuận giữa hai tỉnh: A; B; …": the sentence says how many
                text = f"{short} [1]:\n{lines}"
            elif counting:
                counted = _COUNTED_NOUN.search(question)
                label = counted.group(1) if counted else ITEM_LABELS[kind]
                short = f"{len(items)} {label}"
                text = f"{short} (đếm từ danh sách trong bài viết) [1]:\n{lines}"
            else:
                short = "; ".join(i.text for i in items)
                label = ITEM_LABELS[kind] if kind is not None else (
                    _noun_as_article_writes(article.text, sent.start, items[0].start, qa)
                    or (asked_noun_as_written(qa) if has_tone_marks(qa.text) else None) or ITEM_LABELS[None])
                text = f"Bài viết nêu {len(items)} {label} [1]:\n{lines}"
            return Answer(question, text, False, [cite], short_answer=short)
        return None

    def _states_count(self, reading: Reading, articles: dict[str, Article]) -> bool:
        """Whether the best sentence states a number of the question's counted noun, or of a noun of
        the same kind ("bao nhiêu nước" — "26 quốc gia")."""
        qa = reading.question
        if not reading.sentences or not qa.noun:
            return False
        best = reading.sentences[0]
        return bool(counts_of_asked_noun(articles[best.article_id].text, best.start, best.end, qa))

    def _second(self, reading: Reading, main: int, used: int) -> EvidenceSentence | None:
        """The best sentence after the main one, when likely enough to answer (or its log-odds within
        the fitted margin of the best's) and short enough to add."""
        other = 1 if main == 0 else 0
        if len(reading.sentences) <= other:
            return None
        margin = self.model.thresholds.get("second_margin", -1.0)
        spanned = None
        # or about as likely as the best: the reader cannot tell which of the two answers
        close = abs(reading.logits[0] - reading.logits[1]) <= margin
        if reading.pairs and not reading.question.wants_list and all(pair.sentence != main for pair in reading.pairs):
            # a typed question ("Ai chủ trì …?") whose main sentence holds no span of the asked type:
            # the sentence of its likeliest span, when about as likely as the best sentence
            spanned = next((pair.sentence for pair in reading.pairs
                            if abs(reading.logits[0] - reading.logits[pair.sentence]) <= margin), None)
            if spanned is not None:
                other, close = spanned, True
        s = reading.sentences[other]
        likely = 1.0 / (1.0 + math.exp(-reading.logits[other])) >= self.model.thresholds["second"]
        if not (likely or close):
            return None
        if used + (s.end - s.start) + 5 > MAX_ANSWER and not (
                other == spanned and MAX_ANSWER - used - 5 >= MIN_SECOND_WINDOW):  # a window of it will do
            return None
        return s


def _same_words(a: str, b: str) -> bool:
    """Whether two sentences are the same words (spacing and marks aside)."""
    return re.findall(r"\w+", fold(a).lower()) == re.findall(r"\w+", fold(b).lower())


def _a_person(cand: Candidate) -> bool:
    """Whether a span names a person: a person's, or a name read without an office whose two to four
    words open with a family name ("Đại biểu Lò Văn Páo …"; not "CP Mây Xanh")."""
    if cand.kind == "person":
        return True
    words = cand.text.split()
    return cand.kind == "name" and 2 <= len(words) <= 4 and fold(words[0]).lower() in COMMON_SURNAMES_FOLDED


def _specific_words(qa: QuestionAnalysis, noun: str) -> str:
    """What makes the asked noun (folded) specific: its words after a two-syllable generic head
    ("nha may dien gio" → "dien gio"), or for a two-syllable noun the two words the question writes
    after it ("các nhà máy điện gió ở …" → "dien gio"); "" when there are none."""
    words = noun.split()
    if len(words) >= 4:
        return " ".join(words[2:])
    if len(words) != 2:
        return ""
    after = re.search(rf"\b{re.escape(noun)}\s+(\w+\s+\w+)\b", qa.folded_text)
    return after.group(1) if after and not re.search(r"\b(?:nao|gi|ai|da|duoc|co|la|cua|va)\b", after.group(1)) else ""


def _specific_pieces(items: list[Candidate], specific: str) -> list[Candidate]:
    """When the items hold comma lists of their own ("nhà máy A, điện gió B, điện gió C; nhà ga D, khu
    E"), the pieces that the asked noun's `specific` words head (`_specific_words`), two or more of
    them; [] otherwise."""
    if not specific or not any("," in i.text for i in items):
        return []
    pieces = [Candidate("item", i.start + m.start(), i.start + m.end(), m.group(0))
              for i in items for m in re.finditer(r"[^,\s](?:[^,]*[^,\s])?", i.text)]  # between commas, trimmed
    headed = [c for c in pieces if headed_by(c.text, specific)]
    return headed if len(headed) >= 2 else []


def _names_after(item: str, noun: str) -> bool:
    """Whether the (folded) `noun` opens `item` and a name or number follows it ("Nghị định 45/2057",
    "Dự án Mây Xanh", "Quyết định số 5"; not "văn kiện về giáo dục nghề", "văn kiện đó")."""
    if not headed_by(item, noun):
        return False
    rest = item.split()[len(noun.split()):]
    return bool(rest) and (rest[0][:1].isupper() or rest[0][:1].isdigit() or fold(rest[0]).lower() == "so")


# Words that end no counted noun: what follows a number's noun in its sentence ("19 đơn vị dẫn đầu",
# "40% vốn là …"), caught by the few words a number candidate takes as its noun.
_AFTER_NOUN = frozenset("là bị được đã có đến với và của cho tại ở trong từ theo để sẽ đang này đó mỗi một các những".split())
COUNTED_WORDS = 10  # the question's words after "bao nhiêu" a count's short answer may take


def shown_count(text: str, start: int, end: int, question: str) -> str:
    """A number span `text[start:end]` as a short answer: the number and as many words after it as
    the question writes after "bao nhiêu" (`counted_words`: "215 hộ dân được" asked "bao nhiêu hộ dân
    nhận" → "215 hộ dân"; "12 tổ công" asked "bao nhiêu tổ công tác" → "12 tổ công tác"), else the
    span without the function words its noun ends with ("40% cổ phần là" → "40% cổ phần")."""
    words = text[start:end].split()
    asked = counted_words(question, fold(question).lower(), COUNTED_WORDS)
    if asked and len(words) > 1:
        if words[0].endswith("%") and asked[:2] == ["phan", "tram"]:  # "bao nhiêu phần trăm vốn": "40% vốn"
            asked = asked[2:]
        following = list(re.finditer(r"\S+", text[start:start + len(words[0]) + 80]))[1:len(asked) + 1]
        shared = 0
        while shared < len(following) and fold(following[shared].group(0)).lower().strip(",.;:") == asked[shared]:
            shared += 1
        if shared:
            return text[start:start + following[shared - 1].end()].rstrip(",.;:")
    while len(words) > 1 and words[-1].lower() in _AFTER_NOUN:
        words.pop()
    return " ".join(words)


NOUN_BEFORE_ITEMS = 60  # characters before an untyped list in which the asked noun must introduce it
# Kinds of document that head the names of what they ask for ("những hiệp định nào" → "Hiệp định A"): a
# list of documents that none of them heads, and that the noun does not introduce, answers something
# else (reports, for a question about agreements). "văn bản", "văn kiện", "dự thảo" name any document.
DOCUMENT_KINDS = frozenset({"nghi quyet", "quyet dinh", "chi thi", "ke hoach", "de an", "luat", "thong tu",
                            "nghi dinh", "bao cao", "ban ghi nho", "bien ban ghi nho", "bien ban", "thoa thuan",
                            "thoa thuan hop tac", "hiep dinh", "hop dong", "cong uoc", "to trinh"})


def anchored_clause(text: str, start: int, end: int, numbers: list[str]) -> tuple[int, int]:
    """The one clause of `text[start:end]` between semicolons that holds the question's `numbers`
    (codes, dates) when each of the others holds numbers of its own: parallel items ("… 1- Nghị quyết số
    12/2020 … giữa A và B; 2- Nghị quyết số 13/2020 … của C, D" asked about the first: its parties,
    not the second's). Otherwise the whole sentence ("Kỳ họp thứ sáu bế mạc; các văn bản … gồm: …":
    the clause with the question's number frames the list of the next)."""
    if not numbers or ";" not in text[start:end]:
        return start, end
    clauses = semicolon_clauses(text, start, end)
    # a count is written with or without its leading zero ("3 cuộc" is "03 cuộc")
    written = [re.compile(rf" 0*{re.escape(n)} ") for n in numbers]
    phrases = [phrase_text(text[s:e]) for s, e in clauses]
    holding = [clause for clause, said in zip(clauses, phrases) if any(w.search(said) for w in written)]
    if len(holding) != 1 or not all(re.search(r"\d", text[s:e]) for s, e in clauses if (s, e) != holding[0]):
        return start, end
    s, e = holding[0]
    while s < e and text[s].isspace():
        s += 1
    return s, e


_COUNT_WITH_NOUN = re.compile(r"(?<![\d/.,:-])(\d{1,2})\s+([^\W\d_]+)(?![/.,]\d)")


def counts_with_noun(question: str) -> list[str]:
    """The small numbers a question writes with the word after them, folded ("đang tiến hành 3 cuộc
    thanh tra" → "3 cuoc"): they pin one of several parallel clauses that each count their own."""
    return [f"{int(m.group(1))} {fold(m.group(2)).lower()}" for m in _COUNT_WITH_NOUN.finditer(question)]


# Where the counted noun written after a stated count ends: its list's introduction or what the
# sentence goes on to say of it.
_COUNT_NOUN_END = re.compile(r"\s*(?:[:;,.()]|\s(?:gồm|bao gồm|giữa|là|của|với|như|trong|tại|cho|đã|được|và)\s)", re.IGNORECASE)


def counts_of_asked_noun(text: str, start: int, end: int, qa: QuestionAnalysis) -> list[Candidate]:
    """The numbers in `text[start:end]` that count the question's counted noun, or a noun of the same
    kind ("bao nhiêu nước" — "26 quốc gia"); [] when the question counts no noun."""
    if not qa.noun:
        return []
    head, kind = qa.noun.split()[0], noun_kind(qa.noun)
    return [c for c in candidates(text, start, end, {"number"}) if c.extra and (
        fold(c.extra).split()[:1] == [head] or (kind is not None and noun_kind(fold(c.extra)) == kind))]


def stated_count_before(text: str, start: int, at: int, qa: QuestionAnalysis) -> str | None:
    """The count of the question's counted noun that a sentence states before its list ("… đã ký 7
    thỏa thuận giữa hai tỉnh: A; B …" → "7 thỏa thuận"), as written; None when it states none (the
    list is then counted)."""
    stated = counts_of_asked_noun(text, start, at, qa)
    if not stated:
        return None
    c = stated[-1]
    stop = _COUNT_NOUN_END.search(text, c.start, at)
    phrase = text[c.start:stop.start() if stop else at].split()
    return " ".join(phrase[:6]) if len(phrase) >= 2 else None


def list_clause(text: str, start: int, end: int, items: list, kind: str | None) -> tuple[int, int]:
    """The part of the sentence `text[start:end]` that quotes a list's `items`: the clauses between
    semicolons that hold them ("Sáng 2/3, … khai mạc; dự có A, B và C; đại hội đã bầu …" quotes
    "dự có A, B và C"), and each clause beside those that names a thing of the asked `kind` too (more
    of the list than was itemised); the whole sentence when no semicolon sets the items apart."""
    if kind is None:  # untyped items: which clauses go on with the list cannot be told, so all are quoted
        return start, end
    clauses = semicolon_clauses(text, start, end)
    first = next(i for i, (_, e) in enumerate(clauses) if items[0].start < e or i == len(clauses) - 1)
    last = next(i for i, (_, e) in enumerate(clauses) if items[-1].end <= e or i == len(clauses) - 1)
    while kind is not None and first > 0 and holds_kind(text, *clauses[first - 1], kind):
        first -= 1
    while kind is not None and last < len(clauses) - 1 and holds_kind(text, *clauses[last + 1], kind):
        last += 1
    s, e = clauses[first][0], clauses[last][1]
    while s < e and text[s].isspace():
        s += 1
    return s, e


def _noun_as_article_writes(text: str, sentence_start: int, first_item: int, qa: QuestionAnalysis) -> str | None:
    """The asked noun of a question typed without tone marks as the sentence writes it before its
    list ("nhung linh vuc nao" → "lĩnh vực"), in lower case; None for a question with tone marks
    or when the sentence does not write it."""
    noun = asked_noun(qa)
    if not noun or has_tone_marks(qa.text):
        return None
    written = written_as(noun, text[sentence_start:first_item], last=True)
    return written.lower() if written else None


def _noun_introduces(text: str, sentence_start: int, first_item: int, noun: str) -> bool:
    """Whether the asked noun (folded) stands shortly before the first item of an untyped list
    ("… theo ba định hướng: A, B, C" for "những định hướng nào"; a noun of three words or more by
    its first two): a list of anything that another word introduces ("bị chi phối bởi: …") answers
    something else."""
    return _names_noun(fold(text[max(sentence_start, first_item - NOUN_BEFORE_ITEMS):first_item]).lower(), noun)


def _names_noun(folded: str, noun: str, then: str = "") -> bool:
    """Whether lower-case folded text writes the asked noun (folded) or its head as words, followed by
    what the pattern `then` matches."""
    return any(re.search(rf"\b{re.escape(head)}{then}\b", folded) is not None for head in noun_heads(noun))


def quoted_in(question: str, noun: str) -> set[str]:
    """The words (folded) a question quotes within its asked noun ("những hành vi 'lạc' nào" → {"lac"})."""
    quoted = {fold(m).lower().strip() for m in re.findall(r"[\"'“‘]([^\"'“”‘’]{1,30})[\"'”’]", question)}
    return {q for q in quoted if q and re.search(rf"\b{re.escape(q)}$", noun)}


_EXAMPLES = re.compile(r"(?:chang han|vi du|cu the)\b")  # "Chẳng hạn như …", "Ví dụ, …", "Cụ thể, …"


def _noun_exemplified(text: str, sentence_start: int, noun: str) -> bool:
    """Whether a sentence that gives examples ("Chẳng hạn như A; B; C") follows one that names the
    asked noun (folded): its list is of that noun ("… bỏ một số giấy tờ. Chẳng hạn như …")."""
    if not _EXAMPLES.match(fold(text[sentence_start:sentence_start + 12]).lower()):
        return False
    before = [span for span in article_sentences(text) if span[1] <= sentence_start]
    if not before:
        return False
    return _names_noun(fold(text[before[-1][0]:before[-1][1]]).lower(), noun)


def _noun_recalls(text: str, after_items: int, sentence_end: int, noun: str) -> bool:
    """Whether the sentence points back at its list with the asked noun (folded) after it ("… như Lạc
    Sơn, Mây Xanh, Suối Bạc, … giữ gìn những danh thắng này" for "những danh thắng nào")."""
    return _names_noun(fold(text[after_items:sentence_end]).lower(), noun, r"\s+(?:nay|do|tren|ke tren|noi tren)")


def answerable_row(rows: np.ndarray, logits: np.ndarray, span: float = 0.0) -> np.ndarray:
    """The `ANSWERABLE_FEATURES` of a question from its candidates' feature rows and sentence
    log-odds, both sorted best first, and the probability of its best typed span."""
    col = {name: i for i, name in enumerate(FEATURES)}
    top = rows[0]
    logit2 = logits[1] if len(logits) > 1 else logits[0] - 5.0
    return np.array([[
        logits[0], logit2, logits[0] - logit2,
        top[col["cov"]], top[col["cov_ctx"]], top[col["cov_local"]], top[col["rarest"]], top[col["pairs"]],
        top[col["anchors"]], top[col["anchors_ctx"]], top[col["anchors_art"]], rows[:, col["anchors_art"]].max(),
        top[col["has_anchors"]],
        top[col["numbers_ctx"]], top[col["numbers_art"]], rows[:, col["numbers_art"]].max(),
        top[col["typed_asked"]], top[col["typed_near"]], top[col["typed_cov"]], top[col["counted"]], top[col["form_missing"]],
        rows[:2, col["exact_missing"]].min(), rows[:, col["form_missing"]].mean(),
        top[col["focus"]], top[col["focus_span"]],
        top[col["typed_question"]], span,
        top[col["unseen"]], rows[:, col["dense"]].max(), top[col["dense_sent"]], rows[:, col["dense_sent"]].max(),
        top[col["english"]], top[col["plain"]], top[col["conflict_art"]],
    ]], dtype=float)


_CLAUSE = re.compile(r"[,;:–]\s|\s-\s")


def quote_window(text: str, start: int, end: int, span: tuple[int, int] | None,
                 qa: QuestionAnalysis, limit: int = MAX_QUOTE) -> tuple[int, int]:
    """The sentence `text[start:end]`, or for a very long one the window of at most `limit`
    characters around the typed span (or around the question's words), cut at clause breaks or
    spaces so that no word is split."""
    if end - start <= limit:
        return start, end
    if span is not None:
        centre = (span[0] + span[1]) // 2
    else:
        folded = fold(text[start:end])

        def spots_of(words: list[str]) -> list[int]:
            return [m.start() for w in set(words) for m in re.finditer(rf"\b{re.escape(w)}\b", folded)]

        # the question's own words; the context a follow-up inherited only when none of them is there
        spots = spots_of(qa.content) or spots_of(qa.all_content)
        centre = start + (int(np.median(spots)) if spots else 0)
    lo = max(start, min(centre - limit // 2, end - limit))
    hi = min(end, lo + limit)
    if lo > start:  # start after a clause break or a space
        cut = _CLAUSE.search(text, lo, min(hi, lo + 80))
        lo = cut.end() if cut else text.find(" ", lo, hi) + 1 or lo
    if hi < end:
        space = text.rfind(" ", lo, hi)
        hi = space if space > lo else hi
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1] in " ,;:–-":
        hi -= 1
    return lo, hi


def introduced_after(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The sentence after `text[start:end]` when that one ends with a colon that introduces it
    ("… đề ra một số nhiệm vụ trọng tâm như:" then the tasks, in a paragraph of their own); None
    otherwise or at the article's end."""
    if not colon_before(text, end, start):
        return None
    return next(((s, e) for s, e in article_sentences(text) if s >= end), None)


def abstention(question: str, sentences: list[EvidenceSentence], articles: dict[str, Article]) -> Answer:
    """"Không tìm thấy…", with the best sentences of up to three articles as "see also"."""
    near: list[Citation] = []
    for s in sentences:
        if len(near) == 3:
            break
        if any(c.article_id == s.article_id for c in near):
            continue
        near.append(citation(len(near) + 1, s.hit, articles[s.article_id], s.start, s.end))
    return Answer(question, NOT_FOUND, True, [], see_also=near)
