#Requires -Version 7.4
<#
    A runbook author starts, retries, stops and removes AWS Amplify jobs in a real PowerShell, signed with the
    emulator's test credentials from the environment: a release on a piped branch, the job stopped while it runs and
    removed once cancelled, a failed job retried by piping it, -WhatIf sending nothing, input refused before the wire,
    and StartJob (no idempotency token) never sent twice after a server error that came after the job started.
    Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/AmplifyJobs.Tests.ps1
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emulator = $null
    $script:Emulator = Initialize-StoryEnvironment
    $script:SavedAwsEnvironment = Set-AmplifyStoryEnvironment $Emulator $TestDrive

    $script:App = 'd3docs4portal'

    function Get-JobId {
        param([string] $BranchName = 'main')
        @(Get-CCAmplifyJob -AppId $App -BranchName $BranchName | ForEach-Object JobId)
    }
}

AfterAll {
    Restore-AmplifyStoryEnvironment $script:SavedAwsEnvironment
    Reset-StoryEnvironment $script:Emulator
}

Describe 'A release, stopped while it runs and removed once cancelled' {
    BeforeAll {
        Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/reset" | Out-Null
    }

    It 'starts a RELEASE on a piped branch; the new job is first in the listing' {
        $script:Before = Get-JobId
        $script:Release = Get-CCAmplifyBranch -AppId $App -BranchName main | Start-CCAmplifyJob -JobType RELEASE -JobReason 'Pester story'

        $Release.PSObject.TypeNames[0] | Should -Be 'CodeCatalyst.Amplify.Models.JobSummary'
        $Release.AppId | Should -Be $App
        $Release.BranchName | Should -Be 'main'
        $Release.JobType | Should -Be 'RELEASE'
        $Release.Status | Should -BeIn 'PENDING', 'PROVISIONING', 'RUNNING'
        (Get-JobId)[0] | Should -Be $Release.JobId
        ($Release | Format-Table | Out-String) | Should -Match "(?m)^\s*$([regex]::Escape($Release.JobId))\s+RELEASE"
    }

    It 'stops the job piped from Start: CANCELLING, then CANCELLED' {
        $stopped = $Release | Stop-CCAmplifyJob

        $stopped.JobId | Should -Be $Release.JobId
        $stopped.Status | Should -Be 'CANCELLING'
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        do {
            Start-Sleep -Milliseconds 200
            $status = (Get-CCAmplifyJob -AppId $App -BranchName main -JobId $Release.JobId).Status
        } until ($status -eq 'CANCELLED' -or [DateTime]::UtcNow -gt $deadline)
        $status | Should -Be 'CANCELLED'
    }

    It 'describes the removal with -WhatIf and sends nothing' {
        Clear-EmulatorRequest $Emulator

        $Release | Remove-CCAmplifyJob -WhatIf

        (Get-EmulatorRequest $Emulator -Operation DeleteJob).Count | Should -Be 0
        (Get-JobId) | Should -Contain $Release.JobId
    }

    It 'removes the cancelled job with -Force -PassThru; the branch is back to its old jobs' {
        $removed = Get-CCAmplifyJob -AppId $App -BranchName main -JobId $Release.JobId | Remove-CCAmplifyJob -Force -PassThru

        $removed.JobId | Should -Be $Release.JobId
        (Get-JobId) | Should -Be $Before
    }
}

Describe 'Retrying a failed job' {
    It 'retries the newest job of dev by piping it with -JobType RETRY' {
        $failed = Get-CCAmplifyJob -AppId $App -BranchName dev -First 1
        $failed.Status | Should -Be 'FAILED'
        Clear-EmulatorRequest $Emulator

        $retry = $failed | Start-CCAmplifyJob -JobType RETRY

        $retry.JobType | Should -Be 'RETRY'
        $retry.CommitId | Should -Be $failed.CommitId
        $sent = (Get-EmulatorRequest $Emulator -Operation StartJob)[0].body | ConvertFrom-Json
        $sent.jobType | Should -Be 'RETRY'
        $sent.jobId | Should -Be $failed.JobId
    }

    It 'refuses RETRY without a job, and a -JobId with another type, before anything is sent' {
        Clear-EmulatorRequest $Emulator

        Start-CCAmplifyJob -AppId $App -BranchName main -JobType RETRY -ErrorVariable noJob -ErrorAction SilentlyContinue
        Start-CCAmplifyJob -AppId $App -BranchName main -JobType MANUAL -JobId 1 -ErrorVariable wrongType -ErrorAction SilentlyContinue
        $notInModel = try { Start-CCAmplifyJob -AppId $App -BranchName main -JobType BUILD } catch { $_ }

        $noJob[0].FullyQualifiedErrorId | Should -BeLike 'RetryNeedsJobId,*'
        $noJob[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $wrongType[0].FullyQualifiedErrorId | Should -BeLike 'JobIdNeedsRetry,*'
        $notInModel.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        (Get-EmulatorRequest $Emulator).Count | Should -Be 0
    }

    It 'sends nothing for -WhatIf on Start and Stop' {
        Clear-EmulatorRequest $Emulator

        Start-CCAmplifyJob -AppId $App -BranchName main -JobType RELEASE -WhatIf
        Stop-CCAmplifyJob -AppId $App -BranchName main -JobId 1 -WhatIf

        (Get-EmulatorRequest $Emulator).Count | Should -Be 0
    }
}

Describe 'StartJob is sent at most once once it may have acted' {
    AfterEach {
        Invoke-RestMethod -Method Delete -Uri "$($Emulator.Url)/_emulator/faults" | Out-Null
    }

    It 'reports a server error that came after the job started, without starting a second one' {
        $before = Get-JobId
        Clear-EmulatorRequest $Emulator
        $fault = @{ status = 500; afterHandling = $true; pathContains = "/apps/$App/branches/main/jobs" } | ConvertTo-Json
        Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/faults" -Body $fault -ContentType 'application/json' | Out-Null

        $out = Start-CCAmplifyJob -AppId $App -BranchName main -JobType RELEASE -ErrorVariable failed -ErrorAction SilentlyContinue

        $out | Should -BeNullOrEmpty
        $failed[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $failed[0].ErrorDetails.RecommendedAction | Should -Match 'not sent again'
        (Get-EmulatorRequest $Emulator -Operation StartJob).Count | Should -Be 1
        @(Get-JobId).Count | Should -Be ($before.Count + 1)
    }
}
