"""Records to JSON-ready values and back, driven by the dataclasses' own type hints."""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import types
import typing
from typing import Any

from .. import records


def to_plain(value: Any) -> Any:
    """A record (or tuple/list/dict of them) as plain JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(records))


def from_plain(cls: Any, value: Any) -> Any:
    """Rebuild a value of type ``cls`` from what :func:`to_plain` made."""
    if value is None:
        return None
    origin = typing.get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(cls) if a is not type(None)]
        return from_plain(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(cls)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_plain(args[0], v) for v in value)
        return tuple(from_plain(a, v) for a, v in zip(args, value))
    if origin in (dict, typing.Mapping) or cls is dict:
        return dict(value)
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        hints = _hints(cls)
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: from_plain(hints[k], v) for k, v in value.items() if k in known})
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        return cls(value)
    if cls is float and isinstance(value, int):
        return float(value)
    return value


def dumps(value: Any) -> str:
    return json.dumps(to_plain(value), ensure_ascii=False, separators=(",", ":"))


def loads(cls: Any, text: str | None) -> Any:
    return None if text is None else from_plain(cls, json.loads(text))
