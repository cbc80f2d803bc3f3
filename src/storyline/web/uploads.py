"""Reading POST /api/v1/ingest bodies: multipart files or a JSON ``{"articles": [...]}``."""

from __future__ import annotations

import json
from dataclasses import dataclass

from fastapi import Request
from starlette.datastructures import UploadFile

from ..errors import TooLarge, UsageError
from .body import content_type, parse_json, read_bytes, read_form

JSON_NAME = "api-upload.jsonl"
JSON_HINT = 'send {"articles": [{"text": "...", "title": "..."}]}'
ARTICLE_FIELDS = ("text", "title", "url", "published", "outlet", "authors", "html", "id")

INGEST_OPENAPI = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {"schema": {
                "type": "object",
                "properties": {
                    "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                    "metadata": {"type": "string", "format": "binary",
                                 "description": "optional metadata.jsonl or metadata.csv"}},
                "required": ["files"]}},
            "application/json": {"schema": {
                "type": "object", "required": ["articles"],
                "properties": {"articles": {"type": "array", "items": {
                    "type": "object", "required": ["text"],
                    "properties": {"text": {"type": "string"}, "title": {"type": "string"},
                                   "url": {"type": "string"},
                                   "published": {"type": "string"},
                                   "outlet": {"type": "string"},
                                   "authors": {"type": "array",
                                               "items": {"type": "string"}}}}}}}},
        },
    },
}


@dataclass(frozen=True, slots=True)
class Upload:
    files: list[tuple[str, bytes]]
    metadata: bytes | None = None


def _too_large(size: int, limit: int) -> TooLarge:
    return TooLarge(f"upload of {size} bytes is over the limit of {limit} bytes",
                    hint="send fewer or smaller files, or raise web.max_upload_bytes")


def articles_to_jsonl(body: bytes, max_depth: int = 32) -> bytes:
    """``{"articles": [{"text": ...}, ...]}`` as JSONL bytes, one article per line.

    Lines are ASCII JSON: a lone surrogate in a text stays an escape for the reader to judge."""
    data = parse_json(body, max_depth, JSON_HINT)
    articles = data.get("articles") if isinstance(data, dict) else None
    if not isinstance(articles, list) or not articles:
        raise UsageError("the JSON body needs a non-empty 'articles' list", hint=JSON_HINT)
    lines = []
    for index, item in enumerate(articles):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise UsageError(f"articles[{index}] needs a string 'text'",
                             hint="every article is an object with at least a text field")
        kept = {k: v for k, v in item.items() if k in ARTICLE_FIELDS and v is not None}
        lines.append(json.dumps(kept))
    return ("\n".join(lines) + "\n").encode("utf-8")


async def _multipart(request: Request, limit: int) -> Upload:
    form = await read_form(request, limit)
    files, metadata = [], None
    for key, value in form.multi_items():
        if not isinstance(value, UploadFile):
            continue
        data = await value.read()
        if key == "metadata":
            metadata = data
        else:
            files.append((value.filename or "upload.txt", data))
    await form.close()
    return Upload(files, metadata)


async def read_upload(request: Request, limit: int) -> Upload:
    """The uploaded files of an ingest request, refusing uploads over ``limit`` bytes.

    The security middleware refuses the body itself as soon as it passes the limit."""
    kind = content_type(request)
    if kind == "multipart/form-data":
        upload = await _multipart(request, limit)
    elif kind == "application/json":
        depth = request.app.state.settings.web.max_json_depth
        upload = Upload([(JSON_NAME, articles_to_jsonl(await read_bytes(request), depth))])
    else:
        raise UsageError(f"unsupported content type {kind or 'none'!r}",
                         hint="send multipart/form-data with 'files', or application/json")
    if not upload.files:
        raise UsageError("no files in the upload", hint="attach one or more files as 'files'")
    size = sum(len(data) for _, data in upload.files) + len(upload.metadata or b"")
    if size > limit:
        raise _too_large(size, limit)
    return upload
