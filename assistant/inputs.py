"""What the `Assistant` accepts from a user — checked once, here, for every face of it (CLI, web UI
and its HTTP API, Python).

- A question (or search query) is text of at most `MAX_QUESTION_CHARS` characters after
  trimming; it is NFC-normalised and its control characters become spaces. Text that is not valid
  Unicode — a lone surrogate, which is what bytes that are not UTF-8 become in a command-line
  argument or a badly decoded request — is refused, never passed on to the tokenizer or Chroma.
- The history is a list of such questions; only the last `MAX_HISTORY` are used.
- Filters: sources are checked like questions; dates go through the one parser of dates a user
  types (`corpus.dates`).

Every refusal is an `InputError` (a `ValueError`) with a one-line English message and a
Vietnamese one (`.vi`) for the web UI; the CLI prints it and exits 2.
"""
from __future__ import annotations

import re

from corpus.errors import InputError
from corpus.normalize import nfc
from index.retrieval import Filters

# Questions are a sentence or a short paragraph; the longest in the question sets has 160
# characters. Past this the answer would not be better, only slower for every user of a shared
# server (docs/reliability.md, docs/benchmarks.md "Question length").
MAX_QUESTION_CHARS = 2000
MAX_HISTORY = 20  # previous questions used to resolve a follow-up (the most recent ones)
MAX_FILTER_CHARS = 300  # a source or an article id (stored ones are at most 300 and 256 characters)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def question_text(value: object, what: str = "question") -> str:
    """`value` as a question: NFC, trimmed, control characters as spaces; InputError when it is not
    text, not valid Unicode, empty or longer than `MAX_QUESTION_CHARS`."""
    vi_what = {"question": "Câu hỏi", "query": "Nội dung tìm", "history": "Câu hỏi trước"}.get(what, what)
    if not isinstance(value, str):
        raise InputError(f"the {what} must be text, not {type(value).__name__}", f"{vi_what} phải là văn bản.")
    bad = _SURROGATE.search(value)
    if bad:
        raise InputError(f"the {what} is not valid text: it holds bytes that are not UTF-8 (at character "
                         f"{bad.start() + 1}); type it again or set the terminal to UTF-8",
                         f"{vi_what} có ký tự không hợp lệ (không phải UTF-8).")
    text = _CONTROL.sub(" ", nfc(value)).strip()
    if not text:
        raise InputError(f"the {what} is empty", f"{vi_what} trống.")
    if len(text) > MAX_QUESTION_CHARS:
        raise InputError(f"the {what} is too long ({len(text):,} characters; the limit is {MAX_QUESTION_CHARS:,})",
                         f"{vi_what} quá dài ({len(text):,} ký tự; tối đa {MAX_QUESTION_CHARS:,}).".replace(",", "."))
    return text


def optional_query(value: object) -> str | None:
    """A search query that may be absent (None or blank → None), else checked like a question."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return question_text(value, "query")


def history_texts(history: object) -> list[str]:
    """The last `MAX_HISTORY` previous questions, each checked like a question (blank ones dropped)."""
    if history is None:
        return []
    if isinstance(history, str) or not isinstance(history, (list, tuple)):
        raise InputError("the history must be a list of earlier questions", "Lịch sử phải là danh sách câu hỏi.")
    recent = [h for h in list(history)[-MAX_HISTORY:] if not (isinstance(h, str) and not h.strip())]
    return [question_text(h, "history") for h in recent]


def checked_filters(filters: object) -> Filters:
    """`filters` (a dict, a `Filters` or None) as `Filters`: every text valid Unicode, sources of a
    sensible length, dates by the one date parser; InputError otherwise."""
    if filters is None or isinstance(filters, Filters):
        return filters or Filters()
    if not isinstance(filters, dict):
        raise InputError(f"filters must be a dict, not {type(filters).__name__}", "Bộ lọc không hợp lệ.")
    for name, value in filters.items():
        if "date" in str(name):
            continue  # dates: the date parser checks them (Filters.parse)
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item is None:
                continue
            if not isinstance(item, str):
                raise InputError(f"filter '{name}' must be text, not {type(item).__name__}", "Bộ lọc không hợp lệ.")
            if _SURROGATE.search(item):
                raise InputError(f"filter '{name}' is not valid text: it holds bytes that are not UTF-8",
                                 "Bộ lọc có ký tự không hợp lệ (không phải UTF-8).")
            if len(item) > MAX_FILTER_CHARS:
                raise InputError(f"filter '{name}' is too long ({len(item):,} characters; the limit is "
                                 f"{MAX_FILTER_CHARS})", "Bộ lọc quá dài.")
    parsed = Filters.parse(filters)
    return Filters(tuple(nfc(s) for s in parsed.sources), parsed.date_from, parsed.date_to,
                   tuple(nfc(a) for a in parsed.article_ids), tuple(nfc(a) for a in parsed.exclude_article_ids))
