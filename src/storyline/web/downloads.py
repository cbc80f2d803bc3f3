"""Story downloads from the story page: HTML report, Markdown, CSV tables, story JSON."""

from __future__ import annotations

import io
import json
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response

from .. import services
from ..records import StoryView
from ..render.csv_export import write_csv_zip
from ..render.html import render_report
from ..render.json_v1 import story_json
from ..render.markdown import story_markdown

router = APIRouter(include_in_schema=False)

Format = Literal["html", "md", "csv", "json"]
MEDIA = {"html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8",
         "csv": "application/zip", "json": "application/json"}
SUFFIX = {"html": "html", "md": "md", "csv": "zip", "json": "json"}


def _body(view: StoryView, fmt: str) -> bytes:
    if fmt == "html":
        return render_report([view]).encode("utf-8")
    if fmt == "md":
        return story_markdown(view).encode("utf-8")
    if fmt == "json":
        document = story_json(view.story, view.articles)
        return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    buffer = io.BytesIO()
    write_csv_zip([view], buffer)
    return buffer.getvalue()


@router.get("/stories/{story_id}/download/{fmt}")
def download(request: Request, story_id: str, fmt: Format) -> Response:
    view = services.get_story(request.app.state.store, story_id)
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in view.story.id)
    headers = {"Content-Disposition": f'attachment; filename="story-{name}.{SUFFIX[fmt]}"'}
    return Response(_body(view, fmt), media_type=MEDIA[fmt], headers=headers)
