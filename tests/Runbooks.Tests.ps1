#Requires -Version 7.4
<#
    The platform runbooks of examples/ (guides in docs/runbooks/), each run in a fresh pwsh against an emulator that
    accepts only one token. The module is found by name, as the platforms find an imported or installed module, and
    the platform's secret store is a stand-in function that hands out that token: Get-AutomationVariable or
    Get-AzKeyVaultSecret (Azure Automation), Get-SECSecretValue (Systems Manager), or the CI agent's environment
    variable. Each story checks what the platform would see: the output, the exit code, and no token in any text.
    Run alone with:
        dotnet pwsh ./build.ps1 -Task Pester -PesterPath ./tests/Runbooks.Tests.ps1
#>

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    Import-BuiltModule

    # The one token the emulator accepts; it is the secret every stand-in hands out.
    $script:Token = 'cc-runbook-' + [guid]::NewGuid().ToString('N')
    $script:Emulator = $null
    $script:Emulator = Start-EmulatorProcess -RepoRoot $RepoRoot -Configuration (Get-BuildConfiguration) -Token $Token -RunSpeed 2
    $script:SavedAwsEnvironment = Set-AmplifyStoryEnvironment $Emulator $TestDrive
    $script:Examples = Join-Path $RepoRoot 'examples'

    function Invoke-Runbook {
        <#
            Writes -Script to a file and runs it with `pwsh -File` in a fresh process, as an agent or a job host
            would: CodeCatalyst found by name through PSModulePath, the emulator as the CodeCatalyst endpoint, and
            no token in the environment unless -Environment sets one. Returns the exit code and every line written.
        #>
        param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})

        $file = Join-Path $TestDrive ("runbook-{0}.ps1" -f [guid]::NewGuid().ToString('N'))
        Set-Content -LiteralPath $file -Value $Script
        # NO_COLOR: errors as plain text, the way a job log or a build log keeps them.
        $variables = @{
            PSModulePath = (Join-Path $RepoRoot 'out') + [IO.Path]::PathSeparator + $env:PSModulePath
            AWS_ENDPOINT_URL_CODECATALYST = $Emulator.Url
            AWS_BEARER_TOKEN_CODECATALYST = $null
            NO_COLOR = '1'
        }
        foreach ($name in $Environment.Keys) { $variables[$name] = $Environment[$name] }
        $saved = @{}
        foreach ($name in $variables.Keys) {
            $saved[$name] = [Environment]::GetEnvironmentVariable($name)
            [Environment]::SetEnvironmentVariable($name, $variables[$name])
        }
        try {
            $shell = [Environment]::ProcessPath
            [string[]] $shellArguments = if ([IO.Path]::GetFileNameWithoutExtension($shell) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
            $lines = @(& $shell @shellArguments -NoProfile -NonInteractive -File $file 2>&1 | ForEach-Object { "$_" })
            # Flat: the text on one line, without the '|' gutter PowerShell wraps error messages in.
            $flat = (($lines | ForEach-Object { $_ -replace '^\s*\|\s?', '' }) -join ' ') -replace '\s+', ' '
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Lines = $lines; Text = $lines -join "`n"; Flat = $flat }
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }

    function Get-Result {
        # The objects the runbook wrote, which its driver printed as JSON on lines starting with RESULT:.
        param([Parameter(Mandatory)] $Invocation)
        $Invocation.Lines | Where-Object { $_.StartsWith('RESULT:') } | ForEach-Object { $_.Substring(7) | ConvertFrom-Json }
    }

    function Get-ScriptBlockOfDocument {
        # The Script of the document's executeScript step: the lines after 'Script: |-', less their indentation.
        param([Parameter(Mandatory)] [string] $Path)
        $lines = (Get-Content -LiteralPath $Path -Raw) -split "`r?`n"
        $start = [array]::FindIndex($lines, [Predicate[string]] { param($line) $line -match '^\s+Script: \|-$' })
        $start | Should -BeGreaterThan -1 -Because 'the document has a literal Script block'
        $indent = ($lines[$start + 1] -replace '^(\s+).*$', '$1').Length
        $block = foreach ($line in $lines[($start + 1)..($lines.Count - 1)]) {
            if ($line -and ($line.Length -lt $indent -or $line.Substring(0, $indent).Trim())) { break }
            if ($line) { $line.Substring($indent) } else { '' }
        }
        ($block -join "`n").TrimEnd()
    }
}

AfterAll {
    Restore-AmplifyStoryEnvironment $script:SavedAwsEnvironment
    Stop-EmulatorProcess $script:Emulator
    Remove-Module CodeCatalyst -ErrorAction SilentlyContinue
}

Describe 'Azure Automation: examples/AzureAutomation-StartWorkflow.ps1' {
    BeforeAll {
        $script:AzureRunbook = Join-Path $Examples 'AzureAutomation-StartWorkflow.ps1'

        function New-AzureJob {
            # A job's script: the stand-ins for the sandbox's secret cmdlets, then the runbook with its parameters.
            param([string] $Parameters, [string] $VariableValue = $Token)
            @"
function Get-AutomationVariable {
    param([Parameter(Mandatory)] [string] `$Name)
    if (`$Name -ne 'CodeCatalystToken') { throw "No Automation variable named `$Name." }
    '$VariableValue'
}
function Connect-AzAccount {
    param([switch] `$Identity)
    if (-not `$Identity) { throw 'The runbook must sign in with the managed identity.' }
    [pscustomobject]@{ Account = 'managed identity' }
}
function Get-AzKeyVaultSecret {
    param([string] `$VaultName, [string] `$Name)
    if (`$VaultName -ne 'kv-ops' -or `$Name -ne 'CodeCatalystToken') { throw "No secret `$Name in `$VaultName." }
    [pscustomobject]@{ Name = `$Name; SecretValue = (ConvertTo-SecureString -String '$Token' -AsPlainText -Force) }
}
& '$AzureRunbook' $Parameters -PollIntervalSec 1 | ForEach-Object { 'RESULT:' + (`$_ | ConvertTo-Json -Compress) }
"@
        }
    }

    It 'reads the token from the encrypted Automation variable and writes the SUCCEEDED run' {
        $job = Invoke-Runbook (New-AzureJob "-SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowName build")

        $job.ExitCode | Should -Be 0 -Because $job.Text
        $run = @(Get-Result $job)
        $run.Count | Should -Be 1
        $run[0].Status | Should -Be 'SUCCEEDED'
        $run[0].WorkflowId | Should -Be $BuildWorkflowId
        $job.Text | Should -Not -Match ([regex]::Escape($Token))
    }

    It 'reads the token from Key Vault with the managed identity when -KeyVaultName is given' {
        $job = Invoke-Runbook (New-AzureJob "-KeyVaultName kv-ops -WorkflowName build" -VariableValue 'not-this-one')

        $job.ExitCode | Should -Be 0 -Because $job.Text
        (Get-Result $job).Status | Should -Be 'SUCCEEDED'
    }

    It 'writes the FAILED run and fails the job when the run fails' {
        $job = Invoke-Runbook (New-AzureJob "-WorkflowName integration-tests")

        $job.ExitCode | Should -Not -Be 0
        (Get-Result $job).Status | Should -Be 'FAILED'
        $job.Flat | Should -Match 'Workflow run [0-9a-f-]{36} of workflow \S+ ended FAILED'
    }

    It 'fails the job without showing the token when the variable holds a token the service refuses' {
        $job = Invoke-Runbook (New-AzureJob "-WorkflowName build" -VariableValue 'refused-token-EXAMPLE-0123456789')

        $job.ExitCode | Should -Not -Be 0
        $job.Text | Should -Match 'AccessDenied|PermissionDenied|401|403'
        $job.Text | Should -Not -Match 'refused-token'
    }
}

Describe 'Systems Manager Automation: examples/SsmAutomation-DeployAmplify.ps1' {
    BeforeAll {
        $script:SsmScript = Join-Path $Examples 'SsmAutomation-DeployAmplify.ps1'
        $script:SsmDocument = Join-Path $Examples 'SsmAutomation-DeployAmplify.yaml'

        function New-SsmStep {
            # The step as executeScript runs it: InputPayload in the environment, the script's text run as is.
            param([hashtable] $Change = @{})
            $payload = @{
                TokenSecretId = 'codecatalyst/token'; SpaceName = 'ExampleCorp'; ProjectName = 'MyDemoProject'
                WorkflowName = 'build'; AppId = 'd2abc'; BranchName = 'main'; SourceUrl = 's3://amzn-s3-demo-bucket/site/'
                RunTimeoutSec = '120'; DeployTimeoutSec = '120'; PollIntervalSec = '1'; Region = 'us-east-1'
            }
            foreach ($key in $Change.Keys) { $payload[$key] = $Change[$key] }
            @"
`$env:InputPayload = '$($payload | ConvertTo-Json -Compress)'
function Get-SECSecretValue {
    param([string] `$SecretId, [string] `$Region)
    if (`$SecretId -ne 'codecatalyst/token' -or `$Region -ne 'us-east-1') { throw "No secret `$SecretId in `$Region." }
    [pscustomobject]@{ Name = `$SecretId; SecretString = '$Token' }
}
function Install-Module { throw "Nothing may be installed here: `$args" }
`$result = & '$SsmScript'
'RESULT:' + (`$result | ConvertTo-Json -Compress)
"@
        }
    }

    It 'keeps the script in the Automation document identical to the example' {
        Get-ScriptBlockOfDocument $SsmDocument | Should -BeExactly (Get-Content -LiteralPath $SsmScript -Raw).TrimEnd()
    }

    It 'passes every payload field the script reads, and runs it on PowerShell 7.4' {
        $document = Get-Content -LiteralPath $SsmDocument -Raw
        $read = [regex]::Matches((Get-Content -LiteralPath $SsmScript -Raw), '\$payload\.(\w+)') |
            ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique
        $read.Count | Should -BeGreaterThan 5
        foreach ($field in $read) {
            $document | Should -Match "(?m)^\s{8}$($field): '\{\{[^}]+\}\}'$" -Because "the script reads `$payload.$field"
        }
        $document | Should -Match '(?m)^\s+Runtime: PowerShell 7\.4$'
    }

    It 'reads the token from Secrets Manager, runs the workflow, deploys to Amplify and returns the payload' {
        $step = Invoke-Runbook (New-SsmStep)

        $step.ExitCode | Should -Be 0 -Because $step.Text
        $payload = Get-Result $step
        $payload.RunStatus | Should -Be 'SUCCEEDED'
        $payload.JobStatus | Should -Be 'SUCCEED'
        (Get-CCAmplifyJob -AppId d2abc -BranchName main -JobId $payload.JobId).Status | Should -Be 'SUCCEED'
        $step.Text | Should -Not -Match ([regex]::Escape($Token))
    }

    It 'fails the step before any deployment when the workflow run fails' {
        $jobsBefore = @(Get-CCAmplifyJob -AppId d2abc -BranchName main).Count
        $step = Invoke-Runbook (New-SsmStep @{ WorkflowName = 'integration-tests' })

        $step.ExitCode | Should -Not -Be 0
        $step.Flat | Should -Match 'Workflow run [0-9a-f-]{36} of workflow \S+ ended FAILED'
        Get-Result $step | Should -BeNullOrEmpty
        @(Get-CCAmplifyJob -AppId d2abc -BranchName main).Count | Should -Be $jobsBefore
    }

    It 'fails the step when the deployment fails' {
        $step = Invoke-Runbook (New-SsmStep @{ BranchName = 'dev' })

        $step.ExitCode | Should -Not -Be 0
        $step.Flat | Should -Match 'Amplify job \S+ \(MANUAL\) on branch dev of app d2abc ended FAILED'
        Get-Result $step | Should -BeNullOrEmpty
    }
}

Describe 'CI agent: examples/CiAgent-RunWorkflow.ps1' {
    BeforeAll {
        $script:CiScript = Join-Path $Examples 'CiAgent-RunWorkflow.ps1'
        $script:CiSecret = @{ AWS_BEARER_TOKEN_CODECATALYST = $Token }

        function New-CiStep {
            # The step as a pipeline runs it: the script file with arguments, the token only in the environment.
            param([string] $WorkflowNames)
            "& '$CiScript' -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowName $WorkflowNames -PollIntervalSec 1`nexit `$LASTEXITCODE"
        }
    }

    It 'runs the workflows with the token from AWS_BEARER_TOKEN_CODECATALYST and exits 0 when all succeed' {
        $step = Invoke-Runbook (New-CiStep 'build, lint') -Environment $CiSecret

        $step.ExitCode | Should -Be 0 -Because $step.Text
        @($step.Lines | Where-Object { $_ -match '^Started run [0-9a-f-]{36} of (build|lint)\.$' }).Count | Should -Be 2
        $step.Text | Should -Match 'SUCCEEDED'
        $step.Text | Should -Not -Match ([regex]::Escape($Token))
    }

    It 'waits for every run, reports each, and exits 1 when one of them fails' {
        $step = Invoke-Runbook (New-CiStep 'build, integration-tests') -Environment $CiSecret

        $step.ExitCode | Should -Be 1 -Because $step.Text
        $step.Flat | Should -Match 'Workflow run [0-9a-f-]{36} of workflow \S+ ended FAILED'
        $step.Text | Should -Match 'SUCCEEDED' -Because 'the build run is waited for and reported too'
        $step.Flat | Should -Match '1 of 2 workflow run\(s\) did not succeed\.'
    }

    It 'fails the step when the agent has no token for it' {
        $step = Invoke-Runbook (New-CiStep 'build') -Environment @{ AWS_CONFIG_FILE = Join-Path $TestDrive 'no-config' }

        $step.ExitCode | Should -Not -Be 0
        $step.Flat | Should -Match 'No CodeCatalyst token was found'
        $step.Text | Should -Not -Match 'Started run'
    }
}

Describe 'The guides' {
    It 'links only to files that exist, from <_>' -ForEach @('README.md', 'docs/runbooks/AzureAutomation.md', 'docs/runbooks/SsmAutomation.md', 'docs/runbooks/CiAgent.md') {
        $page = Join-Path $RepoRoot $_
        $links = [regex]::Matches((Get-Content -LiteralPath $page -Raw), '\]\((?!https?://|#)([^)#\s]+)') |
            ForEach-Object { $_.Groups[1].Value }
        $links | Should -Not -BeNullOrEmpty
        foreach ($link in $links) {
            Join-Path (Split-Path -Parent $page) $link | Should -Exist -Because "$_ links to $link"
        }
    }
}
