<#
.SYNOPSIS
    Builds, tests, checks the help of, demonstrates or packages the CodeCatalyst module.

.DESCRIPTION
    A thin wrapper over the dotnet CLI so that the usual tasks are one command away. Run it in the pinned
    PowerShell: `dotnet tool restore` once, then `dotnet pwsh ./build.ps1 ...`. Only the .NET SDK is needed;
    Pester comes from NuGet with the solution's restore (tools/CodeCatalyst.PesterRestore).

    Build   dotnet build CodeCatalyst.sln. The build lays out out/CodeCatalyst/, including the MAML help
            (en-US/CodeCatalyst.dll-Help.xml) and about_CodeCatalyst.help.txt made from docs/ by
            tools/CodeCatalyst.HelpBuilder.
    Test    Everything: dotnet test CodeCatalyst.sln (the xunit suites), then the Pester stories. Ends with one
            line "N passed, N failed, N skipped" summed over both, and exits with 1 when anything failed.
    Pester  Only the Pester stories in tests/*.Tests.ps1, in this PowerShell, against what Build laid out. They
            include the demo runbook and Get-Help -Full of every cmdlet. Ends with the same closing line.
    Docs    When platyPS is installed, runs its New-ExternalHelp over docs/ and compares the result with the
            MAML and about topic our build produced (tools/Compare-Help.ps1): element by element in order, so
            reordered examples or parameters count as differences. Without platyPS the check is skipped.
    Demo    Starts the built emulator on a free loopback port, runs examples/Invoke-DemoRunbook.ps1 against it
            with a token made for that emulator, and stops the emulator. Needs no AWS token or profile.
    Package Builds the module in Release (unless -Configuration says otherwise) and writes what users install
            into out/: CodeCatalyst.<version>.nupkg, packed by PSResourceGet's Compress-PSResource as
            Publish-PSResource packs for a gallery, and CodeCatalyst.zip for Azure Automation's module import
            (the CodeCatalyst folder at its root). The version is the manifest's ModuleVersion; the task stops
            when CHANGELOG.md has no section for it or the manifest's ReleaseNotes differ from that section.

.PARAMETER Task
    One or more of Build, Test, Pester, Docs, Demo, Package, run in the order given. Defaults to Build.

.PARAMETER Configuration
    The dotnet build configuration. Defaults to Debug, and to Release for Package.

.PARAMETER PesterPath
    For Test and Pester: the story files or folders to run. Defaults to every tests/*.Tests.ps1.

.EXAMPLE
    dotnet tool restore; dotnet pwsh ./build.ps1 -Task Build, Demo

    Builds the module and runs the demo runbook against the local emulator: the first thing to try.

.EXAMPLE
    dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Test

    Runs every test: the xunit suites and the Pester stories. CI runs exactly this.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/Pipeline.Tests.ps1

    Runs one file of Pester stories against the module built before.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Build, Docs -Configuration Release

    Builds in Release and checks the help against platyPS.

.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Package

    Builds the module in Release and writes out/CodeCatalyst.<version>.nupkg and out/CodeCatalyst.zip.
#>
#Requires -Version 7.4
[CmdletBinding(PositionalBinding = $false)]
param(
    [ArgumentCompletions('Build', 'Test', 'Pester', 'Docs', 'Demo', 'Package')]
    [string[]] $Task = 'Build',

    [string] $Configuration = 'Debug',

    [string[]] $PesterPath,

    # From bash, `dotnet pwsh ./build.ps1 -Task Build, Demo` arrives as "-Task" "Build," "Demo": the tasks after
    # the first land here.
    [Parameter(ValueFromRemainingArguments, DontShow)]
    [string[]] $MoreTasks
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# pwsh -File passes "Build,Demo" as one string; take commas as separators wherever they come.
$KnownTasks = 'Build', 'Test', 'Pester', 'Docs', 'Demo', 'Package'
$Task = @(@($Task) + @($MoreTasks) | ForEach-Object { $_ -split ',' } | ForEach-Object Trim | Where-Object { $_ })
foreach ($name in $Task) {
    if ($name -notin $KnownTasks) {
        throw "Unknown task '$name'. The tasks are $($KnownTasks -join ', ')."
    }
}

# Package builds in Release unless -Configuration was given; the other tasks use the Debug default.
$ConfigurationGiven = $PSBoundParameters.ContainsKey('Configuration')
$RepoRoot = $PSScriptRoot
$Solution = Join-Path $RepoRoot 'CodeCatalyst.sln'
$ModuleOut = Join-Path $RepoRoot 'out/CodeCatalyst'
$HelpFileName = 'CodeCatalyst.dll-Help.xml'
# Keep in step with tools/CodeCatalyst.PesterRestore/CodeCatalyst.PesterRestore.csproj.
$PesterVersion = '5.7.1'

. (Join-Path $RepoRoot 'tools/EmulatorProcess.ps1')
. (Join-Path $RepoRoot 'tools/Compare-Help.ps1')
. (Join-Path $RepoRoot 'tools/ModulePackage.ps1')

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

function Get-TrxCount {
    # Sums the result counters of the TRX files dotnet test wrote (one per test assembly).
    param([string] $Directory)

    $count = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($file in Get-ChildItem -LiteralPath $Directory -Filter '*.trx' -Recurse -ErrorAction SilentlyContinue) {
        $counters = ([xml](Get-Content -LiteralPath $file.FullName -Raw)).TestRun.ResultSummary.Counters
        $counter = { param($Name) [int]('0' + $counters.GetAttribute($Name)) }
        $count.Passed += & $counter 'passed'
        $count.Failed += (& $counter 'failed') + (& $counter 'error') + (& $counter 'timeout') + (& $counter 'aborted')
        $count.Skipped += & $counter 'notExecuted'
    }
    return $count
}

function Import-RestoredPester {
    # Pester comes from the NuGet global packages folder, where restoring the solution put it; never from a
    # module path, so every machine runs the same version.
    $globalPackages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $manifest = [IO.Path]::Combine($globalPackages.Trim(), 'pester', $PesterVersion, 'tools', 'Pester.psd1')
    if (-not (Test-Path -LiteralPath $manifest)) {
        Invoke-Dotnet restore (Join-Path $RepoRoot 'tools/CodeCatalyst.PesterRestore')
    }
    if (-not (Test-Path -LiteralPath $manifest)) {
        throw "Pester $PesterVersion is not in the NuGet global packages folder ($manifest); dotnet restore did not bring it."
    }
    Get-Module Pester | Where-Object { $_.Version -ne [version]$PesterVersion } | Remove-Module -Force
    Import-Module $manifest -Force
}

function Invoke-PesterStory {
    # Runs the Pester stories in this PowerShell and returns their counts.
    if (-not (Test-Path -LiteralPath (Join-Path $ModuleOut 'CodeCatalyst.psd1'))) {
        throw "$ModuleOut is not built; run ./build.ps1 -Task Build first."
    }
    Import-RestoredPester

    # pwsh -File passes "a,b" as one string.
    $paths = if ($PesterPath) { @($PesterPath -split ',' | Where-Object { $_ }) } else {
        @(Get-ChildItem (Join-Path $RepoRoot 'tests') -Filter '*.Tests.ps1' | ForEach-Object FullName)
    }
    $pesterConfiguration = New-PesterConfiguration
    $pesterConfiguration.Run.Path = $paths
    $pesterConfiguration.Run.PassThru = $true
    $pesterConfiguration.Output.Verbosity = 'Detailed'
    # The stories start the emulator and pick the module from this configuration's build output.
    $savedConfiguration = $env:CODECATALYST_BUILD_CONFIGURATION
    $env:CODECATALYST_BUILD_CONFIGURATION = $Configuration
    try {
        $result = Invoke-Pester -Configuration $pesterConfiguration
    }
    finally {
        $env:CODECATALYST_BUILD_CONFIGURATION = $savedConfiguration
    }

    if (-not $result) {
        throw 'Invoke-Pester returned no result; see the errors above.'
    }

    # A failed BeforeAll or a file that does not parse fails its block or container, not a test: count those too.
    return [pscustomobject]@{
        Passed = $result.PassedCount
        Failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
        Skipped = $result.SkippedCount + $result.NotRunCount
    }
}

function Complete-TestRun {
    # The one closing line for CI and people alike; any failure makes the script exit with 1.
    param([object[]] $Counts, [bool] $Failed)

    $passed = ($Counts | Measure-Object Passed -Sum).Sum
    $failedCount = ($Counts | Measure-Object Failed -Sum).Sum
    $skipped = ($Counts | Measure-Object Skipped -Sum).Sum
    Write-Host "$passed passed, $failedCount failed, $skipped skipped"
    if ($Failed -or $failedCount -gt 0) {
        exit 1
    }
}

function Invoke-TestTask {
    $results = Join-Path $RepoRoot "out/TestResults/$([DateTime]::UtcNow.ToString('yyyyMMddHHmmss'))"
    & dotnet test $Solution -c $Configuration --logger trx --results-directory $results
    $xunitExitCode = $LASTEXITCODE
    $xunit = Get-TrxCount -Directory $results
    if ($xunitExitCode -ne 0 -and $xunit.Failed -eq 0) {
        # dotnet test failed without a failed test (build error, crashed test host): still a failure.
        Write-Host "dotnet test failed with exit code $xunitExitCode." -ForegroundColor Red
    }

    $pester = Invoke-PesterStory
    Complete-TestRun -Counts $xunit, $pester -Failed ($xunitExitCode -ne 0)
}

function Invoke-PesterTask {
    Complete-TestRun -Counts (Invoke-PesterStory) -Failed $false
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

        $differences = @(Compare-MamlHelp -ReferencePath $theirs -DifferencePath $ours)
        foreach ($aboutPage in Get-ChildItem (Join-Path $RepoRoot 'docs') -Filter 'about_*.md') {
            $name = "$($aboutPage.BaseName).help.txt"
            $theirsAbout = Join-Path $temp $name
            if (-not (Test-Path $theirsAbout)) {
                throw "New-ExternalHelp did not write $name to $temp."
            }
            $differences += @(Compare-AboutTopic -ReferencePath $theirsAbout -DifferencePath (Join-Path $ModuleOut "en-US/$name"))
        }

        if ($differences) {
            $differences | ForEach-Object { Write-Host $_ }
            throw "The help from New-ExternalHelp and ours differ in $($differences.Count) place(s)."
        }

        Write-Host "Docs: our $HelpFileName and about topics match platyPS $($platyPS.Version), in order."
    }
    finally {
        Remove-Item $temp -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-DemoTask {
    # The emulator accepts only a token made for this run, and the runbook gets it with -Token: the demo needs
    # nothing from the reader's environment, and shows the runbook authenticating for real.
    $token = [guid]::NewGuid().ToString('N')
    $emulator = Start-EmulatorProcess -RepoRoot $RepoRoot -Configuration $Configuration -Token $token
    try {
        Write-Host "Emulator listening on $($emulator.Url)."
        $run = & (Join-Path $RepoRoot 'examples/Invoke-DemoRunbook.ps1') -EndpointUrl $emulator.Url `
            -Token (ConvertTo-SecureString $token -AsPlainText -Force) -PollIntervalSec 1
        $run | Out-Host
        Write-Host "Demo: run $($run.Id) of the build workflow ended $($run.Status)."
    }
    finally {
        Stop-EmulatorProcess $emulator
    }
}

function Invoke-PackageTask {
    # A package is a release artefact: Release unless the caller chose a configuration. Only the module's
    # project is built (with the help builder it needs), which lays out out/CodeCatalyst/ as every build does.
    $packageConfiguration = if ($ConfigurationGiven) { $Configuration } else { 'Release' }
    Assert-ReleaseNotesMatchChangelog -ManifestPath (Join-Path $RepoRoot 'CodeCatalyst.psd1') -ChangelogPath (Join-Path $RepoRoot 'CHANGELOG.md')
    Invoke-Dotnet build (Join-Path $RepoRoot 'src/CodeCatalyst/CodeCatalyst.csproj') -c $packageConfiguration

    $package = New-ModulePackage -ModuleFolder $ModuleOut -OutputFolder (Join-Path $RepoRoot 'out')
    Write-Host "Package: $($package.Name) $($package.Version) ($packageConfiguration build)"
    Write-Host "  $($package.NupkgPath)"
    Write-Host "  $($package.ZipPath)"
}

foreach ($name in $Task) {
    Write-Host "==> $name" -ForegroundColor Cyan
    switch ($name) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Pester' { Invoke-PesterTask }
        'Docs' { Invoke-DocsTask }
        'Demo' { Invoke-DemoTask }
        'Package' { Invoke-PackageTask }
    }
}
