"""Tests on a token shared by the organisation and person rules: is it a Vietnamese family name,
does it end a capitalised name run (the word lists are in `corpus.lexicon`)."""
from __future__ import annotations

from ..lexicon import NAME_RUN_STOPWORDS, SURNAMES
from .text import Tok, WordSet, word_fold, word_form

_SUR = SURNAMES.split()
SURNAME_FORMS = frozenset(word_form(s) for s in _SUR)
SURNAME_FOLDS = frozenset(word_fold(s) for s in _SUR)


def is_surname(t: Tok) -> bool:
    if t.kind != "w" or not t.cap:
        return False
    if "’" in t.text or "'" in t.text:  # K’Brơi, H’Hen Niê
        return True
    return (t.m in SURNAME_FORMS) if t.exact else (t.f in SURNAME_FOLDS)


# Lower-case words that end a capitalised name run (see corpus.lexicon.NAME_RUN_STOPWORDS).
STOPWORDS = WordSet(NAME_RUN_STOPWORDS)


def is_stop(t: Tok) -> bool:
    return t.kind != "w" or t in STOPWORDS
