"""The offline bundle, built offline and unpacked: per platform every wheel, the lock, the python.org
installer (from a loopback mirror, or a local file, or refused), xlwings' 32-bit DLL, the add-in."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.tags import parse_tag
from packaging.utils import parse_wheel_filename

from dealer_xl import __version__
from dealer_xl.cli import main
from dealer_xl.deploy import bundle, runtime, verify, wheelhouse
from dealer_xl.deploy.doctor import conf_values
from dealer_xl.excel import addin
from dealer_xl.problems import BookError

from .fakes import FakePip, mirror, pe_file, sha256
from .fakes import wheel as make_wheel

ROOT = Path(__file__).resolve().parents[2]
PIN = addin.PINNED_XLWINGS
CHECKOUT_CHANGES: set[str] = set()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """dealer_xl's wheel, built once from this checkout by python -m build (offline: no isolation)."""
    before = {p.name for p in ROOT.iterdir()}
    built = bundle.build_wheel(ROOT, tmp_path_factory.mktemp("wheel"), isolation=False)
    CHECKOUT_CHANGES.update({p.name for p in ROOT.iterdir()} - before)
    return built


@pytest.fixture(scope="module")
def installers(tmp_path_factory):
    """Stand-ins for python.org's two 3.11.9 installers (x64 and x86 PE files) in python.org's layout,
    and the digest table that vouches for them."""
    ftp = tmp_path_factory.mktemp("ftp")
    (ftp / "3.11.9").mkdir()
    x64 = pe_file(ftp / "3.11.9" / "python-3.11.9-amd64.exe", "x64", 9000)
    x86 = pe_file(ftp / "3.11.9" / "python-3.11.9.exe", "x86", 8000)
    known = {("3.11", "win_amd64"): runtime.Installer("3.11.9", "win_amd64", x64.name, sha256(x64)),
             ("3.11", "win32"): runtime.Installer("3.11.9", "win32", x86.name, sha256(x86))}
    return ftp, known


def unpack(archive: Path, into: Path) -> Path:
    with zipfile.ZipFile(archive) as z:
        z.extractall(into)
    (folder,) = into.iterdir()
    return folder


@pytest.fixture(scope="module")
def windows_bundle(tmp_path_factory, wheel, installers):
    """A ``--platform windows`` bundle whose installers came over HTTP from the loopback mirror."""
    ftp, known = installers
    pip = FakePip()
    out = tmp_path_factory.mktemp("dist")
    with mirror(ftp) as url:
        archive = bundle.build_bundle(out, bundle.parse_target("windows", "3.11"), wheel=wheel, runner=pip,
                                      runtimes=bundle.Runtimes(mirror=url, known=known))
    return archive, unpack(archive, tmp_path_factory.mktemp("unzipped")), pip, known


def names(folder: Path) -> dict[str, str]:
    return {str(parse_wheel_filename(p.name)[0]): str(parse_wheel_filename(p.name)[1]) for p in folder.glob("*.whl")}


def test_the_wheel_is_built_from_the_source_and_carries_the_macros(wheel):
    assert wheel.name == f"dealer_xl-{__version__}-py3-none-any.whl"
    assert "dealer_xl/_shipped/macros/DealerXL.bas" in zipfile.ZipFile(wheel).namelist()
    assert CHECKOUT_CHANGES == set()  # built from a copy: no build/ or *.egg-info left in the checkout


def test_one_windows_bundle_carries_both_runtimes_and_every_wheel_fits_its_platform(windows_bundle):
    archive, folder, _, _ = windows_bundle
    assert archive.name == f"dealer_xl-{__version__}-windows-py3.11.zip"
    for platform, own_tag in (("win_amd64", "win_amd64"), ("win32", "win32")):
        wheels = list((folder / platform / "wheelhouse").glob("*.whl"))
        assert wheels
        for path in wheels:  # every tag is pure or exactly this platform's, for CPython 3.11
            for tag in parse_tag(path.name[:-4].split("-", 2)[2]):
                assert tag.platform in ("any", own_tag) and tag.interpreter in ("py3", "cp311"), path.name
    assert json.loads((folder / "bundle.json").read_text(encoding="utf-8"))["platforms"] == {
        "win_amd64": {"python_installer": "python-3.11.9-amd64.exe"}, "win32": {"python_installer": "python-3.11.9.exe"}}


def test_32_bit_gets_no_pandas_the_last_matplotlib_with_a_win32_wheel_and_xlwings_dll(windows_bundle):
    _, folder, pip, _ = windows_bundle
    win32, amd64 = names(folder / "win32" / "wheelhouse"), names(folder / "win_amd64" / "wheelhouse")
    assert "pandas" not in amd64 and "pandas" not in win32  # an extra (frames), not the add-in's
    assert win32["matplotlib"] == "3.7.5" and win32["xlwings"] == amd64["xlwings"] == PIN
    (download_win32,) = [c for c in pip.downloads if "win32" in c and "--no-deps" not in c]
    assert "matplotlib<3.8,>=3.7" in download_win32 and not any(a.startswith("pandas") for a in download_win32)
    dll = folder / "win32" / f"xlwings32-{PIN}.dll"
    assert runtime.pe_machine(dll) == "x86"  # the DLL 32-bit Excel loads, from xlwings' own wheel
    assert not (folder / "win_amd64" / dll.name).exists()  # 64-bit gets its DLLs from the xlwings wheel


def test_each_runtime_is_the_installer_of_its_processor_verified(windows_bundle):
    _, folder, _, known = windows_bundle
    for platform, machine in (("win_amd64", "x64"), ("win32", "x86")):
        installer = known[("3.11", platform)]
        path = folder / platform / installer.name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == installer.sha256
        assert runtime.pe_machine(path) == machine


def test_the_lock_pins_every_wheel_with_its_own_digest(windows_bundle):
    _, folder, _, _ = windows_bundle
    for platform in ("win_amd64", "win32"):
        lines = (folder / platform / "requirements.txt").read_text(encoding="utf-8").splitlines()
        expected = []
        for path in sorted((folder / platform / "wheelhouse").glob("*.whl")):
            name, version, _, _ = parse_wheel_filename(path.name)
            expected.append(f"{name}=={version} --hash=sha256:{hashlib.sha256(path.read_bytes()).hexdigest()}")
        assert lines == expected and any(line.startswith(f"dealer-xl=={__version__} ") for line in lines)


def test_the_bundled_addin_names_the_pinned_dll_starts_the_venv_and_keeps_one_python(windows_bundle):
    _, folder, _, _ = windows_bundle
    xlam = folder / addin.ADDIN_NAME
    assert addin.addin_dll_version(xlam) == PIN
    conf = conf_values(xlam)
    assert conf["Interpreter_Win"] == r"%LOCALAPPDATA%\dealer_xl\venv\Scripts\pythonw.exe"
    assert conf["Use UDF Server"] == "1"  # one long-lived Python for every click


def test_the_unpacked_bundle_passes_its_own_check_and_a_tampered_one_does_not(windows_bundle, tmp_path, capsys,
                                                                                monkeypatch):
    archive, folder, _, known = windows_bundle
    for key, installer in known.items():  # the stand-in installers' digests, as if python.org's
        monkeypatch.setitem(runtime.INSTALLERS, key, installer)
    assert verify.check_bundle(folder) == []
    assert main(["bundle", "--check", str(archive)]) == 0
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if "/win32/wheelhouse/jinja2-" in item.filename:
                data += b"\0"  # one byte more than the lock vouches for
            if item.filename.endswith(f"xlwings32-{PIN}.dll"):
                continue
            dst.writestr(item, data)
    capsys.readouterr()
    assert main(["bundle", "--check", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "jinja2==" in out and "SHA-256" in out and f"xlwings32-{PIN}.dll" in out


def test_a_wheel_of_the_other_bitness_or_a_missing_requirement_is_reported(tmp_path):
    FakePip.answer(Requirement("numpy==1.26.4"), "win_amd64", tmp_path)
    problems = wheelhouse.check(tmp_path, "win32", "3.11")
    assert any("numpy-1.26.4-cp311-cp311-win_amd64.whl 不能装在 win32" in p for p in problems)
    make_wheel(tmp_path, "matplotlib", "3.7.5", "cp311-cp311-win32", requires=("pyparsing>=2.3.1",))
    assert any(p.startswith("matplotlib 3.7.5 需要 pyparsing>=2.3.1") for p in wheelhouse.check(tmp_path, "win32", "3.11"))


def test_no_reachable_python_org_refuses_the_bundle_with_how_to_supply_it(tmp_path, wheel, capsys):
    pip = FakePip()
    with pytest.raises(BookError) as raised:
        bundle.build_bundle(tmp_path / "dist", bundle.parse_target("win32", "3.11"), wheel=wheel, runner=pip,
                            runtimes=bundle.Runtimes(mirror="http://127.0.0.1:1"))
    message = str(raised.value)
    assert "无法下载 http://127.0.0.1:1/3.11.9/python-3.11.9.exe" in message
    assert "--python-installer" in message and "--no-python" in message and "SHA-256" in message
    assert pip.downloads == [] and not (tmp_path / "dist").exists()  # refused before the slow part
    assert main(["bundle", "--platform", "win32", "--wheel", str(wheel), "--out", str(tmp_path / "d2"),
                 "--python-mirror", "http://127.0.0.1:1"]) == 2
    assert "--no-python" in capsys.readouterr().err.replace("\n", "")


def test_a_local_installer_is_checked_by_processor_and_digest(tmp_path, wheel, installers):
    ftp, known = installers
    x86 = ftp / "3.11.9" / "python-3.11.9.exe"
    target = bundle.parse_target("win32", "3.11")
    with pytest.raises(BookError, match="SHA-256 是 .*与 python.org 发布的 python-3.11.9.exe"):  # the real digest
        bundle.build_bundle(tmp_path / "a", target, wheel=wheel, runner=FakePip(), runtimes=bundle.Runtimes(given=(x86,)))
    wrong = pe_file(tmp_path / "python-3.11.9.exe", "x64")
    with pytest.raises(BookError, match="不是 x86 的 Windows 程序"):
        runtime.check_installer(wrong, known[("3.11", "win32")])
    archive = bundle.build_bundle(tmp_path / "b", target, wheel=wheel, runner=FakePip(),
                                  runtimes=bundle.Runtimes(given=(x86,), mirror="http://127.0.0.1:1", known=known))
    folder = unpack(archive, tmp_path / "u")
    assert (folder / "win32" / x86.name).read_bytes() == x86.read_bytes()
    with pytest.raises(BookError, match="找不到 --python-installer"):
        bundle.build_bundle(tmp_path / "c", target, wheel=wheel, runner=FakePip(),
                            runtimes=bundle.Runtimes(given=(tmp_path / "nope.exe",)))


def test_no_python_leaves_the_runtime_out_on_purpose(tmp_path, wheel):
    archive = bundle.build_bundle(tmp_path / "dist", bundle.parse_target("win_amd64", "3.11"), wheel=wheel,
                                  runner=FakePip(), runtimes=bundle.Runtimes(leave_out=True, mirror="http://127.0.0.1:1"))
    folder = unpack(archive, tmp_path / "u")
    assert not list(folder.rglob("python-*.exe")) and verify.check_bundle(folder) == []  # pinned digests: none needed
    assert "未附带（--no-python）" in (folder / "清单.txt").read_text(encoding="utf-8")


def test_the_pinned_digests_are_python_orgs(tmp_path):
    assert runtime.INSTALLERS[("3.11", "win_amd64")].sha256.startswith("5ee42c4e")
    assert runtime.INSTALLERS[("3.11", "win32")].url() == "https://www.python.org/ftp/python/3.11.9/python-3.11.9.exe"
    with pytest.raises(BookError, match="没有为 Python 3.13"):
        runtime.wanted("3.13", "win32")
    assert runtime.pe_machine(pe_file(tmp_path / "a.exe", "x86")) == "x86"
    (tmp_path / "b.exe").write_bytes(b"not a program")
    assert runtime.pe_machine(tmp_path / "b.exe") is None


def test_linux_bundle_downloads_manylinux_wheels_and_says_to_run_install_sh(tmp_path, wheel, monkeypatch, capsys):
    pip = FakePip()
    monkeypatch.setattr(bundle, "run", pip)
    assert main(["bundle", "--platform", "linux_x86_64", "--wheel", str(wheel), "--out", str(tmp_path)]) == 0
    assert "sh install.sh" in capsys.readouterr().out
    (command,) = pip.downloads
    assert command[command.index("--platform") + 1].startswith("manylinux")
    assert "pywin32>=306" not in command and f"xlwings=={PIN}" in command
    archive = next(tmp_path.glob("*.zip"))
    folder = unpack(archive, tmp_path / "u")
    assert (folder / "install.sh").is_file() and not (folder / "install.cmd").exists()
    assert zipfile.ZipFile(archive).getinfo(f"{folder.name}/install.sh").external_attr >> 16 == 0o755
    install = (folder / "install.sh").read_text()
    assert "--no-index --no-deps --require-hashes" in install and "linux_x86_64/requirements.txt" in install


def test_a_bundle_for_another_xlwings_is_refused(monkeypatch, tmp_path, wheel):
    monkeypatch.setattr(addin.xlwings, "__version__", "0.38.1")
    with pytest.raises(BookError, match="xlwings 0.37.8"):
        bundle.build_bundle(tmp_path, bundle.parse_target("win_amd64", "3.11"), wheel=wheel, runner=FakePip())


def test_bad_platform_or_python_is_one_chinese_line(capsys):
    assert main(["bundle", "--platform", "macos"]) == 2
    assert "不支持的平台「macos」" in capsys.readouterr().err
    assert main(["bundle", "--python", "3.9"]) == 2
