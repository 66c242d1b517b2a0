<#
.SYNOPSIS
    Builds, tests, checks the help of, or demonstrates the CodeCatalyst module.

.DESCRIPTION
    A thin wrapper over the dotnet CLI so that the usual tasks are one command away.

    Build  dotnet build CodeCatalyst.sln. The build lays out out/CodeCatalyst/, including the MAML help
           (en-US/CodeCatalyst.dll-Help.xml) and about_CodeCatalyst.help.txt made from docs/ by
           tools/CodeCatalyst.HelpBuilder.
    Test   dotnet test CodeCatalyst.sln, then the Pester tests in tests/*.Tests.ps1 when Pester 5 or later
           is installed.
    Docs   When platyPS is installed, runs its New-ExternalHelp over docs/ and compares the result with the
           MAML our build produced (a normalised XML comparison). Any difference fails the task. Without
           platyPS the check is skipped.
    Demo   Starts the local CodeCatalyst emulator in the background, runs examples/Invoke-DemoRunbook.ps1
           against it and stops the emulator again.

.PARAMETER Task
    One or more of Build, Test, Docs, Demo, run in the order given. Defaults to Build.

.PARAMETER Configuration
    The dotnet build configuration. Defaults to Debug.

.EXAMPLE
    ./build.ps1

    Builds the solution and lays out the module in out/CodeCatalyst.

.EXAMPLE
    ./build.ps1 -Task Build, Test, Docs -Configuration Release

    Builds in Release, runs all tests and checks the help against platyPS.

.EXAMPLE
    ./build.ps1 -Task Demo

    Runs the demo runbook against the emulator on http://127.0.0.1:5080.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Demo')]
    [string[]] $Task = 'Build',

    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$RepoRoot = $PSScriptRoot
$Solution = Join-Path $RepoRoot 'CodeCatalyst.sln'
$ModuleOut = Join-Path $RepoRoot 'out/CodeCatalyst'
$HelpFileName = 'CodeCatalyst.dll-Help.xml'
$EmulatorProject = Join-Path $RepoRoot 'src/CodeCatalyst.Emulator'
$DemoUrl = 'http://127.0.0.1:5080'

function Invoke-Dotnet {
    # Runs dotnet and turns a non-zero exit code into a terminating error.
    & dotnet @args
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE."
    }
}

function Invoke-BuildTask {
    Invoke-Dotnet build $Solution -c $Configuration
}

function Invoke-TestTask {
    Invoke-Dotnet test $Solution -c $Configuration

    $pester = Get-Module -ListAvailable Pester |
        Where-Object { $_.Version -ge [version]'5.0.0' } |
        Sort-Object Version -Descending |
        Select-Object -First 1
    if (-not $pester) {
        Write-Host 'Pester 5 or later is not installed; skipping tests/*.Tests.ps1.'
        return
    }

    Import-Module $pester -Force
    $configuration = New-PesterConfiguration
    $configuration.Run.Path = @(Get-ChildItem (Join-Path $RepoRoot 'tests') -Filter '*.Tests.ps1' | ForEach-Object FullName)
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = 'Detailed'
    $result = Invoke-Pester -Configuration $configuration
    if ($result.FailedCount -gt 0) {
        throw "$($result.FailedCount) Pester test(s) failed."
    }
}

function ConvertTo-NormalizedXml {
    # Flattens an XML document into one line per element: its path, its attributes sorted by name and its
    # text with runs of whitespace collapsed, so that formatting and line endings do not count as differences.
    param([Parameter(Mandatory)] [string] $Path)

    $document = [xml]::new()
    $document.PreserveWhitespace = $false
    $document.Load($Path)

    $lines = [System.Collections.Generic.List[string]]::new()
    $walk = {
        param([System.Xml.XmlElement] $Element, [string] $Parent)
        $here = "$Parent/$($Element.LocalName)"
        $attributes = @($Element.Attributes |
            Where-Object { $_.Prefix -ne 'xmlns' -and $_.LocalName -ne 'xmlns' } |
            Sort-Object LocalName |
            ForEach-Object { "$($_.LocalName)=$($_.Value)" }) -join ' '
        $text = (@($Element.ChildNodes |
            Where-Object { $_.NodeType -in 'Text', 'CDATA' } |
            ForEach-Object Value) -join '') -replace '\s+', ' '
        $lines.Add("$here [$attributes] $($text.Trim())")
        foreach ($child in $Element.ChildNodes) {
            if ($child -is [System.Xml.XmlElement]) {
                & $walk $child $here
            }
        }
    }
    & $walk $document.DocumentElement ''
    return $lines
}

function Invoke-DocsTask {
    $platyPS = Get-Module -ListAvailable platyPS | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $platyPS) {
        Write-Host 'platyPS is not installed; skipping the comparison with New-ExternalHelp.'
        return
    }

    $ours = Join-Path $ModuleOut "en-US/$HelpFileName"
    if (-not (Test-Path $ours)) {
        throw "$ours does not exist; run ./build.ps1 -Task Build first."
    }

    $temp = Join-Path ([System.IO.Path]::GetTempPath()) "cc-platyps-$([guid]::NewGuid().ToString('N'))"
    try {
        Import-Module $platyPS -Force
        New-ExternalHelp -Path (Join-Path $RepoRoot 'docs') -OutputPath $temp -Force | Out-Null
        $theirs = Join-Path $temp $HelpFileName
        if (-not (Test-Path $theirs)) {
            throw "New-ExternalHelp did not write $HelpFileName to $temp."
        }

        $differences = Compare-Object -ReferenceObject (ConvertTo-NormalizedXml $theirs) -DifferenceObject (ConvertTo-NormalizedXml $ours)
        if ($differences) {
            $differences | ForEach-Object {
                $side = if ($_.SideIndicator -eq '<=') { 'platyPS only' } else { 'ours only   ' }
                Write-Host "$side $($_.InputObject)"
            }
            throw "The MAML from New-ExternalHelp and ours differ in $(@($differences).Count) line(s)."
        }

        Write-Host "Docs: our $HelpFileName matches platyPS $($platyPS.Version)."
    }
    finally {
        Remove-Item $temp -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Wait-HttpEndpoint {
    # Waits until something answers HTTP at the URL (any status code counts) or the process has exited.
    param([string] $Url, [System.Diagnostics.Process] $Process, [int] $TimeoutSec = 120)

    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($Process.HasExited) {
            throw "The emulator exited with code $($Process.ExitCode) before it was ready."
        }
        try {
            Invoke-WebRequest -Uri $Url -SkipHttpErrorCheck -TimeoutSec 2 | Out-Null
            return
        }
        catch {
            Start-Sleep -Milliseconds 500
        }
    }
    throw "The emulator did not answer at $Url within $TimeoutSec seconds."
}

function Invoke-DemoTask {
    $emulator = Start-Process -FilePath 'dotnet' -PassThru -NoNewWindow -ArgumentList @(
        'run', '--project', $EmulatorProject, '-c', $Configuration, '--', '--urls', $DemoUrl)
    try {
        Wait-HttpEndpoint -Url $DemoUrl -Process $emulator
        & (Join-Path $RepoRoot 'examples/Invoke-DemoRunbook.ps1') -EndpointUrl $DemoUrl
    }
    finally {
        if (-not $emulator.HasExited) {
            # dotnet run starts the emulator as a child process; stop both.
            $emulator.Kill($true)
            $emulator.WaitForExit()
        }
    }
}

foreach ($name in $Task) {
    Write-Host "==> $name" -ForegroundColor Cyan
    switch ($name) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Docs' { Invoke-DocsTask }
        'Demo' { Invoke-DemoTask }
    }
}
