"""Vietnamese tokens for BM25: syllables, pyvi compounds, whole codes/dates, and tone-folded forms.

Document tokens carry every form so a query typed with or without tone marks matches:
accented syllables ("khối"), compounds ("thi_đua"), codes and dates ("34-ct/tw", "17/3/2021"),
and the folded form of each, prefixed with "~" ("~khoi", "~thi_dua"). A query with tone marks
uses the accented and the folded forms; a query without any uses the folded forms only, so it
matches accented and unaccented articles alike.
"""
from __future__ import annotations

import re
from functools import lru_cache

from corpus.lexicon import SEARCH_STOPWORDS
from corpus.normalize import fold, has_tone_marks, match_form

_WORD = re.compile(r"\w+", re.UNICODE)
# (?<!\w): a code starts where a word starts; tried from inside every long word, it was quadratic.
_CODE = re.compile(r"(?<!\w)\w+(?:[-/.]\w+)+", re.UNICODE)

# Function words and question words that carry no topic (their folded forms are derived).
STOPWORDS = SEARCH_STOPWORDS
# Folded stopwords: only those whose folded form is not also a common content syllable
# (fold("thì") == "thi" as in "thi đua", fold("cờ") == "co"), so queries without tone marks keep them.
_FOLDED_STOPWORDS = frozenset(w for w in STOPWORDS if not has_tone_marks(w)) | frozenset(
    "nao gi nhung cac cua duoc la va nay mot nhieu".split()
)


def document_tokens(text: str) -> list[str]:
    """All BM25 tokens of a passage (accented and folded forms)."""
    accented = _accented_tokens(text)
    return accented + ["~" + fold(t) for t in accented]


def query_tokens(text: str) -> list[str]:
    """BM25 tokens of a query: accented + folded when it has tone marks, folded only otherwise."""
    accented = _accented_tokens(text)
    folded = ["~" + fold(t) for t in accented if fold(t) not in _FOLDED_STOPWORDS]
    if not has_tone_marks(text):
        return _unique(folded)
    return _unique(accented + folded)


def _accented_tokens(text: str) -> list[str]:
    form = match_form(text)
    syllables = [t for t in _WORD.findall(form) if t not in STOPWORDS]
    compounds = [t for t in _segment(form).split() if "_" in t]
    codes = [c for c in _CODE.findall(form) if not c.replace(".", "").isdigit() or "/" in c]
    return syllables + compounds + codes


@lru_cache(maxsize=4096)
def _segment(text: str) -> str:
    from pyvi import ViTokenizer  # imported on first use: 1-2 s

    return ViTokenizer.tokenize(text)


def _unique(tokens: list[str]) -> list[str]:
    return list(dict.fromkeys(tokens))
