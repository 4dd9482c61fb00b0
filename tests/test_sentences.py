from hypothesis import given
from hypothesis import strategies as st

from corpus.sentences import is_photo_credit, sentence_spans, split_sentences


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


def test_a_period_glued_to_the_next_sentence_ends_it_but_not_in_names_addresses_or_abbreviations():
    assert split_sentences("Hai tỉnh ký kết về giáo dục.Ngày 5/6, đoàn trở về. Tại Hà Nội.Sáng nay họp.") == [
        "Hai tỉnh ký kết về giáo dục.", "Ngày 5/6, đoàn trở về.", "Tại Hà Nội.", "Sáng nay họp."]
    for kept in ("Ông có bằng Th.Sĩ và làm việc ở TP.Hồ Chí Minh, Tp.Huế.",
                 "Xin gửi về địa chỉ bandoc@baothu.vn (ghi rõ họ tên).", "Nguồn: (Thoisu.vn - 11/12/2016).",
                 "Đại hội Đảng bộ TTXVN.Sáng nay khai mạc."):
        assert split_sentences(kept) == [kept]


def test_a_photo_credit_running_into_the_next_sentence_is_a_sentence_of_its_own():
    assert split_sentences("Các đại biểu chụp ảnh lưu niệm. Ảnh: Minh Khôi/TTXTN Lễ ký kết diễn ra trang trọng.") == [
        "Các đại biểu chụp ảnh lưu niệm.", "Ảnh: Minh Khôi/TTXTN", "Lễ ký kết diễn ra trang trọng."]
    assert split_sentences("Ảnh: BTN/Hồng Vân Sáng nay, 5/6, tại Lạc Sơn, hội nghị khai mạc.") == [
        "Ảnh: BTN/Hồng Vân", "Sáng nay, 5/6, tại Lạc Sơn, hội nghị khai mạc."]
    assert split_sentences("Hai bên trao biên bản (Ảnh: Thu Trang) Theo kế hoạch, lễ ký diễn ra chiều nay.") == [
        "Hai bên trao biên bản (Ảnh: Thu Trang)", "Theo kế hoạch, lễ ký diễn ra chiều nay."]
    # an agency in capitals ends the credit before a sentence that opens with a name or an honorific
    assert split_sentences("Ảnh: TTXTN Lê Văn Hòa phát biểu.") == ["Ảnh: TTXTN", "Lê Văn Hòa phát biểu."]
    assert split_sentences("Ảnh: Thu Trang Bà Hòa cho biết thêm.") == ["Ảnh: Thu Trang", "Bà Hòa cho biết thêm."]
    # a credit ended by a period, alone on its line, or "Ảnh:" inside a sentence: nothing new
    assert split_sentences("Ảnh: Thu Trang. Lễ ký diễn ra.") == ["Ảnh: Thu Trang.", "Lễ ký diễn ra."]
    assert split_sentences("Ảnh: Thu Trang\nLễ ký diễn ra.") == ["Ảnh: Thu Trang", "Lễ ký diễn ra."]
    assert split_sentences("Bức Ảnh: Hoàng Hà được trao giải nhất.") == ["Bức Ảnh: Hoàng Hà được trao giải nhất."]
    # a caption written without a terminator is a sentence of its own, and so is its credit
    assert split_sentences("Hai bên trao biên bản ghi nhớ Ảnh: Thu Trang Lễ ký diễn ra trang trọng.") == [
        "Hai bên trao biên bản ghi nhớ", "Ảnh: Thu Trang", "Lễ ký diễn ra trang trọng."]


def test_a_dateline_after_a_heading_without_a_terminator_starts_a_sentence():
    assert split_sentences("Hai huyện ký giao ước thi đua Sáng 12-4, tại Lạc Sơn, lễ ký diễn ra.") == [
        "Hai huyện ký giao ước thi đua", "Sáng 12-4, tại Lạc Sơn, lễ ký diễn ra."]
    assert split_sentences("Ảnh: Minh Khôi/TTXTN Chiều 5/7/2019, hội nghị bế mạc.") == [
        "Ảnh: Minh Khôi/TTXTN", "Chiều 5/7/2019, hội nghị bế mạc."]
    assert split_sentences("Cổng trường được sửa Ngày 9.5 vừa qua, xã đã nghiệm thu.") == [
        "Cổng trường được sửa", "Ngày 9.5 vừa qua, xã đã nghiệm thu."]
    # a date inside a sentence, in lower case, without its comma, or after a comma: nothing new
    for kept in ("Nhân dịp chào mừng ngày 8/3, hội tổ chức thi.", "Hội nghị họp Sáng 12-4 tại Lạc Sơn.",
                 "Theo kế hoạch, Sáng 12-4, hai bên ký.", "Lễ ký (Ngày 12/4, tại xã) diễn ra."):
        assert split_sentences(kept) == [kept], kept


def test_a_photo_credit_alone_is_told_from_a_sentence():
    for credit in ("Ảnh: Minh Khôi/TTXTN", "(Ảnh: Thu Trang)", "Ảnh minh họa: BTN", "Ảnh: Thu Trang."):
        assert is_photo_credit(credit), credit
    for sentence in ("Ảnh hưởng của bão số 3 rất lớn.", "Bức Ảnh: Hoàng Hà được trao giải nhất. Rồi sao.",
                     "Lễ ký kết diễn ra trang trọng."):
        assert not is_photo_credit(sentence), sentence


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


# Every rule's text once: when where sentences end changes, this digest changes, and the version that
# keys data derived from the sentences (stored sentence vectors) must change with it.
_EVERY_RULE = (
    "Hai tỉnh ký kết về giáo dục.Ngày 5/6, đoàn trở về. Ông có bằng Th.Sĩ, làm việc ở TP.Hồ Chí Minh.\n"
    "Các đại biểu chụp ảnh lưu niệm. Ảnh: Minh Khôi/TTXTN Lễ ký kết diễn ra trang trọng. "
    "Hai bên trao biên bản (Ảnh: Thu Trang) Theo kế hoạch, lễ ký diễn ra chiều nay. Ảnh: TTXTN Lê Văn Hòa phát biểu.\n"
    "Hai bên trao biên bản ghi nhớ Ảnh: Thu Trang Lễ ký diễn ra. Bức Ảnh: Hoàng Hà được trao giải nhất.\n"
    "Hai huyện ký giao ước thi đua Sáng 12-4, tại Lạc Sơn, lễ ký diễn ra. Nhân dịp chào mừng ngày 8/3, hội thi. "
    "Chỉ thị 34-CT/TW ngày 17/3/2021 của N. V. A. nêu rõ v.v. và tiếp tục! Thật sao? “Đúng vậy.” Rồi… Hết"
)
_DIGESTS = {4: "1a933a1f30634b0a"}


def test_the_splitter_version_changes_with_where_sentences_end():
    import hashlib

    from corpus.sentences import SPLITTER_VERSION

    digest = hashlib.sha1(repr(sentence_spans(_EVERY_RULE)).encode()).hexdigest()[:16]
    assert _DIGESTS.get(SPLITTER_VERSION) == digest, (
        f"sentences are cut differently ({digest}): bump corpus.sentences.SPLITTER_VERSION and record "
        f"the new digest under it in _DIGESTS")
