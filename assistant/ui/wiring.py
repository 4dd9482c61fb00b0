"""`build_app`: the page of `layout` with each component's events wired to its callback in
`handlers`, and the `/chat`, `/ask` and `/ingest` API endpoints."""
from __future__ import annotations

import gradio as gr

from .handlers import Handlers
from .layout import TITLE, lay_out_page
from .upload import MAX_UPLOAD_MB


def build_app(assistant, *, max_upload_mb: float = MAX_UPLOAD_MB, allow_private_urls: bool = False) -> gr.Blocks:
    """The Blocks app over an open `Assistant` (launch it with `serve`); uploads larger than
    `max_upload_mb` megabytes are refused (by the server, the browser and the ingest step). URLs
    pasted in the upload tab (or sent to `/ingest`) are fetched only from public addresses unless
    `allow_private_urls` (`civic serve --allow-private-urls`; docs/reliability.md, SSRF)."""
    on = Handlers(assistant, max_upload_mb=max_upload_mb, allow_private_urls=allow_private_urls)
    with gr.Blocks(title=TITLE, fill_width=True) as app:
        page = lay_out_page(on.sources(), on.status_line(), max_upload_mb)
        sidebar, chat, upload, explorer = page.sidebar, page.chat, page.upload, page.explorer
        private = dict(api_visibility="private")

        # chat: the lock serialises calls into the assistant; chats may queue up while one streams
        chat_inputs = [chat.question, chat.chatbot, page.questions, page.panels, sidebar.sources, sidebar.date_from,
                       sidebar.date_to]
        chat_outputs = [chat.chatbot, chat.question, page.questions, page.panels, chat.sources_panel]
        answering = dict(show_progress="minimal", concurrency_limit=4, concurrency_id="chat", **private)
        chat.question.submit(on.respond, chat_inputs, chat_outputs, **answering)
        chat.send.click(on.respond, chat_inputs, chat_outputs, **answering)
        chat.chatbot.example_select(on.pick_example, None, chat.question, queue=False, **private).then(
            on.respond, chat_inputs, chat_outputs, **answering)
        chat.chatbot.select(on.show_panel, [page.panels], [chat.sources_panel], queue=False, **private)
        chat.new.click(on.new_chat, None, chat_outputs, queue=False, **private)
        chat.chatbot.clear(on.new_chat, None, chat_outputs, queue=False, **private)
        sidebar.clear.click(lambda: ([], "", ""), None, [sidebar.sources, sidebar.date_from, sidebar.date_to],
                            queue=False, **private)

        # upload, then the explorer (its tables may have changed)
        explore_inputs = [explorer.search, sidebar.sources, sidebar.date_from, sidebar.date_to]
        explore_outputs = [explorer.pacts, explorer.participants, explorer.themes, explorer.chart, explorer.note,
                           page.spans]
        upload.ingest.click(on.do_ingest, [upload.files, upload.urls],
                            [upload.table, upload.summary, sidebar.sources, page.status],
                            concurrency_limit=1, **private).then(on.explore, explore_inputs, explore_outputs, **private)
        explorer.tab.select(on.explore, explore_inputs, explore_outputs, **private)
        explorer.search.submit(on.explore, explore_inputs, explore_outputs, **private)
        explorer.search_button.click(on.explore, explore_inputs, explore_outputs, **private)
        explorer.pacts.select(on.open_record("pacts"), [page.spans], [explorer.record], **private)
        explorer.participants.select(on.open_record("participants"), [page.spans], [explorer.record], **private)
        explorer.themes.select(on.open_record("themes"), [page.spans], [explorer.record], **private)

        gr.api(on.chat_api, api_name="chat", concurrency_limit=4, concurrency_id="chat")
        gr.api(on.ask_api, api_name="ask", concurrency_limit=4, concurrency_id="chat")
        # /ingest: the upload tab as an API (files through gradio_client's handle_file, checked by
        # Gradio like the browser's uploads; URLs under the same address rules). No button shows it.
        ingest_result = gr.JSON(visible=False)
        gr.Button(visible=False).click(on.ingest_api, [upload.files, upload.urls], [ingest_result], api_name="ingest",
                                       api_visibility="public", concurrency_limit=1)
    app.civic_max_upload_mb = max_upload_mb
    return app
