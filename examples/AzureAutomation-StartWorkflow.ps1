<#
.SYNOPSIS
    An Azure Automation runbook (PowerShell 7.4 runtime environment): starts a CodeCatalyst workflow, waits for the
    run, and fails the job when the run does not succeed.

.DESCRIPTION
    The CodeCatalyst personal access token is read in one place: from an encrypted Automation variable with
    Get-AutomationVariable, or, when -KeyVaultName is given, from a Key Vault secret that the Automation account's
    managed identity may read. It goes to Connect-CCAccount as a SecureString and is never written anywhere.

    The module comes from the runtime environment's packages (docs/runbooks/AzureAutomation.md shows how to add
    it), so the runbook needs no Import-Module. The job ends Completed with the SUCCEEDED run as its output, or
    Failed with the error that stopped it: a FAILED run (WorkflowRunFailed), a timeout, a rejected token, a
    missing workflow.

    Parameters are strings and numbers only, which every way of starting a runbook can pass.

.EXAMPLE
    Start-AzAutomationRunbook -AutomationAccountName ops -ResourceGroupName rg-ops -Name Start-CodeCatalystWorkflow `
        -Parameters @{ SpaceName = 'ExampleCorp'; ProjectName = 'MyDemoProject'; WorkflowName = 'build' }
#>
param(
    [string] $SpaceName = 'ExampleCorp',
    [string] $ProjectName = 'MyDemoProject',
    [string] $WorkflowName = 'build',
    [string] $TokenVariableName = 'CodeCatalystToken',
    [string] $KeyVaultName = '',
    [string] $KeyVaultSecretName = 'CodeCatalystToken',
    [int] $TimeoutSec = 3600,
    [int] $PollIntervalSec = 15
)

# Every error ends the job as Failed instead of letting the runbook carry on without a token or a run.
$ErrorActionPreference = 'Stop'

if ($KeyVaultName) {
    # The managed identity signs in to Azure; SecretValue is already a SecureString, so no plain copy is made.
    Connect-AzAccount -Identity | Out-Null
    $token = (Get-AzKeyVaultSecret -VaultName $KeyVaultName -Name $KeyVaultSecretName).SecretValue
}
else {
    # An encrypted variable can only be decrypted inside a job, by this internal cmdlet.
    $token = ConvertTo-SecureString -String (Get-AutomationVariable -Name $TokenVariableName) -AsPlainText -Force
}

# Connect once; the cmdlets below take the token, space and project from the session. A job cannot answer a
# confirmation prompt, so none may be asked.
$context = Connect-CCAccount -Token $token -SpaceName $SpaceName -ProjectName $ProjectName -Confirm:$false
Write-Verbose "Connected to CodeCatalyst as $($context.Identity)."

$workflow = Get-CCWorkflow | Where-Object Name -eq $WorkflowName
if (-not $workflow) {
    throw "No workflow named '$WorkflowName' in $SpaceName/$ProjectName."
}

# Writes the SUCCEEDED run; under 'Stop' a run that fails or outlasts -TimeoutSec throws and fails the job.
$workflow | Start-CCWorkflowRun -Wait -TimeoutSec $TimeoutSec -PollIntervalSec $PollIntervalSec
