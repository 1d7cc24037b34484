"""The scheduler as a service: Task Scheduler XML for the current user (valid against Microsoft's XSD
when it is beside the repository), a systemd user unit, the exact commands, status decoded from GBK,
``--print`` on any OS and a unit removed again when systemctl fails."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from dealer_xl.cli import main
from dealer_xl.deploy import service

NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
COMMAND = [r"C:\Users\Zhang San\AppData\Local\dealer_xl\venv\Scripts\pythonw.exe", "-m", "dealer_xl", "scheduler",
           "--config", r"D:\报表 配置\jobs.toml"]
USER = r"OFFICE\张三"
# Microsoft's Task Scheduler schema (the XSD of learn.microsoft.com "Task Scheduler Schema",
# MicrosoftDocs/win32 desktop-src/TaskSchd/task-scheduler-schema.md), when placed beside the repository.
TASK_XSD = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "task-scheduler.xsd"


class Recorder:
    def __init__(self, code: int = 0, output: str = "") -> None:
        self.commands: list[list[str]] = []
        self.code, self.output = code, output

    def __call__(self, command):
        self.commands.append(command)
        return service.Outcome(self.code, self.output)


def _task(command=COMMAND, user=USER):
    return ET.fromstring(service.task_xml(command, user).encode("utf-16"))


def test_task_xml_starts_at_logon_and_daily_restarts_on_failure_and_catches_up():
    root = _task()
    assert root.find("t:Triggers/t:LogonTrigger", NS) is not None
    assert root.find("t:Triggers/t:CalendarTrigger/t:ScheduleByDay/t:DaysInterval", NS).text == "1"
    settings = root.find("t:Settings", NS)
    assert settings.find("t:RestartOnFailure/t:Count", NS).text == "3"
    assert settings.find("t:StartWhenAvailable", NS).text == "true"  # a run missed while off starts later
    assert settings.find("t:MultipleInstancesPolicy", NS).text == "IgnoreNew"
    assert settings.find("t:ExecutionTimeLimit", NS).text == "PT0S"
    assert root.find("t:Principals/t:Principal/t:RunLevel", NS).text == "LeastPrivilege"
    assert root.find("t:Actions/t:Exec/t:Command", NS).text == COMMAND[0]
    assert root.find("t:Actions/t:Exec/t:Arguments", NS).text == \
        r'-m dealer_xl scheduler --config "D:\报表 配置\jobs.toml"'


def test_the_logon_trigger_and_the_principal_name_the_current_user_so_no_admin_is_needed():
    root = _task()
    assert root.find("t:Triggers/t:LogonTrigger/t:UserId", NS).text == USER  # any-user logon needs admin
    principal = root.find("t:Principals/t:Principal", NS)
    assert principal.find("t:UserId", NS).text == USER
    assert principal.find("t:LogonType", NS).text == "InteractiveToken"  # no password stored
    assert service.windows_user({"USERDOMAIN": "OFFICE", "USERNAME": "张三"}) == USER
    assert service.windows_user({"USERNAME": "li"}) == "li"
    with pytest.raises(service.BookError, match="USERNAME"):
        service.windows_user({})


def test_every_trigger_lists_its_elements_in_the_order_the_schema_demands():
    order = ["Enabled", "StartBoundary", "EndBoundary", "Repetition", "ExecutionTimeLimit"]  # triggerBaseType
    for trigger in _task().find("t:Triggers", NS):
        names = [child.tag.split("}")[1] for child in trigger]
        base = [n for n in names if n in order]
        assert base == sorted(base, key=order.index), names
        assert names[:len(base)] == base, names  # the base elements come before the trigger's own


@pytest.mark.skipif(not TASK_XSD.is_file(), reason=f"Microsoft's Task Scheduler XSD is not at {TASK_XSD}")
def test_task_xml_is_valid_against_microsofts_task_scheduler_schema():
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(TASK_XSD)))
    document = etree.fromstring(service.task_xml(COMMAND, USER).encode("utf-16"))
    assert schema.validate(document), schema.error_log


def test_unit_quotes_paths_and_escapes_percent_signs():
    text = service.unit_text(["/home/li si/venv/bin/python", "-m", "dealer_xl", "scheduler", "--config", "/d/100%.toml"])
    assert 'ExecStart="/home/li si/venv/bin/python" "-m" "dealer_xl" "scheduler" "--config" "/d/100%%.toml"' in text
    assert "Restart=on-failure" in text and "WantedBy=default.target" in text


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed here")
def test_the_generated_unit_passes_systemd_analyze_verify(tmp_path):
    jobs = tmp_path / "任务 配置.toml"
    jobs.write_text("", encoding="utf-8")
    unit = tmp_path / service.UNIT_NAME
    unit.write_text(service.unit_text(service.scheduler_command(jobs, sys.executable)), encoding="utf-8")
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", str(unit)], capture_output=True, text=True,
                          timeout=60)
    problems = [line for line in done.stderr.splitlines() if service.UNIT_NAME in line]
    assert done.returncode == 0 and problems == [], done.stderr


def test_windows_install_registers_the_task_from_xml_and_starts_it(tmp_path):
    jobs = tmp_path / "jobs.toml"
    jobs.write_text("", encoding="utf-8")
    runner = Recorder()
    message = service.install(jobs, platform="win32", runner=runner, env={"USERNAME": "li"})
    create, start = runner.commands
    assert create[:5] == ["schtasks", "/Create", "/TN", "DealerXL-Scheduler", "/XML"] and create[-1] == "/F"
    assert start == ["schtasks", "/Run", "/TN", "DealerXL-Scheduler"] and "已注册计划任务" in message


def test_status_reads_schtasks_gbk_csv_by_position():
    line = '"\\DealerXL-Scheduler","2026/11/02 6:00:00","正在运行"\r\n'.encode("gbk")
    text = service.decode(line, "cp936")
    assert service.status(platform="win32", runner=lambda c: service.Outcome(0, text)) == \
        (True, "调度器已注册为计划任务 DealerXL-Scheduler（正在运行）")
    assert "正在运行" not in line.decode("utf-8", errors="replace")  # what decoding as UTF-8 gave: 状态未知
    recorder = Recorder(0, text)
    service.status(platform="win32", runner=recorder)
    assert recorder.commands == [["schtasks", "/Query", "/TN", "DealerXL-Scheduler", "/FO", "CSV", "/NH"]]
    assert service.decode(b"\xff", "cp99999") == "\ufffd"  # an unknown code page never raises


def test_print_writes_either_definition_on_any_os_and_registers_nothing(tmp_path, monkeypatch, capsys):
    jobs = tmp_path / "jobs.toml"
    jobs.write_text('books = "b"\n', encoding="utf-8")
    monkeypatch.setenv("USERDOMAIN", "OFFICE")
    monkeypatch.setenv("USERNAME", "张三")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    calls = []
    monkeypatch.setattr(service, "run", lambda command: calls.append(command) or service.Outcome(0))
    assert main(["scheduler", "install", "--print", "--system", "windows", "--config", str(jobs)]) == 0
    xml = capsys.readouterr().out
    assert ET.fromstring(xml.encode("utf-16")).find("t:Principals/t:Principal/t:UserId", NS).text == USER
    assert main(["scheduler", "install", "--print", "--system", "linux", "--config", str(jobs)]) == 0
    unit = capsys.readouterr().out
    assert unit.startswith("[Unit]") and f'"{jobs.resolve()}"' in unit
    assert calls == [] and not service.unit_path().exists()


def test_a_refused_registration_is_a_chinese_error(tmp_path):
    jobs = tmp_path / "jobs.toml"
    jobs.write_text("", encoding="utf-8")
    with pytest.raises(service.BookError, match="注册计划任务失败：错误: 拒绝访问。"):
        service.install(jobs, platform="win32", runner=Recorder(1, "错误: 拒绝访问。"), env={"USERNAME": "li"})


def test_linux_install_writes_the_unit_and_enables_it_and_uninstall_removes_it(tmp_path):
    jobs = tmp_path / "jobs.toml"
    jobs.write_text("", encoding="utf-8")
    env = {"HOME": str(tmp_path / "home")}
    runner = Recorder(output="active")
    service.install(jobs, platform="linux", runner=runner, env=env)
    path = service.unit_path(env)
    assert str(jobs.resolve()) in path.read_text(encoding="utf-8")
    assert runner.commands == [["systemctl", "--user", "daemon-reload"],
                               ["systemctl", "--user", "enable", "--now", service.UNIT_NAME]]
    assert service.status(platform="linux", runner=runner, env=env)[0] is True
    assert service.uninstall(platform="linux", runner=runner, env=env).startswith("已删除") and not path.exists()
    assert service.status(platform="linux", runner=runner, env=env)[0] is False


def test_linux_install_without_a_user_bus_removes_the_unit_and_says_why(tmp_path):
    jobs = tmp_path / "jobs.toml"
    jobs.write_text("", encoding="utf-8")
    env = {"HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    runner = Recorder(1, "Failed to connect to bus: No medium found")
    with pytest.raises(service.BookError, match="没有 systemd 用户总线") as raised:
        service.install(jobs, platform="linux", runner=runner, env=env)
    assert str(tmp_path / "xdg") in str(service.unit_path(env)) and not service.unit_path(env).exists()
    assert "没有留下半装的服务" in str(raised.value)


def test_scheduler_status_command_exits_1_when_not_installed(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setattr("sys.platform", "linux")
    assert main(["scheduler", "status"]) == 1
    assert "✗ 调度器未安装为服务" in capsys.readouterr().out
    assert main(["scheduler", "install"]) == 2
