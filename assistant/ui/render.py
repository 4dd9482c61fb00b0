"""The HTML of the sources panel: one escaped card per source (its quote highlighted in its
paragraph), the panel for an answer, and the panel's empty and working states."""
from __future__ import annotations

from .escaping import html_text, safe_url, url_host
from .filters import describe_filters, format_date

PARAGRAPH_CAP = 600  # characters of context shown around a quote
ABSTAIN_PREFIX = "Không tìm thấy"  # how an answer that abstains starts (for `/chat` clients)
_LINK_ATTRS = 'target="_blank" rel="noopener noreferrer nofollow"'

EMPTY_SOURCES = ('<div class="civic-sources"><div class="civic-head">Nguồn</div><div class="civic-empty">'
                 "Đặt câu hỏi để xem các bài viết được trích dẫn. Mỗi <b>[n]</b> trong câu trả lời ứng với một "
                 "nguồn ở đây, câu được trích dẫn được <mark>tô sáng</mark> trong đoạn văn của nó.</div></div>")
WORKING_SOURCES = ('<div class="civic-sources"><div class="civic-head">Nguồn</div>'
                   '<div class="civic-empty">Đang tìm trong các bài viết…</div></div>')


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
    title_html = html_text(title or "(không có tiêu đề)")
    if link:
        title_html = f'<a href="{html_text(link)}" {_LINK_ATTRS}>{title_html}</a>'
    shown_date = format_date(date_) + (" (ngày suy ra từ bài viết)" if date_inferred else "")
    meta = [f"<span>{html_text(shown_date)}</span>" if date_ else "<span>không rõ ngày</span>"]
    if source:
        meta.append(f"<span>{html_text(source)}</span>")
    if link:
        meta.append(f'<a href="{html_text(link)}" {_LINK_ATTRS}>{html_text(url_host(link))} ↗</a>')
    elif url:
        meta.append(f'<span class="civic-nourl">{html_text(url)}</span>')
    if text is not None and 0 <= start <= end <= len(text):
        before, quoted, after = paragraph_window(text, start, end)
    else:
        before, quoted, after = "", quote_, ""
    number = f'<span class="civic-n">[{html_text(n)}]</span> ' if n is not None else ""
    return (
        f'<div class="civic-source" id="civic-src-{html_text(n)}" data-n="{html_text(n)}">'
        f'<div class="civic-title">{number}{title_html}</div>'
        f'<div class="civic-meta">{" · ".join(meta)}{extra}</div>'
        f'<blockquote class="civic-para">{html_text(before)}<mark>{html_text(quoted)}</mark>{html_text(after)}'
        f"</blockquote></div>"
    )


def citation_card(assistant, citation) -> str:
    """The card of one citation of an answer, its quote shown in the article's paragraph when the
    article loads and still holds the quote at the cited offsets (otherwise the quote alone)."""
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
        parts.append(f'<div class="civic-filters">Bộ lọc — {html_text(describe_filters(filters))}</div>')
    if not shown:
        parts.append('<div class="civic-empty">Các bài viết (trong phạm vi bộ lọc) không có đoạn nào trả lời '
                     "câu hỏi này.</div>")
    parts.extend(citation_card(assistant, c) for c in shown)
    timings = getattr(answer, "timings", {}) or {}
    total = timings.get("total") or sum(v for v in timings.values() if isinstance(v, (int, float)))
    condensed = getattr(answer, "condensed_question", None)
    foot = []
    if condensed and condensed != answer.question:
        foot.append(f"hiểu câu hỏi là: “{html_text(condensed)}”")
    if total:
        foot.append(f"trả lời trong {total:.1f} s")
    if foot:
        parts.append(f'<div class="civic-foot">{" · ".join(foot)}</div>')
    parts.append("</div>")
    return "".join(parts)
