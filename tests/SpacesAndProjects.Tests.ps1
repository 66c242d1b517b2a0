#Requires -Version 7.4
<#
    Spaces, subscriptions and projects in a real PowerShell: the chains a runbook writes, what -WhatIf shows at a
    prompt, and the confirmation of the Remove cmdlets. Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/SpacesAndProjects.Tests.ps1
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emulator = $null
    $script:Emulator = Initialize-StoryEnvironment
}

AfterAll {
    Reset-StoryEnvironment $script:Emulator
}

Describe 'The chain from a space down' {
    It 'goes Get-CCSpace | Get-CCProject | Get-CCWorkflow, each object carrying its parents' {
        $workflows = @(Get-CCSpace -Name $Project.SpaceName | Get-CCProject -Name $Project.ProjectName | Get-CCWorkflow)

        $workflows.Count | Should -BeGreaterOrEqual 2
        $workflows | ForEach-Object {
            $_.SpaceName | Should -Be $Project.SpaceName
            $_.ProjectName | Should -Be $Project.ProjectName
        }
    }

    It 'starts and waits for a run from a project: Get-CCProject | Get-CCWorkflow | Start-CCWorkflowRun | Wait-CCWorkflowRun' {
        $run = Get-CCProject -SpaceName $Project.SpaceName -Name $Project.ProjectName |
            Get-CCWorkflow | Where-Object Name -eq 'build' |
            Start-CCWorkflowRun | Wait-CCWorkflowRun -PollIntervalSec 1 -TimeoutSec 60

        $run.Status | Should -Be 'SUCCEEDED'
    }

    It 'lists the projects of every space, each with its space' {
        $projects = @(Get-CCSpace | Get-CCProject)

        ($projects | Select-Object -ExpandProperty SpaceName -Unique | Sort-Object) | Should -Be @('AnyCompany', 'ExampleCorp')
    }
}

Describe 'Changing projects' {
    AfterAll {
        Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/reset" | Out-Null
    }

    It 'shows "What if" with the project and its space at the prompt, and changes nothing' {
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "cc-whatif-$([guid]::NewGuid()).txt"
        Start-Transcript -Path $transcript -UseMinimalHeader | Out-Null
        try {
            Remove-CCProject -SpaceName $Project.SpaceName -Name $Project.ProjectName -WhatIf
        }
        finally {
            Stop-Transcript | Out-Null
        }

        Get-Content -Raw $transcript | Should -Match 'What if: Performing the operation "Remove-CCProject" on target "project MyDemoProject in space ExampleCorp"'
        Remove-Item $transcript
        Get-CCProject -SpaceName $Project.SpaceName -Name $Project.ProjectName | Should -Not -BeNullOrEmpty
    }

    It 'creates, finds by wildcard, updates and removes a project with -Force' {
        $created = New-CCProject -SpaceName $Project.SpaceName -DisplayName 'Pester Story' -Description 'made by a test'

        $found = Get-CCProject -SpaceName $Project.SpaceName -Name 'Pester*'
        $found.Name | Should -Be $created.Name

        $updated = $found | Update-CCProject -Description 'changed' -PassThru
        $updated.Description | Should -Be 'changed'

        $found | Remove-CCProject -Force
        Get-CCProject -SpaceName $Project.SpaceName -Name $created.Name -ErrorAction SilentlyContinue -ErrorVariable missing
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses a piped object of another kind instead of taking its Name for a project''s' {
        # A workflow called like a project: by property name, its Name would have named that project.
        $workflow = Get-CCWorkflow @Project | Select-Object -First 1
        $namesake = New-CCProject -SpaceName $Project.SpaceName -DisplayName $workflow.Name
        $namesake.Name | Should -Be $workflow.Name

        $workflow | Remove-CCProject -Force -ErrorAction SilentlyContinue -ErrorVariable refused

        $refused[0].FullyQualifiedErrorId | Should -BeLike 'InputObjectNotBound*'
        Get-CCProject -SpaceName $Project.SpaceName -Name $namesake.Name | Should -Not -BeNullOrEmpty
    }

    It 'does not remove without -Force when confirmation cannot be asked' {
        # A non-interactive host cannot answer the High-impact prompt; the Remove must not go ahead by itself.
        # The same shell as this one: 'dotnet pwsh' runs pwsh.dll under dotnet.
        $shell = [Environment]::ProcessPath
        [string[]] $shellArguments = if ([IO.Path]::GetFileNameWithoutExtension($shell) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
        $result = & $shell @shellArguments -NoProfile -NonInteractive -Command "
            Import-Module '$($script:ModuleManifest)'
            Remove-CCProject -SpaceName '$($Project.SpaceName)' -Name DataPipeline
            'exit'" 2>&1
        Get-CCProject -SpaceName $Project.SpaceName -Name DataPipeline | Should -Not -BeNullOrEmpty
        ($result -join "`n") | Should -Not -BeNullOrEmpty
    }
}

Describe 'Changing spaces' {
    AfterAll {
        Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/reset" | Out-Null
    }

    It 'updates a piped space''s description and shows it' {
        $updated = Get-CCSpace -Name ExampleCorp | Update-CCSpace -Description 'Managed by the platform team' -PassThru

        $updated.Name | Should -Be 'ExampleCorp'
        $updated.Description | Should -Be 'Managed by the platform team'
        (Get-CCSpace -Name ExampleCorp).Description | Should -Be 'Managed by the platform team'
    }

    It 'asks nothing with -WhatIf and removes a space with -Force, after which it is gone' {
        Get-CCSpace -Name AnyCompany | Remove-CCSpace -WhatIf
        Get-CCSpace -Name AnyCompany | Should -Not -BeNullOrEmpty

        $removed = Get-CCSpace -Name AnyCompany | Remove-CCSpace -Force -PassThru
        $removed.Name | Should -Be 'AnyCompany'
        Get-CCSpace -Name AnyCompany -ErrorAction SilentlyContinue -ErrorVariable missing
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        (Get-CCSpace).Name | Should -Not -Contain 'AnyCompany'
    }
}

Describe 'Errors from these cmdlets' {
    It 'reports a taken project name as ResourceExists with advice, and continues the pipeline' {
        $made = @('MyDemoProject', 'Another Pester Project') | ForEach-Object {
            New-CCProject -SpaceName $Project.SpaceName -DisplayName $_ -ErrorAction SilentlyContinue -ErrorVariable +failures
        }

        $failures | Should -HaveCount 1
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failures[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $made | Should -HaveCount 1
        $made | Remove-CCProject -Force
    }
}
