"""What a server on 127.0.0.1 must refuse, checked before any route runs
(plain ASGI middleware, so a refused request's body is never read):

- a Host header not in the allow-list (DNS rebinding): 400;
- no token (``?token=`` or the cookie the first visit sets): 401, a wrong one: 403;
- a state-changing request from a foreign page (``Origin``, ``Sec-Fetch-Site``): 403;
- a body over the upload limit: 413, from its Content-Length before reading
  it, or as soon as a chunked body passes the limit.

It also hands each browser a session id (a cookie) and adds headers that
keep the page from being framed or sniffed.
"""
from __future__ import annotations

import hmac
import re
import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
SID = re.compile(r"[A-Za-z0-9_-]{20,64}")
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy", b"default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                  b"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
]


class TooLarge(Exception):
    pass


class Guard:
    def __init__(self, app, *, token: str, hosts: list[str], cookie: str, max_upload: int):
        self.app = app
        self.token = token.encode()
        self.hosts = set(hosts)
        self.origins = {f"http://{h}" for h in hosts}
        self.cookie = cookie  # name of the token cookie; the session cookie is cookie + "_session"
        self.max_upload = max_upload

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        refusal = self.refusal(scope, headers)
        if refusal:
            return await plain(send, *refusal)
        cookies = read_cookies(headers.get("cookie", ""))
        extra = list(SECURITY_HEADERS)
        query_token = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [None])[0]
        if query_token and cookies.get(self.cookie) != query_token:
            extra.append(set_cookie(self.cookie, query_token))
        sid = cookies.get(self.cookie + "_session", "")
        if not SID.fullmatch(sid):
            sid = secrets.token_urlsafe(24)
            extra.append(set_cookie(self.cookie + "_session", sid))
        scope.setdefault("state", {})["sid"] = sid

        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message = dict(message, headers=list(message.get("headers", [])) + extra)
            await send(message)

        if scope["method"] not in SAFE_METHODS and "content-length" not in headers:
            receive = self.counting(receive)
        try:
            await self.app(scope, receive, send_with_headers)
        except TooLarge:
            if not started:
                await plain(send, 413, self.too_large())

    def refusal(self, scope, headers: dict) -> tuple[int, str] | None:
        if headers.get("host", "") not in self.hosts:
            return 400, "Bad Host header: this server answers only to 127.0.0.1 and localhost"
        given = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [None])[0]
        given = given or read_cookies(headers.get("cookie", "")).get(self.cookie)
        if not given:
            return 401, "A token is needed: open the address reportgen serve printed"
        if not hmac.compare_digest(given.encode("utf-8", "replace"), self.token):
            return 403, "Wrong token: open the address reportgen serve printed"
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get("origin")
            if origin is not None and origin not in self.origins:
                return 403, "Cross-site request refused"
            if headers.get("sec-fetch-site") in ("cross-site", "same-site"):
                return 403, "Cross-site request refused"
            length = headers.get("content-length")
            if length is not None:
                if not length.isdigit():
                    return 400, "Bad Content-Length"
                if int(length) > self.max_upload:
                    return 413, self.too_large()
        return None

    def too_large(self) -> str:
        return f"The file is too large (the limit is {self.max_upload / 2**20:g} MB)"

    def counting(self, receive):
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_upload:
                raise TooLarge()
            return message

        return counted


def read_cookies(header: str) -> dict[str, str]:
    jar = SimpleCookie()
    try:
        jar.load(header)
    except Exception:  # noqa: BLE001 - a malformed Cookie header counts as none
        return {}
    return {k: m.value for k, m in jar.items()}


def set_cookie(name: str, value: str) -> tuple[bytes, bytes]:
    return b"set-cookie", f"{name}={value}; Path=/; HttpOnly; SameSite=Lax".encode("latin-1")


async def plain(send, status: int, text: str) -> None:
    body = (text + "\n").encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS]})
    await send({"type": "http.response.body", "body": body})
