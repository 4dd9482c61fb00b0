"""Shared fixtures: paths, the shared data folder (optional), a local HTTP server, demo indexes."""
from __future__ import annotations

import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest
from http_fixtures import FixtureServer, QuietHandler

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
# Tests fetch from their own server on 127.0.0.1: no politeness delay between requests (read by
# Settings.from_env for every Assistant and `civic` a test starts; tests calling corpus.readers
# directly pass fetch_delay=0, and tests/test_feeds.py sets a delay to check it).
os.environ.setdefault("CIVIC_FETCH_DELAY", "0")

ROOT = Path(__file__).resolve().parents[1]
DEMO_ARTICLES = ROOT / "corpus" / "articles"
SHARED = Path(os.environ.get("CIVIC_SHARED_DIR", ROOT.parent / "shared"))
SEED = SHARED / "seeds" / "000_08d3a0008194d1c7.txt"
CIVIC_NEWS = SHARED / "data" / "civic_news" / "articles.jsonl"
VI_QA = SHARED / "data" / "vi_qa"

needs_shared = pytest.mark.skipif(not CIVIC_NEWS.exists(), reason="../shared data is not present")

# Browser tests drive Debian's Chromium through Playwright (never `playwright install`).
CHROMIUM = os.environ.get("CIVIC_CHROMIUM", "/usr/bin/chromium")
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=vi-VN"]
try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None
needs_browser = pytest.mark.skipif(
    sync_playwright is None or not Path(CHROMIUM).exists(),
    reason=f"browser tests need Playwright (pip extra 'test') and Debian's chromium at {CHROMIUM} "
           "(apt-get install -y chromium)",
)


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for one test module."""
    if sync_playwright is None or not Path(CHROMIUM).exists():
        pytest.skip(f"needs Playwright and {CHROMIUM} (apt-get install -y chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS, headless=True)
        yield b
        b.close()


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
    """Serve `tmp_path/www` on 127.0.0.1; yields (base_url, folder). Besides the files, hostile
    endpoints: /redirect-loop (302 to itself), /redirect-forever/N (302 to N+1, never ending),
    /redirect-file (302 to file:///etc/passwd), /slow (answers after 30 s), /trickle (headers, then
    one body byte every 0.2 s for a minute), /status/NNN (that status), /binary (octet-stream),
    /png (image/png), /huge (claims a 1 GB body), /endless (an endless text/html body),
    /garbage (not HTTP), /bad-chunked (broken chunked encoding), /empty (200 with no body)."""
    import re

    folder = tmp_path / "www"
    folder.mkdir()
    stop = threading.Event()

    class Handler(QuietHandler, http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(folder), **kwargs)

        def _head(self, status=200, content_type="text/html; charset=utf-8", length=None, **headers):
            self.start_response(status, content_type, length, **headers)

        def do_GET(self):  # noqa: N802
            path = self.path
            if path.startswith("/redirect-loop"):
                self.send_response(302)
                self.send_header("Location", "/redirect-loop")
                self.end_headers()
            elif match := re.match(r"^/redirect-forever/(\d+)", path):
                self.send_response(302)
                self.send_header("Location", f"/redirect-forever/{int(match.group(1)) + 1}")
                self.end_headers()
            elif path.startswith("/redirect-file"):
                self.send_response(302)
                self.send_header("Location", "file:///etc/passwd")
                self.end_headers()
            elif path.startswith("/slow"):
                stop.wait(30)
                if not stop.is_set():
                    self._head(200, length=0)
            elif path.startswith("/trickle"):
                self._head(200)
                for _ in range(300):
                    if stop.wait(0.2):
                        return
                    self.wfile.write(b"<")
                    self.wfile.flush()
            elif match := re.match(r"^/status/(\d{3})", path):
                body = b"<html><body><p>Server error page</p></body></html>"
                self._head(int(match.group(1)), length=len(body))
                self.wfile.write(body)
            elif path.startswith("/binary"):
                body = bytes(range(256)) * 64
                self._head(200, "application/octet-stream", len(body))
                self.wfile.write(body)
            elif path.startswith("/png"):
                body = b"\x89PNG\r\n\x1a\n" + bytes(1000)
                self._head(200, "image/png", len(body))
                self.wfile.write(body)
            elif path.startswith("/huge"):
                self._head(200, length=1 << 30)
                self.wfile.write(b"<html><body>" + b"x" * 65536)
            elif path.startswith("/endless"):
                self._head(200)
                chunk = ("<p>" + "Nội dung lặp lại vô tận. " * 200 + "</p>").encode()
                while not stop.is_set():
                    self.wfile.write(chunk)
            elif path.startswith("/garbage"):
                self.wfile.write(b"\x00\x01 this is not HTTP at all\r\n\r\n")
            elif path.startswith("/bad-chunked"):
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                self.wfile.write(b"zz\r\nnot a chunk size\r\n")
            elif path.startswith("/empty"):
                self._head(200, length=0)
            else:
                super().do_GET()

    server = FixtureServer(Handler, quiet_errors=True)  # clients that gave up (timeouts) are expected
    try:
        yield server.url, folder
    finally:
        stop.set()
        server.close()


@pytest.fixture
def copy_demo(tmp_path):
    """A writable copy of the demo articles folder."""
    target = tmp_path / "articles"
    shutil.copytree(DEMO_ARTICLES, target)
    return target
