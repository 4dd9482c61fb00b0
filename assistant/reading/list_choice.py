"""Which of the best sentences holds the list a question asks for: the features of a candidate list
sentence and their order by a small learned model (`list_choice` in assistant/models/reader.json,
fitted by `python -m eval.fit_list_choice` on the train and dev list questions).

The reader ranks sentences for answering in general; a list question's best sentence is often the
lead that names the event, while the list sits a sentence or two below. The model weighs what the
enumeration reader finds in each of the best sentences (how many items of the asked kind, whether a
word introduces them, whether the asked noun does, whether the words that frame the asked slot come
before them) against the sentence's own rank and log-odds.
"""
from __future__ import annotations

import re

from corpus.normalize import fold

from .enumeration import Enumeration, enumerates

LIST_FEATURES = (
    "logit_gap",         # the sentence's log-odds minus the best sentence's
    "rank",              # 1 / (1 + its rank among the reader's sentences)
    "items",             # items of the asked kind it lists (/5, ≤ 1)
    "introduced",        # a word or colon introduces them ("gồm:", "như")
    "enumerates",        # the sentence lists things, whatever their kind
    "noun_before",       # the asked noun stands just before the first item
    "headed",            # an item opens with the asked noun ("Nghị định …" for "những nghị định nào")
    "framed",            # share of the words framing the asked slot written before the first item
    "introduced_items",  # introduced × items
)


def list_row(logit_gap: float, rank: int, found: Enumeration, text: str, start: int, end: int,
             noun_before: bool, headed: bool, focus: set[str]) -> list[float]:
    """The `LIST_FEATURES` of the sentence `text[start:end]` whose enumeration is `found`."""
    items = min(len(found.items), 5) / 5
    first = found.items[0].start if found.items else end
    before = set(re.findall(r"\w+", fold(text[start:first]).lower()))
    framed = len(focus & before) / len(focus) if focus else 0.0
    return [logit_gap, 1.0 / (1.0 + rank), items, float(found.introduced), float(enumerates(text[start:end])),
            float(noun_before), float(headed), framed, float(found.introduced) * items]
