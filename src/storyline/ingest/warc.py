"""WARC files (``.warc``, ``.warc.gz``), read record by record with warcio.

Each HTML answer with status 200 (a ``response`` record, or a ``resource`` record of type
text/html) becomes a document ``file.warc.gz#N`` (N: the record's place in the file, from
1) with the page's URL (WARC-Target-URI) and its capture date (WARC-Date), used when the
page shows no date of its own. Other records (requests, metadata, images, scripts, redirects,
error pages) are passed over. The file may be as large as ``ingest.max_warc_bytes``; one
page as large as ``ingest.max_bytes``; at most ``ingest.max_entries`` pages are read, the
rest of the file is one ``too_many_entries`` rejection.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from ..config import IngestSettings
from ..records import FetchedPage, RawDocument, Rejected, RejectReason
from .guard import Reject
from .pages import HTML_TYPES, media_type, page_document
from .sources import InputFile, open_input, shown

log = logging.getLogger(__name__)

WARC_SUFFIXES = (".warc", ".warc.gz")
Item = RawDocument | Rejected


def is_warc(source: str) -> bool:
    return source.lower().endswith(WARC_SUFFIXES)


def _html_answer(record) -> tuple[int, str] | None:
    """(status, content type) of a record that holds an HTML page, else None."""
    if record.rec_type == "response" and record.http_headers is not None:
        content_type = record.http_headers.get_header("Content-Type") or ""
        status = int(record.http_headers.get_statuscode() or 0)
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
        status = 200
    else:
        return None
    return (status, content_type) if media_type(content_type) in HTML_TYPES else None


def _page(source: str, record, content_type: str, settings: IngestSettings) -> list[Item]:
    body = record.content_stream().read(settings.max_bytes + 1)
    if len(body) > settings.max_bytes:
        return [Rejected(source, RejectReason.TOO_LARGE,
                         f"a page of more than {settings.max_bytes} bytes (ingest.max_bytes)")]
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    captured = (record.rec_headers.get_header("WARC-Date") or "")[:10]
    page = FetchedPage(url, url, 200, content_type, body)
    fields = (("captured", captured),) if captured else ()
    return page_document(page, settings, fields, source=source)


def _records(item: InputFile, settings: IngestSettings) -> Iterator[Item]:
    count = 0
    with open_input(item, settings.max_warc_bytes) as handle:
        for number, record in enumerate(ArchiveIterator(handle), 1):
            if not record.rec_type:
                raise Reject(RejectReason.MALFORMED, f"record {number} has no WARC-Type")
            answer = _html_answer(record)
            if answer is None or answer[0] != 200:
                continue
            count += 1
            source = f"{shown(item.source)}#{number}"
            if count > settings.max_entries:
                yield Rejected(shown(item.source), RejectReason.TOO_MANY_ENTRIES,
                               f"more than {settings.max_entries} pages (ingest.max_entries); "
                               f"read up to record {number - 1}")
                return
            yield from _page(source, record, answer[1], settings)
    if count == 0:
        yield Rejected(shown(item.source), RejectReason.EMPTY, "no HTML page in the archive")


def iter_warc(item: InputFile, settings: IngestSettings) -> Iterator[Item]:
    """The documents of one WARC file, one page at a time; a file that cannot be read (or
    stops being readable part way) ends with a rejection."""
    try:
        yield from _records(item, settings)
    except Reject as exc:
        yield Rejected(shown(item.source), exc.reason, exc.detail)
    except (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error, EOFError, OSError,
            ValueError) as exc:
        log.debug("reading %s failed", shown(item.source), exc_info=True)
        yield Rejected(shown(item.source), RejectReason.MALFORMED,
                       f"not a readable WARC file ({type(exc).__name__}: {exc})"[:500])
