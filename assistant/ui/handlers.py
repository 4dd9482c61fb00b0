"""The UI's event callbacks over one `Assistant`: the chat (streamed answer and its sources
panel), the `/chat`, `/ask` and `/ingest` API endpoints, the upload tab and the explorer.

Every call into the assistant holds one lock (it shares models and the index). The methods keep
the names Gradio shows for their events (`respond`, `explore`, …); `wiring.build_app` connects them
to the components of `layout`.
"""
from __future__ import annotations

import threading
import time
import traceback

import gradio as gr

from corpus.errors import InputError

from ..inputs import checked_filters, history_texts, question_text
from .escaping import answer_markdown, md_escape
from .explorer import NO_RECORDS_NOTE, explorer_note, explorer_tables, has_records, participants_chart, record_card
from .filters import make_filters
from .locking import locked_stream
from .render import EMPTY_SOURCES, WORKING_SOURCES, render_sources
from .status import index_sources, status_line
from .toasts import refused
from .upload import MAX_UPLOAD_MB, ingest_api_result, ingest_summary, ingest_uploads

STREAM_PAUSE_S = 0.015  # between streamed pieces of an answer, so the browser shows them arrive


def _selected_index(evt: gr.SelectData):
    """The row (or message) index of a select event."""
    return evt.index[0] if isinstance(evt.index, (list, tuple)) else evt.index


class Handlers:
    """The callbacks of one app over `assistant`. `max_upload_mb` and `allow_private_urls` are the
    upload tab's limits (see `wiring.build_app`)."""

    def __init__(self, assistant, *, max_upload_mb: float = MAX_UPLOAD_MB, allow_private_urls: bool = False) -> None:
        self.assistant = assistant
        self.max_upload_mb = max_upload_mb
        self.allow_private_urls = allow_private_urls
        self.lock = threading.RLock()  # one assistant call at a time (it shares models and the index)

    def ask(self, question: str, history: list[str] | None, filters: dict | None):
        with self.lock:
            return self.assistant.ask(question, history=history or [], filters=filters)

    def status_line(self) -> str:
        return status_line(self.assistant)

    def sources(self) -> list[str]:
        return index_sources(self.assistant)

    # --- chat --------------------------------------------------------------------------------
    def respond(self, message, chat, questions, panels, sources, date_from, date_to):
        message = (message or "").strip()
        chat, questions, panels = list(chat or []), list(questions or []), dict(panels or {})
        if not message:
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        try:
            filters = make_filters(sources, date_from, date_to)
        except ValueError as exc:
            raise refused(exc, "Bộ lọc") from None
        try:
            message = question_text(message)
            checked_filters(filters)
        except InputError as exc:  # too long, not valid text: said once, nothing else happens
            raise refused(exc, "Câu hỏi") from None
        chat.append({"role": "user", "content": md_escape(message)})
        yield chat, "", questions, panels, WORKING_SOURCES
        chat.append({"role": "assistant", "content": ""})
        answer, text = None, ""
        try:
            # Pieces of the verified answer as they come (LLM mode: sentences that passed the
            # citation checks; extractive mode: the finished answer in small pieces).
            stream = locked_stream(self.lock, lambda: self.assistant.ask_stream(message, history=questions,
                                                                                filters=filters))
            for item in stream:
                if isinstance(item, str):
                    text += item
                    chat[-1] = {"role": "assistant", "content": answer_markdown(text)}
                    yield chat, "", questions, panels, gr.skip()
                    time.sleep(STREAM_PAUSE_S)
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
        with self.lock:
            panel = render_sources(self.assistant, answer, filters)
        panels[str(len(chat) - 1)] = panel
        chat[-1] = {"role": "assistant", "content": answer_markdown(answer.answer)}
        yield chat, "", questions + [message], panels, panel

    def show_panel(self, panels, evt: gr.SelectData):
        panel = (panels or {}).get(str(_selected_index(evt)))
        return panel if panel else gr.skip()

    def pick_example(self, evt: gr.SelectData):
        value = evt.value
        return value.get("text", "") if isinstance(value, dict) else str(value or "")

    def new_chat(self):
        return [], "", [], {}, EMPTY_SOURCES

    # --- API -----------------------------------------------------------------------------------
    def chat_api(self, message: str, history: list[str] | None = None, sources: list[str] | None = None,
                 date_from: str | None = None, date_to: str | None = None) -> str:
        """Answer `message` from the articles. `history`: the previous questions of the conversation
        (oldest first); `sources`, `date_from`, `date_to` (YYYY-MM-DD) restrict the articles.
        Returns the answer text with [n] markers (use /ask for the citations)."""
        return self.api_answer(message, history, sources, date_from, date_to).answer

    def ask_api(self, message: str, history: list[str] | None = None, sources: list[str] | None = None,
                date_from: str | None = None, date_to: str | None = None) -> dict:
        """Like /chat, but returns the whole Answer: answer, abstained, short_answer, citations
        [{n, article_id, title, date, source, url, quote, start, end, score}], see_also, timings."""
        return self.api_answer(message, history, sources, date_from, date_to).to_dict()

    def ingest_api(self, files, urls):
        """Ingest files (upload them with gradio_client's `handle_file`) and URLs (one per line):
        {"rows": [{input, added, updated, unchanged, errors, note}], "seconds"} — like the upload tab."""
        return ingest_api_result(*self.ingest_uploads(files, urls))

    def api_answer(self, message, history, sources, date_from, date_to):
        try:  # every input checked by the same rules as the CLI's and the Python API's
            filters = make_filters(sources, date_from, date_to)
            message, history, checked = question_text(message), history_texts(history), checked_filters(filters)
        except ValueError as exc:
            raise refused(exc) from None
        return self.ask(message, history, checked)

    # --- upload --------------------------------------------------------------------------------
    def ingest_uploads(self, files, urls, on_article=None) -> tuple[list[list], float]:
        return ingest_uploads(self.assistant, self.lock, files, urls, max_upload_mb=self.max_upload_mb,
                              allow_private_urls=self.allow_private_urls, on_article=on_article)

    def do_ingest(self, files, urls, progress=gr.Progress()):  # noqa: B008 - how Gradio injects progress
        if not files and not (urls or "").strip():
            gr.Warning("Chưa chọn tệp hoặc URL nào.")
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        done = 0

        def on_article(_article_id: str) -> None:
            nonlocal done
            done += 1
            progress((done, None), desc=f"Đang nạp bài viết… ({done} bài)", unit="bài")

        progress(0, desc="Đang đọc tệp / URL…")
        rows, seconds = self.ingest_uploads(files, urls, on_article)
        return rows, ingest_summary(rows, seconds), gr.update(choices=self.sources()), self.status_line()

    # --- explorer ------------------------------------------------------------------------------
    def explore(self, query, sources, date_from, date_to):
        if not has_records(self.assistant):
            return [], [], [], participants_chart([]), NO_RECORDS_NOTE, {}
        try:
            filters = make_filters(sources, date_from, date_to)
            with self.lock:
                data = explorer_tables(self.assistant, query, filters)
        except InputError as exc:
            raise refused(exc, "Tìm kiếm") from None
        except ValueError as exc:
            raise refused(exc, "Bộ lọc") from None
        return (data["pacts"], data["participants"], data["themes"], participants_chart(data["chart"]),
                explorer_note(data, filters), data["spans"])

    def open_record(self, table: str):
        """The select handler of one explorer table: the card of the clicked row's passage."""
        def handler(spans, evt: gr.SelectData):
            index = _selected_index(evt)
            rows = (spans or {}).get(table) or []
            if index is None or not 0 <= index < len(rows):
                return gr.skip()
            article_id, start, end, surface = rows[index]
            with self.lock:
                article = self.assistant.article(article_id) if article_id else None
            return record_card(article_id, article, start, end, surface)
        return handler
