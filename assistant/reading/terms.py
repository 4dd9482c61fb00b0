"""What of a question the evidence should contain: weighted content words, word pairs and anchors.

- Content words: the question's tone-folded words minus question and function words (an English
  question: the Vietnamese its civic terms, names and numbers render to), each weighted by its
  inverse document frequency over the indexed chunks, so "Phúc" counts for more than "tỉnh".
- Setting: the words only a question's opening clause writes ("Tại hội nghị sơ kết …, ông A đề nghị
  …?"): they say which event, and count half where a sentence is measured (not its article); their
  pairs are not asked of a sentence.
- Pairs: adjacent content words of the question ("thi dua", "vinh phuc"), matched as adjacent words.
- Anchors: what pins the question to one article — numbers, years, dates and codes, capitalised
  names after the first word, quoted titles — matched as whole folded phrases, abbreviations
  spelled out ("UBND" = "Ủy ban nhân dân").
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from corpus.normalize import fold, spell_out, with_abbreviations
from index.glossary import foreign_names, month_dates, rendering_alternatives, vietnamese_names

from ..question import QuestionAnalysis, split_context
from .numerals import roman

_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+(?:[./,-]\d+)*")
_QUOTED = re.compile(r"[“\"]([^”\"]{3,200})[”\"]")
# Ordinals written in words ("Kỳ họp thứ tám", "lần thứ hai"): as telling as a number.
_ORDINAL = re.compile(r"\bthu (?:nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi(?: \w+)?)\b")

# BM25 tokens → how many indexed chunks hold each, and how many chunks there are
Frequencies = Callable[[list[str]], tuple[dict[str, int], int]]


def words_of(text: str) -> set[str]:
    """The folded words of `text`, plus what its civic abbreviations stand for and the
    abbreviations of the bodies it spells out (so "UBND" and "Ủy ban nhân dân" match)."""
    return with_abbreviations(set(_WORD.findall(fold(text))))


def pairs_of(text: str) -> set[tuple[str, str]]:
    """Adjacent folded word pairs of `text`, abbreviations spelled out."""
    words = spell_out(" ".join(_WORD.findall(fold(text)))).split()
    return set(zip(words, words[1:]))


def phrase_text(text: str) -> str:
    """`text` as folded words between single spaces, written twice (as is and with abbreviations
    spelled out) and padded, so that `f" {phrase} " in phrase_text(t)` finds a whole phrase; then
    the dates it writes in words, as numbers ("ngày 17 tháng 3 năm 2021" → "17 3 2021")."""
    words = " ".join(_WORD.findall(fold(text)))
    dates = " \n ".join(date_forms(words))
    return f" {words} \n {spell_out(words)} " + (f"\n {dates} " if dates else "")


# Dates written in words (folded): "ngày 17 tháng 3 năm 2021", "tháng 5 năm 2023", "tháng 5 và
# tháng 6 năm 2023" (each month of that year).
_WORDED_DATE = re.compile(r"\b(?:ngay (\d{1,2}) )?thang (\d{1,2})((?: (?:va|den|hoac) thang \d{1,2})*) nam ((?:19|20)\d\d)\b")


def date_forms(folded_words: str) -> list[str]:
    """The dates that folded words write with "ngày / tháng / năm", as the numbers a question
    writes them with ("17 3 2021", "17 3", "5 2023")."""
    out = []
    for m in _WORDED_DATE.finditer(folded_words):
        day, month, more, year = m.groups()
        if day:
            out += [f"{day} {month} {year}", f"{day} {month}"]
        out += [f"{mo} {year}" for mo in [month] + re.findall(r"\d{1,2}", more)]
    return out


@lru_cache(maxsize=256)
def article_phrase_text(title: str, text: str) -> str:
    """`phrase_text` of a whole article (cached: the same articles answer many questions)."""
    return phrase_text(title + "\n" + text)


@dataclass
class QuestionTerms:
    """The weighted words, pairs and anchors of one question."""

    words: list[str]
    weights: dict[str, float]
    pairs: set[tuple[str, str]] = field(default_factory=set)
    anchors: list[str] = field(default_factory=list)
    unseen: float = 0.0  # weight share of content words that no indexed chunk holds
    # (another rendering, the first's words) of an English question's phrases that the glossary
    # renders several ways: where a text writes the other, the first's words count as found
    equivalents: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    # the anchors of the context a follow-up inherited ("… (Khối thi đua Lạc Sơn, năm 2031)?"): they
    # say which article, so they count where the article is measured, not the sentence
    context_anchors: list[str] = field(default_factory=list)
    # the Roman numerals (folded) of the question's ordinals ("16th", "khóa 14"): "16" → ("xvi",), a
    # text that writes "Đại hội XVI" holds the "16" asked
    ordinal_forms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # the words only the question's opening setting writes ("Tại hội nghị X ngày 5/6, …"): they say
    # which article and event, the rest of the question which of its sentences
    setting: set[str] = field(default_factory=set)

    @property
    def sentence_weights(self) -> dict[str, float]:
        """The weights a sentence is measured with: the setting's words count `SETTING_SHARE` as much."""
        if not self.setting:
            return self.weights
        return {w: v * (SETTING_SHARE if w in self.setting else 1.0) for w, v in self.weights.items()}

    def words_in(self, text: str) -> set[str]:
        """`words_of(text)`, with the first rendering's words of each phrase whose other rendering
        the text writes as a phrase ("ngân sách" for "budget", rendered "kinh phí")."""
        words = words_of(text)
        if not self.equivalents and not self.ordinal_forms:
            return words
        folded = f" {' '.join(_WORD.findall(fold(text)))} "
        words |= {n for n, forms in self.ordinal_forms.items() if any(f" {f} " in folded for f in forms)}
        return words.union(*(first for other, first in self.equivalents if f" {other} " in folded))

    @property
    def numbers(self) -> list[str]:
        """The anchors that are numbers, dates, codes or ordinals ("2021", "17 3 2021", "thu nam")."""
        return [a for a in self.anchors if a[:1].isdigit() or _ORDINAL.fullmatch(a)]

    @property
    def total(self) -> float:
        return sum(self.weights[w] for w in self.words) or 1.0

    def coverage(self, words: set[str], weights: dict[str, float] | None = None,
                 only: set[str] | None = None) -> float:
        """The weighted share of the question's content words (or of those in `only`) among
        `words`; `weights` replaces the IDF weights."""
        weights = weights or self.weights
        asked = [w for w in self.words if only is None or w in only]
        total = sum(weights[w] for w in asked)
        return sum(weights[w] for w in asked if w in words) / total if total else 0.0

    def rarest_found(self, words: set[str]) -> float:
        """Whether the question's rarest word is among `words` (1.0), as a share of its weight
        otherwise: the best-found word's weight over the rarest's."""
        if not self.words:
            return 0.0
        top = max(self.weights[w] for w in self.words)
        return max((self.weights[w] for w in self.words if w in words), default=0.0) / top if top else 0.0

    def local_weights(self, candidate_words: list[set[str]]) -> dict[str, float]:
        """Weights that favour the words few candidates share: IDF × log((n + 1) / (1 + df)) over
        the candidate sentences (the words of the event every sentence repeats say little about
        which one answers)."""
        n = len(candidate_words)
        weights = self.sentence_weights
        return {w: weights[w] * math.log((n + 1) / (1 + sum(w in c for c in candidate_words))) + 1e-6
                for w in self.words}

    def pair_share(self, pairs: set[tuple[str, str]]) -> float:
        return len(self.pairs & pairs) / len(self.pairs) if self.pairs else 0.0

    def anchor_share(self, phrases: str, numbers: bool = False, article: bool = False) -> float:
        """The share of anchors (or of numeric anchors) found whole in `phrases` (a `phrase_text`);
        1.0 when there are none. `article`: the inherited context's anchors count too."""
        anchors = self.anchors + [a for a in self.context_anchors if a not in self.anchors] if article else self.anchors
        if numbers:
            anchors = [a for a in anchors if a[:1].isdigit() or _ORDINAL.fullmatch(a)]
        if not anchors:
            return 1.0
        return sum(_anchor_in(a, phrases) or any(f" {f} " in phrases for f in self.ordinal_forms.get(a, ()))
                   for a in anchors) / len(anchors)


_FULL_DATE = re.compile(r"(\d{1,2} \d{1,2}) ((?:19|20)\d\d)")


def _anchor_in(anchor: str, phrases: str) -> bool:
    """Whether `anchor` is found whole in `phrases`; a full date also when its day and month are
    found and its year is ("sáng 12/9" in an article about 2023: news omits the year it is in)."""
    if f" {anchor} " in phrases:
        return True
    date = _FULL_DATE.fullmatch(anchor)
    return date is not None and f" {date.group(1)} " in phrases and f" {date.group(2)} " in phrases


def question_terms(qa: QuestionAnalysis, frequencies: Frequencies | None = None) -> QuestionTerms:
    """The terms of an analysed question, weighted by IDF over the indexed chunks when
    `frequencies` is given (BM25's own document frequencies of the folded tokens "~khoi")."""
    question, context = split_context(qa.text)  # the question proper, and what a follow-up inherited
    words = list(dict.fromkeys(qa.all_content))
    weights = {w: 1.0 for w in words}
    unseen = 0.0
    if frequencies is not None and words:
        df, n = frequencies([f"~{w}" for w in words])
        if qa.english:  # a capitalised English word kept as a name that no article holds says nothing
            foreign = foreign_names(question)
            words = [w for w in words if not (w in foreign and df[f"~{w}"] == 0)] or words
        weights = {w: math.log1p((n - df[f"~{w}"] + 0.5) / (df[f"~{w}"] + 0.5)) for w in words}
        unseen = sum(weights[w] for w in words if df[f"~{w}"] == 0) / (sum(weights.values()) or 1.0)
    content = set(words)
    own = " ".join(_WORD.findall(fold(question)))
    sequence = own.split() if not qa.english else qa.rendered.split()
    setting = setting_words(question) & content if not qa.english else set()
    pairs = {(a, b) for a, b in zip(sequence, sequence[1:]) if a in content and b in content
             and not (a in setting and b in setting)}
    equivalents = [(other, tuple(first.split()))
                   for first, other in rendering_alternatives(question)] if qa.english else []
    context_anchors = anchors_of(qa, "… " + context) if context else []  # a name opening it is one too
    return QuestionTerms(words, weights, pairs, anchors_of(qa), unseen, equivalents, context_anchors,
                         ordinal_forms(question), setting)


SETTING_SHARE = 0.5  # chosen on train + dev (0.25: one answer fewer; docs/evaluation.md, "Stop 49")
# A question that opens with where, when or after what it is asked, then a comma, then what it asks:
# "Tại hội nghị …, ông A cho biết …?", "Theo báo cáo …, những cơ quan nào …?", "Phát biểu tại …, …".
_SETTING = re.compile(r"^(?:tai|theo|trong|du|phat bieu|khi|sau|o|nhan|toi du|tham du|qua|ben le)\b[^,?]{12,}?,(?=[^,?]*\w)")


def setting_words(question: str) -> set[str]:
    """The folded words of a question's opening setting clause that the rest of it does not write
    (an empty set when it opens with none, or the rest is too short to ask by itself)."""
    folded = " ".join(re.findall(r"\w+|,", fold(question))).replace(" ,", ",")
    m = _SETTING.match(folded)
    if not m:
        return set()
    rest = set(_WORD.findall(folded[m.end():]))
    if len(rest) < 4:
        return set()
    return set(_WORD.findall(folded[:m.end()])) - rest


# An ordinal a question writes in digits: "16th", "khóa 14", "Đại hội 16", "lần thứ 13" (folded).
_ENGLISH_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_NUMBERED_ORDINAL = re.compile(r"\b(?:khoa|dai hoi|ky hop thu|lan thu|ky hop|hoi nghi trung uong) (\d{1,2})\b")


def ordinal_forms(question: str) -> dict[str, tuple[str, ...]]:
    """The Roman numerals (folded phrases) a text may write a question's ordinals with ("16th
    Congress" → {"16": ("xvi",)}): two letters or more alone, one after the word it numbers ("khoa x",
    not any "X")."""
    numbers = _ENGLISH_ORDINAL.findall(question) + _NUMBERED_ORDINAL.findall(" ".join(_WORD.findall(fold(question))))
    out = {}
    for n in dict.fromkeys(numbers):
        if not 1 < int(n) < 90:
            continue
        r = roman(int(n))
        out[n] = (r,) if len(r) > 1 else tuple(f"{w} {r}" for w in ("khoa", "hoi", "thu", "hop"))
    return out


def anchors_of(qa: QuestionAnalysis, text: str | None = None) -> list[str]:
    """Folded anchor phrases of a question (or of `text`, read as the question's language):
    numbers and codes, quoted titles, and names — for Vietnamese, runs of capitalised words after
    the first word; for English, the Vietnamese names it spells ("Vinh Phuc")."""
    own = split_context(qa.text)[0] if text is None else text
    anchors = [" ".join(_WORD.findall(fold(n))) for n in _NUMBER.findall(own)]  # "2017-2022" → "2017 2022"
    anchors += _ORDINAL.findall(" ".join(_WORD.findall(fold(own))))
    anchors += [" ".join(_WORD.findall(fold(q))) for q in _QUOTED.findall(own)]
    if qa.english:
        anchors += vietnamese_names(own)
        # dates written with a month's name, as the glossary renders them ("February 10" → "10 2")
        anchors += [" ".join(_WORD.findall(d)) for d in month_dates(own)]
    else:
        run: list[str] = []
        for i, token in enumerate(own.split()):
            clean = token.strip("?.,;:!“”\"'()")
            capitalised = i > 0 and clean[:1].isupper() and clean.replace("-", "").isalpha()
            if capitalised:
                run.append(" ".join(_WORD.findall(fold(clean))))
            if run and (not capitalised or token != clean):
                anchors.append(" ".join(run))
                run = []
        if run:
            anchors.append(" ".join(run))
    return [a for a in dict.fromkeys(anchors) if a]
