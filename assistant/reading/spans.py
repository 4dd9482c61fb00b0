"""Typed answer spans inside an evidence sentence: the date of a "when" question, the person of a
"who" question, the slogan of a "theme" question…

A span adds a short answer in front of its sentence; it never vetoes an answer. The spans of the
best sentences are scored by `span_rows` and the reader model's span weights (learned like the
sentence weights): a confident span picks the sentence it stands in, and its score is evidence
that the question is answered.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np

from corpus.lexicon import CORE_TITLES_FOLDED
from corpus.normalize import fold, spell_out
from index.glossary import english_phrase_terms

from ..answer_types import kinds_for
from ..candidates import Candidate, candidates
from ..question import QuestionAnalysis
from .terms import QuestionTerms

_WORD = re.compile(r"\w+")

SPAN_FEATURES = (
    "kind_rank",       # 1 for the question type's most typical kind, less for the others
    "near",            # closeness to the question's words in the sentence
    "in_question",     # the span's words are all in the question (it repeats the question)
    "counted",         # a number of what the question counts ("35 hộ dân" for "bao nhiêu hộ dân")
    "log_len",
    "first",           # the first candidate of its kind in the sentence
    "alone",           # the only candidate of its kind in the sentence
    "clause_cov",      # share of the question's words in the span's clause
    "sentence_logit",  # the sentence model's log-odds for the span's sentence
    "sentence_rank",   # 1 / (1 + that sentence's rank)
)
# Evidence that a span is the answer: learned weights kept ≥ 0.
SPAN_POSITIVE = frozenset({"kind_rank", "near", "counted", "clause_cov", "sentence_logit", "sentence_rank"})
_WORD = re.compile(r"\w+")
_WINDOW = 150  # characters either side of a span that its clause may take


def typed_candidates(qa: QuestionAnalysis, text: str, start: int, end: int) -> list[Candidate]:
    """Candidates of the question's answer type in `text[start:end]`."""
    kinds = kinds_for(qa.answer_type)
    if not kinds:
        return []
    found = [c for c in candidates(text, start, end, set(kinds)) if c.kind in kinds]
    if asks_time(qa):  # "bao lâu", "bao nhiêu năm": a number of a unit of time ("15 ngày", "sáu năm")
        found = [c for c in found if _unit(c) in _TIME_UNITS]
    if qa.answer_type == "directive" and (kind := _ASKED_DOCUMENT.search(qa.folded)) is not None:
        # "theo quyết định nào": a decision, or a quoted name a decision is given ("Quyết định “…”"),
        # not another document nor a slogan
        asked = kind.group(1)
        found = [c for c in found if fold(c.text).lower().startswith(asked)
                 or c.kind == "quote" and asked in fold(text[max(start, c.start - 40):c.start]).lower()]
    return found


# the kind of document a "which document" question names, before its question word (folded)
_ASKED_DOCUMENT = re.compile(r"\b(chi thi|nghi quyet|quyet dinh|nghi dinh|thong tu|ke hoach|cong van)"
                             r" (?:nao|gi|so may|so bao nhieu)\b")  # right before it: "kế hoạch X nào" is another thing


def _unit(cand: Candidate) -> str:
    """The first word after a number that is not a multiplier ("năm" of "515 triệu năm"), lower
    case with its tone marks: "dây" is not "day"."""
    said = fold(cand.extra).split()
    written = cand.text.lower().split()[-len(said):] if said else []
    return next((w for w, f in zip(written, said) if f not in _CURRENCY), "")


def asks_time(qa: QuestionAnalysis) -> bool:
    """Whether the question asks for a length of time: "bao lâu / how long", or a count of a unit
    of time ("bao nhiêu năm", "how many months") — which a date's year does not answer."""
    if qa.answer_type == "duration":
        return True
    return qa.answer_type == "number" and qa.noun in _COUNTED_TIME


_COUNTED_TIME = frozenset({"ngay", "tuan", "thang", "nam", "gio", "phut", "quy"})  # the noun of "bao nhiêu năm"
_TIME_UNITS = frozenset({"ngày", "tuần", "tháng", "năm", "giờ", "phút", "quý", "thế", "thập",
                         "ngay", "tuan", "thang", "nam", "gio", "phut", "quy", "the", "thap",  # without tone marks
                         "days", "weeks", "months", "years", "hours", "minutes", "day", "week", "month", "year", "hour"})


def repeats_question(span: str, qa: QuestionAnalysis) -> bool:
    """Whether every word of the span already stands in the question."""
    words = _WORD.findall(fold(span))
    asked = set(_WORD.findall(qa.folded))
    return bool(words) and all(w in asked for w in words)


def word_spots(qa: QuestionAnalysis, sentence: str) -> list[int]:
    """Where the question's content words start in the sentence (offsets into it)."""
    wanted = set(qa.all_content)
    return [m.start() for m in _WORD.finditer(fold(sentence)) if m.group(0) in wanted]


def closeness(spots: list[int], at: int) -> float:
    """1 / (1 + d / 30) for the distance d (characters) from position `at` of a sentence to the
    nearest of the question's words in it (`word_spots`); 0 when none is there."""
    return max((1.0 / (1.0 + abs(at - p) / 30.0) for p in spots), default=0.0)


def clause(text: str, start: int, end: int, cand: Candidate) -> str:
    """The clause of the sentence `text[start:end]` that holds a span: between the semicolons
    around it (a list of people or units gives each its own), at most `_WINDOW` characters either
    side."""
    lo = max(start, cand.start - _WINDOW)
    hi = min(end, cand.end + _WINDOW)
    before = text.rfind(";", lo, cand.start)
    after = text.find(";", cand.end, hi)
    return text[before + 1 if before >= 0 else lo:after if after >= 0 else hi]


def counts(qa: QuestionAnalysis, cand: Candidate) -> bool:
    """Whether a number counts what a "how many" question counts: the noun after it is the
    question's ("35 hộ dân" for "bao nhiêu hộ dân"), abbreviations spelled out; money ("bao
    nhiêu tiền / kinh phí") is counted in a currency, a share ("tỷ lệ", "phần trăm") in per cent."""
    if cand.kind != "number" or not qa.noun:
        return False
    said = spell_out(fold(cand.extra)).split()
    asked = spell_out(qa.noun).split()
    amount = _amount(asked)
    if amount == "money":
        return bool(said) and said[0] in _CURRENCY
    if amount == "share":
        return "%" in cand.text
    return bool(said) and said[:len(asked)] == asked[:len(said)]


def _amount(asked: list[str]) -> str | None:
    """"money" when a counted noun (its words, spelled out) asks for a sum ("tiền", "kinh phí",
    "tỷ đồng"), "share" for a share ("tỷ lệ", "phần trăm"), else None."""
    if " ".join(asked[:2]) in _SHARE:  # first: "tỷ lệ" is no "tỷ" (a thousand million)
        return "share"
    if asked[0] in _MONEY or asked[0] in _CURRENCY or " ".join(asked[:2]) in _MONEY:
        return "money"
    return None


def has_asked_form(qa: QuestionAnalysis, cand: Candidate) -> bool:
    """Whether a span of the asked kind has the form the question asks for: a day for "ngày nào /
    what date", a year for "năm nào / what year", a month for "tháng nào"; a sum in a currency or a
    share in per cent for a question that asks for money or a share (`counts`). Any date answers
    "khi nào / when", any number another "how many"."""
    if cand.kind == "date":
        form = _asked_date_form(qa.folded)
        return form is None or bool(form.search(fold(cand.text)))
    if cand.kind == "number" and qa.noun and _amount(spell_out(qa.noun).split()):
        return counts(qa, cand)
    return True


@lru_cache(maxsize=256)
def _asked_date_form(folded_question: str) -> re.Pattern[str] | None:
    """The form of a date that gives the unit a "when" question asks for (None: any date), once
    per question rather than once per candidate span."""
    return next((form for question, form in _DATE_FORMS if question.search(folded_question)), None)


_TITLE_SET = frozenset(CORE_TITLES_FOLDED)
# "Which Vice Chairwoman …", "Who is the Deputy Director of …": the title is the words up to a function word
_EN_TITLE = re.compile(r"\b(?:which|who (?:is|was) the)\s+([A-Za-z-]+(?:\s+[A-Za-z-]+){0,3})", re.IGNORECASE)
_EN_TITLE_END = frozenset("of in at on for to from by with about who whom that which did do does is are was were has "
                          "have had will would can said".split())


def asked_office_title(qa: QuestionAnalysis) -> str | None:
    """The title of office a who-question asks the holder of as its slot (folded): "Ai là Phó Chủ
    tịch nào …" → "pho chu tich", "Which Vice Chairwoman …" → "pho chu tich"; an English title only
    when the glossary renders it whole ("Deputy Minister" → "thu truong"; "General Director", which
    it does not know, is no "Director"); None for any other question."""
    if qa.answer_type != "person":
        return None
    if qa.english:
        m = _EN_TITLE.search(qa.text)
        words = []
        for word in (m.group(1).split() if m else []):
            if word.lower() in _EN_TITLE_END:
                break
            words.append(word.lower())
        rendered = " ".join(english_phrase_terms(" ".join(words))) if words else ""
        return rendered if rendered in _TITLE_SET else None
    return next((t for t in CORE_TITLES_FOLDED if re.search(rf"\b{t} nao\b", qa.folded_text)), None)


def holds_title(cand: Candidate, title: str) -> bool:
    """Whether a person's span is written with the (folded) `title` ("Phó Chủ tịch Thường trực" holds
    "pho chu tich"; "Phó Chủ tịch" does not hold "chu tich": a deputy is not the head)."""
    return cand.kind == "person" and (fold(cand.extra).lower() + " ").startswith(title + " ")


def lacks_asked_form(qa: QuestionAnalysis, spans: list[Candidate]) -> bool:
    """A question that asks for a date or a number, and none of `spans` has the asked form."""
    return qa.answer_type in ("date", "number") and not any(has_asked_form(qa, c) for c in spans)


def asks_exact_form(qa: QuestionAnalysis) -> bool:
    """Whether the question asks for a date or number of one exact form — a day, a month, a year,
    a sum of money or a share — rather than any date ("khi nào") or any count ("bao nhiêu người"),
    which phrases can answer too ("66 triệu năm trước", "hơn một nửa")."""
    if qa.answer_type == "date":
        return _asked_date_form(qa.folded) is not None
    return qa.answer_type == "number" and bool(qa.noun) and _amount(spell_out(qa.noun).split()) is not None


# The unit a "when" question asks for, and the form of a date that gives it; "cụ thể / chính xác"
# may stand between the unit and its question word ("ngày cụ thể nào").
_QUALIFIED = r"(?:cu the |chinh xac )?"
_DATE_FORMS = (
    (re.compile(rf"\b(?:ngay {_QUALIFIED}(?:nao|may|bao nhieu)|(?:what|which) (?:date|day)|on what day)\b"),
     re.compile(r"\b\d{1,2}\s*[/.-]\s*\d{1,2}\b|\bngay \d")),
    (re.compile(rf"\b(?:nam {_QUALIFIED}(?:nao|may|bao nhieu)|(?:what|which) year)\b"), re.compile(r"\b(?:1\d|20)\d\d\b")),
    (re.compile(rf"\b(?:thang {_QUALIFIED}(?:nao|may)|(?:what|which) month)\b"), re.compile(r"\bthang \d|\b\d{1,2}/\d{1,2}\b")),
)
_MONEY = {"tien", "von", "kinh phi", "ngan sach", "chi phi", "gia tri", "so tien"}
_CURRENCY = {"dong", "trieu", "ty", "ti", "nghin", "ngan", "usd", "euro", "yen"}
_SHARE = {"phan tram", "ti le", "ty le"}


def span_rows(qa: QuestionAnalysis, terms: QuestionTerms, found: list[Candidate], text: str, start: int, end: int,
              logit: float = 0.0, rank: int = 0) -> np.ndarray:
    """One row of `SPAN_FEATURES` per candidate of the sentence `text[start:end]`; `logit` and
    `rank` are the sentence's log-odds and rank among the question's candidates."""
    kinds = kinds_for(qa.answer_type)
    spots = word_spots(qa, text[start:end]) if found else []
    rows = []
    for cand in found:
        same = [c for c in found if c.kind == cand.kind]
        rows.append([
            (len(kinds) - kinds.index(cand.kind)) / len(kinds) if cand.kind in kinds else 0.0,
            closeness(spots, cand.start - start),
            float(repeats_question(cand.text, qa)),
            float(counts(qa, cand)),
            math.log1p(len(cand.text) / 20.0),
            float(same[0] is cand),
            float(len(same) == 1),
            terms.coverage(terms.words_in(clause(text, start, end, cand))),
            logit,
            1.0 / (1.0 + rank),
        ])
    return np.array(rows, dtype=float).reshape(len(found), len(SPAN_FEATURES))
