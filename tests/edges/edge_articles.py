"""Small invented articles and input files for the edge tests (CLI and services).

Every text here is made up for these tests; nothing is taken from ../shared.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from pathlib import Path

FERRY = (
    "Ferry crews strike for a second week\n\n"
    "The ferry crews of the Norrvik archipelago stayed ashore on Tuesday, extending a strike "
    "over night shifts into its second week. Island shops reported that fresh milk and bread "
    "had run short since the weekend, and the regional council called both sides to talks.\n\n"
    "A spokeswoman for the crews said the union wanted a written promise that no captain "
    "would work more than two night shifts in a row. The operator said it could not staff "
    "the summer timetable under such a rule and offered a bonus for each extra night.\n\n"
    "Schoolchildren from the outer islands have been taught online since Monday. The council "
    "said a chartered boat would carry patients to the mainland hospital until the dispute "
    "ends, and that it would pay the fares of anyone who has to travel for medical care."
)
LIGHTHOUSE = (
    "Lighthouse keeper retires after three decades\n\n"
    "The last keeper of the Skarholm lighthouse retired on Friday after thirty-one years on "
    "the island. Neighbours gathered at the small harbour to thank her with coffee and cake.\n\n"
    "The maritime agency said the light would be run remotely from the mainland from now on, "
    "and that the keeper's cottage would be rented to visitors during the summer months."
)
BRIDGE = (
    "Old bridge over the Vessel river closed\n\n"
    "The old stone bridge over the Vessel river was closed to traffic on Monday after "
    "inspectors found deep cracks in two of its supporting pillars. Buses will take a detour "
    "through the industrial district, adding about twenty minutes to each trip."
)
MARKET = (
    "Night market returns to the harbour square\n\n"
    "The night market returned to the harbour square on Saturday for the first time in four "
    "years. Stall holders sold smoked fish, wool and honey until well after midnight, and "
    "the organisers said they counted more than three thousand visitors."
)
LIBRARY = (
    "Library extends its opening hours\n\n"
    "The town library will stay open until nine in the evening on weekdays from next month. "
    "The head librarian said students had asked for quiet study space during the exam season."
)
HTML_PAGE = (
    "<!doctype html><html><head><title>Lighthouse keeper retires after three decades</title>"
    "</head><body><article><h1>Lighthouse keeper retires after three decades</h1>"
    "<p>The last keeper of the Skarholm lighthouse retired on Friday after thirty-one years on "
    "the island. Neighbours gathered at the small harbour to thank her with coffee and cake.</p>"
    "<p>The maritime agency said the light would be run remotely from the mainland from now "
    "on, and that the keeper's cottage would be rented to visitors in the summer.</p>"
    "</article></body></html>"
)
RSS_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<description>News from the harbour</description>
<item><title>Fishing quota talks resume</title><link>https://gazette.example/quota</link>
<pubDate>Tue, 03 Mar 2026 08:00:00 GMT</pubDate>
<description>Fishing quota talks between the cooperative and the ministry resumed on Tuesday after
a pause of two months, with both sides saying a deal was possible before the spring season.
</description></item>
<item><title>Harbour crane repaired</title><link>https://gazette.example/crane</link>
<pubDate>Wed, 04 Mar 2026 09:30:00 GMT</pubDate>
<description>The large harbour crane that broke down last month was repaired on Wednesday, and the
container ships that had waited outside the port began to unload their cargo again.
</description></item>
</channel></rss>
"""

_VOCABULARY = (
    "harbour council ferry crew island bridge river market library school street tram "
    "mayor budget tunnel station winter summer storm flood road museum garden forest "
    "factory workers union teacher nurse doctor hospital farmer harvest orchard bakery "
    "castle village valley mountain coast lake boat train airport runway festival choir "
    "painter theatre stadium cyclist runner swimmer engineer pilot captain lantern quarry "
    "mill canal meadow glacier beacon ledger archive courtyard pier dock"
)
_WORDS = tuple(_VOCABULARY.split())


def distinct_article(seed: int) -> str:
    """A made-up article whose words are drawn at random (seeded): no two share shingles."""
    rng = random.Random(seed)

    def sentence(count: int) -> str:
        words = [rng.choice(_WORDS) for _ in range(count)]
        return " ".join(words).capitalize() + "."

    title = f"Report number {seed} on the {rng.choice(_WORDS)} and the {rng.choice(_WORDS)}"
    body = " ".join(sentence(14) for _ in range(3))
    return f"{title}\n\n{body}"


def near_copy(text: str) -> str:
    """``text`` with one word of its last paragraph changed (a light edit)."""
    return text.replace("pay the fares", "cover the fares", 1)


def write_text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_good_files(folder: Path) -> dict[str, int]:
    """One good file of every kind; returns {source key: articles it holds}."""
    write_text(folder / "ferry.txt", FERRY)
    write_text(folder / "lighthouse.html", HTML_PAGE)
    write_text(folder / "bridge.json", json.dumps({"title": "Old bridge closed",
                                                   "outlet": "River Post", "text": BRIDGE}))
    lines = [json.dumps({"headline": "Night market back", "body": MARKET}),
             json.dumps({"headline": "Library hours", "body": LIBRARY})]
    write_text(folder / "town.jsonl", "\n".join(lines) + "\n")
    write_text(folder / "gazette.rss", RSS_FEED)
    (folder / "extra.txt.gz").write_bytes(gzip.compress(distinct_article(7).encode("utf-8")))
    return {"ferry.txt": 1, "lighthouse.html": 1, "bridge.json": 1, "town.jsonl": 2,
            "gazette.rss": 2, "extra.txt.gz": 1}


def write_bad_files(folder: Path) -> dict[str, str]:
    """One bad file per reason found by walking a folder; returns {file name: reason code}."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    whole = gzip.compress(distinct_article(8).encode("utf-8"))
    (folder / "cut.txt.gz").write_bytes(whole[: len(whole) // 2])
    write_text(folder / "broken.json", '{"title": "Unclosed", "text": "The ')
    write_text(folder / "huge.txt", distinct_article(9) + "\n\n" + "Filler words. " * 400)
    return {"empty.txt": "empty", "blob.txt": "binary", "cut.txt.gz": "truncated",
            "broken.json": "malformed", "huge.txt": "too_large"}


_CELL_SPLIT = re.compile(r"\s*[│┃]\s*")


def table_rows(output: str) -> list[list[str]]:
    """The cells of every body row of the rich tables in ``output``."""
    rows = []
    for line in output.splitlines():
        if line.startswith("│") and line.rstrip().endswith("│"):
            rows.append([cell for cell in _CELL_SPLIT.split(line.strip())[1:-1]])
    return rows


def flatten(output: str) -> str:
    """Output with box characters removed and whitespace collapsed (undoes panel wrapping)."""
    return " ".join(re.sub(r"[│┃╭╮╰╯─━]", " ", output).split())
