"""``dealer-xl bundle``: one zip that installs dealer_xl on an office PC without internet.

Run by IT on any machine with internet. :func:`build_bundle` guarantees the zip holds:

- ``wheelhouse/``: the wheel of dealer_xl built from this source tree by ``python -m build``
  (never fetched by name: a package registered later under the same name cannot slip in) and
  binary wheels of every dependency for the target platform and Python, fetched by
  ``pip download --only-binary=:all: --platform … --python-version …`` with xlwings pinned to
  :data:`~dealer_xl.excel.addin.PINNED_XLWINGS` (and pywin32 added for Windows, whose marker
  pip would otherwise judge by the machine it runs on);
- ``dealer_xl.xlam``: the add-in built by this installation's xlwings, which must be the pinned one
  (so its VBA names exactly the DLL the wheelhouse installs), with Interpreter_Win pointing at the
  venv the installer creates (``%LOCALAPPDATA%\\dealer_xl\\venv\\Scripts\\pythonw.exe``; xlwings
  expands the variable);
- the scripts of :mod:`dealer_xl.deploy.scripts`, a ``清单.txt`` listing every wheel, and a Python
  installer when one is given (``--python-installer``).

Download and wheel building are injected, so tests build a bundle without the network.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..excel.addin import ADDIN_NAME, PINNED_XLWINGS, AddinSettings, build_addin, require_pinned_xlwings
from ..problems import BookError
from . import scripts

PLATFORMS = {
    "win_amd64": ("win_amd64",),
    "win32": ("win32",),
    "linux_x86_64": ("manylinux2014_x86_64", "manylinux_2_17_x86_64", "manylinux_2_28_x86_64", "linux_x86_64"),
}
Runner = Callable[[list[str]], None]

CONSTRAINTS = "constraints.txt"  # beside pyproject.toml: the versions make test and CI install

@dataclass(frozen=True, slots=True)
class Target:
    """What a bundle is for.

    Attributes:
        platform: a key of :data:`PLATFORMS` (``win_amd64`` for 64-bit Windows).
        python: ``3.11``-style version of the Python the office PC runs.
    """

    platform: str
    python: str

    @property
    def windows(self) -> bool:
        return self.platform.startswith("win")

    def requirements(self, wheel: Path) -> list[str]:
        """What pip downloads: our wheel (its dependencies follow), the pinned xlwings, pywin32 on Windows."""
        extra = ["pywin32>=306"] if self.windows else []
        return [str(wheel), f"xlwings=={PINNED_XLWINGS}", *extra]

    def pip_download(self, wheel: Path, dest: Path, pip_args: tuple[str, ...] = ()) -> list[str]:
        """The ``pip download`` command line that fills ``dest`` with binary wheels for this target."""
        platforms = [arg for tag in PLATFORMS[self.platform] for arg in ("--platform", tag)]
        return [sys.executable, "-m", "pip", "download", "--only-binary=:all:", *platforms,
                "--python-version", self.python, "--implementation", "cp", "--dest", str(dest),
                *pip_args, *self.requirements(wheel)]


def parse_target(platform: str, python: str) -> Target:
    """A :class:`Target`, or a Chinese BookError naming the choices."""
    if platform not in PLATFORMS:
        raise BookError(f"不支持的平台「{platform}」：可选 {'、'.join(PLATFORMS)}")
    parts = python.split(".")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or (int(parts[0]), int(parts[1])) < (3, 11):
        raise BookError(f"Python 版本应写作 3.11、3.12 这样的形式（至少 3.11），收到「{python}」")
    return Target(platform, python)


def run(command: list[str]) -> None:
    """Run ``command``; a failure becomes a Chinese BookError with the tool's last output lines."""
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-6:])
        raise BookError(f"命令失败（退出码 {done.returncode}）：{' '.join(command[:4])} …\n{tail}")


def source_tree() -> Path:
    """The source checkout this dealer_xl runs from (its pyproject.toml), else a BookError."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file():
        raise BookError("找不到 dealer_xl 的源码（pyproject.toml）：请在源码目录中用 pip install -e . 安装后运行 "
                        "dealer-xl bundle，或用 --source 指定源码目录")
    return root


_ANYWHERE = shutil.ignore_patterns(".git", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache")
_AT_TOP = {".venv", "build", "dist", "out", "demo"}


def build_wheel(source: Path, dest: Path, *, isolation: bool = True, runner: Runner = run) -> Path:
    """Build dealer_xl's wheel from a copy of ``source`` into ``dest`` with ``python -m build``
    (the copy keeps build/ and *.egg-info out of the checkout); returns the wheel."""
    flags = [] if isolation else ["--no-isolation", "--skip-dependency-check"]
    with tempfile.TemporaryDirectory(prefix="dealer_xl-src-") as tmp:
        copy = Path(tmp) / "src"
        top = str(Path(source).resolve())
        shutil.copytree(source, copy, ignore=lambda folder, names: set(_ANYWHERE(folder, names)) | (
            _AT_TOP & set(names) if str(Path(folder).resolve()) == top else set()))
        runner([sys.executable, "-m", "build", "--wheel", *flags, "--outdir", str(dest), str(copy)])
    wheels = sorted(dest.glob(f"dealer_xl-{__version__}-*.whl"))
    if not wheels:
        raise BookError(f"python -m build 没有生成 dealer_xl-{__version__} 的 wheel（{dest}）")
    return wheels[-1]


def build_bundle(out_dir: Path, target: Target, *, source: Path | None = None, wheel: Path | None = None,
                 isolation: bool = True, pip_args: tuple[str, ...] = (), python_installer: Path | None = None,
                 runner: Runner = run) -> Path:
    """Build the bundle zip for ``target`` in ``out_dir`` and return its path (see the module docstring)."""
    require_pinned_xlwings()
    name = f"dealer_xl-{__version__}-{target.platform}-py{target.python}"
    with tempfile.TemporaryDirectory(prefix="dealer_xl-bundle-") as tmp:
        stage = Path(tmp) / name
        wheelhouse = stage / "wheelhouse"
        wheelhouse.mkdir(parents=True)
        if wheel is None:
            wheel = build_wheel(source or source_tree(), Path(tmp) / "dist", isolation=isolation, runner=runner)
        shutil.copy2(wheel, wheelhouse / wheel.name)
        pins = Path(source or Path(__file__).resolve().parents[2]) / CONSTRAINTS  # versions tested together
        runner(target.pip_download(wheelhouse / wheel.name, wheelhouse,
                                   pip_args + (("-c", str(pins)) if pins.is_file() else ())))
        build_addin(stage / ADDIN_NAME, AddinSettings(interpreter_win=scripts.INTERPRETER_WIN))
        bits = 32 if target.platform == "win32" else 64
        for file_name, text in scripts.scripts(__version__, target.python, target.windows, bits).items():
            (stage / file_name).write_bytes(text.encode("utf-8"))
        if python_installer is not None:
            shutil.copy2(python_installer, stage / Path(python_installer).name)
        listing = sorted(p.name for p in wheelhouse.glob("*.whl"))
        (stage / "清单.txt").write_text(
            f"dealer_xl {__version__}，{target.platform}，Python {target.python}，xlwings {PINNED_XLWINGS}\n"
            + "\n".join(listing) + "\n", encoding="utf-8")
        out_dir.mkdir(parents=True, exist_ok=True)
        archive = out_dir / f"{name}.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
            for path in sorted(stage.rglob("*")):
                if path.is_file():
                    info = zipfile.ZipInfo.from_file(path, f"{name}/{path.relative_to(stage).as_posix()}")
                    if path.suffix == ".sh":
                        info.external_attr = 0o755 << 16
                    z.writestr(info, path.read_bytes(), compress_type=zipfile.ZIP_DEFLATED)
    return archive
