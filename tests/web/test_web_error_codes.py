"""Every error code the API can return is in the table of docs/web.md, with its status."""

from __future__ import annotations

import re
from pathlib import Path

import storyline.web.security  # noqa: F401  (defines an error class of its own)
from storyline.errors import StorylineError
from storyline.web.errors import ERROR_RESPONSES, HTTP_CODES

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "web.md").read_text(encoding="utf-8")
ROW = re.compile(r"^\| `([a-z_]+)` \| (\d{3}|other 4xx) \|", re.MULTILINE)


def _subclasses(cls: type) -> list[type]:
    return [cls, *(c for sub in cls.__subclasses__() for c in _subclasses(sub))]


def documented() -> dict[str, str]:
    table = DOCS.split("### Errors", 1)[1].split("\n## ", 1)[0]
    return {code: status for code, status in ROW.findall(table)}


def test_every_error_code_is_documented_with_its_status():
    rows = documented()
    expected = {code: str(status) for status, code in HTTP_CODES.items()}
    expected |= {cls.code: str(cls.http_status) for cls in _subclasses(StorylineError)}
    expected |= {"internal": "500", "http_error": "other 4xx"}
    for code, status in expected.items():
        assert code in rows, f"docs/web.md lacks the error code {code!r}"
        assert rows[code] == status, f"{code}: docs say {rows[code]}, the code says {status}"


def test_openapi_lists_the_refusals(client):
    responses = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/stories"]["get"]
    for status in ERROR_RESPONSES:
        assert str(status) in responses["responses"]
