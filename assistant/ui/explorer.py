"""The explorer tab's content: the pacts, participants and themes tables (plain text, shown
escaped by the Dataframe), the record spans behind their rows, the chart of participants by
number of pacts, and the card of the passage a clicked row comes from."""
from __future__ import annotations

from typing import Any

from .escaping import html_text, md_escape, safe_url
from .filters import describe_filters, format_date
from .render import source_card

PACT_HEADERS = ["Loại", "Khối / cụm", "Tỉnh", "Ngày", "Các bên", "Chủ đề", "Bài viết", "Liên kết"]
PARTICIPANT_HEADERS = ["Tên", "Loại", "Chức vụ", "Tổ chức", "Tỉnh", "Số giao ước", "Bài viết", "Liên kết"]
THEME_HEADERS = ["Loại", "Nội dung", "Số hiệu", "Ngày", "Bài viết", "Liên kết"]
TABLES = ("pacts", "participants", "themes")
KIND_LABELS = {
    "organisation": "tổ chức", "bloc": "khối / cụm", "person": "cá nhân", "slogan": "khẩu hiệu",
    "campaign": "phong trào", "directive": "chỉ thị", "resolution": "nghị quyết", "decision": "quyết định",
    "law": "luật", "decree": "nghị định", "circular": "thông tư", "conclusion": "kết luận", "congress": "đại hội",
    "model": "mô hình", "programme": "chương trình", "program": "chương trình", "plan": "kế hoạch",
    "theme": "chủ đề",
}
NO_RECORDS_NOTE = "Chức năng trích xuất giao ước chưa có trong phiên bản này: các bảng đang trống."
CHART_SIZE = 12  # participants in the chart


def kind_label(value: Any) -> str:
    """A record's kind in Vietnamese ("organisation" → "tổ chức"); unknown kinds unchanged."""
    return KIND_LABELS.get(str(value or ""), str(value or ""))


def link_markdown(url: str | None) -> str:
    """A Markdown link to the article when its URL is http(s), else ""."""
    link = safe_url(url)
    return f"[Mở bài gốc ↗]({link})" if link else ""


def has_records(assistant) -> bool:
    """Whether the assistant offers the extracted records (pacts, participants, themes)."""
    return all(hasattr(assistant, name) for name in TABLES)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _pact_row(r: dict, title: str, day: str, link: str) -> list:
    return [_text(r.get("kind")), _text(r.get("bloc_canonical") or r.get("bloc")), _text(r.get("province")),
            format_date(r.get("date")) or _text(r.get("year")) or format_date(day),
            "; ".join(str(p) for p in r.get("parties") or []), _text(r.get("slogan") or r.get("topic")), title, link]


def _participant_row(r: dict, title: str, link: str) -> list:
    return [_text(r.get("canonical") or r.get("name") or r.get("surface")), kind_label(r.get("kind")),
            _text(r.get("title") or r.get("position")), _text(r.get("organisation_canonical") or r.get("organisation")),
            _text(r.get("province")), int(r.get("pact_count") or 0), title, link]


def _theme_row(r: dict, title: str, day: str, link: str) -> list:
    return [kind_label(r.get("kind")), _text(r.get("text") or r.get("surface")), _text(r.get("number")),
            format_date(r.get("date")) or format_date(day), title, link]


def _chart_pairs(participants: list[dict]) -> list[tuple[str, int]]:
    """(organisation, number of pacts) for the chart: people left out, the most pacts first."""
    best: dict[str, int] = {}
    for r in participants:
        name = r.get("canonical") or r.get("name") or r.get("surface")
        if name and r.get("kind") != "person":
            best[name] = max(best.get(name, 0), int(r.get("pact_count") or 0))
    return sorted(((n, c) for n, c in best.items() if c > 0), key=lambda x: (-x[1], x[0]))[:CHART_SIZE]


def _by_pacts(record: dict) -> tuple[int, str]:
    return -int(record.get("pact_count") or 0), str(record.get("canonical") or record.get("name") or "")


def explorer_tables(assistant, query: str | None, filters: dict | None) -> dict:
    """Rows (plain text, shown escaped by the Dataframe), the record spans behind each row, and
    the chart's (participant, number of pacts) pairs."""
    out: dict = {"pacts": [], "participants": [], "themes": [], "chart": [],
                 "spans": {"pacts": [], "participants": [], "themes": []}}
    if not has_records(assistant):
        return out
    query = (query or "").strip() or None
    pacts = list(assistant.pacts(query=query, filters=filters))
    participants = sorted(assistant.participants(query=query, filters=filters), key=_by_pacts)
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
        return str(title or aid or ""), str(day or ""), link_markdown(url)

    for r in pacts:
        title, day, link = article_of(r)
        out["pacts"].append(_pact_row(r, title, day, link))
    for r in participants:
        title, _day, link = article_of(r)
        out["participants"].append(_participant_row(r, title, link))
    for r in themes:
        title, day, link = article_of(r)
        out["themes"].append(_theme_row(r, title, day, link))
    for key, group in (("pacts", pacts), ("participants", participants), ("themes", themes)):
        out["spans"][key] = [(r.get("article_id"), r.get("start"), r.get("end"), _text(r.get("surface")))
                             for r in group]
    out["chart"] = _chart_pairs(participants)
    return out


def explorer_note(data: dict, filters: dict | None) -> str:
    """The Markdown line above the tables: how many records of each kind, and the filters."""
    return (f"{len(data['pacts'])} giao ước · {len(data['participants'])} thành phần · {len(data['themes'])} chủ đề"
            + (f" — bộ lọc: {md_escape(describe_filters(filters))}" if filters else "")
            + ". Bấm vào một dòng để xem đoạn trích trong bài viết.")


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


def record_card(article_id: str | None, article, start: Any, end: Any, surface: str) -> str:
    """The passage a clicked row comes from, as a source card (its span highlighted when the
    offsets fit the article's text), or a note when the article is gone."""
    if article is None:
        return f'<div class="civic-empty">Không tìm thấy bài viết {html_text(article_id)}.</div>'
    ok = isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(article.text)
    return source_card(None, title=article.title, date_=article.date, source=article.source, url=article.url,
                       text=article.text if ok else None, start=start if ok else 0, end=end if ok else 0,
                       quote_=surface, date_inferred=bool(article.metadata.get("date_inferred")))
