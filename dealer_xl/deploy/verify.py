"""Checking an unpacked bundle before it leaves IT: every wheel, the runtime, the DLL, the add-in, the scripts.

:func:`check_bundle` returns one Chinese line per problem (nothing when the bundle is sound); it
reads only the files, so it runs on any OS. ``dealer-xl bundle`` runs it on what it built and
refuses to write the zip otherwise; ``dealer-xl bundle --check ZIP`` runs it on a zip IT received.
What it checks, per platform the manifest (``bundle.json``) names:

- the wheelhouse (:func:`dealer_xl.deploy.wheelhouse.check`: tags, one version per name, every
  requirement satisfied for the target) and its lock (exactly these wheels, each SHA-256 right);
- Windows: the python.org installer unless the bundle was built with ``--no-python`` (pinned
  name, SHA-256 and processor, :mod:`dealer_xl.deploy.runtime`); ``win32``: xlwings' 32-bit DLL of
  the pinned version, an x86 PE file; ``win_amd64``: the xlwings wheel carries the 64-bit DLL;
- the add-in names the pinned DLL, starts the installer's venv and keeps one Python process
  ("Use UDF Server");
- the scripts: ``.cmd`` files ASCII with CRLF, ``.ps1`` files UTF-8 with a BOM and CRLF, one
  ``shortcuts\\*.cmd`` per desktop shortcut; ``install.sh`` for Linux.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from packaging.utils import parse_wheel_filename

from ..excel import addin
from ..problems import BookError
from . import runtime, scripts, wheelhouse
from .doctor import conf_values

MANIFEST = "bundle.json"


def _lock_problems(folder: Path) -> list[str]:
    lock = folder / wheelhouse.LOCK_NAME
    if not lock.is_file():
        return [f"缺少 {lock}"]
    pinned = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        spec, _, digest = line.partition(" --hash=sha256:")
        pinned[spec] = digest
    found = {}
    for path in wheelhouse.wheels(folder / "wheelhouse"):
        name, version, _, _ = parse_wheel_filename(path.name)
        found[f"{name}=={version}"] = runtime.sha256(path)
    problems = [f"{lock.name} 与 wheelhouse 不一致：{spec}" for spec in sorted(set(pinned) ^ set(found))]
    return problems + [f"{spec} 的 SHA-256 与 {lock.name} 不符" for spec in sorted(set(pinned) & set(found))
                       if pinned[spec] != found[spec]]


def _windows_problems(root: Path, platform: str, manifest: dict, known: dict) -> list[str]:
    problems = []
    folder = root / platform
    name = manifest["platforms"][platform].get("python_installer")
    if name is not None:
        try:
            installer = runtime.wanted(manifest["python"], platform, known)
            if installer.name != name:
                raise BookError(f"清单写的是 {name}，应为 {installer.name}")
            runtime.check_installer(folder / name, installer)
        except BookError as exc:
            problems.append(f"{platform} 的 Python 安装程序：{exc}")
    pin = manifest["xlwings"]
    if platform == "win32":
        dll = folder / f"xlwings32-{pin}.dll"
        if not dll.is_file() or runtime.pe_machine(dll) != "x86":
            problems.append(f"32 位 Office 需要的 {dll.name} 缺失或不是 32 位 DLL")
    else:
        xw = [p for p in wheelhouse.wheels(folder / "wheelhouse") if p.name.startswith(f"xlwings-{pin}-")]
        if not xw or f"xlwings-{pin}.data/data/xlwings64-{pin}.dll" not in zipfile.ZipFile(xw[0]).namelist():
            problems.append(f"{platform} 的 xlwings wheel 中没有 xlwings64-{pin}.dll")
    return problems


def _script_problems(root: Path, windows: bool) -> list[str]:
    if not windows:
        return [] if (root / "install.sh").is_file() else ["缺少 install.sh"]
    problems = []
    names = ["install.cmd", "upgrade.cmd", "uninstall.cmd", "install.ps1", "upgrade.ps1", "uninstall.ps1",
             *(f"{scripts.SHORTCUT_DIR}/{s.file}" for s in scripts.SHORTCUTS)]
    for name in names:
        path = root / name
        if not path.is_file():
            problems.append(f"缺少 {name}")
            continue
        data = path.read_bytes()
        if b"\n" in data.replace(b"\r\n", b""):
            problems.append(f"{name} 的换行不是 CRLF")
        if name.endswith(".cmd") and not data.isascii():
            problems.append(f"{name} 含非 ASCII 字符（cmd.exe 按 OEM 代码页读取）")
        if name.endswith(".ps1") and not data.startswith(b"\xef\xbb\xbf"):
            problems.append(f"{name} 没有 UTF-8 BOM（Windows PowerShell 5.1 会读错中文）")
    return problems


def _addin_problems(root: Path, pin: str) -> list[str]:
    path = root / addin.ADDIN_NAME
    if not path.is_file():
        return [f"缺少 {addin.ADDIN_NAME}"]
    conf = conf_values(path)
    problems = []
    if addin.addin_dll_version(path) != pin:
        problems.append(f"{addin.ADDIN_NAME} 调用的 DLL 不是 xlwings {pin} 的")
    if conf.get("Interpreter_Win") != scripts.INTERPRETER_WIN:
        problems.append(f"{addin.ADDIN_NAME} 的 Interpreter_Win 不是 {scripts.INTERPRETER_WIN}")
    if conf.get("Use UDF Server") != "1":
        problems.append(f"{addin.ADDIN_NAME} 没有开启 Use UDF Server（每次点击都会启动新的 Python）")
    return problems


def check_bundle(root: Path, known: dict | None = None) -> list[str]:
    """Every problem of the unpacked bundle at ``root`` (see the module docstring), in Chinese;
    ``known`` the installers' digests (:data:`dealer_xl.deploy.runtime.INSTALLERS`)."""
    root = Path(root)
    try:
        manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{MANIFEST} 无法读取（{exc}）：这不是 dealer-xl bundle 生成的安装包"]
    problems = []
    platforms = list(manifest["platforms"])
    for platform in platforms:
        house = root / platform / "wheelhouse"
        problems += [f"{platform}：{p}" for p in wheelhouse.check(house, platform, manifest["python"])]
        problems += [f"{platform}：{p}" for p in _lock_problems(root / platform)]
        if not list(house.glob(f"dealer_xl-{manifest['dealer_xl']}-*.whl")):
            problems.append(f"{platform}：wheelhouse 中没有 dealer_xl {manifest['dealer_xl']} 的 wheel")
        if platform.startswith("win"):
            problems += _windows_problems(root, platform, manifest, known or runtime.INSTALLERS)
    windows = any(p.startswith("win") for p in platforms)
    return problems + _script_problems(root, windows) + _addin_problems(root, manifest["xlwings"])
