"""`pip wheel .` gives a wheel with complete metadata and every data file, and the installed
wheel runs offline: the CLI analyzes an article with the model from its package, and the web
app serves its API docs page from local assets."""

from __future__ import annotations

import email
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

DATA_FILES = ["storyline/py.typed", "storyline/web/templates/api_docs.html",
              "storyline/web/templates/story_page.html", "storyline/web/static/api-docs.js",
              "storyline/web/static/style.css", "storyline/render/templates/report.html"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a clean copy of the project (no network: no build isolation)."""
    work = tmp_path_factory.mktemp("wheel")
    project = work / "project"
    project.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    shutil.copytree(ROOT / "src", project / "src",
                    ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps",
                    "--no-build-isolation", "-w", str(work / "dist"), "-q"],
                   cwd=project, check=True, capture_output=True)
    (found,) = (work / "dist").glob("storyline-*.whl")
    return found


def _metadata(wheel: Path) -> email.message.Message:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return email.message_from_bytes(archive.read(name))


def test_the_metadata_is_complete(wheel):
    meta = _metadata(wheel)
    assert meta["Author-email"] and meta["Keywords"] and meta["License-Expression"]
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL"))
    assert {"Homepage", "Documentation", "Source", "Issues"} <= set(urls)
    classifiers = meta.get_all("Classifier")
    assert "Typing :: Typed" in classifiers and len(classifiers) >= 10
    assert "tables" in meta.get_all("Provides-Extra")
    requires = " ".join(meta.get_all("Requires-Dist"))
    assert "fastapi-offline" in requires and "pandas" in requires


def test_every_data_file_is_in_the_wheel(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert [f for f in DATA_FILES if f not in names] == []


def _run(site: Path, *args: str, cwd: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(site), "STORYLINE_DB": str(cwd / "w.db")}
    result = subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_the_installed_wheel_runs_offline(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                    "--target", str(site), str(wheel), "-q"], check=True, capture_output=True)
    where = _run(site, "-c", "import storyline; print(storyline.__file__)", cwd=tmp_path)
    assert where.startswith(str(site))
    sample = ROOT / "examples" / "05-ktv-ships-wait.txt"
    _run(site, "-m", "storyline", "analyze", str(sample), cwd=tmp_path)
    stories = json.loads(_run(site, "-m", "storyline", "export", "--all", cwd=tmp_path))
    assert len(stories) == 1 and stories[0]["articles"][0]["text"]
    probe = ("from fastapi.testclient import TestClient\n"
             "from storyline.config import Settings\n"
             "from storyline.store import open_store\n"
             "from storyline.web.app import create_app\n"
             "c = TestClient(create_app(Settings(), open_store('w.db')), base_url='http://127.0.0.1')\n"
             "for url in ('/api/v1/docs', '/api/v1/docs/assets/swagger-ui-bundle.js',\n"
             "            '/static/api-docs.js', '/api/v1/openapi.json', '/'):\n"
             "    assert c.get(url).status_code == 200, url\n"
             "print('ok')\n")
    assert _run(site, "-W", "ignore", "-c", probe, cwd=tmp_path).strip() == "ok"
