#Requires -Version 7.4
<#
    Invoke-CCRestMethod in a real PowerShell, against the local emulator: what Invoke-RestMethod users expect, with
    the module's token, endpoint, paging and errors. Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/RestMethod.Tests.ps1
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emulator = $null
    $script:Emulator = Initialize-StoryEnvironment
    $script:RunsPath = '/v1/spaces/ExampleCorp/projects/MyDemoProject/workflowRuns'
}

AfterAll {
    Reset-StoryEnvironment $script:Emulator
}

Describe 'Reading with Invoke-CCRestMethod' {
    It 'reads a run with the token and endpoint from the environment, as objects ConvertTo-Json can write back' {
        $runId = @(Add-EmulatorRun $Emulator -WorkflowId $BuildWorkflowId)[0]

        $run = Invoke-CCRestMethod GET "$RunsPath/$runId"

        $run | Should -BeOfType [pscustomobject]
        $run.id | Should -Be $runId
        $run.workflowId | Should -Be $BuildWorkflowId
        $run.startTime | Should -BeOfType [string]
        $run.startTime | Should -Match '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$'
        ($run | ConvertTo-Json | ConvertFrom-Json).id | Should -Be $runId
        ($run | Format-List | Out-String) | Should -Match 'workflowId'
    }

    It 'follows nextToken across pages and Select-Object -First stops it after one request' {
        Add-EmulatorRun $Emulator -WorkflowId $BuildWorkflowId -Count 9 | Out-Null
        Clear-EmulatorRequest $Emulator

        $all = @(Invoke-CCRestMethod POST $RunsPath -Query @{ maxResults = 4 } -FollowNextToken)
        $allPages = (Get-EmulatorRequest $Emulator -Operation ListWorkflowRuns).Count
        Clear-EmulatorRequest $Emulator
        $firstTwo = @(Invoke-CCRestMethod POST $RunsPath -Query @{ maxResults = 4 } -FollowNextToken | Select-Object -First 2)

        $all.Count | Should -BeGreaterOrEqual 10
        @($all.id | Sort-Object -Unique).Count | Should -Be $all.Count
        $allPages | Should -Be ([math]::Ceiling($all.Count / 4))
        $firstTwo | Should -HaveCount 2
        (Get-EmulatorRequest $Emulator -Operation ListWorkflowRuns).Count | Should -Be 1
    }

    It 'fills {spaceName} and {projectName} from Connect-CCAccount' {
        Connect-CCAccount -SpaceName ExampleCorp -ProjectName MyDemoProject -SkipVerification | Out-Null
        try {
            $workflow = Invoke-CCRestMethod GET "/v1/spaces/{spaceName}/projects/{projectName}/workflows/$BuildWorkflowId"
        }
        finally {
            Disconnect-CCAccount
        }

        $workflow.name | Should -Be 'build'
    }
}

Describe 'Changing and failing with Invoke-CCRestMethod' {
    It 'sends nothing with -WhatIf' {
        Clear-EmulatorRequest $Emulator

        Invoke-CCRestMethod PUT $RunsPath -Query @{ workflowId = $BuildWorkflowId } -WhatIf | Should -BeNullOrEmpty

        Get-EmulatorRequest $Emulator | Should -BeNullOrEmpty
    }

    It 'starts a run with a hashtable body piped in, through -Confirm:$false' {
        Clear-EmulatorRequest $Emulator

        $started = @{ clientToken = 'pester-start-1' } |
            Invoke-CCRestMethod PUT $RunsPath -Query @{ workflowId = $BuildWorkflowId } -Confirm:$false

        $started.workflowId | Should -Be $BuildWorkflowId
        (Get-EmulatorRequest $Emulator -Operation StartWorkflowRun).body | Should -Be '{"clientToken":"pester-start-1"}'
    }

    It 'stops a runbook on a service error with -ErrorAction Stop, naming the operation' {
        $missing = [guid]::NewGuid()

        $err = { Invoke-CCRestMethod GET "$RunsPath/$missing" -ErrorAction Stop } | Should -Throw -PassThru

        $err.FullyQualifiedErrorId | Should -Be 'ResourceNotFoundException,CodeCatalyst.Cmdlets.Rest.InvokeCCRestMethodCommand'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -BeLike "GetWorkflowRun failed:*$missing*request id*"
    }

    It 'refuses an absolute URL before sending anything, and sets $? to false' {
        Clear-EmulatorRequest $Emulator

        Invoke-CCRestMethod GET 'https://attacker.example.com/session' -ErrorVariable failures -ErrorAction SilentlyContinue
        $succeeded = $?

        $succeeded | Should -BeFalse
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-EmulatorRequest $Emulator | Should -BeNullOrEmpty
    }

    It 'never shows the token, in any stream' {
        $everything = Invoke-CCRestMethod GET /session -Verbose -Debug *>&1 | Out-String

        $everything | Should -Match 'identity'
        $everything | Should -Not -Match 'pester-token'
    }
}
