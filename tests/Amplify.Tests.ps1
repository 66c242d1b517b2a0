#Requires -Version 7.4
<#
    AWS Amplify apps, branches and jobs in a real PowerShell, signed with SigV4 by the emulator's test credentials
    from the environment, as a CI job would have them: the chain from apps down to jobs, finding apps by name and
    by ID, a job with its steps, missing apps, branches and jobs, a wrong secret, explicit credentials, the table
    views, and no secret in any output. Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/Amplify.Tests.ps1
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

Describe 'The chain from apps down to jobs' {
    It 'goes Get-CCAmplifyApp | Get-CCAmplifyBranch | Get-CCAmplifyJob -First 5, each job carrying its app and branch' {
        $jobs = @(Get-CCAmplifyApp | Get-CCAmplifyBranch | Get-CCAmplifyJob -First 5)

        # -First counts per branch piped in: every branch of the sample data has fewer than five jobs.
        $jobs.Count | Should -Be 8
        $jobs | ForEach-Object {
            $_.PSObject.TypeNames[0] | Should -Be 'CodeCatalyst.Amplify.Models.JobSummary'
            $_.AppId | Should -Not -BeNullOrEmpty
            $_.BranchName | Should -Not -BeNullOrEmpty
            $_.JobId | Should -Match '^[0-9]+$'
        }
        @($jobs | ForEach-Object { "$($_.AppId)/$($_.BranchName)" } | Sort-Object -Unique) |
            Should -Be @('d2abc/dev', 'd2abc/main', 'd3docs4portal/dev', 'd3docs4portal/main')
        @($jobs | Where-Object BranchName -eq 'main' | Select-Object -ExpandProperty Status -Unique) | Should -Be @('SUCCEED')
        @($jobs | Where-Object BranchName -eq 'dev' | Select-Object -ExpandProperty Status -Unique) | Should -Be @('FAILED')
    }

    It 'lists a branch''s jobs newest first and stops at -First' {
        $jobs = @(Get-CCAmplifyJob -AppId d2abc -BranchName main -First 2)

        $jobs.JobId | Should -Be @('3', '2')
        $jobs[0].StartTime | Should -BeGreaterThan $jobs[1].StartTime
    }

    It 'lists the branches of an app piped in, each carrying its AppId' {
        $branches = @(Get-CCAmplifyApp -AppId d3docs4portal | Get-CCAmplifyBranch)

        $branches[0].PSObject.TypeNames[0] | Should -Be 'CodeCatalyst.Amplify.Models.Branch'
        ($branches.BranchName | Sort-Object) | Should -Be @('dev', 'main')
        $branches.AppId | Should -Be @('d3docs4portal', 'd3docs4portal')
        ($branches | Where-Object BranchName -eq 'main').Stage | Should -Be 'PRODUCTION'
        ($branches | Where-Object BranchName -eq 'main').ActiveJobId | Should -Be '3'
    }
}

Describe 'Finding apps' {
    It 'finds apps by their name with a wildcard, without case, and never by their ID' {
        $corp = @(Get-CCAmplifyApp -Name 'CORP*')
        $corp.Name | Should -Be 'corp-site'
        $corp.AppId | Should -Be 'd2abc'

        (Get-CCAmplifyApp -Name 'docs-*', 'corp-site' | Sort-Object Name).AppId | Should -Be @('d2abc', 'd3docs4portal')

        # 'd2*' is the start of an ID, not of a name: a pattern that matches nothing writes nothing and no error.
        $none = @(Get-CCAmplifyApp -Name 'd2*' -ErrorVariable failures)
        $none.Count | Should -Be 0
        $failures | Should -HaveCount 0
    }

    It 'reads one app by its ID' {
        $app = Get-CCAmplifyApp -AppId d2abc

        $app | Should -HaveCount 1
        $app.PSObject.TypeNames[0] | Should -Be 'CodeCatalyst.Amplify.Models.App'
        $app.Name | Should -Be 'corp-site'
        $app.DefaultDomain | Should -Be 'd2abc.amplifyapp.com'
        $app.UpdateTime.Kind | Should -Be 'Local'
    }
}

Describe 'A job with its steps' {
    It 'reads a job by its ID, with its steps and the summary''s members' {
        $job = Get-CCAmplifyJob -AppId d2abc -BranchName main -JobId 3

        $job | Should -HaveCount 1
        $job.PSObject.TypeNames[0] | Should -Be 'CodeCatalyst.Amplify.Models.Job'
        $job.JobId | Should -Be '3'
        $job.JobType | Should -Be 'MANUAL'
        $job.Status | Should -Be 'SUCCEED'
        $job.CommitMessage | Should -Be 'Manual deployment'
        $job.StartTime | Should -Not -BeNullOrEmpty
        $job.EndTime | Should -BeGreaterThan $job.StartTime
        @($job.Steps).Count | Should -BeGreaterOrEqual 1
        $job.Steps[0].StepName | Should -Be 'DEPLOY'
    }

    It 'reads the full job of a summary piped in' {
        $summary = Get-CCAmplifyJob -AppId d3docs4portal -BranchName dev -First 1
        $job = $summary | Get-CCAmplifyJob

        $job.PSObject.TypeNames[0] | Should -Be 'CodeCatalyst.Amplify.Models.Job'
        $job.JobId | Should -Be $summary.JobId
        $job.Status | Should -Be 'FAILED'
        $job.JobType | Should -Be 'RELEASE'
        @($job.Steps).Count | Should -BeGreaterOrEqual 1
    }
}

Describe 'Errors from these cmdlets' {
    It 'reports a missing app as ObjectNotFound with the app ID as its target, and goes on with the next ID' {
        $found = Get-CCAmplifyApp -AppId d0missing, d2abc -ErrorAction SilentlyContinue -ErrorVariable failures

        $found.AppId | Should -Be 'd2abc'
        $failures | Should -HaveCount 1
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 'd0missing'
    }

    It 'reports a missing branch and a missing job as ObjectNotFound, after what exists' {
        $branches = Get-CCAmplifyBranch -AppId d2abc -BranchName main, 'no-such-branch' -ErrorAction SilentlyContinue -ErrorVariable branchFailures
        $branches.BranchName | Should -Be 'main'
        $branchFailures | Should -HaveCount 1
        $branchFailures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $branchFailures[0].TargetObject | Should -Be 'no-such-branch'

        $jobs = Get-CCAmplifyJob -AppId d2abc -BranchName main -JobId 1, 999 -ErrorAction SilentlyContinue -ErrorVariable jobFailures
        $jobs.JobId | Should -Be '1'
        $jobFailures | Should -HaveCount 1
        $jobFailures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $jobFailures[0].TargetObject | Should -Be '999'
    }

    It 'refuses -AccessKey/-SecretKey with -Credential before sending anything' {
        $secret = ConvertTo-SecureString $SecretAccessKey -AsPlainText -Force
        $credential = [pscredential]::new($AccessKeyId, $secret)
        Clear-EmulatorRequest $Emulator

        # -ErrorAction Stop turns the error into an exception whether the cmdlet writes it or throws it.
        $failure = $null
        try { Get-CCAmplifyApp -AccessKey $AccessKeyId -SecretKey $secret -Credential $credential -ErrorAction Stop }
        catch { $failure = $_ }

        $failure | Should -Not -BeNullOrEmpty
        (Get-EmulatorRequest $Emulator).Count | Should -Be 0
    }
}

Describe 'A wrong secret' {
    BeforeAll {
        $env:AWS_SECRET_ACCESS_KEY = $WrongSecret
    }

    AfterAll {
        $env:AWS_SECRET_ACCESS_KEY = $SecretAccessKey
    }

    It 'is refused by AWS as PermissionDenied or AuthenticationError, and the error never shows the secret' {
        $Error.Clear()
        # -ErrorAction Stop turns the error into an exception whether the cmdlet writes it or throws it.
        $apps = $null
        $failure = $null
        try { $apps = Get-CCAmplifyApp -ErrorAction Stop }
        catch { $failure = $_ }

        $apps | Should -BeNullOrEmpty
        $failure | Should -Not -BeNullOrEmpty
        $failure.CategoryInfo.Category | Should -BeIn @('PermissionDenied', 'AuthenticationError')
        $failure | ForEach-Object {
            $_ | Out-String -Width 300
            $_.Exception.ToString()
            $_.Exception.Message
            [string]$_.TargetObject
            $_.ErrorDetails.Message
            $_.ErrorDetails.RecommendedAction
        } | Assert-NoSecret
        $Error | ForEach-Object { $_ | Out-String -Width 300; $_.Exception.ToString() } | Assert-NoSecret
    }

    It 'does not show the secret in verbose or debug output either' {
        $DebugPreference = 'Continue'
        try {
            $streams = & { Get-CCAmplifyApp -AppId d2abc -Verbose -Debug -ErrorAction SilentlyContinue } *>&1 | ForEach-Object { "$_" }
        }
        finally {
            $DebugPreference = 'SilentlyContinue'
        }

        $streams | Assert-NoSecret
    }

    It 'gives way to explicit -Credential, which wins over the environment' {
        $credential = [pscredential]::new($AccessKeyId, (ConvertTo-SecureString $SecretAccessKey -AsPlainText -Force))

        (Get-CCAmplifyApp -AppId d2abc -Credential $credential).Name | Should -Be 'corp-site'
        (Get-CCAmplifyApp -AppId d2abc -AccessKey $AccessKeyId -SecretKey $credential.Password).Name | Should -Be 'corp-site'
    }
}

Describe 'What a person sees' {
    BeforeAll {
        $script:SavedRendering = $PSStyle.OutputRendering
        $PSStyle.OutputRendering = 'PlainText'
        $script:Outputs = @(
            @{ Type = 'App'; Columns = 'Name', 'AppId', 'Platform', 'DefaultDomain', 'Updated'; Object = Get-CCAmplifyApp -AppId d2abc; Key = 'd2abc'; DateProperty = 'UpdateTime' }
            @{ Type = 'Branch'; Columns = 'AppId', 'BranchName', 'Stage', 'DisplayName', 'ActiveJobId', 'Updated'; Object = Get-CCAmplifyBranch -AppId d2abc -BranchName main; Key = 'main'; DateProperty = 'UpdateTime' }
            @{ Type = 'JobSummary'; Columns = 'JobId', 'JobType', 'Status', 'Started', 'Ended', 'CommitMessage'; Object = Get-CCAmplifyJob -AppId d2abc -BranchName main -First 1; Key = 'Manual deployment'; DateProperty = 'EndTime' }
            @{ Type = 'Job'; Columns = 'JobId', 'Status', 'Started', 'Ended', 'Steps'; Object = Get-CCAmplifyJob -AppId d2abc -BranchName main -JobId 3; Key = 'SUCCEED'; DateProperty = 'EndTime' }
        )
    }

    AfterAll {
        $PSStyle.OutputRendering = $SavedRendering
    }

    It 'shows the view''s columns in Format-Table, with values and dates to the second' {
        foreach ($output in $Outputs) {
            $object = $output.Object
            $object.PSObject.TypeNames[0] | Should -Be "CodeCatalyst.Amplify.Models.$($output.Type)"
            $text = $object | Format-Table | Out-String -Width 300

            $header = '(?m)^' + (($output.Columns | ForEach-Object { [regex]::Escape($_) }) -join '\s+') + '\s*$'
            $text | Should -Match $header -Because "the $($output.Type) view shows $($output.Columns -join ', ')"
            $text | Should -Not -Match 'CodeCatalyst\.Amplify\.Models\.'
            $text | Should -Match ([regex]::Escape($output.Key))
            $text | Should -Match ([regex]::Escape($object.($output.DateProperty).ToString('yyyy-MM-dd HH:mm:ss')))
        }
    }

    It 'counts a job''s steps in the Steps column' {
        $job = ($Outputs | Where-Object Type -eq 'Job').Object
        $text = $job | Format-Table | Out-String -Width 300

        $text | Should -Match "(?m)^$([regex]::Escape($job.JobId))\s+SUCCEED\s+.*\s$(@($job.Steps).Count)\s*$"
    }

    It 'shows no secret in any view, JSON or stream' {
        $everything = & {
            Get-CCAmplifyApp -Verbose -Debug
            Get-CCAmplifyBranch -AppId d2abc -Verbose -Debug
            Get-CCAmplifyJob -AppId d2abc -BranchName main -JobId 3 -Verbose -Debug
        } *>&1 | ForEach-Object { "$_" }
        $everything | Assert-NoSecret

        foreach ($output in $Outputs) {
            $output.Object | Format-Table | Out-String -Width 300 | Assert-NoSecret
            $output.Object | Format-List * | Out-String -Width 300 | Assert-NoSecret
            $output.Object | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue | Assert-NoSecret
        }
    }
}
