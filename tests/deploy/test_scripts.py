"""The bundle's scripts as text (no Windows here): PowerShell parsed by a PowerShell grammar, and the
order of the steps that keep an office PC safe — refuse while Excel runs, build beside, swap, roll back,
shortcuts whatever the add-in did — read from the script itself."""

from __future__ import annotations

import re

import pytest

from dealer_xl import __version__
from dealer_xl.actions.registry import ACTIONS
from dealer_xl.deploy import powershell, scripts

WINDOWS = scripts.scripts(__version__, "3.11", ("win_amd64", "win32"))
INSTALL = WINDOWS["install.ps1"].removeprefix(powershell.BOM).replace("\r\n", "\n")
UNINSTALL = WINDOWS["uninstall.ps1"].removeprefix(powershell.BOM).replace("\r\n", "\n")


def parse_errors(text: str) -> list[str]:
    """Every syntax error tree-sitter's PowerShell grammar finds in ``text``."""
    ts = pytest.importorskip("tree_sitter")
    grammar = pytest.importorskip("tree_sitter_powershell")
    tree = ts.Parser(ts.Language(grammar.language())).parse(text.encode("utf-8"))
    found, stack = [], [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            found.append(f"line {node.start_point[0] + 1}: {node.type} {node.text[:40]!r}")
        stack.extend(node.children)
    return found


@pytest.mark.parametrize("name", sorted(n for n in WINDOWS if n.endswith(".ps1")))
def test_every_powershell_script_parses(name):
    assert parse_errors(WINDOWS[name].removeprefix(powershell.BOM)) == []


def test_the_parser_does_find_a_broken_script():
    assert parse_errors(INSTALL.replace("if ($Code -ne 0) {", "if ($Code -ne 0 {", 1))


def test_scripts_are_bom_utf8_and_crlf_and_cmd_files_are_ascii():
    for name, text in WINDOWS.items():
        data = text.encode("utf-8")
        assert b"\n" not in data.replace(b"\r\n", b""), name
        if name.endswith(".ps1"):
            assert data.startswith(b"\xef\xbb\xbf"), name
        else:
            assert data.isascii(), name


def test_nothing_asks_for_administrator_rights():
    for name, text in WINDOWS.items():
        assert re.search(r"RunAs|-Verb|InstallAllUsers=1|HKLM:[^\"]*\" -Name .* -Value", text) is None, name
    assert "InstallAllUsers=0" in INSTALL and "Include_launcher=0" in INSTALL and "PrependPath=0" in INSTALL


def _at(text: str, needle: str) -> int:
    assert needle in text, needle
    return text.index(needle)


def test_install_refuses_while_excel_runs_before_touching_anything():
    body = INSTALL[_at(INSTALL, 'Write-Host "dealer_xl $Version'):]
    first_change = min(_at(body, "Remove-Item"), _at(body, "Rename-Item"), _at(body, "-m\", \"venv\""))
    assert _at(body, "Assert-NothingRunning") < first_change
    check = INSTALL[_at(INSTALL, "function Assert-NothingRunning"):]
    assert 'Get-Process -Name "EXCEL"' in check and '"python", "pythonw"' in check and "StartsWith(\"$App\"" in check
    assert _at(UNINSTALL, "Assert-NothingRunning\n") < _at(UNINSTALL, "Remove-Item")


def test_the_new_venv_is_built_and_tried_beside_the_old_before_the_swap_and_rolled_back_after():
    steps = ['"venv", "$New"', '"--require-hashes"', "xlwings32-*.dll", "$Probe", 'Rename-Item -LiteralPath "$Venv" -NewName "venv.old"',
             'Rename-Item -LiteralPath "$New" -NewName "venv"', '"--force-reinstall"', 'Scripts\\dealer-xl.exe") @("--version")',
             'Rename-Item -LiteralPath "$Old" -NewName "venv"']
    positions = [_at(INSTALL, step) for step in steps]
    assert positions == sorted(positions)
    before_swap = INSTALL[:positions[4]]
    assert 'Remove-Item -LiteralPath "$Venv"' not in before_swap  # the old venv is never deleted first
    pip = next(line for line in INSTALL.splitlines() if '"--require-hashes"' in line)
    assert '"--no-index", "--no-deps"' in pip


def test_shortcuts_are_made_whatever_happened_to_the_addin():
    addin_failed = _at(INSTALL, '$Failed += "加载项"')
    shortcuts = _at(INSTALL, "$Shell.CreateShortcut")
    assert addin_failed < shortcuts
    between = INSTALL[addin_failed:shortcuts]
    assert "Stop-WithMessage" not in between and "exit" not in between
    for shortcut in scripts.SHORTCUTS:
        assert f'@("{shortcut.file}", "{shortcut.label}", ' in INSTALL
        assert not set(shortcut.description) & set('"$`')  # safe inside a PowerShell string
    assert '$Link.WorkingDirectory = "$Books"' in INSTALL


def test_the_runtime_follows_office_bitness_from_the_registry_then_the_exe():
    for key in (r"Office\ClickToRun\Configuration", r'"Platform"', r"Office\$Office\Outlook", r'"Bitness"',
                r"WOW6432Node\Microsoft\Office", "Get-PeMachine $ExcelPath"):
        assert key in INSTALL, key
    assert 'if ($Office -eq "x86") { $Platform = "win32" }' in INSTALL
    assert "HKCU:\\SOFTWARE\\Python\\PythonCore" in INSTALL and "struct.calcsize('P') * 8 == $Bits" in INSTALL


def test_the_shortcut_commands_use_the_venvs_python_in_the_books_folder():
    validate = WINDOWS["shortcuts/validate_books.cmd"]
    assert '"%LOCALAPPDATA%\\dealer_xl\\venv\\Scripts\\python.exe" -m dealer_xl validate . --mark' in validate
    assert "pause" in validate and scripts.SHORTCUTS[0].label == "校验五本台账"
    for shortcut in scripts.SHORTCUTS[1:]:
        assert shortcut.args[1] in ACTIONS and f"-m dealer_xl action {shortcut.args[1]} ." in \
            WINDOWS[f"shortcuts/{shortcut.file}"]


def test_every_path_handed_to_a_command_is_quoted():
    for name, text in WINDOWS.items():
        if not name.endswith(".ps1"):
            continue
        for line in text.splitlines():
            if line.lstrip().startswith("function ") or not re.search(
                    r"-LiteralPath|Join-Path|-Path |Invoke-Native|Invoke-Quiet|-FilePath", line):
                continue
            line = re.sub(r"^\s*\$\w+\s*\+?=\s*|return \$\w+|-not \$\w+", "", line)  # assigned, returned, tested
            bare = re.findall(r'(?<!["(\w])\$(Here|App|Venv|VenvPy|New|Old|Wheels|Lock|Addin|Books|Python|NewPy|'
                              r'Folder|Target|Desktop|Xlstart|Removing|Log|Leftover|Exe|ExcelPath)\b(?![."\w])', line)
            assert not bare, (name, line)


def test_the_linux_install_script_is_valid_sh_and_swaps_only_a_venv_that_runs(tmp_path):
    import shutil
    import subprocess

    text = scripts.install_sh(__version__, "3.11", "linux_x86_64")
    path = tmp_path / "install.sh"
    path.write_text(text, encoding="utf-8")
    shell = shutil.which("dash") or shutil.which("sh")
    assert subprocess.run([shell, "-n", str(path)], capture_output=True).returncode == 0
    order = ['"$python" -m venv "$new"', "--require-hashes", 'import dealer_xl.cli', 'mv "$app/venv" "$app/venv.old"',
             'mv "$new" "$app/venv"', "--force-reinstall", 'mv "$app/venv.old" "$app/venv"']
    positions = [_at(text, step) for step in order]
    assert positions == sorted(positions)
    assert _at(text, "trap 'rm -rf \"$new\"' EXIT") < positions[0]
