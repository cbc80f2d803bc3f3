"""Bounded reading of request bodies: JSON with a depth limit, multipart forms with part limits.

The security middleware already stops any body past ``web.max_upload_bytes``; these readers
turn every malformed body into a 400 (``usage``) with a hint, never a 500.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from starlette.datastructures import FormData

from ..errors import UsageError

MAX_FORM_FILES = 1000
MAX_FORM_FIELDS = 100


def content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def read_bytes(request: Request) -> bytes:
    chunks = [chunk async for chunk in request.stream()]
    return b"".join(chunks)


def json_depth(value: Any, limit: int) -> int:
    """How deep ``value`` nests (without recursion), stopping once past ``limit``."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, (dict, list)):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
    return deepest


def lone_surrogate(value: Any) -> str | None:
    """The path of the first string in ``value`` holding a lone surrogate (not text), or None."""
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return path or "the body"
        elif isinstance(item, dict):
            stack.extend((f"{path}.{k}".lstrip("."), v) for k, v in item.items())
        elif isinstance(item, list):
            stack.extend((f"{path}[{i}]", v) for i, v in enumerate(item))
    return None


def parse_json(body: bytes, max_depth: int, hint: str) -> Any:
    """``body`` as JSON; malformed, non-UTF-8 or too deeply nested bodies are UsageErrors."""
    try:
        data = json.loads(body)
    except ValueError as exc:  # not UTF-8, not JSON, or an integer of over 4,300 digits
        raise UsageError(f"the JSON body is not valid JSON: {str(exc)[:200]}", hint=hint) from exc
    except RecursionError as exc:
        raise UsageError("the JSON body nests too deeply", hint=hint) from exc
    if json_depth(data, max_depth) > max_depth:
        raise UsageError(f"the JSON body nests deeper than {max_depth} levels", hint=hint)
    where = lone_surrogate(data)
    if where is not None:
        raise UsageError(f"{where} holds a lone surrogate escape (such as \\ud800), which "
                         "is not text", hint="send text as UTF-8 or as paired escapes")
    return data


async def read_form(request: Request, max_part_bytes: int) -> FormData:
    """The request's form (parsed once per request; later calls get the same form)."""
    return await request.form(max_files=MAX_FORM_FILES, max_fields=MAX_FORM_FIELDS,
                              max_part_size=max_part_bytes)
