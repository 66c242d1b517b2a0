#Requires -Version 7.4
<#
    The issue's runbook in a real PowerShell, signed with SigV4 by the emulator's test credentials from the
    environment: Start-CCAmplifyDeployment from an S3 bucket prefix and from a zip made here, piped into
    Wait-CCAmplifyJob; a failing branch's job as an error carrying the job; a missing zip before any request; -WhatIf;
    and no secret or upload URL in any stream. Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/AmplifyDeploy.Tests.ps1
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emulator = $null
    $script:Emulator = Initialize-StoryEnvironment
    $script:SavedAwsEnvironment = Set-AmplifyStoryEnvironment $Emulator $TestDrive
}

AfterAll {
    Restore-AmplifyStoryEnvironment $script:SavedAwsEnvironment
    Reset-StoryEnvironment $script:Emulator
}

Describe 'Deploying and waiting, as a runbook does' {
    It 'deploys an S3 bucket prefix and waits for the job to succeed' {
        $job = Start-CCAmplifyDeployment -AppId d2abc -BranchName main -SourceUrl s3://bucket/site/ -SourceUrlType BUCKET_PREFIX |
            Wait-CCAmplifyJob -PollIntervalSec 1 -ErrorAction Stop

        $job | Should -BeOfType ([CodeCatalyst.Amplify.Models.Job])
        $job.Status | Should -Be 'SUCCEED'
        $job.AppId | Should -Be 'd2abc'
        $job.BranchName | Should -Be 'main'
        $job.JobType | Should -Be 'MANUAL'
    }

    It 'uploads a zip made here, deploys it and waits, with no upload URL or secret in any stream' {
        $site = Join-Path $TestDrive 'site'
        New-Item -ItemType Directory -Path $site | Out-Null
        Set-Content -Path (Join-Path $site 'index.html') -Value '<html><body>Hello from the runbook</body></html>'
        $zip = Join-Path $TestDrive 'site.zip'
        Compress-Archive -Path (Join-Path $site '*') -DestinationPath $zip

        $everything = & {
            Start-CCAmplifyDeployment -AppId d2abc -BranchName main -Path $zip -Verbose -Debug |
                Wait-CCAmplifyJob -PollIntervalSec 1 -Verbose
        } *>&1
        $job = $everything | Where-Object { $_ -is [CodeCatalyst.Amplify.Models.Job] }
        @($everything | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty

        $job.Status | Should -Be 'SUCCEED'
        $text = $everything | ForEach-Object { "$_" }
        $text | Assert-NoSecret
        ($text -join "`n") | Should -Not -Match '_amplify-uploads' -Because 'the upload URL is a secret'
    }

    It 'writes a failed job and an AmplifyJobFailed error that carries it' {
        $job = Start-CCAmplifyDeployment -AppId d2abc -BranchName dev -SourceUrl https://example.com/site.zip |
            Wait-CCAmplifyJob -PollIntervalSec 1 -ErrorVariable failures -ErrorAction SilentlyContinue

        $job.Status | Should -Be 'FAILED'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AmplifyJobFailed,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidResult'
        $failures[0].Exception.Job.JobId | Should -Be $job.JobId
    }
}

Describe 'Before anything is sent' {
    It 'says a missing zip does not exist' {
        $missing = Join-Path $TestDrive 'missing.zip'
        Start-CCAmplifyDeployment -AppId d2abc -BranchName main -Path $missing -ErrorVariable failures -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty

        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ZipFileNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses a -SourceUrlType outside ZIP and BUCKET_PREFIX' {
        { Start-CCAmplifyDeployment -AppId d2abc -BranchName main -SourceUrl s3://bucket/site/ -SourceUrlType FOLDER } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,CodeCatalyst.Cmdlets.Amplify.StartCCAmplifyDeploymentCommand'
    }

    It 'starts nothing under -WhatIf' {
        $before = @(Get-CCAmplifyJob -AppId d2abc -BranchName main).Count
        Start-CCAmplifyDeployment -AppId d2abc -BranchName main -SourceUrl s3://bucket/site/ -SourceUrlType BUCKET_PREFIX -WhatIf |
            Should -BeNullOrEmpty
        @(Get-CCAmplifyJob -AppId d2abc -BranchName main).Count | Should -Be $before
    }
}
