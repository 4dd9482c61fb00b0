"""The page's components, laid out inside an open `gr.Blocks`: the filters sidebar, the title and
status line, and the three tabs (chat, upload, explorer). Labels, placeholders and `elem_id`s
live here; no events are attached (that is `wiring`)."""
from __future__ import annotations

from dataclasses import dataclass

import gradio as gr

from ..inputs import MAX_QUESTION_CHARS
from .explorer import PACT_HEADERS, PARTICIPANT_HEADERS, THEME_HEADERS
from .render import EMPTY_SOURCES
from .upload import UPLOAD_HEADERS, UPLOAD_TYPES, megabytes

TITLE = "Trợ lý tin tức dân sự"
EXAMPLES = [
    "Khối thi đua Nội chính gồm những đơn vị nào?",
    "Chủ đề của giao ước thi đua năm 2022 là gì?",
    "Ai là Phó Trưởng ban Thi đua – Khen thưởng tỉnh?",
    "khoi thi dua noi chinh ky giao uoc ngay nao?",
]
DATE_PLACEHOLDER = "YYYY-MM-DD hoặc DD/MM/YYYY"
TABLE_HEIGHT = 420


@dataclass
class Sidebar:
    """The filters, applied to the chat and the explorer."""
    sources: gr.Dropdown
    date_from: gr.Textbox
    date_to: gr.Textbox
    clear: gr.Button


@dataclass
class ChatTab:
    chatbot: gr.Chatbot
    question: gr.Textbox
    send: gr.Button
    new: gr.Button
    sources_panel: gr.HTML


@dataclass
class UploadTab:
    files: gr.File
    urls: gr.Textbox
    ingest: gr.Button
    summary: gr.Markdown
    table: gr.Dataframe


@dataclass
class ExplorerTab:
    tab: gr.Tab
    search: gr.Textbox
    search_button: gr.Button
    note: gr.Markdown
    pacts: gr.Dataframe
    participants: gr.Dataframe
    themes: gr.Dataframe
    chart: gr.Plot
    record: gr.HTML


@dataclass
class Page:
    """Every component an event reads or writes, and the per-session state: the conversation's
    questions, the sources panel of each answer (by message index), the explorer rows' spans."""
    questions: gr.State
    panels: gr.State
    spans: gr.State
    sidebar: Sidebar
    status: gr.Markdown
    chat: ChatTab
    upload: UploadTab
    explorer: ExplorerTab


def lay_out_page(sources: list[str], status: str, max_upload_mb: float) -> Page:
    """The whole page inside the current `gr.Blocks`: `sources` are the filter's choices, `status`
    the index's status line, `max_upload_mb` the limit the upload tab states."""
    questions, panels, spans = gr.State([]), gr.State({}), gr.State({})
    sidebar = _sidebar(sources)
    gr.Markdown(f"## {TITLE}\nHỏi về các giao ước thi đua, đơn vị tham gia và chủ đề trong các bài "
                "viết đã nạp. Mỗi ý trong câu trả lời có dấu **[n]** dẫn tới câu trích nguyên văn.")
    status_md = gr.Markdown(status, elem_id="civic-status")
    with gr.Tabs(elem_id="civic-tabs"):
        chat = _chat_tab()
        upload = _upload_tab(max_upload_mb)
        explorer = _explorer_tab()
    return Page(questions, panels, spans, sidebar, status_md, chat, upload, explorer)


def _sidebar(sources: list[str]) -> Sidebar:
    with gr.Sidebar(label="Bộ lọc", open=True, width=300):
        gr.Markdown("### Bộ lọc\nÁp dụng cho câu hỏi và tab Khám phá.")
        source_box = gr.Dropdown(choices=sources, value=[], multiselect=True, label="Nguồn",
                                 info="Để trống: mọi nguồn", elem_id="civic-source")
        date_from = gr.Textbox(label="Từ ngày", placeholder=DATE_PLACEHOLDER, elem_id="civic-date-from")
        date_to = gr.Textbox(label="Đến ngày", placeholder=DATE_PLACEHOLDER, elem_id="civic-date-to")
        clear = gr.Button("Bỏ lọc", size="sm", elem_id="civic-clear-filters")
    return Sidebar(source_box, date_from, date_to, clear)


def _chat_tab() -> ChatTab:
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
                                          label="Câu hỏi", max_length=MAX_QUESTION_CHARS)
                    send = gr.Button("Gửi", variant="primary", scale=1, min_width=80, elem_id="civic-send")
                new = gr.Button("Cuộc hội thoại mới", size="sm", variant="secondary", elem_id="civic-new")
            with gr.Column(scale=2, min_width=340, elem_id="civic-sources-box"):
                sources_panel = gr.HTML(EMPTY_SOURCES, elem_id="civic-sources", js_on_load=None)
    return ChatTab(chatbot, question, send, new, sources_panel)


def _upload_tab(max_upload_mb: float) -> UploadTab:
    with gr.Tab("Nạp dữ liệu", id="upload", elem_id="civic-tab-upload"):
        gr.Markdown("Thả tệp **JSONL**, **TXT/MD** hoặc **HTML** (tối đa "
                    f"{megabytes(max_upload_mb)} MB mỗi tệp), hoặc dán địa chỉ bài viết, nguồn tin **RSS/Atom** hay "
                    "**sitemap** (nạp mọi bài được liệt kê; nạp lại chỉ lấy bài mới hoặc đã sửa). "
                    "Tệp lỗi được liệt kê, các tệp khác vẫn được nạp.")
        with gr.Row():
            files = gr.File(label="Tệp bài viết", file_count="multiple", file_types=list(UPLOAD_TYPES),
                            elem_id="civic-files", scale=3)
            urls = gr.Textbox(label="Hoặc dán URL bài viết, RSS/Atom hay sitemap (mỗi dòng một địa chỉ)", lines=5,
                              scale=2, placeholder="https://…", elem_id="civic-urls")
        ingest = gr.Button("Nạp vào chỉ mục", variant="primary", elem_id="civic-ingest")
        summary = gr.Markdown(elem_id="civic-ingest-summary")
        table = gr.Dataframe(headers=UPLOAD_HEADERS, datatype=["str", "number", "number", "number", "number", "str"],
                             interactive=False, wrap=True, label="Kết quả theo tệp", elem_id="civic-ingest-table",
                             elem_classes="civic-table", column_widths=["30%", "8%", "9%", "9%", "7%", "37%"])
    return UploadTab(files, urls, ingest, summary, table)


def _explorer_tab() -> ExplorerTab:
    with gr.Tab("Khám phá", id="explore", elem_id="civic-tab-explore") as tab:
        with gr.Row():
            search = gr.Textbox(show_label=False, scale=5, elem_id="civic-explore-query", label="Tìm",
                                placeholder="Tìm đơn vị, khối, tỉnh, chủ đề… (có dấu hoặc không dấu)")
            search_button = gr.Button("Tìm", scale=1, min_width=80, elem_id="civic-explore-search")
        note = gr.Markdown(elem_id="civic-explore-note")
        with gr.Tabs():
            with gr.Tab("Giao ước"):
                pacts = _records_table(PACT_HEADERS, ["str"] * 7 + ["markdown"],
                                       ["9%", "15%", "8%", "9%", "25%", "15%", "12%", "7%"], "civic-pacts", "Giao ước")
            with gr.Tab("Thành phần"):
                participants = _records_table(PARTICIPANT_HEADERS, ["str"] * 5 + ["number", "str", "markdown"],
                                              ["21%", "8%", "13%", "16%", "8%", "7%", "19%", "8%"],
                                              "civic-participants", "Thành phần")
            with gr.Tab("Chủ đề"):
                themes = _records_table(THEME_HEADERS, ["str"] * 5 + ["markdown"],
                                        ["9%", "39%", "8%", "9%", "27%", "8%"], "civic-themes", "Chủ đề")
        with gr.Row(equal_height=False):
            chart = gr.Plot(label="Đơn vị theo số giao ước", elem_id="civic-chart", scale=3)
            record = gr.HTML('<div class="civic-empty">Bấm vào một dòng của bảng để xem đoạn trích.</div>',
                             elem_id="civic-record", js_on_load=None, scale=2)
    return ExplorerTab(tab, search, search_button, note, pacts, participants, themes, chart, record)


def _records_table(headers: list[str], datatype: list[str], widths: list[str], elem_id: str,
                   label: str) -> gr.Dataframe:
    """One of the explorer's read-only tables of extracted records."""
    return gr.Dataframe(headers=headers, datatype=datatype, interactive=False, wrap=True, max_height=TABLE_HEIGHT,
                        column_widths=widths, elem_id=elem_id, elem_classes="civic-table", label=label)
