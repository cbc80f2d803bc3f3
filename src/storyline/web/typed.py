"""JSON responses checked against their response model in the route's own thread.

FastAPI checks what a plain route returns against its ``response_model`` in a second trip
through the thread pool; a route that returns ``typed(model, content)`` does the same check
and the same serialization (Pydantic, straight to JSON bytes) where it already runs. The
route keeps its ``response_model`` for the OpenAPI document.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import TypeAdapter
from starlette.responses import Response

JSON = "application/json"


@functools.cache
def _adapter(model: Any) -> TypeAdapter:
    return TypeAdapter(model)


def typed_json(model: Any, content: Any, exclude_unset: bool = False) -> bytes:
    """``content`` validated as ``model`` and serialized, as FastAPI would for that model."""
    adapter = _adapter(model)
    value = adapter.validate_python(content, from_attributes=True)
    return adapter.dump_json(value, by_alias=True, exclude_unset=exclude_unset)


def typed(model: Any, content: Any, exclude_unset: bool = False) -> Response:
    """A JSON response of ``content`` checked against ``model``."""
    return Response(typed_json(model, content, exclude_unset), media_type=JSON)
