#Requires -Version 7.4
#Requires -Modules CodeCatalyst
<#
.SYNOPSIS
    A CI step: runs CodeCatalyst workflows, waits for them, and fails the build when one of them does not succeed.

.DESCRIPTION
    For GitHub Actions, Azure Pipelines or any agent that runs pwsh. The token comes from the
    AWS_BEARER_TOKEN_CODECATALYST environment variable, which the module reads by itself, so the pipeline maps its
    secret to that variable and the script never handles it. Every run is started first and then all are waited
    for, so their outcomes are reported together; the script ends with exit code 1 when any run failed, was
    stopped or timed out, and with 0 when all of them succeeded. docs/runbooks/CiAgent.md is the guide.

.EXAMPLE
    $env:AWS_BEARER_TOKEN_CODECATALYST = '...'   # from the pipeline's secret store, never from the repository
    ./examples/CiAgent-RunWorkflow.ps1 -SpaceName ExampleCorp -ProjectName MyDemoProject -WorkflowName build, lint
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $SpaceName,
    [Parameter(Mandatory)] [string] $ProjectName,
    [Parameter(Mandatory)] [string[]] $WorkflowName,
    [int] $TimeoutSec = 3600,
    [int] $PollIntervalSec = 15
)

# Anything unexpected (no token, a workflow that does not exist, a service error) ends the step with an error.
$ErrorActionPreference = 'Stop'

$workflows = Get-CCWorkflow -SpaceName $SpaceName -ProjectName $ProjectName
$selected = foreach ($name in $WorkflowName) {
    $workflow = $workflows | Where-Object Name -eq $name
    if (-not $workflow) { throw "No workflow named '$name' in $SpaceName/$ProjectName." }
    $workflow
}

$started = foreach ($workflow in $selected) {
    $run = $workflow | Start-CCWorkflowRun
    Write-Host "Started run $($run.Id) of $($workflow.Name)."
    $run
}

# A failed run is a non-terminating error here, so every run is waited for and reported before the step fails.
# A superseded run never did its work, so for a build gate it counts as a failure too.
$waitOptions = @{ TimeoutSec = $TimeoutSec; PollIntervalSec = $PollIntervalSec; ErrorOnSuperseded = $true }
$finished = $started | Wait-CCWorkflowRun @waitOptions -ErrorAction Continue -ErrorVariable runErrors
$finished

if ($runErrors) {
    Write-Host "$($runErrors.Count) of $(@($started).Count) workflow run(s) did not succeed."
    exit 1
}
