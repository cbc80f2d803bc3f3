"""A seeded generator of hostile and mixed input files, with what ingest must make of each.

``generate(folder, count, seed)`` writes ``count`` inputs under ``folder`` (in nested
sub-folders) drawn from ``CASES``: good files of every format (and their ``.gz``), files
that break one bound each, links, FIFOs, odd names, bad encodings, and random byte
mutations of good files. Each input comes with an ``Expect``: the sources that must be
stored, the sources that must be rejected (and with which reasons), or, for a mutation,
only that the file is accounted for. ``check`` compares a store's outcome against them.

The texts are invented from a word list; nothing comes from ../shared.
"""

from __future__ import annotations

import codecs
import gzip
import html
import json
import os
import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

# The bounds a fuzz run uses (small, so that each bound is cheap to cross).
LIMITS = {
    "max_bytes": 400_000, "max_decompressed_bytes": 800_000, "max_lines": 3_000,
    "max_line_chars": 60_000, "max_entries": 40, "max_json_depth": 32,
    "max_article_chars": 80_000, "max_seconds": 20,
}
ENV = {f"STORYLINE_INGEST_{k.upper()}": str(v) for k, v in LIMITS.items()}

_VOCABULARY = ("harbour council ferry crew island bridge river market library school street tram "
         "mayor budget tunnel station winter summer storm flood road museum garden forest "
         "factory workers union teacher nurse doctor hospital farmer harvest orchard bakery "
         "castle village valley mountain coast lake boat train airport festival choir painter "
         "café naïve Zürich señora Ærø Ελλάδα Москва القاهرة 東京 40,000 3.5% O’Brien")
WORDS = tuple(_VOCABULARY.split())
ODD = ["\u202e", "\u200b", "\u2028", "\u00a0", "[/b]", "[link=https://evil.example]x[/link]",
       "<svg onload=alert(1)>", "=cmd|' /C calc'!A0", "\x1b[31m", "“quoted”", "e\u0301"]
PARSER_BUG = "could not be parsed"


@dataclass
class Expect:
    """What must become of one generated input (sources relative to the run's folder)."""

    path: str
    case: str
    stored: set[str] = field(default_factory=set)
    rejected: dict[str, set[str]] = field(default_factory=dict)
    anything: bool = False  # a mutation: stored or rejected, but accounted for
    skipped: bool = False  # not an input at all (unsupported type, hidden)


@dataclass
class Context:
    rng: random.Random
    folder: Path  # where this input goes
    name: str  # file name without suffix
    rel: str  # ``folder`` relative to the run's root, with a trailing slash


# ------------------------------------------------------------------ content


def sentence(rng: random.Random, hostile: bool = False) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    if hostile and rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), rng.choice(ODD))
    return " ".join(words).capitalize() + rng.choice([".", ".", "!", "?"])


def prose(rng: random.Random, paragraphs: int, hostile: bool = True) -> list[str]:
    return [" ".join(sentence(rng, hostile) for _ in range(rng.randint(2, 5)))
            for _ in range(paragraphs)]


def page(rng: random.Random, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return ("<!doctype html><html><head><meta charset='utf-8'><title>"
            f"{html.escape(sentence(rng))}</title></head><body><nav>Home | News | Sport</nav>"
            f"<article><h1>{html.escape(sentence(rng))}</h1>{body}</article>"
            "<footer>Contact the newsroom</footer></body></html>")


def feed(rng: random.Random, entries: list[list[str]], atom: bool = False) -> str:
    if atom:
        items = "".join(f"<entry><title>{html.escape(sentence(rng))}</title><updated>"
                        f"2031-03-0{n % 9 + 1}T10:00:00Z</updated><content type='html'>"
                        f"{html.escape(''.join(f'<p>{p}</p>' for p in paras))}</content></entry>"
                        for n, paras in enumerate(entries))
        return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/'
                f'Atom"><title>Harbour Atom</title>{items}</feed>')
    items = "".join(f"<item><title>{html.escape(sentence(rng))}</title><description>"
                    f"{html.escape(''.join(f'<p>{html.escape(p)}</p>' for p in paras))}"
                    "</description></item>" if paras else "<item><title>empty</title></item>"
                    for paras in entries)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Harbour Wire</title>{items}</channel></rss>")


def write(ctx: Context, suffix: str, data: bytes | str) -> str:
    path = ctx.folder / (ctx.name + suffix)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return ctx.rel + ctx.name + suffix


# ------------------------------------------------------------------ good inputs


def good_txt(ctx: Context) -> Expect:
    paras = prose(ctx.rng, ctx.rng.randint(2, 6))
    text = sentence(ctx.rng) + "\n\n" + "\n\n".join(paras)
    encoding = ctx.rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16", "crlf"])
    data = (text.replace("\n", "\r\n").encode() if encoding == "crlf"
            else text.encode(encoding))
    path = write(ctx, ".txt", data)
    return Expect(path, "good_txt", stored={path})


def good_html(ctx: Context) -> Expect:
    path = write(ctx, ".html", page(ctx.rng, prose(ctx.rng, ctx.rng.randint(3, 6))))
    return Expect(path, "good_html", stored={path})


def good_json(ctx: Context) -> Expect:
    rng = ctx.rng
    item = {"title": sentence(rng, True), "text": "\n\n".join(prose(rng, rng.randint(2, 5))),
            "author": [{"name": "Ana Ruiz"}, "B. Lind"], "views": "DIGITS",
            "published": "2031-03-04", "nested": {"a": [1, [2, [3]]]}}
    raw = json.dumps(item).replace('"DIGITS"', "9" * rng.randint(1, 5000))
    if rng.random() < 0.3:
        raw = raw.replace('"text": "', '"text": "\\ud800 \\u0000 ', 1)
    path = write(ctx, ".json", raw)
    return Expect(path, "good_json", stored={path})


def _json_entries(ctx: Context, count: int) -> tuple[list[str], dict[int, str | None]]:
    """Raw JSON entries and, per 1-based index, the reason it must be rejected (or None)."""
    rng = ctx.rng
    raws, outcome = [], {}
    for n in range(1, count + 1):
        roll = rng.random()
        if roll < 0.7:
            raws.append(json.dumps({"headline": sentence(rng), "body": "\n\n".join(
                prose(rng, rng.randint(2, 4)))}, ensure_ascii=rng.random() < 0.5))
            outcome[n] = None
        elif roll < 0.8:
            raws.append(json.dumps({"title": "no text field"}))
            outcome[n] = "malformed"
        elif roll < 0.9:
            raws.append(json.dumps({"text": "   "}))
            outcome[n] = "empty"
        else:
            raws.append("[" * 40 + "]" * 40)
            outcome[n] = "too_deep"
    return raws, outcome


def _container(path: str, case: str, outcome: Mapping[int, str | None]) -> Expect:
    expect = Expect(path, case)
    for n, reason in outcome.items():
        if reason is None:
            expect.stored.add(f"{path}#{n}")
        else:
            expect.rejected[f"{path}#{n}"] = set(reason.split("|"))
    return expect


def good_json_list(ctx: Context) -> Expect:
    raws, outcome = _json_entries(ctx, ctx.rng.randint(1, 6))
    path = write(ctx, ".json", "[" + ",\n".join(raws) + "]")
    return _container(path, "json_list", outcome)


def jsonl_mixed(ctx: Context) -> Expect:
    rng = ctx.rng
    raws, outcome = _json_entries(ctx, rng.randint(1, 8))
    lines: list[bytes] = []
    for n, raw in enumerate(raws, 1):
        roll = rng.random()
        if roll < 0.1:
            lines.append(raw.encode()[:10] + b"\x00" + raw.encode()[10:])
            outcome[n] = "binary"
        elif roll < 0.2:
            lines.append(raw.encode()[: len(raw) // 2])  # may cut a UTF-8 sequence too
            outcome[n] = "malformed|undecodable"
        else:
            lines.append(raw.replace("body\": \"", "body\": \"\u2028", 1).encode())
    if rng.random() < 0.3:  # a blank line keeps the numbering
        lines.insert(0, b"")
        outcome = {n + 1: r for n, r in outcome.items()}
    path = write(ctx, rng.choice([".jsonl", ".ndjson"]), b"\n".join(lines) + b"\n")
    return _container(path, "jsonl_mixed", outcome)


def good_feed(ctx: Context) -> Expect:
    rng = ctx.rng
    atom = rng.random() < 0.4
    entries = [prose(rng, rng.randint(1, 3), hostile=False) if atom or rng.random() < 0.85
               else [] for _ in range(rng.randint(1, 5))]
    path = write(ctx, ".atom" if atom else rng.choice([".rss", ".xml"]), feed(rng, entries, atom))
    return _container(path, "feed", {n: None if paras else "empty"
                                     for n, paras in enumerate(entries, 1)})


def good_gz(ctx: Context) -> Expect:
    inner = ctx.rng.choice([good_txt, good_html, good_json, jsonl_mixed, good_feed])
    expect = inner(ctx)
    src = ctx.folder / Path(expect.path).name
    target = src.with_name(src.name + ".gz")
    target.write_bytes(gzip.compress(src.read_bytes()))
    src.unlink()
    rename = {expect.path: expect.path + ".gz"}

    def moved(source: str) -> str:
        base, sep, entry = source.partition("#")
        return rename.get(base, base) + sep + entry

    return Expect(moved(expect.path), "gz_" + expect.case, {moved(s) for s in expect.stored},
                  {moved(s): r for s, r in expect.rejected.items()})


def link_inside(ctx: Context) -> Expect:
    target = good_txt(ctx)
    link = ctx.folder / f"{ctx.name}-link.txt"
    link.symlink_to(Path(target.path).name)
    path = ctx.rel + link.name
    return Expect(target.path, "link_inside", stored={target.path, path})


# ------------------------------------------------------------------ bad inputs


def _rejected(path: str, case: str, *reasons: str) -> Expect:
    return Expect(path, case, rejected={path: set(reasons)})


def simple_bad(suffix: str, reason: str, make: Callable[[random.Random], bytes | str]):
    def case(ctx: Context) -> Expect:
        return _rejected(write(ctx, suffix, make(ctx.rng)), f"{reason}{suffix}", reason)

    case.__name__ = f"bad_{reason}"
    return case


def deep_json(ctx: Context) -> Expect:
    """Nesting past max_json_depth: an object (the file is refused), or a list whose first
    element is deep (that entry is refused; past what the parser reads, the file)."""
    depth = ctx.rng.choice([33, 100, 500, 5000, 20_000])
    if ctx.rng.random() < 0.5:
        path = write(ctx, ".json", '{"text": "x", "a": ' + '{"a": ' * depth + "1"
                     + "}" * depth + "}")
        return _rejected(path, "too_deep", "too_deep")
    path = write(ctx, ".json", "[" * depth + "]" * depth)
    return _rejected(path + "#1" if depth <= 500 else path, "too_deep", "too_deep")


def _laughs(rng: random.Random) -> str:
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY a{i} "{"&a;" * 10}">' for i in range(9))
    if rng.random() < 0.5:
        entities = '<!ENTITY ext SYSTEM "file:///etc/passwd">'
    return (f'<?xml version="1.0"?><!DOCTYPE r [{entities}]><rss version="2.0"><channel>'
            "<title>x</title><item><title>t</title><description>&a8; &ext;</description>"
            "</item></channel></rss>")


def _too_long_article(rng: random.Random) -> str:
    paragraphs = []
    while sum(map(len, paragraphs)) < LIMITS["max_article_chars"] + 2000:
        paragraphs.append(" ".join(sentence(rng) for _ in range(6)))
    return "\n\n".join(paragraphs)


BAD_SIMPLE = [
    simple_bad(".txt", "empty", lambda rng: b""),
    simple_bad(".html", "empty", lambda rng: b" \n\t \n"),
    simple_bad(".txt", "binary", lambda rng: b"\x89PNG\r\n\x1a\n\x00" + rng.randbytes(300)),
    simple_bad(".txt", "undecodable", lambda rng: codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00"),
    simple_bad(".txt.gz", "truncated",
               lambda rng: gzip.compress(" ".join(prose(rng, 4)).encode())[:-20]),
    simple_bad(".json.gz", "malformed", lambda rng: b"not gzip at all " + rng.randbytes(20)),
    simple_bad(".txt.gz", "decompressed_too_large",
               lambda rng: gzip.compress(b"a " * (LIMITS["max_decompressed_bytes"] // 2 + 10))),
    simple_bad(".txt", "too_large", lambda rng: "x " * (LIMITS["max_bytes"] // 2 + 10)),
    simple_bad(".txt", "too_many_lines", lambda rng: "word\n" * (LIMITS["max_lines"] + 5)),
    simple_bad(".txt", "line_too_long",
               lambda rng: sentence(rng) + "\n" + "y" * (LIMITS["max_line_chars"] + 1)),
    simple_bad(".json", "too_many_entries",
               lambda rng: json.dumps([{"text": "x"}] * rng.choice([41, 500, 20_000]))),
    simple_bad(".jsonl", "too_many_entries",
               lambda rng: "\n".join(json.dumps({"text": sentence(rng)}) for _ in range(45))),
    simple_bad(".rss", "too_many_entries",
               lambda rng: feed(rng, [[sentence(rng)]] * 41)),
    simple_bad(".json", "malformed", lambda rng: rng.choice(
        ['{"text": "cut', '[{"text": "a b c d e f"}] trailing', "42", '"just a string"',
         '{"text": "a"} {"text": "b"}', "[1, 2,]"])),
    simple_bad(".json", "empty", lambda rng: "[]"),
    simple_bad(".rss", "xml_entities", _laughs),
    simple_bad(".html", "xml_entities",
               lambda rng: '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><p>&x;</p>'),
    simple_bad(".xml", "malformed", lambda rng: "<html><body>not a feed</body></html>"),
    simple_bad(".atom", "empty", lambda rng: '<?xml version="1.0"?><feed xmlns="http://www.w3'
                                             '.org/2005/Atom"><title>none</title></feed>'),
    simple_bad(".txt", "article_too_long", _too_long_article),
    simple_bad(".txt", "no_text", lambda rng: "Short."),
    simple_bad(".html", "no_text", lambda rng: "<html><body><script>var a = 1;</script>"
                                               "<nav>Home</nav></body></html>"),
]


def fifo(ctx: Context) -> Expect:
    os.mkfifo(ctx.folder / f"{ctx.name}.txt")
    return _rejected(f"{ctx.rel}{ctx.name}.txt", "fifo", "special_file")


def _link(ctx: Context, suffix: str, target: str | Path, case: str, reason: str) -> Expect:
    (ctx.folder / f"{ctx.name}{suffix}").symlink_to(target)
    return _rejected(f"{ctx.rel}{ctx.name}{suffix}", case, reason)


def link_out(ctx: Context) -> Expect:
    target = ctx.rng.choice(["/dev/zero", "/etc/passwd", "/dev/urandom", "/proc/self/environ"])
    return _link(ctx, ".txt", target, "link_out", "outside_input")


def link_loop(ctx: Context) -> Expect:
    return _link(ctx, ".json", f"{ctx.name}.json", "link_loop", "symlink_loop")


def link_dangling(ctx: Context) -> Expect:
    return _link(ctx, ".html", f"{ctx.name}-missing.html", "link_dangling", "unreadable")


def link_up(ctx: Context) -> Expect:
    return _link(ctx, "", ".", "link_up", "symlink_loop")


def bad_name(ctx: Context) -> Expect:
    name = os.fsencode(ctx.name) + b"-caf\xe9.txt"
    with open(os.fsencode(ctx.folder) + b"/" + name, "wb") as handle:
        handle.write(" ".join(prose(ctx.rng, 2)).encode())
    return _rejected(ctx.rel + name.decode("utf-8", "backslashreplace"), "bad_name", "bad_name")


def skipped(ctx: Context) -> Expect:
    suffix = ctx.rng.choice([".pdf", ".docx", ".png", ""])
    path = write(ctx, suffix, ctx.rng.randbytes(100))
    hidden = ctx.folder / f".{ctx.name}.txt"
    hidden.write_text(sentence(ctx.rng))
    return Expect(path, "skipped", skipped=True)


MUTATIONS = (b"\x00", b"<", b"[", b"{", b"\xff\xfe", "\u202e".encode(), b"\n", b"&", b"]]>",
             b'"', b"\r")


def mutated(ctx: Context) -> Expect:
    """A good file of any format with random bytes flipped, cut or inserted."""
    rng = ctx.rng
    expect = rng.choice([good_txt, good_html, good_json, jsonl_mixed, good_feed])(ctx)
    path = ctx.folder / Path(expect.path).name
    data = bytearray(path.read_bytes())
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(data) + 1)
        roll = rng.random()
        if roll < 0.4:
            data[at:at] = rng.choice(MUTATIONS)
        elif roll < 0.7 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        else:
            del data[at:at + rng.randint(1, 200)]
    path.write_bytes(bytes(data))
    return Expect(expect.path, "mutated", anything=True)


CASES: list[tuple[str, float, Callable[[Context], Expect]]] = [
    ("good_txt", 12, good_txt), ("good_html", 7, good_html), ("good_json", 5, good_json),
    ("json_list", 4, good_json_list), ("jsonl_mixed", 6, jsonl_mixed), ("feed", 6, good_feed),
    ("gz", 5, good_gz), ("link_inside", 1, link_inside), ("mutated", 14, mutated),
    ("fifo", 1, fifo), ("link_out", 1, link_out), ("link_loop", 0.7, link_loop),
    ("link_dangling", 0.7, link_dangling), ("link_up", 0.3, link_up),
    ("bad_name", 0.7, bad_name), ("skipped", 1, skipped), ("bad_too_deep", 1.2, deep_json),
    *[(case.__name__, 1.2, case) for case in BAD_SIMPLE],
]


def generate(root: Path, count: int, seed: int, prefix: str = "") -> list[Expect]:
    """Write ``count`` inputs under ``root`` (nested folders); return their expectations,
    with sources as ``prefix`` + the path under ``root`` (``prefix``: how the run names
    ``root``, e.g. ``in/``)."""
    rng = random.Random(seed)
    names, weights, makers = zip(*CASES)
    expects = []
    for index in range(count):
        depth = rng.choice([0, 0, 1, 1, 2, 3])
        sub = "".join(f"d{rng.randint(0, 4)}/" for _ in range(depth))
        rel = prefix + sub
        folder = root / sub
        folder.mkdir(parents=True, exist_ok=True)
        pick = rng.choices(range(len(CASES)), weights)[0]
        case_rng = random.Random(f"{seed}-{index}")
        expect = makers[pick](Context(case_rng, folder, f"f{index:05d}", rel))
        expect.case = names[pick]
        expects.append(expect)
    return expects


# ------------------------------------------------------------------ checking


def _by_file(sources: Iterable[str]) -> dict[str, set[str]]:
    """Sources grouped by the file they come from (``a.jsonl#3`` -> ``a.jsonl``)."""
    grouped: dict[str, set[str]] = {}
    for source in sources:
        base, sep, entry = source.rpartition("#")
        grouped.setdefault(base if sep and entry.isdigit() else source, set()).add(source)
    return grouped


def check(expects: Iterable[Expect], stored: set[str],
          rejected: Mapping[str, tuple[str, str]]) -> list[str]:
    """Every way the outcome differs from the expectations (an empty list: all held)."""
    problems: list[str] = []
    claimed: set[str] = set()
    by_file = _by_file(stored | set(rejected))
    for expect in expects:
        base = next(iter(_by_file([expect.path])))
        mine = {s for s in by_file.get(base, ())
                if s == expect.path or s.startswith(expect.path + "#")}
        claimed |= mine
        if expect.skipped:
            if mine:
                problems.append(f"{expect.path}: should not be read, got {sorted(mine)}")
            continue
        if expect.anything:
            if not mine:
                problems.append(f"{expect.path} ({expect.case}): neither stored nor rejected")
            continue
        for source in sorted(expect.stored - stored):
            got = rejected.get(source)
            problems.append(f"{source} ({expect.case}): not stored (got {got})")
        for source, reasons in expect.rejected.items():
            got = rejected.get(source)
            if got is None or got[0] not in reasons:
                where = "stored" if source in stored else got
                problems.append(f"{source} ({expect.case}): want {sorted(reasons)}, got {where}")
        extra = mine - expect.stored - set(expect.rejected)
        problems += [f"{s} ({expect.case}): unexpected {rejected.get(s, 'stored')}"
                     for s in sorted(extra)]
    problems += [f"{s}: source of no generated input" for s in sorted(set(rejected) - claimed)]
    problems += [f"{s}: parser failure {d}" for s, (_, d) in rejected.items()
                 if d.startswith(PARSER_BUG)]
    return problems
