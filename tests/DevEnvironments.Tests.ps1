#Requires -Version 7.4
<#
    Dev environments and their sessions in a real PowerShell: the chain from a project down to stopped dev
    environments, a dev environment's life from creation to removal, what -WhatIf shows at a prompt, the
    confirmation of Remove, and a session's credentials kept out of every view, string, JSON and stream. Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/DevEnvironments.Tests.ps1
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emulator = $null
    $script:Emulator = Initialize-StoryEnvironment
    # The sample data's running dev environment (src/CodeCatalyst.Emulator/sample-data.json).
    $script:DevEnvironmentId = '0e6a1f2b-8c3d-4e5f-9a7b-1c2d3e4f5a66'

    function Reset-Emulator {
        Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/reset" | Out-Null
    }
}

AfterAll {
    Reset-StoryEnvironment $script:Emulator
}

Describe 'The chain from a project down' {
    AfterAll { Reset-Emulator }

    It 'goes Get-CCProject | Get-CCDevEnvironment | Stop-CCDevEnvironment -Wait and writes stopped dev environments' {
        $stopped = @(Get-CCProject -SpaceName $Project.SpaceName | Get-CCDevEnvironment | Stop-CCDevEnvironment -Wait -PollIntervalSec 1 -TimeoutSec 60)

        $stopped | Should -HaveCount 1
        $stopped[0].Id | Should -Be $DevEnvironmentId
        $stopped[0].Status | Should -Be 'STOPPED'
        $stopped[0].SpaceName | Should -Be $Project.SpaceName
        $stopped[0].ProjectName | Should -Be $Project.ProjectName
        (Get-CCDevEnvironment @Project -Id $DevEnvironmentId).Status | Should -Be 'STOPPED'
    }

    It 'starts them again with Start-CCDevEnvironment -Wait' {
        $running = Get-CCDevEnvironment @Project | Start-CCDevEnvironment -Wait -PollIntervalSec 1 -TimeoutSec 60

        $running.Status | Should -Be 'RUNNING'
    }
}

Describe 'A dev environment from creation to removal' {
    AfterAll { Reset-Emulator }

    It 'is created, waited for, renamed, used through a session, stopped and removed' {
        $created = New-CCDevEnvironment @Project -Alias pester-story -Ide VSCode -Repository MyDemoRepo
        $created.Status | Should -BeIn 'PENDING', 'STARTING'

        $running = $created | Wait-CCDevEnvironment -PollIntervalSec 1 -TimeoutSec 60
        $running.Status | Should -Be 'RUNNING'
        $running.Repositories[0].RepositoryName | Should -Be 'MyDemoRepo'

        ($running | Update-CCDevEnvironment -Alias pester-renamed -PassThru).Alias | Should -Be 'pester-renamed'

        $session = $running | Start-CCDevEnvironmentSession
        @($running | Get-CCDevEnvironmentSession).Id | Should -Contain $session.SessionId
        $session | Stop-CCDevEnvironmentSession
        @($running | Get-CCDevEnvironmentSession) | Should -HaveCount 0

        ($running | Stop-CCDevEnvironment -Wait -PollIntervalSec 1).Status | Should -Be 'STOPPED'
        $running | Remove-CCDevEnvironment -Force
        Get-CCDevEnvironment @Project | Where-Object Id -eq $running.Id | Where-Object Status -ne 'DELETING' | Should -BeNullOrEmpty
    }

    It 'reports a dev environment that does not exist as ObjectNotFound for that id, and goes on with the next one' {
        $missing = '00000000-0000-4000-8000-000000000000'
        $found = $missing, $DevEnvironmentId | Get-CCDevEnvironment @Project -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures | Should -HaveCount 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be $missing
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Get-CCDevEnvironment'
        $found.Id | Should -Be $DevEnvironmentId
    }
}

Describe 'Removing a dev environment' {
    AfterAll { Reset-Emulator }

    It 'shows "What if" with the dev environment, its space and project at the prompt, and deletes nothing' {
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "cc-whatif-$([guid]::NewGuid()).txt"
        Start-Transcript -Path $transcript -UseMinimalHeader | Out-Null
        try {
            Get-CCDevEnvironment @Project | Remove-CCDevEnvironment -WhatIf
        }
        finally {
            Stop-Transcript | Out-Null
        }

        Get-Content -Raw $transcript |
            Should -Match "What if: Performing the operation ""Remove-CCDevEnvironment"" on target ""dev environment $DevEnvironmentId in ExampleCorp/MyDemoProject"""
        Remove-Item $transcript
        (Get-CCDevEnvironment @Project -Id $DevEnvironmentId).Status | Should -Be 'RUNNING'
    }

    It 'does not delete without -Force when confirmation cannot be asked' {
        $shell = [Environment]::ProcessPath
        [string[]] $shellArguments = if ([IO.Path]::GetFileNameWithoutExtension($shell) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
        $result = & $shell @shellArguments -NoProfile -NonInteractive -Command "
            Import-Module '$($script:ModuleManifest)'
            Remove-CCDevEnvironment -SpaceName ExampleCorp -ProjectName MyDemoProject -Id $DevEnvironmentId
            'exit'" 2>&1

        ($result -join "`n") | Should -Not -BeNullOrEmpty
        (Get-CCDevEnvironment @Project -Id $DevEnvironmentId).Status | Should -Be 'RUNNING'
    }
}

Describe 'A session''s credentials' {
    BeforeAll {
        $script:Session = Start-CCDevEnvironmentSession @Project -Id $DevEnvironmentId
        $script:TokenValue = ConvertFrom-SecureString -SecureString $Session.TokenValue -AsPlainText
        $script:StreamUrl = ConvertFrom-SecureString -SecureString $Session.StreamUrl -AsPlainText
        $script:SavedRendering = $PSStyle.OutputRendering
        $PSStyle.OutputRendering = 'PlainText'

        function Assert-NoSecret {
            param([Parameter(ValueFromPipeline)] [string[]] $Text)
            begin { $all = [Collections.Generic.List[string]]::new() }
            process { $all.AddRange([string[]]@($Text | Where-Object { $null -ne $_ })) }
            end {
                $joined = $all -join "`n"
                $joined | Should -Not -BeNullOrEmpty
                $joined.Contains($TokenValue) | Should -BeFalse -Because 'the session token is a secret'
                $joined.Contains($StreamUrl) | Should -BeFalse -Because 'the stream URL is a secret'
                $joined | Should -Not -Match 'ssmmessages'
            }
        }
    }

    AfterAll {
        $PSStyle.OutputRendering = $SavedRendering
        Reset-Emulator
    }

    It 'are SecureStrings holding a real token and stream URL' {
        $Session.TokenValue | Should -BeOfType [securestring]
        $Session.StreamUrl | Should -BeOfType [securestring]
        $TokenValue.Length | Should -BeGreaterOrEqual 32
        $StreamUrl | Should -Match '^wss://'
    }

    It 'show in no view, string form or JSON' {
        $Session | Format-Table | Out-String -Width 300 | Assert-NoSecret
        $Session | Format-List * | Out-String -Width 300 | Assert-NoSecret
        $Session | Out-String -Width 300 | Assert-NoSecret
        "$Session", $Session.ToString(), [string]$Session | Assert-NoSecret
        $Session | ConvertTo-Json -Depth 5 | Assert-NoSecret
        $Session | Format-List * | Out-String | Should -Match 'TokenValue\s*: System\.Security\.SecureString'
    }

    It 'show in no verbose or debug message' {
        $DebugPreference = 'Continue'
        $streams = & {
            $another = Start-CCDevEnvironmentSession @Project -Id $DevEnvironmentId -Verbose -Debug
            $another | Stop-CCDevEnvironmentSession -Verbose -Debug
            $another | Format-List * | Out-String
        } 4>&1 5>&1 | ForEach-Object { "$_" }
        $DebugPreference = 'SilentlyContinue'

        ($streams -join "`n") | Should -Match 'StartDevEnvironmentSession|/session'
        $streams | Assert-NoSecret
    }

    It 'show in no error, nor in $Error afterwards' {
        $Error.Clear()
        $Session | Stop-CCDevEnvironmentSession
        $Session | Stop-CCDevEnvironmentSession -ErrorAction SilentlyContinue

        $Error.Count | Should -BeGreaterThan 0
        $Error | ForEach-Object { $_ | Out-String; $_.Exception.ToString(); [string]$_.TargetObject; $_.ErrorDetails.Message } | Assert-NoSecret
    }

    It 'come as plain strings with -AsPlainText, for those who ask' {
        $plain = Start-CCDevEnvironmentSession @Project -Id $DevEnvironmentId -AsPlainText

        $plain.TokenValue | Should -BeOfType [string]
        $plain.TokenValue.Length | Should -BeGreaterOrEqual 32
        $plain.StreamUrl | Should -Match '^wss://'
        # Even then the table view leaves them out.
        ($plain | Format-Table | Out-String -Width 300).Contains($plain.TokenValue) | Should -BeFalse
    }
}
