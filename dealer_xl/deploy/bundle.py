"""``dealer-xl bundle``: one zip that installs dealer_xl on an office PC with no Python and no internet.

Run by IT on any machine that reaches PyPI (and python.org, or a mirror, or with the installers at
hand). :func:`build_bundle` guarantees the zip holds, for each platform of the target
(``windows`` = ``win_amd64`` and ``win32``, so one zip serves 64-bit and 32-bit Office):

- ``<platform>/wheelhouse/``: the wheel of dealer_xl built from this source tree by ``python -m
  build`` (never fetched by name: a package registered later under the same name cannot slip in)
  and binary wheels of the add-in's dependency set for that platform
  (:mod:`dealer_xl.deploy.wheelhouse`), locked with their SHA-256 in ``<platform>/requirements.txt``;
- ``<platform>/python-<version>[-amd64].exe`` on Windows: python.org's installer, SHA-256-verified
  (:mod:`dealer_xl.deploy.runtime`), unless ``--no-python`` leaves it out on purpose; when it can be
  neither downloaded nor given, the bundle is refused with one Chinese line saying how;
- ``win32/xlwings32-<version>.dll`` for 32-bit Office;
- ``dealer_xl.xlam``: the add-in built by this installation's xlwings, which must be the pinned one
  (so its VBA names exactly the DLL the wheelhouse installs), starting the installer's venv
  (``%LOCALAPPDATA%\\dealer_xl\\venv\\Scripts\\pythonw.exe``) once per Excel session;
- the scripts of :mod:`dealer_xl.deploy.scripts`, ``bundle.json`` (what :mod:`~.verify` reads) and
  ``清单.txt`` (the same for people: runtime, wheels, and what differs per platform and why).

Nothing is zipped unless :func:`dealer_xl.deploy.verify.check_bundle` finds the staged bundle sound.
Download, wheel building and the installers' digests are injected, so tests build a bundle offline.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..excel.addin import ADDIN_NAME, PINNED_XLWINGS, AddinSettings, build_addin, require_pinned_xlwings
from ..problems import BookError
from . import runtime, scripts, verify, wheelhouse

PLATFORMS = ("win_amd64", "win32", "linux_x86_64")
CHOICES = {**{p: (p,) for p in PLATFORMS}, "windows": ("win_amd64", "win32")}
DOWNLOAD_TAGS = {"win_amd64": ("win_amd64",), "win32": ("win32",),  # pip download --platform, newest first
                 "linux_x86_64": ("manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64",
                                  "linux_x86_64")}
Runner = Callable[[list[str]], None]

CONSTRAINTS = "constraints.txt"  # beside pyproject.toml: the versions make test and CI install


@dataclass(frozen=True, slots=True)
class Target:
    """What a bundle is for.

    Attributes:
        name: the ``--platform`` chosen (a key of :data:`CHOICES`).
        python: ``3.11``-style version of the Python the office PC runs.
    """

    name: str
    python: str

    @property
    def platforms(self) -> tuple[str, ...]:
        return CHOICES[self.name]

    @property
    def windows(self) -> bool:
        return self.name != "linux_x86_64"


@dataclass(frozen=True)
class Runtimes:
    """Where the Windows installers come from.

    Attributes:
        given: files given with ``--python-installer`` (checked, never trusted by name).
        leave_out: ``--no-python``: no installer in the bundle, on purpose.
        mirror: where to download them from (python.org by default).
        opener: downloads a URL (tests: a loopback server).
        known: the pinned installers (tests: the digests of their stand-ins).
    """

    given: tuple[Path, ...] = ()
    leave_out: bool = False
    mirror: str = runtime.PYTHON_FTP
    opener: runtime.Opener = runtime.download
    known: dict = field(default_factory=lambda: dict(runtime.INSTALLERS))


def parse_target(platform: str, python: str) -> Target:
    """A :class:`Target`, or a Chinese BookError naming the choices."""
    if platform not in CHOICES:
        raise BookError(f"不支持的平台「{platform}」：可选 {'、'.join(CHOICES)}")
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


def pip_download(requirements: list[str], platform: str, python: str, dest: Path,
                 pip_args: tuple[str, ...] = (), no_deps: bool = False) -> list[str]:
    """The ``pip download`` command line filling ``dest`` with binary wheels for ``platform``."""
    tags = [arg for tag in DOWNLOAD_TAGS[platform] for arg in ("--platform", tag)]
    return [sys.executable, "-m", "pip", "download", "--only-binary=:all:", *tags, "--python-version", python,
            "--implementation", "cp", "--dest", str(dest), *(["--no-deps"] if no_deps else []), *pip_args,
            *requirements]


def source_tree() -> Path:
    """The source checkout this dealer_xl runs from (its pyproject.toml), else a BookError."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file():
        raise BookError("找不到 dealer_xl 的源码（pyproject.toml）：请在源码目录中用 pip install -e . 安装后运行 "
                        "dealer-xl bundle，或用 --source 指定源码目录")
    return root


_ANYWHERE = shutil.ignore_patterns(".git", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache")
_AT_TOP = {".venv", "build", "dist", "out", "demo", "bench"}


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


def _installers(target: Target, runtimes: Runtimes, stage: Path) -> dict[str, str | None]:
    """Each Windows platform's verified installer staged in ``stage/<platform>`` (file name), first of all
    (a missing one refuses the bundle before the slow downloads)."""
    for path in runtimes.given:
        if not Path(path).is_file():
            raise BookError(f"找不到 --python-installer 指定的文件 {path}")
        if runtime.pe_machine(Path(path)) not in runtime.PLATFORM_MACHINE.values():
            raise BookError(f"{path} 不是 Windows 的 32/64 位安装程序")
    names: dict[str, str | None] = {}
    for platform in target.platforms:
        if not platform.startswith("win") or runtimes.leave_out:
            names[platform] = None
            continue
        installer = runtime.wanted(target.python, platform, runtimes.known)
        names[platform] = runtime.provide(installer, list(runtimes.given), stage / platform, runtimes.mirror,
                                          runtimes.opener).name
    return names


def _listing(target: Target, stage: Path, installers: dict[str, str | None]) -> str:
    lines = [f"dealer_xl {__version__}，Python {target.python}，xlwings {PINNED_XLWINGS}"]
    for platform in target.platforms:
        house = stage / platform / "wheelhouse"
        lines.append(f"\n[{platform}] {len(wheelhouse.wheels(house))} 个 wheel")
        if platform.startswith("win"):
            lines.append(f"Python 安装程序：{installers[platform] or '未附带（--no-python）'}")
        lines += [f"与其他平台不同：{rule.name} → {rule.replacement or '不装'}（{rule.why}）"
                  for rule in wheelhouse.RULES.get(platform, ())]
        lines += [p.name for p in wheelhouse.wheels(house)]
    return "\n".join(lines) + "\n"


def _stage_platform(stage: Path, platform: str, target: Target, wheel: Path, pip_args: tuple[str, ...],
                    runner: Runner, tmp: Path, pins: Path | None = None) -> None:
    """One platform's wheelhouse and lock; the versions of ``pins`` (constraints.txt, what the tests ran
    with) where the platform takes the same packages (a platform with its own replacement rules, 32-bit
    Windows, resolves those itself)."""
    house = stage / platform / "wheelhouse"
    house.mkdir(parents=True, exist_ok=True)
    shutil.copy2(wheel, house / wheel.name)
    wanted = wheelhouse.requirements(wheel, platform, target.python, PINNED_XLWINGS)
    if pins is not None and not wheelhouse.RULES.get(platform):
        pip_args = pip_args + ("-c", str(pins))
    runner(pip_download(wanted, platform, target.python, house, pip_args))
    if platform == "win32":  # xlwings ships its 32-bit DLL only inside the win_amd64 wheel
        amd64 = tmp / "xlwings-win_amd64"
        runner(pip_download([f"xlwings=={PINNED_XLWINGS}"], "win_amd64", target.python, amd64, pip_args, no_deps=True))
        wheelhouse.xlwings32_dll(next(amd64.glob(f"xlwings-{PINNED_XLWINGS}-*win_amd64.whl")), stage / platform)
    wheelhouse.write_lock(house, stage / platform / wheelhouse.LOCK_NAME)


def build_bundle(out_dir: Path, target: Target, *, source: Path | None = None, wheel: Path | None = None,
                 isolation: bool = True, pip_args: tuple[str, ...] = (), runtimes: Runtimes | None = None,
                 runner: Runner | None = None) -> Path:
    """Build the bundle zip for ``target`` in ``out_dir`` and return its path (see the module docstring)."""
    require_pinned_xlwings()
    runtimes, runner = runtimes or Runtimes(), runner or run
    name = f"dealer_xl-{__version__}-{target.name}-py{target.python}"
    with tempfile.TemporaryDirectory(prefix="dealer_xl-bundle-") as tmp:
        stage = Path(tmp) / name
        stage.mkdir()
        installers = _installers(target, runtimes, stage)
        if wheel is None:
            wheel = build_wheel(source or source_tree(), Path(tmp) / "dist", isolation=isolation, runner=runner)
        pins = Path(source or Path(__file__).resolve().parents[2]) / CONSTRAINTS  # versions tested together
        for platform in target.platforms:
            _stage_platform(stage, platform, target, wheel, pip_args, runner, Path(tmp),
                            pins if pins.is_file() else None)
        build_addin(stage / ADDIN_NAME, AddinSettings(interpreter_win=scripts.INTERPRETER_WIN))
        for relative, text in scripts.scripts(__version__, target.python, target.platforms).items():
            (stage / relative).parent.mkdir(parents=True, exist_ok=True)
            (stage / relative).write_bytes(text.encode("utf-8"))
        manifest = {"dealer_xl": __version__, "python": target.python, "xlwings": PINNED_XLWINGS,
                    "platforms": {p: {"python_installer": installers[p]} for p in target.platforms}}
        (stage / verify.MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        (stage / "清单.txt").write_text(_listing(target, stage, installers), encoding="utf-8")
        problems = verify.check_bundle(stage, runtimes.known)
        if problems:
            raise BookError("安装包没有通过检查，未生成：\n" + "\n".join(problems[:20]))
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


def check_archive(archive: Path) -> list[str]:
    """:func:`dealer_xl.deploy.verify.check_bundle` on a bundle zip (unpacked to a temporary folder)."""
    if not zipfile.is_zipfile(archive):
        return [f"{archive} 不是 zip 文件"]
    with tempfile.TemporaryDirectory(prefix="dealer_xl-check-") as tmp, zipfile.ZipFile(archive) as z:
        z.extractall(tmp)
        roots = [p for p in Path(tmp).iterdir() if p.is_dir()]
        return verify.check_bundle(roots[0]) if len(roots) == 1 else [f"{archive} 中应只有一个顶层文件夹"]
