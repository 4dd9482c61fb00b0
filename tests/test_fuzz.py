"""Property-based fuzzing of the text pipeline: normalisation, sentence splitting, chunking,
BM25 tokenisation and the citation verifier.

Inputs mix Vietnamese syllables with every tone and diacritic (NFC and NFD, old and new tone
placement), lone combining marks, zero-width and bidi controls, emoji, right-to-left scripts,
every kind of line break and white space, dates, codes, abbreviations, quotes, ellipses and very
long tokens, and plain arbitrary Unicode (`st.text()`). The examples are derandomised and no
example database is written, so a run is reproducible and leaves the checkout clean; set
CIVIC_FUZZ_SCALE=10 (say) to run ten times as many, freshly random, examples.

    nice -n 10 .venv/bin/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py
"""
from __future__ import annotations

import os
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from assistant.answering import as_answer_text, verify_citations
from assistant.records import Answer, Citation
from corpus.chunking import chunk_article, chunk_spans
from corpus.cleaning import clean_body, is_boilerplate_line
from corpus.normalize import fold, fold_aligned, has_tone_marks, match_form, nfc, normalize_tones
from corpus.records import Article
from corpus.sentences import ABBREVIATIONS, sentence_spans, split_sentences, trim_span
from index.tokenize import STOPWORDS, document_tokens, query_tokens

_SCALE = max(1, int(os.environ.get("CIVIC_FUZZ_SCALE", "1")))
# Not a global profile: loading one here would change the settings of every other test module.
FUZZ = settings(
    database=None,
    derandomize=_SCALE == 1,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def fuzz(n: int) -> settings:
    return settings(FUZZ, max_examples=n * _SCALE)


# --- strategies -------------------------------------------------------------------------------
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]  # none, huyền, sắc, ngã, hỏi, nặng
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
ONSETS = ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh",
          "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]
NUCLEI = VOWELS + ["oa", "oe", "uy", "uya", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iê", "iu",
                   "oi", "ôi", "ơi", "ua", "uô", "ưa", "ươ", "ui", "ưi", "uyê", "yê", "oă", "uơ"]
CODAS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t", "i", "o", "u", "y"]
# Every precomposed Vietnamese letter (vowel x tone, both cases) and đ/Đ.
VI_LETTERS = sorted(
    {unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES}
    | {unicodedata.normalize("NFC", v.upper() + t) for v in VOWELS for t in TONES}
    | {"đ", "Đ"}
)
COMBINING = ["\u0300", "\u0301", "\u0302", "\u0303", "\u0306", "\u0309", "\u031b", "\u0323", "\u0340",
             "\u0341", "\u0344", "\u0345", "\u035c", "\u20dd", "\u1dcd", "\u05b0", "\u0e31"]
ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u202a",
              "\u202e", "\u2066", "\u2069"]
EMOJI = ["😀", "👍🏽", "🇻🇳", "👨‍👩‍👧", "❤️", "🔥", "1️⃣", "🏳️‍🌈"]
RTL = ["مرحبا", "שלום", "سلام.", "עברית?", "١٢/٣/٢٠٢٤", "[٣]"]
LINE_BREAKS = ["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\n\n"]
SPACES = [" ", " ", " ", "  ", "\t", "\xa0", "\u202f", "\u3000", "\u2009", "\u1680"]
TOKENS = ["12/3/2024", "17/3/2021", "ngày 9/6", "năm 2021", "17.3", "1.5", "1,5", "34-CT/TW", "TP.", "TP.HCM",
          "Tp.", "Q.1", "Q.", "P.", "v.v.", "v.v", "PGS.", "TS.", "Th.S", "ThS.", "N.", "A.", "ông", "bà",
          "Ủy ban", "Uỷ ban", "hoà", "hòa", "thuý", "khoẻ", "Toà án", "quý", "Khối", "thi đua", "và", "thì",
          "những", "nào", "07", "100%", "[1]", "[12]", "[0]", "[]", "_", "__init__", "a_b", "~", "Ǆ", "İ",
          "ß", "ẞ", "Σ", "ΑΣ", "ﬁ", "Å", "K", "한국", "日本語", "x\u0301", "e\u0302\u0301"]
PUNCT = [".", "!", "?", "…", "...", "?!", ",", ";", ":", "“", "”", "\"", "'", "‘", "’", "«", "»", "(", ")",
         "[", "]", "-", "–", "—", "/", "."]


@st.composite
def syllables(draw) -> str:
    """A Vietnamese(-like) syllable with a random tone, random case, in NFC or NFD, the tone on
    either vowel of oa/oe/uy (old and new placement)."""
    onset, nucleus, coda = draw(st.sampled_from(ONSETS)), draw(st.sampled_from(NUCLEI)), draw(st.sampled_from(CODAS))
    tone = draw(st.sampled_from(TONES))
    at = draw(st.integers(0, len(nucleus) - 1))
    word = onset + nucleus[: at + 1] + tone + nucleus[at + 1:] + coda
    case = draw(st.sampled_from(["lower", "lower", "title", "upper"]))
    word = word.title() if case == "title" else word.upper() if case == "upper" else word
    return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFC", "NFD"])), word)


LONG_TOKENS = st.builds(lambda s, n: s * n, st.sampled_from(["x", "ạ", "Ư", "1", "ab", "đ.", "😀", "\u200b"]),
                        st.integers(100, 1500))
PIECES = st.one_of(
    syllables(),
    syllables(),
    syllables(),
    st.sampled_from(TOKENS),
    st.sampled_from(PUNCT),
    st.sampled_from(SPACES),
    st.sampled_from(LINE_BREAKS),
    st.sampled_from(COMBINING),
    st.sampled_from(ZERO_WIDTH),
    st.sampled_from(EMOJI),
    st.sampled_from(RTL),
    st.text(min_size=1, max_size=3),
)
SEPARATORS = st.one_of(st.just(" "), st.just(" "), st.just(""), st.sampled_from(SPACES + LINE_BREAKS + PUNCT))


@st.composite
def vi_texts(draw, max_pieces: int = 40) -> str:
    """Vietnamese-like text: pieces joined by random separators, now and then a very long token."""
    pieces = draw(st.lists(PIECES, max_size=max_pieces))
    if pieces and draw(st.integers(0, 9)) == 0:
        pieces.insert(draw(st.integers(0, len(pieces))), draw(LONG_TOKENS))
    out = []
    for piece in pieces:
        out.append(piece)
        out.append(draw(SEPARATORS))
    return "".join(out)


@st.composite
def prose(draw, max_sentences: int = 12) -> str:
    """Sentence-like Vietnamese prose: capitalised syllable runs ending in a terminator."""
    sentences = []
    for _ in range(draw(st.integers(0, max_sentences))):
        words = draw(st.lists(st.one_of(syllables(), st.sampled_from(TOKENS)), min_size=1, max_size=20))
        words[0] = words[0][:1].upper() + words[0][1:]
        end = draw(st.sampled_from([".", ".", ".", "!", "?", "…", ".”", "...", ""]))
        sentences.append(" ".join(words) + end)
    seps = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\xa0", "\u2028", "\t"])
    return "".join(s + draw(seps) for s in sentences)


ANY_TEXT = st.one_of(st.text(), vi_texts(), prose())
VI_NFC_TEXT = st.lists(
    st.one_of(st.sampled_from(VI_LETTERS), st.sampled_from(list("bcdghklmnpqrstvxBCDGHKLMNPQRSTVX0123456789 .,/-"))),
    max_size=200,
).map("".join)


# --- normalisation ----------------------------------------------------------------------------
@fuzz(100)
@given(ANY_TEXT)
def test_normalisation_is_idempotent(text):
    assert nfc(nfc(text)) == nfc(text)
    once = normalize_tones(text)
    assert normalize_tones(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert fold(fold(text)) == fold(text)
    assert match_form(match_form(text)) == match_form(text)


@fuzz(100)
@given(ANY_TEXT)
def test_normalisation_does_not_depend_on_the_unicode_form(text):
    nfd = unicodedata.normalize("NFD", text)
    assert normalize_tones(nfd) == normalize_tones(text)
    assert match_form(nfd) == match_form(text)
    assert fold(nfd) == fold(text)
    assert has_tone_marks(nfd) == has_tone_marks(text)


@fuzz(100)
@given(ANY_TEXT)
def test_tone_placement_keeps_length_and_letters(text):
    stored = nfc(text)
    moved = normalize_tones(stored)
    assert len(moved) == len(stored), "documented: length in code points is unchanged"
    assert fold(moved) == fold(stored)
    assert match_form(moved) == match_form(stored)


@fuzz(100)
@given(ANY_TEXT)
def test_fold_removes_every_mark(text):
    folded = fold(text)
    assert not any(unicodedata.combining(ch) for ch in folded)
    assert "đ" not in folded and "Đ" not in folded
    assert not has_tone_marks(folded)


@fuzz(130)
@given(VI_NFC_TEXT)
def test_fold_of_vietnamese_is_plain_ascii(text):
    folded = fold(text)
    assert folded.isascii()
    assert folded == fold(text.lower()) == fold(text.upper()).lower()
    assert len(folded) == len(text)
    assert has_tone_marks(text) == (folded != text.lower())


@fuzz(100)
@given(ANY_TEXT)
def test_fold_aligned_keeps_offsets(text):
    aligned = fold_aligned(text)
    assert len(aligned) == len(text)
    for ch, got in zip(text, aligned):
        if len(fold(ch)) == 1:
            assert got == fold(ch)
        else:  # documented: kept lower-cased as it is (a lone combining mark, ß, Hangul …)
            assert got in (ch.lower(), ch)
    assert fold_aligned(text[: len(text) // 2]) + fold_aligned(text[len(text) // 2:]) == aligned


@fuzz(130)
@given(VI_NFC_TEXT)
def test_fold_aligned_equals_fold_on_stored_vietnamese(text):
    aligned = fold_aligned(text)
    assert aligned == fold(text)
    assert fold_aligned(text.upper()) == fold(text)
    # How the answerer uses it: a folded word found in the aligned form names the original span.
    for m in re.finditer(r"\w+", aligned):
        assert fold(text[m.start():m.end()]) == m.group(0)


# --- sentence splitting -----------------------------------------------------------------------
def _check_spans(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    previous = start
    for s, e in spans:
        assert isinstance(s, int) and isinstance(e, int)
        assert previous <= s < e <= end, (s, e, spans)
        assert text[s:e] == text[s:e].strip(), "trimmed"
        previous = e
    # Every non-white-space character of text[start:end] is in exactly one span.
    covered = [False] * len(text)
    for s, e in spans:
        for i in range(s, e):
            covered[i] = True
    missing = [i for i in range(start, end) if not covered[i] and not text[i].isspace()]
    assert not missing, (missing[:5], spans)
    assert not any(covered[:start]) and not any(covered[end:])


@fuzz(130)
@given(ANY_TEXT)
@example("Câu một\u2028Câu hai")
@example("Dòng một\rDòng hai")
def test_sentence_spans_are_valid_trimmed_ordered_and_cover_the_text(text):
    spans = sentence_spans(text)
    _check_spans(text, spans, 0, len(text))
    assert split_sentences(text) == [text[s:e] for s, e in spans]
    assert sentence_spans(text) == spans, "deterministic"


@fuzz(100)
@given(ANY_TEXT, st.data())
def test_sentence_spans_of_a_window_stay_in_the_window(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    spans = sentence_spans(text, start, end)
    _check_spans(text, spans, start, end)


@fuzz(130)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), max_size=10),
       st.sampled_from(LINE_BREAKS))
@example(["Câu một", "Câu hai"], "\u2028")
@example(["Dòng một", "Dòng hai"], "\r")
def test_every_line_break_ends_a_sentence(lines, brk):
    """Documented: 'A sentence ends at a line break' — any line break (as `str.splitlines`)."""
    text = brk.join(lines)
    for s, e in sentence_spans(text):
        assert not any(ch in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029" for ch in text[s:e]), text[s:e]


@fuzz(60)
@given(st.lists(syllables(), min_size=1, max_size=8), st.sampled_from(
    ["TP.", "Tp.", "Q.", "P.", "PGS.", "TS.", "ThS.", "N.", "v.v."]), st.sampled_from(["HCM", "Vinh", "1", "Lê"]))
def test_abbreviations_dates_and_codes_do_not_end_sentences(words, abbreviation, name):
    body = " ".join(words)
    text = f"{body} {abbreviation} {name} ngày 12/3/2024 theo 34-CT/TW, TP.HCM, 17.3 điểm."
    assert sentence_spans(text) == [(0, len(text))]


@fuzz(130)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60), st.data())
def test_trim_span(text, data):
    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    ts, te = trim_span(text, s, e)
    assert s <= ts <= te <= e
    assert text[ts:te] == text[s:e].strip()


@st.composite
def plain_sentences(draw) -> list[str]:
    """Sentences of lower-case syllables, capitalised, ending in . ! ? or … after a word that is
    neither an abbreviation nor an initial."""
    out = []
    for _ in range(draw(st.integers(1, 8))):
        words = [w.lower() for w in draw(st.lists(syllables(), min_size=1, max_size=12))]
        assume(unicodedata.normalize("NFC", words[-1]) not in ABBREVIATIONS)
        words[0] = words[0][0].upper() + words[0][1:]
        assume(len(words[-1]) > 1 or not words[-1].isupper())
        out.append(" ".join(words) + draw(st.sampled_from([".", "!", "?", "…", "?!", "...", ".”"])))
    return out


@fuzz(80)
@given(plain_sentences(), st.sampled_from([" ", "  ", "\xa0", "\t", " \n", "\u2028", "\r\n"]))
def test_sentences_end_exactly_at_terminators(sentences, sep):
    text = sep.join(sentences)
    assert split_sentences(text) == sentences


# --- chunking ---------------------------------------------------------------------------------
@fuzz(100)
@given(st.one_of(ANY_TEXT, prose(40)), st.integers(1, 600), st.integers(0, 300))
def test_chunks_are_exact_bounded_ordered_and_cover_the_text(text, max_chars, overlap):
    article = Article(id="a/1", title="t", text=text)
    chunks = chunk_article(article, max_chars, overlap)
    assert [(c.start, c.end) for c in chunks] == chunk_spans(text, max_chars, overlap)
    assert chunk_article(article, max_chars, overlap) == chunks, "deterministic"
    assert [c.id for c in chunks] == [f"a/1#{n}" for n in range(len(chunks))]
    assert [c.seq for c in chunks] == list(range(len(chunks)))
    covered = [False] * len(text)
    for c in chunks:
        assert c.article_id == "a/1"
        assert 0 <= c.start < c.end <= len(text)
        assert c.text == text[c.start:c.end]
        assert c.text == c.text.strip()
        assert c.end - c.start <= max_chars, "documented: chunks are at most max_chars"
        for i in range(c.start, c.end):
            covered[i] = True
    assert all(covered[i] or text[i].isspace() for i in range(len(text))), "every non-space char is chunked"
    for a, b in zip(chunks, chunks[1:]):
        assert a.start < b.start and a.end < b.end, "chunks advance"
        assert b.start - a.end <= 0 or text[a.end:b.start].isspace(), "no text between chunks"
        assert a.end - b.start <= overlap, "overlap within the budget"


@fuzz(100)
@given(st.lists(st.text(alphabet=VI_LETTERS + list("abcxyz0123.,"), min_size=1, max_size=12), min_size=1,
                max_size=300),
       st.lists(st.sampled_from(SPACES + LINE_BREAKS), min_size=1), st.integers(30, 400))
@example(["x" * 10] * 60, ["\xa0"], 50)
def test_long_sentences_are_cut_at_white_space(words, seps, max_chars):
    """Documented: a sentence longer than max_chars is cut at white space when there is any.
    With words shorter than half the window there always is, so no chunk starts or ends inside a
    word (white space here includes NBSP, tabs and the other Unicode spaces)."""
    text = "".join(w + seps[i % len(seps)] for i, w in enumerate(words)).rstrip()
    assume(max(map(len, words)) < max_chars // 2)
    for s, e in chunk_spans(text, max_chars, max_chars // 4):
        assert s == 0 or text[s - 1].isspace(), (s, text[max(0, s - 5):s + 5])
        assert e == len(text) or text[e].isspace(), (e, text[max(0, e - 5):e + 5])


def _sentence_sized_chunks(text: str, max_chars: int, overlap: int):
    spans = sentence_spans(text)
    assume(all(e - s <= max_chars for s, e in spans))
    return spans, chunk_spans(text, max_chars, overlap)


@fuzz(60)
@given(st.one_of(prose(40), ANY_TEXT), st.integers(40, 600), st.integers(0, 300))
def test_chunks_are_whole_sentences_and_answer_windows_see_the_same_sentences(text, max_chars, overlap):
    """When every sentence fits, chunks start and end at sentence boundaries, and the sentences
    the answerer finds inside a chunk's window are exactly the text's sentences in that window."""
    spans, chunks = _sentence_sized_chunks(text, max_chars, overlap)
    starts, ends = {s for s, _ in spans}, {e for _, e in spans}
    for cs, ce in chunks:
        assert cs in starts and ce in ends
        assert sentence_spans(text, cs, ce) == [(s, e) for s, e in spans if cs <= s and e <= ce]


def test_chunking_rejects_a_non_positive_size():
    with pytest.raises(ValueError):
        chunk_spans("Câu.", 0)


# --- cleaning -----------------------------------------------------------------------------------
BOILERPLATE = ["Xem thêm", "Chia sẻ", "Bình luận", "Tin liên quan:", ">> Đọc thêm bài", "Xem thêm: Hội nghị",
               "  Facebook  ", "TAGS", "» Tin khác"]


@fuzz(60)
@given(st.lists(st.one_of(ANY_TEXT, st.sampled_from(BOILERPLATE)), max_size=8), st.one_of(st.none(), ANY_TEXT))
def test_cleaning_only_removes_whole_lines(lines, title):
    text = "\n".join(lines)
    body = clean_body(text, title)
    assert body == body.strip()
    kept = [line.strip() for line in body.split("\n") if line.strip()]
    source = iter(line.strip() for line in text.split("\n") if line.strip())
    assert all(any(k == line for line in source) for k in kept), "kept lines are a subsequence of the input"
    for line in lines:
        is_boilerplate_line(line)
    if title is None and not any(is_boilerplate_line(line) for line in text.split("\n")):
        assert body == text.strip(), "nothing to remove: the text is kept as it is"


# --- tokenisation -----------------------------------------------------------------------------
def _check_tokens(tokens: list[str]) -> None:
    for t in tokens:
        assert isinstance(t, str) and t and t != "~"
        assert not any(ch.isspace() for ch in t), repr(t)


@fuzz(60)
@given(ANY_TEXT)
def test_tokens_are_non_empty_words_and_deterministic(text):
    doc, query = document_tokens(text), query_tokens(text)
    _check_tokens(doc)
    _check_tokens(query)
    assert document_tokens(text) == doc and query_tokens(text) == query
    assert len(query) == len(set(query))
    half = len(doc) // 2
    assert doc[half:] == ["~" + fold(t) for t in doc[:half]], "every accented token has its folded form"


@fuzz(60)
@given(ANY_TEXT)
def test_tokens_do_not_depend_on_unicode_form_or_tone_placement(text):
    doc = document_tokens(text)
    assert document_tokens(unicodedata.normalize("NFD", text)) == doc
    assert document_tokens(normalize_tones(text)) == doc
    assert query_tokens(unicodedata.normalize("NFD", text)) == query_tokens(text)


_FOLDED_STOP = {"~" + fold(w) for w in STOPWORDS}


@fuzz(100)
@given(st.one_of(prose(4), st.lists(syllables(), max_size=20).map(" ".join)))
def test_a_query_without_tone_marks_finds_the_accented_text(text):
    """query_tokens(fold(text)) are the '~' forms of document_tokens(text): syllables and codes
    always; pyvi compounds may be segmented differently without tone marks, and a folded stopword
    ("thi" of "thì") is kept in queries on purpose, so those two are exempt."""
    doc = set(document_tokens(text))
    query = query_tokens(fold(text))
    assert all(t.startswith("~") for t in query)
    missing = [t for t in query if t not in doc and "_" not in t and t not in _FOLDED_STOP]
    assert not missing, (missing, sorted(doc))
    # and the accented query's folded forms are a subset of the same document's tokens
    assert {t for t in query_tokens(text) if "_" not in t} <= doc | _FOLDED_STOP


# --- citation verifier ------------------------------------------------------------------------
def _citation(n: int, article: Article, start: int, end: int, quote: str | None = None) -> Citation:
    return Citation(n=n, article_id=article.id, title=article.title, date=None, source=None, url=None,
                    quote=article.text[start:end] if quote is None else quote, start=start, end=end)


@st.composite
def cited_answers(draw):
    """An article, valid non-empty spans of it, and an answer text citing each span with [n]."""
    text = draw(st.one_of(ANY_TEXT, prose(8)).filter(bool))
    article = Article(id=draw(st.sampled_from(["a", "x/1", "bài-1"])), title="T", text=text)
    citations = []
    for n in range(1, draw(st.integers(1, 4)) + 1):
        s = draw(st.integers(0, len(text) - 1))
        e = draw(st.integers(s + 1, len(text)))
        citations.append(_citation(n, article, s, e))
    noise = draw(st.one_of(st.text(max_size=30), vi_texts(8)))
    body = " ".join(f"{as_answer_text(c.quote)} [{c.n}]" for c in citations)
    return article, Answer("q", as_answer_text(noise) + " " + body, False, citations)


@fuzz(100)
@given(cited_answers())
def test_verifier_accepts_citations_of_valid_spans(case):
    article, answer = case
    verify_citations(answer, {article.id: article})


@fuzz(60)
@given(cited_answers(), st.data())
def test_verifier_rejects_a_quote_that_is_not_the_span(case, data):
    article, answer = case
    c = data.draw(st.sampled_from(answer.citations))
    quote = c.quote
    variants = [quote + " ", " " + quote, quote[:-1], quote[1:], quote.upper(), unicodedata.normalize("NFD", quote),
                normalize_tones(quote), fold(quote), quote + "\u200b", data.draw(vi_texts(5))]
    c.quote = data.draw(st.sampled_from(variants))
    assume(c.quote != quote)
    with pytest.raises(ValueError, match="does not quote"):
        verify_citations(answer, {article.id: article})


@fuzz(60)
@given(cited_answers(), st.data())
def test_verifier_rejects_offsets_outside_the_article(case, data):
    article, answer = case
    c = data.draw(st.sampled_from(answer.citations))
    n = len(article.text)
    s, e = data.draw(st.sampled_from([
        (c.start - n - 1, c.end), (-1, c.end), (c.start, n + 1), (c.start, n + 10**6), (c.end, c.start),
        (c.start - n, c.end - n), (c.start, c.start), (n, n), (-(10**9), 10**9),
    ]))
    assume((s, e) != (c.start, c.end))
    c.start, c.end = s, e  # the quote is left as it was (or made to match the slice, below)
    if data.draw(st.booleans()):
        c.quote = article.text[s:e]  # even when Python's slicing happens to give the quote back
    with pytest.raises(ValueError, match="does not quote"):
        verify_citations(answer, {article.id: article})


@fuzz(60)
@given(cited_answers(), st.data())
def test_verifier_rejects_unknown_articles_and_unresolved_markers(case, data):
    article, answer = case
    marker = data.draw(st.one_of(st.integers(len(answer.citations) + 1, 10**6), st.just(0)))
    answer.answer = data.draw(st.sampled_from([f"{answer.answer} [{marker}]", f"[{marker}]{answer.answer}"]))
    with pytest.raises(ValueError, match=rf"\[{marker}\]"):
        verify_citations(answer, {article.id: article})
    answer.answer = answer.answer.replace(f"[{marker}]", "")
    verify_citations(answer, {article.id: article})
    with pytest.raises(ValueError, match="does not quote"):
        verify_citations(answer, {})
    other = Article(id=article.id, title="T", text=article.text + "!")
    answer.see_also = [_citation(9, other, 0, len(other.text))]
    with pytest.raises(ValueError, match="does not quote"):
        verify_citations(answer, {article.id: article})


@fuzz(100)
@given(ANY_TEXT, st.lists(st.integers(1, 5), max_size=5, unique=True))
@example("[" + "9" * 5000 + "]", [1])
@example("[١] [٣]", [1])
def test_verifier_on_arbitrary_answer_text(text, numbers):
    """Arbitrary answer text never crashes the verifier: it accepts, or rejects with ValueError
    naming the marker, and it accepts exactly when every [n] is a citation number."""
    article = Article(id="a", title="T", text="Khối thi đua Nội chính.")
    answer = Answer("q", text, False, [_citation(n, article, 0, len(article.text)) for n in numbers])
    markers = re.findall(r"\[(\d+)\]", text)
    resolves = all(m in {str(n) for n in numbers} for m in markers)
    if resolves:
        verify_citations(answer, {"a": article})
    else:
        with pytest.raises(ValueError, match="has no citation"):
            verify_citations(answer, {"a": article})
    # Article text placed in an answer through as_answer_text never adds a marker.
    assert re.findall(r"\[(\d+)\]", as_answer_text(text)) == []


def test_verifier_regressions():
    """Slices that Python forgives but a citation must not rely on: a negative start, an end past
    the text, reversed or empty offsets — each gives back the quote, yet points at no real span."""
    article = Article("a", "T", "xabc")
    for start, end, quote in [(-3, 4, "abc"), (1, 99, "abc"), (3, 1, ""), (2, 2, ""), (-3, -1, "ab")]:
        assert article.text[start:end] == quote
        answer = Answer("q", f"{quote} [1]", False, [Citation(1, "a", "T", None, None, None, quote, start, end)])
        with pytest.raises(ValueError, match="does not quote"):
            verify_citations(answer, {"a": article})
    ok = Answer("q", "abc [1]", False, [Citation(1, "a", "T", None, None, None, "abc", 1, 4)])
    verify_citations(ok, {"a": article})
    for text in ["abc [01]", "abc [١]", "abc [" + "9" * 5000 + "]"]:  # only "[1]" names citation 1
        with pytest.raises(ValueError, match="has no citation"):
            verify_citations(Answer("q", text, False, ok.citations), {"a": article})
