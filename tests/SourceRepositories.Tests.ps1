#Requires -Version 7.4
<#
    Source repositories, branches and clone URLs in a real PowerShell: the chain from a space down to branches, what
    a runbook does with a repository (clone URL to git, a release branch), what -WhatIf shows at a prompt, and the
    confirmation of Remove-CCSourceRepository. Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/SourceRepositories.Tests.ps1
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emulator = $null
    $script:Emulator = Initialize-StoryEnvironment
}

AfterAll {
    Reset-StoryEnvironment $script:Emulator
}

Describe 'The chain from a space down to branches' {
    It 'goes Get-CCSpace | Get-CCProject | Get-CCSourceRepository | Get-CCSourceRepositoryBranch, each object carrying its parents' {
        $branches = @(Get-CCSpace | Get-CCProject | Get-CCSourceRepository | Get-CCSourceRepositoryBranch)

        $branches.Count | Should -BeGreaterOrEqual 5
        $branches | ForEach-Object {
            $_.SpaceName | Should -Not -BeNullOrEmpty
            $_.ProjectName | Should -Not -BeNullOrEmpty
            $_.SourceRepositoryName | Should -Not -BeNullOrEmpty
        }
        $login = $branches | Where-Object Name -eq 'feature/login'
        "$($login.SpaceName)/$($login.ProjectName)/$($login.SourceRepositoryName)" | Should -Be 'ExampleCorp/MyDemoProject/MyDemoRepo'
        ($branches | Select-Object -ExpandProperty SpaceName -Unique | Sort-Object) | Should -Be @('AnyCompany', 'ExampleCorp')
    }

    It 'finds repositories and branches by wildcard, without case' {
        $repositories = Get-CCSourceRepository @Project -Name 'mydemo*'
        ($repositories.Name | Sort-Object) | Should -Be @('MyDemoDocs', 'MyDemoRepo')

        $features = $repositories | Get-CCSourceRepositoryBranch -Name 'FEATURE/*'
        $features.Name | Should -Be 'feature/login'
        $features.SourceRepositoryName | Should -Be 'MyDemoRepo'
    }
}

Describe 'What a runbook does with a repository' {
    AfterAll {
        Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/reset" | Out-Null
    }

    It 'passes the clone URL to a native command as the URL itself' {
        $url = Get-CCSourceRepository @Project -Name MyDemoRepo | Get-CCSourceRepositoryCloneUrl

        $url.SourceRepositoryName | Should -Be 'MyDemoRepo'
        $echoed = if ($IsWindows) { cmd.exe /c echo $url } else { /bin/echo $url }
        $echoed | Should -Be $url.Https
        $echoed | Should -Match '^https://.+/ExampleCorp/MyDemoProject/MyDemoRepo$'
    }

    It 'makes a repository, a branch from it and a release branch at the feature branch''s head, then removes it with -Force' {
        $repository = New-CCSourceRepository @Project -Name 'pester-story' -Description 'made by a test'
        $repository.ProjectName | Should -Be $Project.ProjectName

        $feature = $repository | New-CCSourceRepositoryBranch -Name 'feature/story'
        $feature.Ref | Should -Be 'refs/heads/feature/story'
        $release = $feature | New-CCSourceRepositoryBranch -Name 'release/1.0'
        $release.HeadCommitId | Should -Be $feature.HeadCommitId

        (Get-CCSourceRepository @Project -Name 'pester-*' | Get-CCSourceRepositoryBranch).Name |
            Sort-Object | Should -Be @('feature/story', 'main', 'release/1.0')

        Get-CCSourceRepository @Project -Name 'pester-story' | Remove-CCSourceRepository -Force
        Get-CCSourceRepository @Project -Name 'pester-story' -ErrorAction SilentlyContinue -ErrorVariable missing
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'shows "What if" with the repository and its parents at the prompt, and changes nothing' {
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "cc-whatif-$([guid]::NewGuid()).txt"
        Start-Transcript -Path $transcript -UseMinimalHeader | Out-Null
        try {
            Remove-CCSourceRepository @Project -Name MyDemoRepo -WhatIf
            Get-CCSourceRepository @Project -Name MyDemoRepo | New-CCSourceRepositoryBranch -Name 'never' -WhatIf
        }
        finally {
            Stop-Transcript | Out-Null
        }

        $text = Get-Content -Raw $transcript
        Remove-Item $transcript
        $text | Should -Match 'What if: Performing the operation "Remove-CCSourceRepository" on target "source repository MyDemoRepo in ExampleCorp/MyDemoProject"'
        $text | Should -Match 'What if: Performing the operation "New-CCSourceRepositoryBranch" on target "branch never of ExampleCorp/MyDemoProject/MyDemoRepo"'
        (Get-CCSourceRepositoryBranch @Project -SourceRepositoryName MyDemoRepo).Name | Should -Not -Contain 'never'
    }

    It 'does not remove a repository without -Force when confirmation cannot be asked' {
        $shell = [Environment]::ProcessPath
        [string[]] $shellArguments = if ([IO.Path]::GetFileNameWithoutExtension($shell) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
        $result = & $shell @shellArguments -NoProfile -NonInteractive -Command "
            Import-Module '$($script:ModuleManifest)'
            Remove-CCSourceRepository -SpaceName '$($Project.SpaceName)' -ProjectName '$($Project.ProjectName)' -Name MyDemoDocs
            'exit'" 2>&1

        Get-CCSourceRepository @Project -Name MyDemoDocs | Should -Not -BeNullOrEmpty
        ($result -join "`n") | Should -Not -BeNullOrEmpty
    }
}

Describe 'Errors from these cmdlets' {
    It 'reports a taken repository name as ResourceExists with advice, and goes on with the next one' {
        $made = @('MyDemoRepo', 'pester-second') | ForEach-Object {
            New-CCSourceRepository @Project -Name $_ -ErrorAction SilentlyContinue -ErrorVariable +failures
        }

        $failures | Should -HaveCount 1
        $failures[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $failures[0].TargetObject | Should -Be 'MyDemoRepo'
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Get-CCSourceRepository'
        $made.Name | Should -Be 'pester-second'
        $made | Remove-CCSourceRepository -Force
    }

    It 'reports a branch name the repository does not have as ObjectNotFound, after the ones it has' {
        $found = Get-CCSourceRepositoryBranch @Project -SourceRepositoryName MyDemoRepo -Name main, 'no-such-branch' -ErrorAction SilentlyContinue -ErrorVariable failures

        $found.Name | Should -Be 'main'
        $failures | Should -HaveCount 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'no-such-branch'
    }

    It 'refuses a repository name the service would refuse, before sending anything, even under -WhatIf' {
        Clear-EmulatorRequest $Emulator
        New-CCSourceRepository @Project -Name 'tools.git' -WhatIf -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-EmulatorRequest $Emulator).Count | Should -Be 0
    }
}
