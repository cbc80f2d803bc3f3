"""Build a mixed JSONL archive from the Timeline17 input documents (read at run time).

    .venv/bin/python bench/make_archive.py --count 1000 --out /tmp/archive.jsonl \
        [--data ../shared/benchmarks/timeline17-dev] [--long-chars 590000] [--seed 13]

All topic folders are shuffled into one stream, one article per line (``text``,
``published``, ``outlet``, ``title``, ``url``). Past the number of documents there are,
further articles are made by joining the first half of one document to the second half
of another of the same topic (distinct texts on the same story). ``--long-chars`` adds one
article of that many characters (documents of one topic joined paragraph by paragraph), the
kind of page (a live blog, a concatenated archive) that must be parsed in pieces.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "timeline17-dev"


def documents(data: Path) -> list[dict]:
    """Every input document: topic, outlet, date and text."""
    docs = []
    for path in sorted(data.glob("*/InputDocs/*/*.txt")):
        topic_dir = path.parents[2].name
        topic, _, outlet = topic_dir.partition("_")
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        if text:
            docs.append({"topic": topic, "outlet": outlet or topic_dir, "day": path.parent.name,
                         "name": f"{topic_dir}/{path.parent.name}/{path.name}", "text": text})
    return docs


def _title(text: str) -> str:
    return text.split("\n", 1)[0][:100]


def _entry(doc: dict, text: str, index: int) -> dict:
    return {"text": text, "published": doc["day"], "outlet": doc["outlet"],
            "title": _title(text), "url": f"https://example.org/{index}/{doc['name']}"}


def _blend(first: dict, second: dict) -> str:
    a, b = first["text"].split("\n"), second["text"].split("\n")
    return "\n".join(a[:max(1, len(a) // 2)] + b[len(b) // 2:])


def build(docs: list[dict], count: int, seed: int, long_chars: int = 0) -> list[dict]:
    rng = random.Random(seed)
    order = docs[:]
    rng.shuffle(order)
    entries = [_entry(d, d["text"], i) for i, d in enumerate(order[:count])]
    by_topic: dict[str, list[dict]] = {}
    for doc in docs:
        by_topic.setdefault(doc["topic"], []).append(doc)
    while len(entries) < count:
        first = rng.choice(docs)
        second = rng.choice(by_topic[first["topic"]])
        entries.append(_entry(first, _blend(first, second), len(entries)))
    if long_chars:
        entries.insert(rng.randrange(len(entries) + 1), _long_entry(by_topic, long_chars, rng))
    return entries


def _long_entry(by_topic: dict[str, list[dict]], chars: int, rng: random.Random) -> dict:
    topic = max(by_topic, key=lambda t: len(by_topic[t]))
    parts, size = [], 0
    for doc in by_topic[topic]:
        parts.append(doc["text"])
        size += len(doc["text"]) + 2
        if size >= chars:
            break
    text = "\n\n".join(parts)[:chars]
    return _entry(rng.choice(by_topic[topic]), text, 10**9)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--long-chars", type=int, default=0)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    docs = documents(args.data)
    if not docs:
        sys.stderr.write(f"no documents under {args.data}\n")
        return 2
    entries = build(docs, args.count, args.seed, args.long_chars)
    with args.out.open("w", encoding="utf-8") as handle:
        for entry in entries:
            handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
    words = sum(len(e["text"].split()) for e in entries)
    sys.stdout.write(f"wrote {len(entries)} articles ({words:,} words) to {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
