#Requires -Version 7.4
<#
    User stories for the CodeCatalyst module, run against the local emulator (Pester 5).
    Needs the module built into out/CodeCatalyst (./build.ps1 -Task Build). Run with:
        Invoke-Pester ./tests/CodeCatalyst.Tests.ps1 -Output Detailed
#>

BeforeAll {
    $repoRoot = Split-Path -Parent $PSScriptRoot
    $manifest = Join-Path $repoRoot 'out/CodeCatalyst/CodeCatalyst.psd1'
    if (-not (Test-Path $manifest)) {
        throw "Module not built: $manifest is missing. Run ./build.ps1 -Task Build first."
    }
    Import-Module $manifest -Force

    # A free loopback port for this run.
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $port = $listener.LocalEndpoint.Port
    $listener.Stop()
    $script:EndpointUrl = "http://127.0.0.1:$port"

    $script:Emulator = Start-Process -FilePath 'dotnet' -PassThru -NoNewWindow -ArgumentList @(
        'run', '--project', (Join-Path $repoRoot 'src/CodeCatalyst.Emulator'), '--', '--urls', $script:EndpointUrl)

    $deadline = [DateTime]::UtcNow.AddSeconds(120)
    $ready = $false
    while (-not $ready -and [DateTime]::UtcNow -lt $deadline) {
        if ($script:Emulator.HasExited) {
            throw "The emulator exited with code $($script:Emulator.ExitCode) during start-up."
        }
        try {
            Invoke-WebRequest -Uri $script:EndpointUrl -SkipHttpErrorCheck -TimeoutSec 2 | Out-Null
            $ready = $true
        }
        catch {
            Start-Sleep -Milliseconds 500
        }
    }
    if (-not $ready) {
        throw "The emulator did not answer at $script:EndpointUrl within 120 seconds."
    }

    # Authenticate and aim every cmdlet at the emulator through the environment, as a CI job would.
    $script:SavedEnvironment = @{
        AWS_BEARER_TOKEN_CODECATALYST = $env:AWS_BEARER_TOKEN_CODECATALYST
        AWS_ENDPOINT_URL_CODECATALYST = $env:AWS_ENDPOINT_URL_CODECATALYST
    }
    $env:AWS_BEARER_TOKEN_CODECATALYST = 'pester-token'
    $env:AWS_ENDPOINT_URL_CODECATALYST = $script:EndpointUrl
    Disconnect-CCAccount -Confirm:$false

    $script:Project = @{ SpaceName = 'ExampleCorp'; ProjectName = 'MyDemoProject' }
}

AfterAll {
    if ($script:SavedEnvironment) {
        foreach ($name in $script:SavedEnvironment.Keys) {
            [Environment]::SetEnvironmentVariable($name, $script:SavedEnvironment[$name])
        }
    }
    if ($script:Emulator -and -not $script:Emulator.HasExited) {
        # dotnet run hosts the emulator in a child process; stop the whole tree.
        $script:Emulator.Kill($true)
        $script:Emulator.WaitForExit()
    }
    Remove-Module CodeCatalyst -ErrorAction SilentlyContinue
}

Describe 'Running workflows from a runbook' {
    It 'starts the build workflow and waits for it to succeed' {
        $run = Get-CCWorkflow @Project |
            Where-Object Name -eq 'build' |
            Start-CCWorkflowRun |
            Wait-CCWorkflowRun -PollIntervalSec 1 -TimeoutSec 120

        $run | Should -HaveCount 1
        $run.Status | Should -Be 'SUCCEEDED'
    }

    It 'fails the runbook with WorkflowRunFailed when integration-tests fails' {
        $err = {
            Get-CCWorkflow @Project |
                Where-Object Name -eq 'integration-tests' |
                Start-CCWorkflowRun |
                Wait-CCWorkflowRun -PollIntervalSec 1 -TimeoutSec 120 -ErrorAction Stop
        } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -BeLike 'WorkflowRunFailed*'
    }

    It 'starts nothing with -WhatIf' {
        $before = @(Get-CCWorkflowRun @Project).Count

        Get-CCWorkflow @Project | Start-CCWorkflowRun -WhatIf | Should -BeNullOrEmpty

        @(Get-CCWorkflowRun @Project).Count | Should -Be $before
    }
}

Describe 'Validation and paging' {
    It 'rejects a malformed space name with InvalidArgument' {
        $err = { Get-CCWorkflow -SpaceName 'not a valid space!' -ProjectName 'MyDemoProject' -ErrorAction Stop } |
            Should -Throw -PassThru

        $err.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'returns a single run with -First 1' {
        Get-CCWorkflow @Project | Where-Object Name -eq 'build' | Start-CCWorkflowRun | Out-Null

        $runs = @(Get-CCWorkflowRun @Project -First 1)

        $runs | Should -HaveCount 1
    }
}

Describe 'Help' {
    It 'shows examples in Get-Help Start-CCWorkflowRun -Full' {
        $help = Get-Help Start-CCWorkflowRun -Full

        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        ($help | Out-String -Width 200) | Should -Match 'Example 1'
    }
}
