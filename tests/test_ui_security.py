"""Security of the web UI and its HTTP server (issue [9/9]).

- XSS: articles whose titles, sources, URLs and texts are made of injection payloads (HTML tags
  and event handlers, javascript:/data: URLs, Markdown/LaTeX link injection, attribute and
  element break-outs, HTML entities, unicode-escaped and look-alike variants) are ingested, then
  surfaced in every place the page shows article data: chat answers, the sources panel (and its
  restore on click), filters, error toasts, the explorer tables and record view, the upload result
  table. In headless Chromium, with `alert`/`confirm`/`prompt`/`open` hooked, nothing may run,
  no `on*` attribute, script-URL link, iframe/object/embed/form may appear in the DOM, and no
  request may go out for an injected `<img src=x>`. `tests/test_ui.py` covers one such article in
  the chat and explorer; this file covers the rest.
- Uploads: the size limit holds in the browser and on the server (a direct HTTP upload over the
  limit gets 413), and file names with `../` cannot place a file outside the upload folder.
- Binding and login: `launch()` and `civic serve` bind 127.0.0.1 unless told otherwise (checked on
  the listening socket and by connecting to the machine's other address); `--auth USER:PASS`
  refuses anonymous requests and wrong passwords.

Browser tests need Debian's /usr/bin/chromium and Playwright (never `playwright install`).
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from conftest import needs_browser  # noqa: E402
from http_fixtures import connects, free_port, start_civic_serve, stop, wait_for_port  # noqa: E402

from assistant import Assistant  # noqa: E402
from assistant import app as ui  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# gradio_client sends telemetry unless analytics_enabled=False is passed (its default True wins
# over GRADIO_ANALYTICS_ENABLED=False)
QUIET_CLIENT = {"verbose": False, "analytics_enabled": False, "download_files": False}
UPLOAD_LIMIT_MB = 0.25  # this module's app refuses uploads over 256 KB (the default is 50 MB)



def xss(tag: str) -> str:
    """JavaScript that records which payload ran."""
    return f"window.__xss='{tag}'"


# --- the payload corpus ------------------------------------------------------------------------
ARTICLES = [
    {   # HTML tags and event handlers in every field; a javascript: URL
        "id": "xss-html",
        "title": f"<script>{xss('t-script')}</script><img src=x onerror=\"{xss('t-img')}\">"
                 "Hội Cựu chiến binh xã Hưng Đạo ký giao ước thi đua",
        "date": "2023-06-12",
        "source": f"<svg onload=\"{xss('s-svg')}\">Báo <b onmouseover={xss('s-b')}>Thử nghiệm</b>",
        "url": f"javascript:{xss('u-js')}",
        "text": (f"Ngày 12/6/2023, Hội Cựu chiến binh xã Hưng Đạo ký kết giao ước thi đua với Hội Nông dân xã Hưng Đạo "
                 f"<script>{xss('x-script')}</script> với chủ đề “<img src=x onerror=\"{xss('x-theme')}\">Đoàn kết – Đổi mới”.\n\n"
                 f"Năm 2023, Hội Cựu chiến binh xã Hưng Đạo tổ chức 12 buổi tuyên truyền <img src=x onerror=\"{xss('x-img')}\"> "
                 f"<svg onload={xss('x-svg')}><svg/onload={xss('x-svg2')}> về pháp luật cho hội viên."),
    },
    {   # Markdown, LaTeX and HTML-entity injection; a data: URL
        "id": "xss-markdown",
        "title": f"[Tin nhanh](javascript:{xss('t-md')}) Đoàn Thanh niên phường Quang Trung trồng cây xanh",
        "date": "2024-03-20",
        "source": f"Báo [x](javascript:{xss('s-md')})",
        "url": f"data:text/html,<script>{xss('u-data')}</script>",
        "text": (f"Trong tháng 3/2024, Đoàn Thanh niên phường Quang Trung trồng 500 cây xanh [bấm vào đây](javascript:{xss('x-md')}) "
                 f"và ![ảnh](x\" onerror=\"{xss('x-mdimg')}) cùng <javascript:{xss('x-autolink')}> tại các tuyến phố.\n\n"
                 f"Đoàn Thanh niên phường Quang Trung ký kết chương trình phối hợp với Hội Liên hiệp Thanh niên phường Quang Trung "
                 f"[tham khảo][1] $\\href{{javascript:{xss('x-katex')}}}{{x}}$ $$\\href{{javascript:{xss('x-katex2')}}}{{y}}$$ "
                 f"&lt;img src=x onerror=\"{xss('x-entity')}\"&gt; &#60;script&#62;{xss('x-numentity')}&#60;/script&#62; "
                 f"**đậm** `mã`.\n\n[1]: javascript:{xss('x-mdref')}"),
    },
    {   # breaking out of attributes, elements and containers; a Markdown-breaking http URL
        "id": "xss-breakout",
        "title": f"\" onmouseover=\"{xss('t-attr')}\" x=\"' autofocus onfocus='{xss('t-focus')}' "
                 "Liên đoàn Lao động huyện Yên Lạc trao quà",
        "date": "2023-01-15",
        "source": f"</div><img src=x onerror={xss('s-div')}>Công đoàn",
        "url": f"https://example.vn/bai)](javascript:{xss('u-mdurl')})",
        "text": (f"Dịp Tết Quý Mão, Liên đoàn Lao động huyện Yên Lạc trao 350 suất quà \"><iframe srcdoc=\"<script>"
                 f"top.{xss('x-iframe')}</script>\"></iframe> </mark></blockquote><img src=x onerror={xss('x-close')}> "
                 f"</textarea><script>{xss('x-ta')}</script> <a href=\"javascript:{xss('x-a')}\">liên kết</a> "
                 f"<a href=\"&#106;avascript:{xss('x-enta')}\">x</a> cho đoàn viên có hoàn cảnh khó khăn.\n\n"
                 f"Liên đoàn Lao động huyện Yên Lạc ký kết chương trình phối hợp với Đoàn Thanh niên huyện Yên Lạc "
                 f"<details open ontoggle={xss('x-details')}> <math><mtext><table><mglyph><style><img src=x "
                 f"onerror={xss('x-mxss')}> <form><button formaction=javascript:{xss('x-form')}>gửi</button></form> "
                 f"<object data=\"javascript:{xss('x-object')}\"></object> <embed src=\"javascript:{xss('x-embed')}\"> "
                 f"<meta http-equiv=\"refresh\" content=\"0;url=javascript:{xss('x-meta')}\"> <base href=\"javascript:/\"> "
                 "<style>#civic-chat{display:none}</style> về chăm lo cho đoàn viên."),
    },
    {   # escaped, encoded and look-alike variants; a mixed-case javascript: URL with leading blanks
        "id": "xss-unicode",
        "title": f"＜img src=x onerror={xss('t-fullwidth')}＞ Hội Liên hiệp Phụ nữ xã Phú Xuân hỗ trợ hộ nghèo",
        "date": "2022-11-02",
        "source": "Báo \\u003cb\\u003eMẫu\\u003c/b\\u003e",
        "url": f"  JaVaScRiPt:{xss('u-case')}",
        "text": (f"Năm 2022, Hội Liên hiệp Phụ nữ xã Phú Xuân hỗ trợ 45 hộ nghèo \\u003cimg src=x onerror={xss('x-uesc')}\\u003e "
                 f"＜script＞{xss('x-fw')}＜/script＞ \\x3cscript\\x3e{xss('x-hexesc')}\\x3c/script\\x3e "
                 f"%3Cscript%3E{xss('x-pct')}%3C/script%3E &amp;lt;script&amp;gt;{xss('x-double')}&amp;lt;/script&amp;gt; "
                 f"<scr<script>ipt>{xss('x-nested')}</scr</script>ipt> java\u200bscript:{xss('x-zw')} "
                 f"ｊａｖａｓｃｒｉｐｔ：{xss('x-fwjs')} \u202e<img src=x onerror={xss('x-rtl')}> thoát nghèo bền vững.\n\n"
                 "Hội Liên hiệp Phụ nữ xã Phú Xuân ký kết giao ước thi đua với Hội Nông dân xã Phú Xuân năm 2022."),
    },
    {   # an http(s) URL that tries to leave href="…" (double and single quotes)
        "id": "xss-url",
        "title": "Ban Chỉ huy Quân sự xã Tân Hòa ra quân huấn luyện",
        "date": "2024-02-05",
        "source": "Báo Quốc phòng (mẫu)",
        "url": f"https://example.vn/bai?a=1\"><img src=x onerror={xss('u-break')}> ' onmouseover='{xss('u-single')}'",
        "text": ("Ngày 5/2/2024, Ban Chỉ huy Quân sự xã Tân Hòa tổ chức ra quân huấn luyện cho 64 chiến sĩ dân quân.\n\n"
                 "Ban Chỉ huy Quân sự xã Tân Hòa ký kết giao ước thi đua với Công an xã Tân Hòa năm 2024."),
    },
]
BY_ID = {a["id"]: a for a in ARTICLES}
QUESTIONS = {  # each surfaces its article, cited, with the payload sentence in the answer
    "xss-html": "Hội Cựu chiến binh xã Hưng Đạo tổ chức bao nhiêu buổi tuyên truyền?",
    "xss-markdown": "Đoàn Thanh niên phường Quang Trung trồng bao nhiêu cây xanh?",
    "xss-breakout": "Liên đoàn Lao động huyện Yên Lạc trao bao nhiêu suất quà?",
    "xss-unicode": "Hội Liên hiệp Phụ nữ xã Phú Xuân hỗ trợ bao nhiêu hộ nghèo?",
    "xss-url": "Ban Chỉ huy Quân sự xã Tân Hòa huấn luyện bao nhiêu chiến sĩ dân quân?",
}
# fragments that must appear on the page verbatim, as text
SHOWN = {
    "xss-html": ["<img src=x onerror=\"window.__xss='x-img'\">", "<svg/onload=window.__xss='x-svg2'>"],
    "xss-markdown": ["[bấm vào đây](javascript:window.__xss='x-md')", "<javascript:window.__xss='x-autolink'>"],
    "xss-breakout": ["\"><iframe srcdoc=", "</mark></blockquote><img src=x onerror=window.__xss='x-close'>",
                     "<a href=\"javascript:window.__xss='x-a'\">liên kết</a>"],
    "xss-unicode": ["＜script＞window.__xss='x-fw'＜/script＞", "\\u003cimg src=x onerror=window.__xss='x-uesc'\\u003e",
                    "<scr<script>ipt>"],
    "xss-url": ["64 chiến sĩ dân quân"],
}

# Runs before any page script: traps dialogs and window.open, and records them.
INIT_SCRIPT = """
window.__hits = [];
for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
  window[name] = (...args) => { window.__hits.push(name + ":" + args.join(",")); return null; };
}
"""
# Everything on the page that would mean an injection got through.
CHECK_JS = """() => {
  const bad = [];
  const URL_ATTRS = ["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "poster", "background"];
  for (const el of document.querySelectorAll("*")) {
    for (const at of el.attributes) {
      const name = at.name.toLowerCase(), value = at.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (name.startsWith("on")) bad.push(`${el.tagName} ${name}=${at.value}`);
      if (URL_ATTRS.includes(name) && /^(javascript|vbscript|data:text)/.test(value)) bad.push(`${el.tagName} ${name}=${at.value}`);
    }
  }
  for (const el of document.querySelectorAll("iframe, object, embed, form, details, math, meta[http-equiv]")) {
    bad.push(`element ${el.tagName}`);
  }
  for (const el of document.querySelectorAll("base")) {  // Gradio has one; an injected one would not be http(s)
    if (!/^https?:/.test(el.href)) bad.push(`base ${el.getAttribute("href")}`);
  }
  for (const a of document.querySelectorAll("a[href]")) {
    if (!["http:", "https:"].includes(a.protocol)) bad.push(`link ${a.getAttribute("href")}`);
  }
  return {xss: window.__xss ?? null, hits: window.__hits || [], bad};
}"""


def _write_jsonl(path: Path, articles: list[dict]) -> Path:
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sec_assistant(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xss-articles")
    assistant = Assistant(tmp_path_factory.mktemp("xss-index"))
    stats = assistant.ingest([_write_jsonl(folder / "xss.jsonl", ARTICLES)])
    assert stats.ok and stats.per_source, [str(e) for e in stats.errors]
    assistant.ask(QUESTIONS["xss-url"])  # warm the models before the browser's timeouts start
    return assistant


@pytest.fixture(scope="module")
def upload_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("gradio-uploads")


@pytest.fixture(scope="module")
def sec_app(sec_assistant, upload_dir):
    """The app over the payload index, uploads limited to UPLOAD_LIMIT_MB and kept in `upload_dir`."""
    old = os.environ.get("GRADIO_TEMP_DIR")
    os.environ["GRADIO_TEMP_DIR"] = str(upload_dir)  # read at launch and again on every upload check
    try:
        # the test pages are served on 127.0.0.1 (SSRF refusals: tests/test_ssrf.py)
        app = ui.build_app(sec_assistant, max_upload_mb=UPLOAD_LIMIT_MB, allow_private_urls=True)
        url = ui.launch(app, port=free_port(), block=False)
        yield app, url
        app.close()
    finally:
        if old is None:
            os.environ.pop("GRADIO_TEMP_DIR", None)
        else:
            os.environ["GRADIO_TEMP_DIR"] = old


@pytest.fixture(scope="module")
def sec_url(sec_app):
    return sec_app[1]


class Watched:
    """A page with dialogs, window.open and stray requests recorded."""

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1440, "height": 960}, locale="vi-VN")
        self.context.add_init_script(INIT_SCRIPT)
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("popup", lambda p: self.dialogs.append("popup " + p.url))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(url)
        self.page.wait_for_selector("#civic-question textarea")
        self.origin = url.rstrip("/")

    def assert_clean(self, where: str = "") -> None:
        self.page.wait_for_timeout(300)  # let handlers (onload/onerror/ontoggle/autofocus) fire
        state = self.page.evaluate(CHECK_JS)
        assert state["xss"] is None, f"{where}: payload ran: {state['xss']}"
        assert state["hits"] == [] and self.dialogs == [], f"{where}: {state['hits']} {self.dialogs}"
        assert state["bad"] == [], f"{where}: {state['bad']}"
        stray = [u for u in self.requests if u.rstrip("/").endswith("/x") or "example.vn" in u
                 or not u.startswith((self.origin, "data:", "blob:"))]
        assert stray == [], f"{where}: injected element fetched {stray}"


@pytest.fixture
def watched(browser, sec_url):
    w = Watched(browser, sec_url)
    yield w
    w.context.close()


def _ask(page, question: str, n_answers: int) -> str:
    """Ask in the chat; wait for the n-th answer and its sources panel; return the answer's text."""
    box = page.locator("#civic-question textarea")
    box.fill(question)
    box.press("Enter")
    page.locator('#civic-chat [data-testid="bot"]').nth(n_answers - 1).wait_for()
    page.wait_for_function(
        "([n]) => { const b = document.querySelectorAll('#civic-chat [data-testid=\"bot\"]'); "
        "const s = document.querySelector('#civic-sources').innerText; "
        "return b.length >= n && !s.includes('Đang tìm') && !s.includes('Đặt câu hỏi'); }", arg=[n_answers])
    page.wait_for_timeout(200)
    return page.locator('#civic-chat [data-testid="bot"]').nth(n_answers - 1).inner_text()


def _norm(text: str) -> str:
    return " ".join(text.split())


@needs_browser
def test_control_the_checks_catch_an_injection(watched):
    """The browser does run injected handlers and does fetch injected images, so a clean result
    below means the payloads were inert, not that the checks were blind."""
    page = watched.page
    page.evaluate("() => document.body.insertAdjacentHTML('beforeend', "
                  "'<img id=\"ctl\" src=\"x\" onerror=\"window.__xss=1; alert(2)\"><a id=\"ctl2\" href=\"javascript:1\">x</a>')")
    page.wait_for_function("() => window.__xss === 1")
    with pytest.raises(AssertionError):
        watched.assert_clean()
    page.evaluate("() => { document.getElementById('ctl').remove(); document.getElementById('ctl2').remove(); "
                  "window.__xss = undefined; window.__hits = []; }")


# --- payloads in the chat and the sources panel --------------------------------------------------
@needs_browser
def test_payload_articles_render_as_text_in_answers_and_sources(watched, sec_assistant):
    page = watched.page
    panels = {}
    for n, (aid, question) in enumerate(QUESTIONS.items(), start=1):
        answer = _ask(page, question, n)
        article = BY_ID[aid]
        expected = sec_assistant.ask(question)
        assert not expected.abstained and expected.citations[0].article_id == aid, expected.answer
        assert "[1]" in answer
        card = page.locator("#civic-sources .civic-source").first
        title = card.locator(".civic-title").inner_text()
        assert _norm(article["title"]) in _norm(title), (aid, title)  # the title, as text
        meta = card.locator(".civic-meta").inner_text()
        assert _norm(article["source"]) in _norm(meta), (aid, meta)
        quote = card.locator(".civic-para mark").inner_text()
        assert _norm(quote) == _norm(expected.citations[0].quote)
        shown = page.locator("#civic-chat").inner_text() + page.locator("#civic-sources").inner_text()
        for fragment in SHOWN[aid]:
            assert _norm(fragment) in _norm(shown), (aid, fragment)
        link = ui.safe_url(article["url"])
        anchors = card.locator("a")
        if link:  # http(s): linked, percent-encoded, nothing left to break out of href="…"
            assert anchors.count() == 2
            for i in range(2):
                href = anchors.nth(i).get_attribute("href")
                assert href == link and not set(href) & set("\"'<> ()")
        else:  # javascript:/data: URLs are shown as text, never as a link
            assert anchors.count() == 0
            assert _norm(article["url"]) in _norm(card.locator(".civic-nourl").inner_text())
        assert page.locator("#civic-chat").is_visible()  # the injected <style> hid nothing
        panels[n] = page.locator("#civic-sources").inner_text()
        watched.assert_clean(f"answer to {aid}")
    # a question that is itself a payload is echoed as text; so is its condensed form
    payload_question = f"<img src=x onerror={xss('q-img')}>[a](javascript:{xss('q-md')}) " + QUESTIONS["xss-html"]
    _ask(page, payload_question, len(QUESTIONS) + 1)
    user = page.locator('#civic-chat [data-testid="user"]').last.inner_text()
    assert f"<img src=x onerror={xss('q-img')}>[a](javascript:{xss('q-md')})" in user
    watched.assert_clean("payload question")
    # clicking an earlier answer brings its sources panel back, still inert
    page.locator('#civic-chat [data-testid="bot"]').nth(2).click()
    page.wait_for_function("([t]) => document.querySelector('#civic-sources').innerText === t", arg=[panels[3]])
    watched.assert_clean("restored panel")


@needs_browser
def test_payload_source_filter_and_error_toast(watched):
    page = watched.page
    source = BY_ID["xss-html"]["source"]
    # the source dropdown lists the payload source as text; filtering by it names it, as text
    page.locator("#civic-source input").first.click()
    option = page.get_by_role("option").filter(has_text="Thử nghiệm").first
    option.wait_for()
    assert _norm(option.inner_text()) == _norm(source)
    option.click()
    page.keyboard.press("Escape")
    watched.assert_clean("source dropdown")
    _ask(page, QUESTIONS["xss-html"], 1)
    filters = page.locator("#civic-sources .civic-filters").inner_text()
    assert source in filters
    assert page.locator("#civic-sources .civic-source").count() >= 1
    watched.assert_clean("filtered answer")
    # an invalid date is quoted back in an error toast: as text (Gradio renders toasts as HTML)
    bad_date = f"<img src=x onerror={xss('toast')}><b>đậm</b><a href='https://evil.example/'>link</a>"
    page.locator("#civic-date-from input, #civic-date-from textarea").first.fill(bad_date)
    page.locator("#civic-question textarea").fill(QUESTIONS["xss-html"])
    page.locator("#civic-send").click()
    toast = page.locator('[data-testid="toast-text"]').first
    toast.wait_for()
    assert bad_date in toast.inner_text()
    assert toast.locator("img, b, a").count() == 0
    watched.assert_clean("error toast")


# --- payloads in the explorer ----------------------------------------------------------------------
@needs_browser
@pytest.mark.skipif(not hasattr(Assistant, "pacts"), reason="the pacts/participants/themes API has not landed")
def test_payloads_in_explorer_tables_links_and_record_view(watched):
    page = watched.page
    page.get_by_role("tab", name="Khám phá").click()
    page.wait_for_function("() => (document.querySelector('#civic-pacts')?.innerText || '').includes('Hưng Đạo')")
    pacts = page.locator("#civic-pacts").inner_text()
    for aid in ("xss-html", "xss-breakout", "xss-url"):
        assert _norm(BY_ID[aid]["title"])[:60] in _norm(pacts), aid  # article titles, as text
    # the Markdown "Liên kết" column: only http(s) links, percent-encoded
    links = page.locator("#civic-pacts a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs and all(h.startswith("https://example.vn/") for h in hrefs), hrefs
    assert ui.safe_url(BY_ID["xss-breakout"]["url"]) in hrefs and ui.safe_url(BY_ID["xss-url"]["url"]) in hrefs
    watched.assert_clean("pacts table")
    page.get_by_role("tab", name="Chủ đề").click()
    page.wait_for_function("() => (document.querySelector('#civic-themes')?.innerText || '').includes('Đổi mới')")
    assert f"<img src=x onerror=\"{xss('x-theme')}\">Đoàn kết – Đổi mới" in page.locator("#civic-themes").inner_text()
    watched.assert_clean("themes table")
    page.get_by_role("tab", name="Thành phần").click()
    page.wait_for_function("() => (document.querySelector('#civic-participants')?.innerText || '').includes('Yên Lạc')")
    watched.assert_clean("participants table")
    page.get_by_role("tab", name="Giao ước").click()
    for query, aid, place in (("yen lac", "xss-breakout", "Yên Lạc"), ("hung dao", "xss-html", "Hưng Đạo")):
        search = page.locator("#civic-explore-query textarea, #civic-explore-query input").first
        search.fill(query)
        search.press("Enter")
        page.wait_for_function("([t]) => { const rows = document.querySelectorAll('#civic-pacts .virtual-row'); "
                               "return rows.length === 1 && rows[0].innerText.includes(t); }", arg=[place])
        page.locator("#civic-pacts .virtual-row").first.locator(".body-cell").nth(1).click()
        page.wait_for_function("([t]) => document.querySelector('#civic-record').innerText.includes(t)",
                               arg=[BY_ID[aid]["title"][-20:]])
        record = page.locator("#civic-record").inner_text()
        assert _norm(BY_ID[aid]["title"]) in _norm(record)
        watched.assert_clean(f"record view of {aid}")


# --- payloads through the upload tab ---------------------------------------------------------------
@needs_browser
def test_upload_payload_file_names_titles_and_urls(watched, tmp_path, http_server, sec_assistant):
    page = watched.page
    named = tmp_path / f"\"><img src=x onerror={xss('up-name')}>'.txt"
    named.write_text(f"<svg onload={xss('up-title')}>Chi bộ thôn Đông Xá sinh hoạt chuyên đề\n\n"
                     "Tháng 4/2024, Chi bộ thôn Đông Xá tổ chức 3 buổi sinh hoạt chuyên đề "
                     f"<img src=x onerror={xss('up-text')}> về học tập và làm theo tư tưởng, đạo đức, "
                     "phong cách Hồ Chí Minh.\n", encoding="utf-8")
    jsonl = _write_jsonl(tmp_path / "nguon.jsonl", [{
        "id": "xss-upload-source", "title": "Hội Khuyến học xã Đông Xá trao học bổng", "date": "2024-05-01",
        "source": f"<img src=x onerror={xss('up-source')}>Báo Tải lên", "url": f"javascript:{xss('up-url')}",
        "text": "Năm học 2023–2024, Hội Khuyến học xã Đông Xá trao 27 suất học bổng cho học sinh nghèo vượt khó."}])
    base, _www = http_server
    missing = f"{base}/<svg onload={xss('up-404')}>.html"
    page.get_by_role("tab", name="Nạp dữ liệu").click()
    page.locator("#civic-urls textarea").fill(f"{missing}\njavascript:{xss('up-jsurl')}")
    page.locator("#civic-files input[type=file]").set_input_files([str(named), str(jsonl)])
    page.wait_for_function("() => document.querySelector('#civic-files').innerText.includes('nguon')")
    watched.assert_clean("file list")
    page.locator("#civic-ingest").click()
    page.wait_for_function("() => document.querySelector('#civic-ingest-table').innerText.includes('nguon.jsonl')",
                           timeout=120_000)
    rows = {}
    for row in page.locator("#civic-ingest-table .virtual-row").all():
        cells = [cell.inner_text().strip() for cell in row.locator(".body-cell").all()]
        rows[cells[0]] = cells
    stored_name = next(name for name in rows if "onerror" in name and name.endswith(".txt"))
    assert "<" not in stored_name and ">" not in stored_name  # Gradio drops <>:"/\|?* from upload names
    assert rows[stored_name][1] == "1" and rows["nguon.jsonl"][1] == "1", rows
    assert rows[missing][4] == "1" and "404" in rows[missing][5], rows  # shown as text
    assert rows[f"javascript:{xss('up-jsurl')}"][4] == "1", rows
    watched.assert_clean("upload result table")
    # the uploaded payloads now surface in answers and in the source dropdown
    page.get_by_role("tab", name="Hỏi đáp").click()
    _ask(page, "Chi bộ thôn Đông Xá tổ chức bao nhiêu buổi sinh hoạt chuyên đề?", 1)
    card = page.locator("#civic-sources .civic-source").first
    assert f"<svg onload={xss('up-title')}>Chi bộ thôn Đông Xá" in card.inner_text()
    _ask(page, "Hội Khuyến học xã Đông Xá trao bao nhiêu suất học bổng?", 2)
    card = page.locator("#civic-sources .civic-source").first
    assert f"<img src=x onerror={xss('up-source')}>Báo Tải lên" in card.inner_text()
    assert card.locator("a").count() == 0
    page.locator("#civic-source input").first.click()
    page.get_by_role("option", name="Báo Tải lên", exact=False).first.wait_for()
    watched.assert_clean("uploaded payloads")


# --- upload size limit and file names --------------------------------------------------------------
@needs_browser
def test_upload_over_the_limit_is_refused_in_the_browser(watched, tmp_path, sec_assistant):
    page = watched.page
    big = tmp_path / "qua-lon.txt"
    big.write_text("Tiêu đề\n\n" + "chữ " * int(UPLOAD_LIMIT_MB * 1024 * 1024 / 4 + 1000), encoding="utf-8")
    before = sec_assistant.stats()["articles"]
    page.get_by_role("tab", name="Nạp dữ liệu").click()
    assert f"{UPLOAD_LIMIT_MB:g} MB" in page.locator("#civic-tab-upload").inner_text()
    page.locator("#civic-files input[type=file]").set_input_files([str(big)])
    toast = page.locator('[data-testid="toast-text"]').first
    toast.wait_for()
    message = toast.inner_text()
    assert "maximum" in message.lower() or "quá lớn" in message.lower(), message
    assert "qua-lon" not in page.locator("#civic-files").inner_text()  # not accepted
    assert sec_assistant.stats()["articles"] == before
    watched.assert_clean("over-limit upload")


def test_upload_inputs_reject_over_a_custom_limit(tmp_path):
    """The ingest step applies the app's limit too (a file that reached the server some other way)."""
    f = tmp_path / "bai.txt"
    f.write_bytes(b"T\n\n" + b"x" * 300_000)
    inputs, _names, rejected = ui._upload_inputs([str(f)], "", max_mb=0.25)
    assert inputs == [] and "quá lớn" in rejected[0][5] and "giới hạn 0.25 MB" in rejected[0][5]
    assert ui._upload_inputs([str(f)], "")[0] == [str(f)]  # under the default 50 MB


def _post_upload(url: str, name: str, data: bytes, **kwargs):
    import httpx

    return httpx.post(f"{url}/gradio_api/upload", files=[("files", (name, data, "text/plain"))], timeout=60, **kwargs)


def test_server_refuses_a_direct_upload_over_the_limit(sec_url):
    limit = int(UPLOAD_LIMIT_MB * 1024 * 1024)
    over = _post_upload(sec_url, "lon.txt", b"x" * (limit + 1))
    assert over.status_code == 413, (over.status_code, over.text)
    assert "maximum allowed size" in over.text
    ok = _post_upload(sec_url, "nho.txt", b"x" * (limit - 1024))
    assert ok.status_code == 200 and len(ok.json()) == 1


def test_upload_names_cannot_leave_the_upload_folder(sec_app, upload_dir, tmp_path):
    _app, url = sec_app
    marker = f"civic-escape-{os.getpid()}"
    names = [f"../../{marker}.txt", f"..\\..\\{marker}.txt", f"/tmp/{marker}.txt", f"....//....//{marker}.txt",
             f"%2e%2e%2f{marker}.txt", f"..%2F..%2F{marker}.txt", f"sub/../../{marker}.txt"]
    root = upload_dir.resolve()
    for name in names:
        response = _post_upload(url, name, b"Tieu de\n\nnoi dung")
        assert response.status_code in (200, 400), (name, response.status_code)
        if response.status_code == 200:
            for stored in response.json():
                path = Path(stored).resolve()
                assert path.is_relative_to(root), (name, stored)  # inside Gradio's upload folder
                assert "/" not in path.name and ".." not in path.relative_to(root).parts, (name, stored)
    for folder in {root.parent, root.parent.parent, Path("/tmp"), tmp_path, ROOT}:
        assert not list(folder.glob(f"*{marker}*")), folder


# --- binding and login -----------------------------------------------------------------------------
def _other_address() -> str | None:
    """A non-loopback IPv4 address of this machine, if it has one."""
    try:
        import psutil
    except ImportError:  # pragma: no cover
        return None
    for addrs in psutil.net_if_addrs().values():
        for a in addrs:
            if a.family == socket.AF_INET and not a.address.startswith("127."):
                return a.address
    return None


def _listening(port: int, pid: int | None = None) -> set[str]:
    """The local addresses listening on `port` (in process `pid`, or any)."""
    import psutil

    conns = psutil.Process(pid).net_connections(kind="inet") if pid else psutil.net_connections(kind="inet")
    return {c.laddr.ip for c in conns if c.status == psutil.CONN_LISTEN and c.laddr.port == port}


def test_launch_binds_loopback_unless_told_otherwise(sec_assistant):
    pytest.importorskip("psutil")
    other = _other_address()
    app = ui.build_app(sec_assistant)
    port = free_port()
    ui.launch(app, port=port, block=False)  # no host given
    try:
        assert _listening(port, os.getpid()) == {"127.0.0.1"}
        assert connects("127.0.0.1", port)
        if other:
            assert not connects(other, port), f"reachable on {other}"
    finally:
        app.close()
    app = ui.build_app(sec_assistant)
    port = free_port()
    ui.launch(app, host="0.0.0.0", port=port, block=False)  # told otherwise: every interface
    try:
        assert _listening(port, os.getpid()) == {"0.0.0.0"}
        if other:
            assert connects(other, port)
    finally:
        app.close()


def test_cli_serve_binds_loopback_and_requires_login(tmp_path):
    pytest.importorskip("psutil")
    import httpx
    from gradio_client import Client
    from gradio_client.exceptions import AuthenticationError

    port = free_port()
    proc = start_civic_serve(tmp_path / "index", port, tmp_path / "uploads", "--auth", "civic:mật-khẩu:có-dấu-hai-chấm",
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_port(proc, port, 180, lambda: proc.stderr.read()[-2000:])
        url = f"http://127.0.0.1:{port}"
        assert _listening(port, proc.pid) == {"127.0.0.1"}  # no --host: loopback only
        other = _other_address()
        if other:
            assert not connects(other, port)
        # anonymous: the login page, and 401 for the config, the API, uploads and files
        page = httpx.get(url, timeout=30)
        assert page.status_code == 200 and '"auth_required":true' in page.text.replace(" ", "")
        assert "Đăng nhập" in page.text
        for method, path in [("GET", "/config"), ("GET", "/gradio_api/info"), ("POST", "/gradio_api/call/chat"),
                             ("POST", "/gradio_api/queue/join"), ("POST", "/gradio_api/upload"),
                             ("GET", "/gradio_api/file=/etc/passwd")]:
            r = httpx.request(method, url + path, json={"data": ["câu hỏi"]} if method == "POST" else None, timeout=30)
            assert r.status_code in (401, 403), (path, r.status_code, r.text[:200])
        with pytest.raises(AuthenticationError):
            Client(url, **QUIET_CLIENT)
        with pytest.raises(ValueError, match="Could not login"):  # a wrong password
            Client(url, auth=("civic", "mật-khẩu"), **QUIET_CLIENT)  # the password holds a ':' too
        login = httpx.post(f"{url}/login", data={"username": "civic", "password": "sai"}, timeout=30)
        assert login.status_code in (400, 401) and "access-token" not in login.cookies
        client = Client(url, auth=("civic", "mật-khẩu:có-dấu-hai-chấm"), **QUIET_CLIENT)
        answer = client.predict("Khối thi đua Nội chính gồm những đơn vị nào?", api_name="/chat")
        assert answer.startswith(ui.ABSTAIN_PREFIX)  # an empty index: answered, and honestly
    finally:
        stop(proc)
