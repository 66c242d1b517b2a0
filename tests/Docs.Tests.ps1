#Requires -Version 7.4
<#
    ./build.ps1 -Task Docs end to end, with a stand-in for platyPS whose New-ExternalHelp writes our own built help,
    changed or not: the task passes on the same help and fails, naming the lines, on reordered examples or a changed
    about topic. (The comparison itself: CompareHelp.Tests.ps1.) Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/Docs.Tests.ps1
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    # A module named platyPS whose New-ExternalHelp copies the built help to -OutputPath and applies the change
    # named by CC_FAKE_PLATYPS_CHANGE.
    $fakeRoot = Join-Path $TestDrive 'modules'
    $fakeModule = New-Item -ItemType Directory -Path (Join-Path $fakeRoot 'platyPS/0.14.2') -Force
    $builtHelp = Join-Path $RepoRoot 'out/CodeCatalyst/en-US'
    @"
function New-ExternalHelp {
    param([string[]] `$Path, [string] `$OutputPath, [switch] `$Force)
    New-Item -ItemType Directory -Path `$OutputPath -Force | Out-Null
    `$maml = Get-Content -LiteralPath '$builtHelp/CodeCatalyst.dll-Help.xml' -Raw
    `$about = Get-Content -LiteralPath '$builtHelp/about_CodeCatalyst.help.txt' -Raw
    switch (`$env:CC_FAKE_PLATYPS_CHANGE) {
        'SwapFirstTwoExamples' {
            `$examples = [regex]::Matches(`$maml, '(?s)<command:example>.*?</command:example>')
            `$first = `$examples[0]; `$second = `$examples[1]
            `$maml = `$maml.Substring(0, `$first.Index) + `$second.Value +
                `$maml.Substring(`$first.Index + `$first.Length, `$second.Index - `$first.Index - `$first.Length) +
                `$first.Value + `$maml.Substring(`$second.Index + `$second.Length)
        }
        'ChangeAboutTopic' { `$about = `$about -replace 'AWS_BEARER_TOKEN_CODECATALYST', 'SOME_OTHER_VARIABLE' }
    }
    Set-Content -LiteralPath (Join-Path `$OutputPath 'CodeCatalyst.dll-Help.xml') -Value `$maml -NoNewline
    Set-Content -LiteralPath (Join-Path `$OutputPath 'about_CodeCatalyst.help.txt') -Value `$about -NoNewline
    Get-Item -LiteralPath (Join-Path `$OutputPath 'CodeCatalyst.dll-Help.xml')
}
"@ | Set-Content -LiteralPath (Join-Path $fakeModule 'platyPS.psm1')
    New-ModuleManifest -Path (Join-Path $fakeModule 'platyPS.psd1') -RootModule 'platyPS.psm1' -ModuleVersion '0.14.2' `
        -FunctionsToExport 'New-ExternalHelp'

    function Invoke-DocsTask {
        # ./build.ps1 -Task Docs in a child pwsh that finds the stand-in platyPS first; returns exit code and output.
        param([string] $Change = '')

        $savedPath = $env:PSModulePath
        $env:PSModulePath = $fakeRoot + [IO.Path]::PathSeparator + $env:PSModulePath
        $env:CC_FAKE_PLATYPS_CHANGE = $Change
        try {
            $output = & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $RepoRoot 'build.ps1') -Task Docs `
                -Configuration (Get-BuildConfiguration) 2>&1 | ForEach-Object { "$_" }
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = $output -join "`n" }
        }
        finally {
            $env:PSModulePath = $savedPath
            $env:CC_FAKE_PLATYPS_CHANGE = $null
        }
    }
}

Describe 'build.ps1 -Task Docs' {
    It 'passes when platyPS makes the same MAML and about topic' {
        $result = Invoke-DocsTask

        $result.ExitCode | Should -Be 0 -Because $result.Text
        $result.Text | Should -Match 'match platyPS 0\.14\.2, in order'
    }

    It 'fails and shows the examples when two of them come in another order' {
        $result = Invoke-DocsTask -Change SwapFirstTwoExamples

        $result.ExitCode | Should -Not -Be 0
        $result.Text | Should -Match 'CodeCatalyst\.dll-Help\.xml: platyPS line \d+: /helpItems/command/examples/example'
        $result.Text | Should -Match 'differ in \d+ place'
    }

    It 'fails and shows the line when the about topic differs' {
        $result = Invoke-DocsTask -Change ChangeAboutTopic

        $result.ExitCode | Should -Not -Be 0
        $result.Text | Should -Match 'about_CodeCatalyst\.help\.txt: platyPS line \d+: .*SOME_OTHER_VARIABLE'
        $result.Text | Should -Match 'about_CodeCatalyst\.help\.txt: ours    line \d+: .*AWS_BEARER_TOKEN_CODECATALYST'
    }
}
