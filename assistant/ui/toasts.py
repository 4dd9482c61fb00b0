"""The error toasts the UI raises: a refused input (its Vietnamese message, escaped, no traceback
logged) and a failed ingest."""
from __future__ import annotations

import gradio as gr

from .escaping import toast_text


def refused(error: Exception, title: str | None = None) -> gr.Error:
    """The toast for an input the app refuses (a bad date, a question too long…): its Vietnamese
    message, escaped, and no traceback in the server's log — it is the user's input, not a fault."""
    return gr.Error(toast_text(getattr(error, "vi", None) or error), title=title or "Lỗi", print_exception=False)


def failed_ingest(error: Exception) -> gr.Error:
    """The toast for an ingest that failed as a whole (the UI stays alive and says what failed)."""
    return gr.Error(toast_text(f"Không nạp được: {error}"), title="Lỗi nạp dữ liệu")
