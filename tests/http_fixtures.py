"""The servers tests start: `FixtureServer` (a threaded HTTP server on a loopback address, serving
a test's own handler from a daemon thread), `QuietHandler` (a handler base that logs nothing and
writes whole responses), and `civic serve` run as a subprocess (`start_civic_serve`,
`wait_for_port`, `stop`). Used by tests/conftest.py's `http_server`, test_feeds, test_ssrf,
test_hostile_server and test_ui_security."""
from __future__ import annotations

import http.server
import os
import socket
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# what every `civic serve` a test starts runs with: offline, no telemetry
SERVE_ENV = {"HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", "ANONYMIZED_TELEMETRY": "False",
             "TOKENIZERS_PARALLELISM": "false"}


class QuietHandler(http.server.BaseHTTPRequestHandler):
    """A request handler that logs nothing; `start_response` and `reply` write a response."""

    def start_response(self, status: int, content_type: str | None = None, length: int | None = None,
                  **headers: str) -> None:
        """The status line and headers (`Content_Type`-style names: `_` becomes `-`)."""
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()

    def reply(self, status: int, body: bytes, content_type: str | None = None) -> None:
        """A whole response with a Content-Length."""
        self.start_response(status, content_type, len(body))
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    quiet_errors = False

    def handle_error(self, request, client_address):
        if not self.quiet_errors:
            super().handle_error(request, client_address)


class FixtureServer:
    """`handler` served on `host` (a free port) from a daemon thread until `close()`; `url` is
    http://host:port. `quiet_errors`: no traceback when a client gives up mid-response."""

    def __init__(self, handler: type[http.server.BaseHTTPRequestHandler], host: str = "127.0.0.1",
                 quiet_errors: bool = False) -> None:
        self.httpd = _Server((host, 0), handler)
        self.httpd.quiet_errors = quiet_errors
        self.url = f"http://{host}:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connects(host: str, port: int) -> bool:
    """Whether a TCP connection to host:port opens within 2 s."""
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def start_civic_serve(index_dir: Path, port: int, upload_dir: Path, *options: str, env: dict | None = None,
                      **popen) -> subprocess.Popen:
    """`civic serve --index INDEX_DIR --port PORT [OPTIONS]` in a subprocess, uploads kept in
    `upload_dir`; `env` is added to the environment, `popen` goes to `subprocess.Popen` (stdout…)."""
    environment = {**os.environ, **SERVE_ENV, "GRADIO_TEMP_DIR": str(upload_dir), **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--index", str(index_dir),
                             "--port", str(port), *options], cwd=ROOT, env=environment, **popen)


def wait_for_port(proc: subprocess.Popen, port: int, timeout: float, output: Callable[[], str]) -> None:
    """Return once `proc` listens on 127.0.0.1:`port`; fail with `output()` (its log) if it exits,
    or after `timeout` seconds."""
    deadline = time.time() + timeout
    while True:
        if proc.poll() is not None:
            raise AssertionError(f"civic serve exited {proc.returncode}: {output()}")
        if connects("127.0.0.1", port):
            return
        if time.time() > deadline:
            raise AssertionError("civic serve did not start")
        time.sleep(0.5)


def stop(proc: subprocess.Popen) -> None:
    """Terminate `proc`, killing it after 30 s."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
