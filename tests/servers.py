"""The real server for the HTTP tests: `foedus serve` started as a user starts it, on a
free localhost port, and called over HTTP (the standard library's client)."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(*args: str, env: dict | None = None, workers: int = 2):
    """A base URL, http://127.0.0.1:PORT/v1, while `foedus serve` runs."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "foedus.cli", "serve", "--port", str(port),
                             "--workers", str(workers), *args],
                            env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if call("GET", base + "/health")[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                out, err = proc.communicate(timeout=5) if proc.poll() is not None else ("", "")
                raise RuntimeError(f"foedus serve did not start: {err}")
            time.sleep(0.2)
        proc.base = base
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()


def call(method: str, url: str, body: bytes | None = None, media: str = "application/json",
         headers: dict | None = None, timeout: float = 300) -> tuple[int, dict, bytes]:
    """(status, headers, body) of one request; an error status is an answer, not an exception."""
    request = urllib.request.Request(url, data=body, method=method,
                                     headers={**({"Content-Type": media} if body is not None else {}),
                                              **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def problem(answer) -> dict:
    status, headers, body = answer
    assert headers["content-type"] == "application/problem+json", (status, body[:300])
    doc = json.loads(body)
    assert doc["status"] == status and doc["type"].startswith("https://foedus.invalid/problems/")
    assert "Traceback" not in doc["detail"]
    return doc
