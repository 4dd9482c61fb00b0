from conftest import DEMO_ARTICLES
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.chunking import chunk_article, chunk_spans
from corpus.records import Article

SAMPLE = (DEMO_ARTICLES / "000_08d3a0008194d1c7.txt").read_text(encoding="utf-8")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=3000), st.integers(20, 1200), st.integers(0, 400))
def test_chunk_text_is_exactly_the_article_span(text, max_chars, overlap):
    article = Article(id="x", title="t", text=text)
    chunks = chunk_article(article, max_chars, overlap)
    for chunk in chunks:
        assert chunk.text == article.text[chunk.start:chunk.end]
        assert chunk.end - chunk.start <= max_chars
        assert chunk.text.strip() == chunk.text and chunk.text
    starts = [c.start for c in chunks]
    assert starts == sorted(set(starts)), "chunks advance"


@given(st.text(alphabet=st.sampled_from(list("ab cđ. \nTỉnh?")), max_size=2000), st.integers(30, 300))
def test_every_non_space_character_is_in_some_chunk(text, max_chars):
    covered = [False] * len(text)
    for s, e in chunk_spans(text, max_chars, max_chars // 4):
        for i in range(s, e):
            covered[i] = True
    assert all(covered[i] or text[i].isspace() for i in range(len(text)))


def test_chunks_end_at_sentence_boundaries_and_overlap():
    text = " ".join(f"Câu số {i} nói về Khối thi đua Nội chính tỉnh Vĩnh Phúc." for i in range(40))
    spans = chunk_spans(text, 300, 120)
    assert len(spans) > 3
    for (_, e1), (s2, _) in zip(spans, spans[1:]):
        assert text[e1 - 1] == "."
        assert s2 < e1, "consecutive chunks share trailing sentences"


def test_seed_sentences_are_not_cut_at_dates_or_codes():
    spans = chunk_spans(SAMPLE, 900, 200)
    for s, e in spans:
        assert not SAMPLE[s:e].startswith(("3/2021", "CT/TW", "2014"))
