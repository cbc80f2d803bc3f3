"""Records to JSON-ready values and back, driven by the dataclasses' own type hints."""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import types
import typing
from collections.abc import Callable
from typing import Any

from .. import records

_PLAIN = (str, int, float, bool, type(None))


@functools.cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a record type (None for any other type)."""
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls))
    return None


def to_plain(value: Any) -> Any:
    """A record (or tuple/list/dict of them) as plain JSON-ready values."""
    if isinstance(value, _PLAIN) and not isinstance(value, enum.Enum):
        return value
    names = None if isinstance(value, type) else _field_names(type(value))
    if names is not None:
        return {name: to_plain(getattr(value, name)) for name in names}
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
    return _decoder(cls)(value)


def _same(value: Any) -> Any:
    return value


@functools.cache
def _decoder(cls: Any) -> Callable[[Any], Any]:
    """A function rebuilding values of type ``cls``, worked out once per type."""
    origin = typing.get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(cls) if a is not type(None)]
        return _optional(_decoder(options[0])) if len(options) == 1 else _same
    if origin is tuple:
        return _tuple_decoder(typing.get_args(cls))
    if origin in (dict, typing.Mapping) or cls is dict:
        return _optional(dict)
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        return _record_decoder(cls)
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        return _optional(cls)
    if cls is float:
        return lambda v: float(v) if isinstance(v, int) and not isinstance(v, bool) else v
    return _same


def _optional(decode: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda v: None if v is None else decode(v)


def _tuple_decoder(args: tuple) -> Callable[[Any], Any]:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _decoder(args[0])
        return _optional(lambda v: tuple(item(x) for x in v))
    items = [_decoder(a) for a in args]
    return _optional(lambda v: tuple(d(x) for d, x in zip(items, v)))


def _record_decoder(cls: type) -> Callable[[Any], Any]:
    hints = _hints(cls)
    fields = {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(cls)}

    def decode(value):
        if value is None:
            return None
        return cls(**{k: fields[k](v) for k, v in value.items() if k in fields})
    return decode


def dumps(value: Any) -> str:
    return json.dumps(to_plain(value), ensure_ascii=False, separators=(",", ":"))


def loads(cls: Any, text: str | None) -> Any:
    return None if text is None else from_plain(cls, json.loads(text))
