"""HTTP for the fetch: one request at a time, a User-Agent naming the project, a timeout on every
request, transient failures (a refused or reset connection, a timeout, a truncated body, 429, 5xx)
tried again with a growing pause; anything else, or the last try, is a FetchError naming the URL."""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

from tiltaksdata.errors import FetchError

REPOSITORY = "https://github.com/tiltaksdata/tiltaksdata"
TRANSIENT_STATUS = (408, 425, 429, 500, 502, 503, 504)


@dataclass(frozen=True)
class Response:
    """What a request returned: the final address (after redirects), the body and two headers."""

    url: str
    body: bytes
    content_type: str = ""
    last_modified: str = ""  # the Last-Modified header as a date, YYYY-MM-DD, where given


@dataclass
class Fetcher:
    """GETs one address at a time with retries; `sleep` is replaceable so tests need not wait."""

    repository: str = REPOSITORY
    timeout: float = 20.0
    retries: int = 3  # tries after the first (a timeout is tried again once: a server that hung tends to hang)
    backoff: float = 0.5  # seconds before the first retry, doubled before each next one
    sleep: Callable[[float], None] = time.sleep
    requests: int = field(default=0, init=False)

    @property
    def user_agent(self) -> str:
        """Who is asking, and where to read what it does."""
        return f"tiltaksdata-fetch/1.0 (+{self.repository})"

    def get(self, url: str) -> Response:
        """The body at `url`; a FetchError after the last try, or at once for an error that is not transient."""
        pause = self.backoff
        for attempt in range(self.retries + 1):
            try:
                return self._get_once(url)
            except _Transient as err:
                if attempt == self.retries or (err.why == "timeout" and attempt >= 1):
                    raise FetchError(url, f"{err} (tried {attempt + 1} times)", _hint(err.why)) from None
                self.sleep(pause)
                pause *= 2
        raise AssertionError("unreachable")

    def _get_once(self, url: str) -> Response:
        self.requests += 1
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "*/*"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                expected = response.headers.get("Content-Length")
                body = response.read()
                if expected and expected.isdigit() and len(body) < int(expected):
                    raise _Transient("truncated", f"truncated download: {len(body)} of {expected} bytes")
                return Response(
                    response.geturl(),
                    body,
                    response.headers.get_content_type() if response.headers.get("Content-Type") else "",
                    _day(response.headers.get("Last-Modified", "")),
                )
        except urllib.error.HTTPError as err:
            if err.code in TRANSIENT_STATUS:
                raise _Transient("status", f"HTTP error {err.code} {err.reason}") from None
            raise FetchError(url, f"HTTP error {err.code} {err.reason}", _hint("status")) from None
        except http.client.IncompleteRead as err:
            got = len(err.partial)
            raise _Transient("truncated", f"truncated download: {got} of {got + (err.expected or 0)} bytes") from None
        except TimeoutError:
            raise _Transient("timeout", f"timed out after {self.timeout:g} s") from None
        except urllib.error.URLError as err:
            reason = err.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise _Transient("timeout", f"timed out after {self.timeout:g} s") from None
            if isinstance(reason, (ConnectionError, OSError)):
                raise _Transient("network", f"network error: {reason}") from None
            raise FetchError(url, f"cannot fetch: {reason}", _hint("network")) from None
        except (ConnectionError, http.client.HTTPException) as err:
            raise _Transient("network", f"network error: {type(err).__name__}: {err}") from None


class _Transient(Exception):
    """A failure that may pass if tried again."""

    def __init__(self, why: str, message: str) -> None:
        self.why = why
        super().__init__(message)


def _hint(why: str) -> str:
    return {
        "network": "Is the address right and the server up? Try again later; nothing was changed.",
        "timeout": "The server did not answer in time. Try again later (or --timeout); nothing was changed.",
        "truncated": "The connection broke off before the file was whole. Try again; nothing was changed.",
        "status": "If NAV moved or replaced the file, its page links the new address: run the fetch again. "
        "If the page itself is gone, see README, «Keeping the site current».",
    }.get(why, "")


def _day(header: str) -> str:
    try:
        return parsedate_to_datetime(header).date().isoformat() if header else ""
    except (TypeError, ValueError):
        return ""
