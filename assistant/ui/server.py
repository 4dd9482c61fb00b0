"""Serving the UI: its theme (system fonts only), its CSS (`style.css`, shipped with the
package), and starting Gradio's server — in the foreground for `civic serve`, or in a background
thread for tests and benchmarks."""
from __future__ import annotations

from importlib.resources import files

import gradio as gr

from .upload import MAX_UPLOAD_MB
from .wiring import build_app

CSS = files(__package__).joinpath("style.css").read_text(encoding="utf-8")


def theme() -> gr.themes.Base:
    """The app's Gradio theme: red and amber on slate, with fonts the system has (no CDN)."""
    font = ["Noto Sans", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"]
    mono = ["Noto Sans Mono", "DejaVu Sans Mono", "monospace"]
    return gr.themes.Soft(primary_hue="red", secondary_hue="amber", neutral_hue="slate", font=font, font_mono=mono)


def launch(app: gr.Blocks, host: str = "127.0.0.1", port: int = 7860, auth: tuple[str, str] | None = None,
           *, block: bool = True, quiet: bool = True) -> str:
    """Start `app` (theme, CSS, upload limit, optional login); returns the local URL. With
    `block=False` the server runs in a background thread (tests). Binds `host` only: 127.0.0.1
    unless told otherwise ("0.0.0.0" for every interface). The upload limit is the one given to
    `build_app` (Gradio answers 413 to a larger upload)."""
    max_upload_mb = getattr(app, "civic_max_upload_mb", MAX_UPLOAD_MB)
    app.queue(default_concurrency_limit=2)
    app.launch(
        server_name=host, server_port=port, auth=auth,
        auth_message="Đăng nhập để dùng Trợ lý tin tức dân sự." if auth else None,
        max_file_size=int(max_upload_mb * 1024 * 1024), share=False, inbrowser=False, quiet=quiet, show_error=True,
        prevent_thread_lock=True, theme=theme(), css=CSS, ssr_mode=False, mcp_server=False,
        footer_links=["api"],
    )
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '') else host}:{app.server_port}"
    if block:
        print(f"Giao diện đang chạy tại {url} (Ctrl-C để dừng)", flush=True)
        try:
            app.block_thread()
        finally:
            app.close()
    return url


def serve(assistant, host: str = "127.0.0.1", port: int = 7860, auth: tuple[str, str] | None = None,
          max_upload_mb: float = MAX_UPLOAD_MB, allow_private_urls: bool = False) -> None:
    """Serve the UI over `assistant` on http://host:port until Ctrl-C (binds 127.0.0.1 by default).
    `allow_private_urls`: let users have loopback / private / link-local URLs fetched (off by default)."""
    app = build_app(assistant, max_upload_mb=max_upload_mb, allow_private_urls=allow_private_urls)
    launch(app, host=host, port=port, auth=auth, block=True)
