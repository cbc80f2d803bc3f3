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


Decoder = Callable[[Any], Any]


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(records))


def from_plain(cls: Any, value: Any) -> Any:
    """Rebuild a value of type ``cls`` from what :func:`to_plain` made."""
    return None if value is None else _decoder(cls)(value)


def _same(value: Any) -> Any:
    return value


def _or_none(decode: Decoder) -> Decoder:
    if decode is _same:
        return _same
    return lambda value: None if value is None else decode(value)


@functools.cache
def _decoder(cls: Any) -> Decoder:
    """One function per type that decodes its plain values (built once, from the hints)."""
    origin = typing.get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(cls) if a is not type(None)]
        return _decoder(options[0]) if len(options) == 1 else _same
    if origin is tuple:
        return _tuple_decoder(typing.get_args(cls))
    if origin in (dict, typing.Mapping) or cls is dict:
        return dict
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        return _record_decoder(cls)
    if isinstance(cls, type) and issubclass(cls, enum.Enum):
        return cls
    if cls is float:
        return lambda value: float(value) if isinstance(value, int) else value
    return _same


def _tuple_decoder(args: tuple) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = _or_none(_decoder(args[0]))
        if item is _same:
            return tuple
        return lambda value: tuple([item(v) for v in value])
    items = [_or_none(_decoder(a)) for a in args]
    return lambda value: tuple([d(v) for d, v in zip(items, value)])


def _record_decoder(cls: type) -> Decoder:
    hints = _hints(cls)
    fields = {f.name: _or_none(_decoder(hints[f.name])) for f in dataclasses.fields(cls)}

    def decode(value: dict) -> Any:
        return cls(**{k: (v if (d := fields.get(k)) is _same else d(v))
                      for k, v in value.items() if k in fields})
    return decode


def dumps(value: Any) -> str:
    return json.dumps(to_plain(value), ensure_ascii=False, separators=(",", ":"))


def loads(cls: Any, text: str | None) -> Any:
    return None if text is None else from_plain(cls, json.loads(text))
