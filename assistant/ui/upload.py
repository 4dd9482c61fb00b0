"""The upload tab's work: which files and URLs are accepted (the suffixes the readers read,
`corpus.readers.READABLE_SUFFIXES`; a size limit; http(s) URLs only), ingesting them under the
uploaded file's own name, and one result row per input."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from corpus.readers import READABLE_SUFFIXES

from .escaping import safe_url
from .toasts import failed_ingest

MAX_UPLOAD_MB = 50
UPLOAD_TYPES = tuple(READABLE_SUFFIXES)  # the suffixes the readers read, in the registry's order
UPLOAD_HEADERS = ["Tệp / URL", "Thêm", "Cập nhật", "Không đổi", "Lỗi", "Ghi chú"]
_COUNTS = ("added", "updated", "unchanged")


def megabytes(value: float) -> str:
    """A size limit in megabytes as shown to the user ("50", "0.25")."""
    return f"{value:g}"


def _rejected(shown: str, note: str) -> list:
    return [shown, 0, 0, 0, 1, note]


def upload_inputs(files, urls: str, max_mb: float = MAX_UPLOAD_MB) -> tuple[list[str], dict[str, str], list[list]]:
    """(inputs to ingest, input → display name, rows for inputs rejected before reading: over
    `max_mb` megabytes, unsupported type, not an http(s) URL)."""
    inputs, names, rejected = [], {}, []
    for item in files or []:
        path = item if isinstance(item, str) else getattr(item, "name", None) or str(item)
        name = Path(path).name
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            rejected.append(_rejected(name, f"Không đọc được tệp: {exc.strerror or exc}"))
            continue
        if size > max_mb * 1024 * 1024:
            note = f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB; giới hạn {megabytes(max_mb)} MB)"
            rejected.append(_rejected(name, note))
            continue
        if Path(name).suffix.lower() not in UPLOAD_TYPES:
            rejected.append(_rejected(name, "Định dạng không hỗ trợ (dùng " + ", ".join(UPLOAD_TYPES) + ")"))
            continue
        inputs.append(path)
        names[path] = name
    for line in (urls or "").splitlines():
        url = line.strip()
        if not url:
            continue
        if not safe_url(url):
            rejected.append(_rejected(url, "Không phải địa chỉ http(s) hợp lệ"))
            continue
        inputs.append(url)
        names[url] = url
    return inputs, names, rejected


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
            note = "OK" if any(counts.get(k) for k in _COUNTS) else "Không có bài viết nào"
        rows.append([names.get(inp, inp), counts.get("added", 0), counts.get("updated", 0),
                     counts.get("unchanged", 0), n_errors, note])
    return rows


def ingest_uploads(assistant, lock, files, urls, *, max_upload_mb: float = MAX_UPLOAD_MB,
                   allow_private_urls: bool = False,
                   on_article: Callable[[str], None] | None = None) -> tuple[list[list], float]:
    """Ingest uploaded files and pasted URLs, holding `lock`: (one result row per input, seconds).
    An uploaded file's articles come from its own name ("upload:NAME"), not its temporary copy, so
    an edited file uploaded again updates them. A failed ingest raises the "Không nạp được" toast."""
    inputs, names, rows = upload_inputs(files, urls, max_upload_mb)
    if not inputs:
        return rows, 0.0
    origins = {path: f"upload:{name}" for path, name in names.items() if path != name}
    try:
        with lock:
            stats = assistant.ingest(inputs, progress=on_article, allow_private_urls=allow_private_urls,
                                     origins=origins)
    except Exception as exc:  # keep the UI alive; say what failed
        raise failed_ingest(exc) from None
    return ingest_rows(stats, inputs, names) + rows, stats.seconds


def ingest_summary(rows: list[list], seconds: float) -> str:
    """The Markdown line above the result table: totals, and a note when some inputs failed."""
    added, updated, unchanged, n_errors = (sum(int(r[i]) for r in rows) for i in (1, 2, 3, 4))
    summary = (f"**{added}** bài mới, **{updated}** cập nhật, **{unchanged}** không đổi, "
               f"**{n_errors}** lỗi ({seconds:.1f} s).")
    if n_errors and (added or updated or unchanged):
        summary += " Các tệp lỗi được liệt kê bên dưới; những tệp khác đã được nạp."
    return summary


def ingest_api_result(rows: list[list], seconds: float) -> dict:
    """The `/ingest` API's answer: {"rows": [{input, added, updated, unchanged, errors, note}], "seconds"}."""
    keys = ("input", "added", "updated", "unchanged", "errors", "note")
    return {"rows": [dict(zip(keys, row)) for row in rows], "seconds": round(seconds, 3)}
