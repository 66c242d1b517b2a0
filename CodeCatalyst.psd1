@{
    RootModule           = 'CodeCatalyst.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '5b0f7c3e-2d4a-4c1e-9b6f-8a3d2e1c0f47'
    Author               = 'CodeCatalyst for PowerShell contributors'
    CompanyName          = 'CodeCatalyst for PowerShell'
    Copyright            = '(c) CodeCatalyst for PowerShell contributors. MIT License.'
    Description          = 'Cmdlets for Amazon CodeCatalyst and AWS Amplify, written for unattended runbooks (Azure Automation, AWS Systems Manager, CI agents) as much as for the prompt. Start workflow runs and wait for them; manage spaces, projects, source repositories and branches, dev environments and their sessions, access tokens, users and event logs; send any other CodeCatalyst API request with Invoke-CCRestMethod; list, start, stop and wait for AWS Amplify jobs and deploy a zip, URL or S3 prefix, signed with the AWS credentials the AWS CLI would use. Retries never start a run twice, a failed run fails the runbook, output is typed objects that chain down the pipeline, and tokens and secret keys never show. Windows PowerShell 5.1 and PowerShell 7.4 or later.'
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('CodeCatalyst.format.ps1xml', 'CodeCatalyst.SourceRepositories.format.ps1xml', 'CodeCatalyst.DevEnvironments.format.ps1xml', 'CodeCatalyst.TokensUsersEvents.format.ps1xml', 'CodeCatalyst.Amplify.format.ps1xml')
    TypesToProcess       = @('CodeCatalyst.types.ps1xml')
    CmdletsToExport      = @(
        'Connect-CCAccount'
        'Disconnect-CCAccount'
        'Get-CCAccessToken'
        'Get-CCAmplifyApp'
        'Get-CCAmplifyBranch'
        'Get-CCAmplifyJob'
        'Get-CCDevEnvironment'
        'Get-CCDevEnvironmentSession'
        'Get-CCEventLog'
        'Get-CCProject'
        'Get-CCSourceRepository'
        'Get-CCSourceRepositoryBranch'
        'Get-CCSourceRepositoryCloneUrl'
        'Get-CCSpace'
        'Get-CCSubscription'
        'Get-CCUser'
        'Get-CCWorkflow'
        'Get-CCWorkflowRun'
        'Invoke-CCRestMethod'
        'New-CCAccessToken'
        'New-CCDevEnvironment'
        'New-CCProject'
        'New-CCSourceRepository'
        'New-CCSourceRepositoryBranch'
        'Remove-CCAccessToken'
        'Remove-CCAmplifyJob'
        'Remove-CCDevEnvironment'
        'Remove-CCProject'
        'Remove-CCSourceRepository'
        'Remove-CCSpace'
        'Start-CCAmplifyDeployment'
        'Start-CCAmplifyJob'
        'Start-CCDevEnvironment'
        'Start-CCDevEnvironmentSession'
        'Start-CCWorkflowRun'
        'Stop-CCAmplifyJob'
        'Stop-CCDevEnvironment'
        'Stop-CCDevEnvironmentSession'
        'Test-CCSession'
        'Update-CCDevEnvironment'
        'Update-CCProject'
        'Update-CCSpace'
        'Wait-CCAmplifyJob'
        'Wait-CCDevEnvironment'
        'Wait-CCWorkflowRun'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            # What a gallery page shows. Tags hold no spaces: a gallery splits them on spaces.
            Tags         = @('AWS', 'CodeCatalyst', 'Amplify', 'CI', 'CICD', 'Workflow', 'DevOps', 'Automation', 'Runbook', 'AzureAutomation', 'SystemsManager', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/codecatalyst-powershell/CodeCatalyst/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/codecatalyst-powershell/CodeCatalyst'
            # This version's section of CHANGELOG.md, word for word (the Package task and tests/Package.Tests.ps1 check it).
            ReleaseNotes = @'
### Added

- Workflows: `Get-CCWorkflow`, `Get-CCWorkflowRun`, `Start-CCWorkflowRun` and `Wait-CCWorkflowRun`. A start
  sends one idempotency token on every retry, so it never starts two runs; a FAILED run is an error.
- Spaces and projects: `Get-CCSpace`, `Update-CCSpace`, `Remove-CCSpace`, `Get-CCSubscription`, `Get-CCProject`,
  `New-CCProject`, `Update-CCProject` and `Remove-CCProject`.
- Source repositories: `Get-CCSourceRepository`, `New-CCSourceRepository`, `Remove-CCSourceRepository`,
  `Get-CCSourceRepositoryCloneUrl`, `Get-CCSourceRepositoryBranch` and `New-CCSourceRepositoryBranch`.
- Dev environments and their sessions: `Get-`, `New-`, `Update-`, `Remove-`, `Start-`, `Stop-` and
  `Wait-CCDevEnvironment`; `Get-`, `Start-` and `Stop-CCDevEnvironmentSession`.
- Access tokens, users and the event log: `Get-CCAccessToken`, `New-CCAccessToken` (the new secret comes back
  once, as a SecureString), `Remove-CCAccessToken`, `Get-CCUser` and `Get-CCEventLog`.
- `Invoke-CCRestMethod` sends any other request of the CodeCatalyst API with the module's token, endpoint,
  retries and errors, and reads every page with `-FollowNextToken`.
- AWS Amplify, signed with AWS credentials found the way the AWS CLI finds them: `Get-CCAmplifyApp`,
  `Get-CCAmplifyBranch`, `Get-CCAmplifyJob`, `Start-CCAmplifyJob`, `Stop-CCAmplifyJob`, `Remove-CCAmplifyJob`,
  `Wait-CCAmplifyJob`, and `Start-CCAmplifyDeployment` from a local zip, a URL or an S3 prefix.
- Sign-in: `Connect-CCAccount`, `Disconnect-CCAccount` and `Test-CCSession`. A token comes from `-Token`, the
  session, `AWS_BEARER_TOKEN_CODECATALYST` or an AWS IAM Identity Center (SSO) profile, refreshed the way
  botocore refreshes it. `Connect-CCAccount` also stores an AWS access key (checked with STS) and a Region for
  the Amplify cmdlets. Tokens and secret keys never appear in output, verbose or debug text, or errors.
- Calls retried the way the AWS SDKs retry them (`Retry-After` honoured), bounded in time and size, and cancelled
  at once by Ctrl+C. Every failure is an error record with a category, an error id, and the service's message and
  request id.
- Typed output with table views; objects carry their parents' keys down the pipeline; space, project, repository
  and workflow names complete with Tab.
- `Get-Help` for every cmdlet, and the `about_CodeCatalyst` topic.
- Runs on Windows PowerShell 5.1 and PowerShell 7.4 or later. On PowerShell 7 its private dependencies load into
  the module's own assembly load context, so modules that carry other versions of them import beside it.
- Guides and tested example runbooks for Azure Automation, AWS Systems Manager Automation and CI agents.
- In the source repository: a local emulator of CodeCatalyst, of Amplify's job operations and of the AWS
  identity endpoints (STS, SSO, container and instance credentials) for rehearsing runbooks, and
  `./build.ps1 -Task Package`, which writes the gallery package (`.nupkg`) and the zip that Azure Automation
  imports.
'@
        }
    }
}
