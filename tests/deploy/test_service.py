"""The scheduler as a service: Task Scheduler XML and a systemd user unit, registered by the exact commands."""

from __future__ import annotations

import shutil
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest

from dealer_xl.cli import main
from dealer_xl.deploy import service

NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
COMMAND = [r"C:\Users\Zhang San\AppData\Local\dealer_xl\venv\Scripts\pythonw.exe", "-m", "dealer_xl", "scheduler",
           "--config", r"D:\报表 配置\jobs.toml"]


class Recorder:
    def __init__(self, code: int = 0, output: str = "") -> None:
        self.commands: list[list[str]] = []
        self.code, self.output = code, output

    def __call__(self, command):
        self.commands.append(command)
        return service.Outcome(self.code, self.output)


def test_task_xml_starts_at_logon_and_daily_restarts_on_failure_and_catches_up():
    root = ET.fromstring(service.task_xml(COMMAND).replace('encoding="UTF-16"', ""))
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
    message = service.install(jobs, platform="win32", runner=runner)
    create, start = runner.commands
    assert create[:5] == ["schtasks", "/Create", "/TN", "DealerXL-Scheduler", "/XML"] and create[-1] == "/F"
    assert start == ["schtasks", "/Run", "/TN", "DealerXL-Scheduler"] and "已注册计划任务" in message


def test_a_refused_registration_is_a_chinese_error(tmp_path):
    jobs = tmp_path / "jobs.toml"
    jobs.write_text("", encoding="utf-8")
    with pytest.raises(service.BookError, match="注册计划任务失败：错误: 拒绝访问。"):
        service.install(jobs, platform="win32", runner=Recorder(1, "错误: 拒绝访问。"))


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


def test_scheduler_status_command_exits_1_when_not_installed(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setattr("sys.platform", "linux")
    assert main(["scheduler", "status"]) == 1
    assert "✗ 调度器未安装为服务" in capsys.readouterr().out
    assert main(["scheduler", "install"]) == 2
