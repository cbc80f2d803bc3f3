"""Short invented articles for the crash tests: a few stories that share actors.

Every text is generated here from made-up names and phrases (nothing from ../shared). The
articles are short so that parsing costs little; each carries a quote, a figure and an
action between two actors, so that quotes, claims and events reach the stories. Some
articles have no date (so story building infers one), and a few are exact copies (so
deduplication links them).
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

STORIES = (
    # (title, actors, place, quote, counted group, cause)
    ("Harbour strike", ("Mara Lindqvist", "Tomas Berg", "Dockworkers Union"),
     "Norrvik harbour", "cranes stay idle until the night shifts are shortened",
     "dockworkers", "container ships anchored offshore"),
    ("Bridge closure", ("Elin Sandberg", "Jonas Ek", "Roads Agency"),
     "Vessel river bridge", "inspectors found the pillars cracked and unsafe",
     "commuters", "detours through the industrial district"),
    ("Copper mine", ("Karl Holm", "Ida Strand", "Mining Board"),
     "Falun copper mine", "the shafts flooded after the pumps failed",
     "miners", "ore shipments halted at the smelter"),
    ("Ferry fares", ("Mara Lindqvist", "Petra Nyberg", "Island Council"),
     "archipelago ferry line", "season tickets doubled without warning",
     "islanders", "pensioners unable to reach the mainland clinic"),
    ("School mergers", ("Anders Vik", "Ida Strand", "Education Office"),
     "northern district schools", "village classrooms will be emptied by autumn",
     "parents", "pupils bussed ninety minutes each morning"),
    ("Wind turbines", ("Sofia Dahl", "Tomas Berg", "Energy Authority"),
     "Storberget ridge", "reindeer grazing land cannot be fenced off",
     "herders", "turbine foundations poured on the moor"),
    ("Hospital wait", ("Lena Falk", "Nils Aberg", "Health Region"),
     "Umea regional hospital", "surgeons cancelled operations for lack of nurses",
     "patients", "hip replacements postponed into next year"),
    ("Orchard frost", ("Greta Moll", "Oskar Lund", "Farmers Guild"),
     "Kivik apple orchards", "blossoms froze in a single night",
     "growers", "cider presses standing empty"),
)
VERBS = ("accused", "met", "criticised", "thanked", "warned", "urged")
START = date(2023, 3, 1)


def _article(index: int, rng: random.Random) -> dict:
    story = index % len(STORIES)
    topic, actors, place, quote, group, cause = STORIES[story]
    speaker, other, body = rng.sample(actors, 3)
    number = rng.choice((120, 450, 1200, 3000, 15000)) * rng.randint(1, 4)
    day = START + timedelta(days=(index // len(STORIES)) % 40 + story * 3)
    text = (
        f"{speaker} {rng.choice(VERBS)} {other} on {day:%A} over the {place}. "
        f"\"{quote[0].upper()}{quote[1:]},\" {speaker} said. "
        f"About {number:,} {group} were affected, according to the {body}, "
        f"with {cause} since {day - timedelta(days=2):%B %-d, %Y}."
    )
    item = {"title": f"{topic} at the {place}: {speaker} ({index})", "text": text,
            "outlet": f"Gazette {index % 5}", "url": f"https://news.example/{index}"}
    if index % 7:
        item["published"] = day.isoformat()
    return item


def write_articles(folder: Path, count: int, *, seed: int = 15, per_file: int = 20) -> int:
    """Write ``count`` articles (plus a few exact copies) as JSONL files under ``folder``:
    ``early/`` holds the first half of all but the last story, ``late/`` the rest (the
    second half of those stories, the whole last story and the copies), so that analyzing
    ``early/`` and then ``folder`` adds members to stored stories and makes a new one.
    Returns how many lines were written."""
    rng = random.Random(seed)
    items = [_article(i, rng) for i in range(count)]
    copies = [dict(items[i], url=f"https://copy.example/{i}") for i in range(0, count, 40)]
    last = len(STORIES) - 1
    early = [it for i, it in enumerate(items) if i < count // 2 and i % len(STORIES) != last]
    late = [it for i, it in enumerate(items) if i >= count // 2 or i % len(STORIES) == last]
    for name, part in (("early", early), ("late", late + copies)):
        (folder / name).mkdir(parents=True, exist_ok=True)
        for start in range(0, len(part), per_file):
            lines = [json.dumps(item) for item in part[start:start + per_file]]
            (folder / name / f"batch-{start // per_file:03d}.jsonl").write_text(
                "\n".join(lines) + "\n", encoding="utf-8")
    return len(items) + len(copies)
