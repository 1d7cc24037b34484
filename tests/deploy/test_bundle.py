"""The offline bundle: our wheel built by ``python -m build``, pip download for the target only, the
add-in naming the pinned DLL and pointing at the installer's venv, scripts quoted and offline."""

from __future__ import annotations

import re
import shlex
import sys
import zipfile
from pathlib import Path

import pytest

from dealer_xl import __version__
from dealer_xl.cli import main
from dealer_xl.deploy import bundle, scripts
from dealer_xl.deploy.doctor import conf_values
from dealer_xl.excel import addin
from dealer_xl.problems import BookError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """dealer_xl's wheel, built once from this checkout by python -m build (offline: no isolation);
    ``checkout_changes`` are the top-level entries the build added to the checkout."""
    before = {p.name for p in ROOT.iterdir()}
    built = bundle.build_wheel(ROOT, tmp_path_factory.mktemp("wheel"), isolation=False)
    CHECKOUT_CHANGES.update({p.name for p in ROOT.iterdir()} - before)
    return built


CHECKOUT_CHANGES: set[str] = set()


class PipRecorder:
    """Stands in for the network: records the pip download command, runs any other command for real."""

    def __init__(self) -> None:
        self.downloads: list[list[str]] = []

    def __call__(self, command: list[str]) -> None:
        if command[1:4] == ["-m", "pip", "download"]:
            self.downloads.append(command)
        else:
            bundle.run(command)


def _bundle(tmp_path, wheel, platform):
    pip = PipRecorder()
    archive = bundle.build_bundle(tmp_path / "dist", bundle.parse_target(platform, "3.11"), wheel=wheel, runner=pip)
    root = tmp_path / "unzipped"
    with zipfile.ZipFile(archive) as z:
        z.extractall(root)
    (folder,) = root.iterdir()
    return archive, folder, pip


def test_the_wheel_is_built_from_the_source_and_carries_the_macros(wheel):
    assert wheel.name == f"dealer_xl-{__version__}-py3-none-any.whl"
    assert "dealer_xl/_shipped/macros/DealerXL.bas" in zipfile.ZipFile(wheel).namelist()
    assert CHECKOUT_CHANGES == set()  # built from a copy: no build/ or *.egg-info left in the checkout


def test_linux_bundle_downloads_binary_wheels_for_the_target_with_xlwings_pinned(tmp_path, wheel):
    archive, folder, pip = _bundle(tmp_path, wheel, "linux_x86_64")
    assert archive.name == f"dealer_xl-{__version__}-linux_x86_64-py3.11.zip"
    (command,) = pip.downloads
    assert "--only-binary=:all:" in command and command[command.index("--python-version") + 1] == "3.11"
    assert command[command.index("--platform") + 1] == "manylinux2014_x86_64"
    assert command[command.index("--dest") + 1] == str(Path(command[command.index("--dest") + 1]))
    assert command[-2:] == [command[-2], f"xlwings=={addin.PINNED_XLWINGS}"] and command[-2].endswith(wheel.name)
    assert (folder / "wheelhouse" / wheel.name).is_file()
    assert (folder / "install.sh").is_file() and not (folder / "install.cmd").exists()
    install = (folder / "install.sh").read_text()
    assert '--no-index --find-links "$here/wheelhouse"' in install and f'"dealer-xl=={__version__}"' in install
    assert zipfile.ZipFile(archive).getinfo(f"{folder.name}/install.sh").external_attr >> 16 == 0o755
    assert wheel.name in (folder / "清单.txt").read_text(encoding="utf-8")


def test_the_bundled_addin_names_the_pinned_dll_and_starts_the_installers_venv(tmp_path, wheel):
    _, folder, _ = _bundle(tmp_path, wheel, "linux_x86_64")
    xlam = folder / addin.ADDIN_NAME
    assert addin.addin_dll_version(xlam) == addin.PINNED_XLWINGS
    assert conf_values(xlam)["Interpreter_Win"] == r"%LOCALAPPDATA%\dealer_xl\venv\Scripts\pythonw.exe"


def test_windows_bundle_has_scripts_for_both_shells_quoted_and_offline(tmp_path, wheel):
    _, folder, pip = _bundle(tmp_path, wheel, "win_amd64")
    (command,) = pip.downloads
    assert command[command.index("--platform") + 1] == "win_amd64" and "pywin32>=306" in command
    names = {p.name for p in folder.iterdir()}
    assert {"install.cmd", "install.ps1", "upgrade.cmd", "upgrade.ps1", "uninstall.cmd", "uninstall.ps1"} <= names
    ps1 = (folder / "install.ps1").read_bytes()
    assert ps1.startswith(b"\xef\xbb\xbf") and b"\r\n" in ps1  # BOM for Windows PowerShell 5.1, CRLF
    text = ps1.decode("utf-8-sig")
    pip_line = next(line for line in text.splitlines() if "-m pip install" in line)
    assert '--no-index --find-links "$Wheels"' in pip_line and f'"dealer-xl[windows]=={__version__}"' in pip_line
    assert '& "$VPython"' in pip_line
    assert '$Venv = Join-Path "$App" "venv"' in text and '$App = Join-Path "$env:LOCALAPPDATA" "dealer_xl"' in text
    assert '-m venv "$Venv"' in text and '"--file", "$Addin"' in text and '& "$Dx" doctor' in text
    assert re.search(r"RunAs|Administrator|HKLM", text) is None  # no elevation anywhere
    for name in ("install.cmd", "upgrade.cmd", "uninstall.cmd"):
        cmd = (folder / name).read_bytes()
        cmd.decode("ascii")  # cmd.exe reads batch files in the OEM code page: keep them ASCII
        assert f'-ExecutionPolicy Bypass -File "%~dp0{name[:-4]}.ps1" %*'.encode() in cmd


def test_every_path_variable_handed_to_a_command_is_quoted():
    for text in scripts.scripts(__version__, "3.11", windows=True).values():
        for line in text.splitlines():
            if not re.match(r"\s*(&|.*(-LiteralPath|Join-Path|Start-Process|New-Item|-Path|AddinArgs))", line):
                continue  # only lines that hand a path to a command
            line = re.sub(r"^\s*\$\w+\s*\+?=\s*", "", line)  # the variable assigned is not an argument
            bare = re.findall(r'(?<!["(\w])\$(Here|App|Venv|Wheels|Addin|Dx|VPython|Books|Xlstart|Cmd|Desktop)\b(?!")', line)
            assert not bare, line
    sh = scripts.install_sh(__version__, "3.11")
    assert all('"' in line for line in sh.splitlines() if "$app" in line and not line.startswith("app="))
    assert shlex.split('"$python" -m venv "$app/venv"') == ["$python", "-m", "venv", "$app/venv"]


def test_shortcuts_run_the_common_actions_in_the_books_folder():
    text = scripts.install_ps1(__version__, "3.11")
    for tag in scripts.SHORTCUT_ACTIONS:
        assert f'@("{tag}", ' in text
    assert "action $($Item[0]) ." in text and '$Link.WorkingDirectory = "$Books"' in text


def test_a_bundle_for_another_xlwings_is_refused(monkeypatch, tmp_path, wheel):
    monkeypatch.setattr(addin.xlwings, "__version__", "0.38.1")
    with pytest.raises(BookError, match="xlwings 0.37.8"):
        bundle.build_bundle(tmp_path, bundle.Target("win_amd64", "3.11"), wheel=wheel, runner=PipRecorder())


def test_bad_platform_or_python_is_one_chinese_line(capsys):
    assert main(["bundle", "--platform", "macos"]) == 2
    assert "不支持的平台「macos」" in capsys.readouterr().err
    assert main(["bundle", "--python", "3.9"]) == 2


@pytest.mark.skipif(sys.platform.startswith("win"), reason="the failing pip is a POSIX shell script")
def test_a_pip_failure_stops_the_bundle_with_its_last_lines(tmp_path, wheel, monkeypatch):
    fake = tmp_path / "python"
    fake.write_text("#!/bin/sh\necho 'ERROR: No matching distribution found for pandas' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setattr(bundle.sys, "executable", str(fake))
    with pytest.raises(BookError, match="No matching distribution found for pandas"):
        bundle.build_bundle(tmp_path / "dist", bundle.Target("win_amd64", "3.11"), wheel=wheel)
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())


def test_a_32_bit_office_bundle_looks_for_a_32_bit_python():
    text = scripts.install_ps1(__version__, "3.11", bits=32)
    assert 'py.exe -3.11-32' in text and "Python311-32" in text and '-notlike "*-amd64.exe"' in text
    assert "py.exe -3.11 " in scripts.install_ps1(__version__, "3.11") and "Python311\\" in scripts.install_ps1(__version__, "3.11")
