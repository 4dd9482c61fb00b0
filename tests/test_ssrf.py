"""Issue [5/5], defect 6: the web UI (upload tab and its `/ingest` API) fetches only public
addresses — checked after DNS resolution, on every redirect, on the address actually connected to —
unless the server was started with `--allow-private-urls`; the CLI and the Python API, run by the
machine's own user, fetch any URL. Pages are served on 127.0.0.1 (and 127.0.0.2, which these tests
treat as public where a "public" server is needed)."""
from __future__ import annotations

import ipaddress
import socket
import subprocess
import sys

import pytest
from conftest import ROOT
from http_fixtures import FixtureServer, QuietHandler, free_port

from assistant import Assistant
from corpus import urlguard
from corpus.readers import Article, ReadError, read_url

PAGE = ("<html><head><title>Tài liệu nội bộ của máy chủ</title></head><body><article><p>Mật khẩu quản trị nội bộ "
        "của máy chủ là ngựa-vằn-42, chỉ dành cho nhân viên trong mạng nội bộ của cơ quan.</p></article></body></html>")


class _Server(FixtureServer):
    """An HTTP server on `host`: /page serves PAGE, /to?u=URL redirects there; counts requests."""

    def __init__(self, host: str) -> None:
        hits = self.hits = []

        class Handler(QuietHandler):
            def do_GET(self):  # noqa: N802
                hits.append(self.path)
                if self.path.startswith("/to?u="):
                    self.start_response(302, Location=self.path[len("/to?u="):])
                    return
                self.reply(200, PAGE.encode(), "text/html; charset=utf-8")

        super().__init__(Handler, host)


@pytest.fixture
def private_server():
    server = _Server("127.0.0.1")
    yield server
    server.close()


@pytest.fixture
def public_server(monkeypatch):
    """A server on 127.0.0.2, which the address rule treats as public for this test."""
    real = urlguard.address_kind
    monkeypatch.setattr(urlguard, "address_kind",
                        lambda address: None if address == ipaddress.ip_address("127.0.0.2") else real(address))
    server = _Server("127.0.0.2")
    yield server
    server.close()


def _errors(url: str, **kwargs) -> list[str]:
    results = list(read_url(url, timeout=5, fetch_delay=0, **kwargs))
    assert all(isinstance(r, ReadError) for r in results), results
    return [r.message for r in results]


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("127.8.9.10", "loopback"), ("::1", "loopback"), ("10.1.2.3", "private"),
    ("172.16.0.1", "private"), ("192.168.1.1", "private"), ("fd00:ec2::254", "private"),
    ("169.254.169.254", "link-local"), ("fe80::1", "link-local"), ("100.100.100.200", "non-public"),
    ("0.0.0.0", "unspecified"), ("::", "unspecified"), ("224.0.0.1", "multicast"), ("ff02::1", "multicast"),
    ("255.255.255.255", "private"), ("240.0.0.1", "private"), ("::ffff:127.0.0.1", "loopback"),
    ("64:ff9b::a9fe:a9fe", "link-local"), ("2002:7f00:1::1", "loopback"), ("192.0.2.1", "private"),
    ("8.8.8.8", None), ("2001:4860:4860::8888", None), ("14.225.0.1", None),
])
def test_only_public_unicast_addresses_are_allowed(address, kind):
    found = urlguard.address_kind(ipaddress.ip_address(address))
    assert (found is None) == (kind is None) and (kind is None or found.startswith(kind)), found


def test_private_addresses_are_refused_after_resolution_and_the_cli_reader_still_fetches_them(private_server):
    port = private_server.httpd.server_address[1]
    for url in (f"{private_server.url}/page", f"http://localhost:{port}/page", f"http://[::1]:{port}/page",
                f"http://2130706433:{port}/page", f"http://0x7f.1:{port}/page", f"http://127.1:{port}/page",
                f"http://0.0.0.0:{port}/page", f"http://[::ffff:127.0.0.1]:{port}/page",
                "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/latest/meta-data/"):
        messages = _errors(url, allow_private=False)
        assert len(messages) == 1 and messages[0].startswith("refused: ") and "not a public address" in messages[0], (url, messages)
        assert "--allow-private-urls" in messages[0]
    assert private_server.hits == [], "nothing was sent to the private server"
    fetched = list(read_url(f"{private_server.url}/page", timeout=5, fetch_delay=0))  # the CLI's and the API's default
    assert isinstance(fetched[0], Article) and "ngựa-vằn-42" in fetched[0].text


def test_a_redirect_to_a_private_address_is_refused(public_server, private_server):
    page = list(read_url(f"{public_server.url}/page", timeout=5, allow_private=False, fetch_delay=0))
    assert isinstance(page[0], Article), page  # the public server itself is fetched
    for target in (f"{private_server.url}/page", "http://169.254.169.254/latest/meta-data/",
                   f"http://localhost:{private_server.httpd.server_address[1]}/page"):
        messages = _errors(f"{public_server.url}/to?u={target}", allow_private=False)
        assert len(messages) == 1 and "refused (redirected to " in messages[0] and target in messages[0], messages
    two_hops = f"{public_server.url}/to?u={public_server.url}/to?u={private_server.url}/page"
    assert "refused (redirected to" in _errors(two_hops, allow_private=False)[0]
    assert private_server.hits == []


def test_the_address_checked_is_the_address_connected_to(public_server, private_server, monkeypatch):
    """DNS rebinding: a name that resolves to a public address when checked and to a private one
    later is connected to at the address that was checked (resolved once per connection)."""
    real = socket.getaddrinfo
    calls = []

    def rebinding(host, port, *args, **kwargs):
        if host != "rebind.test":
            return real(host, port, *args, **kwargs)
        calls.append(host)
        address = "127.0.0.2" if len(calls) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    port = public_server.httpd.server_address[1]
    assert private_server.httpd.server_address[1] != port
    from corpus.fetch import Fetcher

    # one connection (robots.txt not asked for, which would be a second one)
    fetcher = Fetcher(timeout=5, robots=False, allow_private=False)
    result = list(read_url(f"http://rebind.test:{port}/page", fetcher=fetcher))
    assert isinstance(result[0], Article) and calls == ["rebind.test"]
    assert public_server.hits == ["/page"] and private_server.hits == []


def test_civic_ingest_fetches_a_feed_on_127_0_0_1(private_server, tmp_path):
    result = subprocess.run([sys.executable, "-m", "assistant.cli", "ingest", f"{private_server.url}/page",
                             "--index", str(tmp_path / "idx"), "--json"], capture_output=True, text=True, cwd=ROOT,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    # the polite fetcher asks for robots.txt first
    assert '"articles_added": 1' in result.stdout and private_server.hits in (["/page"], ["/robots.txt", "/page"])


@pytest.fixture(scope="module")
def ui_index(tmp_path_factory):
    return Assistant(tmp_path_factory.mktemp("ssrf-index"))


def _client_for(assistant, **kwargs):
    from gradio_client import Client

    from assistant import app as ui

    app = ui.build_app(assistant, **kwargs)
    url = ui.launch(app, port=free_port(), block=False)
    return app, Client(url, verbose=False, download_files=False)


def test_the_ui_api_refuses_private_urls_unless_allowed(ui_index, public_server, private_server):
    app, client = _client_for(ui_index)
    try:
        urls = [f"{private_server.url}/page", "http://169.254.169.254/latest/meta-data/",
                f"{public_server.url}/to?u={private_server.url}/page"]
        result = client.predict(None, "\n".join(urls), api_name="/ingest")
        rows = {row["input"]: row for row in result["rows"]}
        assert set(rows) == set(urls)
        for url in urls:
            assert rows[url]["added"] == 0 and rows[url]["errors"] == 1 and "refused" in rows[url]["note"], rows[url]
        assert ui_index.stats()["articles"] == 0 and private_server.hits == []
    finally:
        app.close()
    app, client = _client_for(ui_index, allow_private_urls=True)  # civic serve --allow-private-urls
    try:
        result = client.predict(None, f"{private_server.url}/page", api_name="/ingest")
        assert result["rows"][0]["added"] == 1, result
        assert "ngựa-vằn-42" in client.predict("Mật khẩu quản trị nội bộ của máy chủ là gì?", api_name="/chat")
    finally:
        app.close()


def test_civic_serve_has_the_switch():
    from assistant.cli import build_parser

    assert build_parser().parse_args(["serve"]).allow_private_urls is False
    assert build_parser().parse_args(["serve", "--allow-private-urls"]).allow_private_urls is True
