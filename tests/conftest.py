"""Shared fixtures: a real LibreOffice headless converter and temporary book folders.

LibreOffice is installed by the project's own ``.ci/run`` (Debian's libreoffice-calc-nogui). In CI
(``CI`` set) a missing LibreOffice fails the tests that need it; on a developer machine without
it they are skipped with a printed reason.

``make test`` runs the suite on parallel workers (pytest-xdist). What is expensive to build and only
read by tests — the demo company — is built once per run for all workers (:func:`built_once`: a
file lock in the folder the workers' temporary folders share); nothing depends on test order.
Which worker runs which tests, in which order, is tests/scheduling.py's.

A worker runs hundreds of tests in one process: a test that leaves the cyclic garbage collector off
or objects frozen fails (:func:`collector_given_back`) — one such test once let every later test of
its worker keep its cycles, and that worker grew to 2 GB.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import settings

# No per-example deadline (a loaded 2-core CI machine is slow, not wrong); in CI the examples are
# derandomized so a run is reproducible, while developer runs keep exploring new examples.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


# LibreOffice trusts the results stored with formulas in a file that says Excel wrote it (XlsxWriter's
# do); 0 = "always recalculate on load", so a conversion really computes every formula.
ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


@pytest.fixture(autouse=True)
def collector_given_back():
    """Every test leaves the garbage collector as the worker needs it: enabled, nothing frozen.
    (The collector is given back before the failure, so the tests after it are not affected.)"""
    yield
    if not gc.isenabled() or gc.get_freeze_count():
        enabled, frozen = gc.isenabled(), gc.get_freeze_count()
        gc.unfreeze()
        gc.enable()
        pytest.fail(f"the test left the garbage collector {'enabled' if enabled else 'disabled'} "
                    f"with {frozen} objects frozen: later tests in this worker would keep their cycles")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """``--dist loadscope`` (``make test``) hands out balanced units of work (tests/scheduling.py)."""
    if config.getvalue("dist") == "loadscope":
        from .scheduling import BalancedScopes

        return BalancedScopes(config, log)
    return None


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


class LibreOffice:
    """LibreOffice headless with its own profile that recalculates formulas on load.

    ``convert(src, fmt, outdir=None) -> Path`` converts one file; ``convert.many(srcs, fmt, outdir)``
    converts several files with one start of LibreOffice (a start costs seconds) and returns their
    outputs in order. ``fmt`` is a LibreOffice filter such as ``xlsx``, ``ods``, ``csv`` or ``pdf``.
    Raises AssertionError when LibreOffice fails or does not write an output.
    """

    def __init__(self, exe: str, profile: Path) -> None:
        self.exe, self.profile = exe, profile

    def __call__(self, src: Path, fmt: str, outdir: Path | None = None) -> Path:
        src = Path(src)
        (out,) = self.many([src], fmt, outdir or src.parent / f"lo-{fmt}")
        return out

    def many(self, srcs: list[Path], fmt: str, outdir: Path) -> list[Path]:
        srcs, outdir = [Path(s) for s in srcs], Path(outdir)
        outdir.mkdir(parents=True, exist_ok=True)
        cmd = [self.exe, f"-env:UserInstallation=file://{self.profile}", "--headless", "--norestore",
               "--convert-to", fmt, "--outdir", str(outdir), *map(str, srcs)]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=180 * len(srcs))
        outs = [outdir / (src.stem + "." + fmt.split(":")[0]) for src in srcs]
        assert res.returncode == 0 and all(out.exists() for out in outs), f"LibreOffice 转换失败: {res.stdout} {res.stderr}"
        return outs


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory) -> LibreOffice:
    """A :class:`LibreOffice` converter (``convert(src, fmt, outdir=None) -> Path``, ``.many``).

    Skipped with a printed reason where LibreOffice is missing (failed in CI).
    """
    exe = _soffice()
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("CI 环境缺少 LibreOffice（.ci/run 应安装 libreoffice-calc-nogui）")
        pytest.skip("未安装 LibreOffice（soffice），跳过需要真实表格引擎的测试；运行 .ci/run 会安装它")
    profile = tmp_path_factory.mktemp("lo-profile")
    (profile / "user").mkdir()
    (profile / "user" / "registrymodifications.xcu").write_text(ALWAYS_RECALCULATE, encoding="utf-8")
    return LibreOffice(exe, profile)


def built_once(tmp_path_factory, name: str, build: Callable[[Path], object]) -> Path:
    """The folder ``<run>/name`` made by ``build(folder)`` once per test run and shared by every
    xdist worker (their temporary folders share a parent); the others wait on a file lock meanwhile.
    A build that failed leaves no ``.done`` marker, so the next worker builds it again."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    folder, done = root / name, root / f"{name}.done"
    with FileLock(str(root / f"{name}.lock")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory) -> Path:
    """The demo company at scale 0.3 (seed 2026), generated once per run for every test folder
    (and every worker).

    Read it, never write it: tests that change books take a copy (``demo_copy`` or their own).
    """
    from dealer_xl.demo import generate_demo

    return built_once(tmp_path_factory, "demo-0.3", lambda root: generate_demo(root / "演示公司", scale=0.3,
                                                                                 seed=2026)) / "演示公司"


@pytest.fixture(scope="session")
def demo_default(tmp_path_factory) -> Path:
    """The demo company exactly as ``dealer-xl demo`` and ``make demo`` write it (scale 1, seed 2026,
    the names the docs' examples show), generated once per run for every test folder and worker.

    Read it, never write it: copy it first.
    """
    from dealer_xl.demo import generate_demo

    return built_once(tmp_path_factory, "demo-1", lambda root: generate_demo(root / "演示公司")) / "演示公司"


@pytest.fixture
def demo_copy(demo_master, tmp_path) -> Path:
    """A fresh copy of :func:`demo_master` that the test may change."""
    folder = tmp_path / "台账"
    shutil.copytree(demo_master, folder)
    return folder
