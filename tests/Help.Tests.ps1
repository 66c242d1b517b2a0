#Requires -Version 7.4
<#
    Get-Help -Full for every exported cmdlet, and Get-Help about_CodeCatalyst, in a real PowerShell: the help
    shown is the one docs/ holds, not the synopsis PowerShell makes up when a cmdlet has no help. Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/Help.Tests.ps1
#>

BeforeDiscovery {
    $repoRoot = Split-Path -Parent $PSScriptRoot
    $script:Cmdlets = @((Import-PowerShellDataFile (Join-Path $repoRoot 'CodeCatalyst.psd1')).CmdletsToExport |
        ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-BuiltModule

    function Get-DocsPage {
        # What docs/<Name>.md says: the synopsis, the first paragraph of the description, the example titles
        # and the parameters documented, each with white space collapsed.
        param([string] $Name)

        $text = (Get-Content -LiteralPath (Join-Path $RepoRoot "docs/$Name.md") -Raw) -replace "`r`n", "`n"
        $section = {
            param($Heading)
            if ($text -match "(?ms)^## $Heading\n(.*?)(?=^## |\z)") { $Matches[1] } else { '' }
        }
        $firstParagraph = {
            param($Body)
            (($Body.Trim() -split "\n\s*\n")[0] -replace '\s+', ' ').Trim()
        }
        [pscustomobject]@{
            Synopsis = & $firstParagraph (& $section 'SYNOPSIS')
            Description = & $firstParagraph (& $section 'DESCRIPTION')
            ExampleTitles = @([regex]::Matches((& $section 'EXAMPLES'), '(?m)^### (.+)$') | ForEach-Object { $_.Groups[1].Value.Trim() })
            Parameters = @([regex]::Matches((& $section 'PARAMETERS'), '(?m)^### -(\S+)') | ForEach-Object { $_.Groups[1].Value })
        }
    }
}

AfterAll {
    Remove-Module CodeCatalyst -ErrorAction SilentlyContinue
}

Describe 'Get-Help <Name> -Full' -ForEach $Cmdlets {
    BeforeAll {
        $script:Help = Get-Help $Name -Full
        $script:Page = Get-DocsPage $Name
    }

    It 'shows the synopsis from docs/<Name>.md' {
        $Page.Synopsis | Should -Not -BeNullOrEmpty
        ($Help.Synopsis -replace '\s+', ' ').Trim() | Should -BeExactly $Page.Synopsis
    }

    It 'shows the description from docs/<Name>.md' {
        $description = (@($Help.description | ForEach-Object Text) -join "`n`n")
        $description | Should -Not -BeNullOrEmpty
        ((($description -split "\n\s*\n")[0]) -replace '\s+', ' ').Trim() | Should -BeExactly $Page.Description
    }

    It 'describes every parameter the cmdlet has, -WhatIf and -Confirm included' {
        # Only the common parameters every cmdlet has are left to about_CommonParameters.
        $common = [System.Management.Automation.Cmdlet]::CommonParameters
        $parameters = @((Get-Command $Name).Parameters.Keys | Where-Object { $_ -notin $common })
        $helpParameters = @($Help.parameters.parameter)

        $parameters | Should -Not -BeNullOrEmpty
        @($helpParameters.name | Sort-Object) | Should -Be @($Page.Parameters | Sort-Object)
        foreach ($parameter in $parameters) {
            $entry = $helpParameters | Where-Object name -eq $parameter
            $entry | Should -Not -BeNullOrEmpty -Because "Get-Help $Name shows -$parameter"
            (@($entry.description | ForEach-Object Text) -join ' ') | Should -Not -BeNullOrEmpty -Because "-$parameter has a description"
        }
    }

    It 'shows the examples from docs/<Name>.md, in order' {
        $examples = @($Help.examples.example)

        $Page.ExampleTitles.Count | Should -BeGreaterOrEqual 2
        $examples.Count | Should -Be $Page.ExampleTitles.Count
        for ($index = 0; $index -lt $examples.Count; $index++) {
            $examples[$index].title.Trim(' ', '-') | Should -BeExactly $Page.ExampleTitles[$index]
            $examples[$index].code | Should -Not -BeNullOrEmpty
        }
    }

    It 'prints every section' {
        $text = Get-Help $Name -Full | Out-String -Width 200

        foreach ($heading in 'NAME', 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'EXAMPLE 1') {
            $text | Should -Match "(?m)^\s*-*\s*$heading" -Because "Get-Help $Name -Full prints $heading"
        }
    }
}

Describe 'Get-Help about_CodeCatalyst' {
    It 'shows the about topic from docs/about_CodeCatalyst.md' {
        $docs = Get-Content -LiteralPath (Join-Path $RepoRoot 'docs/about_CodeCatalyst.md') -Raw
        $shortDescription = if ($docs -match '(?ms)^# SHORT DESCRIPTION\s*\n(.+?)\r?\n\s*\r?\n') { ($Matches[1] -replace '\s+', ' ').Trim() }

        $text = (Get-Help about_CodeCatalyst | Out-String -Width 200) -replace '\s+', ' '

        $shortDescription | Should -Not -BeNullOrEmpty
        $text | Should -BeLike "*$shortDescription*"
        $text | Should -BeLike '*AWS_BEARER_TOKEN_CODECATALYST*'
    }
}
