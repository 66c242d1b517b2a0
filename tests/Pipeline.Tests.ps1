#Requires -Version 7.4
<#
    The module in pipelines only a real PowerShell has: Select-Object stopping the pipeline early, $? and
    -ErrorVariable after one item of many fails, ForEach-Object -Parallel and thread jobs. Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/Pipeline.Tests.ps1
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emulator = $null
    $script:Emulator = Initialize-StoryEnvironment
}

AfterAll {
    Reset-StoryEnvironment $script:Emulator
}

Describe 'Select-Object -First stops the listing' {
    BeforeAll {
        # 120 runs are three pages of the service's default 50, so a full listing needs three requests.
        Add-EmulatorRun $Emulator -WorkflowId $BuildWorkflowId -Count 120 | Out-Null
    }

    It 'reads the whole list in several pages when nothing stops it' {
        Clear-EmulatorRequest $Emulator

        $runs = @(Get-CCWorkflowRun @Project)

        $runs.Count | Should -BeGreaterOrEqual 120
        (Get-EmulatorRequest $Emulator -Operation ListWorkflowRuns).Count | Should -BeGreaterOrEqual 3
    }

    It 'sends one ListWorkflowRuns request for Get-CCWorkflowRun | Select-Object -First 2' {
        Clear-EmulatorRequest $Emulator

        $runs = @(Get-CCWorkflowRun @Project | Select-Object -First 2)

        $runs | Should -HaveCount 2
        $runs[0].PSObject.TypeNames[0] | Should -Be 'CodeCatalyst.Models.WorkflowRunSummary'
        (Get-EmulatorRequest $Emulator -Operation ListWorkflowRuns).Count | Should -Be 1
    }
}

Describe 'One failed item among many' {
    BeforeAll {
        $script:RunIds = @(Add-EmulatorRun $Emulator -WorkflowId $BuildWorkflowId -Count 2)
        $script:MissingId = [guid]::NewGuid().ToString()
    }

    It 'leaves $? true when every item succeeds' {
        $runs = $RunIds | Get-CCWorkflowRun @Project -ErrorVariable failures
        $succeeded = $?

        $succeeded | Should -BeTrue
        $failures | Should -BeNullOrEmpty
        $runs | Should -HaveCount 2
    }

    It 'sets $? to false, outputs the good runs and puts only the missing run''s error in -ErrorVariable' {
        $runs = $RunIds[0], $MissingId, $RunIds[1] | Get-CCWorkflowRun @Project -ErrorVariable failures -ErrorAction SilentlyContinue
        $succeeded = $?

        $succeeded | Should -BeFalse
        @($runs.Id) | Should -Be $RunIds
        $failures | Should -HaveCount 1
        $failure = $failures[0]
        $failure | Should -BeOfType [System.Management.Automation.ErrorRecord]
        $failure.FullyQualifiedErrorId | Should -Be 'ResourceNotFoundException,CodeCatalyst.Cmdlets.Workflows.GetCCWorkflowRunCommand'
        $failure.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failure.TargetObject | Should -Be $MissingId
        $failure.Exception.Message | Should -BeLike "*$MissingId*request id*"
    }

    It 'stops at the failed item with -ErrorAction Stop, after the items before it' {
        $runs = [System.Collections.Generic.List[object]]::new()

        { $RunIds[0], $MissingId, $RunIds[1] | Get-CCWorkflowRun @Project -ErrorAction Stop | ForEach-Object { $runs.Add($_) } } |
            Should -Throw -ErrorId 'ResourceNotFoundException,CodeCatalyst.Cmdlets.Workflows.GetCCWorkflowRunCommand'

        @($runs.Id) | Should -Be @($RunIds[0])
    }
}

Describe 'Running the cmdlets in parallel' {
    It 'starts and waits for a run in each ForEach-Object -Parallel iteration' {
        Clear-EmulatorRequest $Emulator

        $results = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:ModuleManifest
            $project = $using:Project
            $started = Start-CCWorkflowRun @project -WorkflowId $using:BuildWorkflowId
            $finished = $started | Wait-CCWorkflowRun -PollIntervalSec 1 -TimeoutSec 60
            [pscustomobject]@{
                Iteration = $_
                StartedId = $started.Id
                FinishedId = $finished.Id
                Status = $finished.Status
                Workflows = (@(Get-CCWorkflow @project).Name | Sort-Object) -join ','
            }
        }

        $results | Should -HaveCount 4
        @($results.StartedId | Sort-Object -Unique) | Should -HaveCount 4
        foreach ($result in $results) {
            $result.FinishedId | Should -Be $result.StartedId
            $result.Status | Should -Be 'SUCCEEDED'
            $result.Workflows | Should -Be 'build,deploy,integration-tests,lint'
        }
        (Get-EmulatorRequest $Emulator -Operation StartWorkflowRun).Count | Should -Be 4
    }

    It 'gets runs by id from several thread jobs at once' {
        $ids = @(Add-EmulatorRun $Emulator -WorkflowId $FailingWorkflowId -Count 6)

        $jobs = foreach ($chunk in @($ids[0..1]), @($ids[2..3]), @($ids[4..5])) {
            Start-ThreadJob -ArgumentList $ModuleManifest, $Project, $chunk -ScriptBlock {
                param($Manifest, $Project, $RunIds)
                Import-Module $Manifest
                $RunIds | Get-CCWorkflowRun @Project -ErrorAction Stop
            }
        }
        $runs = @($jobs | Receive-Job -Wait -AutoRemoveJob -ErrorVariable jobErrors)

        $jobErrors | Should -BeNullOrEmpty
        @($runs.Id | Sort-Object) | Should -Be @($ids | Sort-Object)
        @($runs.Status | Sort-Object -Unique) | Should -Be 'FAILED'
        @($runs.WorkflowId | Sort-Object -Unique) | Should -Be $FailingWorkflowId
    }
}
