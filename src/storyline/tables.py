"""``Records``: a tuple of typed records that turns into a table (pandas, Parquet, dicts).

pandas and pyarrow are optional (``pip install 'storyline[tables]'``); nothing here imports
them until a table is asked for.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import Any, Generic, TypeVar

from .errors import UsageError
from .records import StoryItem

T = TypeVar("T")
Row = dict[str, Any]
EXTRA_HINT = "pip install 'storyline[tables]' (pandas and pyarrow)"


def plain(value: Any) -> Any:
    """A record field as plain data: enums by value, tuples as lists, records as dicts."""
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def record_row(record: Any) -> Row:
    """One table row of a record; a story item is flattened with its ``story_id``."""
    if isinstance(record, StoryItem):
        row = {"story_id": record.story_id, **plain(record.item)}
        if record.kind == "claims":
            row["group_id"] = record.group_id
        return row
    return plain(record)


class Records(tuple, Generic[T]):
    """Typed records (iterate, index, ``len``) that also export as a table."""

    _row: Callable[[Any], Row]

    def __new__(cls, items: Iterable[T] = (), row: Callable[[Any], Row] = record_row):
        self = super().__new__(cls, items)
        self._row = row
        return self

    def to_dicts(self) -> list[Row]:
        """One plain dict per record (the table's rows)."""
        return [self._row(item) for item in self]

    def to_pandas(self):
        """A pandas DataFrame, one row per record."""
        try:
            import pandas
        except ImportError as exc:
            raise UsageError("to_pandas() needs pandas", hint=EXTRA_HINT) from exc
        return pandas.DataFrame.from_records(self.to_dicts())

    def to_arrow(self):
        """A pyarrow Table, one row per record."""
        try:
            import pyarrow
        except ImportError as exc:
            raise UsageError("to_arrow() and to_parquet() need pyarrow", hint=EXTRA_HINT) from exc
        return pyarrow.Table.from_pylist(self.to_dicts())

    def to_parquet(self, path: str | Path) -> Path:
        """Write the records as a Parquet file at ``path``; returns the path."""
        table = self.to_arrow()
        from pyarrow import parquet

        target = Path(path)
        parquet.write_table(table, target)
        return target

    def __getitem__(self, index):
        found = super().__getitem__(index)
        return Records(found, self._row) if isinstance(index, slice) else found

    def __repr__(self) -> str:
        kind = type(self[0]).__name__ if self else "record"
        return f"<Records: {len(self)} {kind}>"
