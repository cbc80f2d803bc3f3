"""Read input paths into RawDocuments; the only module of ingest that touches the disk.

A path is a file, a folder (walked recursively, sorted) or a glob. Every bad input becomes
a ``Rejected`` value with a reason code and iteration goes on.

Folder walks never follow a link out of the input tree: a link is read only when its
target is a file inside the folder given (or, for a file or glob named directly, inside
that file's folder). Link loops, broken links, FIFOs, sockets and devices are rejected
without being opened for reading; a file's size is checked before a byte is read.
"""

from __future__ import annotations

import errno
import glob
import gzip
import io
import logging
import os
import stat
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import IngestSettings
from ..records import RawDocument, Rejected, RejectReason
from .guard import Reject
from .readers import READERS

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
SIDECAR_NAMES = frozenset({"metadata.jsonl", "metadata.csv"})
_GLOB_CHARS = frozenset("*?[")
_OPEN_FLAGS = (os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_CLOEXEC", 0))


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to read: ``source`` as the user named it, ``path`` the file to open (for a
    link inside the input tree, its resolved target)."""

    source: str
    path: Path


def inner_suffix(path: Path) -> str:
    """The suffix that picks the reader: ``a.json.gz`` -> ``.json``."""
    name = path.name.lower()
    name = name.removesuffix(".gz")
    return Path(name).suffix


def is_supported(path: Path) -> bool:
    return inner_suffix(path) in READERS


def shown(path: Path | str) -> str:
    """``path`` as storable text: bytes that are not UTF-8 appear as ``\\xNN``."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", "backslashreplace")


def _has_bad_name(path: Path) -> bool:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"


def _resolve_link(path: Path) -> Path | Rejected:
    try:
        return path.resolve(strict=True)
    except FileNotFoundError:
        return Rejected(shown(path), RejectReason.UNREADABLE, "broken link: its target is missing")
    except RuntimeError:
        return Rejected(shown(path), RejectReason.SYMLINK_LOOP, "the link points back to itself")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Rejected(shown(path), RejectReason.SYMLINK_LOOP,
                            "the link points back to itself")
        return Rejected(shown(path), RejectReason.UNREADABLE, exc.strerror or str(exc))


def _link(path: Path, tree: Path, *, named: bool = False) -> InputFile | Rejected | None:
    """A link inside the input ``tree`` (a resolved folder); None: nothing to read.

    A link found by a walk whose name no reader takes is passed over unless it is a loop or
    leads to a folder outside the tree; a ``named`` link (given on the command line) never is.
    """
    target = _resolve_link(path)
    wanted = named or is_supported(path)
    if isinstance(target, Rejected):
        return target if wanted or target.reason is RejectReason.SYMLINK_LOOP else None
    if not target.is_relative_to(tree):
        if wanted or target.is_dir():
            return Rejected(shown(path), RejectReason.OUTSIDE_INPUT,
                            "the link leads outside the input folder")
        return None
    if target.is_dir():
        if path.absolute().parent.resolve().is_relative_to(target):
            return Rejected(shown(path), RejectReason.SYMLINK_LOOP,
                            "a link to a folder that holds it")
        logger.debug("skipping %s: a link to a folder read at its own place", shown(path))
        return None
    return InputFile(str(path), target) if wanted else None


def _as_input(path: Path, mode: int, link: Callable[[], InputFile | Rejected | None]
              ) -> InputFile | Rejected | None:
    """``path`` (``mode`` from lstat) as an input: ``link()`` for a link, a rejection for a
    FIFO, socket or device, or for a name that is not UTF-8."""
    if stat.S_ISLNK(mode):
        item = link()
    elif not stat.S_ISREG(mode):
        item = Rejected(shown(path), RejectReason.SPECIAL_FILE,
                        f"{_file_kind(mode)}, not a regular file")
    else:
        item = InputFile(str(path), path)
    if isinstance(item, InputFile) and _has_bad_name(path):
        return Rejected(shown(path), RejectReason.BAD_NAME, "the file name is not valid UTF-8")
    return item


def _entry(path: Path, tree: Path, mode: int) -> InputFile | Rejected | None:
    """One non-folder entry of a walk or a glob (``mode`` from lstat)."""
    if not stat.S_ISLNK(mode) and (path.name.lower() in SIDECAR_NAMES
                                   or not is_supported(path)):
        logger.debug("skipping %s: unsupported file type", shown(path))
        return None
    return _as_input(path, mode, lambda: _link(path, tree))


def _sorted_entries(folder: Path) -> list[os.DirEntry]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda e: os.fsencode(e.name))


def _walk(root: Path) -> list[InputFile | Rejected]:
    """Every file under ``root`` in sorted order (depth first, no recursion, no link
    followed into a folder); hidden names and sidecars are skipped."""
    tree = root.resolve()
    found: list[InputFile | Rejected] = []
    stack: list[Iterator[os.DirEntry]] = [iter(_sorted_entries(root))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
            if stat.S_ISDIR(mode):
                stack.append(iter(_sorted_entries(path)))
                continue
        except OSError as exc:
            found.append(Rejected(shown(path), RejectReason.UNREADABLE,
                                  f"cannot list or stat it: {exc.strerror or exc}"))
            continue
        item = _entry(path, tree, mode)
        if item is not None:
            found.append(item)
    return found


def _named(path: Path) -> InputFile | Rejected:
    """A file named directly on the command line (not a folder)."""
    item = _as_input(path, path.lstat().st_mode,
                     lambda: _link(path, path.absolute().parent.resolve(), named=True))
    return item or Rejected(shown(path), RejectReason.UNREADABLE, "nothing to read")


def _glob_root(pattern: str) -> Path:
    """The folder a glob pattern starts from (its parts before the first wildcard)."""
    fixed = []
    for part in Path(pattern).parts:
        if _GLOB_CHARS & set(part):
            break
        fixed.append(part)
    return Path(*fixed) if fixed else Path(".")


def _glob(pattern: str) -> list[InputFile | Rejected]:
    tree = _glob_root(pattern).resolve()
    found: list[InputFile | Rejected] = []
    for match in sorted(glob.glob(pattern, recursive=True)):
        path = Path(match)
        try:
            mode = path.lstat().st_mode
        except OSError:
            continue
        if not stat.S_ISDIR(mode):
            item = _entry(path, tree, mode)
            if item is not None:
                found.append(item)
    if not found:
        return [Rejected(pattern, RejectReason.UNREADABLE, "no file matches")]
    return found


def _expand_one(raw: str) -> list[InputFile | Rejected]:
    path = Path(raw)
    try:
        if path.is_dir():
            return _walk(path)
        if path.exists() or path.is_symlink():
            return [_named(path)]
    except OSError as exc:
        return [Rejected(shown(raw), RejectReason.UNREADABLE, exc.strerror or str(exc))]
    if _GLOB_CHARS & set(raw):
        return _glob(raw)
    return [Rejected(shown(raw), RejectReason.UNREADABLE, "no such file or folder")]


def expand_paths(paths: Sequence[str]) -> list[InputFile | Rejected]:
    """Files to read, in order, or a Rejected for a path that names nothing readable."""
    expanded: list[InputFile | Rejected] = []
    for raw in paths:
        expanded.extend(_expand_one(raw))
    return expanded


def _read_bytes(item: InputFile, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of a regular file; its type and size are checked first."""
    try:
        mode = os.stat(item.path, follow_symlinks=False)
    except FileNotFoundError as exc:
        raise Reject(RejectReason.UNREADABLE, "broken link or missing file") from exc
    except OSError as exc:
        raise Reject(RejectReason.UNREADABLE, exc.strerror or str(exc)) from exc
    if not stat.S_ISREG(mode.st_mode):
        raise Reject(RejectReason.SPECIAL_FILE, f"{_file_kind(mode.st_mode)}, not a regular file")
    if mode.st_size > max_bytes:
        raise Reject(RejectReason.TOO_LARGE, f"{mode.st_size} bytes > limit {max_bytes}")
    try:
        handle = os.fdopen(os.open(item.path, _OPEN_FLAGS), "rb")
    except OSError as exc:  # permission denied, or it became a link or a folder meanwhile
        raise Reject(RejectReason.UNREADABLE, exc.strerror or str(exc)) from exc
    with handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise Reject(RejectReason.SPECIAL_FILE, "not a regular file")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Reject(RejectReason.TOO_LARGE, f"more than {max_bytes} bytes")
    return data


def _gunzip(data: bytes, max_bytes: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
            out = handle.read(max_bytes + 1)
    except EOFError as exc:
        raise Reject(RejectReason.TRUNCATED, "gzip stream ends early") from exc
    except (gzip.BadGzipFile, zlib.error, OSError) as exc:
        raise Reject(RejectReason.MALFORMED, f"not a valid gzip file: {exc}") from exc
    if len(out) > max_bytes:
        raise Reject(RejectReason.DECOMPRESSED_TOO_LARGE,
                     f"uncompressed size > limit {max_bytes} (ingest.max_decompressed_bytes)")
    return out


def read_input(item: InputFile, settings: IngestSettings) -> bytes:
    """The bytes of ``item``, uncompressed when it is a ``.gz`` file; raises ``Reject``."""
    data = _read_bytes(item, settings.max_bytes)
    if item.source.lower().endswith(".gz"):
        data = _gunzip(data, settings.max_decompressed_bytes)
    if not data.strip():
        raise Reject(RejectReason.EMPTY, "the file is empty")
    return data


def read_file(item: InputFile | Path, settings: IngestSettings) -> list[RawDocument | Rejected]:
    """Every document in one file, or the reason it cannot be read."""
    if isinstance(item, Path):
        item = InputFile(str(item), item)
    source = item.source
    reader = READERS.get(inner_suffix(Path(source)))
    if reader is None:
        return [Rejected(shown(source), RejectReason.UNSUPPORTED,
                         f"unknown file type {inner_suffix(Path(source))!r}")]
    try:
        return reader.read(source, read_input(item, settings), settings)
    except Reject as exc:
        return [Rejected(shown(source), exc.reason, exc.detail)]


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


__all__ = ["InputFile", "expand_paths", "inner_suffix", "iter_documents", "read_file",
           "read_input"]
