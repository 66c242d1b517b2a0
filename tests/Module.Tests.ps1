#Requires -Version 7.4
<#
    Importing the module more than once, and removing and importing it again, in one PowerShell process: what a
    long-lived session, a profile or a runbook worker that reuses its process does. Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/Module.Tests.ps1
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emulator = $null
    $script:Emulator = Initialize-StoryEnvironment
    $script:ExpectedCmdlets = @((Import-PowerShellDataFile $ModuleManifest).CmdletsToExport | Sort-Object)

    function Assert-ModuleWorks {
        # One CodeCatalyst module with all its cmdlets, which reach the emulator, and its format and type data.
        @(Get-Module CodeCatalyst) | Should -HaveCount 1
        @((Get-Command -Module CodeCatalyst).Name | Sort-Object) | Should -Be $ExpectedCmdlets

        $workflows = @(Get-CCWorkflow @Project)
        @($workflows.Name) | Should -Contain 'build'
        # WorkflowId is an alias from the type data; the table header comes from the format data.
        ($workflows | Where-Object Name -eq 'build').WorkflowId | Should -Be $BuildWorkflowId
        ($workflows | Format-Table | Out-String -Width 300) | Should -Match 'LastUpdated'
    }
}

AfterAll {
    Reset-StoryEnvironment $script:Emulator
}

Describe 'Importing the module again' {
    It 'imports a second time without an error and keeps working' {
        Import-Module $ModuleManifest -ErrorVariable importErrors

        $importErrors | Should -BeNullOrEmpty
        Assert-ModuleWorks
    }

    It 'imports again with -Force without an error and keeps working' {
        Import-Module $ModuleManifest -Force -ErrorVariable importErrors

        $importErrors | Should -BeNullOrEmpty
        Assert-ModuleWorks
    }
}

Describe 'Removing the module and importing it again' {
    It 'takes the cmdlets away with Remove-Module' {
        Remove-Module CodeCatalyst

        Get-Module CodeCatalyst | Should -BeNullOrEmpty
        Get-Command Get-CCWorkflow -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'imports again in the same process and works as before' {
        Import-Module $ModuleManifest -ErrorVariable importErrors

        $importErrors | Should -BeNullOrEmpty
        Assert-ModuleWorks
        (Start-CCWorkflowRun @Project -WorkflowId $BuildWorkflowId | Wait-CCWorkflowRun -PollIntervalSec 1 -TimeoutSec 60).Status |
            Should -Be 'SUCCEEDED'
    }
}
