"""Import direction: records/errors <- pipeline, text, config <- stages, store, render <- services
<- cli/web."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "storyline"

FORBIDDEN = {
    "records": {"*"},
    "errors": {"*"},
    "config": {"ingest", "annotate", "story", "store", "render", "web", "cli", "services", "eval"},
    "pipeline": {"config", "ingest", "annotate", "story", "store", "render", "web", "cli",
                 "services", "eval", "text"},
    "text": {"config", "pipeline", "ingest", "annotate", "story", "store", "render", "web",
             "cli", "services", "eval"},
    "ingest": {"annotate", "story", "store", "render", "web", "cli", "services"},
    "annotate": {"story", "store", "render", "web", "cli", "services"},
    "story": {"store", "render", "web", "cli", "services"},
    "store": {"ingest", "annotate", "story", "render", "web", "cli", "services", "eval"},
    "render": {"store", "web", "cli", "services"},
    "services": {"web", "cli", "batch"},
    "batch": {"web", "cli"},
}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        yield rel.parts[0].removesuffix(".py"), path


def _storyline_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    depth = len(path.relative_to(PACKAGE).parts) - 1
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and (node.module or "").startswith("storyline."):
                found.add(node.module.split(".")[1])
            elif node.level > depth:
                if node.module:
                    found.add(node.module.split(".")[0])
                else:
                    found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("storyline."):
                    found.add(alias.name.split(".")[1])
    return found


@pytest.mark.parametrize("layer,path", list(_modules()), ids=lambda v: str(v))
def test_import_direction(layer, path):
    forbidden = FORBIDDEN.get(layer, set())
    imported = _storyline_imports(path)
    if "*" in forbidden:
        assert not imported, f"{path} imports {imported}"
    else:
        assert not (imported & forbidden), f"{path} ({layer}) imports {imported & forbidden}"


def test_records_and_errors_are_stdlib_only():
    for name in ("records.py", "errors.py"):
        tree = ast.parse((PACKAGE / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                roots = {(node.module or "").split(".")[0]}
            else:
                continue
            assert roots <= set(sys.stdlib_module_names) | {"__future__"}, (name, roots)


def test_sql_only_in_store():
    words = ("SELECT ", "INSERT INTO", "CREATE TABLE", "DELETE FROM")
    for layer, path in _modules():
        if layer == "store":
            continue
        source = path.read_text(encoding="utf-8")
        assert not any(w in source for w in words), f"SQL outside store/: {path}"
