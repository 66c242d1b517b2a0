#Requires -Version 7.4
<#
    What users install, the way they install it: ./build.ps1 -Task Package, then the .nupkg published to a
    PSResourceGet repository and installed by name, and the zip Azure Automation imports. Each install is used by a
    fresh pwsh that finds the module by name only. Also the manifest's gallery data. Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/Package.Tests.ps1
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $RepoRoot 'tools/ModulePackage.ps1')

    $script:ModuleFolder = Split-Path -Parent $ModuleManifest
    $script:Manifest = Import-PowerShellDataFile -LiteralPath $ModuleManifest
    $script:Version = $Manifest.ModuleVersion

    function Invoke-FreshShell {
        <#
            Runs the pwsh running these tests as a new process, with -NoProfile and the given arguments, and
            returns its exit code and output. The environment is this process's with -Environment applied ($null
            removes a variable), set on the child only, so nothing here changes.
        #>
        param(
            [Parameter(Mandatory)] [string[]] $ArgumentList,
            [hashtable] $Environment = @{},
            [int] $TimeoutSec = 300
        )

        $shell = [Environment]::ProcessPath
        $startInfo = [Diagnostics.ProcessStartInfo]::new($shell)
        if ([IO.Path]::GetFileNameWithoutExtension($shell) -eq 'dotnet') {
            # Under `dotnet pwsh` the process is dotnet; the shell is the pwsh.dll beside $PSHOME.
            $startInfo.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll'))
        }
        foreach ($argument in @('-NoProfile', '-NonInteractive') + $ArgumentList) { $startInfo.ArgumentList.Add($argument) }
        $startInfo.UseShellExecute = $false
        # Anything a child writes relative to its working folder lands in the test drive, never in the clone.
        $startInfo.WorkingDirectory = $TestDrive
        $startInfo.RedirectStandardOutput = $true
        $startInfo.RedirectStandardError = $true
        foreach ($name in $Environment.Keys) {
            if ($null -eq $Environment[$name]) { $null = $startInfo.Environment.Remove($name) }
            else { $startInfo.Environment[$name] = [string]$Environment[$name] }
        }

        $process = [Diagnostics.Process]::Start($startInfo)
        try {
            $standardOutput = $process.StandardOutput.ReadToEndAsync()
            $standardError = $process.StandardError.ReadToEndAsync()
            if (-not $process.WaitForExit($TimeoutSec * 1000)) {
                $process.Kill($true)
                throw "The child pwsh did not finish within $TimeoutSec seconds: $($ArgumentList -join ' ')"
            }
            $process.WaitForExit()
            return [pscustomobject]@{
                ExitCode = $process.ExitCode
                Output = $standardOutput.Result
                Text = "exit code $($process.ExitCode)`n$($standardOutput.Result)`n$($standardError.Result)"
            }
        }
        finally {
            $process.Dispose()
        }
    }

    function Get-OutputValue {
        # The value of the first "name: value" line a child wrote.
        param([string] $Output, [string] $Name)
        foreach ($line in $Output -split "`r?`n") {
            if ($line.StartsWith("${Name}: ")) { return $line.Substring($Name.Length + 2) }
        }
        return $null
    }

    function Get-ZipEntryName {
        # The file entries of a zip (folders left out), with '/' between names.
        param([string] $Path)
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Path)
        try { @($zip.Entries | Where-Object { $_.Name } | ForEach-Object FullName) }
        finally { $zip.Dispose() }
    }

    # Every file of the built module folder, relative, with '/': what each package must hold.
    $script:ModuleFiles = @(Get-ChildItem -LiteralPath $ModuleFolder -File -Recurse |
            ForEach-Object { [IO.Path]::GetRelativePath($ModuleFolder, $_.FullName) -replace '\\', '/' } | Sort-Object)

    function New-SandboxEnvironment {
        <#
            The environment for a child: a HOME (and XDG folders) of its own under the test drive, so that
            PSResourceGet's repository list and CurrentUser scope, and the user module path PowerShell adds at
            start-up, are empty folders of this test; and no AWS setting from this machine.
        #>
        param([Parameter(Mandatory)] [string] $Name)

        $sandboxHome = Join-Path $TestDrive $Name
        # The folders must exist: .NET answers "" for a special folder that does not, and PSResourceGet and
        # NuGet would then write their settings relative to the working folder.
        $dataHome, $configHome, $cacheHome = foreach ($folder in '.local/share', '.config', '.cache') {
            (New-Item -ItemType Directory -Path (Join-Path $sandboxHome $folder) -Force).FullName
        }
        return @{
            HOME = $sandboxHome
            XDG_DATA_HOME = $dataHome
            XDG_CONFIG_HOME = $configHome
            XDG_CACHE_HOME = $cacheHome
            PSModulePath = Join-Path $PSHOME 'Modules'
            AWS_BEARER_TOKEN_CODECATALYST = $null
            AWS_ENDPOINT_URL_CODECATALYST = $null
            AWS_ENDPOINT_URL = $null
            AWS_PROFILE = $null
            AWS_DEFAULT_PROFILE = $null
            AWS_CONFIG_FILE = $null
        }
    }

    # The task under test, as a user runs it, in the configuration the rest of the stories use (so the build
    # step finds everything up to date and leaves the module folder as it is).
    Push-Location $RepoRoot
    try {
        $script:PackageTaskOutput = (& dotnet pwsh -NoProfile -NonInteractive -File ./build.ps1 -Task Package -Configuration (Get-BuildConfiguration) 2>&1 |
                ForEach-Object { "$_" }) -join "`n"
        $script:PackageTaskExitCode = $LASTEXITCODE
    }
    finally {
        Pop-Location
    }
    $script:NupkgPath = Join-Path $RepoRoot "out/CodeCatalyst.$Version.nupkg"
    $script:ZipPath = Join-Path $RepoRoot 'out/CodeCatalyst.zip'

    $script:Token = [guid]::NewGuid().ToString('N')
    $script:Emulator = $null
    $script:Emulator = Start-EmulatorProcess -RepoRoot $RepoRoot -Configuration (Get-BuildConfiguration) -Token $Token
}

AfterAll {
    Stop-EmulatorProcess $script:Emulator
}

Describe 'The manifest' {
    It 'passes Test-ModuleManifest and carries what a gallery page shows' {
        $module = Test-ModuleManifest -Path $ModuleManifest -ErrorAction Stop

        $module.Name | Should -Be 'CodeCatalyst'
        $module.Version | Should -Be ([version]$Version)
        $module.Description | Should -Match 'CodeCatalyst'
        $module.Description | Should -Match 'Amplify'
        @($module.CompatiblePSEditions) | Should -Be @('Desktop', 'Core')
        $module.Tags | Should -Not -BeNullOrEmpty
        foreach ($tag in $module.Tags) { $tag | Should -Not -Match '\s' -Because 'a gallery splits tags on spaces' }
        $module.Tags | Should -Contain 'Amplify'
        $module.ProjectUri.Scheme | Should -Be 'https'
        $module.LicenseUri.Scheme | Should -Be 'https'
        $module.LicenseUri.AbsolutePath | Should -BeLike "$($module.ProjectUri.AbsolutePath)/*/LICENSE"
        Get-Content -LiteralPath (Join-Path $RepoRoot 'LICENSE') -TotalCount 1 | Should -Be 'MIT License'
        $module.Copyright | Should -Match 'MIT'
        $module.ReleaseNotes | Should -Not -BeNullOrEmpty
    }

    It 'lists exactly the format and type files the module folder holds' {
        $formats = @(Get-ChildItem -LiteralPath $ModuleFolder -Filter '*.format.ps1xml' -Recurse | ForEach-Object Name | Sort-Object)
        $types = @(Get-ChildItem -LiteralPath $ModuleFolder -Filter '*.types.ps1xml' -Recurse | ForEach-Object Name | Sort-Object)

        $formats | Should -Not -BeNullOrEmpty
        @($Manifest.FormatsToProcess | Sort-Object) | Should -Be $formats
        @($Manifest.TypesToProcess | Sort-Object) | Should -Be $types
        $Manifest.CmdletsToExport | Should -Not -Contain '*'
        @($Manifest.FunctionsToExport) | Should -BeNullOrEmpty
        @($Manifest.AliasesToExport) | Should -BeNullOrEmpty
    }

    It 'has release notes that are the CHANGELOG.md section of its version' {
        $section = Get-ChangelogSection -Path (Join-Path $RepoRoot 'CHANGELOG.md') -Version $Version

        $section | Should -Not -BeNullOrEmpty -Because "CHANGELOG.md needs a '## [$Version]' section"
        ($Manifest.PrivateData.PSData.ReleaseNotes -replace "`r`n", "`n").Trim() | Should -BeExactly $section
        Get-Content -LiteralPath (Join-Path $RepoRoot 'CHANGELOG.md') | Should -Contain '## [Unreleased]'
    }

    It 'gives its version to the assembly: assembly, file and product version' {
        $assembly = Join-Path $ModuleFolder 'CodeCatalyst.dll'
        $versionInfo = [Diagnostics.FileVersionInfo]::GetVersionInfo($assembly)

        [Reflection.AssemblyName]::GetAssemblyName($assembly).Version.ToString(3) | Should -Be $Version
        $versionInfo.FileVersion | Should -BeLike "$Version*"
        $versionInfo.ProductVersion | Should -BeLike "$Version*"
    }
}

Describe 'build.ps1 -Task Package' {
    It 'writes the versioned .nupkg PSResourceGet makes, holding the whole module folder' {
        $PackageTaskExitCode | Should -Be 0 -Because $PackageTaskOutput
        $NupkgPath | Should -Exist

        $entries = Get-ZipEntryName -Path $NupkgPath
        # Beside the module's files a nupkg holds only NuGet's own parts.
        $moduleEntries = @($entries | Where-Object { $_ -notmatch '^(_rels/|package/|\[Content_Types\]\.xml$|CodeCatalyst\.nuspec$)' } |
                ForEach-Object { [Uri]::UnescapeDataString($_) } | Sort-Object)
        $moduleEntries | Should -Be $ModuleFiles

        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($NupkgPath)
        try {
            $reader = [IO.StreamReader]::new($zip.GetEntry('CodeCatalyst.nuspec').Open())
            $nuspec = [xml]$reader.ReadToEnd()
            $reader.Dispose()
        }
        finally {
            $zip.Dispose()
        }
        $metadata = $nuspec.package.metadata
        $metadata.id | Should -Be 'CodeCatalyst'
        $metadata.version | Should -Be $Version
        $metadata.projectUrl | Should -Be $Manifest.PrivateData.PSData.ProjectUri
        $metadata.tags -split ' ' | Should -Contain 'PSModule'
        $metadata.tags -split ' ' | Should -Contain 'Amplify'
    }

    It 'installs by name from a PSResourceGet repository; a fresh pwsh runs a #Requires -Modules runbook against the emulator' {
        $environment = New-SandboxEnvironment -Name 'install-home'
        $gallery = Join-Path $TestDrive 'gallery'
        $null = New-Item -ItemType Directory -Path $gallery -Force
        $repositoryName = 'CodeCatalystPackageTest' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        # Install-PSResource has no -Path: -Scope CurrentUser installs under $HOME/.local/share/powershell/Modules
        # on Linux and macOS, which the child's own HOME makes a folder of this test. On Windows that folder is
        # under Documents, which the environment cannot move, so there Save-PSResource -Path (the documented
        # "install into a folder") stands in.
        $installRoot = if ($IsWindows) { Join-Path $environment.HOME 'Modules' } else { Join-Path $environment.HOME '.local/share/powershell/Modules' }
        $installScript = Join-Path $TestDrive 'Install-FromGallery.ps1'
        Set-Content -LiteralPath $installScript -Value @'
param([string] $RepositoryName, [string] $Gallery, [string] $NupkgPath, [string] $InstallRoot)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name $RepositoryName -Uri $Gallery -Trusted
try {
    Publish-PSResource -NupkgPath $NupkgPath -Repository $RepositoryName
    if ($IsWindows) {
        Save-PSResource -Name CodeCatalyst -Repository $RepositoryName -Path $InstallRoot -TrustRepository
    }
    else {
        Install-PSResource -Name CodeCatalyst -Repository $RepositoryName -Scope CurrentUser -TrustRepository
    }
    "installed: $((Get-InstalledPSResource -Name CodeCatalyst -Path $InstallRoot).Version)"
}
finally {
    Unregister-PSResourceRepository -Name $RepositoryName
    "still registered: $([bool](Get-PSResourceRepository -Name $RepositoryName -ErrorAction SilentlyContinue))"
}
'@
        $install = Invoke-FreshShell -Environment $environment -ArgumentList @(
            '-File', $installScript, '-RepositoryName', $repositoryName, '-Gallery', $gallery, '-NupkgPath', $NupkgPath, '-InstallRoot', $installRoot)

        $install.ExitCode | Should -Be 0 -Because $install.Text
        Get-OutputValue $install.Output 'installed' | Should -Be $Version -Because $install.Text
        Get-OutputValue $install.Output 'still registered' | Should -Be 'False' -Because 'the test repository is unregistered afterwards'
        # It was registered in the child's own repository list, not the one of the user running the tests.
        Join-Path $environment.XDG_DATA_HOME 'PSResourceGet/PSResourceRepository.xml' | Should -Exist
        Join-Path $gallery "CodeCatalyst.$Version.nupkg" | Should -Exist
        Join-Path $installRoot "CodeCatalyst/$Version/CodeCatalyst.psd1" | Should -Exist

        # The runbook a user schedules: the module by name through #Requires, the token and endpoint from the
        # environment as a CI agent sets them.
        $runbook = Join-Path $TestDrive 'Start-BuildRunbook.ps1'
        Set-Content -LiteralPath $runbook -Value @'
#Requires -Modules CodeCatalyst
param([string] $WorkflowName = 'build')
$ErrorActionPreference = 'Stop'

$module = Get-Module CodeCatalyst
"module base: $($module.ModuleBase)"
"module version: $($module.Version)"
"modules found: $(@(Get-Module -ListAvailable CodeCatalyst).Count)"
"cmdlets: $(@((Get-Command -Module CodeCatalyst).Name | Sort-Object) -join ',')"

Connect-CCAccount -SpaceName ExampleCorp -ProjectName MyDemoProject | Out-Null
$workflow = Get-CCWorkflow | Where-Object Name -eq $WorkflowName
if (-not $workflow) { throw "No workflow named $WorkflowName." }
$run = $workflow | Start-CCWorkflowRun -Wait -TimeoutSec 120 -PollIntervalSec 1
"run status: $($run.Status)"
'@
        $runbookEnvironment = $environment.Clone()
        # Only the install folder and PowerShell's own modules: not the build output, not this session's path.
        $runbookEnvironment.PSModulePath = $installRoot + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
        $runbookEnvironment.AWS_BEARER_TOKEN_CODECATALYST = $Token
        $runbookEnvironment.AWS_ENDPOINT_URL_CODECATALYST = $Emulator.Url
        $result = Invoke-FreshShell -Environment $runbookEnvironment -ArgumentList @('-File', $runbook)

        $result.ExitCode | Should -Be 0 -Because $result.Text
        Get-OutputValue $result.Output 'module base' | Should -Be (Join-Path $installRoot "CodeCatalyst/$Version") -Because $result.Text
        Get-OutputValue $result.Output 'module version' | Should -Be $Version
        Get-OutputValue $result.Output 'modules found' | Should -Be '1'
        Get-OutputValue $result.Output 'cmdlets' | Should -Be (@($Manifest.CmdletsToExport | Sort-Object) -join ',')
        Get-OutputValue $result.Output 'run status' | Should -Be 'SUCCEEDED' -Because $result.Text
        $result.Text | Should -Not -Match $Token -Because 'the token never shows'
        @(Get-EmulatorRequest -Emulator $Emulator -Operation 'StartWorkflowRun') | Should -HaveCount 1
    }

    It 'writes CodeCatalyst.zip for Azure Automation: the module folder at its root, importable by name once expanded' {
        $PackageTaskExitCode | Should -Be 0 -Because $PackageTaskOutput
        $ZipPath | Should -Exist

        # Azure Automation wants the zip, the folder in it and the manifest to share the module's name, with no
        # version folder between them.
        $entries = @(Get-ZipEntryName -Path $ZipPath)
        $entries | Should -Contain 'CodeCatalyst/CodeCatalyst.psd1'
        @($entries | Where-Object { -not $_.StartsWith('CodeCatalyst/') }) | Should -BeNullOrEmpty
        @($entries | ForEach-Object { $_.Substring('CodeCatalyst/'.Length) } | Sort-Object) | Should -Be $ModuleFiles

        $expanded = Join-Path $TestDrive 'automation-modules'
        Expand-Archive -LiteralPath $ZipPath -DestinationPath $expanded
        Test-ModuleManifest -Path (Join-Path $expanded 'CodeCatalyst/CodeCatalyst.psd1') -ErrorAction Stop |
            ForEach-Object Version | Should -Be ([version]$Version)

        $zipEnvironment = New-SandboxEnvironment -Name 'automation-home'
        $zipEnvironment.PSModulePath = $expanded + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
        $zipEnvironment.AWS_BEARER_TOKEN_CODECATALYST = $Token
        $zipEnvironment.AWS_ENDPOINT_URL_CODECATALYST = $Emulator.Url
        $result = Invoke-FreshShell -Environment $zipEnvironment -ArgumentList @('-Command', @'
$ErrorActionPreference = 'Stop'
Import-Module CodeCatalyst
"module base: $((Get-Module CodeCatalyst).ModuleBase)"
"workflows: $(@(Get-CCWorkflow -SpaceName ExampleCorp -ProjectName MyDemoProject).Count)"
'@)

        $result.ExitCode | Should -Be 0 -Because $result.Text
        Get-OutputValue $result.Output 'module base' | Should -Be (Join-Path $expanded 'CodeCatalyst')
        [int](Get-OutputValue $result.Output 'workflows') | Should -BeGreaterThan 0 -Because $result.Text
    }
}
