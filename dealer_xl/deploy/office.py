"""Which Office this PC has: Microsoft Excel's path and bitness, or WPS — read as ``install.ps1`` reads it.

xlwings' add-in loads a DLL into Excel's own process, so a 32-bit Excel needs a 32-bit Python and a
64-bit Excel a 64-bit one. :func:`office_bitness` answers from the registry, in the order
``install.ps1`` uses (Click-to-Run ``Configuration\\Platform``; then ``Office\\<version>\\Outlook\\
Bitness``, which MSI installs of Office 2010–2019 write, in both registry views), and falls back
to the PE header of ``excel.exe``. The registry is read through a :data:`Reader`, so tests give a
dictionary; nothing raises for a missing key (None).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .runtime import pe_machine

Reader = Callable[[str, str], "str | None"]  # (key, value name) → value; "" names a key's default value
VERSIONS = ("16.0", "15.0", "14.0")
BITNESS_KEYS = (
    (r"HKLM\SOFTWARE\Microsoft\Office\ClickToRun\Configuration", "Platform"),
    *((rf"HKLM\SOFTWARE{node}\Microsoft\Office\{version}\Outlook", "Bitness")
      for version in VERSIONS for node in ("", r"\WOW6432Node")),
)
APP_PATHS = (r"HKCU\SOFTWARE", r"HKLM\SOFTWARE", r"HKLM\SOFTWARE\WOW6432Node")
APP_PATH = r"{root}\Microsoft\Windows\CurrentVersion\App Paths\{exe}"


def read_registry(key: str, name: str) -> str | None:
    """A registry value as text (64-bit view, which also holds ``WOW6432Node``), None when absent."""
    import winreg  # Windows only

    hive_name, _, path = key.partition("\\")
    hive = {"HKLM": winreg.HKEY_LOCAL_MACHINE, "HKCU": winreg.HKEY_CURRENT_USER}[hive_name]
    try:
        with winreg.OpenKey(hive, path, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY) as handle:
            return str(winreg.QueryValueEx(handle, name)[0])
    except OSError:
        return None


def app_path(read: Reader, exe: str) -> str | None:
    """The program ``exe`` registered under ``App Paths`` (user, machine, 32-bit view), else None."""
    return next((v for v in (read(APP_PATH.format(root=root, exe=exe), "") for root in APP_PATHS) if v), None)


def office_bitness(read: Reader, excel: str | None) -> str | None:
    """``x64`` or ``x86`` for the Microsoft Office whose ``excel.exe`` is ``excel``; None without Excel
    or when nothing tells (see the module docstring)."""
    if not excel:
        return None
    for key, name in BITNESS_KEYS:
        value = read(key, name)
        if value in ("x64", "x86"):
            return value
    path = Path(excel)
    return pe_machine(path) if path.is_file() else None


def has_wps(read: Reader) -> bool:
    """True when WPS Office (its spreadsheet et.exe, or wps.exe) is registered under ``App Paths``."""
    return app_path(read, "et.exe") is not None or app_path(read, "wps.exe") is not None
