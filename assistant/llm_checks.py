"""Checks on an LLM's output and on the text it is given: the LLM mode's policy knobs, prompt-injection
detection, and the sentence-by-sentence post-checker (`PostChecker`) that keeps only sentences
citing given sources and supported by them. The answer step itself is `assistant.llm`."""
from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.lexicon import ANSWER_CHECK_STOPWORDS as _STOP
from corpus.normalize import fold
from corpus.sentences import sentence_spans

from .answering import NOT_FOUND
from .prompts import Source
from .question import QuestionAnalysis, as_analysis
from .records import Citation


@dataclass(frozen=True)
class LLMPolicy:
    """Knobs of the LLM answer mode."""

    max_sources: int = 10  # sentences given to the model as numbered sources
    min_support: float = 0.6  # share of a sentence's content words found in its cited sources (or the question)
    min_pair_support: float = 0.4  # share of its adjacent word pairs found there (words must keep their relations)
    max_rewrite_chars: int = 400


# --- prompt injection ---------------------------------------------------------------------------
# Matched on the tone-folded, lower-cased text, so "Bo qua moi huong dan truoc do" is caught too.
_INJECTION = [re.compile(p) for p in (
    r"\bbo qua\b.{0,40}\b(?:huong dan|chi dan|chi thi|cau lenh|lenh|yeu cau|quy tac|nguyen tac)\b.{0,30}"
    r"\b(?:truoc do|truoc day|truoc|o tren|phia tren|ben tren|he thong|da (?:duoc )?(?:cho|dua|giao))\b",
    r"\b(?:ignore|disregard|forget|override)\b.{0,30}\b(?:previous|prior|above|earlier|preceding|all|your|system)\b"
    r".{0,20}\b(?:instructions?|prompts?|rules|directions|guidelines)\b",
    r"\b(?:you are|you're|act as|pretend to be)\s+(?:now\s+)?(?:an?\s+)?(?:ai|assistant|chatbot|language model|llm|gpt)\b",
    r"\b(?:ban la|ban bay gio la|hay dong vai|dong vai)\s+(?:mot\s+)?(?:tro ly|tri tue nhan tao|chatbot|mo hinh ngon ngu|ai)\b",
    r"\b(?:system prompt|prompt he thong|loi nhac he thong|chi dan he thong|huong dan he thong)\b",
    r"\b(?:hay|please)\s+(?:tra loi|tra loi nguoi dung|answer|respond|reply|noi|say)\s+(?:rang|that)\b",
    r"</?\s*(?:source|system|instructions?)\s*>|<\|[a-z_]+\|>|\[/?inst\]|<(?:start|end)_of_turn>|#{2,}\s*(?:instruction|system)\b",
)]


def looks_like_injection(text: str) -> bool:
    """True when `text` holds instruction-like text addressed to an AI ("Bỏ qua mọi hướng dẫn
    trước đó…", "ignore previous instructions", "bạn là trợ lý…", "system prompt", chat tags)."""
    folded = fold(text)
    return any(p.search(folded) for p in _INJECTION)


# --- post-checks --------------------------------------------------------------------------------
_WORD = re.compile(r"\w+")
_MARKER = re.compile(r"\[\s*(?:(?:nguồn|nguon|source|src|ref)\s*)?#?(\d+(?:\s*(?:[,;–-]|and|và)\s*\d+)*)\s*\]",
                     re.IGNORECASE)
_PARTIAL_MARKER = re.compile(r"\[[^\]\n]{0,20}$")
_BULLET = re.compile(r"^\s*(?:[-*•+]|\d{1,2}[.)])\s+")
_NOT_FOUND = re.compile(
    r"\b(?:khong tim thay thong tin|khong co thong tin|cac (?:nguon|bai viet) khong (?:de cap|neu|noi|chua)|"
    r"not found in the|no information|(?:cannot|can't|could not|couldn't) find|"
    r"(?:do|does) not (?:contain|mention|say|provide)|(?:don't|doesn't) (?:contain|mention|say|provide))\b")
_THINK = re.compile(r"<think>.*?</think>", re.DOTALL)
_NEGATIONS_VI = {"không", "chưa", "chẳng", "khong"}
_NEGATIONS_EN = {"not", "no", "none", "never", "neither", "nor", "nothing", "nobody", "cannot", "isn't",
                 "wasn't", "aren't", "weren't", "didn't", "doesn't", "don't", "hasn't", "haven't"}


def _strip_think(raw: str) -> str:
    text = _THINK.sub("", raw)
    at = text.find("<think>")
    return text[:at] if at >= 0 else text


def _marker_numbers(raw: str) -> list[int]:
    out: list[int] = []
    for group in _MARKER.findall(raw):
        parts = re.split(r"\s*(?:[,;]|and|và)\s*", group, flags=re.IGNORECASE)
        for part in parts:
            bounds = re.split(r"\s*[–-]\s*", part)
            if len(bounds) == 2 and all(b.isdigit() for b in bounds) and 0 <= int(bounds[1]) - int(bounds[0]) < 20:
                out.extend(range(int(bounds[0]), int(bounds[1]) + 1))
            else:
                out.extend(int(b) for b in bounds if b.isdigit())
    return out


def _has_content(raw: str) -> bool:
    """Whether a unit says anything beyond citation markers (an unfinished "[1" is not content)."""
    body = _PARTIAL_MARKER.sub("", _MARKER.sub("", raw))
    return bool(re.search(r"\w", body))


def _units(text: str) -> list[tuple[int, int]]:
    """Sentence spans of model output, with a bullet prefix kept on its sentence and a unit made
    only of markers ("X. [1]") merged into the sentence before it."""
    spans: list[tuple[int, int]] = []
    line_start = 0
    while line_start <= len(text):
        newline = text.find("\n", line_start)
        line_end = len(text) if newline == -1 else newline
        line = text[line_start:line_end]
        bullet = _BULLET.match(line)
        offset = line_start + (bullet.end() if bullet else 0)
        first = True
        for s, e in sentence_spans(text, offset, line_end):
            spans.append((line_start + (len(line) - len(line.lstrip())) if first and bullet else s, e))
            first = False
        if newline == -1:
            break
        line_start = newline + 1
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and not _has_content(text[s:e]):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _numbers(text: str) -> set[str]:
    return {d.lstrip("0") or "0" for d in re.findall(r"\d+", text)}


def _pairs(text: str) -> set[tuple[str, str]]:
    """Adjacent folded word pairs: "Bộ trưởng Bộ Tư pháp" is not supported by "Sở Tư pháp, Bộ
    Chỉ huy… Phó cục trưởng" even though every word is there."""
    words = _WORD.findall(fold(text))
    return set(zip(words, words[1:]))


def _negated(text: str, english: bool) -> bool:
    words = set(re.findall(r"[\w']+", text.lower()))
    return bool(words & (_NEGATIONS_VI | _NEGATIONS_EN if english else _NEGATIONS_VI))  # "ấm no" is not "no"


@dataclass
class Dropped:
    """A sentence of the model's output that did not reach the user, and why."""

    text: str
    reason: str


class PostChecker:
    """Checks model output sentence by sentence; feed it text as it streams, read kept pieces.

    Pieces are rendered sentences (markers renumbered, placed before the final punctuation) with
    their separator; the final answer text is exactly the concatenation of all pieces."""

    def __init__(self, question: str | QuestionAnalysis, sources: list[Source], policy: LLMPolicy = LLMPolicy()):
        analysis = as_analysis(question)
        question = analysis.text
        self.question = question
        self.english = analysis.english
        self.question_words = set(_WORD.findall(fold(question)))
        self.question_pairs = _pairs(question)
        self.by_n = {s.n: s for s in sources}
        self.policy = policy
        self.raw = ""
        self.done = 0  # offset into the visible text up to which units are decided
        self.pieces: list[str] = []
        self.numbering: dict[int, int] = {}  # source n -> citation n
        self.dropped: list[Dropped] = []
        self._newline = False
        self.removed_markers: list[int] = []
        self.says_not_found = False  # the model said the sources do not answer

    # streaming interface
    def feed(self, chunk: str) -> list[str]:
        self.raw += chunk
        return self._drain(final=False)

    def close(self) -> list[str]:
        return self._drain(final=True)

    @property
    def text(self) -> str:
        return "".join(self.pieces)

    def citations(self) -> list[Citation]:
        out = []
        for source_n, n in sorted(self.numbering.items(), key=lambda item: item[1]):
            s = self.by_n[source_n]
            out.append(Citation(n=n, article_id=s.article_id, title=s.title, date=s.date, source=s.source,
                                url=s.url, quote=s.text, start=s.start, end=s.end, score=s.score))
        return out

    # internals
    def _drain(self, final: bool) -> list[str]:
        visible = _strip_think(self.raw)
        rest = visible[self.done:]
        units = _units(rest)
        if not final:
            units = units[:-1]  # the last unit may still grow (or gain its markers)
        out: list[str] = []
        previous_end = 0
        for s, e in units:
            if "\n" in rest[previous_end:s]:
                self._newline = True
            piece = self._check(rest[s:e])
            if piece is not None:
                sep = "" if not self.pieces else ("\n" if self._newline else " ")
                self.pieces.append(sep + piece)
                out.append(sep + piece)
                self._newline = False
            previous_end = e
        self.done += previous_end
        return out

    def _check(self, raw: str) -> str | None:
        bullet = _BULLET.match(raw)
        prefix = raw[:bullet.end()].strip() + " " if bullet else ""
        body_raw = raw[bullet.end():] if bullet else raw
        cited = _marker_numbers(body_raw)
        valid = list(dict.fromkeys(n for n in cited if n in self.by_n))
        self.removed_markers.extend(n for n in cited if n not in self.by_n)
        body = _MARKER.sub(" ", body_raw)
        body = re.sub(r"\s+", " ", body).strip()
        body = re.sub(r"\s+([.,;:!?…])", r"\1", body)
        if not re.search(r"\w", body):
            return None
        valid = self._contributing(body, valid)
        reason = self._reject(body, valid)
        if reason:
            self.dropped.append(Dropped(raw.strip(), reason))
            return None
        numbers = []
        for n in valid:
            if n not in self.numbering:
                self.numbering[n] = len(self.numbering) + 1
            numbers.append(self.numbering[n])
        markers = "".join(f"[{n}]" for n in numbers)
        end = re.search(r"[.!?…:;]+[\"'”’»)]*$", body)
        if end and end.start() > 0:
            return f"{prefix}{body[:end.start()].rstrip()} {markers}{body[end.start():]}"
        return f"{prefix}{body} {markers}"

    def _contributing(self, body: str, cited: list[int]) -> list[int]:
        """The cited sources that share something informative with the sentence (a number, or a
        content word the question does not already have); a citation that adds nothing is removed."""
        words = {w for w in _WORD.findall(fold(body)) if w not in _STOP and len(w) > 1}
        informative = (words - self.question_words) | _numbers(body)
        wanted = informative or words
        kept = [n for n in cited
                if wanted & (set(_WORD.findall(fold(self.by_n[n].text))) | _numbers(self.by_n[n].text))]
        if not kept:
            return cited  # the support checks decide about the sentence as a whole
        self.removed_markers.extend(n for n in cited if n not in kept)
        return kept

    def _reject(self, body: str, cited: list[int]) -> str | None:
        if _NOT_FOUND.search(fold(body)):
            self.says_not_found = True
            return "not found"
        if not cited:
            return "no valid citation"
        if looks_like_injection(body) or re.search(r"\b(?:bo qua|ignore|disregard)\b.{0,40}\b(?:huong dan|instructions?)\b", fold(body)):
            return "instruction-like"
        support_text = " ".join(self.by_n[n].text + " " + self.by_n[n].title for n in cited)
        if not _numbers(body) <= _numbers(support_text):
            return "number not in cited sources"
        if _negated(body, self.english) and not _negated(support_text, self.english):
            return "negation not in cited sources"
        support = set(_WORD.findall(fold(support_text)))
        if not self.english:
            names = [w for w in _WORD.findall(body)[1:] if w[:1].isupper()]
            if any(fold(w) not in support and fold(w) not in self.question_words for w in names):
                return "name not in cited sources"
        words = [w for w in _WORD.findall(fold(body)) if w not in _STOP and not w.isdigit() and len(w) > 1]
        if self.english:
            # cross-language answer: only the Vietnamese words (names, quoted titles) can be checked
            words = [fold(w) for w in _WORD.findall(body) if fold(w) != w.lower()]
            if not words:
                return None
        if not words:
            return None if _numbers(body) else "no content"  # e.g. "05 năm": its number is in the source
        from_sources = sum(w in support for w in words)
        covered = sum(w in support or w in self.question_words for w in words)
        if from_sources == 0 or covered / len(words) < self.policy.min_support:
            return "not supported by cited sources"
        if not self.english:
            pairs = _pairs(body)
            if pairs:
                known = _pairs(support_text) | self.question_pairs
                if sum(p in known for p in pairs) / len(pairs) < self.policy.min_pair_support:
                    return "not supported by cited sources"
        return None


# --- follow-up rewrites ---------------------------------------------------------------------------
def clean_rewrite(raw: str) -> str:
    """The first non-empty line of a rewrite, without labels, quotes or markdown."""
    text = _strip_think(raw)
    for line in text.splitlines():
        line = line.strip().strip("*_`").strip()
        line = re.sub(r"^(?:standalone question|rewritten question|question|câu hỏi(?: độc lập| viết lại)?)\s*[:：-]\s*",
                      "", line, flags=re.IGNORECASE)
        line = line.strip().strip("\"'“”‘’«»").strip()
        if line:
            return line
    return ""


def valid_rewrite(candidate: str, question: str, history: list[str], policy: LLMPolicy = LLMPolicy()) -> bool:
    """One reasonable question built from the conversation's words: not empty, not too long, no
    citation markers or instructions, and most of its content words taken from the conversation."""
    limit = min(policy.max_rewrite_chars, 2 * (len(question) + max(len(h) for h in history)) + 40)
    if len(candidate) < 3 or len(candidate) > limit or _MARKER.search(candidate) or looks_like_injection(candidate):
        return False
    if fold(NOT_FOUND).rstrip(".") in fold(candidate):
        return False
    known = set(_WORD.findall(fold(" ".join([question, *history]))))
    words = [w for w in _WORD.findall(fold(candidate)) if w not in _STOP]
    if not words:
        return False
    own = [w for w in _WORD.findall(fold(question)) if w not in _STOP]
    keeps_question = not own or sum(w in set(words) for w in own) / len(own) >= 0.5
    return keeps_question and sum(w in known for w in words) / len(words) >= 0.75
