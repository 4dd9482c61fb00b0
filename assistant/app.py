"""The Gradio web UI: cited chat with a sources panel, filters, upload, and an explorer of the
extracted pacts, participants and themes.

It calls only the public `Assistant` API, like the CLI does. Everything that comes from an
article (title, source, URL, text) is escaped before it reaches the page: the sources panel is
HTML built here with `html.escape`, and chat messages are Markdown whose HTML and Markdown
syntax characters are escaped (the Chatbot also sanitises).

    from assistant import Assistant
    from assistant.app import build_app, serve
    serve(Assistant("var/demo-index"))          # http://127.0.0.1:7860

API (gradio_client): `/chat` (message, history, sources, date_from, date_to) -> answer text;
`/ask` (same inputs) -> the `Answer` as a dict with its citations.
"""
from __future__ import annotations

import html
import os
import queue
import re
import threading
import time
import traceback
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from .config import quiet_third_parties

quiet_third_parties()

import gradio as gr  # noqa: E402

MAX_UPLOAD_MB = 50
UPLOAD_TYPES = (".jsonl", ".ndjson", ".txt", ".md", ".markdown", ".html", ".htm", ".xhtml")
PARAGRAPH_CAP = 600  # characters of context shown around a quote
ABSTAIN_PREFIX = "Không tìm thấy"
EXAMPLES = [
    "Khối thi đua Nội chính gồm những đơn vị nào?",
    "Chủ đề của giao ước thi đua năm 2022 là gì?",
    "Ai là Phó Trưởng ban Thi đua – Khen thưởng tỉnh?",
    "khoi thi dua noi chinh ky giao uoc ngay nao?",
]

# --- escaping --------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~$])")
_MD_ORDERED = re.compile(r"^(\s*\d+)\.", re.M)
_MARKER = re.compile(r"\\\[(\d+)\\\]")


def md_escape(text: str) -> str:
    """Text → Markdown that renders as exactly that text: HTML is escaped (`<script>` shows as
    text), Markdown syntax is backslash-escaped; line breaks and "- " bullets still work."""
    text = _MD_SPECIAL.sub(r"\\\1", text or "")
    text = _MD_ORDERED.sub(r"\1\\.", text)
    return html.escape(text, quote=False)


def answer_markdown(text: str) -> str:
    """An answer's text for the Chatbot: escaped, with its `[n]` markers in bold."""
    return _MARKER.sub(r"**\\[\1\\]**", md_escape(text))


def _esc(value: Any) -> str:
    """HTML-escape, and also the characters that template engines treat specially."""
    return (html.escape(str(value if value is not None else ""), quote=True)
            .replace("{", "&#123;").replace("}", "&#125;").replace("$", "&#36;").replace("`", "&#96;"))


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, percent-encoded so it cannot break out of an
    attribute or a Markdown link; otherwise None."""
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url, safe=":/?#@!&*+,;=%~-._")


def _host(url: str) -> str:
    try:
        return urlsplit(url).netloc
    except ValueError:
        return url


def toast_text(text: str) -> str:
    """A message for `gr.Error` / `gr.Warning`: Gradio's toasts render their message as
    (sanitised) HTML, so text that may carry user or article input is escaped first."""
    return html.escape(str(text), quote=False)


def format_date(value: str | None) -> str:
    """ISO `YYYY-MM-DD` → `15/03/2022`; anything else unchanged."""
    if not value:
        return ""
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value[:10])
    return f"{m.group(3)}/{m.group(2)}/{m.group(1)}" if m else value


# --- filters ---------------------------------------------------------------------------------
def parse_date(value: str | None, *, end: bool = False) -> str | None:
    """`YYYY-MM-DD`, `DD/MM/YYYY`, `YYYY-MM` or `YYYY` → ISO date (`end` picks the last day);
    empty → None; anything else raises ValueError with a Vietnamese message."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value):
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value):
            return date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", value):
            year, month = int(m[1]), int(m[2])
            if not end:
                return date(year, month, 1).isoformat()
            following = date(year + (month == 12), month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1).isoformat()
        if m := re.fullmatch(r"\d{4}", value):
            return f"{value}-12-31" if end else f"{value}-01-01"
    except ValueError:
        pass
    raise ValueError(f"Ngày không hợp lệ: “{value}” (dùng dạng YYYY-MM-DD hoặc DD/MM/YYYY).")


def make_filters(sources: list[str] | str | None, date_from: str | None, date_to: str | None) -> dict | None:
    """The `filters` dict for `Assistant.ask` from the UI's inputs (None when nothing is set)."""
    if isinstance(sources, str):
        sources = [sources] if sources.strip() else []
    sources = [s for s in (sources or []) if s]
    filters = {"source": sources or None, "date_from": parse_date(date_from),
               "date_to": parse_date(date_to, end=True)}
    if filters["date_from"] and filters["date_to"] and filters["date_from"] > filters["date_to"]:
        raise ValueError("“Từ ngày” phải trước “Đến ngày”.")
    return filters if any(filters.values()) else None


def describe_filters(filters: dict | None) -> str:
    if not filters:
        return ""
    parts = []
    if filters.get("source"):
        parts.append("nguồn: " + ", ".join(filters["source"]))
    if filters.get("date_from"):
        parts.append("từ " + format_date(filters["date_from"]))
    if filters.get("date_to"):
        parts.append("đến " + format_date(filters["date_to"]))
    return "; ".join(parts)


# --- sources panel -----------------------------------------------------------------------------
def paragraph_window(text: str, start: int, end: int, cap: int = PARAGRAPH_CAP) -> tuple[str, str, str]:
    """(before, quote, after): the paragraph (text between blank lines) around `text[start:end]`,
    trimmed to about `cap` characters around the quote, with "…" where text was cut."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    p_start = text.rfind("\n\n", 0, start)
    p_start = 0 if p_start < 0 else p_start + 2
    p_end = text.find("\n\n", end)
    p_end = len(text) if p_end < 0 else p_end
    before, after = text[p_start:start], text[end:p_end]
    room = max(0, cap - (end - start))
    keep_before = min(len(before), max(room // 2, room - len(after)))
    keep_after = min(len(after), room - keep_before)
    if keep_before < len(before):
        cut = before[len(before) - keep_before:]
        space = cut.find(" ")
        before = "…" + (cut[space + 1:] if 0 <= space < 30 else cut)
    if keep_after < len(after):
        cut = after[:keep_after]
        space = cut.rfind(" ")
        after = (cut[:space] if space > len(cut) - 30 else cut) + "…"
    return before, text[start:end], after


def source_card(n: int | str | None, *, title: str | None, date_: str | None, source: str | None,
                url: str | None, text: str | None, start: int, end: int, quote_: str = "",
                extra: str = "", date_inferred: bool = False) -> str:
    """One source as escaped HTML: title (linked when the URL is http/https), date, source, link,
    and the quote highlighted with <mark> in its paragraph."""
    link = safe_url(url)
    title_html = _esc(title or "(không có tiêu đề)")
    if link:
        title_html = f'<a href="{_esc(link)}" target="_blank" rel="noopener noreferrer nofollow">{title_html}</a>'
    shown_date = format_date(date_) + (" (ngày suy ra từ bài viết)" if date_inferred else "")
    meta = [f"<span>{_esc(shown_date)}</span>" if date_ else "<span>không rõ ngày</span>"]
    if source:
        meta.append(f"<span>{_esc(source)}</span>")
    if link:
        meta.append(f'<a href="{_esc(link)}" target="_blank" rel="noopener noreferrer nofollow">'
                    f"{_esc(_host(link))} ↗</a>")
    elif url:
        meta.append(f'<span class="civic-nourl">{_esc(url)}</span>')
    if text is not None and 0 <= start <= end <= len(text):
        before, quoted, after = paragraph_window(text, start, end)
    else:
        before, quoted, after = "", quote_, ""
    number = f'<span class="civic-n">[{_esc(n)}]</span> ' if n is not None else ""
    return (
        f'<div class="civic-source" id="civic-src-{_esc(n)}" data-n="{_esc(n)}">'
        f'<div class="civic-title">{number}{title_html}</div>'
        f'<div class="civic-meta">{" · ".join(meta)}{extra}</div>'
        f'<blockquote class="civic-para">{_esc(before)}<mark>{_esc(quoted)}</mark>{_esc(after)}</blockquote>'
        f"</div>"
    )


def _citation_card(assistant, citation) -> str:
    article = None
    try:
        article = assistant.article(citation.article_id)
    except Exception:  # the panel must render even if one article cannot be loaded
        article = None
    text = getattr(article, "text", None)
    if text is not None and text[citation.start:citation.end] != citation.quote:
        text = None
    return source_card(citation.n, title=citation.title, date_=citation.date, source=citation.source,
                       url=citation.url, text=text, start=citation.start, end=citation.end,
                       quote_=citation.quote, date_inferred=getattr(citation, "date_inferred", False))


def render_sources(assistant, answer, filters: dict | None = None) -> str:
    """The sources panel for one answer: its citations, or the closest passages when abstained."""
    shown = list(answer.citations) or list(getattr(answer, "see_also", []) or [])
    head = "Nguồn" if answer.citations else ("Có thể liên quan" if shown else "Không có nguồn")
    parts = [f'<div class="civic-sources"><div class="civic-head">{head}'
             + (f" <span class='civic-count'>{len(shown)}</span>" if shown else "") + "</div>"]
    if filters:
        parts.append(f'<div class="civic-filters">Bộ lọc — {_esc(describe_filters(filters))}</div>')
    if not shown:
        parts.append('<div class="civic-empty">Các bài viết (trong phạm vi bộ lọc) không có đoạn nào trả lời '
                     "câu hỏi này.</div>")
    parts.extend(_citation_card(assistant, c) for c in shown)
    timings = getattr(answer, "timings", {}) or {}
    total = timings.get("total") or sum(v for v in timings.values() if isinstance(v, (int, float)))
    condensed = getattr(answer, "condensed_question", None)
    foot = []
    if condensed and condensed != answer.question:
        foot.append(f"hiểu câu hỏi là: “{_esc(condensed)}”")
    if total:
        foot.append(f"trả lời trong {total:.1f} s")
    if foot:
        parts.append(f'<div class="civic-foot">{" · ".join(foot)}</div>')
    parts.append("</div>")
    return "".join(parts)


EMPTY_SOURCES = ('<div class="civic-sources"><div class="civic-head">Nguồn</div><div class="civic-empty">'
                 "Đặt câu hỏi để xem các bài viết được trích dẫn. Mỗi <b>[n]</b> trong câu trả lời ứng với một "
                 "nguồn ở đây, câu được trích dẫn được <mark>tô sáng</mark> trong đoạn văn của nó.</div></div>")
WORKING_SOURCES = ('<div class="civic-sources"><div class="civic-head">Nguồn</div>'
                   '<div class="civic-empty">Đang tìm trong các bài viết…</div></div>')


# --- upload ----------------------------------------------------------------------------------
UPLOAD_HEADERS = ["Tệp / URL", "Thêm", "Cập nhật", "Không đổi", "Lỗi", "Ghi chú"]


def _upload_inputs(files, urls: str, max_mb: float = MAX_UPLOAD_MB) -> tuple[list[str], dict[str, str], list[list]]:
    """(inputs to ingest, input → display name, rows for inputs rejected before reading: over
    `max_mb` megabytes, unsupported type, not an http(s) URL)."""
    inputs, names, rejected = [], {}, []
    for item in files or []:
        path = item if isinstance(item, str) else getattr(item, "name", None) or str(item)
        name = Path(path).name
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            rejected.append([name, 0, 0, 0, 1, f"Không đọc được tệp: {exc.strerror or exc}"])
            continue
        if size > max_mb * 1024 * 1024:
            rejected.append([name, 0, 0, 0, 1, f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB; giới hạn {_mb(max_mb)} MB)"])
            continue
        if Path(name).suffix.lower() not in UPLOAD_TYPES:
            rejected.append([name, 0, 0, 0, 1, "Định dạng không hỗ trợ (dùng " + ", ".join(UPLOAD_TYPES) + ")"])
            continue
        inputs.append(path)
        names[path] = name
    for line in (urls or "").splitlines():
        url = line.strip()
        if not url:
            continue
        if not safe_url(url):
            rejected.append([url, 0, 0, 0, 1, "Không phải địa chỉ http(s) hợp lệ"])
            continue
        inputs.append(url)
        names[url] = url
    return inputs, names, rejected


def _mb(value: float) -> str:
    return f"{value:g}"


def ingest_rows(stats, inputs: list[str], names: dict[str, str]) -> list[list]:
    """One result row per input: counts from `per_source` and the messages of its errors."""
    rows = []
    for inp in inputs:
        counts = stats.per_source.get(inp) or {"added": 0, "updated": 0, "unchanged": 0, "errors": 0}
        messages = []
        for error, source in zip(stats.errors, getattr(stats, "error_inputs", None) or [None] * len(stats.errors)):
            if source == inp or error.source == inp or str(error.source).startswith(inp.rstrip("/") + "/"):
                where = f"dòng {error.line}: " if error.line is not None else ""
                messages.append(where + error.message)
        n_errors = max(counts.get("errors", 0), len(messages))
        note = "; ".join(messages[:5]) + (f" (và {len(messages) - 5} lỗi khác)" if len(messages) > 5 else "")
        if not note:
            note = "OK" if any(counts.get(k) for k in ("added", "updated", "unchanged")) else "Không có bài viết nào"
        rows.append([names.get(inp, inp), counts.get("added", 0), counts.get("updated", 0),
                     counts.get("unchanged", 0), n_errors, note])
    return rows


# --- explorer --------------------------------------------------------------------------------
PACT_HEADERS = ["Loại", "Khối / cụm", "Tỉnh", "Ngày", "Các bên", "Chủ đề", "Bài viết", "Liên kết"]
PARTICIPANT_HEADERS = ["Tên", "Loại", "Chức vụ", "Tổ chức", "Tỉnh", "Số giao ước", "Bài viết", "Liên kết"]
THEME_HEADERS = ["Loại", "Nội dung", "Số hiệu", "Ngày", "Bài viết", "Liên kết"]
KIND_LABELS = {
    "organisation": "tổ chức", "bloc": "khối / cụm", "person": "cá nhân", "slogan": "khẩu hiệu",
    "campaign": "phong trào", "directive": "chỉ thị", "resolution": "nghị quyết", "decision": "quyết định",
    "law": "luật", "decree": "nghị định", "circular": "thông tư", "conclusion": "kết luận", "congress": "đại hội",
    "model": "mô hình", "programme": "chương trình", "program": "chương trình", "plan": "kế hoạch",
    "theme": "chủ đề",
}


def _kind(value: Any) -> str:
    return KIND_LABELS.get(str(value or ""), str(value or ""))


def _link_md(url: str | None) -> str:
    link = safe_url(url)
    return f"[Mở bài gốc ↗]({link})" if link else ""


def has_records(assistant) -> bool:
    return all(hasattr(assistant, name) for name in ("pacts", "participants", "themes"))


def explorer_tables(assistant, query: str | None, filters: dict | None) -> dict:
    """Rows (plain text, shown escaped by the Dataframe), the record spans behind each row, and
    the chart's (participant, number of pacts) pairs."""
    out: dict = {"pacts": [], "participants": [], "themes": [], "chart": [],
                 "spans": {"pacts": [], "participants": [], "themes": []}}
    if not has_records(assistant):
        return out
    query = (query or "").strip() or None
    pacts = list(assistant.pacts(query=query, filters=filters))
    participants = sorted(assistant.participants(query=query, filters=filters),
                          key=lambda r: (-int(r.get("pact_count") or 0), str(r.get("canonical") or r.get("name") or "")))
    themes = list(assistant.themes(query=query, filters=filters))
    cache: dict = {}

    def article_of(record: dict) -> tuple[str, str, str]:
        """(title, date, link) of the record's article, from the record or the catalog."""
        title, url, day = record.get("article_title"), record.get("article_url"), record.get("article_date")
        aid = record.get("article_id")
        if aid and not title:
            if aid not in cache:
                try:
                    cache[aid] = assistant.article(aid)
                except Exception:
                    cache[aid] = None
            article = cache[aid]
            title, url, day = (getattr(article, "title", None), getattr(article, "url", None),
                               getattr(article, "date", None))
        return str(title or aid or ""), str(day or ""), _link_md(url)

    def text(value: Any) -> str:
        return "" if value is None else str(value)

    for r in pacts:
        title, day, link = article_of(r)
        out["pacts"].append([text(r.get("kind")), text(r.get("bloc_canonical") or r.get("bloc")), text(r.get("province")),
                             format_date(r.get("date")) or text(r.get("year")) or format_date(day),
                             "; ".join(str(p) for p in r.get("parties") or []),
                             text(r.get("slogan") or r.get("topic")), title, link])
    for r in participants:
        title, _day, link = article_of(r)
        out["participants"].append([text(r.get("canonical") or r.get("name") or r.get("surface")), _kind(r.get("kind")),
                                    text(r.get("title") or r.get("position")),
                                    text(r.get("organisation_canonical") or r.get("organisation")), text(r.get("province")),
                                    int(r.get("pact_count") or 0), title, link])
    for r in themes:
        title, day, link = article_of(r)
        out["themes"].append([_kind(r.get("kind")), text(r.get("text") or r.get("surface")), text(r.get("number")),
                              format_date(r.get("date")) or format_date(day), title, link])
    for key, group in (("pacts", pacts), ("participants", participants), ("themes", themes)):
        out["spans"][key] = [(r.get("article_id"), r.get("start"), r.get("end"), text(r.get("surface"))) for r in group]
    best: dict[str, int] = {}
    for r in participants:
        name = r.get("canonical") or r.get("name") or r.get("surface")
        if name and r.get("kind") != "person":
            best[name] = max(best.get(name, 0), int(r.get("pact_count") or 0))
    out["chart"] = sorted(((n, c) for n, c in best.items() if c > 0), key=lambda x: (-x[1], x[0]))[:12]
    return out


def participants_chart(rows: list[tuple[str, int]]):
    """A horizontal bar chart of participants by number of pacts (matplotlib, thread-safe API)."""
    from matplotlib.figure import Figure

    height = 1.2 + 0.36 * max(len(rows), 1)
    fig = Figure(figsize=(8, height), dpi=100)
    ax = fig.add_subplot(111)
    if rows:
        names = [n if len(n) <= 48 else n[:47] + "…" for n, _ in rows][::-1]
        counts = [c for _, c in rows][::-1]
        bars = ax.barh(names, counts, color="#b91c1c")
        ax.bar_label(bars, padding=3, fontsize=9)
        ax.set_xlabel("Số giao ước tham gia")
        ax.xaxis.get_major_locator().set_params(integer=True)
    else:
        ax.text(0.5, 0.5, "Chưa có dữ liệu", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
    ax.set_title("Đơn vị tham gia nhiều giao ước nhất", fontsize=11, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


# --- the app ---------------------------------------------------------------------------------
CSS = """
.civic-sources { font-size: 0.94rem; line-height: 1.5; }
.civic-head { font-weight: 600; font-size: 1.05rem; margin: 2px 0 8px; }
.civic-count { display: inline-block; min-width: 1.4em; padding: 0 6px; border-radius: 9px; font-size: 0.8rem;
  text-align: center; background: var(--color-accent-soft); color: var(--color-accent); }
.civic-filters { font-size: 0.85rem; color: var(--body-text-color-subdued); margin-bottom: 8px; }
.civic-source { border: 1px solid var(--border-color-primary); border-radius: 10px; padding: 10px 12px;
  margin-bottom: 10px; background: var(--background-fill-primary); }
.civic-title { font-weight: 600; }
.civic-title a { color: inherit; text-decoration: none; }
.civic-title a:hover { text-decoration: underline; }
.civic-n { color: var(--color-accent); font-weight: 700; }
.civic-meta { font-size: 0.82rem; color: var(--body-text-color-subdued); margin: 2px 0 6px; }
.civic-meta > * + *::before { content: ""; }
.civic-meta a { color: var(--link-text-color); }
.civic-para { margin: 0; padding: 6px 10px; border-left: 3px solid var(--color-accent);
  background: var(--background-fill-secondary); border-radius: 0 6px 6px 0; white-space: pre-wrap;
  overflow-wrap: anywhere; }
.civic-para mark { background: #fde68a; color: #1f2937; padding: 1px 2px; border-radius: 3px; }
.civic-empty, .civic-foot { color: var(--body-text-color-subdued); font-size: 0.88rem; }
.civic-foot { margin-top: 4px; }
#civic-status { font-size: 0.85rem; color: var(--body-text-color-subdued); }
#civic-sources-box { max-height: 720px; overflow-y: auto; }
.civic-table, .civic-table * { --font-mono: var(--font); }
.civic-table .cell-wrap { font-size: 0.88rem; }
"""


def _theme():
    font = ["Noto Sans", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"]  # system fonts only: no CDN
    mono = ["Noto Sans Mono", "DejaVu Sans Mono", "monospace"]
    return gr.themes.Soft(primary_hue="red", secondary_hue="amber", neutral_hue="slate", font=font, font_mono=mono)


def _status_line(assistant) -> str:
    try:
        s = assistant.stats()
    except Exception:
        return ""
    return (f"Chỉ mục: **{s.get('articles', 0)}** bài viết · {s.get('chunks', 0)} đoạn · "
            f"{len(s.get('sources') or [])} nguồn · mô hình {md_escape(str(s.get('embedding_model', '')))}")


def _sources_of(assistant) -> list[str]:
    try:
        return list(assistant.stats().get("sources") or [])
    except Exception:
        return []


_END = object()


def locked_stream(lock, make_stream) -> Iterator[Any]:
    """The items of `make_stream()`, produced on a worker thread that holds `lock` for the whole
    stream and hands them over through a queue.

    Gradio runs each step of a synchronous generator on whichever worker thread is free, so a
    lock held across `yield` would be taken on one thread and released on another ("cannot
    release un-acquired lock", and the lock stays taken: every later chat hangs), or re-entered
    by another request that lands on the owning thread. Here the lock is taken and released on
    one thread, which also finishes (and releases) when the browser goes away mid-answer."""
    items: queue.Queue = queue.Queue()

    def run() -> None:
        try:
            with lock:
                for item in make_stream():
                    items.put((True, item))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the consumer
            items.put((False, exc))
        else:
            items.put((False, _END))

    threading.Thread(target=run, name="civic-chat", daemon=True).start()
    while True:
        ok, value = items.get()
        if ok:
            yield value
        elif value is _END:
            return
        else:
            raise value


def build_app(assistant, *, max_upload_mb: float = MAX_UPLOAD_MB) -> gr.Blocks:
    """The Blocks app over an open `Assistant` (launch it with `serve`); uploads larger than
    `max_upload_mb` megabytes are refused (by the server, the browser and the ingest step)."""
    lock = threading.RLock()  # one assistant call at a time (it shares models and the index)

    def ask(question: str, history: list[str] | None, filters: dict | None):
        with lock:
            return assistant.ask(question, history=history or [], filters=filters)

    # --- chat --------------------------------------------------------------------------------
    def respond(message, chat, questions, panels, sources, date_from, date_to):
        message = (message or "").strip()
        chat, questions, panels = list(chat or []), list(questions or []), dict(panels or {})
        if not message:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        try:
            filters = make_filters(sources, date_from, date_to)
        except ValueError as exc:
            raise gr.Error(toast_text(exc), title="Bộ lọc") from None
        chat.append({"role": "user", "content": md_escape(message)})
        yield chat, "", questions, panels, WORKING_SOURCES
        chat.append({"role": "assistant", "content": ""})
        answer, text = None, ""
        try:
            # Pieces of the verified answer as they come (LLM mode: sentences that passed the
            # citation checks; extractive mode: the finished answer in small pieces).
            stream = locked_stream(lock, lambda: assistant.ask_stream(message, history=questions, filters=filters))
            for item in stream:
                if isinstance(item, str):
                    text += item
                    chat[-1] = {"role": "assistant", "content": answer_markdown(text)}
                    yield chat, "", questions, panels, gr.skip()
                    time.sleep(0.015)
                else:
                    answer = item
        except Exception as exc:  # say what went wrong in the chat; the app stays usable
            traceback.print_exc()
            chat[-1] = {"role": "assistant", "content": md_escape(f"Lỗi khi trả lời: {exc}")}
            yield chat, "", questions, panels, EMPTY_SOURCES
            return
        if answer is None:
            chat[-1] = {"role": "assistant", "content": md_escape("Lỗi khi trả lời: không có câu trả lời.")}
            yield chat, "", questions, panels, EMPTY_SOURCES
            return
        with lock:
            panel = render_sources(assistant, answer, filters)
        panels[str(len(chat) - 1)] = panel
        chat[-1] = {"role": "assistant", "content": answer_markdown(answer.answer)}
        yield chat, "", questions + [message], panels, panel

    def show_panel(panels, evt: gr.SelectData):
        index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
        panel = (panels or {}).get(str(index))
        return panel if panel else gr.skip()

    def pick_example(evt: gr.SelectData):
        value = evt.value
        return value.get("text", "") if isinstance(value, dict) else str(value or "")

    def new_chat():
        return [], "", [], {}, EMPTY_SOURCES

    # --- API -----------------------------------------------------------------------------------
    def chat_api(message: str, history: list[str] | None = None, sources: list[str] | None = None,
                 date_from: str | None = None, date_to: str | None = None) -> str:
        """Answer `message` from the articles. `history`: the previous questions of the conversation
        (oldest first); `sources`, `date_from`, `date_to` (YYYY-MM-DD) restrict the articles.
        Returns the answer text with [n] markers (use /ask for the citations)."""
        return api_answer(message, history, sources, date_from, date_to).answer

    def ask_api(message: str, history: list[str] | None = None, sources: list[str] | None = None,
                date_from: str | None = None, date_to: str | None = None) -> dict:
        """Like /chat, but returns the whole Answer: answer, abstained, short_answer, citations
        [{n, article_id, title, date, source, url, quote, start, end, score}], see_also, timings."""
        return api_answer(message, history, sources, date_from, date_to).to_dict()

    def api_answer(message, history, sources, date_from, date_to):
        if not (message or "").strip():
            raise gr.Error("Câu hỏi trống.")
        try:
            filters = make_filters(sources, date_from, date_to)
        except ValueError as exc:
            raise gr.Error(str(exc)) from None
        return ask(message.strip(), history, filters)

    # --- upload --------------------------------------------------------------------------------
    def do_ingest(files, urls, progress=gr.Progress()):
        inputs, names, rows = _upload_inputs(files, urls, max_upload_mb)
        if not inputs and not rows:
            gr.Warning("Chưa chọn tệp hoặc URL nào.")
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        if inputs:
            done = 0

            def on_article(_article_id: str) -> None:
                nonlocal done
                done += 1
                progress((done, None), desc=f"Đang nạp bài viết… ({done} bài)", unit="bài")

            progress(0, desc=f"Đang đọc {len(inputs)} tệp / URL…")
            try:
                with lock:
                    stats = assistant.ingest(inputs, progress=on_article)
            except Exception as exc:  # keep the UI alive; say what failed
                raise gr.Error(toast_text(f"Không nạp được: {exc}"), title="Lỗi nạp dữ liệu") from None
            rows = ingest_rows(stats, inputs, names) + rows
            seconds = stats.seconds
        else:
            seconds = 0.0
        added, updated, unchanged, n_errors = (sum(int(r[i]) for r in rows) for i in (1, 2, 3, 4))
        summary = (f"**{added}** bài mới, **{updated}** cập nhật, **{unchanged}** không đổi, "
                   f"**{n_errors}** lỗi ({seconds:.1f} s).")
        if n_errors and (added or updated or unchanged):
            summary += " Các tệp lỗi được liệt kê bên dưới; những tệp khác đã được nạp."
        sources = _sources_of(assistant)
        return rows, summary, gr.update(choices=sources), _status_line(assistant)

    # --- explorer ------------------------------------------------------------------------------
    def explore(query, sources, date_from, date_to):
        if not has_records(assistant):
            note = ("Chức năng trích xuất giao ước chưa có trong phiên bản này: các bảng đang trống.")
            return [], [], [], participants_chart([]), note, {}
        try:
            filters = make_filters(sources, date_from, date_to)
        except ValueError as exc:
            raise gr.Error(toast_text(exc), title="Bộ lọc") from None
        with lock:
            data = explorer_tables(assistant, query, filters)
        note = (f"{len(data['pacts'])} giao ước · {len(data['participants'])} thành phần · {len(data['themes'])} chủ đề"
                + (f" — bộ lọc: {md_escape(describe_filters(filters))}" if filters else "")
                + ". Bấm vào một dòng để xem đoạn trích trong bài viết.")
        return (data["pacts"], data["participants"], data["themes"], participants_chart(data["chart"]), note,
                data["spans"])

    def open_record(table: str):
        def handler(spans, evt: gr.SelectData):
            index = evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index
            rows = (spans or {}).get(table) or []
            if index is None or not 0 <= index < len(rows):
                return gr.skip()
            article_id, start, end, surface = rows[index]
            with lock:
                article = assistant.article(article_id) if article_id else None
            if article is None:
                return f'<div class="civic-empty">Không tìm thấy bài viết {_esc(article_id)}.</div>'
            ok = isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(article.text)
            return source_card(None, title=article.title, date_=article.date, source=article.source, url=article.url,
                               text=article.text if ok else None, start=start if ok else 0, end=end if ok else 0,
                               quote_=surface, date_inferred=bool(article.metadata.get("date_inferred")))
        return handler

    # --- layout ----------------------------------------------------------------------------------
    sources0 = _sources_of(assistant)
    with gr.Blocks(title="Trợ lý tin tức dân sự", fill_width=True) as app:
        questions = gr.State([])
        panels = gr.State({})
        spans = gr.State({})
        with gr.Sidebar(label="Bộ lọc", open=True, width=300):
            gr.Markdown("### Bộ lọc\nÁp dụng cho câu hỏi và tab Khám phá.")
            source_box = gr.Dropdown(choices=sources0, value=[], multiselect=True, label="Nguồn",
                                     info="Để trống: mọi nguồn", elem_id="civic-source")
            date_from = gr.Textbox(label="Từ ngày", placeholder="YYYY-MM-DD hoặc DD/MM/YYYY", elem_id="civic-date-from")
            date_to = gr.Textbox(label="Đến ngày", placeholder="YYYY-MM-DD hoặc DD/MM/YYYY", elem_id="civic-date-to")
            clear_filters = gr.Button("Bỏ lọc", size="sm", elem_id="civic-clear-filters")
        gr.Markdown("## Trợ lý tin tức dân sự\nHỏi về các giao ước thi đua, đơn vị tham gia và chủ đề trong các bài "
                    "viết đã nạp. Mỗi ý trong câu trả lời có dấu **[n]** dẫn tới câu trích nguyên văn.")
        status = gr.Markdown(_status_line(assistant), elem_id="civic-status")
        with gr.Tabs(elem_id="civic-tabs"):
            with gr.Tab("Hỏi đáp", id="chat", elem_id="civic-tab-chat"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=420):
                        chatbot = gr.Chatbot(
                            label="Hội thoại", show_label=False, elem_id="civic-chat", height=560, layout="bubble",
                            sanitize_html=True, render_markdown=True, allow_tags=False, line_breaks=True,
                            buttons=["copy"], feedback_options=None,
                            placeholder="**Xin chào!** Hãy đặt câu hỏi về các bài viết, hoặc chọn một câu hỏi mẫu.",
                            examples=[{"text": q} for q in EXAMPLES],
                        )
                        with gr.Row():
                            question = gr.Textbox(show_label=False, placeholder="Nhập câu hỏi rồi nhấn Enter…",
                                                  scale=6, lines=1, max_lines=4, autofocus=True, elem_id="civic-question",
                                                  label="Câu hỏi")
                            send = gr.Button("Gửi", variant="primary", scale=1, min_width=80, elem_id="civic-send")
                        new = gr.Button("Cuộc hội thoại mới", size="sm", variant="secondary", elem_id="civic-new")
                    with gr.Column(scale=2, min_width=340, elem_id="civic-sources-box"):
                        sources_panel = gr.HTML(EMPTY_SOURCES, elem_id="civic-sources", js_on_load=None)
            with gr.Tab("Nạp dữ liệu", id="upload", elem_id="civic-tab-upload"):
                gr.Markdown("Thả tệp **JSONL**, **TXT/MD** hoặc **HTML** (tối đa "
                            f"{_mb(max_upload_mb)} MB mỗi tệp), hoặc dán địa chỉ bài viết, nguồn tin **RSS/Atom** hay "
                            "**sitemap** (nạp mọi bài được liệt kê; nạp lại chỉ lấy bài mới hoặc đã sửa). Tệp lỗi được liệt kê, "
                            "các tệp khác vẫn được nạp.")
                with gr.Row():
                    files = gr.File(label="Tệp bài viết", file_count="multiple", file_types=list(UPLOAD_TYPES),
                                    elem_id="civic-files", scale=3)
                    urls = gr.Textbox(label="Hoặc dán URL bài viết, RSS/Atom hay sitemap (mỗi dòng một địa chỉ)", lines=5, scale=2,
                                      placeholder="https://…", elem_id="civic-urls")
                ingest_btn = gr.Button("Nạp vào chỉ mục", variant="primary", elem_id="civic-ingest")
                ingest_summary = gr.Markdown(elem_id="civic-ingest-summary")
                ingest_table = gr.Dataframe(headers=UPLOAD_HEADERS, datatype=["str", "number", "number", "number",
                                                                              "number", "str"],
                                            interactive=False, wrap=True, label="Kết quả theo tệp",
                                            elem_id="civic-ingest-table", elem_classes="civic-table", column_widths=["30%", "8%", "9%", "9%", "7%", "37%"])
            with gr.Tab("Khám phá", id="explore", elem_id="civic-tab-explore") as explore_tab:
                with gr.Row():
                    search = gr.Textbox(show_label=False, placeholder="Tìm đơn vị, khối, tỉnh, chủ đề… (có dấu hoặc không dấu)",
                                        scale=5, elem_id="civic-explore-query", label="Tìm")
                    search_btn = gr.Button("Tìm", scale=1, min_width=80, elem_id="civic-explore-search")
                explore_note = gr.Markdown(elem_id="civic-explore-note")
                with gr.Tabs():
                    with gr.Tab("Giao ước"):
                        pacts_table = gr.Dataframe(headers=PACT_HEADERS, datatype=["str"] * 7 + ["markdown"],
                                                   interactive=False, wrap=True, max_height=420,
                                                   column_widths=["9%", "15%", "8%", "9%", "25%", "15%", "12%", "7%"],
                                                   elem_id="civic-pacts", elem_classes="civic-table", label="Giao ước")
                    with gr.Tab("Thành phần"):
                        parts_table = gr.Dataframe(headers=PARTICIPANT_HEADERS,
                                                   datatype=["str"] * 5 + ["number", "str", "markdown"],
                                                   interactive=False, wrap=True, max_height=420,
                                                   column_widths=["21%", "8%", "13%", "16%", "8%", "7%", "19%", "8%"],
                                                   elem_id="civic-participants", elem_classes="civic-table", label="Thành phần")
                    with gr.Tab("Chủ đề"):
                        themes_table = gr.Dataframe(headers=THEME_HEADERS, datatype=["str"] * 5 + ["markdown"],
                                                    interactive=False, wrap=True, max_height=420,
                                                    column_widths=["9%", "39%", "8%", "9%", "27%", "8%"],
                                                    elem_id="civic-themes", elem_classes="civic-table", label="Chủ đề")
                with gr.Row(equal_height=False):
                    chart = gr.Plot(label="Đơn vị theo số giao ước", elem_id="civic-chart", scale=3)
                    record_view = gr.HTML('<div class="civic-empty">Bấm vào một dòng của bảng để xem đoạn trích.</div>',
                                          elem_id="civic-record", js_on_load=None, scale=2)

        # --- events --------------------------------------------------------------------------------
        chat_inputs = [question, chatbot, questions, panels, source_box, date_from, date_to]
        chat_outputs = [chatbot, question, questions, panels, sources_panel]
        # the lock serialises calls into the assistant; chats may queue up while one streams
        common = dict(api_visibility="private", concurrency_limit=4, concurrency_id="chat")
        question.submit(respond, chat_inputs, chat_outputs, show_progress="minimal", **common)
        send.click(respond, chat_inputs, chat_outputs, show_progress="minimal", **common)
        chatbot.example_select(pick_example, None, question, api_visibility="private", queue=False).then(
            respond, chat_inputs, chat_outputs, show_progress="minimal", **common)
        chatbot.select(show_panel, [panels], [sources_panel], api_visibility="private", queue=False)
        reset_outputs = [chatbot, question, questions, panels, sources_panel]
        new.click(new_chat, None, reset_outputs, api_visibility="private", queue=False)
        chatbot.clear(new_chat, None, reset_outputs, api_visibility="private", queue=False)
        clear_filters.click(lambda: ([], "", ""), None, [source_box, date_from, date_to], api_visibility="private",
                            queue=False)

        explore_inputs = [search, source_box, date_from, date_to]
        explore_outputs = [pacts_table, parts_table, themes_table, chart, explore_note, spans]
        ingest_btn.click(do_ingest, [files, urls], [ingest_table, ingest_summary, source_box, status],
                         api_visibility="private", concurrency_limit=1).then(explore, explore_inputs, explore_outputs, api_visibility="private")
        explore_tab.select(explore, explore_inputs, explore_outputs, api_visibility="private")
        search.submit(explore, explore_inputs, explore_outputs, api_visibility="private")
        search_btn.click(explore, explore_inputs, explore_outputs, api_visibility="private")
        pacts_table.select(open_record("pacts"), [spans], [record_view], api_visibility="private")
        parts_table.select(open_record("participants"), [spans], [record_view], api_visibility="private")
        themes_table.select(open_record("themes"), [spans], [record_view], api_visibility="private")

        gr.api(chat_api, api_name="chat", concurrency_limit=4, concurrency_id="chat")
        gr.api(ask_api, api_name="ask", concurrency_limit=4, concurrency_id="chat")
    app.civic_max_upload_mb = max_upload_mb
    return app


def launch(app: gr.Blocks, host: str = "127.0.0.1", port: int = 7860, auth: tuple[str, str] | None = None,
           *, block: bool = True, quiet: bool = True) -> str:
    """Start `app` (theme, CSS, upload limit, optional login); returns the local URL. With
    `block=False` the server runs in a background thread (tests). Binds `host` only: 127.0.0.1
    unless told otherwise ("0.0.0.0" for every interface). The upload limit is the one given to
    `build_app` (Gradio answers 413 to a larger upload)."""
    max_upload_mb = getattr(app, "civic_max_upload_mb", MAX_UPLOAD_MB)
    app.queue(default_concurrency_limit=2)
    app.launch(
        server_name=host, server_port=port, auth=auth,
        auth_message="Đăng nhập để dùng Trợ lý tin tức dân sự." if auth else None,
        max_file_size=int(max_upload_mb * 1024 * 1024), share=False, inbrowser=False, quiet=quiet, show_error=True,
        prevent_thread_lock=True, theme=_theme(), css=CSS, ssr_mode=False, mcp_server=False,
        footer_links=["api"],
    )
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{app.server_port}"
    if block:
        print(f"Giao diện đang chạy tại {url} (Ctrl-C để dừng)", flush=True)
        try:
            app.block_thread()
        finally:
            app.close()
    return url


def serve(assistant, host: str = "127.0.0.1", port: int = 7860, auth: tuple[str, str] | None = None,
          max_upload_mb: float = MAX_UPLOAD_MB) -> None:
    """Serve the UI over `assistant` on http://host:port until Ctrl-C (binds 127.0.0.1 by default)."""
    launch(build_app(assistant, max_upload_mb=max_upload_mb), host=host, port=port, auth=auth, block=True)
