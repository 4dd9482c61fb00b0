"""Inferred article dates: an undated article is dated by the first full date of its lead, marked
as inferred, kept by date filters, counted by stats and shown as inferred in the UI."""
from __future__ import annotations

import pytest

from corpus.article_dates import lead_date, with_inferred_date
from corpus.records import Article

SEED = "000_08d3a0008194d1c7"


@pytest.mark.parametrize("text, expected", [
    ("Sáng 5/6/2024, tại thành phố Lạc Sơn, hai sở ký kết quy chế phối hợp.", "2024-06-05"),
    ("Ngày 12-11-2023, Cụm thi đua Đồi Chè tổ chức hội nghị.", "2023-11-12"),
    ("Hôm nay (ngày 2 tháng 9 năm 2020), Huyện Mường Khoa tổ chức lễ.", "2020-09-02"),
    ("Chiều 20.5.2019 (giờ địa phương), đoàn công tác làm việc.", "2019-05-20"),
    ("Ngày 20/6, hai bên ký kết; năm 2023 là năm bản lề.", "2023-06-20"),  # the year stated in its sentence
    ("Ngày 20/6, hai bên ký kết. Năm 2023 là năm bản lề.", None),  # the year of another sentence: no date
    ("Theo Quyết định số 12/QĐ-UBND ngày 5/1/2017, sáng 6/6/2017 hai sở ký kết.", "2017-06-06"),  # a document's date
    ("Hội nghị ngày 31/02/2021 là một lỗi in.", None),  # not a valid date
    ("Sáng 5/6/2024 khai mạc, chiều 6/6/2024 bế mạc.", "2024-06-05"),  # the first one
    # the event's own day, before a later full date (of a conference to come)
    ("Chiều 20/6, tại buổi giao ban, Sở cho biết Hội nghị Đầu tư 2023 sẽ diễn ra ngày 25/6/2023.", "2023-06-20"),
    # a time of day inside the sentence; the latest year of the sentence (a review of last year, plans of this)
    ("Hội nghị tổ chức sáng 10-2 để tổng kết năm 2022 và bàn nhiệm vụ năm 2023.", "2023-02-10"),
    ("Trong hai ngày 20-21/5, hội nghị năm 2023 diễn ra tại Lạc Sơn.", "2023-05-20"),  # a span of days
    ("Ngày 7/7, Đại hội Công đoàn nhiệm kỳ 2023 - 2028 khai mạc.", "2023-07-07"),  # a term's end is no present
    ("Chiều 27/6, Bộ cho biết theo Nghị định 24/2014, số phó giám đốc sở không quá 4.", None),  # a number's year
    ("Sáng 3/7, kỷ niệm 60 năm ngày truyền thống (1963 - 2023).", "2023-07-03"),  # an anniversary's span
])
def test_the_first_full_date_of_the_lead(text, expected):
    assert lead_date(Article("x", "Tin địa phương", text)) == expected


def test_a_date_past_the_lead_is_not_used():
    text = "Lễ ký kết diễn ra trang trọng. " * 40 + "Ngày 5/6/2024 là ngày hội."
    assert lead_date(Article("x", "Tin", text)) is None


def test_a_stated_date_is_kept_and_an_inferred_one_is_marked():
    dated = Article("a", "Tin", "Sáng 5/6/2024, hội nghị khai mạc.", date="2024-06-06")
    assert with_inferred_date(dated) is dated
    undated = with_inferred_date(Article("b", "Tin", "Sáng 5/6/2024, hội nghị khai mạc.", metadata={"k": 1}))
    assert undated.date == "2024-06-05" and undated.metadata == {"k": 1, "date_inferred": True}


def test_the_seed_is_dated_by_its_lead_and_kept_by_a_march_2021_filter(demo_index):
    article = demo_index.article(SEED)
    assert article.date == "2021-03-17" and article.metadata.get("date_inferred") is True
    stats = demo_index.stats()
    assert stats["dates_inferred"] >= 1 and stats["undated"] == 0
    hits = demo_index.retrieve("giao ước thi đua Khối thi đua Nội chính", k=5,
                               filters={"date_from": "2021-03-01", "date_to": "2021-03-31"})
    assert hits[0].article_id == SEED and all("2021-03-01" <= h.date <= "2021-03-31" for h in hits)
    answer = demo_index.ask("Khối thi đua Nội chính Vĩnh Phúc gồm những đơn vị nào?",
                            filters={"date_from": "2021-03-01", "date_to": "2021-03-31"})
    assert answer.citations and answer.citations[0].article_id == SEED and answer.citations[0].date_inferred


def test_the_ui_says_the_date_was_inferred():
    from assistant.app import source_card

    html = source_card(1, title="Tin", date_="2021-03-17", source=None, url=None, text="abc", start=0, end=3,
                       date_inferred=True)
    assert "17/03/2021" in html and "suy ra" in html
    assert "suy ra" not in source_card(1, title="Tin", date_="2021-03-17", source=None, url=None, text="abc",
                                       start=0, end=3)
