#Requires -Version 7.4
<#
    Personal access tokens, users and the event log in a real PowerShell: removing expired tokens with
    Get-CCAccessToken | Where-Object ExpiresTime -lt (Get-Date) | Remove-CCAccessToken, in this time zone and in one
    east of UTC; a new token's secret kept out of every view, string, JSON and stream at a prompt; what -WhatIf shows
    and what happens without confirmation; Get-CCUser; and Get-CCEventLog showing what was just done. Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/TokensUsersEvents.Tests.ps1
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emulator = $null
    $script:Emulator = Initialize-StoryEnvironment

    function Reset-Emulator {
        Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/reset" | Out-Null
    }

    function Invoke-ChildShell {
        # Runs a command in a new pwsh with the built module imported (and this one's environment: the emulator's
        # endpoint and token), with $env:TZ set as given, and returns what it writes.
        param([Parameter(Mandatory)] [string] $Command, [string] $TimeZone)

        $shell = [Environment]::ProcessPath
        [string[]] $shellArguments = if ([IO.Path]::GetFileNameWithoutExtension($shell) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
        $savedZone = $env:TZ
        if ($TimeZone) { $env:TZ = $TimeZone }
        try {
            & $shell @shellArguments -NoProfile -NonInteractive -Command "Import-Module '$($script:ModuleManifest)'; $Command" 2>&1 |
                ForEach-Object { "$_" }
        }
        finally {
            $env:TZ = $savedZone
        }
    }

    function New-ExpiringTokenSet {
        # Three tokens: one that expires in a few seconds (and is waited out), one in five hours, one in a year.
        Reset-Emulator
        New-CCAccessToken -Name 'expires-soon' -ExpiresTime ([datetime]::UtcNow.AddSeconds(3)) | Out-Null
        New-CCAccessToken -Name 'expires-later-today' -ExpiresTime ([datetime]::UtcNow.AddHours(5)) | Out-Null
        New-CCAccessToken -Name 'expires-next-year' | Out-Null
        Start-Sleep -Seconds 4
    }
}

AfterAll {
    Reset-StoryEnvironment $script:Emulator
}

Describe 'Removing expired tokens' {
    AfterAll { Reset-Emulator }

    It 'Get-CCAccessToken | Where-Object ExpiresTime -lt (Get-Date) | Remove-CCAccessToken -Force removes only the expired one' {
        New-ExpiringTokenSet

        Get-CCAccessToken | Where-Object ExpiresTime -lt (Get-Date) | Remove-CCAccessToken -Force

        (Get-CCAccessToken).Name | Sort-Object | Should -Be @('expires-later-today', 'expires-next-year')
    }

    It 'does the same in a time zone east of UTC (Asia/Tokyo), where Get-Date is hours ahead of UTC' {
        # .NET reads the time zone once per process, so the chain runs in a child pwsh started with TZ=Asia/Tokyo.
        # Comparing a UTC ExpiresTime with the local Get-Date there would take the token that expires later today
        # for an expired one: the output times must be local for the comparison to be right in every zone.
        New-ExpiringTokenSet

        $output = Invoke-ChildShell -TimeZone 'Asia/Tokyo' -Command '
            "zone: $([TimeZoneInfo]::Local.BaseUtcOffset)"
            Get-CCAccessToken | Where-Object ExpiresTime -lt (Get-Date) | Remove-CCAccessToken -Force'

        $output | Should -Contain 'zone: 09:00:00' -Because ($output -join "`n")
        (Get-CCAccessToken).Name | Sort-Object | Should -Be @('expires-later-today', 'expires-next-year')
    }
}

Describe 'A new token''s secret at the prompt' {
    BeforeAll {
        $script:Pat = New-CCAccessToken -Name 'prompt-token' -ExpiresTime (Get-Date).AddDays(30)
        $script:Secret = ConvertFrom-SecureString -SecureString $Pat.Secret -AsPlainText
        $script:SavedRendering = $PSStyle.OutputRendering
        $PSStyle.OutputRendering = 'PlainText'

        function Assert-NoSecret {
            param([Parameter(ValueFromPipeline)] [string[]] $Text)
            begin { $all = [Collections.Generic.List[string]]::new() }
            process { $all.AddRange([string[]]@($Text | Where-Object { $null -ne $_ })) }
            end {
                $joined = $all -join "`n"
                $joined | Should -Not -BeNullOrEmpty
                $joined.Contains($Secret) | Should -BeFalse -Because 'the token''s secret must not be shown'
                $joined.Contains($Secret.Substring(0, 12)) | Should -BeFalse -Because 'not even the start of the secret'
            }
        }
    }

    AfterAll {
        $PSStyle.OutputRendering = $SavedRendering
        Reset-Emulator
    }

    It 'is a SecureString holding a real token, and the rest of the object is plain' {
        $Pat.Secret | Should -BeOfType [securestring]
        $Secret.Length | Should -BeGreaterOrEqual 32
        $Pat.Name | Should -Be 'prompt-token'
        $Pat.Id | Should -Not -BeNullOrEmpty
        $Pat.ExpiresTime | Should -BeOfType [datetime]
    }

    It 'shows in no view, string form or JSON' {
        $Pat | Format-Table | Out-String -Width 300 | Assert-NoSecret
        $Pat | Format-List * | Out-String -Width 300 | Assert-NoSecret
        $Pat | Out-String -Width 300 | Assert-NoSecret
        "$Pat", $Pat.ToString(), [string]$Pat | Assert-NoSecret
        $Pat | ConvertTo-Json -Depth 5 | Assert-NoSecret
        $Pat | Format-List * | Out-String | Should -Match 'Secret\s*: System\.Security\.SecureString'
        $Pat | Format-Table | Out-String -Width 300 | Should -Match "prompt-token\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+$([regex]::Escape($Pat.Id))"
    }

    It 'shows in no verbose or debug message, nor in the listing' {
        $DebugPreference = 'Continue'
        $streams = & {
            $another = New-CCAccessToken -Name 'verbose-token' -Verbose -Debug
            $another | Remove-CCAccessToken -Force -Verbose -Debug
            Get-CCAccessToken -Verbose -Debug | Format-List * | Out-String
        } 4>&1 5>&1 | ForEach-Object { "$_" }
        $DebugPreference = 'SilentlyContinue'

        ($streams -join "`n") | Should -Match 'CreateAccessToken|/v1/accessTokens'
        $streams | Assert-NoSecret
    }

    It 'shows in no error, nor in $Error afterwards' {
        $Error.Clear()
        $Pat | Remove-CCAccessToken -Force
        $Pat | Remove-CCAccessToken -Force -ErrorAction SilentlyContinue

        $Error.Count | Should -BeGreaterThan 0
        $Error[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $Error | ForEach-Object { $_ | Out-String; $_.Exception.ToString(); [string]$_.TargetObject; $_.ErrorDetails.Message } | Assert-NoSecret
    }

    It 'comes as a plain string with -AsPlainText, for those who ask, and still not in the table view' {
        $plain = New-CCAccessToken -Name 'plain-token' -AsPlainText

        $plain.Secret | Should -BeOfType [string]
        $plain.Secret.Length | Should -BeGreaterOrEqual 32
        ($plain | Format-Table | Out-String -Width 300).Contains($plain.Secret) | Should -BeFalse
        $plain | Remove-CCAccessToken -Force
        @(Get-CCAccessToken | ForEach-Object Name) | Should -Not -Contain 'plain-token'
    }
}

Describe 'Removing a token' {
    BeforeAll {
        Reset-Emulator
        $script:Kept = New-CCAccessToken -Name 'kept-token'
    }

    AfterAll { Reset-Emulator }

    It 'shows "What if" with the token''s name and id at the prompt, and deletes nothing' {
        $transcript = Join-Path ([IO.Path]::GetTempPath()) "cc-whatif-$([guid]::NewGuid()).txt"
        Start-Transcript -Path $transcript -UseMinimalHeader | Out-Null
        try {
            Get-CCAccessToken -Name 'kept-*' | Remove-CCAccessToken -WhatIf
        }
        finally {
            Stop-Transcript | Out-Null
        }

        Get-Content -Raw $transcript |
            Should -Match "What if: Performing the operation ""Remove-CCAccessToken"" on target ""access token 'kept-token' \($($Kept.Id)\)"""
        Remove-Item $transcript
        (Get-CCAccessToken).Name | Should -Contain 'kept-token'
    }

    It 'does not delete without -Force when confirmation cannot be asked' {
        $output = Invoke-ChildShell -Command "Remove-CCAccessToken -Id $($Kept.Id); 'exit'"

        ($output -join "`n") | Should -Not -BeNullOrEmpty
        (Get-CCAccessToken).Name | Should -Contain 'kept-token'
    }

    It 'refuses a piped workflow, whose Id is not a token''s, and deletes nothing' {
        Get-CCWorkflow @Project | Remove-CCAccessToken -Force -ErrorAction SilentlyContinue -ErrorVariable refused

        $refused.Count | Should -BeGreaterThan 0
        $refused[0].FullyQualifiedErrorId | Should -Match '^InputObjectNotBound'
        (Get-CCAccessToken).Name | Should -Contain 'kept-token'
    }
}

Describe 'Users' {
    It 'are found by user name, by a piped user, and by the CreatorId of a dev environment' {
        $user = Get-CCUser MaryMajor
        $user.UserName | Should -Be 'MaryMajor'
        $user.PrimaryEmail.Email | Should -Match '@'
        "$user" | Should -Be 'MaryMajor'
        ($user | Get-CCUser).UserId | Should -Be $user.UserId

        $creators = Get-CCDevEnvironment @Project | ForEach-Object { Get-CCUser -Id $_.CreatorId }
        $creators | Should -Not -BeNullOrEmpty
        $creators[0] | Should -BeOfType ([CodeCatalyst.Models.User])
    }

    It 'show as a table of user name, display name, email and id' {
        $text = Get-CCUser MaryMajor | Format-Table | Out-String -Width 300
        $text | Should -Match '(?m)^UserName\s+DisplayName\s+Email\s+UserId\s*$'
        $text | Should -Match 'MaryMajor\s+Mary Major\s+\S+@\S+\s+[0-9a-f-]{36}'
    }

    It 'that do not exist are ObjectNotFound, and a bad user name is refused before the wire' {
        Get-CCUser -UserName NoSuchUser -ErrorAction SilentlyContinue -ErrorVariable missing
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $missing[0].TargetObject | Should -Be 'NoSuchUser'

        Clear-EmulatorRequest $Emulator
        Get-CCUser -UserName 'not valid' -ErrorAction SilentlyContinue -ErrorVariable invalid
        $invalid[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-EmulatorRequest $Emulator -Operation GetUserDetails).Count | Should -Be 0
    }
}

Describe 'The event log after some actions' {
    BeforeAll {
        Reset-Emulator
        $script:Started = Get-Date
        $project = New-CCProject -SpaceName ExampleCorp -DisplayName 'audit-story'
        $repository = New-CCSourceRepository -SpaceName ExampleCorp -ProjectName $project.Name -Name 'audit-repo'
        $repository | Remove-CCSourceRepository -Force
    }

    AfterAll { Reset-Emulator }

    It 'shows each action, who did it and in which project, oldest first' {
        $events = Get-CCEventLog -SpaceName ExampleCorp -StartTime $Started.AddMinutes(-1)

        $ours = @($events | Where-Object { $_.ProjectInformation.Name -eq 'audit-story' })
        $ours.EventName | Should -Be @('CreateProject', 'CreateSourceRepository', 'DeleteSourceRepository')
        $ours | ForEach-Object {
            $_.SpaceName | Should -Be 'ExampleCorp'
            $_.UserIdentity.UserName | Should -Be 'MaryMajor'
            $_.EventTime | Should -BeOfType [datetime]
        }
    }

    It 'keeps one kind of event with -EventName, for a piped space, over the default last day' {
        $deleted = @(Get-CCSpace -Name ExampleCorp | Get-CCEventLog -EventName DeleteSourceRepository)

        $deleted.Count | Should -BeGreaterOrEqual 1
        $deleted.EventName | Sort-Object -Unique | Should -Be 'DeleteSourceRepository'
        $body = (Get-EmulatorRequest $Emulator -Operation ListEventLogs)[-1].body | ConvertFrom-Json
        $body.eventName | Should -Be 'DeleteSourceRepository'
    }

    It 'shows as a table of time, event, user, project and id' {
        $text = Get-CCEventLog -SpaceName ExampleCorp -EventName CreateProject | Format-Table | Out-String -Width 300
        $text | Should -Match '(?m)^Time\s+EventName\s+User\s+Project\s+Id\s*$'
        $text | Should -Match '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+CreateProject\s+MaryMajor\s+audit-story'
    }

    It 'refuses a start after the end before asking the service' {
        Clear-EmulatorRequest $Emulator
        Get-CCEventLog -SpaceName ExampleCorp -StartTime (Get-Date) -EndTime (Get-Date).AddDays(-1) -ErrorAction SilentlyContinue -ErrorVariable refused

        $refused[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        (Get-EmulatorRequest $Emulator -Operation ListEventLogs).Count | Should -Be 0
    }
}
