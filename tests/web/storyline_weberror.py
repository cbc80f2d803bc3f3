"""The error body check shared by the web tests: ``{"error": {"code", "message", "hint"}}``."""

from __future__ import annotations


def error_of(response, status: int | tuple[int, int] = (400, 499), code: str | None = None) -> dict:
    """The ``error`` object of ``response``, checking its status (or range), shape and code."""
    low, high = (status, status) if isinstance(status, int) else status
    assert low <= response.status_code <= high, (response.status_code, response.text[:300])
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "hint"}
    assert body["error"]["message"]
    assert code is None or body["error"]["code"] == code, body
    return body["error"]
