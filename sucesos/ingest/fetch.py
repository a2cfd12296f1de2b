"""Fetching outside URLs safely.

Each hop of a fetch is checked before any connection is made: the host name
is resolved once, every address it resolves to must be public (no loopback,
private, link-local, cloud-metadata, multicast or reserved address, unless
`allow_private`), and the connection goes to the address that was checked,
so a DNS answer that changes between check and connect cannot redirect us
(DNS rebinding). Redirects are followed by hand, each hop checked again.
Bodies are read as a stream with a byte cap on the *decoded* size, which
also stops decompression bombs. One deadline bounds the whole fetch: every
connect, TLS handshake, write and read of every hop is given only the time
left (`deadline_client`), so a server trickling its headers or body a byte
at a time is cut off when the deadline passes.
"""

from __future__ import annotations

import contextlib
import contextvars
import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from sucesos import __version__
from sucesos.errors import Errors, InputError

USER_AGENT = f"sucesos/{__version__} (news-to-evidence research tool; +https://pypi.org/project/sucesos/)"
DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
REDIRECT_STATUSES = (301, 302, 303, 307, 308)


class RetryLater(InputError):
    """The server asked us to come back later (429/503, with Retry-After when given)."""

    def __init__(self, message: str, retry_after: float | None):
        super().__init__(message)
        self.retry_after = retry_after


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date."""
    import email.utils

    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


@dataclass(frozen=True)
class Fetched:
    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    etag: str | None = None
    last_modified: str | None = None


# IPv6 prefixes whose last 32 bits are an IPv4 address that the packet
# reaches (RFC 6052 NAT64, well-known and local-use).
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


def embedded_ipv4(ip: ipaddress.IPv6Address) -> tuple[ipaddress.IPv4Address, str] | None:
    """(the IPv4 address an IPv6 form carries, which form), or None.

    Mapped (::ffff:a.b.c.d), 6to4 (2002:AABB:CCDD::), Teredo (its client) and
    NAT64 forms all deliver to the embedded IPv4 address, so they are judged
    as that address: 2002:a9fe:a9fe:: is the cloud metadata service."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped, "IPv4-mapped"
    if ip.sixtofour is not None:
        return ip.sixtofour, "6to4"
    if ip.teredo is not None:
        return ip.teredo[1], "Teredo"
    for network in _NAT64:
        if ip in network:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF), "NAT64"
    return None


def address_kind(address: str) -> str | None:
    """Why an address is refused ("loopback", "private" ...), or None if public."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = embedded_ipv4(ip)
        if embedded is not None:
            inner, form = embedded
            kind = address_kind(str(inner))
            if form == "IPv4-mapped":
                return kind
            if kind is not None:
                return f"{kind}, in {form} form"
            # A public embedded address: the IPv6 form itself is judged below.
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local (cloud metadata)"
    if ip.is_private:
        return "private"
    if ip.is_multicast:
        return "multicast"
    if ip.is_unspecified or ip.is_reserved:
        return "reserved"
    if isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.ip_network("100.64.0.0/10"):
        return "carrier-grade NAT (private)"
    if not ip.is_global:
        return "non-public"
    return None


# The monotonic time by which the fetch running in this thread must be done
# (None: no fetch of ours is running; the stream's own timeouts apply).
_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("sucesos_fetch_deadline", default=None)


@contextlib.contextmanager
def deadline_at(deadline: float):
    """Within this block, every connect, read and write of a `deadline_client`
    in this thread ends by the monotonic time `deadline`."""
    outer = _DEADLINE.set(deadline)
    try:
        yield
    finally:
        _DEADLINE.reset(outer)


def _time_left(timeout: float | None, timeout_error: type[Exception]) -> float | None:
    """The smaller of an I/O call's own timeout and the time left before the fetch's deadline."""
    deadline = _DEADLINE.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise timeout_error("the fetch's deadline has passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream:
    """A network stream whose every read and write ends by the fetch's deadline."""

    def __init__(self, stream):
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        import httpcore

        return self._stream.read(max_bytes, _time_left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        import httpcore

        self._stream.write(buffer, _time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None, timeout: float | None = None):
        import httpcore

        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, _time_left(timeout, httpcore.ConnectTimeout)))

    def get_extra_info(self, info: str):
        return self._stream.get_extra_info(info)


class _DeadlineBackend:
    """httpcore's socket backend, each connection made and used within the fetch's deadline."""

    def __init__(self, backend):
        self._backend = backend

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        import httpcore

        left = _time_left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_tcp(host, port, left, local_address, socket_options))

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        import httpcore

        return _DeadlineStream(self._backend.connect_unix_socket(path, _time_left(timeout, httpcore.ConnectTimeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def deadline_client(*, verify=True, **options):
    """An httpx.Client whose connections honour `fetch`'s one deadline.

    httpx reads with a per-read timeout, which a server sending a byte just
    before each would time out resets for ever; this client's network backend
    gives each connect, read and write only the time left before the running
    fetch's deadline (httpx has no public option for a backend, so it is set
    on the transport's connection pool, with the stock behaviour kept when the
    pool has no such attribute)."""
    import httpx

    transport = httpx.HTTPTransport(retries=0, verify=verify)
    pool = getattr(transport, "_pool", None)
    if pool is not None and hasattr(pool, "_network_backend"):
        pool._network_backend = _DeadlineBackend(pool._network_backend)
    return httpx.Client(transport=transport, follow_redirects=False, trust_env=False, **options)


def resolve(host: str, port: int, resolver: Callable = socket.getaddrinfo) -> list[str]:
    infos = resolver(host, port, type=socket.SOCK_STREAM)
    addresses = []
    for info in infos:
        address = info[4][0]
        if address not in addresses:
            addresses.append(address)
    return addresses


def _checked_address(url: str, *, allow_private: bool, resolver: Callable) -> tuple[str, str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(Errors.E016.format(url=url))
    host = parts.hostname
    if not host:
        raise InputError(Errors.E012.format(url=url, detail="no host name"))
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = resolve(host, port, resolver)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise InputError(Errors.E012.format(url=url, detail=f"cannot resolve {host} ({exc})")) from exc
    if not addresses:
        raise InputError(Errors.E012.format(url=url, detail=f"{host} has no address"))
    if not allow_private:
        for address in addresses:
            kind = address_kind(address)
            if kind:
                raise InputError(Errors.E011.format(url=url, host=host, kind=kind, address=address))
    return host, addresses[0], port


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    resolver: Callable = socket.getaddrinfo,
    headers: dict | None = None,
    client=None,
    before_hop: Callable[[str], None] | None = None,
    _deadline: float | None = None,
) -> Fetched:
    """GET `url` safely (see module docstring). Raises InputError with a reason.

    A 304 Not Modified comes back as a `Fetched` with status 304 and no body;
    429/503 raise `RetryLater` with the server's Retry-After. `client`: an
    httpx.Client to reuse (building one costs ~15 ms of CPU, which a poller
    of hundreds of feeds cannot pay per request). `before_hop(host)` runs
    before each request, e.g. a per-host rate limit. `timeout` is one
    deadline for the whole fetch (connect, every redirect and every read), so
    a server trickling a byte a second is cut off when it passes, not after
    the 10 MiB it may take months to send.
    """
    import httpx

    deadline = time.monotonic() + timeout if _deadline is None else _deadline
    if client is None:
        with deadline_client(timeout=timeout) as own_client:
            return fetch(
                url, allow_private=allow_private, timeout=timeout, max_bytes=max_bytes, resolver=resolver,
                headers=headers, client=own_client, before_hop=before_hop, _deadline=deadline,
            )  # fmt: skip

    def remaining(at: str) -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise timed_out(at)
        return left

    def timed_out(at: str) -> InputError:
        return InputError(Errors.E012.format(url=at, detail=f"no complete answer within the {timeout:g}-second deadline"))

    def hops() -> Fetched:
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            host, address, port = _checked_address(current, allow_private=allow_private, resolver=resolver)
            if before_hop is not None:
                before_hop(host.lower())
            parts = urlsplit(current)
            literal = f"[{address}]" if ":" in address else address
            netloc = literal if parts.port is None else f"{literal}:{port}"
            pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
            request_headers = {"User-Agent": USER_AGENT, "Host": parts.netloc.rsplit("@", 1)[-1], **(headers or {})}
            extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
            try:
                with client.stream("GET", pinned, headers=request_headers, extensions=extensions, timeout=remaining(current)) as response:
                    # httpx's is_redirect is true for every 3xx, 304 included.
                    if response.status_code in REDIRECT_STATUSES:
                        location = response.headers.get("location")
                        if not location:
                            raise InputError(Errors.E013.format(url=current, status=response.status_code))
                        current = urljoin(current, location)
                        continue
                    if response.status_code in (429, 503):
                        wait = retry_after_seconds(response.headers.get("retry-after"), time.time())
                        raise RetryLater(Errors.E013.format(url=current, status=response.status_code), wait)
                    if response.status_code >= 400:
                        raise InputError(Errors.E013.format(url=current, status=response.status_code))
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise InputError(Errors.E014.format(url=current, limit=max_bytes))
                    chunks, size = [], 0
                    for chunk in response.iter_bytes():
                        remaining(current)
                        size += len(chunk)
                        if size > max_bytes:
                            raise InputError(Errors.E014.format(url=current, limit=max_bytes))
                        chunks.append(chunk)
                    return Fetched(
                        url=url,
                        final_url=current,
                        status=response.status_code,
                        content_type=response.headers.get("content-type", ""),
                        body=b"".join(chunks),
                        etag=response.headers.get("etag"),
                        last_modified=response.headers.get("last-modified"),
                    )
            except httpx.HTTPError as exc:
                if isinstance(exc, httpx.TimeoutException) and deadline - time.monotonic() < 0.05:
                    raise timed_out(current) from exc
                raise InputError(Errors.E012.format(url=current, detail=f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)) from exc
        raise InputError(Errors.E012.format(url=url, detail=f"more than {MAX_REDIRECTS} redirects"))

    with deadline_at(deadline):
        return hops()
