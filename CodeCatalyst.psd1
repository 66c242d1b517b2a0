@{
    RootModule           = 'CodeCatalyst.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Desktop', 'Core')
    GUID                 = '5b0f7c3e-2d4a-4c1e-9b6f-8a3d2e1c0f47'
    Author               = 'CodeCatalyst for PowerShell contributors'
    CompanyName          = 'CodeCatalyst for PowerShell'
    Copyright            = '(c) CodeCatalyst for PowerShell contributors. MIT License.'
    Description          = 'Drive Amazon CodeCatalyst workflows from PowerShell: list and start workflow runs, wait for them with progress, and script it safely with retries, idempotent starts and typed output. Includes a local emulator for rehearsing runbooks.'
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
            Tags         = @('AWS', 'CodeCatalyst', 'CI', 'Workflow', 'DevOps', 'Automation', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            ProjectUri   = 'https://github.com/codecatalyst-powershell/CodeCatalyst'
            ReleaseNotes = 'First release: workflow cmdlets (Get-CCWorkflow, Get-CCWorkflowRun, Start-CCWorkflowRun, Wait-CCWorkflowRun), Test-CCSession, Connect-CCAccount and Disconnect-CCAccount; Invoke-CCRestMethod for any other API request; bearer token, environment and AWS SSO profile authentication; standard-mode retries; local emulator.'
        }
    }
}
