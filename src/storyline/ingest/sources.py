"""Read input paths into RawDocuments; the only module of ingest that touches the disk.

A path is a file, a folder (walked recursively, sorted) or a glob. Every bad input becomes
a ``Rejected`` value with a reason code and iteration goes on.
"""

from __future__ import annotations

import glob
import gzip
import io
import logging
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..config import IngestSettings
from ..records import RawDocument, Rejected, RejectReason
from .decode import DecodeError, decode_bytes
from .readers import READERS

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
SIDECAR_NAMES = frozenset({"metadata.jsonl", "metadata.csv"})
_GLOB_CHARS = frozenset("*?[")


class _Reject(Exception):
    def __init__(self, reason: RejectReason, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def inner_suffix(path: Path) -> str:
    """The suffix that picks the reader: ``a.json.gz`` -> ``.json``."""
    name = path.name.lower()
    name = name.removesuffix(".gz")
    return Path(name).suffix


def is_supported(path: Path) -> bool:
    return inner_suffix(path) in READERS


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _walk(root: Path) -> list[Path]:
    found = []
    for path in sorted(root.rglob("*")):
        if _is_hidden(path, root) or path.name.lower() in SIDECAR_NAMES:
            continue
        if path.is_dir():
            continue
        if not is_supported(path):
            logger.debug("skipping %s: unsupported file type", path)
            continue
        found.append(path)
    return found


def expand_paths(paths: Sequence[str]) -> list[Path | Rejected]:
    """Files to read, in order, or a Rejected for a path that names nothing readable."""
    expanded: list[Path | Rejected] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            expanded.extend(_walk(path))
        elif path.exists() or path.is_symlink():
            expanded.append(path)
        elif _GLOB_CHARS & set(raw):
            matches = sorted(Path(m) for m in glob.glob(raw, recursive=True))
            files = [m for m in matches if m.is_file() and m.name.lower() not in SIDECAR_NAMES
                     and is_supported(m)]
            if not files:
                expanded.append(Rejected(raw, RejectReason.UNREADABLE, "no file matches"))
            expanded.extend(files)
        else:
            expanded.append(Rejected(raw, RejectReason.UNREADABLE, "no such file or folder"))
    return expanded


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise _Reject(RejectReason.UNREADABLE, "broken link or missing file") from exc
    except OSError as exc:
        raise _Reject(RejectReason.UNREADABLE, str(exc)) from exc
    if size > max_bytes:
        raise _Reject(RejectReason.TOO_LARGE, f"{size} bytes > limit {max_bytes}")
    try:
        data = path.read_bytes()
    except OSError as exc:  # permission denied, a folder, a vanished file
        raise _Reject(RejectReason.UNREADABLE, exc.strerror or str(exc)) from exc
    if path.name.lower().endswith(".gz"):
        data = _gunzip(data, max_bytes)
    return data


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(max_bytes + 1)
    except EOFError as exc:
        raise _Reject(RejectReason.TRUNCATED, "gzip stream ends early") from exc
    except (gzip.BadGzipFile, zlib.error, OSError) as exc:
        raise _Reject(RejectReason.MALFORMED, f"not a valid gzip file: {exc}") from exc
    if len(out) > max_bytes:
        raise _Reject(RejectReason.TOO_LARGE, f"uncompressed size > limit {max_bytes}")
    return out


def read_file(path: Path, settings: IngestSettings) -> list[RawDocument | Rejected]:
    """Every document in one file, or the reason it cannot be read."""
    source = str(path)
    suffix = inner_suffix(path)
    reader = READERS.get(suffix)
    if reader is None:
        return [Rejected(source, RejectReason.UNSUPPORTED, f"unknown file type {suffix!r}")]
    try:
        data = _read_bytes(path, settings.max_bytes)
        if not data.strip():
            raise _Reject(RejectReason.EMPTY, "the file is empty")
        text = decode_bytes(data)
    except (_Reject, DecodeError) as exc:
        return [Rejected(source, exc.reason, exc.detail)]
    return reader.read(source, text, data)


def iter_documents(paths: Sequence[str], settings: IngestSettings,
                   progress: Progress | None = None) -> Iterator[RawDocument | Rejected]:
    """Yield a RawDocument for every input item and a Rejected for every bad one."""
    expanded = expand_paths(paths)
    total = len(expanded)
    for done, item in enumerate(expanded, 1):
        if isinstance(item, Rejected):
            yield item
        else:
            yield from read_file(item, settings)
        if progress is not None:
            progress(done, total)


__all__ = ["expand_paths", "inner_suffix", "iter_documents", "read_file"]
