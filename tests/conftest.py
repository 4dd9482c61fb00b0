"""Shared fixtures: paths, the shared data folder (optional), a local HTTP server, demo indexes."""
from __future__ import annotations

import http.server
import os
import shutil
import socketserver
import threading
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

ROOT = Path(__file__).resolve().parents[1]
DEMO_ARTICLES = ROOT / "corpus" / "articles"
SHARED = Path(os.environ.get("CIVIC_SHARED_DIR", ROOT.parent / "shared"))
SEED = SHARED / "seeds" / "000_08d3a0008194d1c7.txt"
CIVIC_NEWS = SHARED / "data" / "civic_news" / "articles.jsonl"
VI_QA = SHARED / "data" / "vi_qa"

needs_shared = pytest.mark.skipif(not CIVIC_NEWS.exists(), reason="../shared data is not present")


@pytest.fixture(scope="session")
def demo_index(tmp_path_factory):
    """An Assistant over the demo corpus with the default embedding model (built once per session)."""
    from assistant import Assistant

    index_dir = tmp_path_factory.mktemp("demo-index")
    assistant = Assistant(index_dir)
    stats = assistant.ingest([DEMO_ARTICLES])
    assert stats.ok, [str(e) for e in stats.errors]
    return assistant


@pytest.fixture
def http_server(tmp_path):
    """Serve `tmp_path` on 127.0.0.1; yields (base_url, folder). Adds /redirect-loop and /slow."""
    folder = tmp_path / "www"
    folder.mkdir()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def do_GET(self):  # noqa: N802
            if self.path.startswith("/redirect-loop"):
                self.send_response(302)
                self.send_header("Location", "/redirect-loop")
                self.end_headers()
                return
            super().do_GET()

        def log_message(self, *args):
            pass

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", folder
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def copy_demo(tmp_path):
    """A writable copy of the demo articles folder."""
    target = tmp_path / "articles"
    shutil.copytree(DEMO_ARTICLES, target)
    return target
