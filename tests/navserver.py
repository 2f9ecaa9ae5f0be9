"""A local stand-in for NAV's statistics pages: fixtures for the fetch, so no test touches the network.

`NavServer` serves pages shaped like NAV's (links in NAV's attachment form,
`/_/attachment/download/<uuid>:<hash>/<file name, URL-encoded>`) and the files behind them, and can
misbehave the ways a real server does: a 404, an HTML page with status 200, a body cut short, a
server that dies while a file is asked for. It records every request (path, User-Agent) and how many
were in flight at once. `seed_files` makes NAV's files from the seed reports (tests/workbooks.py,
tests/pdfgen.py).
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import openpyxl

NAV_PAGE = "/no/nav-og-samfunn/statistikk/arbeidssokere-og-stillinger-statistikk/tiltaksdeltakere"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Route:
    """What the server answers at one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    truncate: int | None = None  # send only this many bytes of the body, then close (Content-Length says all)
    die: bool = False  # the server goes away while this is asked for
    fail_first: int = 0  # answer 503 this many times first
    last_modified: str = ""
    delay: float = 0.0  # seconds to wait before answering (a server that hangs)


@dataclass
class NavServer:
    """A threaded HTTP server on 127.0.0.1 serving `routes` (by decoded path)."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (decoded path, User-Agent)
    in_flight: int = 0
    most_in_flight: int = 0
    port: int = 0

    def start(self) -> NavServer:
        handler = _handler(self)
        self.httpd: ThreadingHTTPServer | None = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket: from now on a connection is refused."""
        if getattr(self, "httpd", None) is not None:
            httpd, self.httpd = self.httpd, None
            httpd.shutdown()
            httpd.server_close()

    @property
    def base(self) -> str:
        """The server's address, without a final «/»."""
        return f"http://127.0.0.1:{self.port}"

    def route(self, href: str) -> Route:
        """What is served at a link's path."""
        return self.routes[unquote(href)]

    def url(self, path: str) -> str:
        return self.base + quote(path)

    def page(self, path: str, links: list[str], extra: str = "") -> str:
        """Serve a page like NAV's linking `links` (hrefs as given); its address."""
        anchors = "\n".join(f'<li><a href="{href}" class="lenke">{href.rsplit("/", 1)[-1]}</a></li>' for href in links)
        html = (
            '<!DOCTYPE html><html lang="no"><head><meta charset="utf-8"><title>Tiltaksdeltakere - nav.no</title>'
            f"</head><body><main><h1>Tiltaksdeltakere</h1><ul>{anchors}</ul>{extra}</main></body></html>"
        )
        self.routes[path] = Route(html.encode("utf-8"))
        return self.url(path)

    def attachment(self, name: str, body: bytes, digest: str = "", how: str = "download", **options: object) -> str:
        """Serve a file as NAV does, `/_/attachment/<how>/<uuid>:<hash>/<name>`; its path, URL-encoded."""
        path = f"/_/attachment/{how}/{uuid.uuid4()}:{digest or uuid.uuid4().hex[:20]}/{name}"
        kind = {".xlsx": XLSX, ".pdf": "application/pdf"}.get(Path(name).suffix, "application/octet-stream")
        self.routes[path] = Route(body, content_type=kind, **options)  # type: ignore[arg-type]
        return quote(path, safe="/:")


def _handler(server: NavServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            server.requests.append((path, self.headers.get("User-Agent", "")))
            server.in_flight += 1
            server.most_in_flight = max(server.most_in_flight, server.in_flight)
            try:
                self._answer(server.routes.get(path))
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout): as a server sees it
                self.close_connection = True
            finally:
                server.in_flight -= 1

        def _answer(self, route: Route | None) -> None:
            if route is None:
                return self._send(404, b"<html><body>Fant ikke siden</body></html>", "text/html")
            if route.die:
                self.close_connection = True
                threading.Thread(target=server.stop).start()
                return None
            if route.delay:
                time.sleep(route.delay)
            if route.fail_first:
                route.fail_first -= 1
                return self._send(503, b"busy", "text/plain")
            body = route.body
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(body)))
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            self.end_headers()
            self.wfile.write(body if route.truncate is None else body[: route.truncate])
            if route.truncate is not None:
                self.close_connection = True
            return None

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def with_note(path: Path, *notes: str) -> Path:
    """Add NAV's notes (a break, say) to a workbook's «Om statistikken» sheet."""
    book = openpyxl.load_workbook(path)
    for note in notes:
        book.worksheets[0].append([note])
    book.save(path)
    return path
