"""The report scheduler as a per-user service: a Windows scheduled task or a systemd user unit.

``dealer-xl scheduler install --config FILE`` registers ``python -m dealer_xl scheduler --config FILE``
(pythonw.exe on Windows: no console window) so it runs without anyone keeping a terminal open:

- Windows: Task Scheduler task :data:`TASK_NAME` from :func:`task_xml` (schema 1.3, valid against
  Microsoft's Task Scheduler XSD) — triggers at *this user's* logon (``<UserId>`` in the trigger:
  an any-user logon trigger needs administrator rights) and daily at 06:00 (a stopped scheduler is
  started again), restart on failure every 5 minutes up to 3 times, a run missed while the PC was
  off starts as soon as possible, one instance only, no time limit, on battery too, as the same
  user with least privilege (``<UserId>`` in the principal, interactive token: no password stored,
  no administrator);
- Linux: ``$XDG_CONFIG_HOME/systemd/user/`` (``~/.config``) :data:`UNIT_NAME` from :func:`unit_text`
  — ``Restart=on-failure``, started with the user's session (``WantedBy=default.target``); when
  systemctl fails (no user session bus: su, ssh, a container) the unit file is removed again and the
  message says why.

:func:`definition` gives either text for any OS without registering anything (``scheduler install
--print --system windows|linux``). ``schtasks`` prints in the console's code page (GBK on Chinese
Windows), so its output is decoded with that code page (:func:`console_encoding`), never as UTF-8,
and the status is read from its CSV form by position, not by localised headers. Runs missed while
the PC was off are caught up by the scheduler itself (:mod:`dealer_xl.jobs.catchup`). Commands are
run through an injected runner so tests see the exact command lines; every failure becomes a
Chinese BookError.
"""

from __future__ import annotations

import csv
import io
import locale
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
SYSTEMS = ("windows", "linux")


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


def console_encoding(platform: str | None = None) -> str:
    """The encoding console programs such as schtasks write in: on Windows the console's output code
    page (the OEM code page when there is no console, as under pythonw.exe), e.g. ``cp936`` (GBK);
    elsewhere the locale's. Python's UTF-8 mode (PYTHONUTF8=1) does not change what schtasks writes."""
    if (platform or sys.platform).startswith("win"):
        import ctypes

        kernel32 = ctypes.windll.kernel32
        return f"cp{kernel32.GetConsoleOutputCP() or kernel32.GetOEMCP()}"
    return locale.getpreferredencoding(False)


def decode(data: bytes, encoding: str) -> str:
    """``data`` decoded with ``encoding`` (unknown code pages and bad bytes never raise)."""
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def run(command: list[str]) -> Outcome:
    """Run ``command`` and return its exit code and output decoded with :func:`console_encoding`
    (a missing program is code 127)."""
    try:
        done = subprocess.run(command, capture_output=True, timeout=60)
    except FileNotFoundError as exc:
        return Outcome(127, str(exc))
    return Outcome(done.returncode, decode(done.stdout + done.stderr, console_encoding()))


def windows_user(env: Mapping[str, str] | None = None) -> str:
    """The account the task is for: ``DOMAIN\\user`` (USERDOMAIN, USERNAME), else the user name alone."""
    env = os.environ if env is None else env
    user = env.get("USERNAME") or env.get("USER") or ""
    if not user:
        raise BookError("不知道当前用户是谁（没有 USERNAME 环境变量）；请以员工本人的 Windows 账户运行")
    domain = env.get("USERDOMAIN", "")
    return f"{domain}\\{user}" if domain else user


def scheduler_command(config: Path, python: str | None = None, books: Path | None = None) -> list[str]:
    """The command the service runs (pythonw.exe beside python.exe on Windows when present)."""
    exe = Path(python or sys.executable)
    windowless = exe.with_name("pythonw.exe")
    exe = windowless if windowless.exists() else exe
    extra = ["--books", str(Path(books).resolve())] if books else []
    return [str(exe), "-m", "dealer_xl", "scheduler", "--config", str(Path(config).resolve()), *extra]


def _quote_windows(arg: str) -> str:
    return f'"{arg}"' if (" " in arg or not arg) else arg


def task_xml(command: list[str], user: str, start: str = "2026-01-01T06:00:00") -> str:
    """Task Scheduler XML (schema 1.3) running ``command`` for ``user`` (see the module docstring)."""
    arguments = " ".join(_quote_windows(a) for a in command[1:])
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.3" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>dealer_xl 报表调度器：按 jobs 配置定时生成报表并发送邮件（dealer-xl scheduler install 创建）</Description>
    <URI>\\{TASK_NAME}</URI>
  </RegistrationInfo>
  <Triggers>
    <LogonTrigger>
      <Enabled>true</Enabled>
      <UserId>{escape(user)}</UserId>
    </LogonTrigger>
    <CalendarTrigger>
      <Enabled>true</Enabled>
      <StartBoundary>{start}</StartBoundary>
      <ScheduleByDay>
        <DaysInterval>1</DaysInterval>
      </ScheduleByDay>
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <UserId>{escape(user)}</UserId>
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


def definition(config: Path, system: str, *, books: Path | None = None,
               env: Mapping[str, str] | None = None) -> str:
    """The Task Scheduler XML (``windows``) or systemd unit (``linux``) :func:`install` would register
    for ``config``, on any OS; nothing is registered or written."""
    if system not in SYSTEMS:
        raise BookError(f"不支持的系统「{system}」：可选 {'、'.join(SYSTEMS)}")
    if not Path(config).is_file():
        raise BookError(f"找不到任务配置文件 {config}")
    command = scheduler_command(config, books=books)
    return task_xml(command, windows_user(env)) if system == "windows" else unit_text(command)


_NO_BUS = ("Failed to connect to bus", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR")


def install(config: Path, *, books: Path | None = None, platform: str | None = None, runner: Runner = run,
            env: Mapping[str, str] | None = None) -> str:
    """Register the scheduler for ``config``; returns a Chinese line, raises BookError when it did not
    work (on Linux the unit file is then removed again)."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        text = definition(config, "windows", books=books, env=env)
        with tempfile.TemporaryDirectory(prefix="dealer_xl-task-") as tmp:
            xml = Path(tmp) / "task.xml"
            xml.write_text(text, encoding="utf-16")
            _check(runner(["schtasks", "/Create", "/TN", TASK_NAME, "/XML", str(xml), "/F"]), "注册计划任务")
        _check(runner(["schtasks", "/Run", "/TN", TASK_NAME]), "启动计划任务")
        return f"已注册计划任务 {TASK_NAME}（当前用户，无需管理员）：登录时和每天 {DAILY_AT} 启动，出错自动重启；现在已开始运行"
    text = definition(config, "linux", books=books, env=env)
    path = unit_path(env)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    try:
        _check(runner(["systemctl", "--user", "daemon-reload"]), "重新加载 systemd")
        _check(runner(["systemctl", "--user", "enable", "--now", UNIT_NAME]), "启用调度服务")
    except BookError as exc:
        path.unlink(missing_ok=True)
        hint = ("这个会话没有 systemd 用户总线（如用 su、ssh 或在容器中运行）：请在该用户的桌面会话中运行，"
                "或由管理员执行 loginctl enable-linger 用户名 后重新登录再试；" if any(
                    marker in str(exc) for marker in _NO_BUS) else "")
        raise BookError(f"{exc}。{hint}已删除刚写入的 {path}，没有留下半装的服务") from exc
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


def task_state(output: str) -> str:
    """The status column of ``schtasks /Query /FO CSV /NH`` output (TaskName, Next Run Time, Status;
    the words are in Windows' language, e.g. 正在运行 or 就绪), "" when there is none."""
    rows = [row for row in csv.reader(io.StringIO(output)) if len(row) >= 3 and TASK_NAME in row[0]]
    return rows[0][2].strip() if rows else ""


def status(*, platform: str | None = None, runner: Runner = run,
           env: Mapping[str, str] | None = None) -> tuple[bool, str]:
    """(installed and running-or-ready, one Chinese line)."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        outcome = runner(["schtasks", "/Query", "/TN", TASK_NAME, "/FO", "CSV", "/NH"])
        if outcome.code != 0:
            return False, "调度器未注册为计划任务：运行 dealer-xl scheduler install --config 任务配置.toml"
        return True, f"调度器已注册为计划任务 {TASK_NAME}（{task_state(outcome.output) or '状态未知'}）"
    path = unit_path(env)
    if not path.exists():
        return False, f"调度器未安装为服务（{path} 不存在）"
    active = runner(["systemctl", "--user", "is-active", UNIT_NAME]).output.strip() or "未知"
    return active == "active", f"调度服务 {UNIT_NAME}：{active}（{path}）"
