# The script of the aws:executeScript step in SsmAutomation-DeployAmplify.yaml, which holds an identical copy (a
# test compares the two). It runs a CodeCatalyst workflow, then deploys what the workflow published to S3 to an
# Amplify branch. docs/runbooks/SsmAutomation.md is the guide.

# Any error fails the step, and with it the automation.
$ErrorActionPreference = 'Stop'

# The step's InputPayload arrives as JSON in this environment variable.
$payload = $env:InputPayload | ConvertFrom-Json

# The step starts with PowerShell's own modules only; install what it lacks, once per run.
if (-not (Get-Module -ListAvailable -Name CodeCatalyst)) {
    Install-Module -Name CodeCatalyst -Force
}
if (-not (Get-Command -Name Get-SECSecretValue -ErrorAction SilentlyContinue)) {
    Install-Module -Name AWS.Tools.SecretsManager -Force
}

# The automation's role reads the token; it only ever exists here as the secret's value and a SecureString.
$secret = Get-SECSecretValue -SecretId $payload.TokenSecretId -Region $payload.Region
$token = ConvertTo-SecureString -String $secret.SecretString -AsPlainText -Force
Connect-CCAccount -Token $token -SpaceName $payload.SpaceName -ProjectName $payload.ProjectName -Confirm:$false | Out-Null

$workflow = Get-CCWorkflow | Where-Object Name -eq $payload.WorkflowName
if (-not $workflow) {
    throw "No workflow named '$($payload.WorkflowName)' in $($payload.SpaceName)/$($payload.ProjectName)."
}

# The whole step has 600 seconds, so each wait has its own bound from the payload. A FAILED run throws here.
$run = $workflow | Start-CCWorkflowRun -Wait -TimeoutSec $payload.RunTimeoutSec -PollIntervalSec $payload.PollIntervalSec

# Amplify requests are signed with the step's own AWS credentials, found the way the AWS CLI finds them, so no
# key is passed. A FAILED or CANCELLED job throws here.
$amplify = @{ AppId = $payload.AppId; BranchName = $payload.BranchName; Region = $payload.Region }
$job = Start-CCAmplifyDeployment @amplify -SourceUrl $payload.SourceUrl -SourceUrlType BUCKET_PREFIX -Confirm:$false |
    Wait-CCAmplifyJob -Region $payload.Region -TimeoutSec $payload.DeployTimeoutSec -PollIntervalSec $payload.PollIntervalSec

# What the script returns becomes the step's Payload; the document's outputs pick fields from it.
return [ordered]@{ RunId = $run.Id; RunStatus = $run.Status; JobId = $job.JobId; JobStatus = $job.Status }
