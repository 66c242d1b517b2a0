<#
.SYNOPSIS
    Starts a CodeCatalyst workflow and waits for it, failing the runbook if the run fails.

.DESCRIPTION
    The runbook from the README, ready to schedule. It authenticates through the usual chain (-Token, else
    AWS_BEARER_TOKEN_CODECATALYST, else your AWS SSO profile), starts one run of the named workflow and waits
    for it with progress. Any failure - no such workflow, a rejected token, a FAILED run, a timeout - stops the
    runbook with an error, so the scheduler (Azure Automation, Systems Manager, a CI agent) marks the job failed.

    Against the local emulator, in one step from a clone (builds, starts the emulator, runs this, stops it):
        dotnet tool restore && dotnet pwsh ./build.ps1 -Task Build, Demo

    Or by hand:
        dotnet run --project src/CodeCatalyst.Emulator -- --urls http://127.0.0.1:5080
        $env:AWS_BEARER_TOKEN_CODECATALYST = 'demo-token'
        ./examples/Invoke-DemoRunbook.ps1 -EndpointUrl http://127.0.0.1:5080

.EXAMPLE
    ./examples/Invoke-DemoRunbook.ps1 -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowName build
#>
[CmdletBinding()]
param(
    [Uri] $EndpointUrl,
    [SecureString] $Token,
    [string] $SpaceName = 'ExampleCorp',
    [string] $ProjectName = 'MyDemoProject',
    [string] $WorkflowName = 'build',
    [int] $TimeoutSec = 1800,
    [int] $PollIntervalSec = 5
)

$ErrorActionPreference = 'Stop'

if (-not (Get-Module -Name CodeCatalyst)) {
    # Run from a clone: use the module the build laid out. An installed module is found by name instead.
    $built = [IO.Path]::Combine($PSScriptRoot, '..', 'out', 'CodeCatalyst', 'CodeCatalyst.psd1')
    if ([IO.File]::Exists($built)) { Import-Module $built } else { Import-Module CodeCatalyst }
}

# Store the connection once; every later cmdlet uses it unless given its own parameters.
$connection = @{ SpaceName = $SpaceName; ProjectName = $ProjectName }
if ($EndpointUrl) { $connection.EndpointUrl = $EndpointUrl }
if ($Token) { $connection.Token = $Token }
$context = Connect-CCAccount @connection
$PSCmdlet.WriteVerbose("Connected as $($context.Identity) using the $($context.TokenSource).")

$workflow = Get-CCWorkflow | Where-Object Name -eq $WorkflowName
if (-not $workflow) {
    throw "No workflow named '$WorkflowName' in $SpaceName/$ProjectName. Get-CCWorkflow lists the workflows there."
}

# Start-CCWorkflowRun sends one idempotency token on every retry, so a network blip never starts two runs.
$workflow | Start-CCWorkflowRun | Wait-CCWorkflowRun -TimeoutSec $TimeoutSec -PollIntervalSec $PollIntervalSec
