"""``dealer-xl doctor`` against a fake Windows profile and real files: ✓/✗ per check, exit 0 only when all pass."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest

from dealer_xl.cli import main
from dealer_xl.deploy import doctor, office, service
from dealer_xl.excel import addin, config


@pytest.fixture(scope="module")
def built_addin(tmp_path_factory):
    return addin.build_addin(tmp_path_factory.mktemp("xlam") / addin.ADDIN_NAME,
                             addin.AddinSettings(interpreter_win=r"%LOCALAPPDATA%\dealer_xl\venv\Scripts\pythonw.exe"))


def fake_profile(home: Path, xlam: Path | None, venv_python: bool) -> dict[str, str]:
    """A Windows user profile under ``home``: APPDATA, LOCALAPPDATA, the add-in, the venv's pythonw.exe."""
    env = {"APPDATA": str(home / "AppData" / "Roaming"), "LOCALAPPDATA": str(home / "AppData" / "Local"),
           "HOME": str(home)}
    if xlam is not None:
        xlstart = Path(env["APPDATA"]) / "Microsoft" / "Excel" / "XLSTART"
        xlstart.mkdir(parents=True)
        shutil.copyfile(xlam, xlstart / addin.ADDIN_NAME)
    if venv_python:
        exe = Path(env["LOCALAPPDATA"]) / "dealer_xl" / "venv" / "Scripts" / "pythonw.exe"
        exe.parent.mkdir(parents=True)
        exe.write_bytes(b"MZ")
    return env


def scheduler_registered(command):
    return service.Outcome(0, '"\\DealerXL-Scheduler","2026/11/02 6:00:00","Running"\r\n')


def by_name(checks):
    return {c.name: c for c in checks}


def test_a_complete_windows_install_passes_every_check_that_applies(tmp_path, built_addin, demo_copy):
    env = fake_profile(tmp_path / "Zhang San", built_addin, venv_python=True)
    checks = doctor.run_checks(doctor.Environment(env=env, platform="win32", books=demo_copy,
                                                  service_runner=scheduler_registered,
                                                  excel_finder=lambda: r"C:\Office\EXCEL.EXE"))
    failed = [c.line() for c in checks if c.ok is False]
    assert failed == [] or all(c.startswith(("✗ 虚拟环境", "✗ LibreOffice", "✗ 中文字体")) for c in failed)
    found = by_name(checks)
    assert found["加载项的 Python"].ok and "Zhang San" in found["加载项的 Python"].detail
    assert found["版本"].ok and "加载项使用的 DLL 为 xlwings64-0.37.8.dll" in found["版本"].detail
    assert all(found[name].ok for name in ("主数据", "销售台账", "应收款台账", "售后服务台账", "工资表"))
    assert found["调度器"].detail == "调度器已注册为计划任务 DealerXL-Scheduler（Running）"
    assert found["邮件服务器"].ok is None


def test_a_pc_without_a_jobs_file_does_not_fail_for_the_scheduler(tmp_path):
    check = doctor.check_scheduler(doctor.Environment(env={}, platform="win32",
                                                      service_runner=lambda c: service.Outcome(1, "")))
    assert check.ok is None and "只有负责定时发送报表的电脑需要" in check.detail


def test_missing_addin_missing_venv_a_locked_book_and_no_excel_each_say_what_to_do(tmp_path, built_addin, demo_copy):
    (demo_copy / "~$销售台账.xlsx").write_bytes(b"lock")
    (demo_copy / "工资表.xlsx").unlink()
    env = fake_profile(tmp_path / "li", built_addin, venv_python=False)
    jobs = tmp_path / "jobs.toml"
    jobs.write_text('books = "b"\n[smtp]\nhost = ""\n', encoding="utf-8")
    checks = by_name(doctor.run_checks(doctor.Environment(
        env=env, platform="win32", books=demo_copy, jobs=jobs, service_runner=lambda c: service.Outcome(1, "ERROR"),
        excel_finder=lambda: None)))
    assert checks["加载项的 Python"].ok is False and "重新运行 install.cmd" in checks["加载项的 Python"].line()
    assert checks["销售台账"].ok is False and "正在被打开" in checks["销售台账"].detail
    assert checks["工资表"].ok is False and "dealer-xl init" in checks["工资表"].line()
    assert checks["Excel"].ok is False and "WPS" in checks["Excel"].line()
    assert checks["调度器"].ok is False and "scheduler install" in checks["调度器"].line()
    assert checks["邮件服务器"].ok is False and "[smtp]" in checks["邮件服务器"].line()
    env = fake_profile(tmp_path / "wang", None, venv_python=True)
    assert by_name(doctor.run_checks(doctor.Environment(env=env, platform="win32", books=demo_copy,
                                                        excel_finder=lambda: None)))["加载项"].ok is False


def test_an_addin_naming_another_dll_than_the_installed_xlwings_fails_the_version_check(tmp_path, built_addin, monkeypatch):
    env = fake_profile(tmp_path / "zhao", built_addin, venv_python=True)
    monkeypatch.setattr(addin.xlwings, "__version__", "0.38.0")
    check = doctor.check_versions(doctor.Environment(env=env, platform="win32"))
    assert check.ok is False and "xlwings 0.38.0" in check.detail and "0.37.8" in check.detail


def test_a_file_that_is_not_a_workbook_is_reported(tmp_path, demo_copy):
    (demo_copy / "主数据.xlsx").write_bytes(b"\xd0\xcf\x11\xe0 encrypted")
    check = by_name(doctor.check_books(doctor.Environment(env={}, platform="linux", books=demo_copy)))["主数据"]
    assert check.ok is False and "不是 Excel 工作簿" in check.detail


def test_on_linux_excel_parts_do_not_apply_and_the_books_come_from_the_configuration(tmp_path, demo_copy):
    home = tmp_path / "home"
    config.save_books_dir(demo_copy, config.config_path({"HOME": str(home)}))
    checks = by_name(doctor.run_checks(doctor.Environment(env={"HOME": str(home)}, platform="linux",
                                                          service_runner=lambda c: service.Outcome(0, "active"))))
    assert checks["加载项"].ok is None and checks["Excel"].ok is None
    assert checks["台账文件夹"].ok and str(home) in checks["台账文件夹"].detail


def test_smtp_check_connects_to_the_server_of_the_jobs_file(tmp_path):
    jobs = tmp_path / "jobs.toml"
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        jobs.write_text(f'books = "b"\n[smtp]\nhost = "127.0.0.1"\nport = {server.getsockname()[1]}\n',
                        encoding="utf-8")
        assert doctor.check_smtp(doctor.Environment(env={}, jobs=jobs)).ok is True
    jobs.write_text('books = "b"\n[smtp]\nhost = "127.0.0.1"\nport = 1\n', encoding="utf-8")
    assert doctor.check_smtp(doctor.Environment(env={}, jobs=jobs)).ok is False


def test_expand_follows_windows_variables():
    assert doctor.expand(r"%LOCALAPPDATA%\x\%NOPE%", {"LOCALAPPDATA": r"C:\U\A"}) == r"C:\U\A\x\%NOPE%"


def test_doctor_command_exits_1_with_a_line_per_check_and_json(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert main(["doctor", "--books", str(tmp_path / "无此文件夹")]) == 1
    text = capsys.readouterr().out
    assert "✗ 台账文件夹" in text and "✓ Python" in text
    assert main(["doctor", "--books", str(tmp_path / "无此文件夹"), "--format", "json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    assert set(rows[0]) == {"name", "ok", "detail", "fix"} and any(r["ok"] is False for r in rows)


C2R = r"HKLM\SOFTWARE\Microsoft\Office\ClickToRun\Configuration"
MSI_32_ON_64 = r"HKLM\SOFTWARE\WOW6432Node\Microsoft\Office\16.0\Outlook"


def registry(values: dict[tuple[str, str], str]):
    return lambda key, name: values.get((key, name))


def test_32_bit_office_with_a_64_bit_python_fails_and_says_to_rerun_the_installer(tmp_path):
    e = doctor.Environment(env={}, platform="win32", excel_finder=lambda: r"C:\Office\EXCEL.EXE",
                           registry=registry({(C2R, "Platform"): "x86"}), python_bits=64)
    check = doctor.check_bitness(e)
    assert check.ok is False and "Office 32 位，本程序的 Python 64 位" in check.detail and "install.cmd" in check.line()
    e = doctor.Environment(env={}, platform="win32", excel_finder=lambda: r"C:\Office\EXCEL.EXE",
                           registry=registry({(MSI_32_ON_64, "Bitness"): "x86"}), python_bits=32)
    assert doctor.check_bitness(e).ok is True  # an MSI Office 2016 in the 32-bit registry view


def test_without_a_registry_answer_the_bitness_comes_from_excels_pe_header(tmp_path):
    from .fakes import pe_file

    excel = pe_file(tmp_path / "EXCEL.EXE", "x64")
    assert office.office_bitness(registry({}), str(excel)) == "x64"
    assert office.office_bitness(registry({}), None) is None
    e = doctor.Environment(env={}, platform="win32", excel_finder=lambda: str(excel), registry=registry({}),
                           python_bits=64)
    assert doctor.check_bitness(e).ok is True


def test_wps_without_excel_is_told_to_use_the_shortcuts_and_does_not_fail():
    wps = registry({(r"HKCU\SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\et.exe", ""): r"C:\WPS\et.exe"})
    e = doctor.Environment(env={}, platform="win32", registry=wps)
    excel = doctor.check_excel(e)
    assert excel.ok is None and "WPS" in excel.detail and "桌面快捷方式" in excel.detail
    assert doctor.check_bitness(e).ok is None
    assert office.app_path(wps, "excel.exe") is None and office.has_wps(wps)
