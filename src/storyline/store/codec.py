"""Records to JSON-ready values and back, driven by the dataclasses' own type hints.

A serving process may keep what it decoded (:func:`keep_decoded`): records are frozen, so a
stored text that was decoded once gives the same record object again, and the work of
reading an annotation or a story item is one hash of its text.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import itertools
import json
import operator
import threading
import types
import typing
from collections import OrderedDict
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
    return _encoder(type(value))(value)


@functools.cache
def _encoder(cls: type) -> Callable[[Any], Any]:
    """How :func:`to_plain` turns a value of type ``cls`` into plain values (made once per
    type)."""
    if issubclass(cls, _PLAIN) and not issubclass(cls, enum.Enum):
        return _same
    names = _field_names(cls)
    if names is not None:
        return lambda value: {name: to_plain(getattr(value, name)) for name in names}
    if issubclass(cls, enum.Enum):
        return _enum_value
    if issubclass(cls, (list, tuple)):
        return lambda value: [to_plain(v) for v in value]
    if issubclass(cls, dict):
        return lambda value: {str(k): to_plain(v) for k, v in value.items()}
    return _same


def _enum_value(value: enum.Enum) -> Any:
    return value.value


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
    """``value`` as compact JSON text: ``json.dumps(to_plain(value))``. A record is handed
    to the JSON encoder as it is, which asks :func:`_record_fields` for the fields of each
    record it meets and writes tuples, strings and numbers itself (no plain copy of the
    whole record is made first)."""
    if _field_names(type(value)) is None:
        return json.dumps(to_plain(value), ensure_ascii=False, separators=(",", ":"))
    return _RECORD_ENCODER.encode(value)


def _record_fields(value: Any) -> Any:
    """What :func:`to_plain` makes of a record or an enum, one level deep (the encoder
    goes on into the fields); a dict field goes through :func:`to_plain`, whose keys are
    ``str(key)`` where the encoder would write ``true`` or ``null``."""
    reader = _fields_reader(type(value))
    if reader is not None:
        names, read, mapped = reader
        out = dict(zip(names, read(value)))
        for name in mapped:
            if isinstance(out[name], dict):
                out[name] = to_plain(out[name])
        return out
    if isinstance(value, enum.Enum):
        return value.value
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


@functools.cache
def _fields_reader(cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple], tuple[str, ...]] | None:
    """For a record type: its field names, a function reading all their values at once,
    and the fields that may hold a dict (those whose type hint does not rule one out);
    None for any other type."""
    names = _field_names(cls)
    if names is None:
        return None
    read = operator.attrgetter(*names) if len(names) > 1 else \
        (lambda value: (getattr(value, names[0]),))
    try:
        hints = _hints(cls)
    except (NameError, TypeError):  # hints that do not resolve: any field may hold one
        return names, read, names
    return names, read, tuple(n for n in names if _may_hold_dict(hints.get(n, Any)))


def _may_hold_dict(hint: Any) -> bool:
    """Whether a value of type ``hint`` can be a dict: not for plain values, tuples,
    lists, enums and records (nor unions of them)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_may_hold_dict(a) for a in typing.get_args(hint))
    if origin in (tuple, list):
        return False
    if not isinstance(hint, type):
        return True
    return not (issubclass(hint, (*_PLAIN, tuple, list, enum.Enum))
                or dataclasses.is_dataclass(hint))


_RECORD_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"),
                                   default=_record_fields)


class DecodedMemo:
    """A thread-safe LRU of decoded records by (type, stored text), bounded in characters.

    Each kept record has a token, a number never given twice: the same token means the same
    stored text, so what was made from a record can be kept by its token alone."""

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self._chars = 0
        self._items: OrderedDict[tuple[Any, str], Any] = OrderedDict()
        self._tokens: dict[int, int] = {}  # id of a kept record -> its token
        self._counter = itertools.count(1)
        self._lock = threading.Lock()

    def token_of(self, value: Any) -> int | None:
        with self._lock:
            return self._tokens.get(id(value))

    def get(self, key: tuple[Any, str]) -> Any:
        with self._lock:
            found = self._items.get(key, _MISSING)
            if found is not _MISSING:
                self._items.move_to_end(key)
            return found

    def put(self, key: tuple[Any, str], value: Any) -> None:
        if len(key[1]) > self.max_chars:
            return
        with self._lock:
            old = self._items.get(key, _MISSING)
            if old is _MISSING:
                self._chars += len(key[1])
            else:
                self._tokens.pop(id(old), None)
            self._items[key] = value
            self._tokens[id(value)] = next(self._counter)
            while self._chars > self.max_chars:
                (_, text), gone = self._items.popitem(last=False)
                self._tokens.pop(id(gone), None)
                self._chars -= len(text)


_MISSING = object()
_memo: DecodedMemo | None = None


def keep_decoded(max_chars: int) -> None:
    """Keep decoded records of stored texts up to ``max_chars`` characters in all (0: none).

    For processes that read the same stored records again and again (the web app); batch
    work keeps nothing."""
    global _memo
    _memo = DecodedMemo(max_chars) if max_chars > 0 else None


def decoded_token(value: Any) -> int | None:
    """The token of a record the memo keeps (the same while it keeps it), else None."""
    memo = _memo
    return None if memo is None else memo.token_of(value)


def loads(cls: Any, text: str | None) -> Any:
    if text is None:
        return None
    memo = _memo
    if memo is None:
        return from_plain(cls, json.loads(text))
    value = memo.get((cls, text))
    if value is _MISSING:
        value = from_plain(cls, json.loads(text))
        memo.put((cls, text), value)
    return value
