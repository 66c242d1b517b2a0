#Requires -Version 7.4
<#
    User stories for the CodeCatalyst module, run against the local emulator (Pester 5).
    Needs the module built into out/CodeCatalyst (./build.ps1 -Task Build). Run with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/CodeCatalyst.Tests.ps1
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emulator = $null
    $script:Emulator = Initialize-StoryEnvironment
}

AfterAll {
    Reset-StoryEnvironment $script:Emulator
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
