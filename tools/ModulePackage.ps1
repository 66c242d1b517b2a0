<#
    Turns the built module folder into what users install: the .nupkg a PowerShell gallery takes, and the zip
    Azure Automation imports. Dot-sourced by build.ps1 (Package task) and tests/Package.Tests.ps1.

    The whole folder goes in as built, whatever it holds (assemblies in subfolders, help, format and type data):
    nothing here lists files by name.
#>

function Get-ChangelogSection {
    <#
        The text of one version's section of a Keep a Changelog file: the lines after its "## [x.y.z]" heading,
        up to the next "## " heading or the link definitions at the end, trimmed. $null when there is none.
    #>
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $Version
    )

    $lines = [IO.File]::ReadAllLines($Path)
    $heading = '^##\s+\[' + [regex]::Escape($Version) + '\]'
    $start = -1
    for ($index = 0; $index -lt $lines.Count; $index++) {
        if ($lines[$index] -match $heading) { $start = $index + 1; break }
    }
    if ($start -lt 0) { return $null }

    $section = [Collections.Generic.List[string]]::new()
    for ($index = $start; $index -lt $lines.Count; $index++) {
        if ($lines[$index] -match '^##\s' -or $lines[$index] -match '^\[[^\]]+\]:\s') { break }
        $section.Add($lines[$index])
    }
    return ($section -join "`n").Trim()
}

function Assert-ReleaseNotesMatchChangelog {
    <#
        Throws unless CHANGELOG.md has a section for the manifest's ModuleVersion and the manifest's ReleaseNotes
        are that section, word for word (line endings aside): a gallery page must not say something else than
        the changelog.
    #>
    param(
        [Parameter(Mandatory)] [string] $ManifestPath,
        [Parameter(Mandatory)] [string] $ChangelogPath
    )

    $manifest = Import-PowerShellDataFile -LiteralPath $ManifestPath
    $version = $manifest.ModuleVersion
    $section = Get-ChangelogSection -Path $ChangelogPath -Version $version
    if (-not $section) {
        throw "$ChangelogPath has no section '## [$version]' for the manifest's ModuleVersion $version. Add the release's entry first."
    }
    $releaseNotes = ([string]$manifest.PrivateData.PSData.ReleaseNotes -replace "`r`n", "`n").Trim()
    if ($releaseNotes -ne $section) {
        throw "The manifest's ReleaseNotes differ from the '## [$version]' section of $($ChangelogPath): copy the section into PrivateData.PSData.ReleaseNotes."
    }
}

function New-ModulePackage {
    <#
        Writes <OutputFolder>/<Name>.<Version>.nupkg and <OutputFolder>/<Name>.zip from the module folder, and
        returns their paths with the name and version.
    #>
    param(
        [Parameter(Mandatory)] [string] $ModuleFolder,
        [Parameter(Mandatory)] [string] $OutputFolder
    )

    # Full paths: the .NET calls below resolve relative ones against the process's folder, not PowerShell's.
    $ModuleFolder = (Get-Item -LiteralPath $ModuleFolder).FullName.TrimEnd([IO.Path]::DirectorySeparatorChar, [IO.Path]::AltDirectorySeparatorChar)
    $OutputFolder = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputFolder)
    $moduleName = Split-Path -Leaf $ModuleFolder
    $manifestPath = Join-Path $ModuleFolder "$moduleName.psd1"
    if (-not (Test-Path -LiteralPath $manifestPath)) {
        throw "$manifestPath does not exist; build the module first."
    }
    $version = (Import-PowerShellDataFile -LiteralPath $manifestPath).ModuleVersion
    $null = New-Item -ItemType Directory -Path $OutputFolder -Force

    # Compress-PSResource (PSResourceGet 1.1 and later, in PowerShell 7.6) packs exactly what Publish-PSResource
    # would push to a gallery: the nuspec made from the manifest (description, tags, links, release notes) and
    # every file of the folder. It validates the manifest first.
    $nupkgPath = Join-Path $OutputFolder "$moduleName.$version.nupkg"
    Remove-Item -LiteralPath $nupkgPath -ErrorAction SilentlyContinue
    Compress-PSResource -Path $ModuleFolder -DestinationPath $OutputFolder
    if (-not (Test-Path -LiteralPath $nupkgPath)) {
        throw "Compress-PSResource did not write $nupkgPath."
    }

    # Azure Automation's import (portal, New-AzAutomationModule) takes a zip whose name, top-level folder and
    # manifest share the module's name: CodeCatalyst.zip holding CodeCatalyst/CodeCatalyst.psd1 and the rest,
    # with no version folder in between. So the version is in the manifest inside, not in the zip's name.
    $zipPath = Join-Path $OutputFolder "$moduleName.zip"
    Remove-Item -LiteralPath $zipPath -ErrorAction SilentlyContinue
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    [IO.Compression.ZipFile]::CreateFromDirectory($ModuleFolder, $zipPath, [IO.Compression.CompressionLevel]::Optimal, $true)

    return [pscustomobject]@{
        Name = $moduleName
        Version = $version
        NupkgPath = $nupkgPath
        ZipPath = $zipPath
    }
}
