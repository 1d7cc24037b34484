"""``dealer-xl bundle`` (the offline installer zip) and ``dealer-xl doctor`` (is this PC ready?).

Thin wrappers over :mod:`dealer_xl.deploy`. Exit codes: ``bundle`` 0 built, 2 could not (bad platform,
wrong xlwings, no verified Python installer, pip or build failed — one Chinese line); ``bundle --check``
0 sound, 1 with problems (one line each); ``doctor`` 0 when every check that applies passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..arguments import add_dir, add_format, exit_codes
from ..jsonout import dumps


def cmd_bundle(args: argparse.Namespace) -> int:
    """Build the offline installer zip, or check one (``--check``)."""
    from ..console import out
    from ..deploy import bundle

    if args.check:
        problems = bundle.check_archive(Path(args.check))
        for line in problems:
            out.print(f"✗ {line}", markup=False, soft_wrap=True)
        out.print("安装包检查通过" if not problems else f"安装包有 {len(problems)} 个问题", markup=False)
        return 1 if problems else 0
    target = bundle.parse_target(args.platform, args.python)
    pip_args = tuple(a for link in args.find_links or () for a in ("--find-links", link))
    pip_args += ("--no-index",) if args.no_index else ()
    runtimes = bundle.Runtimes(given=tuple(Path(p) for p in args.python_installer or ()), leave_out=args.no_python,
                               mirror=args.python_mirror or bundle.runtime.PYTHON_FTP)
    archive = bundle.build_bundle(Path(args.out), target, source=Path(args.source) if args.source else None,
                                  wheel=Path(args.wheel) if args.wheel else None,
                                  isolation=not args.no_build_isolation, pip_args=pip_args, runtimes=runtimes)
    how = "解压后双击 install.cmd" if target.windows else "解压后运行 sh install.sh"
    out.print(f"已生成离线安装包 {archive}（{archive.stat().st_size // 1024} KB）：{how}", markup=False)
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    """Check this PC and print one line per check."""
    from ..console import out
    from ..deploy.doctor import Environment, run_checks

    checks = run_checks(Environment(books=Path(args.dir) if args.dir else None,
                                    jobs=Path(args.jobs) if args.jobs else None))
    if args.format == "json":
        print(dumps([{"name": c.name, "ok": c.ok, "detail": c.detail, "fix": c.fix} for c in checks]))
    else:
        for check in checks:
            out.print(check.line(), markup=False, soft_wrap=True)
        failed = sum(c.ok is False for c in checks)
        out.print("全部检查通过" if not failed else f"{failed} 项未通过，请按“处理”一栏操作后重新运行 dealer-xl doctor",
                  markup=False)
    return 1 if any(c.ok is False for c in checks) else 0


def register(sub) -> None:
    """Add ``bundle`` and ``doctor`` to the CLI."""
    p = sub.add_parser("bundle", help="生成离线安装包（Python 安装程序 + wheelhouse + 加载项 + install.cmd），"
                                      "供没有 Python、没有外网的办公电脑安装",
                       epilog=exit_codes(code_1="--check 发现安装包有问题", code_2="未能生成：平台不支持、没有可核对的 Python 安装程序、"
                                                                "xlwings 版本不对、pip 或打包失败（一行中文说明）"))
    p.add_argument("--platform", default="windows",
                   help="目标平台：windows（默认，64 位和 32 位 Office 都带）、win_amd64、win32、linux_x86_64")
    p.add_argument("--python", default="3.11", help="目标电脑的 Python 版本（默认 3.11）")
    p.add_argument("--out", default="dist", help="输出文件夹（默认 dist）")
    p.add_argument("--source", help="dealer_xl 源码目录（默认：本程序所在的源码目录）")
    p.add_argument("--wheel", help="使用已由 python -m build 生成的 dealer_xl wheel，不重新生成")
    p.add_argument("--find-links", action="append", help="pip 额外查找 wheel 的本地文件夹（可重复）")
    p.add_argument("--no-index", action="store_true", help="pip 不访问软件源，只用 --find-links（离线重建安装包时）")
    p.add_argument("--no-build-isolation", action="store_true", help="用本环境的 setuptools 生成 wheel（不联网）")
    p.add_argument("--python-installer", action="append",
                   help="python.org 的 Windows 安装程序（python-3.11.9-amd64.exe、32 位的 python-3.11.9.exe；可重复），"
                        "核对 SHA-256 后放入；不给时从 python.org 下载")
    p.add_argument("--python-mirror", help="从这个镜像下载 Python 安装程序（同 python.org/ftp/python 的目录结构；仍核对 SHA-256）")
    p.add_argument("--no-python", action="store_true", help="不带 Python 安装程序（员工电脑须已装同一位数的 Python）")
    p.add_argument("--check", metavar="ZIP", help="只检查一个已生成的安装包：每个 wheel、Python、DLL、加载项和脚本")
    p.set_defaults(func=cmd_bundle)

    p = sub.add_parser("doctor", help="检查本机安装：Python、加载项、Excel、台账、LibreOffice、字体、邮件、调度器",
                       epilog=exit_codes(code_0="适用的检查全部通过", code_1="有检查未通过（按“处理”一栏操作）"))
    add_dir(p, default="", legacy=("--books",), help="要检查的台账文件夹（默认：配置中的文件夹）")
    p.add_argument("--jobs", help="任务配置文件：检查其中的 SMTP 服务器能否连接")
    add_format(p)
    p.set_defaults(func=cmd_doctor)
