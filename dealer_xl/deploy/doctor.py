"""``dealer-xl doctor``: is this PC ready? One Chinese line per check with ✓/✗ and what to do.

Each check is a function returning a :class:`Check`; :func:`run_checks` runs them against an
:class:`Environment` (environment variables, platform, the books folder, a jobs file), so tests
drive it with a fake home and real files. A check that does not apply here (Excel on Linux, SMTP
without a jobs file) is shown with ``–`` and does not count. Guarantees: no check raises — a
failure to look is itself a ✗ with the reason; nothing is written anywhere.

Checks: Python version; running in a venv; dealer_xl and xlwings versions against the DLL the
installed add-in names; the add-in in XLSTART and its Interpreter_Win existing; Excel installed
(Windows registry) and its bitness equal to this Python's (:mod:`dealer_xl.deploy.office`; WPS
without Excel is told to use the desktop shortcuts); the books folder and each of the five books readable and not open elsewhere
(Excel's ``~$`` lock file); LibreOffice for PDFs; a Chinese font for charts; the SMTP server
reachable (with a jobs file); the scheduler registered as a service (required only with a jobs file:
most PCs send no reports).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import sys
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath

from .. import __version__, schema
from ..excel import addin, config
from ..io.workbook import BOOK_SUFFIXES
from ..problems import BookError
from . import office, service

MIN_PYTHON = (3, 11)
_SOFFICE_WIN = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
_VAR = re.compile(r"%([^%]+)%")


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the report.

    Attributes:
        name: what was checked (Chinese, short).
        ok: True passed, False failed, None does not apply here.
        detail: what was found.
        fix: what to do when it failed ("" otherwise).
    """

    name: str
    ok: bool | None
    detail: str
    fix: str = ""

    def line(self) -> str:
        mark = {True: "✓", False: "✗", None: "–"}[self.ok]
        return f"{mark} {self.name}：{self.detail}" + (f"。处理：{self.fix}" if self.fix and self.ok is False else "")


@dataclass(frozen=True)
class Environment:
    """Where doctor looks.

    Attributes:
        env: environment variables (APPDATA, LOCALAPPDATA, HOME …).
        platform: ``sys.platform`` of the PC checked.
        books: the books folder to check (None: the configured one).
        jobs: a jobs file whose SMTP server to try (None: skip).
        service_runner: runs schtasks/systemctl for the scheduler check.
        excel_finder: returns Excel's path on Windows, or None.
        registry: reads a Windows registry value (:data:`dealer_xl.deploy.office.Reader`).
        python_bits: 32 or 64, this Python's.
    """

    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    platform: str = sys.platform
    books: Path | None = None
    jobs: Path | None = None
    service_runner: service.Runner = service.run
    excel_finder: Callable[[], str | None] | None = None
    registry: office.Reader | None = None
    python_bits: int = 64 if sys.maxsize > 2**32 else 32

    @property
    def windows(self) -> bool:
        return self.platform.startswith("win")


def expand(value: str, env: Mapping[str, str]) -> str:
    """``%VAR%`` expanded from ``env`` the way Windows (and xlwings) does; unknown ones kept."""
    return _VAR.sub(lambda m: env.get(m.group(1), env.get(m.group(1).upper(), m.group(0))), value)


def check_python(e: Environment) -> Check:
    found = sys.version_info[:2]
    ok = found >= MIN_PYTHON
    return Check("Python", ok, f"{found[0]}.{found[1]}（{sys.executable}）", "安装 Python 3.11 或更新版本")


def check_venv(e: Environment) -> Check:
    inside = sys.prefix != sys.base_prefix
    return Check("虚拟环境", inside, sys.prefix if inside else f"未在虚拟环境中（{sys.prefix}）",
                 "用安装包的 install.cmd 安装（它在 %LOCALAPPDATA%\\dealer_xl\\venv 建立虚拟环境）")


def installed_addin(e: Environment) -> Path | None:
    """The add-in file in the user's XLSTART (Windows), else None."""
    if not e.windows:
        return None
    try:
        return addin.xlstart_dir(e.env, e.platform) / addin.ADDIN_NAME
    except BookError:
        return None


def check_versions(e: Environment) -> Check:
    import xlwings

    path = installed_addin(e)
    dll = addin.PINNED_XLWINGS
    source = "固定版本"
    if path is not None and path.is_file():
        try:
            dll = addin.addin_dll_version(path) or "?"
            source = "加载项"
        except (BookError, OSError, ValueError) as exc:
            return Check("版本", False, f"无法读取加载项 {path}（{exc}）", "重新运行 install.cmd")
    ok = xlwings.__version__ == dll
    return Check("版本", ok, f"dealer_xl {__version__}，xlwings {xlwings.__version__}，{source}使用的 DLL 为 "
                             f"xlwings64-{dll}.dll",
                 f"安装包内的 xlwings {dll}：重新运行 install.cmd（不要单独 pip install -U xlwings）")


def conf_values(path: Path) -> dict[str, str]:
    """The add-in's conf sheet as key → value (inline strings and booleans, as
    :func:`addin.conf_sheet_xml` writes them; a boolean reads ``"1"`` or ``"0"``)."""
    from xml.etree import ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read(addin.CONF_PART))
    values = {}
    for row in root.iterfind(".//m:row", ns):
        cells = ["".join(t.text or "" for t in c.iterfind(".//m:t", ns)) or c.findtext("m:v", "", ns)
                 for c in row.iterfind("m:c", ns)]
        if cells:
            values[cells[0]] = cells[1] if len(cells) > 1 else ""
    return values


def check_addin(e: Environment) -> list[Check]:
    if not e.windows:
        return [Check("加载项", None, "Excel 加载项只在 Windows 上安装（本机不适用）")]
    path = installed_addin(e)
    if path is None or not path.is_file():
        return [Check("加载项", False, f"{path or 'XLSTART'} 中没有 {addin.ADDIN_NAME}",
                      "运行 dealer-xl addin install，或重新运行 install.cmd")]
    try:
        interpreter = conf_values(path).get("Interpreter_Win", "")
    except (KeyError, zipfile.BadZipFile, OSError) as exc:
        return [Check("加载项", False, f"{path} 已损坏（{exc}）", "重新运行 install.cmd")]
    found = expand(interpreter, e.env)
    local = Path(PureWindowsPath(found).as_posix()) if os.sep == "/" else Path(found)  # a test on Linux
    ok = bool(interpreter) and local.is_file()
    return [Check("加载项", True, str(path)),
            Check("加载项的 Python", ok, found or "未设置（将运行 PATH 中任意的 python）",
                  "重新运行 install.cmd，使加载项指向它建立的虚拟环境")]


def _reader(e: Environment) -> office.Reader:
    """The registry of this PC (nothing where there is none: a Windows PC described on another OS)."""
    if e.registry is not None:
        return e.registry
    return office.read_registry if sys.platform.startswith("win") else (lambda key, name: None)


def check_excel(e: Environment) -> Check:
    if not e.windows:
        return Check("Excel", None, "本机不是 Windows（功能区需要 Windows 上的 Microsoft Excel）")
    found = (e.excel_finder or (lambda: office.app_path(_reader(e), "excel.exe")))()
    why = "注册表中没有 excel.exe"
    if found is None and office.has_wps(_reader(e)):
        return Check("Excel", None, "没有 Microsoft Excel，有 WPS：功能区只在 Microsoft Excel 中显示，"
                                    "请用桌面快捷方式（经销商助手 - …）或 dealer-xl action")
    return Check("Excel", found is not None, found or why,
                 "功能区需要 Microsoft Excel；WPS 用户请用桌面快捷方式或 dealer-xl action")


def check_bitness(e: Environment) -> Check:
    if not e.windows:
        return Check("Office 位数", None, "本机不是 Windows")
    read = _reader(e)
    excel = (e.excel_finder or (lambda: office.app_path(read, "excel.exe")))()
    bits = office.office_bitness(read, excel)
    if bits is None:
        return Check("Office 位数", None, "没有 Microsoft Excel，或无法判断它的位数" if excel else "没有 Microsoft Excel")
    wanted = 64 if bits == "x64" else 32
    return Check("Office 位数", wanted == e.python_bits, f"Office {wanted} 位，本程序的 Python {e.python_bits} 位",
                 "加载项只能使用与 Office 同位数的 Python：重新运行安装包的 install.cmd（它按 Office 的位数选择运行环境），"
                 "安装包须含该位数（dealer-xl bundle --platform windows）")


def _books_dir(e: Environment) -> tuple[Path | None, str]:
    if e.books is not None:
        return e.books, "命令行指定"
    path = config.config_path(e.env)
    try:
        return config.configured_books_dir(path), f"配置 {path}"
    except BookError as exc:
        return None, str(exc)


def check_books(e: Environment) -> list[Check]:
    folder, source = _books_dir(e)
    if folder is None:
        return [Check("台账文件夹", False, f"未配置（{source}）", "运行 dealer-xl addin install --books 台账文件夹")]
    if not folder.is_dir():
        return [Check("台账文件夹", False, f"{folder} 不存在（{source}）", "改正配置中的 books_dir")]
    checks = [Check("台账文件夹", True, f"{folder}（{source}）")]
    for spec in schema.BOOKS:
        path = next((folder / f"{spec.name}{s}" for s in BOOK_SUFFIXES if (folder / f"{spec.name}{s}").is_file()), None)
        if path is None and spec.optional:
            checks.append(Check(spec.name, None, f"未使用（{spec.filename} 是可选台账）"))
            continue
        if path is None:
            checks.append(Check(spec.name, False, f"{folder} 中没有 {spec.filename}", "把该台账放进文件夹，"
                                "或用 dealer-xl init 生成空白台账"))
            continue
        lock = path.with_name("~$" + path.name)
        try:
            with path.open("rb") as fh:
                head = fh.read(4)
        except OSError as exc:
            checks.append(Check(spec.name, False, f"{path} 无法读取（{exc.strerror}）", "检查文件权限和共享设置"))
            continue
        if path.suffix != ".xls" and head != b"PK\x03\x04":
            checks.append(Check(spec.name, False, f"{path.name} 不是 Excel 工作簿（可能已加密或损坏）",
                                "用 Excel 打开后另存为 .xlsx"))
        elif lock.exists():
            checks.append(Check(spec.name, False, f"{path.name} 正在被打开（有锁文件 {lock.name}）",
                                "写入前请关闭；如无人打开，删除该锁文件"))
        else:
            checks.append(Check(spec.name, True, f"{path.name} 可读"))
    return checks


def check_libreoffice(e: Environment) -> Check:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and e.windows:
        found = next((p for p in _SOFFICE_WIN if Path(p).is_file()), None)
    return Check("LibreOffice", found is not None, found or "未找到（生成 PDF 需要它；Excel 报表不受影响）",
                 "安装 LibreOffice（免费）后重新检查")


def check_fonts(e: Environment) -> Check:
    from ..documents.charts import CJK_FAMILIES, cjk_font

    font = cjk_font()
    return Check("中文字体", font is not None, font.get_name() if font else f"没有 {'、'.join(CJK_FAMILIES[:3])} 等字体",
                 "安装中文字体（Windows 自带微软雅黑；Linux：apt install fonts-noto-cjk）")


def check_smtp(e: Environment) -> Check:
    if e.jobs is None:
        return Check("邮件服务器", None, "未指定任务配置（用 --jobs 任务配置.toml 检查）")
    from ..jobs.config import load_config

    try:
        smtp = load_config(e.jobs, env=e.env).smtp
    except (BookError, OSError) as exc:  # ConfigError is a BookError
        return Check("邮件服务器", False, f"任务配置 {e.jobs} 有误：{exc}", "改正任务配置后重新检查")
    if not smtp.host:
        return Check("邮件服务器", False, "任务配置中没有 SMTP 服务器（邮件只会放入发件箱）", "在 [smtp] 中填写 host 和 port")
    try:
        with socket.create_connection((smtp.host, smtp.port), timeout=5):
            pass
    except OSError as exc:
        return Check("邮件服务器", False, f"{smtp.host}:{smtp.port} 连不上（{exc}）",
                     "检查网络、端口和防火墙；或询问邮箱管理员 SMTP 地址")
    return Check("邮件服务器", True, f"{smtp.host}:{smtp.port} 可连接")


def check_scheduler(e: Environment) -> Check:
    try:
        ok, line = service.status(platform=e.platform, runner=e.service_runner, env=e.env)
    except OSError as exc:
        return Check("调度器", False, str(exc), service.INSTALL_HINT)
    if not ok and e.jobs is None:  # most PCs send no reports: only the one given a jobs file must run it
        return Check("调度器", None, f"{line}（只有负责定时发送报表的电脑需要；用 --jobs 检查）")
    return Check("调度器", ok, line, service.INSTALL_HINT)


def run_checks(e: Environment) -> list[Check]:
    """Every check, in the order of the report."""
    return [check_python(e), check_venv(e), check_versions(e), *check_addin(e), check_excel(e), check_bitness(e),
            *check_books(e), check_libreoffice(e), check_fonts(e), check_smtp(e), check_scheduler(e)]
