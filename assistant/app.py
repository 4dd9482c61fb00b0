"""The web UI's former single module, kept so that `from assistant.app import build_app, serve`
and the helpers imported from here still work. The UI lives in the `assistant.ui` package
(`assistant/ui/__init__.py` says which module owns what); import from there in new code."""
from __future__ import annotations

from .ui import build_app, launch, serve
from .ui.escaping import answer_markdown, md_escape, safe_url, toast_text
from .ui.explorer import explorer_tables, participants_chart
from .ui.filters import describe_filters, format_date, make_filters, parse_date
from .ui.locking import locked_stream
from .ui.render import ABSTAIN_PREFIX, EMPTY_SOURCES, paragraph_window, render_sources, source_card
from .ui.server import CSS
from .ui.upload import MAX_UPLOAD_MB, UPLOAD_TYPES, ingest_rows
from .ui.upload import upload_inputs as _upload_inputs

__all__ = [
    "ABSTAIN_PREFIX", "CSS", "EMPTY_SOURCES", "MAX_UPLOAD_MB", "UPLOAD_TYPES", "_upload_inputs", "answer_markdown",
    "build_app", "describe_filters", "explorer_tables", "format_date", "ingest_rows", "launch", "locked_stream",
    "make_filters", "md_escape", "paragraph_window", "parse_date", "participants_chart", "render_sources", "safe_url",
    "serve", "source_card", "toast_text",
]
