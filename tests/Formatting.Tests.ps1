#Requires -Version 7.4
<#
    Every object the cmdlets output, through Format-Table, Format-List and ConvertTo-Json in a real PowerShell:
    the views' columns, values rather than type names, readable dates, and no token. Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/Formatting.Tests.ps1
#>

BeforeDiscovery {
    # Each output type with the columns its table view (module/CodeCatalyst*.format.ps1xml) shows, in order, and
    # the property behind the view's date column, if it has one.
    $script:OutputTypes = @(
        @{ Type = 'WorkflowSummary'; Columns = 'Name', 'Id', 'RunMode', 'Status', 'Branch', 'LastUpdated'; DateProperty = 'LastUpdatedTime' }
        @{ Type = 'Workflow'; Columns = 'Name', 'Id', 'RunMode', 'Status', 'Branch', 'LastUpdated'; DateProperty = 'LastUpdatedTime' }
        @{ Type = 'WorkflowRunSummary'; Columns = 'Workflow', 'Id', 'Status', 'Started', 'Ended'; DateProperty = 'EndTime' }
        @{ Type = 'WorkflowRun'; Columns = 'Id', 'Status', 'Started', 'Ended', 'WorkflowId'; DateProperty = 'EndTime' }
        @{ Type = 'WorkflowRunStartResult'; Columns = 'Id', 'WorkflowId', 'Project', 'Space'; DateProperty = $null }
        @{ Type = 'SessionInfo'; Columns = 'Identity', 'TokenSource', 'Endpoint'; DateProperty = $null }
        @{ Type = 'ConnectionContext'; Columns = 'Space', 'Project', 'TokenSource', 'Endpoint', 'Identity', 'Region'; DateProperty = $null }
        @{ Type = 'Space'; Columns = 'Name', 'Region', 'DisplayName', 'Description'; DateProperty = $null }
        @{ Type = 'Project'; Columns = 'SpaceName', 'Name', 'DisplayName', 'Description'; DateProperty = $null }
        @{ Type = 'Subscription'; Columns = 'SpaceName', 'SubscriptionType', 'AwsAccountName', 'Pending', 'PendingFrom'; DateProperty = $null }
        @{ Type = 'SourceRepository'; Columns = 'ProjectName', 'Name', 'LastUpdated', 'Description'; DateProperty = 'LastUpdatedTime' }
        @{ Type = 'SourceRepositoryBranch'; Columns = 'Repository', 'Name', 'HeadCommitId', 'LastUpdated'; DateProperty = 'LastUpdatedTime' }
        @{ Type = 'SourceRepositoryCloneUrl'; Columns = 'Repository', 'Https'; DateProperty = $null }
        @{ Type = 'DevEnvironment'; Columns = 'Alias', 'Id', 'Status', 'InstanceType', 'Project', 'LastUpdated'; DateProperty = 'LastUpdatedTime' }
        @{ Type = 'DevEnvironmentSession'; Columns = 'Id', 'DevEnvironmentId', 'Started', 'Project', 'Space'; DateProperty = 'StartedTime' }
        @{ Type = 'DevEnvironmentSessionAccess'; Columns = 'SessionId', 'Id', 'Project', 'Space'; DateProperty = $null }
        @{ Type = 'DevEnvironmentSessionPlainTextAccess'; Columns = 'SessionId', 'Id', 'Project', 'Space'; DateProperty = $null }
        @{ Type = 'AccessToken'; Columns = 'Name', 'Expires', 'Id'; DateProperty = 'ExpiresTime' }
        @{ Type = 'CreatedAccessToken'; Columns = 'Name', 'Expires', 'Id'; DateProperty = 'ExpiresTime' }
        @{ Type = 'CreatedAccessTokenPlainText'; Columns = 'Name', 'Expires', 'Id'; DateProperty = 'ExpiresTime' }
        @{ Type = 'User'; Columns = 'UserName', 'DisplayName', 'Email', 'UserId'; DateProperty = $null }
        @{ Type = 'EventLogEntry'; Columns = 'Time', 'EventName', 'User', 'Project', 'Id'; DateProperty = 'EventTime' }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    $script:Emulator = $null
    $script:Emulator = Initialize-StoryEnvironment
    $script:SavedRendering = $PSStyle.OutputRendering
    $PSStyle.OutputRendering = 'PlainText'

    # One real object of each type, made the way a user would make it.
    $started = Start-CCWorkflowRun @Project -WorkflowId $BuildWorkflowId
    $devEnvironment = Get-CCDevEnvironment @Project
    $sessionAccess = $devEnvironment | Start-CCDevEnvironmentSession
    $plainTextAccess = $devEnvironment | Start-CCDevEnvironmentSession -AsPlainText
    $finished = $started | Wait-CCWorkflowRun -PollIntervalSec 1 -TimeoutSec 60
    $createdToken = New-CCAccessToken -Name 'format-token'
    $plainTextToken = New-CCAccessToken -Name 'format-plain-token' -AsPlainText
    New-CCProject -SpaceName $Project.SpaceName -DisplayName 'format-events' | Out-Null
    $script:Outputs = @{
        WorkflowSummary = Get-CCWorkflow @Project | Where-Object Name -eq 'build'
        Workflow = Get-CCWorkflow @Project -Id $BuildWorkflowId
        WorkflowRunStartResult = $started
        WorkflowRun = $finished
        WorkflowRunSummary = Get-CCWorkflowRun @Project -WorkflowId $BuildWorkflowId | Where-Object Id -eq $started.Id
        SessionInfo = Test-CCSession
        ConnectionContext = Connect-CCAccount @Project
        Space = Get-CCSpace -Name $Project.SpaceName
        Project = Get-CCProject -SpaceName $Project.SpaceName -Name $Project.ProjectName
        Subscription = Get-CCSubscription -SpaceName $Project.SpaceName
        # Read by name: GetSourceRepository's answer has no Id, so the view must work without one.
        SourceRepository = Get-CCSourceRepository @Project -Name MyDemoRepo
        SourceRepositoryBranch = Get-CCSourceRepositoryBranch @Project -SourceRepositoryName MyDemoRepo -Name main
        SourceRepositoryCloneUrl = Get-CCSourceRepositoryCloneUrl @Project -SourceRepositoryName MyDemoRepo
        DevEnvironment = $devEnvironment
        DevEnvironmentSession = $devEnvironment | Get-CCDevEnvironmentSession | Where-Object Id -eq $sessionAccess.SessionId
        DevEnvironmentSessionAccess = $sessionAccess
        DevEnvironmentSessionPlainTextAccess = $plainTextAccess
        AccessToken = Get-CCAccessToken -Name 'format-token'
        CreatedAccessToken = $createdToken
        CreatedAccessTokenPlainText = $plainTextToken
        User = Get-CCUser -UserName MaryMajor
        EventLogEntry = Get-CCEventLog -SpaceName $Project.SpaceName -EventName CreateProject | Where-Object { $_.ProjectInformation.Name -eq 'format-events' }
    }
    Disconnect-CCAccount -Confirm:$false
}

AfterAll {
    $PSStyle.OutputRendering = $SavedRendering
    Reset-StoryEnvironment $script:Emulator
}

Describe '<Type>' -ForEach $OutputTypes {
    BeforeAll {
        $script:Output = $Outputs[$Type]
    }

    It 'is one CodeCatalyst.Models.<Type>' {
        $Output | Should -HaveCount 1
        $Output.PSObject.TypeNames[0] | Should -Be "CodeCatalyst.Models.$Type"
    }

    It 'shows its view''s columns in Format-Table, with values and dates to the second' {
        $text = $Output | Format-Table | Out-String -Width 300

        $header = '(?m)^' + (($Columns | ForEach-Object { [regex]::Escape($_) }) -join '\s+') + '\s*$'
        $text | Should -Match $header
        $text | Should -Not -Match 'CodeCatalyst\.Models\.'
        # The value a person looks for first: the id, else the name (a user's UserName), else (for session objects) the endpoint. (An
        # object the service sent without an id, such as a repository read by name, is looked up by its name.)
        $key = foreach ($property in 'Id', 'Name', 'SpaceName', 'UserName', 'Endpoint') { if ($Output.PSObject.Properties[$property] -and "$($Output.$property)") { $Output.$property; break } }
        $text | Should -Match ([regex]::Escape($key))
        if ($DateProperty) {
            $Output.$DateProperty | Should -Not -BeNullOrEmpty
            $text | Should -Match ([regex]::Escape($Output.$DateProperty.ToString('yyyy-MM-dd HH:mm:ss')))
        }
    }

    It 'lists every property by its value in Format-List' {
        $text = $Output | Format-List | Out-String -Width 300

        $text | Should -Not -Match 'CodeCatalyst\.Models\.'
        $text | Should -Not -Match 'System\.(Collections|Object)'
        foreach ($property in $Output.PSObject.Properties) {
            $line = "(?m)^$([regex]::Escape($property.Name))\s*:"
            $text | Should -Match $line -Because "Format-List shows $($property.Name)"
            $value = $property.Value
            if ($value -is [datetime]) {
                $text | Should -Match "$line $([regex]::Escape($value.ToString()))"
            }
            elseif ($value -is [string] -and $value) {
                $text | Should -Match "$line $([regex]::Escape($value))"
            }
        }
    }

    It 'converts to JSON with its values, ISO 8601 dates with their offset and no token' {
        $json = $Output | ConvertTo-Json -Depth 5 -WarningVariable warnings

        $warnings | Should -BeNullOrEmpty
        $json | Should -Not -Match 'CodeCatalyst\.Models\.'
        $json | Should -Not -Match 'pester-token'
        $parsed = $json | ConvertFrom-Json -AsHashtable -DateKind String
        foreach ($property in $Output.PSObject.Properties) {
            $parsed.Keys | Should -Contain $property.Name
            $value = $property.Value
            if ($value -is [datetime]) {
                # Local times go out with their offset, so the instant survives the trip.
                $parsed[$property.Name] | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$'
                [datetimeoffset]::Parse($parsed[$property.Name], [cultureinfo]::InvariantCulture).UtcDateTime | Should -Be $value.ToUniversalTime()
            }
            elseif ($value -is [string]) {
                $parsed[$property.Name] | Should -BeExactly $value
            }
        }
    }
}

Describe 'A failed run' {
    It 'shows its FAILED status as text in Format-Table, Format-List and JSON' {
        $run = Start-CCWorkflowRun @Project -WorkflowId $FailingWorkflowId |
            Wait-CCWorkflowRun -PollIntervalSec 1 -TimeoutSec 60 -ErrorAction SilentlyContinue

        $run.Status | Should -Be 'FAILED'
        ($run | Format-Table | Out-String -Width 300) | Should -Match "$([regex]::Escape($run.Id))\s+FAILED"
        $list = $run | Format-List | Out-String -Width 300
        $list | Should -Match '(?m)^Status\s*: FAILED'
        $list | Should -Not -Match 'CodeCatalyst\.Models\.|System\.Collections'
        ($run | ConvertTo-Json -Depth 5 | ConvertFrom-Json).Status | Should -Be 'FAILED'
    }
}

Describe 'Times east of UTC' {
    # PowerShell compares DateTimes by clock reading and ignores their zone: only local times make a comparison
    # with Get-Date right. A child shell in Tokyo (UTC+9, no daylight saving) shows the difference plainly.
    It 'writes local times, so (Get-Date) and Where-Object comparisons are right, and sends a local input as UTC' {
        Clear-EmulatorRequest $script:Emulator
        $output = Invoke-ChildShell -Environment @{ TZ = 'Asia/Tokyo' } -Script @"
            [TimeZoneInfo]::Local.BaseUtcOffset.TotalHours
            `$run = Start-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $BuildWorkflowId | Get-CCWorkflowRun
            `$run.StartTime.Kind
            [int]((Get-Date) - `$run.StartTime).TotalMinutes
            @(Get-CCWorkflowRun -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowId $BuildWorkflowId |
                Where-Object StartTime -gt (Get-Date).AddMinutes(-10)).Id -contains `$run.Id
            `$null = Invoke-CCRestMethod -Method GET -Path '/v1/spaces/ExampleCorp/subscription' -Query ([ordered]@{ when = [datetime]'2026-12-01 09:00' })
"@
        $output[0] | Should -Be '9' -Because "the child runs in Tokyo ($($output -join ' | '))"
        $output[1] | Should -Be 'Local'
        [int]$output[2] | Should -BeIn (-1..5) -Because 'the run started moments ago, not nine hours ago'
        $output[3] | Should -Be 'True' -Because 'a run started now is later than ten minutes ago'
        $query = (Get-EmulatorRequest $script:Emulator -Operation GetSubscription)[-1].queryString
        [uri]::UnescapeDataString($query) | Should -Match 'when=2026-12-01T00:00:00.000Z' -Because '09:00 in Tokyo is midnight UTC'
    }
}
