"""The text of the Windows bundle's ``install.ps1`` and ``uninstall.ps1`` (Windows PowerShell 5.1).

What ``install.ps1`` does, in order (no administrator rights at any step; everything under the
user's profile):

1. **Refuses while Excel or the add-in's Python runs** (the report scheduler's task is stopped
   first): a running venv keeps its DLLs locked, and Excel would keep the old add-in loaded.
2. **Chooses the runtime by Office's bitness**, read from the registry (Click-to-Run
   ``Configuration\\Platform``, then ``Office\\<version>\\Outlook\\Bitness`` in both registry views),
   else from ``excel.exe``'s PE header (found through ``App Paths``): 32-bit Office gets the
   bundle's ``win32`` folder, 64-bit ``win_amd64``; with no Microsoft Excel (WPS, or nothing) the
   Windows bitness decides. A bundle without the needed folder is refused with the command that
   builds the right one.
3. **Finds Python** of that version and bitness (PEP 514 registry keys, then the default per-user
   folder; each candidate is asked for its own bitness), else runs the bundle's python.org installer
   silently for the current user (``InstallAllUsers=0``, no launcher, nothing on PATH).
4. **Builds the new venv beside the old one** (``venv.new``): wheels from the bundle only, exactly
   the locked set with their SHA-256 (``--no-index --no-deps --require-hashes``), xlwings' 32-bit DLL
   beside it for 32-bit Office, and an import test. Only then **swaps** (``venv`` → ``venv.old``,
   ``venv.new`` → ``venv``), rewrites dealer_xl's launchers for the final path and runs
   ``dealer-xl --version`` there; if anything after the swap fails the old venv is put back. A
   failure before the swap leaves the old venv untouched.
5. **The add-in** (Microsoft Excel only), then **the desktop shortcuts** for WPS and everyone,
   *whatever happened to the add-in*, then ``dealer-xl doctor``. The exit code is 0 only when every
   step worked.

``uninstall.ps1`` refuses in the same conditions, removes the scheduler task, the add-in, the
shortcuts and ``%LOCALAPPDATA%\\dealer_xl`` (renamed first, so a locked file stops it before
anything is deleted), and keeps the configuration, the books and the per-user Python.

Both files are UTF-8 with a BOM (Windows PowerShell 5.1 reads Chinese correctly only then) and
CRLF. Native programs run through ``Invoke-Native`` with ``$ErrorActionPreference`` relaxed for
the call, so a warning pip prints on stderr never aborts the script; their exit codes are checked.
"""

from __future__ import annotations

BOM = "\ufeff"

COMMON = r"""$ErrorActionPreference = "Stop"
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
$env:PYTHONUTF8 = "1"
$Here = Split-Path -Parent $MyInvocation.MyCommand.Path
$App = Join-Path "$env:LOCALAPPDATA" "dealer_xl"
$Venv = Join-Path "$App" "venv"
$VenvPy = Join-Path "$Venv" "Scripts\python.exe"
$TaskName = "@TASK@"

function Stop-WithMessage([string]$Message) {
    Write-Host "✗ $Message" -ForegroundColor Red
    exit 1
}

function Write-Note([string]$Message) {
    Write-Host "! $Message" -ForegroundColor Yellow
}

# A native program's exit code; its stderr (pip's warnings) never aborts the script.
function Invoke-Native([string]$Exe, [string[]]$Arguments) {
    $Saved = $ErrorActionPreference
    $ErrorActionPreference = "Continue"
    try {
        & "$Exe" @Arguments | Out-Host
        return $LASTEXITCODE
    } finally {
        $ErrorActionPreference = $Saved
    }
}

# The same, with the program's output discarded (probes whose failure is an answer, not an error).
function Invoke-Quiet([string]$Exe, [string[]]$Arguments) {
    $Saved = $ErrorActionPreference
    $ErrorActionPreference = "Continue"
    try {
        & "$Exe" @Arguments 2>&1 | Out-Null
        return $LASTEXITCODE
    } finally {
        $ErrorActionPreference = $Saved
    }
}

function Test-TaskRegistered {
    return (Invoke-Quiet "schtasks.exe" @("/Query", "/TN", "$TaskName")) -eq 0
}

# Refuses while Excel or a Python of this installation runs (the scheduler task is stopped first).
function Assert-NothingRunning {
    if (Test-TaskRegistered) {
        Invoke-Quiet "schtasks.exe" @("/End", "/TN", "$TaskName") | Out-Null
        Start-Sleep -Seconds 2
    }
    $Excel = @(Get-Process -Name "EXCEL" -ErrorAction SilentlyContinue)
    if ($Excel.Count -gt 0) {
        Stop-WithMessage "Excel 正在运行：请先保存并关闭所有 Excel 窗口（任务管理器中不应再有 EXCEL.EXE），再运行本脚本"
    }
    $Ours = @(Get-Process -Name "python", "pythonw" -ErrorAction SilentlyContinue | Where-Object {
        $_.Path -and $_.Path.StartsWith("$App", [System.StringComparison]::OrdinalIgnoreCase) })
    if ($Ours.Count -gt 0) {
        $Ids = ($Ours | ForEach-Object { $_.Id }) -join ", "
        Stop-WithMessage "经销商助手的 Python 仍在运行（进程 $Ids）：请关闭 Excel 和正在运行的快捷方式窗口后重试"
    }
}
"""

INSTALL = r"""# dealer_xl @VERSION@ 离线安装（由 dealer-xl bundle 生成，Python @PYTHON@）。无需管理员权限。
# 用法：双击 install.cmd；或在 PowerShell 中运行 .\install.cmd -Books "D:\台账"
param([string]$Books = "")
@COMMON@
$Version = "@VERSION@"
$PyVersion = "@PYTHON@"
$Addin = Join-Path "$Here" "dealer_xl.xlam"
$Failed = @()

# The registry value $Name of the first of $Keys that has it, else $null.
function Get-RegistryValue([string[]]$Keys, [string]$Name) {
    foreach ($Key in $Keys) {
        $Item = Get-ItemProperty -LiteralPath "$Key" -Name "$Name" -ErrorAction SilentlyContinue
        if ($Item -and $Item.$Name) { return [string]$Item.$Name }
    }
    return $null
}

# x64, x86 or $null from the PE header of a Windows program.
function Get-PeMachine([string]$Path) {
    try {
        $Bytes = [System.IO.File]::ReadAllBytes("$Path")
        $Pe = [System.BitConverter]::ToInt32($Bytes, 0x3C)
        switch ([System.BitConverter]::ToUInt16($Bytes, $Pe + 4)) {
            0x8664 { return "x64" }
            0x014C { return "x86" }
        }
    } catch { }
    return $null
}

function Get-ExcelPath {
    $Keys = @("HKCU:\SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\excel.exe",
              "HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\excel.exe",
              "HKLM:\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\App Paths\excel.exe")
    $Path = Get-RegistryValue $Keys "(default)"
    if ($Path -and (Test-Path -LiteralPath "$Path")) { return $Path }
    return $null
}

# x64 or x86 for Microsoft Office, $null when there is no Microsoft Excel.
function Get-OfficeBitness([string]$ExcelPath) {
    if (-not $ExcelPath) { return $null }
    $Keys = @("HKLM:\SOFTWARE\Microsoft\Office\ClickToRun\Configuration")
    $Bits = Get-RegistryValue $Keys "Platform"
    if (-not $Bits) {
        $Keys = @()
        foreach ($Office in @("16.0", "15.0", "14.0")) {
            $Keys += "HKLM:\SOFTWARE\Microsoft\Office\$Office\Outlook", "HKLM:\SOFTWARE\WOW6432Node\Microsoft\Office\$Office\Outlook"
        }
        $Bits = Get-RegistryValue $Keys "Bitness"
    }
    if ($Bits -eq "x86" -or $Bits -eq "x64") { return $Bits }
    return Get-PeMachine $ExcelPath
}

function Test-Wps {
    foreach ($Root in @("HKCU:\SOFTWARE", "HKLM:\SOFTWARE", "HKLM:\SOFTWARE\WOW6432Node")) {
        foreach ($Exe in @("et.exe", "wps.exe")) {
            if (Test-Path -LiteralPath "$Root\Microsoft\Windows\CurrentVersion\App Paths\$Exe") { return $true }
        }
    }
    return $false
}

# A python.exe of $PyVersion with $Bits bits (32 or 64), or $null.
function Find-Python([int]$Bits) {
    $Tag = if ($Bits -eq 32) { "$PyVersion-32" } else { "$PyVersion" }
    $Short = $PyVersion.Replace(".", "") + $(if ($Bits -eq 32) { "-32" } else { "" })
    $Candidates = @()
    foreach ($Root in @("HKCU:\SOFTWARE\Python\PythonCore", "HKLM:\SOFTWARE\Python\PythonCore",
                        "HKLM:\SOFTWARE\WOW6432Node\Python\PythonCore")) {
        $Dir = Get-RegistryValue @("$Root\$Tag\InstallPath") "(default)"
        if ($Dir) { $Candidates += (Join-Path "$Dir" "python.exe") }
    }
    $Candidates += (Join-Path "$env:LOCALAPPDATA" "Programs\Python\Python$Short\python.exe")
    $Check = "import struct, sys; sys.exit(0 if struct.calcsize('P') * 8 == $Bits and '%d.%d' % sys.version_info[:2] == '$PyVersion' else 1)"
    foreach ($Exe in $Candidates) {
        if ((Test-Path -LiteralPath "$Exe") -and (Invoke-Quiet "$Exe" @("-c", $Check)) -eq 0) { return $Exe }
    }
    return $null
}

function Install-Python([string]$Folder, [int]$Bits) {
    $Installer = Get-ChildItem -LiteralPath "$Folder" -Filter "python-$PyVersion.*.exe" | Select-Object -First 1
    if (-not $Installer) {
        Stop-WithMessage "没有找到 $Bits 位 Python $PyVersion，安装包里也没有它的安装程序（生成时用了 --no-python）：请为当前用户安装 python.org 的 $Bits 位 Python $PyVersion 后重新运行，或让 IT 用不带 --no-python 的 dealer-xl bundle 重新生成安装包"
    }
    Write-Host "正在为当前用户安装 $Bits 位 Python $PyVersion（无需管理员权限，约 1 分钟）……"
    $Log = Join-Path "$App" "python-install.log"
    $Arguments = @("/quiet", "InstallAllUsers=0", "PrependPath=0", "Include_launcher=0", "InstallLauncherAllUsers=0",
                   "Include_test=0", "Include_doc=0", "Include_tcltk=0", "Shortcuts=0", "AssociateFiles=0", "/log", "`"$Log`"")
    $Process = Start-Process -FilePath "$($Installer.FullName)" -ArgumentList $Arguments -Wait -PassThru
    if ($Process.ExitCode -ne 0) { Stop-WithMessage "Python 安装程序失败（退出码 $($Process.ExitCode)），日志：$Log" }
}

Write-Host "dealer_xl $Version 安装到 $App"
New-Item -ItemType Directory -Force -Path "$App" | Out-Null
Get-ChildItem -LiteralPath "$Here" -Recurse -File | Unblock-File  # 去掉“来自 Internet”标记，否则宏和程序会被阻止
Assert-NothingRunning
$TaskWasRegistered = Test-TaskRegistered

$ExcelPath = Get-ExcelPath
$Office = Get-OfficeBitness $ExcelPath
if ($Office -eq "x86") { $Platform = "win32" }
elseif ($Office -eq "x64") { $Platform = "win_amd64" }
elseif ([Environment]::Is64BitOperatingSystem) { $Platform = "win_amd64" }
else { $Platform = "win32" }
if (-not $Office -and -not (Test-Path -LiteralPath (Join-Path "$Here" "$Platform"))) {
    $Platform = if ($Platform -eq "win32") { "win_amd64" } else { "win32" }  # no Excel: either runtime serves the shortcuts
}
if ($Platform -eq "win_amd64" -and -not [Environment]::Is64BitOperatingSystem) {
    Stop-WithMessage "这是 32 位 Windows，只能用 32 位的运行环境：请用 dealer-xl bundle --platform win32（或 windows）生成的安装包"
}
$Folder = Join-Path "$Here" "$Platform"
if (-not (Test-Path -LiteralPath "$Folder")) {
    $Word = if ($Platform -eq "win32") { "32" } else { "64" }
    Stop-WithMessage "这台电脑的 Office 是 $Word 位，此安装包没有 $Platform 的运行环境：请让 IT 用 dealer-xl bundle --platform $Platform（或 --platform windows，两种都带）重新生成"
}
$Bits = if ($Platform -eq "win32") { 32 } else { 64 }
if ($Office) { Write-Host "Microsoft Office：$Office（$ExcelPath）→ 使用 $Bits 位运行环境" }
elseif (Test-Wps) { Write-Host "没有 Microsoft Excel，有 WPS：功能区只在 Microsoft Excel 中显示，WPS 用户用桌面快捷方式（$Bits 位运行环境）" }
else { Write-Host "没有找到 Microsoft Excel：只安装命令和桌面快捷方式（$Bits 位运行环境）" }

$Python = Find-Python $Bits
if (-not $Python) {
    Install-Python "$Folder" $Bits
    $Python = Find-Python $Bits
    if (-not $Python) { Stop-WithMessage "Python 安装后仍找不到 $Bits 位 Python $PyVersion（日志：$(Join-Path "$App" "python-install.log")）" }
}
Write-Host "Python：$Python"

$New = Join-Path "$App" "venv.new"
$Old = Join-Path "$App" "venv.old"
foreach ($Leftover in @("$New", "$Old")) {
    if (Test-Path -LiteralPath "$Leftover") { Remove-Item -LiteralPath "$Leftover" -Recurse -Force }
}
if ((Invoke-Native "$Python" @("-m", "venv", "$New")) -ne 0) { Stop-WithMessage "无法建立虚拟环境 $New" }
$NewPy = Join-Path "$New" "Scripts\python.exe"
$Wheels = Join-Path "$Folder" "wheelhouse"
$Lock = Join-Path "$Folder" "requirements.txt"
$Code = Invoke-Native "$NewPy" @("-m", "pip", "install", "--no-index", "--no-deps", "--require-hashes", "--disable-pip-version-check",
                                 "--find-links", "$Wheels", "-r", "$Lock")
if ($Code -ne 0) {
    Remove-Item -LiteralPath "$New" -Recurse -Force
    Stop-WithMessage "从安装包安装失败（见上方 pip 的输出），原来的版本没有改动：安装包可能不完整，请重新解压或重新拷贝"
}
Get-ChildItem -LiteralPath "$Folder" -Filter "xlwings32-*.dll" | Copy-Item -Destination "$New"
$Probe = "import dealer_xl.excel.dispatch, dealer_xl.excel.udf_registry, xlwings, win32com.client"
if ((Invoke-Native "$NewPy" @("-c", $Probe)) -ne 0) {
    Remove-Item -LiteralPath "$New" -Recurse -Force
    Stop-WithMessage "新版本无法启动（见上方的错误），原来的版本没有改动"
}

if (Test-Path -LiteralPath "$Venv") {
    try { Rename-Item -LiteralPath "$Venv" -NewName "venv.old" }
    catch { Remove-Item -LiteralPath "$New" -Recurse -Force; Stop-WithMessage "旧的虚拟环境被占用，无法替换（$($_.Exception.Message)）：请重启电脑后重新运行" }
}
Rename-Item -LiteralPath "$New" -NewName "venv"
$OwnWheel = Get-ChildItem -LiteralPath "$Wheels" -Filter "dealer_xl-$Version-*.whl" | Select-Object -First 1
$Code = Invoke-Native "$VenvPy" @("-m", "pip", "install", "--no-index", "--no-deps", "--force-reinstall", "--disable-pip-version-check", "$($OwnWheel.FullName)")
if ($Code -eq 0) { $Code = Invoke-Native (Join-Path "$Venv" "Scripts\dealer-xl.exe") @("--version") }
if ($Code -ne 0) {
    Rename-Item -LiteralPath "$Venv" -NewName ("venv.failed-" + (Get-Date -Format "yyyyMMddHHmmss"))
    if (Test-Path -LiteralPath "$Old") { Rename-Item -LiteralPath "$Old" -NewName "venv" }
    Stop-WithMessage "新版本在最终位置无法运行，已恢复原来的版本"
}
if (Test-Path -LiteralPath "$Old") {
    try { Remove-Item -LiteralPath "$Old" -Recurse -Force }
    catch { Write-Note "旧的虚拟环境 $Old 暂时删不掉，可以以后手工删除" }
}
Write-Host "✓ 已安装 dealer_xl $Version（$Venv）" -ForegroundColor Green

if (-not $Books) { $Books = Read-Host "台账所在文件夹（如 D:\台账；直接回车则跳过，以后可重新运行 install.cmd -Books 文件夹）" }
if ($ExcelPath) {
    $AddinArgs = @("-m", "dealer_xl", "addin", "install", "--file", "$Addin")
    if ($Books) { $AddinArgs += @("--books", "$Books") }
    if ((Invoke-Native "$VenvPy" $AddinArgs) -ne 0) {
        $Failed += "加载项"
        Write-Note "加载项没有装上（原因见上一行）；桌面快捷方式照常创建"
    }
} else {
    Write-Note "没有 Microsoft Excel：跳过加载项（WPS 表格不显示功能区），请用桌面快捷方式"
}

if ($Books) {
    try {
        $Target = Join-Path "$App" "shortcuts"
        New-Item -ItemType Directory -Force -Path "$Target" | Out-Null
        Copy-Item -Path (Join-Path "$Here" "shortcuts\*.cmd") -Destination "$Target" -Force
        $Desktop = [Environment]::GetFolderPath("Desktop")
        $Shell = New-Object -ComObject WScript.Shell
        foreach ($Item in @(
@SHORTCUTS@
        )) {
            $Link = $Shell.CreateShortcut((Join-Path "$Desktop" "@PREFIX@$($Item[1]).lnk"))
            $Link.TargetPath = (Join-Path "$Target" "$($Item[0])")
            $Link.WorkingDirectory = "$Books"
            $Link.Description = "$($Item[2])"
            $Link.Save()
        }
        Write-Host "✓ 已在桌面创建 @COUNT@ 个快捷方式（@PREFIX@…），在 $Books 中运行，WPS 用户也能用" -ForegroundColor Green
    } catch {
        $Failed += "快捷方式"
        Write-Note "桌面快捷方式没有建成：$($_.Exception.Message)"
    }
} else {
    Write-Note "没有给出台账文件夹：没有创建桌面快捷方式（以后运行 .\install.cmd -Books 文件夹）"
}

if ($TaskWasRegistered) { Invoke-Quiet "schtasks.exe" @("/Run", "/TN", "$TaskName") | Out-Null }
$DoctorArgs = @("-m", "dealer_xl", "doctor")
if ($Books) { $DoctorArgs += @("--books", "$Books") }
Invoke-Native "$VenvPy" $DoctorArgs | Out-Null
if ($Failed.Count -gt 0) {
    Write-Host "安装完成，但这些步骤没有成功：$($Failed -join '、')。请按上面的提示处理后重新运行 install.cmd" -ForegroundColor Yellow
    exit 1
}
Write-Host "✓ 安装完成。请重新启动 Excel，功能区会出现“经销商助手”选项卡" -ForegroundColor Green
exit 0
"""

UNINSTALL = r"""# dealer_xl 卸载（由 dealer-xl bundle 生成）。保留配置（%APPDATA%\dealer_xl）、所有台账和 Python。请先关闭 Excel。
@COMMON@
Assert-NothingRunning
if (Test-Path -LiteralPath "$VenvPy") { Invoke-Native "$VenvPy" @("-m", "dealer_xl", "scheduler", "uninstall") | Out-Null }
$Xlstart = Join-Path "$env:APPDATA" "Microsoft\Excel\XLSTART\dealer_xl.xlam"
if (Test-Path -LiteralPath "$Xlstart") {
    try { Remove-Item -LiteralPath "$Xlstart" -Force }
    catch { Stop-WithMessage "无法删除 $Xlstart：请关闭所有 Excel 窗口后重新运行卸载" }
}
$Desktop = [Environment]::GetFolderPath("Desktop")
Get-ChildItem -LiteralPath "$Desktop" -Filter "@PREFIX@*.lnk" | Remove-Item -Force
if (Test-Path -LiteralPath "$App") {
    $Removing = "$App.removing"
    if (Test-Path -LiteralPath "$Removing") { Remove-Item -LiteralPath "$Removing" -Recurse -Force }  # an earlier run's
    try { Rename-Item -LiteralPath "$App" -NewName (Split-Path -Leaf "$Removing") }
    catch { Stop-WithMessage "$App 中有文件被占用，什么都没有删：请重启电脑后重新运行卸载（$($_.Exception.Message)）" }
    Remove-Item -LiteralPath "$Removing" -Recurse -Force
}
Write-Host "✓ 已卸载 dealer_xl（配置、台账和 Python 未动；Python 可在 设置 → 应用 中卸载）" -ForegroundColor Green
exit 0
"""


def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def _fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace(f"@{key}@", value)
    return BOM + _crlf(template)


def install_ps1(version: str, python: str, shortcuts: list[tuple[str, str, str]], task: str, prefix: str) -> str:
    """``install.ps1`` (see the module docstring); ``shortcuts`` are (.cmd file, label, description)."""
    items = ",\n".join(f'            @("{file}", "{label}", "{description}")' for file, label, description in shortcuts)
    common = COMMON.replace("@TASK@", task)
    return _fill(INSTALL, {"COMMON": common, "VERSION": version, "PYTHON": python, "SHORTCUTS": items,
                           "COUNT": str(len(shortcuts)), "PREFIX": prefix})


def uninstall_ps1(task: str, prefix: str) -> str:
    """``uninstall.ps1`` (see the module docstring)."""
    return _fill(UNINSTALL, {"COMMON": COMMON.replace("@TASK@", task), "PREFIX": prefix})
