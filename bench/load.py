"""Load on the web app: concurrent clients over list, story, search and page routes.

    .venv/bin/python bench/load.py [--db FILE] [--clients 20] [--seconds 30] [--workers 2]

Builds the sample store from ../shared/seeds (unless --db names one), starts
``storyline serve --workers N`` on it as a subprocess, and runs two phases of ``--seconds``
each: the clients alone, then the clients while another process ingests new articles into
the same database without pause. Each client is a thread with one keep-alive connection
that walks the routes in turn. Prints requests/s, p50/p95/p99 latency per route and overall,
5xx responses, failed requests and "database is locked" lines in the server's log, and the
targets (>= 300 requests/s, p95 < 100 ms, no 5xx, no lock errors). ``--json`` prints the
figures as JSON. Exit 1 when a phase misses a target and --check is given.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
BIN = Path(sys.executable).parent
TARGET_RPS, TARGET_P95_MS = 300.0, 100.0
LOCKED = "database is locked"


@dataclass
class Tally:
    """Latencies (seconds) per route, 5xx and failed requests of one phase."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    server_errors: int = 0
    failures: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, route: str, seconds: float, status: int) -> None:
        with self.lock:
            self.latencies.setdefault(route, []).append(seconds)
            self.server_errors += status >= 500


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _storyline(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "storyline"), *args], check=True, **kwargs)


def build_sample(folder: Path) -> Path:
    db = folder / "sample.db"
    _storyline("analyze", str(SEEDS), "--metadata", str(SEEDS / "metadata.jsonl"),
               "--db", str(db), capture_output=True)
    return db


def start_server(db: Path, port: int, workers: int, log_path: Path) -> subprocess.Popen:
    log = log_path.open("w")
    extra = ["--workers", str(workers)] if workers != 1 else []
    server = subprocess.Popen(
        [str(BIN / "storyline"), "serve", "--db", str(db), "--port", str(port), *extra],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if _get("127.0.0.1", port, "/api/v1/stories")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"the server did not start; see {log_path}")


def _get(host: str, port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def routes(port: int) -> list[tuple[str, str]]:
    """(name, path) of the routes the clients walk, with ids read from the API."""
    stories = json.loads(_get("127.0.0.1", port, "/api/v1/stories")[1])["items"]
    articles = json.loads(_get("127.0.0.1", port, "/api/v1/articles?limit=5")[1])["items"]
    story = quote(stories[0]["id"], safe="")
    article = quote(articles[0]["id"], safe="")
    return [("page /", "/"), ("page story", f"/stories/{story}"),
            ("page article", f"/articles/{article}"), ("page search", "/search?q=troops"),
            ("api stories", "/api/v1/stories"), ("api story", f"/api/v1/stories/{story}"),
            ("api articles", "/api/v1/articles"), ("api quotes", "/api/v1/quotes?limit=50"),
            ("api search", "/api/v1/search?q=border")]


def client(port: int, paths: list[tuple[str, str]], offset: int, stop: threading.Event,
           tally: Tally) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    index = offset
    while not stop.is_set():
        name, path = paths[index % len(paths)]
        index += 1
        start = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            with tally.lock:
                tally.failures += 1
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        tally.add(name, time.perf_counter() - start, response.status)
    conn.close()


def server_cpu_seconds(session_id: int) -> float:
    """CPU seconds used so far by the processes of the server's session (Linux /proc)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session_id:  # field 6 of stat: the session id
            total += int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def run_phase(port: int, paths, clients: int, seconds: float) -> tuple[Tally, float]:
    tally, stop = Tally(), threading.Event()
    threads = [threading.Thread(target=client, args=(port, paths, i, stop, tally))
               for i in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - start


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def summary(tally: Tally, elapsed: float, locked: int, cpu: float) -> dict:
    every = [v for values in tally.latencies.values() for v in values]
    per_route = {name: {"n": len(v), "p50_ms": _quantile(v, 0.5) * 1000,
                        "p95_ms": _quantile(v, 0.95) * 1000}
                 for name, v in tally.latencies.items()}
    return {"requests": len(every), "rps": len(every) / elapsed,
            "p50_ms": _quantile(every, 0.5) * 1000, "p95_ms": _quantile(every, 0.95) * 1000,
            "p99_ms": _quantile(every, 0.99) * 1000, "server_errors": tally.server_errors,
            "failures": tally.failures, "locked": locked,
            "server_cpu_ms_per_request": cpu * 1000 / max(1, len(every)), "routes": per_route}


def meets_targets(figures: dict) -> bool:
    return (figures["rps"] >= TARGET_RPS and figures["p95_ms"] < TARGET_P95_MS
            and figures["server_errors"] == 0 and figures["failures"] == 0
            and figures["locked"] == 0)


INGEST_LOOP = """
import sys, time, tempfile, pathlib
from storyline import services
from storyline.config import load_settings
settings = load_settings(overrides={"store": {"url": sys.argv[1]}})
store = services.open_store(settings)
stop = time.monotonic() + float(sys.argv[2])
n = 0
with tempfile.TemporaryDirectory() as tmp:
    while time.monotonic() < stop:
        folder = pathlib.Path(tmp) / str(n)
        folder.mkdir()
        for i in range(5):
            k = n * 5 + i
            (folder / f"a{k}.txt").write_text(
                f"Load test article {k}\\n\\nThe harbor council met on day {k} to discuss "
                f"ferry number {k}. Officials said {k} ships were waiting at the pier while "
                f"the council debated plan {k * 7} for the northern shore.\\n")
        services.ingest_paths(store, [str(folder)], settings)
        n += 1
print(n * 5)
"""


def start_ingest(db: Path, seconds: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", INGEST_LOOP, f"sqlite:///{db}",
                             str(seconds)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def print_phase(name: str, figures: dict) -> None:
    ok = "meets" if meets_targets(figures) else "MISSES"
    print(f"\n{name}: {figures['requests']} requests, {figures['rps']:.0f} requests/s, "
          f"p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms, "
          f"p99 {figures['p99_ms']:.1f} ms, 5xx {figures['server_errors']}, "
          f"failed {figures['failures']}, '{LOCKED}' {figures['locked']} ({ok} the targets)")
    print(f"  server CPU per request: {figures['server_cpu_ms_per_request']:.2f} ms")
    if "ingested" in figures:
        print(f"  articles ingested meanwhile by another process: {figures['ingested']}")
    for route, row in figures["routes"].items():
        print(f"  {route:14s} n={row['n']:6d}  p50 {row['p50_ms']:6.1f} ms  "
              f"p95 {row['p95_ms']:6.1f} ms")


def _locked_lines(log_path: Path, since: int) -> tuple[int, int]:
    text = log_path.read_text(errors="replace")
    return text.count(LOCKED, since), len(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a store to copy (default: build the sample)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="storyline-load-"))
    try:
        return _run(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run(args, folder: Path) -> int:
    if args.db:
        db = folder / "sample.db"
        shutil.copy(args.db, db)
    else:
        db = build_sample(folder)
    port, log_path = _free_port(), folder / "server.log"
    server = start_server(db, port, args.workers, log_path)
    results = {}
    try:
        paths = routes(port)
        cpu = server_cpu_seconds(server.pid)
        tally, elapsed = run_phase(port, paths, args.clients, args.seconds)
        locked, seen = _locked_lines(log_path, 0)
        cpu, used = server_cpu_seconds(server.pid), server_cpu_seconds(server.pid) - cpu
        results["read only"] = summary(tally, elapsed, locked, used)
        ingest = start_ingest(db, args.seconds + 2)
        tally, elapsed = run_phase(port, paths, args.clients, args.seconds)
        used = server_cpu_seconds(server.pid) - cpu
        out, err = ingest.communicate(timeout=120)
        locked = _locked_lines(log_path, seen)[0] + err.count(LOCKED)
        results["while ingesting"] = {**summary(tally, elapsed, locked, used),
                                      "ingested": int(out.strip() or 0),
                                      "ingest_ok": ingest.returncode == 0}
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{args.clients} clients, {args.seconds:.0f} s per phase, "
              f"{args.workers} server workers, {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f} at the end")
        for name, figures in results.items():
            print_phase(name, figures)
    missed = [n for n, f in results.items() if not meets_targets(f)]
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
