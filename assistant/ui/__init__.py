"""The Gradio web UI: cited chat with a sources panel, filters, upload, and an explorer of the
extracted pacts, participants and themes.

It calls only the public `Assistant` API, like the CLI does. Everything that comes from an
article (title, source, URL, text) is escaped before it reaches the page: the sources panel is
HTML built with `html.escape`, and chat messages are Markdown whose HTML and Markdown syntax
characters are escaped (the Chatbot also sanitises).

    from assistant import Assistant
    from assistant.ui import build_app, serve
    serve(Assistant("var/demo-index"))          # http://127.0.0.1:7860

API (gradio_client): `/chat` (message, history, sources, date_from, date_to) -> answer text;
`/ask` (same inputs) -> the `Answer` as a dict with its citations; `/ingest` (files, urls).

The modules, one job each: `escaping` (text and URLs made safe for the page), `toasts` (error
toasts), `filters` (the sidebar's dates and sources), `render` (answer and source-card HTML),
`status` (what the page says about the index), `upload` (the upload tab's checks and result
rows), `explorer` (the explorer's tables and chart), `locking` (one assistant call at a time),
`handlers` (the event callbacks), `layout` (the page's components), `wiring` (`build_app`: the
layout wired to the handlers), `server` (theme, CSS from `style.css`, launch and serve).
"""
from __future__ import annotations

from ..config import quiet_third_parties

quiet_third_parties()  # before any module here imports gradio

from .server import launch, serve  # noqa: E402
from .wiring import build_app  # noqa: E402

__all__ = ["build_app", "launch", "serve"]
