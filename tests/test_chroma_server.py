"""Server mode: a real `chroma run` on 127.0.0.1, used through --chroma-url / chroma_url."""
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import DEMO_ARTICLES, ROOT

from assistant import Assistant

SEED = DEMO_ARTICLES / "000_08d3a0008194d1c7.txt"
CHROMA = Path(sys.executable).with_name("chroma")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    if not CHROMA.exists() and not shutil.which("chroma"):
        pytest.skip("the chroma command is not installed")
    path = tmp_path_factory.mktemp("chroma-server")
    port = _free_port()
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False"}
    log = open(path / "server.log", "w")
    proc = subprocess.Popen([str(CHROMA if CHROMA.exists() else "chroma"), "run", "--path", str(path / "data"),
                             "--host", "127.0.0.1", "--port", str(port)], stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("chroma run exited: " + (path / "server.log").read_text())
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma server did not start in 60 s")
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def test_ingest_and_ask_against_a_chroma_server(chroma_server, tmp_path):
    assistant = Assistant(tmp_path / "idx", chroma_url=chroma_server)
    stats = assistant.ingest([SEED])
    assert stats.ok and stats.chunks_added > 0
    info = assistant.stats()
    assert info["chroma"] == chroma_server and info["vectors"] == info["chunks"]
    assert not (tmp_path / "idx" / "chroma").exists(), "no embedded store in server mode"
    answer = assistant.ask("Ai đại diện Cục Thi hành án dân sự tỉnh Vĩnh Phúc?")
    assert "Phùng Huy Thuận" in answer.short_answer
    # Re-opening finds the same vectors on the server; re-ingesting adds nothing.
    again = Assistant(tmp_path / "idx", chroma_url=chroma_server)
    assert again.ingest([SEED]).chunks_added == 0
    assert again.stats()["vectors"] == info["chunks"]


def test_two_indexes_share_one_server_without_interference(chroma_server, tmp_path):
    first = Assistant(tmp_path / "a", chroma_url=chroma_server)
    first.ingest([SEED])
    second = Assistant(tmp_path / "b", chroma_url=chroma_server)
    src = tmp_path / "other.jsonl"
    src.write_text(json.dumps({"id": "o1", "title": "Hội Nông dân", "text": "Hội Nông dân tỉnh tổ chức tập huấn."},
                              ensure_ascii=False) + "\n", encoding="utf-8")
    second.ingest([src])
    assert first.store.collection.name != second.store.collection.name
    assert first.stats()["vectors"] == first.stats()["chunks"] and second.stats()["vectors"] == 1


def test_cli_with_chroma_url(chroma_server, tmp_path):
    index = str(tmp_path / "idx")
    run = lambda *a: subprocess.run([sys.executable, "-m", "assistant.cli", *a, "--index", index,
                                     "--chroma-url", chroma_server], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run("ingest", str(SEED)).returncode == 0
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["chroma"] == chroma_server and stats["vectors"] == stats["chunks"] > 0


def test_bad_chroma_url_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="Chroma URL"):
        Assistant(tmp_path / "idx", chroma_url="localhost:8000")


def test_unreachable_server_is_a_clear_error(tmp_path):
    port = _free_port()
    result = subprocess.run([sys.executable, "-m", "assistant.cli", "stats", "--index", str(tmp_path / "idx"),
                             "--chroma-url", f"http://127.0.0.1:{port}"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 2 and "cannot reach the Chroma server" in result.stderr


@pytest.fixture
def token_proxy(chroma_server):
    """A reverse proxy on 127.0.0.1 in front of the Chroma server that refuses requests without
    `Authorization: Bearer s3cret` (how a team secures Chroma 1.x, docs/chroma-server.md)."""
    import http.client
    import http.server
    import socketserver
    import threading
    import urllib.parse

    upstream = urllib.parse.urlsplit(chroma_server)
    seen: list[str | None] = []

    class Proxy(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _forward(self):
            seen.append(self.headers.get("Authorization"))
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.headers.get("Authorization") != "Bearer s3cret":
                self.send_response(401)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            conn = http.client.HTTPConnection(upstream.hostname, upstream.port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "authorization")}
            conn.request(self.command, self.path, body=body or None, headers=headers)
            reply = conn.getresponse()
            data = reply.read()
            self.send_response(reply.status)
            for k, v in reply.getheaders():
                if k.lower() not in ("transfer-encoding", "content-length", "connection"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            conn.close()

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _forward

        def log_message(self, *args):
            pass

    class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
        daemon_threads = True

    server = Server(("127.0.0.1", 0), Proxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def test_token_from_the_environment_reaches_a_protected_server(token_proxy, tmp_path, monkeypatch):
    url, seen = token_proxy
    monkeypatch.delenv("CIVIC_CHROMA_TOKEN", raising=False)
    from index.store import StoreUnavailable

    with pytest.raises(StoreUnavailable, match="CIVIC_CHROMA_TOKEN"):
        Assistant(tmp_path / "refused", chroma_url=url)
    monkeypatch.setenv("CIVIC_CHROMA_TOKEN", "s3cret")
    assistant = Assistant(tmp_path / "idx", chroma_url=url)
    assert assistant.ingest([SEED]).chunks_added > 0
    assert "Phùng Huy Thuận" in assistant.ask("Ai đại diện Cục Thi hành án dân sự tỉnh Vĩnh Phúc?").short_answer
    assert "Bearer s3cret" in seen and None in seen
