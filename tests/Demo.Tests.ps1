#Requires -Version 7.4
<#
    The README's first command, as a new user runs it: ./build.ps1 -Task Demo in the pinned PowerShell, with no
    AWS token, profile or endpoint in the environment. It runs examples/Invoke-DemoRunbook.ps1 against the
    emulator in that real PowerShell. Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/Demo.Tests.ps1
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Invoke-InCleanEnvironment {
        # Runs the script block with none of the variables through which the module could find a token or an
        # endpoint, and an AWS config file that does not exist, then puts the environment back.
        param([scriptblock] $ScriptBlock)

        $names = @('AWS_BEARER_TOKEN_CODECATALYST', 'AWS_ENDPOINT_URL_CODECATALYST', 'AWS_ENDPOINT_URL', 'AWS_PROFILE',
            'AWS_DEFAULT_PROFILE', 'AWS_CONFIG_FILE')
        $saved = @{}
        foreach ($name in $names) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        try {
            foreach ($name in $names) { [Environment]::SetEnvironmentVariable($name, $null) }
            $env:AWS_CONFIG_FILE = Join-Path $TestDrive 'no-such-config'
            & $ScriptBlock
        }
        finally {
            foreach ($name in $names) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }
}

Describe 'The demo' {
    It 'runs the demo runbook to a SUCCEEDED run with AWS_BEARER_TOKEN_CODECATALYST unset' {
        $output = Invoke-InCleanEnvironment {
            Push-Location $RepoRoot
            try {
                # The README's command: dotnet pwsh ./build.ps1 -Task Build, Demo (the build is already done).
                & dotnet pwsh -NoProfile -NonInteractive -File ./build.ps1 -Task Demo -Configuration (Get-BuildConfiguration) 2>&1 |
                    ForEach-Object { "$_" }
                $script:DemoExitCode = $LASTEXITCODE
            }
            finally {
                Pop-Location
            }
        }
        $text = $output -join "`n"

        $DemoExitCode | Should -Be 0 -Because $text
        $text | Should -Not -Match 'NoTokenFound'
        $text | Should -Match 'Demo: run [0-9a-f-]{36} of the build workflow ended SUCCEEDED\.'
    }
}
