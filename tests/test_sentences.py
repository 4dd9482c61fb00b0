from hypothesis import given
from hypothesis import strategies as st

from corpus.sentences import sentence_spans, split_sentences


def test_dates_codes_and_abbreviations_do_not_end_sentences():
    text = ("Hội nghị diễn ra tại TP.HCM ngày 17/3/2021 theo Chỉ thị số 34-CT/TW. "
            "Ông Trần Văn B, TP. Vinh, phát biểu. PGS. TS. Lê C nhấn mạnh thu nhập 1.5 triệu đồng. "
            "Hết.")
    assert split_sentences(text) == [
        "Hội nghị diễn ra tại TP.HCM ngày 17/3/2021 theo Chỉ thị số 34-CT/TW.",
        "Ông Trần Văn B, TP. Vinh, phát biểu.",
        "PGS. TS. Lê C nhấn mạnh thu nhập 1.5 triệu đồng.",
        "Hết.",
    ]


def test_line_breaks_and_quotes():
    text = "Câu một! “Câu hai.” Câu ba?\n\nĐoạn mới… Tiếp theo"
    assert split_sentences(text) == ["Câu một!", "“Câu hai.”", "Câu ba?", "Đoạn mới…", "Tiếp theo"]


def test_lowercase_continuation_is_not_a_new_sentence():
    assert split_sentences("Các đơn vị v.v. đã ký. và tiếp tục") == ["Các đơn vị v.v. đã ký. và tiếp tục"]


@given(st.text(alphabet=st.sampled_from(list("aăâđêôơư ÁẢ.!?…\n\"“”/-0123 TPvnKhối")), max_size=300))
def test_spans_are_valid_trimmed_and_ordered(text):
    spans = sentence_spans(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())


@given(st.text())
def test_arbitrary_unicode_never_raises(text):
    for start, end in sentence_spans(text):
        assert 0 <= start < end <= len(text)
