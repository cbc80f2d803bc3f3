"""Whether a SQLite file changed: ``PRAGMA data_version`` on a connection of its own.

SQLite counts, per connection, the commits that other connections (of this or any other
process) made to the file; one connection that never writes therefore sees every change. A
reader takes the value before it reads, and may keep what it made from the store for as
long as the value stays the same. Other databases give None: nothing is known, keep nothing.
"""

from __future__ import annotations

import threading

from sqlalchemy.engine import Engine


class DataVersion:
    """The change counter of one SQLite file (None for other stores)."""

    def __init__(self, engine: Engine, enabled: bool) -> None:
        self.engine = engine
        self.enabled = enabled
        self._conn = None
        self._lock = threading.Lock()

    def current(self) -> int | None:
        if not self.enabled:
            return None
        with self._lock:
            if self._conn is None:
                fairy = self.engine.raw_connection()
                fairy.detach()  # its own connection, out of the pool, for as long as the store
                self._conn = fairy
            cursor = self._conn.cursor()
            try:
                cursor.execute("PRAGMA data_version")
                return int(cursor.fetchone()[0])
            finally:
                cursor.close()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
