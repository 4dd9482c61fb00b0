"""Sentence-aware chunking with bounded size, overlap and exact character offsets.

Chunks are runs of whole sentences up to `max_chars`; consecutive chunks share up to
`overlap_chars` of trailing sentences. A sentence longer than `max_chars` is cut at white space
(or, failing that, hard) into pieces. Every chunk satisfies `chunk.text == text[chunk.start:chunk.end]`.
"""
from __future__ import annotations

from .records import Article, Chunk
from .sentences import sentence_spans, trim_span

DEFAULT_MAX_CHARS = 900
DEFAULT_OVERLAP_CHARS = 200


def chunk_spans(
    text: str, max_chars: int = DEFAULT_MAX_CHARS, overlap_chars: int = DEFAULT_OVERLAP_CHARS
) -> list[tuple[int, int]]:
    """Spans (start, end) of the chunks of `text`."""
    if max_chars < 1:
        raise ValueError("max_chars must be positive")
    pieces: list[tuple[int, int]] = []
    for s, e in sentence_spans(text):
        pieces.extend(_cut_long(text, s, e, max_chars))
    chunks: list[tuple[int, int]] = []
    i = 0
    while i < len(pieces):
        j = i
        while j + 1 < len(pieces) and pieces[j + 1][1] - pieces[i][0] <= max_chars:
            j += 1
        chunks.append((pieces[i][0], pieces[j][1]))
        if j + 1 >= len(pieces):
            break
        # Start the next chunk with trailing sentences of this one, within the overlap budget,
        # always advancing by at least one piece.
        nxt = j + 1
        while nxt - 1 > i and pieces[j][1] - pieces[nxt - 1][0] <= overlap_chars and (
            pieces[j + 1][1] - pieces[nxt - 1][0] <= max_chars
        ):
            nxt -= 1
        i = nxt
    return chunks


def chunk_article(
    article: Article, max_chars: int = DEFAULT_MAX_CHARS, overlap_chars: int = DEFAULT_OVERLAP_CHARS
) -> list[Chunk]:
    """The chunks of an article, with ids `<article id>#<n>`."""
    return [
        Chunk(id=f"{article.id}#{n}", article_id=article.id, start=s, end=e, text=article.text[s:e], seq=n)
        for n, (s, e) in enumerate(chunk_spans(article.text, max_chars, overlap_chars))
    ]


def _cut_long(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    while end - start > max_chars:
        cut = _last_space(text, start + max_chars // 2, start + max_chars)
        if cut <= start:
            cut = start + max_chars
        out.append(trim_span(text, start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        out.append(trim_span(text, start, end))
    return [(s, e) for s, e in out if s < e]


def _last_space(text: str, lo: int, hi: int) -> int:
    """Index of the last white-space character (any: NBSP, tab, U+3000 …) in text[lo:hi], or -1."""
    for i in range(hi - 1, lo - 1, -1):
        if text[i].isspace():
            return i
    return -1
