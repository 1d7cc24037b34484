"""Stand-ins for the network in the bundle tests: a pip that writes small real wheels, PE files, a mirror.

:class:`FakePip` answers ``pip download`` by writing, for each requirement, a wheel whose version
satisfies it (its METADATA real, no requirements of its own), tagged the way PyPI's are for the
packages whose tags matter here: xlwings has a ``cp311-…-win_amd64`` wheel carrying both DLLs and
only a pure wheel for 32-bit Windows; compiled packages get the platform's tag. Every other
command (the wheel build) runs for real. :func:`pe_file` writes a minimal Portable Executable
header of a processor; :func:`mirror` serves a folder over HTTP on 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import http.server
import struct
import threading
import zipfile
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from dealer_xl.deploy import bundle

CANDIDATES = ("1000.0", "3.7.5", "2.5", "1.0")
RUN = bundle.run  # the real runner, for the commands that are not downloads
COMPILED = {"numpy", "lxml", "pywin32", "python-calamine", "matplotlib"}
MACHINES = {"x64": 0x8664, "x86": 0x014C}


def pe_file(path: Path, machine: str, size: int = 4096) -> Path:
    """A file whose PE header names ``machine`` (``x64`` or ``x86``), padded to ``size`` bytes."""
    head = bytearray(size)
    head[:2] = b"MZ"
    struct.pack_into("<I", head, 0x3C, 0x80)
    head[0x80:0x84] = b"PE\0\0"
    struct.pack_into("<H", head, 0x84, MACHINES[machine])
    path.write_bytes(bytes(head))
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def wheel(dest: Path, name: str, version: str, tag: str = "py3-none-any",
          files: dict[str, bytes] | None = None, requires: tuple[str, ...] = ()) -> Path:
    """A minimal but real wheel file."""
    stem = name.replace("-", "_")
    path = Path(dest) / f"{stem}-{version}-{tag}.whl"
    meta = "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n" + "".join(
        f"Requires-Dist: {r}\n" for r in requires)
    with zipfile.ZipFile(path, "w") as z:
        for member, data in (files or {}).items():
            z.writestr(member, data)
        z.writestr(f"{stem}-{version}.dist-info/METADATA", meta)
        z.writestr(f"{stem}-{version}.dist-info/WHEEL", f"Wheel-Version: 1.0\nTag: {tag}\n")
    return path


def _dll(machine: str) -> bytes:
    head = bytearray(1024)
    head[:2] = b"MZ"
    struct.pack_into("<I", head, 0x3C, 0x80)
    head[0x80:0x84] = b"PE\0\0"
    struct.pack_into("<H", head, 0x84, MACHINES[machine])
    return bytes(head)


class FakePip:
    """Records ``pip download`` commands and answers them with wheels (see the module docstring)."""

    def __init__(self) -> None:
        self.downloads: list[list[str]] = []

    def __call__(self, command: list[str]) -> None:
        if command[1:4] != ["-m", "pip", "download"]:
            RUN(command)
            return
        self.downloads.append(command)
        dest = Path(command[command.index("--dest") + 1])
        dest.mkdir(parents=True, exist_ok=True)
        platform = command[command.index("--platform") + 1]
        for requirement in self.requirements(command):
            self.answer(Requirement(requirement), platform, dest)

    @staticmethod
    def requirements(command: list[str]) -> list[str]:
        with_value = {"--platform", "--python-version", "--implementation", "--dest", "--find-links", "-c", "--constraint"}
        out, skip = [], False
        for arg in command[4:]:
            if skip:
                skip = False
            elif arg in with_value:
                skip = True
            elif not arg.startswith("-"):
                out.append(arg)
        return out

    @staticmethod
    def answer(requirement: Requirement, platform: str, dest: Path) -> Path:
        name = canonicalize_name(requirement.name)
        version = next(v for v in CANDIDATES if requirement.specifier.contains(v)) \
            if not str(requirement.specifier).startswith("==") else str(requirement.specifier)[2:]
        if name == "xlwings" and platform == "win_amd64":
            data = f"xlwings-{version}.data/data/"
            return wheel(dest, name, version, "cp311-cp311-win_amd64",
                         {f"{data}xlwings64-{version}.dll": _dll("x64"), f"{data}xlwings32-{version}.dll": _dll("x86")})
        if name in COMPILED and platform.startswith("win"):
            return wheel(dest, name, version, f"cp311-cp311-{platform}")
        if name in COMPILED:
            return wheel(dest, name, version, "cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64")
        return wheel(dest, name, version)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def mirror(folder: Path):
    """``http://127.0.0.1:PORT`` serving ``folder`` (python.org's ``ftp/python`` layout) while in use."""
    handler = partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
