"""What a bundle installs on each platform: the add-in's dependency set, fetched, locked and checked.

The set is dealer_xl's own requirements (read from the wheel built from this source) evaluated for
the target, with the platform's :data:`RULES` applied, xlwings pinned to the add-in's DLL and
pywin32 added on Windows (pip would judge xlwings' marker by the machine it runs on). Guarantees:

- :func:`requirements` is the list ``pip download --only-binary=:all:`` resolves for the target;
  a package the add-in does not need and that has no wheel there is left out, and one whose newest
  releases have no wheel there is held at the last that has (the rule says why);
- :func:`write_lock` writes ``requirements.txt``: every wheel of the wheelhouse as ``name==version``
  with its SHA-256, which the installer installs exactly (``--no-deps --require-hashes``), so what
  the PC gets is what was checked here, byte for byte;
- :func:`check` says, in Chinese, every wheel whose tags the target cannot install, every name held
  twice, and every requirement (of any wheel, markers and extras evaluated for the target) that no
  wheel of the set satisfies.

32-bit Office needs ``xlwings32-<version>.dll`` beside the venv; xlwings ships it only inside its
``win_amd64`` wheel (the 32-bit Python gets the pure wheel), so :func:`xlwings32_dll` takes it from
there (the file xlwings publishes, unchanged).
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.tags import Tag, compatible_tags, cpython_tags
from packaging.utils import canonicalize_name, parse_wheel_filename

from ..problems import BookError

LINUX_TAGS = (*(f"manylinux_2_{minor}_x86_64" for minor in range(28, 4, -1)),
              "manylinux2014_x86_64", "manylinux2010_x86_64", "manylinux1_x86_64", "linux_x86_64")
PLATFORM_TAGS = {"win_amd64": ("win_amd64",), "win32": ("win32",), "linux_x86_64": LINUX_TAGS}
ENVIRONMENTS = {
    "win_amd64": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64"},
    "win32": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "x86"},
    "linux_x86_64": {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
                     "platform_machine": "x86_64"},
}
LOCK_NAME = "requirements.txt"


@dataclass(frozen=True, slots=True)
class Rule:
    """How one requirement differs on one platform.

    Attributes:
        name: the distribution (``pandas``).
        replacement: the requirement used instead, or None to leave it out.
        why: the reason, for the bundle's listing and the docs.
    """

    name: str
    replacement: str | None
    why: str


RULES: dict[str, tuple[Rule, ...]] = {
    "win32": (
        Rule("matplotlib", "matplotlib>=3.7,<3.8",
             "matplotlib 3.8 起没有 32 位 Windows 的 wheel；3.7.5 是最后一个，图表用到的接口相同"),
    ),
}


def environment(platform: str, python: str) -> dict[str, str]:
    """PEP 508 marker variables of CPython ``python`` on ``platform``."""
    return {**ENVIRONMENTS[platform], "python_version": python, "python_full_version": f"{python}.0",
            "implementation_name": "cpython", "platform_python_implementation": "CPython",
            "implementation_version": f"{python}.0", "platform_release": "", "platform_version": ""}


def metadata(wheel: Path) -> list[str]:
    """The ``Requires-Dist`` lines of ``wheel``."""
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        message = Parser().parsestr(z.read(name).decode("utf-8"))
    return message.get_all("Requires-Dist") or []


def _applies(requirement: Requirement, env: dict[str, str], extras: set[str]) -> bool:
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({**env, "extra": extra}) for extra in extras | {""})


def apply_rules(requirements: list[Requirement], platform: str) -> list[Requirement]:
    """``requirements`` with ``platform``'s :data:`RULES` applied (left out or replaced)."""
    rules = {canonicalize_name(r.name): r for r in RULES.get(platform, ())}
    out = []
    for requirement in requirements:
        rule = rules.get(canonicalize_name(requirement.name))
        if rule is None:
            out.append(requirement)
        elif rule.replacement is not None:
            out.append(Requirement(rule.replacement))
    return out


def requirements(wheel: Path, platform: str, python: str, xlwings: str) -> list[str]:
    """What ``pip download`` fetches for dealer_xl's ``wheel`` on ``platform`` (see the module docstring)."""
    env = environment(platform, python)
    own = [r for r in map(Requirement, metadata(wheel)) if _applies(r, env, set())]
    chosen = [r for r in apply_rules(own, platform) if canonicalize_name(r.name) != "xlwings"]
    extra = [f"xlwings=={xlwings}", *(["pywin32>=306"] if platform.startswith("win") else [])]
    return [str(r) for r in chosen] + extra


def supported_tags(platform: str, python: str) -> set[Tag]:
    """Every wheel tag CPython ``python`` on ``platform`` installs."""
    version = tuple(int(p) for p in python.split("."))
    platforms = list(PLATFORM_TAGS[platform])
    return {*cpython_tags(version, platforms=platforms), *compatible_tags(version, f"cp{version[0]}{version[1]}",
                                                                          platforms)}


def wheels(folder: Path) -> list[Path]:
    return sorted(Path(folder).glob("*.whl"))


def check(folder: Path, platform: str, python: str, own: str = "dealer-xl") -> list[str]:
    """Chinese lines for every problem of the wheelhouse ``folder`` for the target (see the module docstring)."""
    tags, env = supported_tags(platform, python), environment(platform, python)
    problems, found, reqs = [], {}, {}
    for path in wheels(folder):
        name, version, _, wheel_tags = parse_wheel_filename(path.name)
        if not wheel_tags & tags:
            problems.append(f"{path.name} 不能装在 {platform} 的 Python {python} 上（标签 "
                            f"{'、'.join(sorted(str(t) for t in wheel_tags))}）")
        if name in found:
            problems.append(f"{name} 有两个版本：{found[name]} 和 {version}")
        found[name] = version
        listed = [Requirement(line) for line in metadata(path)]
        reqs[name] = apply_rules(listed, platform) if name == canonicalize_name(own) else listed
    if not found:
        return [f"{folder} 中没有 wheel"]
    wanted: dict[str, set[str]] = {name: set() for name in found}
    for _ in range(len(found) + 1):  # extras requested by one wheel widen another's requirements
        for name, listed in reqs.items():
            for r in listed:
                if _applies(r, env, wanted[name]) and canonicalize_name(r.name) in wanted:
                    wanted[canonicalize_name(r.name)] |= set(r.extras)
    for name, listed in sorted(reqs.items()):
        for r in listed:
            if not _applies(r, env, wanted[name]):
                continue
            have = found.get(canonicalize_name(r.name))
            if have is None or not r.specifier.contains(have, prereleases=True):
                problems.append(f"{name} {found[name]} 需要 {r}，安装包里{'没有' if have is None else f'是 {have}'}")
    return problems


def write_lock(folder: Path, dest: Path) -> Path:
    """``requirements.txt`` pinning every wheel of ``folder`` with its SHA-256 (see the module docstring)."""
    lines = []
    for path in wheels(folder):
        name, version, _, _ = parse_wheel_filename(path.name)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{name}=={version} --hash=sha256:{digest}")
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


def xlwings32_dll(amd64_wheel: Path, dest: Path) -> Path:
    """``xlwings32-<version>.dll`` copied out of xlwings' ``win_amd64`` wheel into the folder ``dest``."""
    _, version, _, _ = parse_wheel_filename(amd64_wheel.name)
    member = f"xlwings-{version}.data/data/xlwings32-{version}.dll"
    with zipfile.ZipFile(amd64_wheel) as z:
        if member not in z.namelist():
            raise BookError(f"{amd64_wheel.name} 中没有 {member}：无法为 32 位 Office 准备 xlwings 的 DLL")
        target = Path(dest) / Path(member).name
        target.write_bytes(z.read(member))
    return target
