<#
    Shared set-up for the Pester stories: dot-source it in BeforeAll, then call Initialize-StoryEnvironment once
    per file and Reset-StoryEnvironment in AfterAll. Each file gets its own emulator (built output, free port).

    build.ps1 sets CODECATALYST_BUILD_CONFIGURATION so the stories use what it just built; Debug otherwise.
#>

$script:RepoRoot = Split-Path -Parent $PSScriptRoot
. (Join-Path $script:RepoRoot 'tools/EmulatorProcess.ps1')

$script:ModuleManifest = Join-Path $script:RepoRoot 'out/CodeCatalyst/CodeCatalyst.psd1'
$script:Project = @{ SpaceName = 'ExampleCorp'; ProjectName = 'MyDemoProject' }
# The sample data's workflow ids (src/CodeCatalyst.Emulator/sample-data.json).
$script:BuildWorkflowId = '5f2d3c1a-0b6e-4e7a-9c41-2a7b8d9e0f11'
$script:FailingWorkflowId = '7a9c2e44-3d1b-4f0a-8e52-6c3d9b1a2f22'

function Get-BuildConfiguration {
    if ($env:CODECATALYST_BUILD_CONFIGURATION) { $env:CODECATALYST_BUILD_CONFIGURATION } else { 'Debug' }
}

function Import-BuiltModule {
    if (-not (Test-Path -LiteralPath $script:ModuleManifest)) {
        throw "Module not built: $script:ModuleManifest is missing. Run ./build.ps1 -Task Build first."
    }
    Import-Module $script:ModuleManifest -Force
}

function Initialize-StoryEnvironment {
    <#
        Imports the built module, starts an emulator and aims every cmdlet at it through the environment, as a
        CI job would. Returns the emulator (see Start-EmulatorProcess). -ContainerAuthorizationToken makes the
        emulator's container credentials endpoint require that Authorization header.
    #>
    param([string] $ContainerAuthorizationToken)

    Import-BuiltModule
    $emulator = Start-EmulatorProcess -RepoRoot $script:RepoRoot -Configuration (Get-BuildConfiguration) -ContainerAuthorizationToken $ContainerAuthorizationToken

    $script:SavedEnvironment = @{}
    foreach ($name in 'AWS_BEARER_TOKEN_CODECATALYST', 'AWS_ENDPOINT_URL_CODECATALYST') {
        $script:SavedEnvironment[$name] = [Environment]::GetEnvironmentVariable($name)
    }
    $env:AWS_BEARER_TOKEN_CODECATALYST = 'pester-token'
    $env:AWS_ENDPOINT_URL_CODECATALYST = $emulator.Url
    Disconnect-CCAccount -Confirm:$false
    return $emulator
}

function Reset-StoryEnvironment {
    param([AllowNull()] $Emulator)

    if ($script:SavedEnvironment) {
        foreach ($name in $script:SavedEnvironment.Keys) {
            [Environment]::SetEnvironmentVariable($name, $script:SavedEnvironment[$name])
        }
    }
    Stop-EmulatorProcess $Emulator
    Remove-Module CodeCatalyst -ErrorAction SilentlyContinue
}

# The emulator's admin surface (src/CodeCatalyst.Emulator/Endpoints/AdminEndpoints.cs).

function Get-EmulatorRequest {
    # The API requests the emulator has received since it started or was last cleared; -Operation filters.
    param([Parameter(Mandatory)] $Emulator, [string] $Operation)

    $requests = (Invoke-RestMethod -Uri "$($Emulator.Url)/_emulator/requests").requests
    if ($Operation) { $requests = @($requests | Where-Object operation -eq $Operation) }
    return , @($requests)
}

function Clear-EmulatorRequest {
    param([Parameter(Mandatory)] $Emulator)
    Invoke-RestMethod -Method Delete -Uri "$($Emulator.Url)/_emulator/requests" | Out-Null
}

function Add-EmulatorRun {
    # Adds finished runs of a workflow and returns their ids.
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $WorkflowId, [int] $Count = 1)

    $body = @{ spaceName = $script:Project.SpaceName; projectName = $script:Project.ProjectName; workflowId = $WorkflowId; count = $Count } |
        ConvertTo-Json
    (Invoke-RestMethod -Method Post -Uri "$($Emulator.Url)/_emulator/seed-runs" -Body $body -ContentType 'application/json').runIds
}

function Invoke-ChildShell {
    <#
        Runs a script in a fresh pwsh (the same one running the tests) with the built module imported and the
        given environment variables set, e.g. TZ for a time zone (.NET reads it once per process). The child
        inherits the story's emulator settings. Returns the child's output as strings (stderr merged).
    #>
    param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})

    $shell = [Environment]::ProcessPath
    [string[]] $shellArguments = if ([IO.Path]::GetFileNameWithoutExtension($shell) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' } else { @() }
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }
    try {
        $command = "`$ErrorActionPreference = 'Stop'; Import-Module '$($script:ModuleManifest)'`n$Script"
        & $shell @shellArguments -NoProfile -NonInteractive -Command $command 2>&1 | ForEach-Object { "$_" }
    }
    finally {
        foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
    }
}

# The emulator's AWS test credentials (src/CodeCatalyst.Emulator/SampleData.cs), and a wrong secret no story may show.
$script:AccessKeyId = 'AKIAIOSFODNN7EXAMPLE'
$script:SecretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
$script:WrongSecret = 'wrongSecretKeyForPester0123456789EXAMPLE'

function Set-AmplifyStoryEnvironment {
    <#
        Points the Amplify cmdlets at the emulator with its test credentials through the environment, as a CI job
        would, and takes nothing else from the machine: no session token, profile, config file, other Region or
        endpoint, and no container or instance metadata lookup. Returns what it replaced, for
        Restore-AmplifyStoryEnvironment. The emulator serves d2abc (corp-site, deployed by hand) and d3docs4portal
        (docs-portal, from a repository), each with the branches main (3 jobs that succeeded) and dev (1 that failed).
    #>
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Folder)

    $environment = @{
        AWS_ACCESS_KEY_ID = $script:AccessKeyId
        AWS_SECRET_ACCESS_KEY = $script:SecretAccessKey
        AWS_REGION = 'us-east-1'
        AWS_ENDPOINT_URL_AMPLIFY = $Emulator.Url
        AWS_SESSION_TOKEN = $null
        AWS_SECURITY_TOKEN = $null
        AWS_CREDENTIAL_EXPIRATION = $null
        AWS_PROFILE = $null
        AWS_DEFAULT_PROFILE = $null
        AWS_DEFAULT_REGION = $null
        AWS_ENDPOINT_URL = $null
        AWS_CONFIG_FILE = Join-Path $Folder 'no-aws-config'
        AWS_SHARED_CREDENTIALS_FILE = Join-Path $Folder 'no-aws-credentials'
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI = $null
        AWS_CONTAINER_CREDENTIALS_FULL_URI = $null
        AWS_WEB_IDENTITY_TOKEN_FILE = $null
        AWS_ROLE_ARN = $null
        AWS_EC2_METADATA_DISABLED = 'true'
    }
    $saved = @{}
    foreach ($name in $environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        Set-EnvironmentValue $name $environment[$name]
    }
    return $saved
}

function Set-EnvironmentValue {
    # Sets a process environment variable, or removes it for $null: PowerShell hands a .NET string parameter ''
    # for $null, and an empty variable is still set (an empty AWS_DEFAULT_PROFILE names a profile, for example).
    param([Parameter(Mandatory)] [string] $Name, [AllowNull()] [string] $Value)
    if ($null -eq $Value -or $Value -eq '') { Remove-Item -LiteralPath "Env:$Name" -ErrorAction SilentlyContinue }
    else { [Environment]::SetEnvironmentVariable($Name, $Value) }
}

function Restore-AmplifyStoryEnvironment {
    param([AllowNull()] [hashtable] $Saved)
    if (-not $Saved) { return }
    foreach ($name in $Saved.Keys) { Set-EnvironmentValue $name $Saved[$name] }
}

function Assert-NoSecret {
    # Neither the right secret nor the wrong one (nor any given with -Also), nor the start of any, in the text piped in.
    param([Parameter(ValueFromPipeline)] [AllowNull()] [string[]] $Text, [string[]] $Also = @())
    begin { $all = [Collections.Generic.List[string]]::new() }
    process { $all.AddRange([string[]]@($Text | Where-Object { $null -ne $_ })) }
    end {
        $joined = $all -join "`n"
        $joined | Should -Not -BeNullOrEmpty
        foreach ($secret in @($script:SecretAccessKey, $script:WrongSecret) + $Also) {
            $joined.Contains($secret) | Should -BeFalse -Because 'a secret access key must never be shown'
            $joined.Contains($secret.Substring(0, 12)) | Should -BeFalse -Because 'not even the start of it'
        }
    }
}
