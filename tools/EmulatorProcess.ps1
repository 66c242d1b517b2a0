<#
    Starts and stops the built CodeCatalyst emulator as a child process. Dot-sourced by build.ps1 (Demo task)
    and tests/TestHelpers.ps1 (Pester stories).

    The emulator runs from its build output with `dotnet <dll>`, not `dotnet run`, so that starting it never
    rebuilds anything. It listens on port 0 and prints the address it got, so two runs never race for a port.
#>

function Get-EmulatorAssemblyPath {
    # The emulator built by `dotnet build CodeCatalyst.sln -c <Configuration>`.
    param(
        [Parameter(Mandatory)] [string] $RepoRoot,
        [string] $Configuration = 'Debug'
    )

    $path = [IO.Path]::Combine($RepoRoot, 'src', 'CodeCatalyst.Emulator', 'bin', $Configuration, 'net10.0', 'CodeCatalyst.Emulator.dll')
    if (-not (Test-Path -LiteralPath $path)) {
        throw "The emulator is not built: $path is missing. Run ./build.ps1 -Task Build -Configuration $Configuration first."
    }
    return $path
}

function Start-EmulatorProcess {
    <#
        Starts the emulator on a free loopback port and returns once it answers HTTP. The result has Url (no
        trailing slash), Process and LogPath (the emulator's console output). Stop it with Stop-EmulatorProcess.
        -Token makes the emulator accept only that bearer token; -ContainerAuthorizationToken makes its container
        credentials endpoint require that Authorization header.
    #>
    param(
        [Parameter(Mandatory)] [string] $RepoRoot,
        [string] $Configuration = 'Debug',
        [string] $Token,
        [string] $ContainerAuthorizationToken,
        [double] $RunSpeed = 0,
        [int] $TimeoutSec = 60
    )

    $assembly = Get-EmulatorAssemblyPath -RepoRoot $RepoRoot -Configuration $Configuration
    $logPath = Join-Path ([IO.Path]::GetTempPath()) "cc-emulator-$([guid]::NewGuid().ToString('N')).log"
    $arguments = @($assembly, '--urls', 'http://127.0.0.1:0')
    if ($Token) { $arguments += '--token', $Token }
    if ($ContainerAuthorizationToken) { $arguments += '--container-authorization-token', $ContainerAuthorizationToken }
    if ($RunSpeed -gt 0) { $arguments += '--run-speed', $RunSpeed.ToString([cultureinfo]::InvariantCulture) }

    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru -NoNewWindow `
        -RedirectStandardOutput $logPath -RedirectStandardError "$logPath.err"
    $emulator = [pscustomobject]@{ Url = $null; Process = $process; LogPath = $logPath }
    try {
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
        while (-not $emulator.Url) {
            if ($process.HasExited) {
                $errors = Get-Content -LiteralPath "$logPath.err" -Raw -ErrorAction SilentlyContinue
                throw "The emulator exited with code $($process.ExitCode) during start-up. $errors"
            }
            if ([DateTime]::UtcNow -ge $deadline) {
                throw "The emulator did not say where it listens within $TimeoutSec seconds (see $logPath)."
            }
            $line = Get-Content -LiteralPath $logPath -ErrorAction SilentlyContinue |
                Where-Object { $_ -match 'listening on (http://\S+)' } |
                Select-Object -First 1
            if ($line -and $line -match 'listening on (http://\S+)') {
                $emulator.Url = $Matches[1].TrimEnd('/')
            }
            else {
                Start-Sleep -Milliseconds 100
            }
        }
        return $emulator
    }
    catch {
        Stop-EmulatorProcess $emulator
        throw
    }
}

function Stop-EmulatorProcess {
    param([Parameter(Mandatory)] [AllowNull()] $Emulator)

    if (-not $Emulator) { return }
    if (-not $Emulator.Process.HasExited) {
        $Emulator.Process.Kill($true)
        $Emulator.Process.WaitForExit()
    }
    Remove-Item -LiteralPath $Emulator.LogPath, "$($Emulator.LogPath).err" -ErrorAction SilentlyContinue
}
