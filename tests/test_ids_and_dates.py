"""Issue [5/5], defects 1, 2, 7 and 8: one id is one article wherever it is read, a record's origin
is where it was read, empty articles are refused, ids are NFC text of at most 256 characters, and
dates a user types go through one strict parser (CLI, API and UI)."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from assistant import Assistant
from corpus.dates import article_date, parse_user_date
from corpus.readers import Article, ReadError, read_inputs


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _texts(assistant: Assistant) -> dict[str, str]:
    return {a.id: a.text for a in assistant.catalog.articles()}


ONE = "Khối thi đua Nội chính ký giao ước thi đua năm 2021 tại Vĩnh Phúc."
TWO = "Cụm thi đua số 4 tổng kết công tác thi đua năm 2022 tại Hà Giang."


# --- defect 1: repeated ids -------------------------------------------------------------------------
def test_a_repeated_id_in_one_file_is_an_error_naming_both_lines_and_reingest_changes_nothing(tmp_path):
    src = _jsonl(tmp_path / "bai.jsonl", [{"id": "x", "title": "Một", "text": ONE}, {"id": "x", "title": "Hai", "text": TWO}])
    assistant = Assistant(tmp_path / "idx")
    first = assistant.ingest([src])
    assert first.articles_added == 1 and len(first.errors) == 1
    message = first.errors[0].message
    assert f"{src}:1" in message and f"{src}:2" in message and "'x'" in message, message
    assert assistant.article("x").title == "Một"
    stored = _texts(assistant)
    for _ in range(2):  # every later run: nothing changes, the same error, the same text
        again = assistant.ingest([src])
        assert (again.articles_added, again.articles_updated, again.articles_unchanged) == (0, 0, 1)
        assert [e.message for e in again.errors] == [message]
        assert again.chunks_added == 0 and _texts(assistant) == stored


def test_a_repeated_id_across_two_files_is_an_error_in_one_ingest_and_a_later_file_updates_it(tmp_path):
    a = _jsonl(tmp_path / "a.jsonl", [{"id": "x", "title": "Một", "text": ONE}])
    b = _jsonl(tmp_path / "b.jsonl", [{"id": "y", "text": "Bài khác về Sở Tư pháp."}, {"id": "x", "title": "Hai", "text": TWO}])
    assistant = Assistant(tmp_path / "idx")
    stats = assistant.ingest([a, b])
    assert stats.articles_added == 2 and len(stats.errors) == 1
    assert f"{a}:1" in stats.errors[0].message and f"{b}:2" in stats.errors[0].message
    again = assistant.ingest([a, b])  # the same inputs: nothing changes, the same error
    assert (again.articles_updated, again.articles_unchanged, again.chunks_added) == (0, 2, 0)
    assert [e.message for e in again.errors] == [e.message for e in stats.errors]
    assert assistant.article("x").title == "Một"
    later = assistant.ingest([b])  # records with one id in another JSON Lines file, later: an update
    assert later.ok and later.articles_updated == 1 and assistant.article("x").title == "Hai"
    assert assistant.article("x").metadata["file"] == str(b.resolve())


def test_the_same_record_twice_or_copied_is_one_article_without_error(tmp_path):
    record = {"id": "x", "title": "Một", "text": ONE}
    a = _jsonl(tmp_path / "a.jsonl", [record])
    copy = _jsonl(tmp_path / "copy.jsonl", [record])
    assistant = Assistant(tmp_path / "idx")
    stats = assistant.ingest([a, a, copy])
    assert stats.ok and stats.articles_added == 1 and stats.articles_unchanged == 2
    later = assistant.ingest([copy])
    assert later.ok and later.articles_unchanged == 1
    assert assistant.article("x").metadata["file"] == str(a.resolve())


def test_editing_a_record_in_its_own_file_updates_it_and_moving_it_re_embeds_nothing(tmp_path):
    src = _jsonl(tmp_path / "a.jsonl", [{"id": "x", "title": "Một", "text": ONE}])
    assistant = Assistant(tmp_path / "idx")
    assistant.ingest([src])
    _jsonl(src, [{"id": "y", "text": TWO}, {"id": "x", "title": "Một", "text": ONE}])  # moved to line 2
    moved = assistant.ingest([src])
    assert moved.ok and moved.articles_unchanged == 1 and moved.articles_added == 1 and moved.articles_updated == 0
    assert assistant.article("x").metadata["line"] == 2
    _jsonl(src, [{"id": "y", "text": TWO}, {"id": "x", "title": "Một (sửa)", "text": ONE + " Đã sửa."}])
    edited = assistant.ingest([src])
    assert edited.ok and edited.articles_updated == 1 and assistant.article("x").title == "Một (sửa)"


# --- defect 2: a record against a file, and a record's own "file" field ------------------------------
def test_a_jsonl_record_cannot_replace_an_article_read_from_a_text_file(tmp_path):
    text_file = tmp_path / "bao-cao.txt"
    text_file.write_text("Báo cáo tổng kết\n" + ONE, encoding="utf-8")
    records = _jsonl(tmp_path / "ghi-de.jsonl", [{"id": "bao-cao", "title": "Ghi đè", "text": TWO}])
    assistant = Assistant(tmp_path / "idx")
    assert assistant.ingest([text_file]).ok
    stats = assistant.ingest([records])
    assert stats.articles_updated == 0 and len(stats.errors) == 1
    assert f"already belongs to {text_file}" in stats.errors[0].message and f"{records}:1" in stats.errors[0].message
    assert assistant.article("bao-cao").title == "Báo cáo tổng kết"
    both = Assistant(tmp_path / "idx2")  # in one run, either way round
    stats = both.ingest([records, text_file])
    assert stats.articles_added == 1 and len(stats.errors) == 1 and str(text_file) in stats.errors[0].message
    later = both.ingest([text_file])  # nor does a text file replace a record's article later
    assert later.articles_updated == 0 and len(later.errors) == 1 and both.article("bao-cao").title == "Ghi đè"


def test_a_records_origin_is_where_it_was_read_never_its_file_field(tmp_path):
    src = _jsonl(tmp_path / "a.jsonl", [{"id": "x", "text": ONE, "file": "/etc/passwd", "line": 99, "topic": "t"}])
    assistant = Assistant(tmp_path / "idx")
    assert assistant.ingest([src]).ok
    metadata = assistant.article("x").metadata
    assert metadata["file"] == str(src.resolve()) and metadata["line"] == 1
    assert metadata["record_file"] == "/etc/passwd" and metadata["record_line"] == 99 and metadata["topic"] == "t"
    text_file = tmp_path / "bao-cao.txt"
    text_file.write_text("Báo cáo\n" + ONE, encoding="utf-8")
    assert assistant.ingest([text_file]).ok
    claim = _jsonl(tmp_path / "b.jsonl", [{"id": "bao-cao", "text": TWO, "file": str(text_file.resolve())}])
    stats = assistant.ingest([claim])  # naming the text file in a field does not make the record that file
    assert stats.articles_updated == 0 and len(stats.errors) == 1 and assistant.article("bao-cao").text == ONE


# --- defect 7: empty articles ---------------------------------------------------------------------------
EMPTY_TEXTS = {
    "zero-width": "\u200b\u200c\u200d\u2060\ufeff\u200b",
    "punctuation": "… — !!! ??? ... ,,, ;;; «» “”",
    "combining marks": "\u0301\u0300\u0303\u0309\u0323 \u0302\u0306\u031b",
    "mixed": "\u200b … \u0301 —\n\n\u200d ***",
}


@pytest.mark.parametrize("kind", sorted(EMPTY_TEXTS))
def test_text_without_letters_or_digits_is_refused_naming_file_and_line(tmp_path, kind):
    text = EMPTY_TEXTS[kind]
    src = _jsonl(tmp_path / "rong.jsonl", [{"id": "ok", "text": ONE}, {"id": "empty", "title": "Tiêu đề", "text": text}])
    plain = tmp_path / "rong.txt"
    plain.write_text(text + "\n" + text, encoding="utf-8")
    titled = tmp_path / "co-tieu-de.md"
    titled.write_text("Tiêu đề thật\n" + text, encoding="utf-8")
    page = tmp_path / "rong.html"
    page.write_text(f"<html><head><title>Tiêu đề</title></head><body><article><p>{text}</p></article></body></html>",
                    encoding="utf-8")
    results = list(read_inputs([src, plain, titled, page]))
    assert [r.id for r in results if isinstance(r, Article)] == ["ok"]
    errors = [r for r in results if isinstance(r, ReadError)]
    assert [(e.source, e.line) for e in errors] == [(str(src), 2), (str(plain), None), (str(titled), None), (str(page), None)]
    assert "no letters or digits" in errors[0].message
    assistant = Assistant(tmp_path / "idx")
    stats = assistant.ingest([src, plain, titled, page])
    assert stats.articles_added == 1 and len(stats.errors) == 4
    assert assistant.stats()["articles"] == 1 and assistant.stats()["vectors"] == assistant.stats()["chunks"]


# --- defect 8: ids as NFC text ---------------------------------------------------------------------------
def test_a_1000_digit_integer_id_is_too_long_like_a_string_id(tmp_path):
    src = tmp_path / "so.jsonl"
    src.write_text('{"id": ' + "7" * 1000 + ', "text": "Nội dung."}\n{"id": 123, "text": "Bài có mã số."}\n', encoding="utf-8")
    results = list(read_inputs([src]))
    assert isinstance(results[0], ReadError) and results[0].line == 1
    assert "'id' is too long (1000 characters; limit 256)" in results[0].message
    assert isinstance(results[1], Article) and results[1].id == "123"


def test_ids_differing_only_by_nfc_nfd_are_one_article(tmp_path):
    nfc_id = unicodedata.normalize("NFC", "bài-thi-đua-Vĩnh-Phúc")
    nfd_id = unicodedata.normalize("NFD", nfc_id)
    assert nfc_id != nfd_id
    src = _jsonl(tmp_path / "a.jsonl", [{"id": nfc_id, "title": "Một", "text": ONE}])
    mac = tmp_path / "mac"
    mac.mkdir()
    (mac / f"{nfd_id}.txt").write_text("Một\n" + ONE, encoding="utf-8")  # a macOS file name
    read = [r for r in read_inputs([src, mac]) if isinstance(r, Article)]
    assert [r.id for r in read] == [nfc_id, nfc_id]
    assistant = Assistant(tmp_path / "idx")
    stats = assistant.ingest([src, _jsonl(tmp_path / "b.jsonl", [{"id": nfd_id, "title": "Một", "text": ONE}])])
    assert stats.ok and stats.articles_added == 1 and assistant.stats()["articles"] == 1
    hits = assistant.retrieve("Khối thi đua Nội chính ký giao ước", k=5)
    assert len({(h.start, h.end, h.text) for h in hits}) == len(hits) == 1  # the passage once


# --- defect 8: the one date parser -----------------------------------------------------------------------
@pytest.mark.parametrize("typed, start, end", [
    ("2022-03-15", "2022-03-15", "2022-03-15"), ("15/03/2022", "2022-03-15", "2022-03-15"),
    ("5/3/2022", "2022-03-05", "2022-03-05"), ("15-03-2022", "2022-03-15", "2022-03-15"),
    ("15.3.2022", "2022-03-15", "2022-03-15"), (" 2022-3-5 ", "2022-03-05", "2022-03-05"),
    ("2024-02", "2024-02-01", "2024-02-29"), ("2022", "2022-01-01", "2022-12-31"), ("", None, None),
])
def test_user_dates_accepted(typed, start, end):
    assert parse_user_date(typed) == start and parse_user_date(typed, end=True) == end


HOSTILE_DATES = ["2021-01-01'; DROP TABLE x;--", "20230101", "2023-W01-1", "2023-05-05T99:99", "2023-05-05T10:00",
                 "31/02/2022", "2021-13-01", "03/15/2022x", "15/03-2022", "٢٠٢١-٠١-٠١", "2021-01-01\x1b[2J", "0000",
                 "1" * 5000, "yesterday"]


@pytest.mark.parametrize("typed", HOSTILE_DATES)
def test_user_dates_refused_with_a_clear_message(typed):
    with pytest.raises(ValueError, match="YYYY-MM-DD or DD/MM/YYYY") as raised:
        parse_user_date(typed, name="date_from")
    message = str(raised.value)
    assert message.startswith("date_from:") and "\n" not in message and "\x1b" not in message and len(message) < 300
    assert "Ngày không hợp lệ" in raised.value.vi


def test_the_api_and_the_ui_use_the_one_parser(demo_index):
    from assistant import app as ui

    hits = demo_index.retrieve("giao ước thi đua", k=20, filters={"date_from": "15/03/2021", "date_to": "2021"})
    iso = demo_index.retrieve("giao ước thi đua", k=20, filters={"date_from": "2021-03-15", "date_to": "2021-12-31"})
    assert [h.chunk_id for h in hits] == [h.chunk_id for h in iso] and hits
    assert all("2021-03-15" <= h.date <= "2021-12-31" for h in hits)
    for typed in HOSTILE_DATES:
        with pytest.raises(ValueError, match="date_from"):
            demo_index.ask("Khối thi đua Nội chính gồm những đơn vị nào?", filters={"date_from": typed})
        with pytest.raises(ValueError, match="Ngày không hợp lệ"):
            ui.make_filters([], typed, "")


def test_an_article_date_is_an_iso_date_or_date_and_time_and_nothing_else():
    assert article_date("2021-03-17") == "2021-03-17"
    assert article_date("2021-03-17T08:00:00+07:00") == "2021-03-17"
    for bad in ["2021-01-01'; DROP TABLE x;--", "2021-03-17T99:00", "20210317", "17/3/2021", "2021-02-30", 20210317]:
        assert article_date(bad) is None, bad


def test_an_index_from_before_origins_were_recorded_is_adopted_without_re_embedding(tmp_path):
    src = _jsonl(tmp_path / "a.jsonl", [{"id": "x", "title": "Một", "text": ONE, "score": float("nan")}])
    assistant = Assistant(tmp_path / "idx")
    assert assistant.ingest([src]).ok
    with assistant.catalog._db as db:  # what an older version stored: no file, no line
        db.execute("UPDATE articles SET metadata = json_remove(metadata, '$.file', '$.line') WHERE json_valid(metadata)")
        db.execute("UPDATE articles SET metadata = '{\"score\": NaN}' WHERE NOT json_valid(metadata)")
    again = assistant.ingest([src])
    assert again.ok and again.articles_unchanged == 1 and again.chunks_added == 0
    assert assistant.article("x").metadata["file"] == str(src.resolve()) and assistant.article("x").metadata["line"] == 1
