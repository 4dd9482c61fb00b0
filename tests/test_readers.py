import json

from conftest import DEMO_ARTICLES, ROOT

from corpus.readers import FORMATS, READABLE_SUFFIXES, Article, ReadError, format_for, format_table, read_inputs

SEED_FILE = DEMO_ARTICLES / "000_08d3a0008194d1c7.txt"


def _read(*paths):
    results = list(read_inputs([str(p) for p in paths], fetch_delay=0))  # 127.0.0.1: no politeness delay
    return [r for r in results if isinstance(r, Article)], [r for r in results if isinstance(r, ReadError)]


def test_seed_txt_title_boilerplate_and_repeated_title(tmp_path):
    (article,), errors = _read(SEED_FILE)
    assert not errors
    assert article.id == "000_08d3a0008194d1c7"
    assert article.title == "Vĩnh Phúc: Các cơ quan Khối Nội chính ký kết giao ước thi đua năm 2021"
    assert article.title not in article.text, "the title repeated at the top of the body is dropped"
    assert "Cùng chuyên mục" not in article.text and "Đọc thêm" not in article.text
    assert article.text.startswith("(PLVN)")
    assert article.text.endswith("được giao năm 2021.")


def test_jsonl_good_and_bad_lines(tmp_path):
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "T1", "text": "Nội dung một.", "date": "2021-03-17", "source": "S", "url": "https://e.vn/1"}, ensure_ascii=False),
        '{"id": "broken", "text": "no closing brace"',
        json.dumps({"id": "a2", "title": "no text"}),
        "",
        json.dumps({"id": "a3", "text": "Có ngày sai.", "date": "17/3/2021"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "Bài không có id.", "title": 5}),
        json.dumps({"text": "Bài không có id và tiêu đề. Câu hai."}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, errors = _read(path)
    assert [a.id for a in articles][0] == "a1"
    assert articles[0].date == "2021-03-17" and articles[0].source == "S" and articles[0].url == "https://e.vn/1"
    assert articles[1].id.startswith("a-") and articles[1].title.startswith("Bài không có id")
    messages = {e.line: e.message for e in errors}
    assert set(messages) == {2, 3, 5, 6, 7}
    assert "invalid JSON" in messages[2]
    assert "'text' is missing" in messages[3]
    assert "'date'" in messages[5]
    assert "object" in messages[6]
    assert "'title'" in messages[7]
    assert all(str(path) in str(e) for e in errors)
    assert str(errors[0]).startswith(f"{path}:2: ")


def test_content_derived_ids_are_stable(tmp_path):
    path = tmp_path / "b.jsonl"
    path.write_text(json.dumps({"text": "Một bài viết."}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert _read(path)[0][0].id == _read(path)[0][0].id


def test_md_html_and_directory(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "note.md").write_text("# Tiêu đề ghi chú\n\nNội dung ghi chú về Sở Tư pháp.\n", encoding="utf-8")
    (tmp_path / "sub" / "page.html").write_text(
        "<html><head><title>Ký kết quy chế phối hợp</title><meta name='date' content='2022-05-04'></head><body>"
        "<nav>Trang chủ | Tin tức</nav><article><h1>Ký kết quy chế phối hợp</h1>"
        "<p>Sáng 4/5/2022, Công an tỉnh và Viện Kiểm sát nhân dân tỉnh đã ký kết quy chế phối hợp trong công tác "
        "tiếp nhận, giải quyết tố giác, tin báo về tội phạm. Đây là bước tiến quan trọng trong công tác phối hợp.</p>"
        "<p>Quy chế gồm 5 chương, 20 điều, có hiệu lực từ ngày ký và được triển khai tới các đơn vị cơ sở.</p>"
        "<script>alert('x')</script></article><footer>Đọc thêm</footer></body></html>",
        encoding="utf-8",
    )
    (tmp_path / ".hidden.txt").write_text("Ẩn\nkhông đọc", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n")
    articles, errors = _read(tmp_path)
    assert not errors
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {"note", "page"}
    assert by_id["note"].title == "Tiêu đề ghi chú"
    page = by_id["page"]
    assert page.title == "Ký kết quy chế phối hợp"
    assert "Công an tỉnh và Viện Kiểm sát" in page.text
    assert "alert" not in page.text and "Trang chủ" not in page.text
    assert page.date == "2022-05-04"


def test_bad_files_get_clear_errors(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "legacy.txt").write_bytes("Tiêu đề\nNội dung".encode()[:-3] + b"\xff\xfe\xfd")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "only-title.txt").write_text("Chỉ có tiêu đề\n\n", encoding="utf-8")
    (tmp_path / "utf16.txt").write_bytes("Tiêu đề UTF-16\nNội dung bài.".encode("utf-16"))
    articles, errors = _read(*sorted(tmp_path.iterdir()), tmp_path / "missing.jsonl")
    assert [a.title for a in articles] == ["Tiêu đề UTF-16"]
    reasons = {e.source.rsplit("/", 1)[-1]: e.message for e in errors}
    assert "binary" in reasons["binary.txt"]
    assert "empty" in reasons["empty.txt"]
    assert "UTF-8" in reasons["legacy.txt"]
    assert "no body" in reasons["only-title.txt"]
    assert "no such file" in reasons["missing.jsonl"]


def test_url_reading_against_a_local_server(http_server):
    base, folder = http_server
    (folder / "bai.html").write_text(
        "<html><head><title>Hội nghị ký kết giao ước thi đua</title></head><body><article>"
        "<p>Chiều 17/3/2021, các cơ quan Khối thi đua Nội chính đã ký kết giao ước thi đua năm 2021 với sự tham "
        "dự của đại diện lãnh đạo Ban Thi đua khen thưởng tỉnh.</p><p>Các đơn vị thống nhất chỉ tiêu thi đua "
        "và tiêu chí chấm điểm bình xét thi đua, khen thưởng năm 2021.</p></article></body></html>",
        encoding="utf-8",
    )
    (folder / "note.txt").write_text("Tiêu đề văn bản\nNội dung văn bản thuần.", encoding="utf-8")
    articles, errors = _read(f"{base}/bai.html", f"{base}/note.txt", f"{base}/missing.html",
                             f"{base}/redirect-loop", "http://127.0.0.1:9/unreachable")
    assert [a.title for a in articles] == ["Hội nghị ký kết giao ước thi đua", "Tiêu đề văn bản"]
    assert articles[0].url == f"{base}/bai.html" and articles[0].id.startswith("url-")
    assert "Khối thi đua Nội chính" in articles[0].text
    assert len(errors) == 3
    assert "404" in errors[0].message
    assert "HTTP error" in errors[1].message or "redirect" in errors[1].message.lower()
    assert "cannot fetch" in errors[2].message


def test_a_read_more_marker_before_a_whole_paragraph_keeps_the_paragraph():
    """"» headline" lines are furniture; a paragraph that runs on after such a marker (a scraper
    joined the link to the body) is article text and stays."""
    from corpus.cleaning import clean_body

    body = ("Sáng 2/4, Hội Cựu chiến binh xã Đông Hòa tổ chức đại hội.\n\n"
            "» Xem thêm: Xã Đông Hòa đón bằng nông thôn mới\n\n"
            "» Tin khác Đại hội bầu 9 ủy viên ban chấp hành. " + "Ông Lý Văn Khải được bầu làm Chủ tịch Hội. " * 6)
    cleaned = clean_body(body)
    assert "Xã Đông Hòa đón bằng nông thôn mới" not in cleaned  # a short read-more line goes
    assert "Ông Lý Văn Khải được bầu làm Chủ tịch Hội." in cleaned  # a long run-on paragraph stays
    assert cleaned.startswith("Sáng 2/4")


def test_the_suffix_registry_is_what_the_readme_and_the_cli_list():
    """One registry of formats: a folder is read for its suffixes, and the README's format table
    and `civic ingest --help` list exactly them (the table is `format_table()`, regenerate it there)."""
    from assistant.cli import build_parser

    assert READABLE_SUFFIXES == tuple(s for f in FORMATS for s in f.suffixes)
    assert len(set(READABLE_SUFFIXES)) == len(READABLE_SUFFIXES), "a suffix belongs to one format"
    assert all(format_for(f"bai{s.upper()}") is f for f in FORMATS for s in f.suffixes)
    assert format_for("bai.pdf") is None
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert format_table() in readme, "README's format table differs from corpus.readers.registry.format_table()"
    table = readme.split("| Format | Suffixes |", 1)[1].split("\n\n", 1)[0].splitlines()[2:]
    listed = {cell.strip("` ") for line in table for cell in line.split("|")[2].split(",")}
    assert listed == set(READABLE_SUFFIXES)
    ingest = build_parser()._subparsers._group_actions[0].choices["ingest"].format_help()
    assert all(s in ingest for s in READABLE_SUFFIXES)
