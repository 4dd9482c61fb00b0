"""What the page says about the index: the status line under the title and the list of sources
offered by the sidebar's filter. Both tolerate an assistant whose stats cannot be read."""
from __future__ import annotations

from .escaping import md_escape


def status_line(assistant) -> str:
    """"Chỉ mục: **N** bài viết · … · mô hình M" (Markdown), or "" when the stats are unavailable."""
    try:
        s = assistant.stats()
    except Exception:
        return ""
    return (f"Chỉ mục: **{s.get('articles', 0)}** bài viết · {s.get('chunks', 0)} đoạn · "
            f"{len(s.get('sources') or [])} nguồn · mô hình {md_escape(str(s.get('embedding_model', '')))}")


def index_sources(assistant) -> list[str]:
    """The sources of the index's articles (the choices of the "Nguồn" filter); [] when unknown."""
    try:
        return list(assistant.stats().get("sources") or [])
    except Exception:
        return []
