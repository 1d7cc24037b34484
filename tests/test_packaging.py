"""The wheel staff install (`pip install dealer-xl`) carries every package and shipped folder."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

from dealer_xl import resources

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "dealer_xl").rglob("__init__.py")}
    assert found <= listed, f"pyproject.toml [tool.setuptools] packages 缺少 {sorted(found - listed)}"


def test_the_wheel_ships_templates_macros_and_examples(tmp_path):
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    [wheel] = tmp_path.glob("dealer_xl-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in resources.NAMES:
        for path in (ROOT / name).iterdir():
            assert f"dealer_xl/_shipped/{name}/{path.name}" in names, path
    assert "dealer_xl/resources.py" in names and "dealer_xl/documents/reports/__init__.py" in names


def test_resources_resolve_to_the_checkout_here():
    assert resources.folder("templates") == ROOT / "templates"
    assert (resources.folder("macros") / "ribbon.xml").exists()
