"""What a question pins to a frame ("kỳ họp thứ năm", "năm 2061", "lần thứ 40") and when an article
contradicts it: a feature of the reader (`assistant.reading.frames`). Fictional text only."""
from __future__ import annotations

import pytest

from assistant.reading.frames import Frame, contradicted, frames_in
from corpus.records import Article


def _article(text: str, date: str | None = None) -> Article:
    return Article("fr-1", "Tin Lạc Sơn", text, date)


def test_frames_are_read_with_their_numbers_in_words_digits_or_roman_numerals():
    assert frames_in("Kỳ họp thứ năm HĐND tỉnh Lạc Sơn khóa XV bế mạc vào ngày nào?") == [
        Frame("ky hop thu", 5), Frame("khoa", 15)]
    assert frames_in("Hội nghị Mây Xanh lần thứ 40 có bao nhiêu đại biểu, đợt 3 năm 2061?") == [
        Frame("may xanh lan thu", 40), Frame("dot", 3), Frame("nam", 2061)]
    # "thứ năm" alone is Thursday, and "năm" before no year is no frame
    assert frames_in("Vào thứ năm, năm đơn vị ký kết.") == []


@pytest.mark.parametrize("question, text, date, share", [
    # the article reports the fourth session only: the fifth is not reported
    ("Kỳ họp thứ năm HĐND tỉnh Lạc Sơn bế mạc vào ngày nào?", "Kỳ họp thứ tư HĐND tỉnh Lạc Sơn đã bế mạc chiều 5/7.",
     None, 1.0),
    ("Kỳ họp thứ tư HĐND tỉnh Lạc Sơn bế mạc vào ngày nào?", "Kỳ họp thứ 4 HĐND tỉnh Lạc Sơn đã bế mạc chiều 5/7.",
     None, 0.0),
    # one of two frames contradicted
    ("Kỳ họp thứ năm HĐND khóa XV bế mạc khi nào?", "Kỳ họp thứ tư HĐND tỉnh khóa XV đã bế mạc chiều 5/7.", None, 0.5),
    # a year is written wherever the article writes it (a date, a name), or is its date …
    ("Khối thi đua Suối Bạc ký giao ước năm 2061 vào ngày nào?", "Ngày 3/3/2061, khối ký giao ước; năm 2060 khối đạt giải.",
     None, 0.0),
    ("Đạo luật Mây Xanh năm 2058 quy định gì?", "Theo Đạo luật Mây Xanh 2058, từ năm 2059 hội đồng được lập.", None, 0.0),
    ("Đầu năm 2061, Hòa An có bao nhiêu xã?", "Năm 2058 và năm 2060, Hòa An có 20 xã.", "2061-02-01", 0.0),
    # … or the year after the one a report compares with ("so với cùng kỳ năm 2060")
    ("Đầu năm 2061, Hòa An có bao nhiêu xã?", "Hòa An có 20 xã, tăng 2 xã so với cùng kỳ năm 2060.", None, 0.0),
    ("Đầu năm 2062, Hòa An có bao nhiêu xã?", "Hòa An có 20 xã, tăng 2 xã so với cùng kỳ năm 2060.", None, 1.0),
    # … but not as the end of a term; a range from "từ" is about both its years
    ("Khối thi đua Suối Bạc ký giao ước năm 2065 vào ngày nào?", "Năm 2062, khối ký giao ước; nhiệm kỳ 2060–2065.", None, 1.0),
    ("Từ năm 2040 đến năm 2050, rừng Đồi Chè mất bao nhiêu?", "Từ năm 2040 đến 2050, rừng mất 5%; năm 2055 thì ít hơn.",
     None, 0.0),
    # "lần thứ" of another thing, or an article that writes no such frame, contradicts nothing
    ("Hội nghị Mây Xanh lần thứ 2 bàn gì?", "Cuộc cách mạng công nghiệp lần thứ tư đã tới.", None, 0.0),
    ("Kỳ họp thứ năm HĐND tỉnh Lạc Sơn bế mạc vào ngày nào?", "HĐND tỉnh Lạc Sơn đã bế mạc chiều 5/7.", None, 0.0),
    # a bloc the article names otherwise, never as asked; one it names as asked (with more words)
    ("Khối thi đua Nội chính tỉnh Lạc Sơn gồm những đơn vị nào?",
     "Khối thi đua các cơ quan kinh tế tổng hợp tỉnh Lạc Sơn gồm 8 đơn vị.", None, 1.0),
    ("Khối thi đua Nội chính tỉnh Lạc Sơn gồm những đơn vị nào?",
     "Khối thi đua Nội chính của tỉnh gồm 8 đơn vị; Khối thi đua Văn hóa – Xã hội gồm 6.", None, 0.0),
    # the sentence goes on after the name, in the question and in the article
    ("khoi thi dua noi chinh lac son ky giao uoc ngay nao", "Khối thi đua Nội chính tại hội nghị đã ký giao ước.",
     None, 0.0),
    ("Cụm thi đua số 2 tỉnh Lạc Sơn gồm những xã nào?", "Cụm thi đua số 3 gồm 5 xã.", None, 1.0),
    ("Khoi thi dua Noi chinh tinh Lac Son gom nhung don vi nao?",
     "Khối thi đua các cơ quan kinh tế tổng hợp tỉnh Lạc Sơn gồm 8 đơn vị.", None, 1.0),
    # … and does not lessen a year's conflict when the article names no bloc
    ("Khối thi đua Suối Bạc ký giao ước năm 2065 vào ngày nào?", "Năm 2062, khối ký giao ước.", None, 1.0),
])
def test_an_article_contradicts_a_frame_it_writes_only_with_other_values(question, text, date, share):
    assert contradicted(frames_in(question), _article(text, date)) == share
