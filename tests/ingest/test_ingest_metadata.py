from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import UsageError
from storyline.ingest.metadata import load_sidecar, normalize_date, parse_header


def test_jsonl_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "metadata.jsonl"
    path.write_text('{"file": "sub/a.txt", "date": "2031-03-04", "source": "KTV", '
                    '"author": "Ana Ruiz", "title": "T", "url": "https://x.org"}\n\n'
                    '{"path": "b.txt", "published": "March 5, 2031", "authors": ["A", "B"]}\n')
    sidecar = load_sidecar(path)
    assert sidecar["a.txt"] == {"published": "2031-03-04", "outlet": "KTV", "authors": "Ana Ruiz",
                                "title": "T", "url": "https://x.org"}
    assert sidecar["b.txt"] == {"published": "March 5, 2031", "authors": "A; B"}


def test_csv_sidecar(tmp_path: Path) -> None:
    path = tmp_path / "metadata.csv"
    path.write_text("id,published,outlet\nc.txt,2031-03-06,Harbour Post\n")
    assert load_sidecar(path) == {"c.txt": {"published": "2031-03-06", "outlet": "Harbour Post"}}


@pytest.mark.parametrize("content", ["{not json", '["a list"]', '{"title": "no key"}'])
def test_bad_sidecar_is_a_usage_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "metadata.jsonl"
    path.write_text(content)
    with pytest.raises(UsageError) as info:
        load_sidecar(path)
    assert info.value.code == "usage" and info.value.hint


def test_missing_sidecar(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        load_sidecar(tmp_path / "nope.jsonl")


@pytest.mark.parametrize(("raw", "iso"), [
    ("2031-03-04", "2031-03-04"), ("2031-03-04T22:10:00Z", "2031-03-04"),
    ("March 4, 2031", "2031-03-04"), ("4 March 2031", "2031-03-04"), ("Mar. 04, 2031", "2031-03-04"),
    ("Tue, 04 Mar 2031 09:00:00 GMT", "2031-03-04"), ("2031-03", "2031-03"), ("2031", "2031"),
    ("soon", None), ("", None), (None, None), ("2031-02-30", None),
])
def test_normalize_date(raw: str | None, iso: str | None) -> None:
    assert normalize_date(raw) == iso


def test_header_stops_at_prose() -> None:
    paragraphs = ["Dockworkers walked out on Monday in Velmar, the union said in a statement.",
                  "Ana Ruiz"]
    header, rest, removed = parse_header(paragraphs)
    assert header.title is None and rest == paragraphs and removed == []


def test_header_byline_with_by() -> None:
    header, rest, _ = parse_header(["Strike talks collapse", "By Ana Ruiz and Ola Brenn",
                                    "The talks collapsed on Friday after nine hours, officials said."])
    assert header.title == "Strike talks collapse"
    assert header.authors == ("Ana Ruiz", "Ola Brenn")
    assert len(rest) == 1
