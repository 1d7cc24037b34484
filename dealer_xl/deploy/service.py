"""The report scheduler as a per-user service: a Windows scheduled task or a systemd user unit.

``dealer-xl scheduler install --config FILE`` registers ``python -m dealer_xl scheduler --config FILE``
(pythonw.exe on Windows: no console window) so it runs without anyone keeping a terminal open:

- Windows: Task Scheduler task :data:`TASK_NAME` from :func:`task_xml` — triggers at the user's logon
  and daily at 06:00 (a stopped scheduler is started again), restart on failure every 5 minutes up
  to 3 times, a run missed while the PC was off starts as soon as possible, one instance only, no
  time limit, on battery too, with the user's own rights (no administrator);
- Linux: ``~/.config/systemd/user/`` :data:`UNIT_NAME` from :func:`unit_text` —
  ``Restart=on-failure``, started with the user's session (``WantedBy=default.target``).

Runs missed while the PC was off are caught up by the scheduler itself
(:mod:`dealer_xl.jobs.catchup`). Commands are run through an injected runner so tests see the exact
command lines; every failure becomes a Chinese BookError.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from ..problems import BookError

TASK_NAME = "DealerXL-Scheduler"
UNIT_NAME = "dealer-xl-scheduler.service"
DAILY_AT = "06:00"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a service command returned.

    Attributes:
        code: the exit code.
        output: stdout and stderr together.
    """

    code: int
    output: str = ""


Runner = Callable[[list[str]], Outcome]


def run(command: list[str]) -> Outcome:
    """Run ``command`` and return its exit code and output (a missing program is code 127)."""
    try:
        done = subprocess.run(command, capture_output=True, text=True, errors="replace", timeout=60)
    except FileNotFoundError as exc:
        return Outcome(127, str(exc))
    return Outcome(done.returncode, (done.stdout or "") + (done.stderr or ""))


def scheduler_command(config: Path, python: str | None = None, books: Path | None = None) -> list[str]:
    """The command the service runs (pythonw.exe beside python.exe on Windows when present)."""
    exe = Path(python or sys.executable)
    windowless = exe.with_name("pythonw.exe")
    exe = windowless if windowless.exists() else exe
    extra = ["--books", str(Path(books).resolve())] if books else []
    return [str(exe), "-m", "dealer_xl", "scheduler", "--config", str(Path(config).resolve()), *extra]


def _quote_windows(arg: str) -> str:
    return f'"{arg}"' if (" " in arg or not arg) else arg


def task_xml(command: list[str], start: str = "2026-01-01T06:00:00") -> str:
    """Task Scheduler XML (schema 1.2) for ``command`` (see the module docstring)."""
    arguments = " ".join(_quote_windows(a) for a in command[1:])
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>dealer_xl 报表调度器：按 jobs 配置定时生成报表并发送邮件（dealer-xl scheduler install 创建）</Description>
    <URI>\\{TASK_NAME}</URI>
  </RegistrationInfo>
  <Triggers>
    <LogonTrigger>
      <Enabled>true</Enabled>
    </LogonTrigger>
    <CalendarTrigger>
      <StartBoundary>{start}</StartBoundary>
      <Enabled>true</Enabled>
      <ScheduleByDay>
        <DaysInterval>1</DaysInterval>
      </ScheduleByDay>
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <RestartOnFailure>
      <Interval>PT5M</Interval>
      <Count>3</Count>
    </RestartOnFailure>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{escape(command[0])}</Command>
      <Arguments>{escape(arguments)}</Arguments>
    </Exec>
  </Actions>
</Task>
"""


def _quote_systemd(arg: str) -> str:
    text = arg.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%").replace("$", "$$")
    return f'"{text}"'


def unit_text(command: list[str]) -> str:
    """A systemd user unit running ``command`` (see the module docstring)."""
    return f"""[Unit]
Description=dealer_xl report scheduler (dealer-xl scheduler install)
After=network-online.target

[Service]
Type=simple
ExecStart={" ".join(_quote_systemd(a) for a in command)}
Restart=on-failure
RestartSec=60
Environment=PYTHONUTF8=1

[Install]
WantedBy=default.target
"""


def unit_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    base = env.get("XDG_CONFIG_HOME") or str(Path(env.get("HOME", str(Path.home()))) / ".config")
    return Path(base) / "systemd" / "user" / UNIT_NAME


def _check(outcome: Outcome, what: str) -> None:
    if outcome.code != 0:
        detail = outcome.output.strip().splitlines()[-1:] or [f"退出码 {outcome.code}"]
        raise BookError(f"{what}失败：{detail[0]}")


def install(config: Path, *, books: Path | None = None, platform: str | None = None, runner: Runner = run,
            env: Mapping[str, str] | None = None) -> str:
    """Register the scheduler for ``config``; returns a Chinese line, raises BookError when it did not work."""
    platform = platform or sys.platform
    if not Path(config).is_file():
        raise BookError(f"找不到任务配置文件 {config}")
    command = scheduler_command(config, books=books)
    if platform.startswith("win"):
        with tempfile.TemporaryDirectory(prefix="dealer_xl-task-") as tmp:
            xml = Path(tmp) / "task.xml"
            xml.write_text(task_xml(command), encoding="utf-16")
            _check(runner(["schtasks", "/Create", "/TN", TASK_NAME, "/XML", str(xml), "/F"]), "注册计划任务")
        _check(runner(["schtasks", "/Run", "/TN", TASK_NAME]), "启动计划任务")
        return f"已注册计划任务 {TASK_NAME}：登录时和每天 {DAILY_AT} 启动，出错自动重启；现在已开始运行"
    path = unit_path(env)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(unit_text(command), encoding="utf-8")
    _check(runner(["systemctl", "--user", "daemon-reload"]), "重新加载 systemd")
    _check(runner(["systemctl", "--user", "enable", "--now", UNIT_NAME]), "启用调度服务")
    return f"已安装 systemd 用户服务 {UNIT_NAME}（{path}）：随登录启动，出错自动重启；现在已开始运行"


def uninstall(*, platform: str | None = None, runner: Runner = run, env: Mapping[str, str] | None = None) -> str:
    """Remove the registration (nothing to remove is not an error); returns a Chinese line."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        if runner(["schtasks", "/Query", "/TN", TASK_NAME]).code != 0:
            return f"没有已注册的计划任务 {TASK_NAME}"
        runner(["schtasks", "/End", "/TN", TASK_NAME])
        _check(runner(["schtasks", "/Delete", "/TN", TASK_NAME, "/F"]), "删除计划任务")
        return f"已删除计划任务 {TASK_NAME}"
    path = unit_path(env)
    if not path.exists():
        return f"没有已安装的调度服务 {UNIT_NAME}"
    runner(["systemctl", "--user", "disable", "--now", UNIT_NAME])
    path.unlink()
    runner(["systemctl", "--user", "daemon-reload"])
    return f"已删除调度服务 {UNIT_NAME}"


INSTALL_HINT = "运行 dealer-xl scheduler install --config 任务配置.toml"


def status(*, platform: str | None = None, runner: Runner = run,
           env: Mapping[str, str] | None = None) -> tuple[bool, str]:
    """(installed and running-or-ready, one Chinese line)."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        outcome = runner(["schtasks", "/Query", "/TN", TASK_NAME, "/FO", "LIST"])
        if outcome.code != 0:
            return False, "调度器未注册为计划任务：运行 dealer-xl scheduler install --config 任务配置.toml"
        state = next((line.split(":", 1)[1].strip() for line in outcome.output.splitlines()
                      if line.split(":", 1)[0].strip() in ("Status", "状态")), "")
        return True, f"调度器已注册为计划任务 {TASK_NAME}（{state or '状态未知'}）"
    path = unit_path(env)
    if not path.exists():
        return False, f"调度器未安装为服务（{path} 不存在）"
    active = runner(["systemctl", "--user", "is-active", UNIT_NAME]).output.strip() or "未知"
    return active == "active", f"调度服务 {UNIT_NAME}：{active}（{path}）"
