"""CPU time per request of each route of the web app, in-process (no HTTP server, no clients).

    .venv/bin/python bench/web_cpu.py --db FILE [--requests 100] [--repeats 5] [--read-cache 0]

Drives the ASGI app of ``storyline serve`` over a copy of the store at FILE (for example the
sample store ``bench/load.py`` builds) with the nine routes of the load test, one request at
a time, and prints the process CPU time per request of each route: the least of
``--repeats`` rounds of ``--requests`` requests, which a busy machine disturbs less than
wall time. The first request of each route is not counted (it fills what is kept);
``--read-cache 0`` keeps no listing or search answer (as on a store that always changes).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from storyline import services
from storyline.config import load_settings
from storyline.web.app import create_app


async def call(app, path: str) -> tuple[int, bytes]:
    """One GET through the ASGI app: (status, body)."""
    route, _, query = path.partition("?")
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
             "method": "GET", "scheme": "http", "path": route, "raw_path": route.encode(),
             "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"127.0.0.1:8000")], "client": ("127.0.0.1", 50000),
             "server": ("127.0.0.1", 8000)}
    out = {"status": 0, "body": b""}

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        if message["type"] == "http.response.start":
            out["status"] = message["status"]
        else:
            out["body"] += message.get("body", b"")
    await app(scope, receive, send)
    return out["status"], out["body"]


async def routes(app) -> list[tuple[str, str]]:
    stories = json.loads((await call(app, "/api/v1/stories"))[1])["items"]
    articles = json.loads((await call(app, "/api/v1/articles?limit=5"))[1])["items"]
    story, article = quote(stories[0]["id"], safe=""), quote(articles[0]["id"], safe="")
    return [("page /", "/"), ("page story", f"/stories/{story}"),
            ("page article", f"/articles/{article}"), ("page search", "/search?q=troops"),
            ("api stories", "/api/v1/stories"), ("api story", f"/api/v1/stories/{story}"),
            ("api articles", "/api/v1/articles"), ("api quotes", "/api/v1/quotes?limit=50"),
            ("api search", "/api/v1/search?q=border")]


async def measure(app, requests: int, repeats: int) -> dict[str, float]:
    """Route -> CPU milliseconds per request (least of the rounds)."""
    figures = {}
    for name, path in await routes(app):
        status, _ = await call(app, path)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
        rounds = []
        for _ in range(repeats):
            start = time.process_time()
            for _ in range(requests):
                await call(app, path)
            rounds.append((time.process_time() - start) * 1000 / requests)
        figures[name] = min(rounds)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a store to copy")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--read-cache", type=int, help="web.read_cache (default: its default)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="storyline-webcpu-") as folder:
        db = Path(folder) / "store.db"
        shutil.copy(args.db, db)
        overrides: dict = {"store": {"url": f"sqlite:///{db}"}}
        if args.read_cache is not None:
            overrides["web"] = {"read_cache": args.read_cache}
        settings = load_settings(env={}, overrides=overrides)
        store = services.open_store(settings)
        try:
            figures = asyncio.run(measure(create_app(settings, store), args.requests,
                                          args.repeats))
        finally:
            store.close()
    for name, ms in figures.items():
        print(f"{name:14s} {ms:6.2f} ms CPU per request")
    print(f"{'mean':14s} {sum(figures.values()) / len(figures):6.2f} ms CPU per request")
    return 0


if __name__ == "__main__":
    sys.exit(main())
