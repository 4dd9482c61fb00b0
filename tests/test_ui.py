"""The Gradio UI (`assistant/ui/`, imported through `assistant/app.py`): helpers, the `/chat` API,
login, and the real page driven in headless Chromium (Debian's `chromium` package, driven by
Playwright; never `playwright install`).

One app instance per module over a small index built in tmp (a few demo articles, the seed, and an
article full of HTML/JS injection attempts). Browser tests skip when /usr/bin/chromium or
Playwright is missing. Set CIVIC_UI_SCREENSHOT=docs/ui.png to refresh the README screenshot.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import time
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from conftest import needs_browser  # noqa: E402

from assistant import Assistant  # noqa: E402
from assistant import app as ui  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus" / "articles"
QUESTION = "Khối thi đua Nội chính gồm những đơn vị nào?"
XSS_QUESTION = "Hội Nông dân xã Tân Lập ký kết chương trình phối hợp với đơn vị nào?"
XSS_ARTICLE = {
    "id": "xss-001",
    "title": '<img src=x onerror="window.__xss=1">Hội Nông dân xã Tân Lập ký chương trình phối hợp',
    "date": "2023-04-05",
    "source": "Trang thử <b onmouseover=window.__xss=6>nghiệm</b>",
    "url": "javascript:window.__xss=5",
    "text": ("Ngày 5/4/2023, Hội Nông dân xã Tân Lập ký kết chương trình phối hợp với Đoàn Thanh niên xã Tân Lập "
             "<script>window.__xss=2</script> về phát triển kinh tế nông thôn.\n\n"
             'Chương trình có chủ đề "><svg onload=window.__xss=3> và [bấm vào đây](javascript:window.__xss=4) '
             "để xem thêm; ${window.__xss=7} {{constructor.constructor('window.__xss=8')()}}."),
}



# --- helpers (no server) ---------------------------------------------------------------------
def test_md_escape_turns_html_and_markdown_into_text():
    out = ui.md_escape('<script>alert(1)</script> [x](javascript:alert(1)) **b** `c` ${x}')
    assert "<" not in out and ">" not in out
    assert "&lt;script&gt;" in out
    assert "\\[x\\]\\(javascript:alert\\(1\\)\\)" in out
    assert "\\*\\*b\\*\\*" in out and "\\`c\\`" in out and "\\$\\{x\\}" in out
    assert ui.md_escape("- một\n- hai") == "- một\n- hai"  # bullets survive
    assert ui.answer_markdown("Có 7 đơn vị [1], [2].") == "Có 7 đơn vị **\\[1\\]**, **\\[2\\]**."


def test_safe_url_only_allows_http():
    assert ui.safe_url("https://example.vn/a b?x=1&y=(2)") == "https://example.vn/a%20b?x=1&y=%282%29"
    for bad in ("javascript:alert(1)", "data:text/html,<b>", "vbscript:x", "//evil", "", None, "ftp://x/y"):
        assert ui.safe_url(bad) is None
    assert '"' not in ui.safe_url('https://x.vn/"><script>')


def test_parse_date_and_filters():
    assert ui.parse_date("2022-3-5") == "2022-03-05"
    assert ui.parse_date("15/03/2022") == "2022-03-15"
    assert ui.parse_date("2022") == "2022-01-01" and ui.parse_date("2022", end=True) == "2022-12-31"
    assert ui.parse_date("2024-02", end=True) == "2024-02-29"
    assert ui.parse_date("  ") is None
    with pytest.raises(ValueError, match="Ngày không hợp lệ"):
        ui.parse_date("31/02/2022")
    assert ui.make_filters([], "", "") is None
    assert ui.make_filters(["A"], "2021", "2021") == {"source": ["A"], "date_from": "2021-01-01", "date_to": "2021-12-31"}
    with pytest.raises(ValueError):
        ui.make_filters(None, "2023", "2022")


def test_paragraph_window_stays_in_paragraph_and_caps_length():
    text = "Đoạn một.\n\nCâu trước. Câu được trích. Câu sau.\n\nĐoạn ba."
    start = text.index("Câu được trích.")
    before, quote, after = ui.paragraph_window(text, start, start + len("Câu được trích."))
    assert (before, quote, after) == ("Câu trước. ", "Câu được trích.", " Câu sau.")
    long = "\n\n" + "chữ " * 400 + "TRÍCH DẪN." + " chữ" * 400 + "\n\n"
    s = long.index("TRÍCH")
    before, quote, after = ui.paragraph_window(long, s, s + 10, cap=200)
    assert quote == "TRÍCH DẪN." and before.startswith("…") and after.endswith("…")
    assert len(before) + len(after) <= 205


def test_source_card_escapes_everything():
    a = XSS_ARTICLE
    start = a["text"].index("Ngày")
    end = a["text"].index("nông thôn.") + len("nông thôn.")
    card = ui.source_card(1, title=a["title"], date_=a["date"], source=a["source"], url=a["url"], text=a["text"],
                          start=start, end=end)
    assert "<script" not in card and "<img" not in card and "<svg" not in card and "<b " not in card
    assert "href=\"javascript" not in card and "${" not in card and "{{" not in card
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in card
    assert "<mark>" in card and "05/04/2023" in card
    ok = ui.source_card(2, title="T", date_=None, source=None, url="https://example.vn/x", text="abc", start=0, end=3)
    assert '<a href="https://example.vn/x"' in ok and "<mark>abc</mark>" in ok


def test_upload_inputs_rejects_big_and_unknown_files(tmp_path):
    big = tmp_path / "lon.jsonl"
    with open(big, "wb") as fh:  # sparse: no 50 MB written to disk
        fh.truncate(ui.MAX_UPLOAD_MB * 1024 * 1024 + 1)
    exe = tmp_path / "virus.exe"
    exe.write_bytes(b"MZ")
    good = tmp_path / "bai.txt"
    good.write_text("Tiêu đề\n\nNội dung.", encoding="utf-8")
    inputs, names, rejected = ui._upload_inputs([str(big), str(exe), str(good)], "https://example.vn/a\nftp://x\n")
    assert inputs == [str(good), "https://example.vn/a"]
    assert names[str(good)] == "bai.txt"
    notes = {row[0]: row[5] for row in rejected}
    assert "quá lớn" in notes["lon.jsonl"] and "không hỗ trợ" in notes["virus.exe"] and "ftp://x" in notes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def ui_assistant(tmp_path_factory):
    """A small index: the seed article, four demo articles, and the XSS article."""
    folder = tmp_path_factory.mktemp("ui-articles")
    shutil.copy(DEMO / "000_08d3a0008194d1c7.txt", folder)
    keep = {"demo-001", "demo-003", "demo-004", "demo-013"}
    lines = [line for line in (DEMO / "demo.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip() and json.loads(line)["id"] in keep]
    lines.append(json.dumps(XSS_ARTICLE, ensure_ascii=False))
    (folder / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assistant = Assistant(tmp_path_factory.mktemp("ui-index"))
    stats = assistant.ingest([folder])
    assert stats.ok, [str(e) for e in stats.errors]
    assistant.ask(QUESTION)  # warm the models before the browser's timeouts start
    return assistant


@pytest.fixture(scope="module")
def app_url(ui_assistant):
    app = ui.build_app(ui_assistant, allow_private_urls=True)  # the test pages are served on 127.0.0.1
    url = ui.launch(app, port=_free_port(), block=False)
    yield url
    app.close()


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1440, "height": 960}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(app_url)
    page.wait_for_selector("#civic-question textarea")
    yield page
    context.close()


def _ask(page, question: str, n_answers: int) -> str:
    box = page.locator("#civic-question textarea")
    box.fill(question)
    box.press("Enter")
    bot = page.locator('#civic-chat [data-testid="bot"]')
    bot.nth(n_answers - 1).wait_for()
    # wait until streaming has finished: the sources panel is rendered last
    page.wait_for_function("() => !document.querySelector('#civic-sources').innerText.includes('Đang tìm')")
    page.wait_for_function(
        "([n]) => { const b = document.querySelectorAll('#civic-chat [data-testid=\"bot\"]'); "
        "return b.length >= n && document.querySelector('#civic-sources .civic-head') && "
        "!document.querySelector('#civic-sources').innerText.includes('Đặt câu hỏi'); }", arg=[n_answers])
    time.sleep(0.3)
    return bot.nth(n_answers - 1).inner_text()


def test_gradio_client_chat(app_url):
    from gradio_client import Client

    client = Client(app_url, verbose=False, analytics_enabled=False)
    text = client.predict(QUESTION, api_name="/chat")
    assert "Công an tỉnh" in text and "[1]" in text
    none = client.predict(QUESTION, date_from="2100-01-01", api_name="/chat")
    assert none.startswith(ui.ABSTAIN_PREFIX)
    full = client.predict(QUESTION, api_name="/ask")
    assert not full["abstained"] and full["citations"][0]["quote"]


@pytest.fixture(scope="module")
def auth_url(ui_assistant):
    app = ui.build_app(ui_assistant)
    url = ui.launch(app, port=_free_port(), auth=("civic", "mat-khau"), block=False)
    yield url
    app.close()


def test_auth_blocks_the_api_without_login(auth_url):
    import httpx
    from gradio_client import Client
    from gradio_client.exceptions import AuthenticationError

    with pytest.raises(AuthenticationError):
        Client(auth_url, verbose=False, analytics_enabled=False).predict(QUESTION, api_name="/chat")
    assert httpx.post(f"{auth_url}/gradio_api/call/chat", json={"data": [QUESTION]}).status_code == 401
    assert httpx.get(f"{auth_url}/config").status_code == 401
    assert "[1]" in Client(auth_url, auth=("civic", "mat-khau"), verbose=False, analytics_enabled=False).predict(QUESTION, api_name="/chat")


@needs_browser
def test_auth_login_page(browser, auth_url):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(auth_url)
        page.wait_for_selector("input[type=password]", timeout=30_000)
        assert page.locator("#civic-question").count() == 0
        assert "Đăng nhập" in page.content()
        page.locator("input:not([type=password])").first.fill("civic")
        page.locator("input[type=password]").fill("sai")
        page.locator("input[type=password]").press("Enter")
        page.wait_for_timeout(1000)
        assert page.locator("#civic-question").count() == 0
        page.goto(auth_url)
        page.locator("input:not([type=password])").first.fill("civic")
        page.locator("input[type=password]").fill("mat-khau")
        page.get_by_role("button", name="Login").click()
        page.wait_for_selector("#civic-question textarea", timeout=30_000)
    finally:
        context.close()


# --- a running app ---------------------------------------------------------------------------
@needs_browser
def test_chat_answer_with_highlighted_quote_and_follow_up(page, ui_assistant, monkeypatch, tmp_path):
    calls, answers = [], []
    real_ask_stream = ui_assistant.ask_stream

    def spy(question, history=None, filters=None):  # the chat streams through ask_stream
        calls.append((question, list(history or []), filters))
        for item in real_ask_stream(question, history=history, filters=filters):
            if not isinstance(item, str):
                answers.append(item)
            yield item

    def norm(text: str) -> str:
        return " ".join(text.split())

    monkeypatch.setattr(ui_assistant, "ask_stream", spy)
    assert page.get_by_text("Khối thi đua Nội chính gồm những đơn vị nào?").count() >= 1  # example questions
    answer = _ask(page, QUESTION, 1)
    assert "Công an tỉnh" in answer and "[1]" in answer
    expected = re.sub(r"(?m)^\s*- ", "", answers[0].answer)  # "- " lines render as a list
    assert norm(answer) == norm(expected)  # the whole answer arrived, rendered as its own text
    if "\n- " in answers[0].answer:
        assert page.locator('#civic-chat [data-testid="bot"] li').count() >= 2
    cards = page.locator("#civic-sources .civic-source")
    assert cards.count() == len(answers[0].citations) >= 1
    for i, citation in enumerate(answers[0].citations):
        card = cards.nth(i)
        assert card.locator(".civic-n").inner_text() == f"[{citation.n}]"
        assert norm(card.locator(".civic-title").inner_text()).endswith(norm(citation.title))
        quote = card.locator(".civic-para mark").inner_text()
        assert norm(quote) == norm(citation.quote)  # the quoted sentence is the highlighted one
        assert norm(quote) in norm(card.locator(".civic-para").inner_text())
    first_panel = page.locator("#civic-sources").inner_text()
    page.locator("#civic-sources-box").scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "ui.png"))
    target = os.environ.get("CIVIC_UI_SCREENSHOT")
    if target:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=target)
    _ask(page, "Ai là Phó Trưởng ban Thi đua – Khen thưởng tỉnh?", 2)
    assert calls[0][1] == [] and calls[1][1] == [QUESTION]  # the follow-up carries the history
    for i, citation in enumerate(answers[1].citations):  # links only for http(s) URLs
        links = page.locator("#civic-sources .civic-source").nth(i).locator(".civic-meta a")
        if citation.url and citation.url.startswith("http"):
            assert links.first.get_attribute("href") == ui.safe_url(citation.url)
        else:
            assert links.count() == 0
    # clicking the first answer brings its sources back
    page.locator('#civic-chat [data-testid="bot"]').first.click()
    page.wait_for_function("([t]) => document.querySelector('#civic-sources').innerText === t", arg=[first_panel])


@needs_browser
def test_date_filter_that_excludes_everything_abstains(page):
    page.locator("#civic-date-from input, #civic-date-from textarea").first.fill("2100-01-01")
    answer = _ask(page, QUESTION, 1)
    assert answer.startswith("Không tìm thấy")
    assert "Bộ lọc" in page.locator("#civic-sources").inner_text()
    assert page.locator("#civic-sources .civic-source").count() == 0
    page.locator("#civic-date-from input, #civic-date-from textarea").first.fill("31/02/2022")
    page.locator("#civic-question textarea").fill(QUESTION)
    page.locator("#civic-send").click()
    page.get_by_text("Ngày không hợp lệ").first.wait_for()


@needs_browser
def test_xss_article_renders_as_text(page):
    # control: this browser does run an injected handler, so the checks below would catch one
    page.evaluate("""() => document.body.insertAdjacentHTML('beforeend', '<img id="ctl" src="x" onerror="window.__ctl=1">')""")
    page.wait_for_function("() => window.__ctl === 1")
    page.evaluate("() => document.getElementById('ctl').remove()")
    _ask(page, XSS_QUESTION, 1)
    panel = page.locator("#civic-sources")
    panel.locator(".civic-source").first.wait_for()
    text = panel.inner_text()
    assert "Tân Lập" in text
    assert '<img src=x onerror="window.__xss=1">' in text
    assert page.evaluate("window.__xss") is None
    assert "<script>window.__xss=2</script>" in text  # shown, as text, in the quote's paragraph
    assert page.locator("#civic-sources img, #civic-sources script, #civic-sources svg, #civic-sources b").count() == 0
    assert page.locator("#civic-chat script, #civic-chat img[src=x], #civic-chat svg[onload]").count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    # the closest passages of the second paragraph too (quote with svg/markdown/template injections)
    _ask(page, "Chương trình của Hội Nông dân xã Tân Lập có chủ đề gì?", 2)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__xss") is None
    assert page.locator('#civic-sources svg, #civic-chat svg[onload], a[href^="javascript"]').count() == 0


@needs_browser
def test_upload_files_and_urls_then_answer_from_them(page, tmp_path, http_server):
    good = tmp_path / "an-phu-quy-che-phoi-hop.txt"
    good.write_text("UBND xã An Phú ký quy chế phối hợp với Hội Cựu chiến binh xã\n\n"
                    "Ngày 12/5/2024, Ủy ban nhân dân xã An Phú và Hội Cựu chiến binh xã An Phú ký kết quy chế "
                    "phối hợp giai đoạn 2024–2029. Quy chế gồm 5 chương, 18 điều, tập trung vào tuyên truyền, giáo dục "
                    "truyền thống cách mạng cho thế hệ trẻ.\n", encoding="utf-8")
    bad = tmp_path / "hong.jsonl"
    bad.write_text('{"title": "thiếu text"}\nkhông phải json\n', encoding="utf-8")
    base, www = http_server
    (www / "bai.html").write_text(
        "<html><head><title>Xã Hòa Bình tuyên dương mô hình Dân vận khéo</title></head><body><article>"
        "<p>Sáng 3/10/2024, Ủy ban nhân dân xã Hòa Bình tổ chức hội nghị tuyên dương 12 mô hình “Dân vận khéo” "
        "tiêu biểu giai đoạn 2022–2024, trong đó có mô hình “Ngõ xóm sáng – xanh – sạch”.</p>"
        "<p>Các mô hình được đánh giá cao về hiệu quả huy động người dân tham gia xây dựng nông thôn mới.</p>"
        "</article></body></html>", encoding="utf-8")
    page.get_by_role("tab", name="Nạp dữ liệu").click()
    page.locator("#civic-urls textarea").fill(f"{base}/bai.html\n{base}/khong-co.html\nftp://sai")
    page.locator("#civic-files input[type=file]").set_input_files([str(good), str(bad)])
    page.wait_for_function("() => { const t = document.querySelector('#civic-files').innerText; "
                           "return t.includes('hong') && t.includes('an-phu-quy-che-phoi-hop'); }")  # uploaded
    page.locator("#civic-ingest").click()
    table = page.locator("#civic-ingest-table")
    page.wait_for_function("() => document.querySelector('#civic-ingest-table').innerText.includes('an-phu-quy-che')",
                           timeout=120_000)
    rows = {}
    for row in table.locator(".virtual-row").all():  # Gradio 6's Dataframe: div rows and cells
        cells = [cell.inner_text().strip() for cell in row.locator(".body-cell").all()]
        rows[cells[0]] = cells
    assert rows["an-phu-quy-che-phoi-hop.txt"][1] == "1", rows  # Thêm
    assert rows["hong.jsonl"][4] not in ("", "0"), rows  # Lỗi
    assert "dòng" in rows["hong.jsonl"][5], rows
    assert rows[f"{base}/bai.html"][1] == "1", rows
    assert rows[f"{base}/khong-co.html"][4] == "1" and "404" in rows[f"{base}/khong-co.html"][5], rows
    assert rows["ftp://sai"][4] == "1", rows
    assert "2 bài mới" in page.locator("#civic-ingest-summary").inner_text()
    page.get_by_role("tab", name="Hỏi đáp").click()
    _ask(page, "Quy chế phối hợp của Ủy ban nhân dân xã An Phú và Hội Cựu chiến binh gồm bao nhiêu điều?", 1)
    assert "An Phú" in page.locator("#civic-sources .civic-source").first.inner_text()
    _ask(page, "Xã Hòa Bình tuyên dương bao nhiêu mô hình Dân vận khéo?", 2)
    card = page.locator("#civic-sources .civic-source").first
    assert "Hòa Bình" in card.inner_text()
    assert card.locator(".civic-meta a").first.get_attribute("href") == f"{base}/bai.html"


@needs_browser
@pytest.mark.skipif(not hasattr(Assistant, "pacts"), reason="the pacts/participants/themes API has not landed")
def test_explorer_tables_chart_and_record_view(page):
    page.get_by_role("tab", name="Khám phá").click()
    page.wait_for_function("() => (document.querySelector('#civic-pacts')?.innerText || '').includes('Nội chính')")
    assert "giao ước" in page.locator("#civic-explore-note").inner_text()
    page.locator("#civic-chart img, #civic-chart svg, #civic-chart canvas").first.wait_for()
    page.get_by_role("tab", name="Thành phần").click()
    page.wait_for_function("() => (document.querySelector('#civic-participants')?.innerText || '').includes('Công an')")
    page.get_by_role("tab", name="Giao ước").click()
    search = page.locator("#civic-explore-query textarea, #civic-explore-query input").first
    search.fill("bac ninh")
    search.press("Enter")
    page.wait_for_function("() => { const t = document.querySelector('#civic-pacts').innerText; "
                           "return t.includes('Bắc Ninh') && !t.includes('Vĩnh Phúc'); }")
    page.locator("#civic-pacts .virtual-row").first.locator(".body-cell").nth(1).click()
    page.locator("#civic-record mark").first.wait_for()
    assert "Bắc Ninh" in page.locator("#civic-record").inner_text()
    # records of the XSS article: its title is shown as text in the tables and in the record view
    search.fill("tan lap")
    search.press("Enter")
    page.wait_for_function("() => document.querySelector('#civic-pacts').innerText.includes('Tân Lập')")
    assert '<img src=x onerror="window.__xss=1">' in page.locator("#civic-pacts").inner_text()
    page.locator("#civic-pacts .virtual-row").first.locator(".body-cell").nth(1).click()
    page.wait_for_function("() => document.querySelector('#civic-record').innerText.includes('Tân Lập')")
    assert "<script>window.__xss=2</script>" in page.locator("#civic-record").inner_text()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert page.locator('img[src="x"], #civic-record script, #civic-record svg, a[href^="javascript"]').count() == 0
