"""Telling English queries from Vietnamese ones (with or without tone marks)."""
from __future__ import annotations

import re

from corpus.normalize import has_tone_marks

_ENGLISH_WORDS = frozenset(
    """the a an of and or in on at to for from by with about which what who whom whose when where why
    how many much is are was were be been did does do has have had that this these those it its their
    they them signed sign pact pacts agreement campaign campaigns slogan units unit agency agencies
    province provincial police court people list name names represented represent pledge pledged
    year years date support supported theme themes can could should would will not no yes as than but
    between after before during under over into why""".split()
)
_WORD = re.compile(r"[A-Za-z]+")
_ANY_WORD = re.compile(r"\w+")
_QUOTED = re.compile(r"[“\"][^”\"]*[”\"]")
# A tone-folded Vietnamese syllable: optional initial consonant(s), vowels, optional final.
VIETNAMESE_SYLLABLE = re.compile(r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$")


def is_english(text: str) -> bool:
    """True for a query in English: mostly English words, or — when it writes Vietnamese names
    with their tone marks ("Who did Trần Văn A meet in Hà Nội?") — at least three of its words
    outside quotation marks, and a fifth of them, English function or civic words."""
    if has_tone_marks(text):  # quoted titles are the quoted language's, not the question's
        words = [w.lower() for w in _ANY_WORD.findall(_QUOTED.sub(" ", text))]
        if not words:
            return False
        english = sum(w in _ENGLISH_WORDS for w in words)
        return english >= 3 and english / len(words) >= 0.2
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return False
    english = sum(w in _ENGLISH_WORDS for w in words)
    foreign = sum(not VIETNAMESE_SYLLABLE.match(w) for w in words)
    # "an", "to", "be", "on" … are syllables of Vietnamese typed without tone marks too ("cong an", "to
    # chuc", "be mac", "on dinh"): one English word that is none ("which", "signed") must be there
    if english >= 2 and english / len(words) >= 0.25 and any(
            w in _ENGLISH_WORDS and not VIETNAMESE_SYLLABLE.match(w) for w in words):
        return True
    return len(words) >= 3 and english >= 1 and foreign / len(words) >= 0.4
