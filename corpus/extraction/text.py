"""Shared helpers for extraction: word tokens with exact spans, an offset-preserving folded copy
of the text, a word-level lexicon (trie) that matches with or without tone marks, dates.

Matching rule used everywhere: in an article written with diacritics every word is compared in
its *match form* (lower case, modern tone placement: "Uỷ" → "ủy"), so "quan" never matches
"quận". In an article typed without diacritics (almost no word carries a mark), words without
marks are compared in their *folded* form ("Cong an" matches "Công an"). A token's `exact` flag
says which comparison applies.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from functools import lru_cache
from typing import Any

from ..normalize import fold, fold_aligned, normalize_tones
from ..sentences import sentence_spans

# --- tokens ---------------------------------------------------------------------------------

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*|\S")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
DASHES = frozenset("–-—−‑")
# Punctuation that may sit inside a multi-word lexicon entry ("Thi đua – Khen thưởng",
# "Văn hóa, Thể thao và Du lịch", "GD&ĐT").
INNER_PUNCT = frozenset({",", "&", "/"}) | DASHES
OPEN_QUOTES = frozenset("“\"«‘")
CLOSE_QUOTES = frozenset("”\"»’")


@lru_cache(maxsize=200_000)
def word_fold(word: str) -> str:
    return fold(word).replace("ð", "d")


@lru_cache(maxsize=200_000)
def word_form(word: str) -> str:
    """Match form of one word: lower case with modern tone placement."""
    return normalize_tones(word).lower()


class Tok:
    """One token: a word, a number or a punctuation character, with its span."""

    __slots__ = ("i", "text", "start", "end", "f", "m", "kind", "cap", "upper", "exact")

    def __init__(self, i: int, text: str, start: int, end: int) -> None:
        self.i = i
        self.text = text
        self.start = start
        self.end = end
        first = text[0]
        if first.isalpha():
            self.kind = "w"
        elif first.isdigit():
            self.kind = "n"
        else:
            self.kind = "p"
        self.f = word_fold(text) if self.kind == "w" else text
        self.m = word_form(text) if self.kind == "w" else text
        # compare by match form; Doc clears it for unmarked words of a tone-free article
        self.exact = True
        self.cap = first.isupper()
        self.upper = self.kind == "w" and len(text) > 1 and text.isupper()

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Tok({self.text!r}@{self.start})"

    @property
    def word(self) -> bool:
        return self.kind == "w"

    def is_(self, *forms: str) -> bool:
        """Whether this word is one of `forms` (given in their accented spelling)."""
        if self.kind != "w":
            return self.text in forms
        m_set, f_set = _form_sets(forms)
        return (self.m in m_set) if self.exact else (self.f in f_set)


@lru_cache(maxsize=4096)
def _form_sets(forms: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(word_form(f) for f in forms), frozenset(word_fold(f) for f in forms)


class WordSet:
    """A set of words tested against tokens with the tone-mark rule of this module:
    `tok in WordSet("có là")`."""

    def __init__(self, words: str | Iterable[str]) -> None:
        items = words.split() if isinstance(words, str) else list(words)
        self.forms = frozenset(word_form(w) for w in items)
        self.folds = frozenset(word_fold(w) for w in items)

    def __contains__(self, t: object) -> bool:
        if not isinstance(t, Tok) or t.kind != "w":
            return False
        return (t.m in self.forms) if t.exact else (t.f in self.folds)


def is_toneless(toks: list[Tok]) -> bool:
    """Whether the words were typed without diacritics (fewer than 1 in 12 carries a mark;
    ordinary Vietnamese text has marks on more than half of its syllables)."""
    words = [t for t in toks if t.kind == "w" and not t.upper]
    if len(words) < 4:
        return not any(t.f != t.text.lower() for t in words)
    marked = sum(1 for t in words if t.f != t.text.lower())
    return marked < len(words) / 12


class Doc:
    """An article's text prepared for extraction: tokens, folded copy, sentences, paragraphs."""

    def __init__(self, text: str, title: str = "", date: str | None = None, article_id: str = "") -> None:
        self.text = text
        self.title = title
        self.date = date
        self.article_id = article_id
        self.folded = fold_aligned(text, letters_only=True)
        self.toks = [Tok(i, m.group(), m.start(), m.end()) for i, m in enumerate(_TOKEN_RE.finditer(text))]
        self.toneless = is_toneless(self.toks)
        if self.toneless:
            for t in self.toks:
                if t.kind == "w" and t.f == t.text.lower():
                    t.exact = False
        self._starts = [t.start for t in self.toks]
        self.sentences = sentence_spans(text)
        self._sent_starts = [s for s, _ in self.sentences]
        self.paragraphs = _paragraph_spans(text)
        self.year = int(date[:4]) if date and re.match(r"\d{4}", date) else None

    # -- positions ------------------------------------------------------------------------------
    def tok_at(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect_left(self._starts, offset)

    def tok_before(self, offset: int) -> int:
        """Index of the last token starting before `offset` (or -1)."""
        return bisect_left(self._starts, offset) - 1

    def sentence_of(self, offset: int) -> tuple[int, int]:
        k = bisect_right(self._sent_starts, offset) - 1
        if k < 0:
            return (0, 0)
        s, e = self.sentences[k]
        return (s, e) if offset < e else (s, e)

    def paragraph_of(self, offset: int) -> tuple[int, int]:
        for s, e in self.paragraphs:
            if s <= offset < e:
                return s, e
        return (0, len(self.text))

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def clause_bounds(self, i: int) -> tuple[int, int]:
        """Token range [a, b) of the clause around token i (delimited by ; . : and sentence ends)."""
        s, e = self.sentence_of(self.toks[i].start)
        a = i
        while a > 0 and self.toks[a - 1].start >= s and self.toks[a - 1].text not in ";:":
            a -= 1
        b = i
        while b < len(self.toks) and self.toks[b].end <= e and self.toks[b].text not in ";:":
            b += 1
        return a, b


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        spans.append((m.start(), m.end()))
    return spans


def squash(text: str) -> str:
    """Collapse runs of white space to one space."""
    return " ".join(text.split())


_KEY_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def key(text: str) -> str:
    """Matching key: folded words and numbers, punctuation dropped, single spaces
    ("Thi đua – Khen thưởng tỉnh" → "thi dua khen thuong tinh")."""
    return " ".join(word_fold(w) for w in _KEY_RE.findall(text))


def canon(text: str) -> str:
    """Display/canonical form of a written name: NFC, modern tone placement, single spaces."""
    return squash(normalize_tones(text))


# --- lexicon ----------------------------------------------------------------------------------


class _Node:
    __slots__ = ("kids", "value")

    def __init__(self) -> None:
        self.kids: dict[str, dict[str, _Node]] = {}
        self.value: Any = None


class Lexicon:
    """Multi-word phrases matched over word tokens (see the module note on tone marks).

    Punctuation inside a phrase is ignored, and punctuation in INNER_PUNCT between two words of
    the text is skipped, so "Thi đua – Khen thưởng", "Thi đua - Khen thưởng" and "Thi đua khen
    thưởng" all match the same entry.
    """

    def __init__(self, entries: Iterable[tuple[str, Any]] = ()) -> None:
        self.root = _Node()
        for phrase, value in entries:
            self.add(phrase, value)

    def add(self, phrase: str, value: Any) -> None:
        words = _WORD_RE.findall(phrase)
        if not words:
            raise ValueError(f"empty lexicon phrase: {phrase!r}")
        node = self.root
        for w in words:
            variants = node.kids.setdefault(word_fold(w), {})
            form = word_form(w)
            child = variants.get(form)
            if child is None:
                child = variants[form] = _Node()
            node = child
        if node.value is None:
            node.value = value

    def match(self, toks: list[Tok], i: int, limit: int | None = None) -> tuple[int, Any] | None:
        """Longest entry starting at token i: (index after its last word, value) or None."""
        node = self.root
        j = i
        n = len(toks) if limit is None else min(limit, len(toks))
        best = None
        while j < n:
            t = toks[j]
            if t.kind != "w":
                if j > i and t.text in INNER_PUNCT and node.kids:
                    j += 1
                    continue
                break
            variants = node.kids.get(t.f)
            if not variants:
                break
            if t.exact:
                child = variants.get(t.m)
                if child is None:
                    break
            else:
                child = next(iter(variants.values()))
            node = child
            j += 1
            if node.value is not None:
                best = (j, node.value)
        return best

    def matches(self, toks: list[Tok]) -> Iterator[tuple[int, int, Any]]:
        """The entries found left to right, none overlapping the one before: (index of its first
        word, index after its last word, value); after a match the scan goes on after it."""
        i, n = 0, len(toks)
        while i < n:
            hit = self.match(toks, i) if toks[i].kind == "w" else None
            if hit is None:
                i += 1
                continue
            yield i, hit[0], hit[1]
            i = hit[0]


# --- dates ------------------------------------------------------------------------------------


@dataclass
class DateMention:
    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None

    def iso(self, default_year: int | None = None) -> str | None:
        year = self.year or default_year
        if year is None or self.month is None:
            return None
        try:
            if self.day is None:
                return f"{year:04d}-{self.month:02d}"
            return Date(year, self.month, self.day).isoformat()
        except ValueError:
            return None


_FULL_DATE = re.compile(r"(?<![\d.,/])(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d\d)(?![\d])")
_WORDY_DATE = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+((?:19|20)\d\d)\b")
_PARTIAL_DATE = re.compile(
    r"\b(?:ngay|sang|chieu|toi|trua|dem|hom)\s+(\d{1,2})/(\d{1,2})(?![/\d])"
)
_MONTH_YEAR = re.compile(r"\bthang\s+(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)\b|\bthang\s+(\d{1,2})\s+nam\s+((?:19|20)\d\d)\b")


def find_dates(folded: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Dates in folded text: 17/3/2021, 10.7.2015, ngày 7 tháng 4 năm 2014, ngày 9/6, tháng 6/2023."""
    end = len(folded) if end is None else end
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for m in _FULL_DATE.finditer(folded, start, end):
        d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if 1 <= d <= 31 and 1 <= mo <= 12:
            out.append(DateMention(m.start(), m.end(), d, mo, y))
            taken.append((m.start(), m.end()))
    for m in _WORDY_DATE.finditer(folded, start, end):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= d <= 31 and 1 <= mo <= 12 and free(m.start(), m.end()):
            out.append(DateMention(m.start(1) - len("ngay "), m.end(), d, mo, y))
            taken.append((m.start(), m.end()))
    for m in _PARTIAL_DATE.finditer(folded, start, end):
        d, mo = int(m.group(1)), int(m.group(2))
        if 1 <= d <= 31 and 1 <= mo <= 12 and free(m.start(1), m.end()):
            out.append(DateMention(m.start(1), m.end(), d, mo, None))
            taken.append((m.start(1), m.end()))
    for m in _MONTH_YEAR.finditer(folded, start, end):
        mo = int(m.group(1) or m.group(3))
        y = int(m.group(2) or m.group(4))
        if 1 <= mo <= 12 and free(m.start(), m.end()):
            out.append(DateMention(m.start(), m.end(), None, mo, y))
    out.sort(key=lambda d: d.start)
    return out


_YEAR_AFTER_NAM = re.compile(r"\bnam\s+((?:19|20)\d\d)\b")


def years_in(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """(offset, year) for every "năm YYYY" in folded[start:end]."""
    return [(m.start(), int(m.group(1))) for m in _YEAR_AFTER_NAM.finditer(folded, start, end)]
