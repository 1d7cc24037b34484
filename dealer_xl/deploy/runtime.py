"""The Python runtime a Windows bundle carries: python.org's official installer, checksum-verified.

An office PC usually has no Python, so a Windows bundle holds the official installer of the Python
it was built for, one per bitness (:data:`INSTALLERS`: the last binary release of each minor
version), which ``install.ps1`` runs per-user and silently (no administrator). Guarantees:

- an installer enters a bundle only when its SHA-256 equals the pinned digest, whether it was
  downloaded at bundle time (:func:`fetch_installer`, from python.org or a mirror given with
  ``--python-mirror``: the digest makes a mirror safe) or given with ``--python-installer``
  (:func:`check_installer`); its PE header must name the bundle's processor (x64 for win_amd64,
  x86 for win32);
- when neither is possible the bundle is refused with one Chinese line saying how to supply the
  file or that ``--no-python`` leaves it out on purpose (:func:`refusal`).

The digests are python.org's files as published in winget's manifests (Python.Python.3.11 3.11.9,
Python.Python.3.12 3.12.10) and confirmed by a second independent listing.
"""

from __future__ import annotations

import hashlib
import shutil
import struct
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..problems import BookError

PYTHON_FTP = "https://www.python.org/ftp/python"
MACHINES = {0x8664: "x64", 0x014C: "x86", 0xAA64: "arm64"}
PLATFORM_MACHINE = {"win_amd64": "x64", "win32": "x86"}


@dataclass(frozen=True, slots=True)
class Installer:
    """One official Windows installer of Python.

    Attributes:
        version: the full version (``3.11.9``).
        platform: the wheel platform it serves (``win_amd64`` or ``win32``).
        name: python.org's file name (``python-3.11.9-amd64.exe``).
        sha256: its SHA-256, lower-case hex.
    """

    version: str
    platform: str
    name: str
    sha256: str

    def url(self, mirror: str = PYTHON_FTP) -> str:
        return f"{mirror.rstrip('/')}/{self.version}/{self.name}"


INSTALLERS: dict[tuple[str, str], Installer] = {
    ("3.11", "win_amd64"): Installer("3.11.9", "win_amd64", "python-3.11.9-amd64.exe",
                                     "5ee42c4eee1e6b4464bb23722f90b45303f79442df63083f05322f1785f5fdde"),
    ("3.11", "win32"): Installer("3.11.9", "win32", "python-3.11.9.exe",
                                 "af19e5e2f03e715a822181f2cb7d4efef4eda13fa4a2db6da12e998e46f5cbf9"),
    ("3.12", "win_amd64"): Installer("3.12.10", "win_amd64", "python-3.12.10-amd64.exe",
                                     "67b5635e80ea51072b87941312d00ec8927c4db9ba18938f7ad2d27b328b95fb"),
    ("3.12", "win32"): Installer("3.12.10", "win32", "python-3.12.10.exe",
                                 "fdfe385b94f5b8785a0226a886979527fd26eb65defdbf29992fd22cc4b0e31e"),
}
Opener = Callable[[str], bytes]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pe_machine(path: Path) -> str | None:
    """``x64``, ``x86`` or ``arm64`` from a Windows executable's or DLL's PE header; None when it is not one."""
    with Path(path).open("rb") as fh:
        head = fh.read(4096)
    if head[:2] != b"MZ" or len(head) < 64:
        return None
    offset = struct.unpack_from("<I", head, 0x3C)[0]
    if offset + 6 > len(head) or head[offset:offset + 4] != b"PE\0\0":
        return None
    return MACHINES.get(struct.unpack_from("<H", head, offset + 4)[0])


def wanted(python: str, platform: str, known: dict[tuple[str, str], Installer] = INSTALLERS) -> Installer:
    """The installer a bundle for Python ``python`` on ``platform`` carries, else a Chinese BookError."""
    found = known.get((python, platform))
    if found is None:
        versions = "、".join(sorted({k[0] for k in known}))
        raise BookError(f"没有为 Python {python}（{platform}）登记官方安装程序的校验和（已登记：{versions}）；"
                        "请改用这些版本之一，或用 --no-python 不带 Python")
    return found


def check_installer(path: Path, installer: Installer) -> Path:
    """``path`` when it is exactly ``installer`` (name, processor, SHA-256), else a Chinese BookError."""
    path = Path(path)
    if not path.is_file():
        raise BookError(f"找不到 Python 安装程序 {path}")
    machine = pe_machine(path)
    if machine != PLATFORM_MACHINE[installer.platform]:
        raise BookError(f"{path.name} 不是 {PLATFORM_MACHINE[installer.platform]} 的 Windows 程序（读到 {machine or '非 PE 文件'}）："
                        f"{installer.platform} 需要 {installer.name}")
    found = sha256(path)
    if found != installer.sha256:
        raise BookError(f"{path.name} 的 SHA-256 是 {found}，与 python.org 发布的 {installer.name}（{installer.sha256}）不符："
                        "文件不完整或被改动过，请重新下载")
    return path


def download(url: str) -> bytes:
    """The bytes at ``url`` (30 s without an answer is a failure)."""
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (https or the mirror given)
        return response.read()


def fetch_installer(installer: Installer, dest: Path, mirror: str = PYTHON_FTP, opener: Opener = download) -> Path:
    """Download ``installer`` into ``dest`` and verify it; a Chinese BookError (:func:`refusal`) when it
    cannot be had or does not verify (nothing is left in ``dest`` then)."""
    url = installer.url(mirror)
    try:
        data = opener(url)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise BookError(refusal(installer, f"无法下载 {url}（{getattr(exc, 'reason', exc)}）")) from exc
    target = Path(dest) / installer.name
    target.write_bytes(data)
    try:
        return check_installer(target, installer)
    except BookError as exc:
        target.unlink()
        raise BookError(refusal(installer, f"下载的文件没有通过核对：{exc}")) from exc


def refusal(installer: Installer, why: str) -> str:
    """The one Chinese line a bundle without its Python is refused with."""
    return (f"安装包里需要 Python {installer.version}（{installer.platform}）：{why}。请在能访问 python.org 的电脑上下载 "
            f"{installer.url()}，用 --python-installer 文件 指定（会核对 SHA-256）；或用 --python-mirror 指定镜像；"
            "或用 --no-python 明确不带 Python（员工电脑须已为当前用户装好同一位数的 Python "
            f"{installer.version.rsplit('.', 1)[0]}）")


def provide(installer: Installer, given: list[Path], dest: Path, mirror: str = PYTHON_FTP,
            opener: Opener = download) -> Path:
    """The verified installer in ``dest``: the given file of its processor, else one downloaded."""
    dest.mkdir(parents=True, exist_ok=True)
    machine = PLATFORM_MACHINE[installer.platform]
    mine = [p for p in given if Path(p).is_file() and pe_machine(Path(p)) == machine]
    if mine:
        target = dest / installer.name
        shutil.copy2(check_installer(mine[0], installer), target)
        return target
    return fetch_installer(installer, dest, mirror, opener)
